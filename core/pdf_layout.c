#include "pdf_layout.h"

#include "linebreak.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define MARGIN (25 * MM)
#define BODY_SIZE 10.5
#define TABLE_SIZE 9.0
#define PAD 3.0
#define LEAD 1.6       /* body line height, in ems */
#define CELL_LEAD 1.35 /* table line height, in ems */
#define ASCENT 0.86    /* baseline below the top of a 1 em box, for the CJK faces */
#define SUBSTITUTE 0x3013
#define EPS 0.01

typedef struct measure {
    pdf_layout *lay;
    int role;
} measure;

static double cp_width(void *ud, uint32_t cp)
{
    measure *m = ud;
    int f = pxr_fonts_pick(m->lay->fs, m->role, cp);
    return f < 0 ? 0 : pxr_fonts_advance(m->lay->fs, f, cp);
}

static double X0(const pdf_layout *lay)
{
    (void)lay;
    return MARGIN;
}

static double X1(const pdf_layout *lay)
{
    return lay->pw - MARGIN;
}

static double Y1(const pdf_layout *lay)
{
    return lay->ph - MARGIN;
}

static pdf_op *add_op(pdf_layout *lay, int kind)
{
    pdf_op *op;
    if (lay->nops == lay->capops) {
        size_t nc = lay->capops ? lay->capops * 2 : 256;
        pdf_op *n = realloc(lay->ops, nc * sizeof *n);
        if (!n) {
            lay->nomem = 1;
            return NULL;
        }
        lay->ops = n, lay->capops = nc;
    }
    op = &lay->ops[lay->nops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->page = lay->page;
    return op;
}

static void add_line(pdf_layout *lay, double x, double y, double x2, double y2)
{
    pdf_op *op = add_op(lay, PDF_OP_LINE);
    if (op)
        op->x = x, op->y = y, op->x2 = x2, op->y2 = y2;
}

static void new_page(pdf_layout *lay)
{
    lay->page = lay->npages++;
    lay->y = MARGIN;
}

/* Starts a new page unless h fits below the cursor (or the page is still empty). */
static int ensure(pdf_layout *lay, double h)
{
    if (lay->y + h > Y1(lay) + EPS && lay->y > MARGIN + EPS) {
        new_page(lay);
        return 1;
    }
    return 0;
}

/*
** Copies s, replacing what no face can draw: non-BMP characters (libharu's
** encoder is 2-byte) and characters missing from every face become U+3013,
** with a warning; control characters become spaces.
*/
static char *prep(pdf_layout *lay, int role, const char *s, const char *where)
{
    size_t len = strlen(s), pos = 0, o = 0;
    char *out = malloc(len * 3 + 1);

    if (!out) {
        lay->nomem = 1;
        return NULL;
    }
    while (pos < len) {
        uint32_t cp;
        pos += pxr_utf8_decode(s + pos, len - pos, &cp);
        if (cp < 0x20 && cp != '\n')
            cp = ' ';
        if (cp > 0xFFFF) {
            fprintf(stderr, "pxr: warning: %s: %s: character U+%05X substituted with U+3013 〓\n",
                    lay->out, where, (unsigned)cp);
            cp = SUBSTITUTE;
        }
        if (cp != '\n' && cp != ' ' && pxr_fonts_pick(lay->fs, role, cp) < 0) {
            hb_set_add(lay->missing, cp);
            cp = pxr_fonts_pick(lay->fs, role, SUBSTITUTE) >= 0 ? SUBSTITUTE : '?';
        }
        o += pxr_utf8_encode(cp, out + o);
    }
    out[o] = '\0';
    return out;
}

/* Emits s[start, end) as runs of one face each, from x on baseline y. */
static void emit_line(pdf_layout *lay, double x, double y, int role, double size, const char *s,
                      size_t start, size_t end, double cs, double ws, int bold, int kind)
{
    size_t pos = start;
    while (pos < end) {
        uint32_t cp;
        size_t run = pos;
        int face = -2;
        double w = 0;

        while (pos < end) {
            size_t k = pxr_utf8_decode(s + pos, end - pos, &cp);
            /* spaces are advanced over, not drawn: a space glyph draws nothing, and
               readers infer the space from the gap */
            int f = cp == ' ' || cp == 0x3000 ? -1 : pxr_fonts_pick(lay->fs, role, cp);
            if (face != -2 && f != face)
                break;
            face = f;
            if (f >= 0) {
                w += pxr_fonts_advance(lay->fs, f, cp) * size;
                pxr_fonts_use(lay->fs, f, cp);
            } else {
                w += cp_width(&(measure){lay, role}, cp) * size + ws;
            }
            w += cs;
            pos += k;
        }
        if (face >= 0) {
            pdf_op *op = add_op(lay, kind);
            if (!op)
                return;
            op->x = x, op->y = y, op->face = face, op->size = size, op->cs = cs;
            op->bold = bold;
            op->text = strndup(s + run, pos - run);
            if (!op->text)
                lay->nomem = 1;
        }
        x += w;
    }
}

/* Breaks prepared text t into lines of width em-units at size; NULL on failure. */
static pxr_lb_line *break_text(pdf_layout *lay, int role, const char *t, double size, double width,
                               double indent, size_t *n)
{
    measure m = {lay, role};
    pxr_lb_line *lines;
    if (pxr_lb_break(t, strlen(t), width / size, indent / size, cp_width, &m, &lines, n) != 0) {
        lay->nomem = 1;
        return NULL;
    }
    return lines;
}

/* Places lines of t from the cursor, moving to a new page between lines when needed. */
static void place_lines(pdf_layout *lay, const char *t, const pxr_lb_line *lines, size_t n,
                        int role, double size, int align, double indent, double lh, int bold)
{
    for (size_t i = 0; i < n; i++) {
        double x = X0(lay) + (i == 0 ? indent : 0), avail = X1(lay) - x;
        double w = lines[i].width * size, cs = 0, ws = 0;

        ensure(lay, lh);
        if (align == PDF_CENTER)
            x += (avail - w) / 2;
        else if (align == PDF_RIGHT)
            x += avail - w;
        else if (align == PDF_JUSTIFY && !lines[i].last && lines[i].nchars > 1)
            cs = (avail - w) / (lines[i].nchars - 1);
        /* Latin text pushed to the next line: widen its spaces rather than letter-space it */
        if (cs > size * 0.2) {
            int spaces = 0;
            for (size_t k = lines[i].start; k < lines[i].end; k++)
                spaces += t[k] == ' ';
            if (spaces)
                ws = (avail - w) / spaces, cs = 0;
        }
        emit_line(lay, x, lay->y + (lh - size) / 2 + size * ASCENT, role, size, t, lines[i].start,
                  lines[i].end, cs, ws, bold, PDF_OP_TEXT);
        lay->y += lh;
    }
}

static void text_block(pdf_layout *lay, const char *text, int role, double size, int align,
                       double indent_chars, const char *where, double after)
{
    char *t = prep(lay, role, text, where);
    double indent = indent_chars * size;
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = break_text(lay, role, t, size, X1(lay) - X0(lay), indent, &n);
    if (lines)
        place_lines(lay, t, lines, n, role, size, align, indent, size * LEAD, 0);
    lay->y += after;
    free(lines);
    free(t);
}

static void add_mark(pdf_layout *lay, int level, double y, const char *title)
{
    pdf_mark *m;
    if (lay->nmarks == lay->capmarks) {
        size_t nc = lay->capmarks ? lay->capmarks * 2 : 16;
        pdf_mark *n = realloc(lay->marks, nc * sizeof *n);
        if (!n) {
            lay->nomem = 1;
            return;
        }
        lay->marks = n, lay->capmarks = nc;
    }
    m = &lay->marks[lay->nmarks];
    m->title = strdup(title);
    if (!m->title) {
        lay->nomem = 1;
        return;
    }
    lay->nmarks++;
    m->page = lay->page, m->level = level, m->y = y;
}

static const double heading_size[] = {16, 14, 12};

/* Height of the start of b that a heading must stay with. */
static double first_height(const pdf_block *b)
{
    switch (b->kind) {
    case PDF_PARAGRAPH:
        return b->size * LEAD;
    case PDF_HEADING:
        return heading_size[b->level - 1] * 2.5;
    case PDF_TABLE:
        return (b->caption ? BODY_SIZE * LEAD : 0) +
               (b->nheader + 1) * (TABLE_SIZE * CELL_LEAD + 2 * PAD);
    default:
        return 0;
    }
}

static void heading(pdf_layout *lay, const pdf_block *b, const pdf_block *next)
{
    double size = heading_size[b->level - 1], lh = size * 1.4;
    double before = lay->y > MARGIN + EPS ? size * 0.8 : 0, after = size * 0.5;
    char *t = prep(lay, PXR_ROLE_SANS, b->text, b->where);
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = break_text(lay, PXR_ROLE_SANS, t, size, X1(lay) - X0(lay), 0, &n);
    if (lines) {
        /* keep with the next block: no heading alone at the foot of a page */
        if (ensure(lay, before + n * lh + after + (next ? first_height(next) : 0)))
            before = 0;
        lay->y += before;
        add_mark(lay, b->level, lay->y, t);
        place_lines(lay, t, lines, n, PXR_ROLE_SANS, size, PDF_LEFT, 0, lh, 0);
        lay->y += after;
    }
    free(lines);
    free(t);
}

/* ---- tables ---- */

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
    return t->c->numeric ? PDF_RIGHT : PDF_LEFT;
}

