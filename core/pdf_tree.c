#include "pdf_tree.h"

#include "budget.h"
#include "fonts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** What the reader allocates counts in the run's memory budget (budget.h), and
** so does a reserve for the layout of each text (LAYOUT_PER_BYTE of it per
** byte: the layout's lines and glyphs of one paragraph take up to about 30
** bytes per byte of UTF-8).  A table listed a million times costs Lua one slot
** each but C a block each: this is what keeps that inside PXR_MAX_MEMORY_MB.
** The doc's charge is given back by pxr_pdf_doc_free.
*/
#define LAYOUT_PER_BYTE 32
static size_t tree_bytes; /* charged for the doc being read */
static int tree_refused;  /* an allocation did not fit in the budget */

static int tree_charge(size_t n)
{
    if (pxr_budget_charge(n) != 0) {
        tree_refused = 1;
        return -1;
    }
    tree_bytes += n;
    return 0;
}

static void *tree_calloc(size_t n, size_t size)
{
    void *p;
    if (size && n > ((size_t)-1) / size)
        return NULL;
    if (tree_charge(n * size) != 0)
        return NULL;
    if (!(p = calloc(n ? n : 1, size ? size : 1))) {
        pxr_budget_release(n * size);
        tree_bytes -= n * size;
    }
    return p;
}

static void *tree_malloc(size_t n)
{
    return tree_calloc(1, n);
}

static char *tree_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = tree_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/*
** Pushes t[name] without metamethods: a document is plain data, and no code of
** the script may run (or raise) while C holds the half-built pdf_doc.
*/
static int raw_field(lua_State *L, int idx, const char *name)
{
    idx = lua_absindex(L, idx);
    lua_pushstring(L, name);
    return lua_rawget(L, idx);
}

/* Copies the string or number at the top of the stack; *out stays NULL for nil. */
static int dup_value(lua_State *L, char **out, int *numeric)
{
    char buf[64];
    const char *s;
    size_t len;

    *out = NULL;
    if (numeric)
        *numeric = 0;
    switch (lua_type(L, -1)) {
    case LUA_TNIL:
        return 0;
    case LUA_TNUMBER:
        if (lua_isinteger(L, -1))
            snprintf(buf, sizeof buf, "%lld", (long long)lua_tointeger(L, -1));
        else
            snprintf(buf, sizeof buf, "%.14g", (double)lua_tonumber(L, -1));
        if (numeric)
            *numeric = 1;
        s = buf, len = strlen(buf);
        break;
    case LUA_TSTRING:
        s = lua_tolstring(L, -1, &len);
        if (len > ((size_t)-1) / LAYOUT_PER_BYTE || tree_charge(len * LAYOUT_PER_BYTE) != 0)
            return -2;
        break;
    default:
        return -1;
    }
    *out = tree_malloc(len + 1);
    if (!*out)
        return -2;
    memcpy(*out, s, len);
    (*out)[len] = '\0';
    return 0;
}

/* A string that reads as a number ("85.3", "-2", "12.5%") is right-aligned like one. */
static int looks_numeric(const char *s)
{
    char *end;
    if (!*s)
        return 0;
    strtod(s, &end);
    return end != s && (*end == '\0' || (end[0] == '%' && end[1] == '\0'));
}

/* Reads field name of the table at idx as optional text. */
static int get_text(lua_State *L, int idx, const char *name, char **out, const char *where,
                    pxr_error *err)
{
    int r, t;
    raw_field(L, idx, name);
    t = lua_type(L, -1);
    r = dup_value(L, out, NULL);
    lua_pop(L, 1);
    if (r == -1)
        return pxr_fail(err, PXR_EDATA, "%s: %s must be text or a number, got %s", where, name,
                        lua_typename(L, t));
    if (r == -2)
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    return PXR_OK;
}

/* Reads field name as an optional number; keeps *out when absent. */
static int get_number(lua_State *L, int idx, const char *name, double *out, const char *where,
                      pxr_error *err)
{
    int t;
    raw_field(L, idx, name);
    t = lua_type(L, -1);
    if (t == LUA_TNUMBER)
        *out = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (t != LUA_TNUMBER && t != LUA_TNIL)
        return pxr_fail(err, PXR_EDATA, "%s: %s must be a number, got %s", where, name,
                        lua_typename(L, t));
    return PXR_OK;
}

static int parse_align(lua_State *L, int idx, int *out, const char *where, pxr_error *err)
{
    static const char *const names[] = {"left", "center", "right", "justify"};
    const char *s;
    raw_field(L, idx, "align");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return PXR_OK;
    }
    s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            lua_pop(L, 1);
            return PXR_OK;
        }
    lua_pop(L, 1);
    return pxr_fail(err, PXR_EDATA, "%s: align must be justify, left, center or right, got '%s'",
                    where, s);
}

