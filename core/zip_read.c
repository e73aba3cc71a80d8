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

struct pxr_zip_entry {
    pxr_zip *z;
    zip_file_t *f;
    char *entry;
    size_t n; /* bytes inflated so far */
};

/*
** The declared size is checked first (cheap), and the inflated bytes are
** counted too, because a forged header can understate them.
*/
pxr_zip_entry *pxr_zip_entry_open(pxr_zip *z, const char *entry, pxr_error *err)
{
    zip_int64_t idx = zip_name_locate(z->za, entry, ZIP_FL_NOCASE);
    zip_stat_t sb;
    pxr_zip_entry *e;

    if (idx < 0)
        return pxr_fail(err, PXR_EDATA, "%s: the XLSX has no %s", z->name, entry), NULL;
    zip_stat_init(&sb);
    if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &sb) != 0)
        return pxr_fail(err, PXR_EDATA, "%s: %s: %s", z->name, entry, zip_strerror(z->za)), NULL;
    if ((sb.valid & ZIP_STAT_SIZE) && sb.size > PXR_ZIP_MAX_ENTRY)
        return pxr_fail(err, PXR_EDATA,
                        "%s: %s would inflate to %llu bytes, above the limit of %zu MB "
                        "(a zip bomb?)",
                        z->name, entry, (unsigned long long)sb.size, PXR_ZIP_MAX_ENTRY >> 20),
               NULL;
    if (!(e = calloc(1, sizeof *e)) || !(e->entry = strdup(entry))) {
        free(e);
        return pxr_fail(err, PXR_EINTERNAL, "%s: %s: out of memory", z->name, entry), NULL;
    }
    e->z = z;
    if (!(e->f = zip_fopen_index(z->za, (zip_uint64_t)idx, 0))) {
        pxr_fail(err, PXR_EDATA, "%s: %s: %s", z->name, entry, zip_strerror(z->za));
        pxr_zip_entry_close(e);
        return NULL;
    }
    return e;
}

long pxr_zip_entry_read(pxr_zip_entry *e, char *buf, size_t len, pxr_error *err)
{
    pxr_zip *z = e->z;
    zip_int64_t got = zip_fread(e->f, buf, len);
    if (got < 0)
        return pxr_fail(err, PXR_EDATA, "%s: %s is corrupt: %s", z->name, e->entry,
                        zip_file_strerror(e->f)),
               -1;
    e->n += (size_t)got;
    z->total += (size_t)got;
    if (e->n > PXR_ZIP_MAX_ENTRY || z->total > PXR_ZIP_MAX_TOTAL)
        return pxr_fail(err, PXR_EDATA, "%s: %s inflates beyond the limit of %zu MB (a zip bomb?)",
                        z->name, e->entry,
                        (e->n > PXR_ZIP_MAX_ENTRY ? PXR_ZIP_MAX_ENTRY : PXR_ZIP_MAX_TOTAL) >> 20),
               -1;
    return (long)got;
}

void pxr_zip_entry_close(pxr_zip_entry *e)
{
    if (!e)
        return;
    if (e->f)
        zip_fclose(e->f);
    free(e->entry);
    free(e);
}

int pxr_zip_read(pxr_zip *z, const char *entry, char **out, size_t *outlen, pxr_error *err)
{
    pxr_zip_entry *e = pxr_zip_entry_open(z, entry, err);
    char *buf = NULL;
    size_t cap = 0, n = 0;
    long got;

    *out = NULL;
    *outlen = 0;
    if (!e)
        return err->code;
    do {
        if (cap - n < 65536) {
            size_t want = cap ? cap * 2 : 65536;
            if (want > PXR_ZIP_MAX_ENTRY + 65537)
                want = PXR_ZIP_MAX_ENTRY + 65537; /* enough to see that the limit is passed */
            char *grown = realloc(buf, want);
            if (!grown) {
                pxr_zip_entry_close(e);
                free(buf);
                return pxr_fail(err, PXR_EINTERNAL, "%s: %s: out of memory", z->name, entry);
            }
            buf = grown, cap = want;
        }
        if ((got = pxr_zip_entry_read(e, buf + n, cap - n - 1, err)) > 0)
            n += (size_t)got;
    } while (got > 0);
    pxr_zip_entry_close(e);
    if (got < 0) {
        free(buf);
        return err->code;
    }
    buf[n] = '\0';
    *out = buf;
    *outlen = n;
    return PXR_OK;
}
