/* CSV as a record source: the encoding is detected and converted first. */
#include "csv.h"
#include "encoding.h"
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct csv_rows {
    pxr_rows base;
    char *name;
    char
        *text; /* the text converted to UTF-8, or NULL when the file's bytes are read as they are */
    pxr_csv *csv;
} csv_rows;

static int csv_next(pxr_rows *r, pxr_error *err)
{
    return pxr_csv_next(((csv_rows *)r)->csv, err);
}

static size_t csv_count(const pxr_rows *r)
{
    return pxr_csv_count(((const csv_rows *)r)->csv);
}

static const char *csv_field(const pxr_rows *r, size_t i)
{
    return pxr_csv_field(((const csv_rows *)r)->csv, i);
}

static long csv_line(const pxr_rows *r)
{
    return pxr_csv_line(((const csv_rows *)r)->csv);
}

static void csv_where(const pxr_rows *r, size_t i, char *out, size_t outlen)
{
    const csv_rows *c = (const csv_rows *)r;
    if (i == PXR_ROWS_RECORD || i >= pxr_csv_count(c->csv))
        snprintf(out, outlen, "%s:%ld", c->name, pxr_csv_line(c->csv));
    else
        snprintf(out, outlen, "%s:%ld:%ld", c->name, pxr_csv_line(c->csv),
                 pxr_csv_column(c->csv, i));
}

static void csv_close(pxr_rows *r)
{
    csv_rows *c = (csv_rows *)r;
    pxr_csv_close(c->csv);
    free(c->text);
    free(c->name);
    free(c);
}

static const pxr_rows_ops csv_ops = {csv_next, csv_count, csv_field,
                                     csv_line, csv_where, csv_close};

pxr_rows *pxr_rows_open_csv(const char *path, const char *data, size_t len, pxr_error *err)
{
    csv_rows *c = calloc(1, sizeof *c);
    size_t textlen;
    pxr_encoding enc;

    if (!c || !(c->name = strdup(path))) {
        free(c);
        pxr_fail(err, PXR_EINTERNAL, "out of memory");
        return NULL;
    }
    c->base.ops = &csv_ops;
    /*
    ** A UTF-8 file (most are) is read where it lies, which data outliving the
    ** source allows: no copy of a file of hundreds of MB.  Anything else,
    ** including what the conversion refuses (NUL bytes, a UTF-16 mark), goes
    ** through it.
    */
    size_t start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *text = data + start;
    textlen = len - start;
    enc = start ? PXR_ENC_UTF8_BOM : PXR_ENC_UTF8;
    if (textlen == 0 || memchr(text, '\0', textlen) || !pxr_utf8_valid(text, textlen)) {
        if (pxr_text_to_utf8(path, data, len, &c->text, &textlen, &enc, err) != PXR_OK) {
            free(c->name);
            free(c);
            return NULL;
        }
        text = c->text;
    }
    snprintf(c->base.format, sizeof c->base.format, "%s", pxr_encoding_name(enc));
    if (!(c->csv = pxr_csv_open(text, textlen, path))) {
        csv_close(&c->base);
        pxr_fail(err, PXR_EINTERNAL, "out of memory");
        return NULL;
    }
    return &c->base;
}