static int parse_role(lua_State *L, int idx, int *out, const char *where, pxr_error *err)
{
    const char *s;
    int r;
    raw_field(L, idx, "font");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return PXR_OK;
    }
    s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    r = pxr_font_role_parse(s);
    if (r >= 0)
        *out = r;
    lua_pop(L, 1);
    if (r < 0)
        return pxr_fail(err, PXR_EDATA, "%s: font must be serif, sans, kai or fallback", where);
    return PXR_OK;
}

static size_t raw_len(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TTABLE ? (size_t)lua_rawlen(L, idx) : 0;
}

/* Reads one cell (top of stack) into c. */
static int read_cell(lua_State *L, pdf_cell *c, const char *where, pxr_error *err)
{
    int t = lua_type(L, -1), top = lua_gettop(L), rc = PXR_OK;
    double span;

    c->colspan = c->rowspan = 1;
    c->align = PDF_ALIGN_AUTO;
    c->role = PXR_ROLE_SERIF;
    if (t == LUA_TSTRING || t == LUA_TNUMBER) {
        if (dup_value(L, &c->text, &c->numeric))
            return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    } else if (t == LUA_TTABLE) {
        if ((rc = get_text(L, top, "text", &c->text, where, err)) != PXR_OK)
            return rc;
        span = 1;
        if ((rc = get_number(L, top, "colspan", &span, where, err)) != PXR_OK)
            return rc;
        if (span < 1 || span > 1000)
            return pxr_fail(err, PXR_EDATA, "%s: colspan must be 1 or more, got %g", where, span);
        c->colspan = (int)span;
        span = 1;
        if ((rc = get_number(L, top, "rowspan", &span, where, err)) != PXR_OK)
            return rc;
        if (span < 1 || span > 100000)
            return pxr_fail(err, PXR_EDATA, "%s: rowspan must be 1 or more, got %g", where, span);
        c->rowspan = (int)span;
        if ((rc = parse_align(L, top, &c->align, where, err)) != PXR_OK)
            return rc;
        if ((rc = parse_role(L, top, &c->role, where, err)) != PXR_OK)
            return rc;
        raw_field(L, top, "bold");
        c->bold = lua_toboolean(L, -1);
        lua_pop(L, 1);
    } else if (t != LUA_TNIL) {
        return pxr_fail(err, PXR_EDATA, "%s: cell must be text, a number or a table, got %s", where,
                        lua_typename(L, t));
    }
    if (!c->text && !(c->text = tree_strdup("")))
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    if (!c->numeric)
        c->numeric = looks_numeric(c->text);
    return PXR_OK;
}

