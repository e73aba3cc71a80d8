/*
** An XLSX worksheet as a record source.  The workbook's parts are read from
** the zip and parsed with the XXE-safe parser; cells are placed by their
** reference (D22), so sparse rows read "" where a cell is absent.  The sheet
** and the shared strings are inflated a chunk at a time straight into the XML
** reader, which hands out one <row> or <si> at a time: the sheet's memory is
** bounded by its largest row, whatever its size.  The shared strings are kept,
** each once (in one block) with cells pointing at them, so they are bounded by
** the limit on a part (PXR_ZIP_MAX_ENTRY, 256 MB inflated).
*/
#include "rows.h"
#include "xml_read.h"
#include "zip_read.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#define SHEET_NAME "填报" /* the sheet `pxr template` writes; read in preference to the first */
#define MAX_COLUMN 16384  /* XFD, Excel's last column */

typedef struct xlsx_rows {
    pxr_rows base;
    char *name;          /* the file, for messages */
    char *sheet;         /* the sheet's name */
    pxr_zip *zip;        /* open while the sheet is read */
    pxr_zip_entry *part; /* the part being read, inflated as the reader asks */
    pxr_error part_err;  /* why reading the part failed */
    int part_failed;
    pxr_xml_stream *rows;
    char *pool;   /* the shared strings, NUL-terminated one after the other */
    size_t *soff; /* offset in pool of each shared string */
    size_t nstrings, poollen, poolcap, soffcap;
    long rownum, last_rownum;
    const char **cells;   /* the current record; NULL for an empty cell */
    unsigned char *owned; /* 1 where cells[i] is malloc'ed (not a shared string) */
    size_t ncells, cellcap, count, header_width;
    int have_header;
} xlsx_rows;

static int is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* An attribute by local name, whatever its namespace (r:id in Transitional and Strict). */
static char *attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return (char *)xmlNodeGetContent((xmlNodePtr)a);
    return NULL;
}

static void column_letters(size_t col, char *out)
{
    char tmp[8];
    size_t n = 0;
    col++;
    while (col && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (col - 1) % 26);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* "D22" -> column 3 (0-based); -1 when the reference is not one. */
static long parse_ref(const char *ref)
{
    long col = 0;
    const char *p = ref;
    while (*p >= 'A' && *p <= 'Z' && col <= MAX_COLUMN)
        col = col * 26 + (*p++ - 'A' + 1);
    if (p == ref || col > MAX_COLUMN || *p < '1' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p ? -1 : col - 1;
}

/*
** Excel stores 0.3 as 0.30000000000000004 when it was computed; 15
** significant digits is what it shows, so that is the text the importer gets.
** No exponent: the importer takes plain decimals only.
*/
static void normalise_number(const char *v, char *out, size_t outlen)
{
    char *end;
    double d;

    errno = 0;
    d = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(d)) {
        snprintf(out, outlen, "%s", v);
        return;
    }
    snprintf(out, outlen, "%.15g", d);
    if (strchr(out, 'e')) {
        int prec = 14 - (int)floor(log10(fabs(d)));
        snprintf(out, outlen, "%.*f", prec < 0 ? 0 : prec > 60 ? 60 : prec, d);
        if (strchr(out, '.')) {
            size_t n = strlen(out);
            while (out[n - 1] == '0')
                out[--n] = '\0';
            if (out[n - 1] == '.')
                out[n - 1] = '\0';
        }
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

/* Appends the text of the <t> children of n (a shared string or inline string) to buf. */
static int append_runs(xmlNodePtr n, char **buf, size_t *len, size_t *cap)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        xmlNodePtr t = is(c, "t") ? c : is(c, "r") ? child(c, "t") : NULL; /* not <rPh> ruby */
        xmlChar *s;
        size_t k;
        if (!t)
            continue;
        if (!(s = xmlNodeGetContent(t)))
            return -1;
        k = strlen((const char *)s);
        if (*len + k + 1 > *cap) {
            size_t want = (*len + k + 1) * 2;
            char *grown = realloc(*buf, want);
            if (!grown) {
                xmlFree(s);
                return -1;
            }
            *buf = grown, *cap = want;
        }
        memcpy(*buf + *len, s, k + 1);
        *len += k;
        xmlFree(s);
    }
    return 0;
}

static char *run_text(xmlNodePtr n)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    if (append_runs(n, &buf, &len, &cap) != 0) {
        free(buf);
        return NULL;
    }
    return buf ? buf : strdup("");
}

