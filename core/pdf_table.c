/* Table blocks: cells on a column grid, column widths, rows cut across pages. */
#include "pdf_table.h"

#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAD 3.0
#define CELL_LEAD 1.35 /* table line height, in ems */

typedef struct tcell {
    const pdf_cell *c;
    int row, col, cs, rs;
    double x, w;
    char *text;
    pxr_lb_line *lines;
    size_t nlines;
    int align, role;
} tcell;

typedef struct tgrid {
    tcell *cells;
    int n, cap;
    int nrows;
    int *rowstart; /* first cell index of each row, nrows + 1 entries */
    double *rowy;  /* top of each row from the grid's top, nrows + 1 entries */
    int shaded;
    int style, header; /* PDF_STYLE_*; 1 for the header rows */
} tgrid;

static const pdf_cell empty_cell = {"", 1, 1, PDF_ALIGN_AUTO, 0, 0, PXR_ROLE_SERIF};

static int grid_add(tgrid *g, const pdf_cell *c, int row, int col, int cs, int rs)
{
    tcell *t;
    if (g->n == g->cap) {
        int nc = g->cap ? g->cap * 2 : 64;
        tcell *n = realloc(g->cells, (size_t)nc * sizeof *n);
        if (!n)
            return -1;
        g->cells = n, g->cap = nc;
    }
    t = &g->cells[g->n++];
    memset(t, 0, sizeof *t);
    t->c = c, t->row = row, t->col = col, t->cs = cs, t->rs = rs;
    return 0;
}

/* Places the rows' cells on the column grid, honouring colspan and rowspan. */
static int grid_place(pdf_layout *lay, tgrid *g, const pdf_block *b, const pdf_row *rows, int nrows,
                      const char *what, pxr_error *err)
{
    int ncols = b->ncols;
    unsigned char *occ = calloc((size_t)nrows * ncols + 1, 1);

    g->nrows = nrows;
    g->rowstart = malloc(((size_t)nrows + 1) * sizeof *g->rowstart);
    g->rowy = calloc((size_t)nrows + 1, sizeof *g->rowy);
    if (!occ || !g->rowstart || !g->rowy)
        goto oom;
    for (int r = 0; r < nrows; r++) {
        int col = 0;
        g->rowstart[r] = g->n;
        for (int k = 0; k < rows[r].n; k++) {
            const pdf_cell *c = &rows[r].cells[k];
            int cs = c->colspan, rs = c->rowspan;
            while (col < ncols && occ[r * ncols + col])
                col++;
            if (col + cs > ncols) {
                free(occ);
                return pxr_fail(err, PXR_EDATA,
                                "%s %s[%d][%d]: the row is wider than the table's %d columns "
                                "(colspan %d at column %d)",
                                b->where, what, r + 1, k + 1, ncols, cs, col + 1);
            }
            if (r + rs > nrows)
                rs = nrows - r;
            for (int i = r; i < r + rs; i++)
                for (int j = col; j < col + cs; j++)
                    occ[i * ncols + j] = 1;
            if (grid_add(g, c, r, col, cs, rs))
                goto oom;
            col += cs;
        }
        for (int j = 0; j < ncols; j++)
            if (!occ[r * ncols + j]) {
                occ[r * ncols + j] = 1;
                if (grid_add(g, &empty_cell, r, j, 1, 1))
                    goto oom;
            }
    }
    g->rowstart[nrows] = g->n;
    free(occ);
    return PXR_OK;
oom:
    free(occ);
    lay->nomem = 1;
    return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory laying out the table", b->where);
}

static void grid_free(tgrid *g)
{
    for (int i = 0; i < g->n; i++) {
        free(g->cells[i].text);
        free(g->cells[i].lines);
    }
    free(g->cells);
    free(g->rowstart);
    free(g->rowy);
}

static int cell_align(const pdf_block *b, const tcell *t)
{
    if (t->c->align != PDF_ALIGN_AUTO)
        return t->c->align;
    if (b->col_align[t->col] != PDF_ALIGN_AUTO)
        return b->col_align[t->col];
    /* a number column keeps its "无数据" and "—" in line with the figures */
    if (b->col_dec && (b->col_dec[t->col] >= 0 || b->col_thou[t->col]) && t->cs == 1)
        return PDF_RIGHT;
    return t->c->numeric ? PDF_RIGHT : PDF_LEFT;
}

