/* RFC 4180 CSV reader: one growing buffer per record, fields addressed by offsets. */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct field {
    size_t off;    /* start of the unquoted, NUL-terminated value in buf */
    size_t src;    /* byte offset in data where the field starts */
    size_t lstart; /* byte offset in data of the start of that line */
} field;

struct pxr_csv {
    const char *data;
    size_t len, pos;
    char *name;
    long line;         /* line number at pos */
    size_t line_start; /* offset of the start of the line containing pos */
    long rec_line;     /* line on which the current record starts */
    int failed;        /* a syntax error ends the reading */
    pxr_error last;    /* repeated on every call after an error */
    char *buf;
    size_t used, cap;
    field *fields;
    size_t count, fcap;
};

pxr_csv *pxr_csv_open(const char *data, size_t len, const char *name)
{
    pxr_csv *csv = calloc(1, sizeof *csv);
    if (!csv)
        return NULL;
    csv->data = data;
    csv->len = data ? len : 0;
    csv->line = 1;
    csv->name = strdup(name ? name : "(csv)");
    csv->cap = 256;
    csv->buf = malloc(csv->cap);
    csv->fcap = 16;
    csv->fields = malloc(csv->fcap * sizeof *csv->fields);
    if (!csv->name || !csv->buf || !csv->fields) {
        pxr_csv_close(csv);
        return NULL;
    }
    return csv;
}

void pxr_csv_close(pxr_csv *csv)
{
    if (!csv)
        return;
    free(csv->name);
    free(csv->buf);
    free(csv->fields);
    free(csv);
}

/* Characters (UTF-8 code points) in data[from..to), plus one. */
static long column_of(const pxr_csv *csv, size_t from, size_t to)
{
    long col = 1;
    for (size_t i = from; i < to; i++)
        col += ((unsigned char)csv->data[i] & 0xC0) != 0x80;
    return col;
}

static int syntax_error(pxr_csv *csv, size_t at, const char *what, pxr_error *err)
{
    csv->failed = 1;
    csv->count = 0;
    pxr_fail(&csv->last, PXR_EDATA, "%s:%ld:%ld: %s", csv->name, csv->line,
             column_of(csv, csv->line_start, at), pxr_msg(what));
    if (err)
        *err = csv->last;
    return -1;
}

static int out_of_memory(pxr_csv *csv, pxr_error *err)
{
    csv->failed = 1;
    csv->count = 0;
    pxr_fail(&csv->last, PXR_EINTERNAL, "%s:%ld: out of memory reading a record", csv->name,
             csv->rec_line);
    if (err)
        *err = csv->last;
    return -1;
}

static int too_long(pxr_csv *csv, size_t at, pxr_error *err)
{
    char what[160];
    snprintf(
        what, sizeof what,
        pxr_msg("the record starting on line %ld holds more than %zu bytes (%zu MiB, the limit "
                "for one record)"),
        csv->rec_line, PXR_CSV_MAX_RECORD, PXR_CSV_MAX_RECORD >> 20);
    return syntax_error(csv, at, what, err);
}

/* Makes room for n more bytes in buf: 0, -1 when out of memory, -2 beyond the record limit. */
static int reserve(pxr_csv *csv, size_t n)
{
    if (csv->used + n <= csv->cap)
        return 0;
    if (csv->used + n > PXR_CSV_MAX_RECORD + 1)
        return -2;
    size_t cap = csv->cap;
    while (cap < csv->used + n)
        cap *= 2;
    char *grown = realloc(csv->buf, cap);
    if (!grown)
        return -1;
    csv->buf = grown;
    csv->cap = cap;
    return 0;
}

/* 0, -1 when out of memory, -2 beyond the field limit. */
static int add_field(pxr_csv *csv)
{
    if (csv->count == PXR_CSV_MAX_FIELDS)
        return -2;
    if (csv->count == csv->fcap) {
        field *grown = realloc(csv->fields, 2 * csv->fcap * sizeof *grown);
        if (!grown)
            return -1;
        csv->fields = grown;
        csv->fcap *= 2;
    }
    field *f = &csv->fields[csv->count++];
    f->off = csv->used;
    f->src = csv->pos;
    f->lstart = csv->line_start;
    return 0;
}

static int too_many_fields(pxr_csv *csv, pxr_error *err)
{
    char what[160];
    snprintf(what, sizeof what,
             pxr_msg("the record starting on line %ld has more than %d fields (the limit for one "
                     "record)"),
             csv->rec_line, PXR_CSV_MAX_FIELDS);
    return syntax_error(csv, csv->pos, what, err);
}