/* Prepares the text of every cell (header cells in sans). */
static void grid_prep(pdf_layout *lay, tgrid *g, const pdf_block *b, int header)
{
    for (int i = 0; i < g->n; i++) {
        tcell *t = &g->cells[i];
        t->role = header ? PXR_ROLE_SANS : t->c->role;
        t->align = header ? PDF_CENTER : cell_align(b, t);
        t->text = prep(lay, t->role, t->c->text, b->where);
    }
}

/* Column widths: from weights, else from content (widest unbreakable piece and natural width). */
static void col_widths(pdf_layout *lay, const pdf_block *b, tgrid **grids, int ngrids, double W,
                       double *w)
{
    int nc = b->ncols, given = 0;
    double sum = 0, summin = 0, sumnat = 0;
    double *mn = calloc((size_t)nc, sizeof *mn), *nat = calloc((size_t)nc, sizeof *nat);

    for (int j = 0; j < nc; j++)
        given += b->weights[j] > 0;
    if (given || !mn || !nat) {
        for (int j = 0; j < nc; j++)
            sum += w[j] = b->weights[j] > 0 ? b->weights[j] : 1;
        for (int j = 0; j < nc; j++)
            w[j] = W * w[j] / sum;
        free(mn);
        free(nat);
        return;
    }
    for (int gi = 0; gi < ngrids; gi++)
        for (int i = 0; i < grids[gi]->n; i++) {
            tcell *t = &grids[gi]->cells[i];
            measure m = {lay, t->role};
            size_t n, len;
            pxr_lb_line *lines;
            double widest = 0;

            if (t->cs != 1 || !t->text)
                continue;
            len = strlen(t->text);
            if (pxr_lb_break(t->text, len, 1e9, 0, cp_width, &m, &lines, &n) == 0) {
                for (size_t k = 0; k < n; k++)
                    if (lines[k].width > widest)
                        widest = lines[k].width;
                free(lines);
            }
            widest = widest * TABLE_SIZE + 2 * PAD + 1;
            if (widest > nat[t->col])
                nat[t->col] = widest;
            widest = pxr_lb_min_width(t->text, len, cp_width, &m) * TABLE_SIZE + 2 * PAD + 1;
            if (widest > mn[t->col])
                mn[t->col] = widest;
        }
    for (int j = 0; j < nc; j++) {
        if (nat[j] < 2 * PAD + TABLE_SIZE)
            nat[j] = mn[j] = 2 * PAD + TABLE_SIZE;
        summin += mn[j], sumnat += nat[j];
    }
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
            t->lines = break_text(lay, t->role, t->text, TABLE_SIZE, t->w - 2 * PAD, 0, &t->nlines);
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
                if (g->shaded && (op = add_op(lay, PDF_OP_RECT)))
                    op->x = t->x, op->y = ya, op->x2 = t->w, op->y2 = yb - ya, op->gray = 0.9;
                continue;
            }
            add_line(lay, t->x, ya, t->x + t->w, ya);
            add_line(lay, t->x, yb, t->x + t->w, yb);
            add_line(lay, t->x, ya, t->x, yb);
            add_line(lay, t->x + t->w, ya, t->x + t->w, yb);
            for (size_t k = 0; k < t->nlines; k++) {
                double lt = line_top(g, t, r0, k, lh), x = t->x + PAD;
                double avail = t->w - 2 * PAD, lw = t->lines[k].width * TABLE_SIZE;
                if (lt < s0 - EPS || lt + lh > s1 + EPS)
                    continue;
                if (t->align == PDF_CENTER)
                    x += (avail - lw) / 2;
                else if (t->align == PDF_RIGHT)
                    x += avail - lw;
                emit_line(lay, x, top + lt - s0 + (lh - TABLE_SIZE) / 2 + TABLE_SIZE * ASCENT,
                          t->role, TABLE_SIZE, t->text, t->lines[k].start, t->lines[k].end, 0, 0,
                          t->c->bold, PDF_OP_TEXT);
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

static int table(pdf_layout *lay, const pdf_block *b, pxr_error *err)
{
    tgrid hg = {0}, bg = {0};
    tgrid *grids[2] = {&hg, &bg};
    double W = X1(lay) - X0(lay), lh = TABLE_SIZE * CELL_LEAD, H, page_h = Y1(lay) - MARGIN;
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
        ensure(lay, cap + H + first);
        if (b->caption)
            text_block(lay, b->caption, PXR_ROLE_SANS, BODY_SIZE, PDF_CENTER, 0, b->where, 2);
        repeat_header(lay, &hg, lh);
    }
    for (int r0 = 0; r0 < bg.nrows && !lay->nomem;) {
        int r1 = band_end(&bg, r0);
        double bh = bg.rowy[r1 + 1] - bg.rowy[r0], s0 = 0;

        if (lay->y + bh > Y1(lay) + EPS && bh <= page_h - H + EPS) {
            new_page(lay);
            repeat_header(lay, &hg, lh);
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
                new_page(lay);
                repeat_header(lay, &hg, lh);
                continue;
            }
            c = find_cut(&bg, r0, r1, s0, avail, lh);
            draw_band(lay, &bg, r0, r1, s0, c, lh);
            s0 = c;
            new_page(lay);
            repeat_header(lay, &hg, lh);
        }
        r0 = r1 + 1;
    }
    lay->y += 4;
    for (int i = 0; i < b->nnotes; i++)
        text_block(lay, b->notes[i], PXR_ROLE_SERIF, TABLE_SIZE, PDF_LEFT, 0, b->where, 0);
    lay->y += BODY_SIZE * 0.6;
    rc = PXR_OK;