/* Reads and parses one XML part of the archive. */
static xmlDocPtr read_part(pxr_zip *z, const char *path, const char *part, pxr_error *err)
{
    char *buf, label[1200];
    size_t len;
    xmlDocPtr doc;

    if (pxr_zip_read(z, part, &buf, &len, err) != PXR_OK)
        return NULL;
    snprintf(label, sizeof label, "%s: %s", path, part);
    doc = pxr_xml_parse_memory(buf, len, label, err);
    free(buf);
    return doc;
}

static int add_string(xlsx_rows *x, const char *text)
{
    size_t k = strlen(text) + 1;
    if (x->nstrings == x->soffcap) {
        size_t want = x->soffcap ? x->soffcap * 2 : 256;
        size_t *grown = realloc(x->soff, want * sizeof *grown);
        if (!grown)
            return -1;
        x->soff = grown, x->soffcap = want;
    }
    if (x->poollen + k > x->poolcap) {
        size_t want = (x->poollen + k) * 2;
        char *grown = realloc(x->pool, want);
        if (!grown)
            return -1;
        x->pool = grown, x->poolcap = want;
    }
    memcpy(x->pool + x->poollen, text, k);
    x->soff[x->nstrings++] = x->poollen;
    x->poollen += k;
    return 0;
}

static long read_part_chunk(void *ctx, char *buf, size_t len)
{
    xlsx_rows *x = ctx;
    long got = pxr_zip_entry_read(x->part, buf, len, &x->part_err);
    x->part_failed |= got < 0;
    return got;
}

/* A stream over a part as it inflates; x->part until the stream is closed. */
static pxr_xml_stream *open_part_stream(xlsx_rows *x, const char *part, pxr_error *err)
{
    char label[1200];
    pxr_xml_stream *st;
    snprintf(label, sizeof label, "%s: %s", x->name, part);
    x->part_failed = 0;
    if (!(x->part = pxr_zip_entry_open(x->zip, part, err)))
        return NULL;
    if (!(st = pxr_xml_stream_open_io(read_part_chunk, x, label, err)) && x->part_failed)
        *err = x->part_err;
    return st;
}

static void close_part_stream(xlsx_rows *x, pxr_xml_stream *st)
{
    pxr_xml_stream_close(st);
    pxr_zip_entry_close(x->part);
    x->part = NULL;
}

/* -1 from the stream: the part's own error when inflating it failed. */
static int stream_failed(xlsx_rows *x, pxr_error *err)
{
    if (x->part_failed)
        *err = x->part_err;
    return -1;
}

static int load_strings(xlsx_rows *x, const char *part, pxr_error *err)
{
    char label[1200];
    pxr_xml_stream *st;
    xmlNodePtr si;
    int more, rc = PXR_OK;

    snprintf(label, sizeof label, "%s: %s", x->name, part);
    if (!(st = open_part_stream(x, part, err))) {
        close_part_stream(x, NULL);
        return err->code;
    }
    while ((more = pxr_xml_stream_next(st, 1, "si", &si, err)) == 1) {
        char *text = run_text(si);
        if (!text || add_string(x, text) != 0) {
            free(text);
            rc = pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", label);
            break;
        }
        free(text);
    }
    if (more < 0)
        rc = (stream_failed(x, err), err->code);
    close_part_stream(x, st);
    return rc;
}

/* The part a relationship of xl/workbook.xml points to ("worksheets/sheet1.xml" -> xl/...). */
static void resolve_target(const char *target, char *out, size_t outlen)
{
    if (target[0] == '/')
        snprintf(out, outlen, "%s", target + 1);
    else
        snprintf(out, outlen, "xl/%s", target);
}