/* Consumes a line end (LF, CRLF or a lone CR) at pos, if there is one. */
static int eat_line_end(pxr_csv *csv)
{
    const char *d = csv->data;
    if (csv->pos >= csv->len || (d[csv->pos] != '\n' && d[csv->pos] != '\r'))
        return 0;
    if (d[csv->pos] == '\r' && csv->pos + 1 < csv->len && d[csv->pos + 1] == '\n')
        csv->pos++;
    csv->pos++;
    csv->line++;
    csv->line_start = csv->pos;
    return 1;
}

/*
** Reads a quoted field whose opening quote is at pos.  Line breaks inside it
** are kept in the value and advance the line count, so later records and
** errors still name the right line.
*/
static int read_quoted(pxr_csv *csv, pxr_error *err)
{
    const char *d = csv->data;
    size_t open = csv->pos;
    long open_line = csv->line;
    size_t open_lstart = csv->line_start;
    size_t p = open + 1;
    int rc;
    for (;;) {
        size_t seg = p;
        while (p < csv->len && d[p] != '"') {
            if (d[p] == '\n' || (d[p] == '\r' && (p + 1 >= csv->len || d[p + 1] != '\n'))) {
                csv->line++;
                csv->line_start = p + 1;
            }
            p++;
        }
        if (p >= csv->len) {
            csv->line = open_line;
            csv->line_start = open_lstart;
            return syntax_error(csv, open, "unterminated quoted field", err);
        }
        if ((rc = reserve(csv, p - seg + 2)) != 0)
            return rc == -2 ? too_long(csv, seg, err) : out_of_memory(csv, err);
        memcpy(csv->buf + csv->used, d + seg, p - seg);
        csv->used += p - seg;
        if (p + 1 < csv->len && d[p + 1] == '"') {
            csv->buf[csv->used++] = '"';
            p += 2;
            continue;
        }
        csv->pos = p + 1;
        break;
    }
    char c = csv->pos < csv->len ? d[csv->pos] : ',';
    if (c != ',' && c != '\n' && c != '\r')
        return syntax_error(csv, csv->pos, "text after closing quote", err);
    return PXR_OK;
}

static int read_plain(pxr_csv *csv, pxr_error *err)
{
    const char *d = csv->data;
    size_t p = csv->pos;
    int rc;
    while (p < csv->len) {
        char c = d[p];
        if (c == ',' || c == '\n' || c == '\r' || c == '"')
            break;
        p++;
    }
    if (p < csv->len && d[p] == '"')
        return syntax_error(csv, p, "quote inside an unquoted field", err);
    if ((rc = reserve(csv, p - csv->pos + 1)) != 0)
        return rc == -2 ? too_long(csv, csv->pos, err) : out_of_memory(csv, err);
    memcpy(csv->buf + csv->used, d + csv->pos, p - csv->pos);
    csv->used += p - csv->pos;
    csv->pos = p;
    return PXR_OK;
}

int pxr_csv_next(pxr_csv *csv, pxr_error *err)
{
    if (csv->failed) {
        if (err)
            *err = csv->last;
        return -1;
    }
    while (eat_line_end(csv))
        ;
    csv->count = 0;
    csv->used = 0;
    if (csv->pos >= csv->len)
        return 0;
    csv->rec_line = csv->line;
    for (;;) {
        int added = add_field(csv);
        if (added == -2)
            return too_many_fields(csv, err);
        if (added != 0)
            return out_of_memory(csv, err);
        int rc = csv->data[csv->pos] == '"' ? read_quoted(csv, err) : read_plain(csv, err);
        if (rc != PXR_OK)
            return rc;
        csv->buf[csv->used++] = '\0';
        if (csv->pos < csv->len && csv->data[csv->pos] == ',') {
            csv->pos++;
            /* A trailing comma at the end of the data still opens an empty field. */
            if (csv->pos >= csv->len) {
                if ((added = add_field(csv)) == -2)
                    return too_many_fields(csv, err);
                if (added != 0 || reserve(csv, 1) != 0)
                    return out_of_memory(csv, err);
                csv->buf[csv->used++] = '\0';
                return 1;
            }
            continue;
        }
        eat_line_end(csv);
        return 1;
    }
}

size_t pxr_csv_count(const pxr_csv *csv)
{
    return csv->count;
}

const char *pxr_csv_field(const pxr_csv *csv, size_t i)
{
    return i < csv->count ? csv->buf + csv->fields[i].off : "";
}

long pxr_csv_line(const pxr_csv *csv)
{
    return csv->rec_line;
}

long pxr_csv_column(const pxr_csv *csv, size_t i)
{
    if (i >= csv->count)
        return 0;
    return column_of(csv, csv->fields[i].lstart, csv->fields[i].src);
}

void pxr_csv_put(FILE *f, const char *s, int last)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else if (s) {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}