/*
** A number cell in a column's format: fixed decimals (dec >= 0) and thousands
** separators; a unit after the number ("85.3%") is kept.  Text that is not a
** number is copied as it is.
*/
static void format_number(const char *in, int dec, int thou, char *out, size_t size)
{
    char num[64], *end;
    double v = strtod(in, &end);
    size_t o = 0, ilen, lead;
    const char *p;

    if (end == in || strlen(in) > 40) {
        snprintf(out, size, "%s", in);
        return;
    }
    if (dec >= 0)
        snprintf(num, sizeof num, "%.*f", dec, v);
    else
        snprintf(num, sizeof num, "%.*s", (int)(end - in), in);
    lead = num[0] == '-' || num[0] == '+';
    ilen = strspn(num + lead, "0123456789");
    for (p = num; *p && o + 2 < size; p++) {
        size_t k = (size_t)(p - num);
        if (thou && k > lead && k < lead + ilen && (lead + ilen - k) % 3 == 0)
            out[o++] = ',';
        out[o++] = *p;
    }
    snprintf(out + o, size - o, "%s", end);
}

/* Prepares the text of every cell (header cells in sans). */
static void grid_prep(pdf_layout *lay, tgrid *g, const pdf_block *b, int header)
{
    for (int i = 0; i < g->n; i++) {
        tcell *t = &g->cells[i];
        const char *text = t->c->text;
        char buf[128];
        t->role = header ? PXR_ROLE_SANS : t->c->role;
        t->align = header ? PDF_CENTER : cell_align(b, t);
        if (!header && b->col_dec && t->cs == 1 && t->c->numeric &&
            (b->col_dec[t->col] >= 0 || b->col_thou[t->col])) {
            format_number(text, b->col_dec[t->col], b->col_thou[t->col], buf, sizeof buf);
            text = buf;
        }
        t->text = pxr_lay_prep(lay, t->role, text, b->where);
    }
}

/* Each column's natural width (its widest cell on one line) and its minimum (the widest
** piece no line may break: a number such as 2,511,316, a code, one Chinese character). */
static void col_extents(pdf_layout *lay, const pdf_block *b, tgrid **grids, int ngrids, double *mn,
                        double *nat)
{
    for (int gi = 0; gi < ngrids; gi++)
        for (int i = 0; i < grids[gi]->n; i++) {
            tcell *t = &grids[gi]->cells[i];
            pdf_measure m = {lay, t->role};
            size_t n, len;
            pxr_lb_line *lines;
            double widest = 0;

            if (t->cs != 1 || !t->text)
                continue;
            len = strlen(t->text);
            if (pxr_lb_break(t->text, len, 1e9, 0, pxr_lay_cp_width, &m, &lines, &n) == 0) {
                for (size_t k = 0; k < n; k++)
                    if (lines[k].width > widest)
                        widest = lines[k].width;
                free(lines);
            }
            widest = widest * lay->table_size + 2 * PAD + 1;
            if (widest > nat[t->col])
                nat[t->col] = widest;
            widest = pxr_lb_min_width(t->text, len, pxr_lay_cp_width, &m) * lay->table_size +
                     2 * PAD + 1;
            if (widest > mn[t->col])
                mn[t->col] = widest;
        }
    for (int j = 0; j < b->ncols; j++)
        if (nat[j] < 2 * PAD + lay->table_size)
            nat[j] = mn[j] = 2 * PAD + lay->table_size;
}

/* Widths from the plugin's weights, but no column narrower than its widest unbreakable
** piece when the table can hold them all: a column that would cut a number in two takes
** what it lacks from the columns wider than their own minimum, in proportion to their
** room.  A table whose minimums exceed the page keeps its weights (its pieces break). */
static void weighted_widths(const pdf_block *b, const double *mn, double W, double *w)
{
    int nc = b->ncols;
    double sum = 0, summin = 0, lack = 0, room = 0;

    for (int j = 0; j < nc; j++)
        sum += w[j] = b->weights[j] > 0 ? b->weights[j] : 1;
    for (int j = 0; j < nc; j++)
        w[j] = W * w[j] / sum;
    if (!mn)
        return;
    for (int j = 0; j < nc; j++) {
        summin += mn[j];
        if (w[j] < mn[j])
            lack += mn[j] - w[j];
        else
            room += w[j] - mn[j];
    }
    if (lack <= 0 || summin > W || room <= 0)
        return;
    for (int j = 0; j < nc; j++)
        w[j] = w[j] < mn[j] ? mn[j] : w[j] - lack * (w[j] - mn[j]) / room;
}