/* Reads the array of rows in field name of the block at idx. */
static int read_rows(lua_State *L, int idx, const char *name, pdf_row **rows, int *nrows,
                     const char *where, pxr_error *err)
{
    int rc = PXR_OK, n;

    raw_field(L, idx, name);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return PXR_OK;
    }
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA, "%s %s: must be a list of rows", where, name);
    }
    n = (int)raw_len(L, -1);
    *rows = tree_calloc((size_t)n + 1, sizeof **rows);
    if (!*rows) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    *nrows = n;
    for (int r = 0; r < n && rc == PXR_OK; r++) {
        int nc;
        lua_rawgeti(L, -1, r + 1);
        if (!lua_istable(L, -1)) {
            rc = pxr_fail(err, PXR_EDATA, "%s %s[%d]: a row must be a list of cells, got %s", where,
                          name, r + 1, lua_typename(L, lua_type(L, -1)));
            lua_pop(L, 1);
            break;
        }
        nc = (int)raw_len(L, -1);
        (*rows)[r].cells = tree_calloc((size_t)nc + 1, sizeof(pdf_cell));
        if (!(*rows)[r].cells) {
            lua_pop(L, 1);
            rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
            break;
        }
        (*rows)[r].n = nc;
        for (int k = 0; k < nc && rc == PXR_OK; k++) {
            char cw[160];
            snprintf(cw, sizeof cw, "%s %s[%d][%d]", where, name, r + 1, k + 1);
            lua_rawgeti(L, -1, k + 1);
            rc = read_cell(L, &(*rows)[r].cells[k], cw, err);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return rc;
}

static int read_table(lua_State *L, int idx, pdf_block *b, pxr_error *err)
{
    int rc, n;

    raw_field(L, idx, "columns");
    if (!lua_istable(L, -1) || (n = (int)raw_len(L, -1)) == 0) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA, "%s: columns must be a non-empty list", b->where);
    }
    b->ncols = n;
    b->weights = tree_calloc((size_t)n, sizeof *b->weights);
    b->col_align = tree_calloc((size_t)n, sizeof *b->col_align);
    b->col_dec = tree_calloc((size_t)n, sizeof *b->col_dec);
    b->col_thou = tree_calloc((size_t)n, sizeof *b->col_thou);
    b->header = tree_calloc(1, sizeof *b->header);
    if (!b->weights || !b->col_align || !b->col_dec || !b->col_thou || !b->header) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    b->header[0].cells = tree_calloc((size_t)n, sizeof(pdf_cell));
    b->header[0].n = n;
    b->nheader = 1;
    if (!b->header[0].cells) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    for (int j = 0; j < n; j++) {
        char cw[160];
        int top;
        snprintf(cw, sizeof cw, "%s columns[%d]", b->where, j + 1);
        b->col_align[j] = PDF_ALIGN_AUTO;
        lua_rawgeti(L, -1, j + 1);
        top = lua_gettop(L);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 2);
            return pxr_fail(err, PXR_EDATA, "%s: a column must be a table {title=, width=, align=}",
                            cw);
        }
        if ((rc = get_number(L, top, "width", &b->weights[j], cw, err)) != PXR_OK ||
            (rc = parse_align(L, top, &b->col_align[j], cw, err)) != PXR_OK ||
            (rc = get_text(L, top, "title", &b->header[0].cells[j].text, cw, err)) != PXR_OK) {
            lua_pop(L, 2);
            return rc;
        }
        if (b->weights[j] < 0)
            b->weights[j] = 0;
        /* format = { decimals = 2, thousands = true } for the column's numbers */
        b->col_dec[j] = -1;
        raw_field(L, top, "format");
        if (lua_istable(L, -1)) {
            double d = -1;
            if ((rc = get_number(L, lua_gettop(L), "decimals", &d, cw, err)) != PXR_OK) {
                lua_pop(L, 3);
                return rc;
            }
            if (d != -1 && !(d >= 0 && d <= 6)) {
                lua_pop(L, 3);
                return pxr_fail(err, PXR_EDATA, "%s: format.decimals must be 0 to 6", cw);
            }
            b->col_dec[j] = (int)d;
            raw_field(L, -1, "thousands");
            b->col_thou[j] = lua_toboolean(L, -1);
            lua_pop(L, 1);
        } else if (!lua_isnil(L, -1)) {
            lua_pop(L, 3);
            return pxr_fail(err, PXR_EDATA, "%s: format must be { decimals=, thousands= }", cw);
        }
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    /* without header rows, the column titles make one (as pxr.doc.table does) */
    {
        int titled = 0;
        pdf_row *cols = b->header;
        b->header = NULL;
        b->nheader = 0;
        for (int j = 0; j < n; j++) {
            pdf_cell *c = &cols[0].cells[j];
            titled |= c->text != NULL;
            c->colspan = c->rowspan = 1;
            c->align = PDF_ALIGN_AUTO;
            if (!c->text && !(c->text = tree_strdup(""))) {
                b->header = cols, b->nheader = 1, cols[0].n = n;
                return pxr_fail(err, PXR_EINTERNAL, "out of memory");
            }
        }
        cols[0].n = n;
        rc = read_rows(L, idx, "header", &b->header, &b->nheader, b->where, err);
        if (rc == PXR_OK && !b->header && titled) {
            b->header = cols, b->nheader = 1;
        } else {
            for (int j = 0; j < n; j++)
                free(cols[0].cells[j].text);
            free(cols[0].cells);
            free(cols);
        }
        if (rc != PXR_OK)
            return rc;
    }
    if ((rc = read_rows(L, idx, "rows", &b->rows, &b->nrows, b->where, err)) != PXR_OK)
        return rc;
    raw_field(L, idx, "style");
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char *st = lua_tostring(L, -1);
        if (strcmp(st, "zebra") == 0)
            b->style = PDF_STYLE_ZEBRA;
        else if (strcmp(st, "rules") == 0)
            b->style = PDF_STYLE_RULES;
        else if (strcmp(st, "grid") != 0)
            rc = pxr_fail(err, PXR_EDATA, "%s: style must be grid, zebra or rules, got '%s'",
                          b->where, st);
    } else if (!lua_isnil(L, -1)) {
        rc = pxr_fail(err, PXR_EDATA, "%s: style must be grid, zebra or rules", b->where);
    }
    lua_pop(L, 1);
    if (rc != PXR_OK)
        return rc;
    raw_field(L, idx, "landscape");
    b->landscape = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if ((rc = get_text(L, idx, "caption", &b->caption, b->where, err)) != PXR_OK)
        return rc;
    raw_field(L, idx, "notes");
    if (lua_type(L, -1) == LUA_TSTRING) {
        b->notes = tree_calloc(1, sizeof *b->notes);
        if (b->notes && (b->notes[0] = tree_strdup(lua_tostring(L, -1))))
            b->nnotes = 1;
    } else if (lua_istable(L, -1)) {
        int nn = (int)raw_len(L, -1);
        b->notes = tree_calloc((size_t)nn + 1, sizeof *b->notes);
        for (int i = 0; b->notes && i < nn && rc == PXR_OK; i++) {
            char cw[160];
            lua_rawgeti(L, -1, i + 1);
            if (dup_value(L, &b->notes[i], NULL) != 0 || !b->notes[i]) {
                snprintf(cw, sizeof cw, "%s notes[%d]", b->where, i + 1);
                rc = pxr_fail(err, PXR_EDATA, "%s: a note must be text", cw);
            } else {
                b->nnotes = i + 1;
            }
            lua_pop(L, 1);
        }
    } else if (!lua_isnil(L, -1)) {
        rc = pxr_fail(err, PXR_EDATA, "%s: notes must be a list of text", b->where);
    }
    lua_pop(L, 1);
    return rc;
}