done:
    grid_free(&hg);
    grid_free(&bg);
    free(w);
    free(colx);
    return rc;
}

/* ---- page furniture ---- */

static void one_line(pdf_layout *lay, const char *text, int role, double size, double x, double y,
                     int align, const char *where, int kind)
{
    char *t = prep(lay, role, text, where);
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = break_text(lay, role, t, size, 1e9, 0, &n);
    if (lines && n > 0) {
        double w = lines[0].width * size;
        if (align == PDF_CENTER)
            x -= w / 2;
        emit_line(lay, x, y, role, size, t, lines[0].start, lines[0].end, 0, 0, 0, kind);
        if (kind == PDF_OP_WATERMARK)
            for (size_t i = 0; i < lay->nops; i++)
                if (lay->ops[i].kind == PDF_OP_WATERMARK && lay->ops[i].page == lay->page)
                    lay->ops[i].x2 = w; /* the drawing rotates about the run's centre */
    }
    free(lines);
    free(t);
}

static void furniture(pdf_layout *lay, const pdf_doc *doc)
{
    for (int p = 0; p < lay->npages; p++) {
        char foot[64];
        lay->page = p;
        if (doc->watermark && *doc->watermark)
            one_line(lay, doc->watermark, PXR_ROLE_SANS, 72, 0, 0, PDF_LEFT, "watermark",
                     PDF_OP_WATERMARK);
        if (doc->header && *doc->header) {
            one_line(lay, doc->header, PXR_ROLE_SANS, 8, X0(lay), MARGIN - 10, PDF_LEFT, "header",
                     PDF_OP_TEXT);
            add_line(lay, X0(lay), MARGIN - 6, X1(lay), MARGIN - 6);
        }
        snprintf(foot, sizeof foot, "第 %d 页 共 %d 页", p + 1, lay->npages);
        one_line(lay, foot, PXR_ROLE_SERIF, 9, lay->pw / 2, lay->ph - MARGIN + 30, PDF_CENTER,
                 "footer", PDF_OP_TEXT);
    }
}