/*
** Finds the worksheet to read: the one named 填报, else the first, and the
** shared strings part.  Fills sheet_part/strings_part (strings_part "" if none).
*/
static int find_parts(xlsx_rows *x, pxr_zip *z, char *sheet_part, size_t sheetlen,
                      char *strings_part, size_t stringslen, pxr_error *err)
{
    xmlDocPtr wb = NULL, rels = NULL;
    xmlNodePtr sheets, chosen = NULL;
    char *rid = NULL;
    int rc = PXR_OK;

    sheet_part[0] = strings_part[0] = '\0';
    if (!(wb = read_part(z, x->name, "xl/workbook.xml", err)))
        return err->code;
    sheets = child(xmlDocGetRootElement(wb), "sheets");
    for (xmlNodePtr s = sheets ? sheets->children : NULL; s; s = s->next) {
        char *name;
        if (!is(s, "sheet"))
            continue;
        name = attr(s, "name");
        if (!chosen || (name && strcmp(name, SHEET_NAME) == 0)) {
            int preferred = name && strcmp(name, SHEET_NAME) == 0;
            chosen = s;
            free(x->sheet);
            x->sheet = strdup(name ? name : "");
            if (preferred) {
                xmlFree(name);
                break;
            }
        }
        xmlFree(name);
    }
    if (!chosen || !x->sheet || !(rid = attr(chosen, "id"))) {
        rc = pxr_fail(err, PXR_EDATA, "%s: the workbook lists no worksheet", x->name);
        goto done;
    }
    if (!(rels = read_part(z, x->name, "xl/_rels/workbook.xml.rels", err))) {
        rc = err->code;
        goto done;
    }
    for (xmlNodePtr r = xmlDocGetRootElement(rels)->children; r; r = r->next) {
        char *id, *type, *target, *mode;
        if (!is(r, "Relationship"))
            continue;
        id = attr(r, "Id"), type = attr(r, "Type"), target = attr(r, "Target");
        mode = attr(r, "TargetMode");
        if (id && target && !mode && strcmp(id, rid) == 0)
            resolve_target(target, sheet_part, sheetlen);
        if (type && target && !mode && strlen(type) > 14 &&
            strcmp(type + strlen(type) - 14, "/sharedStrings") == 0)
            resolve_target(target, strings_part, stringslen);
        xmlFree(id), xmlFree(type), xmlFree(target), xmlFree(mode);
    }
    if (!sheet_part[0])
        rc = pxr_fail(err, PXR_EDATA, "%s: sheet '%s' has no part in the workbook's relationships",
                      x->name, x->sheet);
    else if (!strings_part[0] && pxr_zip_has(z, "xl/sharedStrings.xml"))
        snprintf(strings_part, stringslen, "xl/sharedStrings.xml");
done:
    xmlFree(rid);
    xmlFreeDoc(rels);
    xmlFreeDoc(wb);
    return rc;
}

static void free_cell(xlsx_rows *x, size_t i)
{
    if (x->owned[i])
        free((char *)x->cells[i]);
    x->cells[i] = NULL;
    x->owned[i] = 0;
}

static void clear_cells(xlsx_rows *x)
{
    for (size_t i = 0; i < x->ncells; i++)
        free_cell(x, i);
    x->ncells = 0;
}

/* Places text at col; owned: text is malloc'ed and the row frees it, else a shared string. */
static int put_cell(xlsx_rows *x, size_t col, const char *text, int owned)
{
    if (col >= x->cellcap) {
        size_t want = col + 16;
        const char **grown = realloc(x->cells, want * sizeof *grown);
        unsigned char *grown_owned;
        if (!grown)
            return -1;
        x->cells = grown;
        if (!(grown_owned = realloc(x->owned, want)))
            return -1;
        x->owned = grown_owned;
        memset(grown + x->cellcap, 0, (want - x->cellcap) * sizeof *grown);
        memset(grown_owned + x->cellcap, 0, want - x->cellcap);
        x->cellcap = want;
    }
    free_cell(x, col);
    x->cells[col] = text;
    x->owned[col] = (unsigned char)owned;
    if (col + 1 > x->ncells)
        x->ncells = col + 1;
    return 0;
}

static void cell_where(const xlsx_rows *x, size_t col, char *out, size_t outlen)
{
    char letters[8];
    column_letters(col, letters);
    snprintf(out, outlen, "%s: sheet '%s' cell %s%ld", x->name, x->sheet, letters, x->rownum);
}