/* A kv block becomes a table: label | value (| label | value), labels in sans. */
static int read_kv(lua_State *L, int idx, pdf_block *b, pxr_error *err)
{
    double cols = 1;
    int n, pairs, rc;

    if ((rc = get_number(L, idx, "columns", &cols, b->where, err)) != PXR_OK)
        return rc;
    if (cols != 1 && cols != 2)
        return pxr_fail(err, PXR_EDATA, "%s: columns must be 1 or 2, got %g", b->where, cols);
    pairs = (int)cols;
    b->kv = 1;
    b->ncols = 2 * pairs;
    b->weights = tree_calloc((size_t)b->ncols, sizeof *b->weights);
    b->col_align = tree_calloc((size_t)b->ncols, sizeof *b->col_align);
    raw_field(L, idx, "items");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA, "%s: items must be a list of {label, value}", b->where);
    }
    n = (int)raw_len(L, -1);
    b->nrows = (n + pairs - 1) / pairs;
    b->rows = tree_calloc((size_t)b->nrows + 1, sizeof *b->rows);
    if (!b->weights || !b->col_align || !b->rows) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    for (int j = 0; j < b->ncols; j++) {
        b->weights[j] = j % 2 ? 3 : 1.4;
        b->col_align[j] = PDF_LEFT;
    }
    for (int r = 0; r < b->nrows; r++) {
        b->rows[r].cells = tree_calloc((size_t)b->ncols, sizeof(pdf_cell));
        if (!b->rows[r].cells) {
            lua_pop(L, 1);
            return pxr_fail(err, PXR_EINTERNAL, "out of memory");
        }
    }
    for (int i = 0; i < n; i++) {
        pdf_row *row = &b->rows[i / pairs];
        char cw[160];
        snprintf(cw, sizeof cw, "%s items[%d]", b->where, i + 1);
        lua_rawgeti(L, -1, i + 1);
        if (!lua_istable(L, -1)) {
            lua_pop(L, 2);
            return pxr_fail(err, PXR_EDATA, "%s: an item must be {label, value}", cw);
        }
        for (int k = 0; k < 2; k++) {
            pdf_cell *c = &row->cells[row->n++];
            lua_rawgeti(L, -1, k + 1);
            rc = read_cell(L, c, cw, err);
            lua_pop(L, 1);
            if (rc != PXR_OK) {
                lua_pop(L, 2);
                return rc;
            }
            c->align = PDF_LEFT;
            if (k == 0)
                c->role = PXR_ROLE_SANS;
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return PXR_OK;
}

/* Reads an optional "#rrggbb" colour in field name; *has stays 0 when absent. */
static int get_color(lua_State *L, int idx, const char *name, double rgb[3], int *has,
                     const char *where, pxr_error *err)
{
    const char *s;
    unsigned v;
    int n = 0;

    raw_field(L, idx, name);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return PXR_OK;
    }
    s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    if (strlen(s) != 7 || s[0] != '#' || strspn(s + 1, "0123456789abcdefABCDEF") != 6 ||
        sscanf(s + 1, "%6x%n", &v, &n) != 1 || n != 6) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA, "%s: %s must be a colour \"#rrggbb\", got '%s'", where,
                        name, s);
    }
    lua_pop(L, 1);
    rgb[0] = ((v >> 16) & 255) / 255.0;
    rgb[1] = ((v >> 8) & 255) / 255.0;
    rgb[2] = (v & 255) / 255.0;
    *has = 1;
    return PXR_OK;
}