/* Column widths: from weights, else from content (widest unbreakable piece and natural width). */
static void col_widths(pdf_layout *lay, const pdf_block *b, tgrid **grids, int ngrids, double W,
                       double *w)
{
    int nc = b->ncols, given = 0;
    double summin = 0, sumnat = 0;
    double *mn = calloc((size_t)nc, sizeof *mn), *nat = calloc((size_t)nc, sizeof *nat);

    for (int j = 0; j < nc; j++)
        given += b->weights[j] > 0;
    if (mn && nat)
        col_extents(lay, b, grids, ngrids, mn, nat);
    if (given || !mn || !nat) {
        weighted_widths(b, mn && nat ? mn : NULL, W, w);
        free(mn);
        free(nat);
        return;
    }
    for (int j = 0; j < nc; j++)
        summin += mn[j], sumnat += nat[j];
    for (int j = 0; j < nc; j++) {
        if (sumnat <= W)
            w[j] = nat[j] * W / sumnat;
        else if (summin >= W)
            w[j] = mn[j] * W / summin;
        else
            w[j] = mn[j] + (W - summin) * (nat[j] - mn[j]) / (sumnat - summin);
    }
    free(mn);
    free(nat);
}

/* Breaks every cell into lines and sets the row heights (a rowspan stretches its last row). */
static void grid_measure(pdf_layout *lay, tgrid *g, const double *colx, double lh)
{
    double *h = calloc((size_t)g->nrows + 1, sizeof *h);
    if (!h) {
        lay->nomem = 1;
        return;
    }
    for (int r = 0; r < g->nrows; r++)
        h[r] = lh + 2 * PAD;
    for (int i = 0; i < g->n; i++) {
        tcell *t = &g->cells[i];
        t->x = colx[t->col];
        t->w = colx[t->col + t->cs] - colx[t->col];
        if (t->text)
            t->lines = pxr_lay_break(lay, t->role, t->text, lay->table_size, t->w - 2 * PAD, 0,
                                     &t->nlines);
        if (t->rs == 1 && t->nlines * lh + 2 * PAD > h[t->row])
            h[t->row] = t->nlines * lh + 2 * PAD;
    }
    for (int i = 0; i < g->n; i++) {
        tcell *t = &g->cells[i];
        double have = 0, need = t->nlines * lh + 2 * PAD;
        for (int r = t->row; r < t->row + t->rs; r++)
            have += h[r];
        if (need > have)
            h[t->row + t->rs - 1] += need - have;
    }
    for (int r = 0; r < g->nrows; r++)
        g->rowy[r + 1] = g->rowy[r] + h[r];
    free(h);
}

/* End row (inclusive) of the band starting at r0: rows tied together by rowspans. */
static int band_end(const tgrid *g, int r0)
{
    int end = r0;
    for (int r = r0; r <= end; r++)
        for (int i = g->rowstart[r]; i < g->rowstart[r + 1]; i++)
            if (g->cells[i].row + g->cells[i].rs - 1 > end)
                end = g->cells[i].row + g->cells[i].rs - 1;
    return end;
}

static double line_top(const tgrid *g, const tcell *t, int r0, size_t k, double lh)
{
    double top = g->rowy[t->row] - g->rowy[r0], h = g->rowy[t->row + t->rs] - g->rowy[t->row];
    /* centred vertically, except in cells tall enough to be cut across pages */
    double slack = h > 300 ? PAD : (h - t->nlines * lh) / 2;
    return top + slack + (double)k * lh;
}

/* Largest cut <= s0 + avail (band coordinates) that no text line straddles. */
static double find_cut(const tgrid *g, int r0, int r1, double s0, double avail, double lh)
{
    double c = s0 + avail;
    int changed = 1;
    while (changed) {
        changed = 0;
        for (int i = g->rowstart[r0]; i < g->rowstart[r1 + 1]; i++)
            for (size_t k = 0; k < g->cells[i].nlines; k++) {
                double lt = line_top(g, &g->cells[i], r0, k, lh);
                if (lt < c - EPS && lt + lh > c + EPS)
                    c = lt, changed = 1;
            }
    }
    return c > s0 + EPS ? c : s0 + avail;
}

