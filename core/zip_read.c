/* Zip entries through libzip, with caps on sizes so that a small file cannot inflate to gigabytes.
 */
#include "zip_read.h"

#include <stdlib.h>
#include <string.h>

#include <zip.h>

struct pxr_zip {
    zip_t *za;
    char *name;
    size_t total; /* bytes inflated so far, for PXR_ZIP_MAX_TOTAL */
};

pxr_zip *pxr_zip_open(const char *name, const char *data, size_t len, pxr_error *err)
{
    zip_error_t ze;
    zip_source_t *src;
    pxr_zip *z = calloc(1, sizeof *z);
    zip_int64_t n;

    if (!z || !(z->name = strdup(name))) {
        free(z);
        pxr_fail(err, PXR_EINTERNAL, "out of memory");
        return NULL;
    }
    zip_error_init(&ze);
    if (!(src = zip_source_buffer_create(data, len, 0, &ze)) ||
        !(z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze))) {
        pxr_fail(err, PXR_EDATA, "%s: not a valid XLSX (zip) file: %s", name,
                 zip_error_strerror(&ze));
        zip_source_free(src); /* NULL-safe; after a failed open the source is still ours */
        zip_error_fini(&ze);
        free(z->name);
        free(z);
        return NULL;
    }
    zip_error_fini(&ze);
    n = zip_get_num_entries(z->za, 0);
    if (n < 0 || n > PXR_ZIP_MAX_ENTRIES) {
        pxr_fail(err, PXR_EDATA,
                 "%s: not a valid XLSX (zip) file: %lld entries (a workbook has at most %d)", name,
                 (long long)n, PXR_ZIP_MAX_ENTRIES);
        pxr_zip_close(z);
        return NULL;
    }
    return z;
}

void pxr_zip_close(pxr_zip *z)
{
    if (!z)
        return;
    zip_discard(z->za);
    free(z->name);
    free(z);
}

int pxr_zip_has(pxr_zip *z, const char *entry)
{
    return zip_name_locate(z->za, entry, ZIP_FL_NOCASE) >= 0;
}

/*
** The declared size is checked first (cheap), and the inflated bytes are
** counted too, because a forged header can understate them.
*/
int pxr_zip_read(pxr_zip *z, const char *entry, char **out, size_t *outlen, pxr_error *err)
{
    zip_int64_t idx = zip_name_locate(z->za, entry, ZIP_FL_NOCASE);
    zip_stat_t sb;
    zip_file_t *f;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    zip_int64_t got;

    *out = NULL;
    *outlen = 0;
    if (idx < 0)
        return pxr_fail(err, PXR_EDATA, "%s: the XLSX has no %s", z->name, entry);
    zip_stat_init(&sb);
    if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &sb) != 0)
        return pxr_fail(err, PXR_EDATA, "%s: %s: %s", z->name, entry, zip_strerror(z->za));
    if ((sb.valid & ZIP_STAT_SIZE) && sb.size > PXR_ZIP_MAX_ENTRY)
        return pxr_fail(err, PXR_EDATA,
                        "%s: %s would inflate to %llu bytes, above the limit of %zu MB "
                        "(a zip bomb?)",
                        z->name, entry, (unsigned long long)sb.size, PXR_ZIP_MAX_ENTRY >> 20);
    if (!(f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0)))
        return pxr_fail(err, PXR_EDATA, "%s: %s: %s", z->name, entry, zip_strerror(z->za));
    do {
        if (cap - n < 65536) {
            size_t want = cap ? cap * 2 : (sb.valid & ZIP_STAT_SIZE) ? sb.size + 65537 : 65536;
            if (want > PXR_ZIP_MAX_ENTRY + 65537)
                want = PXR_ZIP_MAX_ENTRY + 65537; /* enough to see that the limit is passed */
            char *grown = realloc(buf, want);
            if (!grown) {
                zip_fclose(f);
                free(buf);
                return pxr_fail(err, PXR_EINTERNAL, "%s: %s: out of memory", z->name, entry);
            }
            buf = grown, cap = want;
        }
        got = zip_fread(f, buf + n, cap - n - 1);
        if (got > 0)
            n += (size_t)got;
        if (n > PXR_ZIP_MAX_ENTRY || z->total + n > PXR_ZIP_MAX_TOTAL) {
            zip_fclose(f);
            free(buf);
            return pxr_fail(
                err, PXR_EDATA, "%s: %s inflates beyond the limit of %zu MB (a zip bomb?)", z->name,
                entry, (n > PXR_ZIP_MAX_ENTRY ? PXR_ZIP_MAX_ENTRY : PXR_ZIP_MAX_TOTAL) >> 20);
        }
    } while (got > 0);
    if (got < 0) {
        pxr_fail(err, PXR_EDATA, "%s: %s is corrupt: %s", z->name, entry, zip_file_strerror(f));
        zip_fclose(f);
        free(buf);
        return PXR_EDATA;
    }
    zip_fclose(f);
    z->total += n;
    buf[n] = '\0';
    *out = buf;
    *outlen = n;
    return PXR_OK;
}