/* Reads number fields names[0..n) of the table at idx, all required. */
static int get_coords(lua_State *L, int idx, const char *const *names, double **out, int n,
                      const char *where, pxr_error *err)
{
    for (int i = 0; i < n; i++) {
        int t;
        raw_field(L, idx, names[i]);
        t = lua_type(L, -1);
        if (t == LUA_TNUMBER)
            *out[i] = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (t != LUA_TNUMBER)
            return pxr_fail(err, PXR_EDATA, "%s: %s must be a number (mm), got %s", where, names[i],
                            lua_typename(L, t));
        if (!(*out[i] > -1e4 && *out[i] < 1e4))
            return pxr_fail(err, PXR_EDATA, "%s: %s is out of range: %g", where, names[i], *out[i]);
    }
    return PXR_OK;
}

/* Reads one primitive (the table at idx) of a drawing block. */
static int read_item(lua_State *L, int idx, pdf_item *it, const char *where, pxr_error *err)
{
    static const char *const line_f[] = {"x1", "y1", "x2", "y2"};
    static const char *const rect_f[] = {"x", "y", "w", "h"};
    static const char *const circ_f[] = {"x", "y", "r"};
    static const char *const text_f[] = {"x", "y"};
    const char *kind;
    int rc = PXR_OK;

    it->lw = 0.5;
    it->size = 8;
    it->align = PDF_LEFT;
    it->role = PXR_ROLE_SANS;
    raw_field(L, idx, "kind");
    kind = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    if (strcmp(kind, "line") == 0) {
        it->kind = PDF_IT_LINE;
        rc = get_coords(L, idx, line_f, (double *[]){&it->x, &it->y, &it->x2, &it->y2}, 4, where,
                        err);
        it->has_stroke = 1;
    } else if (strcmp(kind, "rect") == 0) {
        it->kind = PDF_IT_RECT;
        rc = get_coords(L, idx, rect_f, (double *[]){&it->x, &it->y, &it->x2, &it->y2}, 4, where,
                        err);
    } else if (strcmp(kind, "circle") == 0) {
        it->kind = PDF_IT_CIRCLE;
        rc = get_coords(L, idx, circ_f, (double *[]){&it->x, &it->y, &it->r}, 3, where, err);
        if (rc == PXR_OK && it->r < 0)
            rc = pxr_fail(err, PXR_EDATA, "%s: r must not be negative", where);
    } else if (strcmp(kind, "polyline") == 0) {
        int n;
        it->kind = PDF_IT_POLYLINE;
        it->has_stroke = 1;
        raw_field(L, idx, "points");
        n = (int)raw_len(L, -1);
        if (n < 4 || n % 2) {
            lua_pop(L, 2);
            return pxr_fail(err, PXR_EDATA, "%s: points must be a list x1, y1, x2, y2, ...", where);
        }
        if (!(it->pts = tree_malloc((size_t)n * sizeof *it->pts))) {
            lua_pop(L, 2);
            return pxr_fail(err, PXR_EINTERNAL, "out of memory");
        }
        it->npts = n / 2;
        for (int i = 0; i < n && rc == PXR_OK; i++) {
            lua_rawgeti(L, -1, i + 1);
            if (lua_type(L, -1) != LUA_TNUMBER)
                rc = pxr_fail(err, PXR_EDATA, "%s: points[%d] must be a number", where, i + 1);
            else
                it->pts[i] = lua_tonumber(L, -1);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    } else if (strcmp(kind, "text") == 0) {
        it->kind = PDF_IT_TEXT;
        rc = get_coords(L, idx, text_f, (double *[]){&it->x, &it->y}, 2, where, err);
        if (rc == PXR_OK)
            rc = get_text(L, idx, "text", &it->text, where, err);
        if (rc == PXR_OK && !it->text)
            rc = pxr_fail(err, PXR_EDATA, "%s: text is missing", where);
        if (rc == PXR_OK)
            rc = get_number(L, idx, "size", &it->size, where, err);
        if (rc == PXR_OK && (it->size < 3 || it->size > 72))
            rc = pxr_fail(err, PXR_EDATA, "%s: size must be 3 to 72 pt, got %g", where, it->size);
        if (rc == PXR_OK)
            rc = get_number(L, idx, "angle", &it->angle, where, err);
        if (rc == PXR_OK)
            rc = parse_align(L, idx, &it->align, where, err);
        if (rc == PXR_OK)
            rc = parse_role(L, idx, &it->role, where, err);
        if (rc == PXR_OK)
            rc = get_color(L, idx, "color", it->fill, &it->has_fill, where, err);
        raw_field(L, idx, "bold");
        it->bold = lua_toboolean(L, -1);
        lua_pop(L, 1);
    } else {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA,
                        "%s: kind must be line, rect, polyline, circle or text, got '%s'", where,
                        kind);
    }
    lua_pop(L, 1);
    if (rc != PXR_OK || it->kind == PDF_IT_TEXT)
        return rc;
    if (it->kind == PDF_IT_LINE || it->kind == PDF_IT_POLYLINE)
        rc = get_color(L, idx, "color", it->stroke, &it->has_stroke, where, err);
    else if ((rc = get_color(L, idx, "fill", it->fill, &it->has_fill, where, err)) == PXR_OK)
        rc = get_color(L, idx, "stroke", it->stroke, &it->has_stroke, where, err);
    if (rc == PXR_OK)
        rc = get_number(L, idx, "width", &it->lw, where, err);
    if (rc == PXR_OK && (it->lw < 0 || it->lw > 20))
        rc = pxr_fail(err, PXR_EDATA, "%s: width must be 0 to 20 pt, got %g", where, it->lw);
    raw_field(L, idx, "dash");
    if (rc == PXR_OK && lua_istable(L, -1)) {
        for (int i = 0; i < 2; i++) {
            lua_rawgeti(L, -1, i + 1);
            it->dash[i] = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : 0;
            lua_pop(L, 1);
        }
        if (!(it->dash[0] > 0 && it->dash[0] < 100 && it->dash[1] > 0 && it->dash[1] < 100))
            rc = pxr_fail(err, PXR_EDATA, "%s: dash must be { on, off } in pt (0 to 100)", where);
    } else if (rc == PXR_OK && !lua_isnil(L, -1)) {
        rc = pxr_fail(err, PXR_EDATA, "%s: dash must be { on, off }", where);
    }
    lua_pop(L, 1);
    /* a rect or circle with neither fill nor stroke would draw nothing: outline it */
    if (rc == PXR_OK && !it->has_fill && !it->has_stroke)
        it->has_stroke = 1;
    return rc;
}

