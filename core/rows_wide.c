/*
** The wide layout of a template (one row per institution, columns CODE,
** CODE.numerator, CODE.denominator) read as long records
** "institution,period,indicator,value,numerator,denominator", one per row and
** indicator.  where() names the real cell: the header cell for the
** indicator, the row's cell for everything else.
*/
#include "rows.h"
#include "template.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { W_UNIT, W_PERIOD, W_INDICATOR, W_VALUE, W_NUM, W_DEN, W_FIELDS };

static const char *const long_header[W_FIELDS] = {"institution", "period",    "indicator",
                                                  "value",       "numerator", "denominator"};

typedef struct group {
    char *code;
    char *header_where; /* where the code stands in the header */
    long col[3];        /* inner columns of value, numerator, denominator; -1 if absent */
} group;

typedef struct wide_rows {
    pxr_rows base;
    pxr_rows *inner;
    size_t inner_width;
    long unit_col, period_col;
    group *groups;
    size_t ngroups, next_group;
    int at_header, in_row, rows_read;
} wide_rows;

static int inner_row(wide_rows *w, pxr_error *err)
{
    char where[600];
    int more;
    do {
        if ((more = pxr_rows_next(w->inner, err)) != 1)
            return more;
        /* the template's second header row of Chinese labels */
    } while (w->rows_read++ == 0 &&
             strcmp(pxr_rows_field(w->inner, (size_t)w->unit_col), PXR_TEMPLATE_LABEL_MARK) == 0);
    if (pxr_rows_count(w->inner) != w->inner_width) {
        pxr_rows_where(w->inner, PXR_ROWS_RECORD, where, sizeof where);
        pxr_msg_where(where, sizeof where);
        pxr_fail(err, PXR_EDATA, "%s: %zu fields, but the header has %zu", where,
                 pxr_rows_count(w->inner), w->inner_width);
        return -1;
    }
    return 1;
}

static int wide_next(pxr_rows *r, pxr_error *err)
{
    wide_rows *w = (wide_rows *)r;
    w->at_header = 0;
    if (!w->in_row || ++w->next_group == w->ngroups) {
        int more = inner_row(w, err);
        if (more != 1)
            return more;
        w->in_row = 1;
        w->next_group = 0;
    }
    return 1;
}

static size_t wide_count(const pxr_rows *r)
{
    (void)r;
    return W_FIELDS;
}

/* The inner column behind long field i of the current record, or -1. */
static long inner_col(const wide_rows *w, size_t i)
{
    const group *g = &w->groups[w->next_group];
    switch (i) {
    case W_UNIT:
        return w->unit_col;
    case W_PERIOD:
        return w->period_col;
    case W_VALUE:
    case W_NUM:
    case W_DEN:
        return g->col[i - W_VALUE];
    default:
        return -1;
    }
}

static const char *wide_field(const pxr_rows *r, size_t i)
{
    const wide_rows *w = (const wide_rows *)r;
    long c;
    if (i >= W_FIELDS)
        return "";
    if (w->at_header)
        return long_header[i];
    if (i == W_INDICATOR)
        return w->groups[w->next_group].code;
    c = inner_col(w, i);
    return c >= 0 ? pxr_rows_field(w->inner, (size_t)c) : "";
}

static long wide_line(const pxr_rows *r)
{
    return pxr_rows_line(((const wide_rows *)r)->inner);
}

static void wide_where(const pxr_rows *r, size_t i, char *out, size_t outlen)
{
    const wide_rows *w = (const wide_rows *)r;
    long c;
    if (w->at_header || i == PXR_ROWS_RECORD || i >= W_FIELDS) {
        pxr_rows_where(w->inner, PXR_ROWS_RECORD, out, outlen);
        return;
    }
    if (i == W_INDICATOR) {
        snprintf(out, outlen, "%s", w->groups[w->next_group].header_where);
        return;
    }
    c = inner_col(w, i);
    /* no numerator column for this indicator: name its value cell */
    if (c < 0)
        c = w->groups[w->next_group].col[0];
    pxr_rows_where(w->inner, c >= 0 ? (size_t)c : PXR_ROWS_RECORD, out, outlen);
}