/* 1 when band r0..r1 is one row holding one cell that spans every column. */
static int group_row(const tgrid *g, int r0, int r1, int ncols)
{
    return r0 == r1 && g->rowstart[r0 + 1] - g->rowstart[r0] == 1 &&
           g->cells[g->rowstart[r0]].cs == ncols;
}

static void rule(pdf_layout *lay, double x0, double x1, double y, double lw)
{
    pdf_op *op = pxr_lay_op(lay, PDF_OP_LINE);
    if (op)
        op->x = x0, op->y = op->y2 = y, op->x2 = x1, op->lw = lw;
}

/* Draws the part [s0, s1) of band rows r0..r1 with its top at the cursor. */
static void draw_band(pdf_layout *lay, const tgrid *g, int r0, int r1, double s0, double s1,
                      double lh)
{
    double top = lay->y;
    for (int pass = 0; pass < 2; pass++)
        for (int i = g->rowstart[r0]; i < g->rowstart[r1 + 1]; i++) {
            const tcell *t = &g->cells[i];
            double ct = g->rowy[t->row] - g->rowy[r0], cb = g->rowy[t->row + t->rs] - g->rowy[r0];
            double a = ct > s0 ? ct : s0, b = cb < s1 ? cb : s1;
            double ya = top + a - s0, yb = top + b - s0;

            if (b - a < EPS)
                continue;
            if (pass == 0) {
                pdf_op *op;
                double gray = g->header ? 0.9 : 0.95;
                int shade = g->style == PDF_STYLE_GRID    ? g->shaded
                            : g->style == PDF_STYLE_ZEBRA ? g->header || t->row % 2 == 1
                                                          : 0;
                if (shade && (op = pxr_lay_op(lay, PDF_OP_RECT))) {
                    op->x = t->x, op->y = ya, op->x2 = t->w, op->y2 = yb - ya;
                    op->has_fill = 1, op->fill[0] = op->fill[1] = op->fill[2] = gray;
                }
                continue;
            }
            if (g->style == PDF_STYLE_GRID) {
                pxr_lay_line(lay, t->x, ya, t->x + t->w, ya);
                pxr_lay_line(lay, t->x, yb, t->x + t->w, yb);
                pxr_lay_line(lay, t->x, ya, t->x, yb);
                pxr_lay_line(lay, t->x + t->w, ya, t->x + t->w, yb);
            } else if (g->header) {
                /* 三线表: a heavy rule over the header, a thin one under it */
                if (t->row == 0 && a - ct < EPS)
                    rule(lay, t->x, t->x + t->w, ya, 1.0);
                if (t->row + t->rs == g->nrows && cb - b < EPS)
                    rule(lay, t->x, t->x + t->w, yb, 0.5);
            }
            for (size_t k = 0; k < t->nlines; k++) {
                double lt = line_top(g, t, r0, k, lh), x = t->x + PAD;
                double avail = t->w - 2 * PAD, lw = t->lines[k].width * lay->table_size;
                if (lt < s0 - EPS || lt + lh > s1 + EPS)
                    continue;
                if (t->align == PDF_CENTER)
                    x += (avail - lw) / 2;
                else if (t->align == PDF_RIGHT)
                    x += avail - lw;
                pxr_lay_emit(lay, x,
                             top + lt - s0 + (lh - lay->table_size) / 2 + lay->table_size * ASCENT,
                             t->role, lay->table_size, t->text, t->lines[k].start, t->lines[k].end,
                             0, 0, t->c->bold, PDF_OP_TEXT);
            }
        }
}

static void repeat_header(pdf_layout *lay, const tgrid *hg, double lh)
{
    if (hg->nrows == 0)
        return;
    draw_band(lay, hg, 0, hg->nrows - 1, 0, hg->rowy[hg->nrows], lh);
    lay->y += hg->rowy[hg->nrows];
}

/* Continues a table on a new page: closes the rules of this page, repeats the header. */
static void table_page(pdf_layout *lay, const pdf_block *b, const tgrid *hg, const double *colx,
                       double lh)
{
    if (b->style != PDF_STYLE_GRID)
        rule(lay, colx[0], colx[b->ncols], lay->y, 1.0);
    pxr_lay_new_page(lay);
    repeat_header(lay, hg, lh);
}