static int read_drawing(lua_State *L, int idx, pdf_block *b, pxr_error *err)
{
    int rc, n;

    b->width = 150;
    b->height = 0;
    if ((rc = get_number(L, idx, "width", &b->width, b->where, err)) != PXR_OK ||
        (rc = get_number(L, idx, "height", &b->height, b->where, err)) != PXR_OK)
        return rc;
    if (!(b->width >= 5 && b->width <= 400) || !(b->height >= 1 && b->height <= 280))
        return pxr_fail(err, PXR_EDATA, "%s: width must be 5 to 400 mm and height 1 to 280 mm",
                        b->where);
    if ((rc = get_text(L, idx, "title", &b->text, b->where, err)) != PXR_OK)
        return rc;
    raw_field(L, idx, "items");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA, "%s: items must be a list of primitives", b->where);
    }
    n = (int)raw_len(L, -1);
    b->items = tree_calloc((size_t)n + 1, sizeof *b->items);
    if (!b->items) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    for (int i = 0; i < n && rc == PXR_OK; i++) {
        char cw[160];
        snprintf(cw, sizeof cw, "%s items[%d]", b->where, i + 1);
        lua_rawgeti(L, -1, i + 1);
        b->nitems = i + 1;
        if (!lua_istable(L, -1))
            rc = pxr_fail(err, PXR_EDATA, "%s: a primitive must be a table", cw);
        else
            rc = read_item(L, lua_gettop(L), &b->items[i], cw, err);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return rc;
}