static void wide_close(pxr_rows *r)
{
    wide_rows *w = (wide_rows *)r;
    for (size_t g = 0; g < w->ngroups; g++) {
        free(w->groups[g].code);
        free(w->groups[g].header_where);
    }
    free(w->groups);
    pxr_rows_close(w->inner);
    free(w);
}

static const pxr_rows_ops wide_ops = {wide_next, wide_count, wide_field,
                                      wide_line, wide_where, wide_close};

/* Splits "EI01.numerator" into its code and part (1); a bare code is part 0. */
static int split_column(const char *name, size_t *codelen)
{
    static const char *const suffixes[] = {PXR_TEMPLATE_NUM_SUFFIX, PXR_TEMPLATE_DEN_SUFFIX};
    size_t n = strlen(name);
    for (int p = 0; p < 2; p++) {
        size_t k = strlen(suffixes[p]);
        if (n > k && strcmp(name + n - k, suffixes[p]) == 0) {
            *codelen = n - k;
            return p + 1;
        }
    }
    *codelen = n;
    return 0;
}

static int add_to_group(wide_rows *w, const char *name, size_t f, pxr_error *err)
{
    size_t codelen, g;
    int part = split_column(name, &codelen);
    char where[600];

    pxr_rows_where(w->inner, f, where, sizeof where);
    pxr_msg_where(where, sizeof where);
    for (g = 0; g < w->ngroups; g++)
        if (strlen(w->groups[g].code) == codelen && memcmp(w->groups[g].code, name, codelen) == 0)
            break;
    if (g == w->ngroups) {
        group *grown = realloc(w->groups, (w->ngroups + 1) * sizeof *grown);
        if (!grown)
            return pxr_fail(err, PXR_EINTERNAL, "out of memory");
        w->groups = grown;
        memset(&grown[g], 0, sizeof grown[g]);
        grown[g].col[0] = grown[g].col[1] = grown[g].col[2] = -1;
        w->ngroups++;
        if (!(grown[g].code = strndup(name, codelen)) || !(grown[g].header_where = strdup(where)))
            return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    if (w->groups[g].col[part] >= 0)
        return pxr_fail(err, PXR_EDATA, "%s: column '%s' appears twice", where, name);
    w->groups[g].col[part] = (long)f;
    return PXR_OK;
}

/*
** inner stands on its header.  Columns institution and period are the keys,
** name is the institution's name (ignored); every other column belongs to an
** indicator.  The importer checks the codes; this only groups them.
*/
pxr_rows *pxr_rows_open_wide(pxr_rows *inner, pxr_error *err)
{
    wide_rows *w = calloc(1, sizeof *w);
    char where[600];

    if (!w) {
        pxr_rows_close(inner);
        pxr_fail(err, PXR_EINTERNAL, "out of memory");
        return NULL;
    }
    w->base.ops = &wide_ops;
    w->inner = inner;
    w->inner_width = pxr_rows_count(inner);
    w->unit_col = w->period_col = -1;
    w->at_header = 1;
    snprintf(w->base.format, sizeof w->base.format, "%.30s, wide", inner->format);
    for (size_t f = 0; f < w->inner_width; f++) {
        const char *name = pxr_rows_field(inner, f);
        long *key = strcmp(name, "institution") == 0 ? &w->unit_col
                    : strcmp(name, "period") == 0    ? &w->period_col
                                                     : NULL;
        if (key && *key >= 0) {
            pxr_rows_where(inner, f, where, sizeof where);
            pxr_msg_where(where, sizeof where);
            pxr_fail(err, PXR_EDATA, "%s: column '%s' appears twice", where, name);
            goto fail;
        }
        if (key)
            *key = (long)f;
        else if (strcmp(name, "name") != 0 && add_to_group(w, name, f, err) != PXR_OK)
            goto fail;
    }
    if (w->unit_col < 0 || w->period_col < 0 || w->ngroups == 0) {
        pxr_rows_where(inner, PXR_ROWS_RECORD, where, sizeof where);
        pxr_msg_where(where, sizeof where);
        pxr_fail(err, PXR_EDATA,
                 "%s: a one-row-per-institution header needs institution, period and indicator "
                 "columns",
                 where);
        goto fail;
    }
    return &w->base;
fail:
    wide_close(&w->base);
    return NULL;
}