int pxr_lay_table(pdf_layout *lay, const pdf_block *b, pxr_error *err)
{
    tgrid hg = {0}, bg = {0};
    tgrid *grids[2] = {&hg, &bg};
    double W = X1(lay) - X0(lay), lh = lay->table_size * CELL_LEAD, H, page_h = Y1(lay) - Y0(lay);
    double *w = calloc((size_t)b->ncols + 1, sizeof *w),
           *colx = calloc((size_t)b->ncols + 1, sizeof *colx);
    int rc;

    if (!w || !colx) {
        free(w);
        free(colx);
        lay->nomem = 1;
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    if ((rc = grid_place(lay, &hg, b, b->header, b->nheader, "header", err)) != PXR_OK ||
        (rc = grid_place(lay, &bg, b, b->rows, b->nrows, "rows", err)) != PXR_OK)
        goto done;
    hg.shaded = 1;
    hg.style = bg.style = b->style;
    hg.header = 1;
    grid_prep(lay, &hg, b, 1);
    grid_prep(lay, &bg, b, 0);
    col_widths(lay, b, grids, 2, W, w);
    colx[0] = X0(lay);
    for (int j = 0; j < b->ncols; j++)
        colx[j + 1] = colx[j] + w[j];
    grid_measure(lay, &hg, colx, lh);
    grid_measure(lay, &bg, colx, lh);
    if (lay->nomem)
        goto done;
    H = hg.rowy[hg.nrows];

    {
        /* caption, header and the first band (or as much as a page holds) stay together */
        double cap = b->caption ? BODY_SIZE * LEAD + 2 : 0, first = 0;
        if (bg.nrows > 0)
            first = bg.rowy[band_end(&bg, 0) + 1];
        if (first > page_h - H - cap)
            first = lh + 2 * PAD;
        pxr_lay_ensure(lay, cap + H + first);
        if (b->caption)
            pxr_lay_text_block(lay, b->caption, PXR_ROLE_SANS, BODY_SIZE, PDF_CENTER, 0, b->where,
                               2, 0);
        repeat_header(lay, &hg, lh);
    }
    for (int r0 = 0; r0 < bg.nrows && !lay->nomem;) {
        int r1 = band_end(&bg, r0);
        double bh = bg.rowy[r1 + 1] - bg.rowy[r0], s0 = 0, need = bh;

        /* a group row (one cell across the table: "门诊", "（二）…") stays with the band
           after it, as a heading stays with its text */
        if (r1 + 1 < bg.nrows && group_row(&bg, r0, r1, b->ncols)) {
            double next = bg.rowy[band_end(&bg, r1 + 1) + 1] - bg.rowy[r1 + 1];
            need += next <= page_h - H - bh ? next : lh + 2 * PAD;
        }
        if (lay->y + need > Y1(lay) + EPS && need <= page_h - H + EPS) {
            table_page(lay, b, &hg, colx, lh);
        }
        /* a band taller than a page is cut between text lines */
        while (s0 < bh - EPS) {
            double avail = Y1(lay) - lay->y, c;
            if (bh - s0 <= avail + EPS) {
                draw_band(lay, &bg, r0, r1, s0, bh, lh);
                lay->y += bh - s0;
                break;
            }
            if (avail < lh + 2 * PAD) {
                table_page(lay, b, &hg, colx, lh);
                continue;
            }
            c = find_cut(&bg, r0, r1, s0, avail, lh);
            draw_band(lay, &bg, r0, r1, s0, c, lh);
            s0 = c;
            table_page(lay, b, &hg, colx, lh);
        }
        r0 = r1 + 1;
    }
    if (b->style != PDF_STYLE_GRID)
        rule(lay, colx[0], colx[b->ncols], lay->y, 1.0);
    lay->y += 4;
    for (int i = 0; i < b->nnotes; i++)
        pxr_lay_text_block(lay, b->notes[i], PXR_ROLE_SERIF, lay->table_size, PDF_LEFT, 0, b->where,
                           0, 0);
    lay->y += BODY_SIZE * 0.6;
    rc = PXR_OK;
done:
    grid_free(&hg);
    grid_free(&bg);
    free(w);
    free(colx);
    return rc;
}