static int read_block(lua_State *L, int idx, pdf_block *b, pxr_error *err)
{
    const char *kind;
    int rc;

    raw_field(L, idx, "kind");
    kind = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (kind)
        snprintf(b->where + strlen(b->where), sizeof b->where - strlen(b->where), " (%s)", kind);
    if (!kind) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA,
                        "%s: kind must be heading, paragraph, kv, table, "
                        "drawing, pagebreak or spacer",
                        b->where);
    }
    b->align = PDF_JUSTIFY;
    b->role = PXR_ROLE_SERIF;
    b->size = 0; /* the document's body size */
    b->indent = -1;
    if (strcmp(kind, "heading") == 0) {
        double level = 1;
        b->kind = PDF_HEADING;
        rc = get_number(L, idx, "level", &level, b->where, err);
        if (rc == PXR_OK && level != 1 && level != 2 && level != 3)
            rc = pxr_fail(err, PXR_EDATA, "%s: level must be 1, 2 or 3, got %g", b->where, level);
        b->level = (int)level;
        if (rc == PXR_OK)
            rc = get_text(L, idx, "text", &b->text, b->where, err);
    } else if (strcmp(kind, "paragraph") == 0) {
        b->kind = PDF_PARAGRAPH;
        rc = get_text(L, idx, "text", &b->text, b->where, err);
        if (rc == PXR_OK)
            rc = parse_align(L, idx, &b->align, b->where, err);
        if (rc == PXR_OK)
            rc = parse_role(L, idx, &b->role, b->where, err);
        if (rc == PXR_OK)
            rc = get_number(L, idx, "size", &b->size, b->where, err);
        if (rc == PXR_OK)
            rc = get_number(L, idx, "indent", &b->indent, b->where, err);
        if (rc == PXR_OK && b->size != 0 && (b->size < 4 || b->size > 72))
            rc = pxr_fail(err, PXR_EDATA, "%s: size must be 4 to 72 pt, got %g", b->where, b->size);
        if (b->indent < 0)
            b->indent = b->align == PDF_JUSTIFY ? 2 : 0;
        if (b->indent > 20)
            b->indent = 20;
    } else if (strcmp(kind, "kv") == 0) {
        b->kind = PDF_TABLE;
        rc = read_kv(L, idx, b, err);
    } else if (strcmp(kind, "table") == 0) {
        b->kind = PDF_TABLE;
        rc = read_table(L, idx, b, err);
    } else if (strcmp(kind, "pagebreak") == 0) {
        b->kind = PDF_PAGEBREAK;
        rc = PXR_OK;
    } else if (strcmp(kind, "drawing") == 0) {
        b->kind = PDF_DRAWING;
        rc = read_drawing(L, idx, b, err);
    } else if (strcmp(kind, "signature") == 0) {
        /* inside the body, e.g. before the attachments of a 公文 */
        b->kind = PDF_SIGNATURE;
        if ((rc = get_text(L, idx, "unit", &b->text, b->where, err)) == PXR_OK)
            rc = get_text(L, idx, "date", &b->date, b->where, err);
        if (rc == PXR_OK && !b->text && !b->date)
            rc = pxr_fail(err, PXR_EDATA, "%s: a signature needs unit= or date=", b->where);
    } else if (strcmp(kind, "spacer") == 0) {
        b->kind = PDF_SPACER;
        b->height = 5;
        rc = get_number(L, idx, "height", &b->height, b->where, err);
        if (b->height < 0 || b->height > 300)
            b->height = 5;
    } else {
        rc = pxr_fail(err, PXR_EDATA,
                      "%s: unknown kind '%s' (heading, paragraph, kv, table, drawing, pagebreak, "
                      "spacer, signature)",
                      b->where, kind);
    }
    lua_pop(L, 1);
    if (rc == PXR_OK && (b->kind == PDF_HEADING || b->kind == PDF_PARAGRAPH) && !b->text)
        rc = pxr_fail(err, PXR_EDATA, "%s: text is missing", b->where);
    return rc;
}