static void warn_missing(pdf_layout *lay)
{
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    char list[1024];
    size_t o = 0;

    if (hb_set_is_empty(lay->missing))
        return;
    while (hb_set_next(lay->missing, &cp) && o + 16 < sizeof list)
        o += (size_t)snprintf(list + o, sizeof list - o, " U+%04X", (unsigned)cp);
    fprintf(stderr, "pxr: warning: %s: %u character(s) found in no font, drawn as U+3013 〓:%s\n",
            lay->out, hb_set_get_population(lay->missing), list);
}

int pxr_pdf_layout_run(pdf_layout *lay, const pdf_doc *doc, pxr_fontset *fs, const char *out,
                       pxr_error *err)
{
    int rc = PXR_OK;

    memset(lay, 0, sizeof *lay);
    lay->pw = doc->landscape ? 841.89 : 595.276;
    lay->ph = doc->landscape ? 595.276 : 841.89;
    lay->fs = fs;
    lay->out = out;
    lay->missing = hb_set_create();
    new_page(lay);
    if (doc->title && *doc->title)
        text_block(lay, doc->title, PXR_ROLE_SANS, 18, PDF_CENTER, 0, "title", 4);
    if (doc->subtitle && *doc->subtitle)
        text_block(lay, doc->subtitle, PXR_ROLE_KAI, 13, PDF_CENTER, 0, "subtitle", 4);
    if ((doc->title && *doc->title) || (doc->subtitle && *doc->subtitle))
        lay->y += 10;
    for (int i = 0; i < doc->nblocks && rc == PXR_OK && !lay->nomem; i++) {
        const pdf_block *b = &doc->blocks[i];
        switch (b->kind) {
        case PDF_HEADING:
            heading(lay, b, i + 1 < doc->nblocks ? &doc->blocks[i + 1] : NULL);
            break;
        case PDF_PARAGRAPH:
            text_block(lay, b->text, b->role, b->size, b->align, b->indent, b->where,
                       b->size * 0.5);
            break;
        case PDF_TABLE:
            rc = table(lay, b, err);
            break;
        case PDF_PAGEBREAK:
            if (lay->y > MARGIN + EPS)
                new_page(lay);
            break;
        case PDF_SPACER:
            lay->y += b->height * MM;
            if (lay->y > Y1(lay))
                new_page(lay);
            break;
        }
    }
    if (rc == PXR_OK && !lay->nomem)
        furniture(lay, doc);
    if (rc == PXR_OK && lay->nomem)
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: out of memory laying out the document", out);
    if (rc == PXR_OK)
        warn_missing(lay);
    return rc;
}

void pxr_pdf_layout_free(pdf_layout *lay)
{
    for (size_t i = 0; i < lay->nops; i++)
        free(lay->ops[i].text);
    for (size_t i = 0; i < lay->nmarks; i++)
        free(lay->marks[i].title);
    free(lay->ops);
    free(lay->marks);
    hb_set_destroy(lay->missing);
    memset(lay, 0, sizeof *lay);
}