/*
** The text of cell c (at column col) as the importer sees it; *text NULL for
** empty.  *owned is 0 when *text is a shared string (not to be freed).
*/
static int cell_text(xlsx_rows *x, xmlNodePtr c, size_t col, char **text, int *owned,
                     pxr_error *err)
{
    char *type = attr(c, "t"), where[1200];
    xmlNodePtr v = child(c, "v");
    xmlChar *raw = NULL;
    int rc = PXR_OK;

    *text = NULL;
    *owned = 1;
    if (type && strcmp(type, "inlineStr") == 0) {
        xmlNodePtr is_node = child(c, "is");
        if (is_node && !(*text = run_text(is_node)))
            rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
        xmlFree(type);
        return rc;
    }
    if (!v) {
        if (child(c, "f")) {
            cell_where(x, col, where, sizeof where);
            rc = pxr_fail(err, PXR_EDATA,
                          "%s: a formula without a computed value (open and save the file in "
                          "Excel or LibreOffice first)",
                          where);
        }
        xmlFree(type);
        return rc;
    }
    raw = xmlNodeGetContent(v);
    if (!raw) {
        xmlFree(type);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    if (type && strcmp(type, "s") == 0) {
        char *end;
        unsigned long long i;
        errno = 0;
        i = strtoull((const char *)raw, &end, 10);
        if (errno || *end || end == (char *)raw || i >= x->nstrings) {
            cell_where(x, col, where, sizeof where);
            rc = pxr_fail(err, PXR_EDATA, "%s: shared string %.40s does not exist", where,
                          (const char *)raw);
        } else {
            *text = x->pool + x->soff[i];
            *owned = 0;
        }
    } else if (type && strcmp(type, "b") == 0) {
        *text = strdup(strcmp((const char *)raw, "1") == 0 ? "1" : "0");
    } else if (!type || strcmp(type, "n") == 0) {
        char num[128];
        normalise_number((const char *)raw, num, sizeof num);
        *text = strdup(num);
    } else { /* str (a formula's text), e (#N/A …), d (ISO date): as written */
        *text = strdup((const char *)raw);
    }
    xmlFree(raw);
    xmlFree(type);
    if (rc == PXR_OK && !*text)
        rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
    return rc;
}

/* Reads the cells of one <row>; returns the number of non-empty ones, or -1. */
static long read_row(xlsx_rows *x, xmlNodePtr row, pxr_error *err)
{
    char *r = attr(row, "r");
    long nonempty = 0, col = -1;

    clear_cells(x);
    x->rownum = r ? strtol(r, NULL, 10) : x->last_rownum + 1;
    xmlFree(r);
    if (x->rownum <= x->last_rownum || x->rownum > 1048576) {
        pxr_fail(err, PXR_EDATA, "%s: sheet '%s': row %ld is out of order or out of range", x->name,
                 x->sheet, x->rownum);
        return -1;
    }
    x->last_rownum = x->rownum;
    for (xmlNodePtr c = row->children; c; c = c->next) {
        char *ref, *text;
        int owned;
        if (!is(c, "c"))
            continue;
        ref = attr(c, "r");
        col = ref ? parse_ref(ref) : col + 1;
        if (col < 0 || col >= MAX_COLUMN) {
            pxr_fail(err, PXR_EDATA, "%s: sheet '%s' row %ld: bad cell reference '%.20s'", x->name,
                     x->sheet, x->rownum, ref ? ref : "");
            xmlFree(ref);
            return -1;
        }
        xmlFree(ref);
        if (cell_text(x, c, (size_t)col, &text, &owned, err) != PXR_OK)
            return -1;
        if (!text)
            continue;
        if (!*text) {
            if (owned)
                free(text);
            continue;
        }
        if (put_cell(x, (size_t)col, text, owned) != 0) {
            if (owned)
                free(text);
            pxr_fail(err, PXR_EINTERNAL, "out of memory");
            return -1;
        }
        nonempty++;
    }
    return nonempty;
}

/* Rows without any text are skipped: Excel writes <row> for rows that are only formatted. */
static int xlsx_next(pxr_rows *r, pxr_error *err)
{
    xlsx_rows *x = (xlsx_rows *)r;
    xmlNodePtr row;
    int more;
    /* worksheet (0) > sheetData (1) > row (2) */
    while (x->rows && (more = pxr_xml_stream_next(x->rows, 2, "row", &row, err)) != 0) {
        long n;
        if (more < 0)
            stream_failed(x, err);
        if (more < 0 || (n = read_row(x, row, err)) < 0) {
            close_part_stream(x, x->rows);
            x->rows = NULL;
            return -1;
        }
        if (n == 0)
            continue;
        if (!x->have_header) {
            x->have_header = 1;
            x->header_width = x->ncells;
        }
        x->count = x->ncells > x->header_width ? x->ncells : x->header_width;
        return 1;
    }
    clear_cells(x);
    x->count = 0;
    return 0;
}

static size_t xlsx_count(const pxr_rows *r)
{
    return ((const xlsx_rows *)r)->count;
}

static const char *xlsx_field(const pxr_rows *r, size_t i)
{
    const xlsx_rows *x = (const xlsx_rows *)r;
    return i < x->ncells && x->cells[i] ? x->cells[i] : "";
}

static long xlsx_line(const pxr_rows *r)
{
    return ((const xlsx_rows *)r)->rownum;
}

static void xlsx_where(const pxr_rows *r, size_t i, char *out, size_t outlen)
{
    const xlsx_rows *x = (const xlsx_rows *)r;
    if (i == PXR_ROWS_RECORD)
        snprintf(out, outlen, "%s: sheet '%s' row %ld", x->name, x->sheet, x->rownum);
    else
        cell_where(x, i, out, outlen);
}

static void xlsx_close(pxr_rows *r)
{
    xlsx_rows *x = (xlsx_rows *)r;
    if (x->cells)
        clear_cells(x);
    free(x->cells);
    free(x->owned);
    free(x->pool);
    free(x->soff);
    close_part_stream(x, x->rows);
    pxr_zip_close(x->zip);
    free(x->sheet);
    free(x->name);
    free(x);
}

static const pxr_rows_ops xlsx_ops = {xlsx_next, xlsx_count, xlsx_field,
                                      xlsx_line, xlsx_where, xlsx_close};

/* A zip that is not a workbook: say what it is when that is easy to tell. */
static int not_a_workbook(pxr_zip *z, const char *path, pxr_error *err)
{
    const char *what = "a zip archive without xl/workbook.xml";
    if (pxr_zip_has(z, "xl/workbook.bin"))
        what = "a binary workbook (.xlsb); save it as .xlsx";
    else if (pxr_zip_has(z, "content.xml") && pxr_zip_has(z, "mimetype"))
        what = "an OpenDocument file (.ods); save it as .xlsx";
    else if (pxr_zip_has(z, "word/document.xml"))
        what = "a Word document";
    return pxr_fail(err, PXR_EDATA, "%s: not an XLSX workbook: %s", path, what);
}

pxr_rows *pxr_rows_open_xlsx(const char *path, const char *data, size_t len, pxr_error *err)
{
    xlsx_rows *x = calloc(1, sizeof *x);
    pxr_zip *z = NULL;
    char sheet_part[1024], strings_part[1024];

    if (!x || !(x->name = strdup(path))) {
        free(x);
        pxr_fail(err, PXR_EINTERNAL, "out of memory");
        return NULL;
    }
    x->base.ops = &xlsx_ops;
    snprintf(x->base.format, sizeof x->base.format, "XLSX");
    if (!(z = x->zip = pxr_zip_open(path, data, len, err)))
        goto fail;
    if (!pxr_zip_has(z, "xl/workbook.xml")) {
        not_a_workbook(z, path, err);
        goto fail;
    }
    if (find_parts(x, z, sheet_part, sizeof sheet_part, strings_part, sizeof strings_part, err) !=
        PXR_OK)
        goto fail;
    if (strings_part[0] && load_strings(x, strings_part, err) != PXR_OK)
        goto fail;
    if (!(x->rows = open_part_stream(x, sheet_part, err)))
        goto fail;
    return &x->base;
fail:
    xlsx_close(&x->base);
    return NULL;
}