static int tree_read(lua_State *L, int idx, pdf_doc *doc, pxr_error *err)
{
    static const char *const fields[] = {"title",    "subtitle", "author",   "subject",
                                         "keywords", "header",   "watermark"};
    char **slots[] = {&doc->title,    &doc->subtitle, &doc->author,   &doc->subject,
                      &doc->keywords, &doc->header,   &doc->watermark};
    int rc = PXR_OK, top = lua_gettop(L), n;

    memset(doc, 0, sizeof *doc);
    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx))
        return pxr_fail(err, PXR_EDATA, "document: expected a table, got %s",
                        lua_typename(L, lua_type(L, idx)));
    for (size_t i = 0; i < sizeof fields / sizeof fields[0] && rc == PXR_OK; i++) {
        char w[32];
        snprintf(w, sizeof w, "document");
        rc = get_text(L, idx, fields[i], slots[i], w, err);
    }
    if (rc != PXR_OK)
        return rc;
    raw_field(L, idx, "style");
    if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "gongwen") == 0)
        doc->gongwen = 1;
    else if (!lua_isnil(L, -1) &&
             !(lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "report") == 0))
        rc = pxr_fail(err, PXR_EDATA, "document style: must be report or gongwen");
    lua_pop(L, 1);
    raw_field(L, idx, "toc");
    doc->toc = lua_toboolean(L, -1);
    lua_pop(L, 1);
    raw_field(L, idx, "punctuation");
    if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "hang") == 0)
        doc->punct = PXR_LB_HANG;
    else if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "squeeze") == 0)
        doc->punct = PXR_LB_SQUEEZE;
    else if (rc == PXR_OK && !lua_isnil(L, -1))
        rc = pxr_fail(err, PXR_EDATA, "document punctuation: must be hang or squeeze");
    lua_pop(L, 1);
    raw_field(L, idx, "signature");
    if (rc == PXR_OK && lua_istable(L, -1)) {
        int sig = lua_gettop(L);
        if ((rc = get_text(L, sig, "unit", &doc->sign_unit, "document signature", err)) == PXR_OK)
            rc = get_text(L, sig, "date", &doc->sign_date, "document signature", err);
    } else if (rc == PXR_OK && !lua_isnil(L, -1)) {
        rc = pxr_fail(err, PXR_EDATA, "document signature: must be { unit=, date= }");
    }
    lua_pop(L, 1);
    if (rc != PXR_OK)
        return rc;
    raw_field(L, idx, "orientation");
    if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "landscape") == 0)
        doc->landscape = 1;
    else if (!lua_isnil(L, -1) &&
             !(lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "portrait") == 0))
        rc = pxr_fail(err, PXR_EDATA, "document orientation: must be portrait or landscape");
    lua_pop(L, 1);
    if (rc != PXR_OK)
        return rc;
    raw_field(L, idx, "body");
    if (!lua_istable(L, -1)) {
        lua_settop(L, top);
        return pxr_fail(err, PXR_EDATA, "document body: expected a list of blocks");
    }
    n = (int)raw_len(L, -1);
    doc->blocks = tree_calloc((size_t)n + 1, sizeof *doc->blocks);
    if (!doc->blocks) {
        lua_settop(L, top);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    for (int i = 0; i < n && rc == PXR_OK; i++) {
        pdf_block *b = &doc->blocks[i];
        doc->nblocks = i + 1;
        snprintf(b->where, sizeof b->where, "body[%d]", i + 1);
        lua_rawgeti(L, -1, i + 1);
        if (!lua_istable(L, -1))
            rc = pxr_fail(err, PXR_EDATA, "%s: a block must be a table, got %s", b->where,
                          lua_typename(L, lua_type(L, -1)));
        else
            rc = read_block(L, lua_gettop(L), b, err);
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    return rc;
}

static void free_rows(pdf_row *rows, int n)
{
    for (int r = 0; rows && r < n; r++) {
        for (int k = 0; k < rows[r].n; k++)
            free(rows[r].cells[k].text);
        free(rows[r].cells);
    }
    free(rows);
}

void pxr_pdf_doc_free(pdf_doc *doc)
{
    char *strs[] = {doc->title,    doc->subtitle, doc->author,   doc->subject,
                    doc->keywords, doc->header,   doc->watermark};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        free(strs[i]);
    free(doc->sign_unit);
    free(doc->sign_date);
    for (int i = 0; i < doc->nblocks; i++) {
        pdf_block *b = &doc->blocks[i];
        free(b->text);
        free(b->date);
        free(b->weights);
        free(b->col_align);
        free(b->col_dec);
        free(b->col_thou);
        free(b->caption);
        for (int k = 0; k < b->nnotes; k++)
            free(b->notes[k]);
        free(b->notes);
        free_rows(b->header, b->nheader);
        free_rows(b->rows, b->nrows);
        for (int k = 0; k < b->nitems; k++) {
            free(b->items[k].pts);
            free(b->items[k].text);
        }
        free(b->items);
    }
    free(doc->blocks);
    pxr_budget_release(doc->charged);
    memset(doc, 0, sizeof *doc);
}

typedef struct tree_job {
    int rc;
    pdf_doc *doc;
    pxr_error *err;
} tree_job;

static int tree_read_protected(lua_State *L)
{
    tree_job *job = lua_touserdata(L, 1);
    job->rc = tree_read(L, 2, job->doc, job->err);
    return 0;
}

/* Reads under lua_pcall: a memory error on the way frees what was read instead of leaking it. */
int pxr_pdf_tree_read(lua_State *L, int idx, pdf_doc *doc, pxr_error *err)
{
    tree_job job = {PXR_OK, doc, err};
    int top = lua_gettop(L);

    idx = lua_absindex(L, idx);
    memset(doc, 0, sizeof *doc);
    if (!lua_checkstack(L, 4))
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    tree_bytes = 0;
    tree_refused = 0;
    lua_pushcfunction(L, tree_read_protected);
    lua_pushlightuserdata(L, &job);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        pxr_fail(err, PXR_EINTERNAL, "reading the document: %s",
                 lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
        job.rc = err ? err->code : PXR_EINTERNAL;
    }
    doc->charged = tree_bytes;
    if (job.rc != PXR_OK && tree_refused)
        job.rc = pxr_fail(err, PXR_EDATA,
                          "the document needs more than %zu MB of memory to lay out, with what "
                          "the script holds (PXR_MAX_MEMORY_MB)",
                          pxr_budget_limit() >> 20);
    if (job.rc != PXR_OK)
        pxr_pdf_doc_free(doc);
    lua_settop(L, top);
    return job.rc;
}
