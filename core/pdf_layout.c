#include "pdf_layout.h"

#include "linebreak.h"

#include <math.h>
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
    return lay->ml;
}

static double X1(const pdf_layout *lay)
{
    return lay->pw - lay->mr;
}

static double Y0(const pdf_layout *lay)
{
    return lay->mt;
}

static double Y1(const pdf_layout *lay)
{
    return lay->ph - lay->mb;
}

/*
** Width lines are broken at.  GB/T 9704 sets 28 characters of 16 pt in a
** 156 mm line (442 pt, not 448): break at 28 ems and let justification close
** the characters up by about 0.2 pt each, as 公文 templates' character grid does.
*/
static double break_w(const pdf_layout *lay, double avail)
{
    return lay->gongwen ? avail * 28 * lay->body / (156 * MM) : avail;
}

/* Line height of text at size: the fixed grid pitch for gongwen body text. */
static double line_h(const pdf_layout *lay, double size)
{
    if (lay->gongwen)
        return size == lay->body ? lay->pitch : size * lay->pitch / lay->body;
    return size * LEAD;
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
    if (lay->npages == lay->cappg) {
        int nc = lay->cappg ? lay->cappg * 2 : 16;
        double *w = realloc(lay->pgw, (size_t)nc * sizeof *w), *h;
        if (w)
            lay->pgw = w;
        h = w ? realloc(lay->pgh, (size_t)nc * sizeof *h) : NULL;
        if (!h) {
            lay->nomem = 1;
            return;
        }
        lay->pgh = h, lay->cappg = nc;
    }
    lay->page = lay->npages++;
    lay->pgw[lay->page] = lay->pw, lay->pgh[lay->page] = lay->ph;
    lay->y = Y0(lay);
}

/*
** Turns the pages from here on to landscape or back (a landscape table in a
** portrait document): a new page, unless the current one is still empty.
** The margins stay with the edges, so the type area turns with the page.
*/
static void turn(pdf_layout *lay, int landscape)
{
    double w = lay->pw;
    int empty = lay->y <= Y0(lay) + EPS;
    if ((lay->pw > lay->ph) == landscape)
        return;
    lay->pw = lay->ph, lay->ph = w;
    if (!empty) {
        new_page(lay);
    } else {
        lay->pgw[lay->page] = lay->pw, lay->pgh[lay->page] = lay->ph;
        lay->y = Y0(lay);
    }
}

/* Starts a new page unless h fits below the cursor (or the page is still empty). */
static int ensure(pdf_layout *lay, double h)
{
    if (lay->y + h > Y1(lay) + EPS && lay->y > Y0(lay) + EPS) {
        new_page(lay);
        return 1;
    }
    return 0;
}

/*
** Copies s, replacing what no face can draw: non-BMP characters (libharu's
** encoder is 2-byte) and characters missing from every face become their
** stand-in (pxr_fonts_stand_in: U+2212 → '-') or else U+3013, with a warning;
** control characters become spaces.
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
            fprintf(stderr,
                    pxr_msg("pxr: warning: %s: %s: character U+%05X substituted with U+3013 〓\n"),
                    lay->out, where, (unsigned)cp);
            cp = SUBSTITUTE;
        }
        if (cp != '\n' && cp != ' ' && pxr_fonts_pick(lay->fs, role, cp) < 0) {
            uint32_t alt = pxr_fonts_stand_in(cp);
            if (alt == PXR_FONTS_DROP)
                continue;
            if (alt && (alt == ' ' || pxr_fonts_pick(lay->fs, role, alt) >= 0)) {
                o += pxr_utf8_encode(alt, out + o);
                continue;
            }
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
static pxr_lb_line *break_mode(pdf_layout *lay, int role, const char *t, double size, double width,
                               double indent, int mode, size_t *n)
{
    measure m = {lay, role};
    pxr_lb_line *lines;
    if (pxr_lb_break_mode(t, strlen(t), width / size, indent / size, mode, cp_width, &m, &lines,
                          n) != 0) {
        lay->nomem = 1;
        return NULL;
    }
    return lines;
}

static pxr_lb_line *break_text(pdf_layout *lay, int role, const char *t, double size, double width,
                               double indent, size_t *n)
{
    return break_mode(lay, role, t, size, width, indent, PXR_LB_STRICT, n);
}

/* Places lines of t from the cursor, moving to a new page between lines when needed. */
static void place_lines(pdf_layout *lay, const char *t, const pxr_lb_line *lines, size_t n,
                        int role, double size, int align, double indent, double lh, int bold)
{
    for (size_t i = 0; i < n; i++) {
        double x = X0(lay) + (i == 0 ? indent : 0), avail = X1(lay) - x;
        double w = lines[i].width * size, cs = 0, ws = 0;

        /* a hung mark lies past the measure: the line up to it fills the measure */
        avail += lines[i].hang * size;
        ensure(lay, lh);
        if (align == PDF_CENTER)
            x += (avail - w) / 2;
        else if (align == PDF_RIGHT)
            x += avail - w;
        else if (align == PDF_JUSTIFY && !lines[i].last && lines[i].nchars > 1)
            cs = (avail - w) / (lines[i].nchars - 1);
        /* a line set on the 公文 grid may be a little wider than the measure: close it up */
        if (w > avail + EPS && lines[i].nchars > 1 && cs == 0)
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

/*
** A centred title of n lines is set in the narrowest measure that still
** gives n lines, so its lines come out about even ("……主题活动量化目标完成情况"
** rather than a full line and a two-character tail).
*/
static pxr_lb_line *balance(pdf_layout *lay, int role, const char *t, double size, double width,
                            pxr_lb_line *lines, size_t *n)
{
    double lo = width * ((double)*n - 1) / (double)*n, hi = width;
    for (int k = 0; k < 16; k++) {
        double mid = (lo + hi) / 2;
        size_t m;
        pxr_lb_line *l = break_text(lay, role, t, size, mid, 0, &m);
        if (!l)
            return lines;
        if (m > *n)
            lo = mid;
        else
            hi = mid;
        free(l);
    }
    {
        size_t m;
        pxr_lb_line *l = break_text(lay, role, t, size, hi, 0, &m);
        if (!l || m != *n) {
            free(l);
            return lines;
        }
        free(lines);
        return l;
    }
}

static void text_block(pdf_layout *lay, const char *text, int role, double size, int align,
                       double indent_chars, const char *where, double after, int bold)
{
    char *t = prep(lay, role, text, where);
    double indent = indent_chars * size;
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = break_mode(lay, role, t, size, break_w(lay, X1(lay) - X0(lay)), indent,
                       align == PDF_CENTER ? PXR_LB_STRICT : lay->punct, &n);
    if (lines && n > 1 && align == PDF_CENTER && indent == 0)
        lines = balance(lay, role, t, size, break_w(lay, X1(lay) - X0(lay)), lines, &n);
    if (lines)
        place_lines(lay, t, lines, n, role, size, align, indent, line_h(lay, size), bold);
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

/*
** Report headings: 黑体 at 16/14/12 pt with space around.  Gongwen headings
** (GB/T 9704 7.3.3): body size on the line grid, indented two characters,
** 黑体 for "一、", 楷体 for "（一）", bold 仿宋/宋 for "1.".
*/
static void heading(pdf_layout *lay, const pdf_block *b)
{
    static const int gw_role[] = {PXR_ROLE_SANS, PXR_ROLE_KAI, PXR_ROLE_SERIF};
    int role = lay->gongwen ? gw_role[b->level - 1] : PXR_ROLE_SANS;
    int bold = lay->gongwen && b->level == 3;
    double size = lay->gongwen ? lay->body : heading_size[b->level - 1];
    double lh = lay->gongwen ? lay->pitch : size * 1.4;
    double indent = lay->gongwen ? 2 * size : 0;
    double before = lay->gongwen || lay->y <= Y0(lay) + EPS ? 0 : size * 0.8;
    double after = lay->gongwen ? 0 : size * 0.5;
    char *t = prep(lay, role, b->text, b->where);
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = break_text(lay, role, t, size, break_w(lay, X1(lay) - X0(lay)), indent, &n);
    if (lines) {
        if (ensure(lay, before + n * lh))
            before = 0;
        lay->y += before;
        add_mark(lay, b->level, lay->y, t);
        place_lines(lay, t, lines, n, role, size, PDF_LEFT, indent, lh, bold);
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

/* Prepares the text of every cell (header cells in sans). */
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
        t->text = prep(lay, t->role, text, b->where);
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
            widest = widest * lay->table_size + 2 * PAD + 1;
            if (widest > nat[t->col])
                nat[t->col] = widest;
            widest = pxr_lb_min_width(t->text, len, cp_width, &m) * lay->table_size + 2 * PAD + 1;
            if (widest > mn[t->col])
                mn[t->col] = widest;
        }
    for (int j = 0; j < nc; j++) {
        if (nat[j] < 2 * PAD + lay->table_size)
            nat[j] = mn[j] = 2 * PAD + lay->table_size;
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
            t->lines =
                break_text(lay, t->role, t->text, lay->table_size, t->w - 2 * PAD, 0, &t->nlines);
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
    pdf_op *op = add_op(lay, PDF_OP_LINE);
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
                if (shade && (op = add_op(lay, PDF_OP_RECT))) {
                    op->x = t->x, op->y = ya, op->x2 = t->w, op->y2 = yb - ya;
                    op->has_fill = 1, op->fill[0] = op->fill[1] = op->fill[2] = gray;
                }
                continue;
            }
            if (g->style == PDF_STYLE_GRID) {
                add_line(lay, t->x, ya, t->x + t->w, ya);
                add_line(lay, t->x, yb, t->x + t->w, yb);
                add_line(lay, t->x, ya, t->x, yb);
                add_line(lay, t->x + t->w, ya, t->x + t->w, yb);
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
                emit_line(lay, x,
                          top + lt - s0 + (lh - lay->table_size) / 2 + lay->table_size * ASCENT,
                          t->role, lay->table_size, t->text, t->lines[k].start, t->lines[k].end, 0,
                          0, t->c->bold, PDF_OP_TEXT);
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
    new_page(lay);
    repeat_header(lay, hg, lh);
}

static int table(pdf_layout *lay, const pdf_block *b, pxr_error *err)
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
        ensure(lay, cap + H + first);
        if (b->caption)
            text_block(lay, b->caption, PXR_ROLE_SANS, BODY_SIZE, PDF_CENTER, 0, b->where, 2, 0);
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
        text_block(lay, b->notes[i], PXR_ROLE_SERIF, lay->table_size, PDF_LEFT, 0, b->where, 0, 0);
    lay->y += BODY_SIZE * 0.6;
    rc = PXR_OK;
done:
    grid_free(&hg);
    grid_free(&bg);
    free(w);
    free(colx);
    return rc;
}

/* ---- drawings (charts) ---- */

/* A text primitive: runs of one face each, aligned about (x, y) along its angle. */
static void drawing_text(pdf_layout *lay, const pdf_item *it, double x, double y, double k,
                         const char *where)
{
    double size = it->size * k, rad = it->angle * 3.14159265358979 / 180, w = 0;
    double c = cos(rad), s = sin(rad), off;
    char *t = prep(lay, it->role, it->text, where);
    size_t first = lay->nops, len, pos = 0;

    if (!t)
        return;
    len = strlen(t);
    /* one line: newlines in a label become spaces */
    for (size_t i = 0; i < len; i++)
        if (t[i] == '\n')
            t[i] = ' ';
    while (pos < len) {
        uint32_t cp;
        pos += pxr_utf8_decode(t + pos, len - pos, &cp);
        w += cp_width(&(measure){lay, it->role}, cp) * size;
    }
    off = it->align == PDF_CENTER ? -w / 2 : it->align == PDF_RIGHT ? -w : 0;
    emit_line(lay, x + off, y, it->role, size, t, 0, len, 0, 0, it->bold, PDF_OP_TEXT);
    for (size_t i = first; i < lay->nops; i++) {
        pdf_op *op = &lay->ops[i];
        double d = op->x - x; /* distance along the baseline from the anchor */
        op->x = x + d * c, op->y = y - d * s;
        op->angle = it->angle;
        op->has_fill = it->has_fill;
        memcpy(op->fill, it->fill, sizeof op->fill);
    }
    free(t);
}

/*
** A drawing block is kept on one page, centred in the type area and scaled
** down as a whole (text too) when it is wider than the type area.
*/
static void drawing(pdf_layout *lay, const pdf_block *b)
{
    double avail = X1(lay) - X0(lay), w = b->width * MM, h = b->height * MM;
    double k = w > avail ? avail / w : 1, x0, y0;

    w *= k, h *= k;
    ensure(lay, h);
    x0 = X0(lay) + (avail - w) / 2, y0 = lay->y;
    for (int i = 0; i < b->nitems && !lay->nomem; i++) {
        const pdf_item *it = &b->items[i];
        double x = x0 + it->x * MM * k, y = y0 + it->y * MM * k;
        pdf_op *op;
        char where[160];

        if (it->kind == PDF_IT_TEXT) {
            snprintf(where, sizeof where, "%s items[%d]", b->where, i + 1);
            drawing_text(lay, it, x, y, k, where);
            continue;
        }
        op = add_op(lay, it->kind == PDF_IT_LINE     ? PDF_OP_LINE
                         : it->kind == PDF_IT_RECT   ? PDF_OP_RECT
                         : it->kind == PDF_IT_CIRCLE ? PDF_OP_CIRCLE
                                                     : PDF_OP_POLY);
        if (!op)
            return;
        op->x = x, op->y = y;
        op->has_fill = it->has_fill, op->has_stroke = it->has_stroke;
        memcpy(op->fill, it->fill, sizeof op->fill);
        memcpy(op->stroke, it->stroke, sizeof op->stroke);
        op->lw = it->lw * k > 0.05 ? it->lw * k : 0.05;
        op->dash[0] = it->dash[0] * k, op->dash[1] = it->dash[1] * k;
        switch (it->kind) {
        case PDF_IT_LINE:
            op->x2 = x0 + it->x2 * MM * k, op->y2 = y0 + it->y2 * MM * k;
            break;
        case PDF_IT_RECT:
            op->x2 = it->x2 * MM * k, op->y2 = it->y2 * MM * k;
            break;
        case PDF_IT_CIRCLE:
            op->x2 = it->r * MM * k;
            break;
        default:
            op->pts = malloc((size_t)it->npts * 2 * sizeof *op->pts);
            if (!op->pts) {
                lay->nomem = 1;
                return;
            }
            op->npts = it->npts;
            for (int j = 0; j < it->npts; j++) {
                op->pts[2 * j] = x0 + it->pts[2 * j] * MM * k;
                op->pts[2 * j + 1] = y0 + it->pts[2 * j + 1] * MM * k;
            }
        }
    }
    lay->y += h + BODY_SIZE * 0.6;
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
        else if (align == PDF_RIGHT)
            x -= w;
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
        lay->pw = lay->pgw[p], lay->ph = lay->pgh[p];
        if (doc->watermark && *doc->watermark)
            one_line(lay, doc->watermark, PXR_ROLE_SANS, 72, 0, 0, PDF_LEFT, "watermark",
                     PDF_OP_WATERMARK);
        if (doc->header && *doc->header) {
            one_line(lay, doc->header, PXR_ROLE_SANS, 8, X0(lay), Y0(lay) - 10, PDF_LEFT, "header",
                     PDF_OP_TEXT);
            add_line(lay, X0(lay), Y0(lay) - 6, X1(lay), Y0(lay) - 6);
        }
        if (lay->gongwen) {
            /* GB/T 9704 7.5: 4号 digits between em dashes, the dashes 7 mm below the type
               area; odd pages right, even pages left, one character in from the edge */
            double size = 14, y = Y1(lay) + 7 * MM + size * 0.35;
            snprintf(foot, sizeof foot, "— %d —", p + 1);
            one_line(lay, foot, PXR_ROLE_SERIF, size, p % 2 ? X0(lay) + size : X1(lay) - size, y,
                     p % 2 ? PDF_LEFT : PDF_RIGHT, "footer", PDF_OP_TEXT);
            continue;
        }
        snprintf(foot, sizeof foot, "第 %d 页 共 %d 页", p + 1, lay->npages);
        one_line(lay, foot, PXR_ROLE_SERIF, 9, lay->pw / 2, Y1(lay) + 30, PDF_CENTER, "footer",
                 PDF_OP_TEXT);
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
    fprintf(stderr,
            pxr_msg("pxr: warning: %s: %u character(s) found in no font, drawn as U+3013 〓:%s\n"),
            lay->out, hb_set_get_population(lay->missing), list);
}

/* Undoes everything laid out since the snapshot (ops, marks, pages, cursor). */
typedef struct snapshot {
    size_t nops, nmarks;
    int npages, page;
    double y, pw, ph;
} snapshot;

static snapshot snap(const pdf_layout *lay)
{
    return (snapshot){lay->nops, lay->nmarks, lay->npages, lay->page, lay->y, lay->pw, lay->ph};
}

static void rollback(pdf_layout *lay, const snapshot *s)
{
    while (lay->nops > s->nops) {
        lay->nops--;
        free(lay->ops[lay->nops].text);
        free(lay->ops[lay->nops].pts);
    }
    while (lay->nmarks > s->nmarks)
        free(lay->marks[--lay->nmarks].title);
    lay->npages = s->npages, lay->page = s->page, lay->y = s->y;
    lay->pw = s->pw, lay->ph = s->ph;
}

static int block(pdf_layout *lay, const pdf_block *b, pxr_error *err)
{
    double size;
    /* a landscape table turns its pages; what follows it turns them back */
    turn(lay, b->kind == PDF_TABLE && b->landscape ? 1 : lay->landscape);
    switch (b->kind) {
    case PDF_HEADING:
        heading(lay, b);
        break;
    case PDF_PARAGRAPH:
        size = b->size > 0 ? b->size : lay->body;
        text_block(lay, b->text, b->role, size, b->align, b->indent, b->where,
                   lay->gongwen ? 0 : size * 0.5, 0);
        break;
    case PDF_TABLE:
        return table(lay, b, err);
    case PDF_PAGEBREAK:
        if (lay->y > Y0(lay) + EPS)
            new_page(lay);
        break;
    case PDF_DRAWING:
        drawing(lay, b);
        break;
    case PDF_SPACER:
        lay->y += b->height * MM;
        if (lay->y > Y1(lay))
            new_page(lay);
        break;
    }
    return PXR_OK;
}

/* Page of the first thing drawn since op index from, or -1. */
static int first_page(const pdf_layout *lay, size_t from)
{
    return from < lay->nops ? lay->ops[from].page : -1;
}

static int block(pdf_layout *lay, const pdf_block *b, pxr_error *err);
static void signature(pdf_layout *lay, const char *unit, const char *date);

/*
** GB/T 9704 7.3.5: no page holds the signature alone; the last paragraph
** (tail, laid out from snapshot tail) comes along to the new page.
*/
static int signed_off(pdf_layout *lay, const pdf_doc *doc, const char *unit, const char *date,
                      snapshot *tail, int tail_block, pxr_error *err)
{
    snapshot before = snap(lay);
    int last = before.nops ? lay->ops[before.nops - 1].page : -1, rc = PXR_OK;

    signature(lay, unit, date);
    if (first_page(lay, before.nops) > last && last >= 0 && tail_block >= 0 &&
        tail->y > Y0(lay) + EPS) {
        rollback(lay, tail);
        new_page(lay);
        rc = block(lay, &doc->blocks[tail_block], err);
        signature(lay, unit, date);
    }
    return rc;
}

/*
** Headings stay with what follows, exactly: a run of headings and the block
** after them are laid out; if that block starts on a later page than the
** first heading, the run is undone and laid out again from a new page.
*/
static int body(pdf_layout *lay, const pdf_doc *doc, snapshot *tail, int *tail_block,
                pxr_error *err)
{
    int rc = PXR_OK;
    *tail_block = -1;
    for (int i = 0; i < doc->nblocks && rc == PXR_OK && !lay->nomem;) {
        snapshot s = snap(lay);
        int j = i;
        if (doc->blocks[i].kind == PDF_SIGNATURE) {
            rc = signed_off(lay, doc, doc->blocks[i].text, doc->blocks[i].date, tail, *tail_block,
                            err);
            *tail_block = -1;
            i++;
            continue;
        }
        if (doc->blocks[i].kind != PDF_HEADING) {
            /* the last paragraph, which the signature may take along to a new page */
            *tail = s, *tail_block = doc->blocks[i].kind == PDF_PARAGRAPH ? i : -1;
            rc = block(lay, &doc->blocks[i], err);
            i++;
            continue;
        }
        while (j < doc->nblocks && doc->blocks[j].kind == PDF_HEADING)
            j++;
        /* headings over a landscape table go on its first landscape page */
        turn(lay, j < doc->nblocks && doc->blocks[j].kind == PDF_TABLE && doc->blocks[j].landscape
                      ? 1
                      : lay->landscape);
        s = snap(lay);
        for (j = i; j < doc->nblocks && doc->blocks[j].kind == PDF_HEADING; j++)
            heading(lay, &doc->blocks[j]);
        if (j < doc->nblocks) {
            size_t from = lay->nops;
            int hp = first_page(lay, s.nops);
            rc = block(lay, &doc->blocks[j], err);
            if (rc == PXR_OK && first_page(lay, from) > hp && hp >= 0 && s.y > Y0(lay) + EPS) {
                rollback(lay, &s);
                new_page(lay);
                for (int k = i; k < j; k++)
                    heading(lay, &doc->blocks[k]);
                rc = block(lay, &doc->blocks[j], err);
            }
            j++;
        }
        *tail_block = -1;
        i = j;
    }
    return rc;
}

/* GB/T 9704 7.3.5.2 style: the unit centred over the date, the date four characters from the
   right; two blank lines above for the seal. */
static void signature(pdf_layout *lay, const char *unit, const char *date)
{
    double size = lay->body, lh = line_h(lay, size), wd = 0, wu = 0, right, centre;
    char *tu, *td;
    pxr_lb_line *l;
    size_t n;

    unit = unit && *unit ? unit : NULL;
    date = date && *date ? date : NULL;
    if (!unit && !date)
        return;
    tu = unit ? prep(lay, PXR_ROLE_SERIF, unit, "signature") : NULL;
    td = date ? prep(lay, PXR_ROLE_SERIF, date, "signature") : NULL;
    if (td && (l = break_text(lay, PXR_ROLE_SERIF, td, size, 1e9, 0, &n))) {
        wd = n ? l[0].width * size : 0;
        free(l);
    }
    if (tu && (l = break_text(lay, PXR_ROLE_SERIF, tu, size, 1e9, 0, &n))) {
        wu = n ? l[0].width * size : 0;
        free(l);
    }
    right = X1(lay) - 4 * size;
    centre = date ? right - wd / 2 : right - wu / 2;
    if (centre + wu / 2 > X1(lay))
        centre = X1(lay) - wu / 2;
    lay->y += 2 * lh;
    ensure(lay, (unit ? lh : 0) + (date ? lh : 0));
    if (tu) {
        one_line(lay, tu, PXR_ROLE_SERIF, size, centre, lay->y + (lh - size) / 2 + size * ASCENT,
                 PDF_CENTER, "signature", PDF_OP_TEXT);
        lay->y += lh;
    }
    if (td) {
        one_line(lay, td, PXR_ROLE_SERIF, size, right, lay->y + (lh - size) / 2 + size * ASCENT,
                 PDF_RIGHT, "signature", PDF_OP_TEXT);
        lay->y += lh;
    }
    free(tu);
    free(td);
}

/* ---- table of contents ---- */

typedef struct toc_entry {
    int page;
    double x, y; /* end of the entry's text and its baseline */
} toc_entry;

static const char toc_title[] = "目　　录";

/*
** Lays out the contents (doc.toc): one entry per level-1 and level-2 heading,
** then starts the body on a new page.  The page numbers are unknown until the
** body is laid out, so each entry's place is kept for toc_numbers(); the
** contents' own pages are already counted, being laid out first.
*/
static toc_entry *toc_reserve(pdf_layout *lay, const pdf_doc *doc, int *nentries)
{
    /* entries a little apart, as printed contents are; on the grid in gongwen */
    double size = lay->body, lh = line_h(lay, size) * (lay->gongwen ? 1 : 1.25), reserve = 4 * size;
    toc_entry *e;
    int n = 0, k = 0;

    *nentries = 0;
    for (int i = 0; i < doc->nblocks; i++)
        n += doc->blocks[i].kind == PDF_HEADING && doc->blocks[i].level <= 2;
    if (n == 0 || !(e = calloc((size_t)n, sizeof *e)))
        return NULL;
    add_mark(lay, 1, lay->y, "目录");
    text_block(lay, toc_title, PXR_ROLE_SANS, lay->gongwen ? lay->body : 16, PDF_CENTER, 0,
               "contents", lay->gongwen ? lay->pitch : size, 0);
    for (int i = 0; i < doc->nblocks && !lay->nomem; i++) {
        const pdf_block *b = &doc->blocks[i];
        int role = b->level == 1 ? PXR_ROLE_SANS : PXR_ROLE_SERIF;
        double indent = (b->level - 1) * 2 * size;
        pxr_lb_line *lines;
        size_t nl;
        char *t;

        if (b->kind != PDF_HEADING || b->level > 2)
            continue;
        if (!(t = prep(lay, role, b->text, "contents")))
            break;
        lines = break_text(lay, role, t, size, X1(lay) - X0(lay) - indent - reserve, 0, &nl);
        if (lines && nl > 0) {
            ensure(lay, (double)nl * lh);
            for (size_t l = 0; l < nl; l++) {
                double base = lay->y + (lh - size) / 2 + size * ASCENT;
                emit_line(lay, X0(lay) + indent, base, role, size, t, lines[l].start, lines[l].end,
                          0, 0, 0, PDF_OP_TEXT);
                e[k].page = lay->page, e[k].y = base;
                e[k].x = X0(lay) + indent + lines[l].width * size;
                lay->y += lh;
            }
            k++;
        }
        free(lines);
        free(t);
    }
    new_page(lay);
    *nentries = k;
    return e;
}

/* Writes each entry's page number at the right and a dotted leader up to it. */
static void toc_numbers(pdf_layout *lay, const toc_entry *e, int n, size_t first_mark)
{
    double size = lay->body, pitch = size * 0.5;
    int k = 0, face = pxr_fonts_pick(lay->fs, PXR_ROLE_SERIF, '.');

    for (size_t i = first_mark; i < lay->nmarks && k < n; i++) {
        char num[16], dots[256];
        double wn, x0, x1;
        int count;

        if (lay->marks[i].level > 2)
            continue;
        lay->page = e[k].page;
        lay->pw = lay->pgw[e[k].page], lay->ph = lay->pgh[e[k].page];
        snprintf(num, sizeof num, "%d", lay->marks[i].page + 1);
        wn = 0;
        for (const char *p = num; *p; p++)
            wn += cp_width(&(measure){lay, PXR_ROLE_SERIF}, (uint32_t)*p) * size;
        one_line(lay, num, PXR_ROLE_SERIF, size, X1(lay), e[k].y, PDF_RIGHT, "contents",
                 PDF_OP_TEXT);
        x0 = e[k].x + size * 0.5, x1 = X1(lay) - wn - size * 0.5;
        count = face < 0 ? 0 : (int)((x1 - x0) / pitch);
        if (count > (int)sizeof dots - 1)
            count = (int)sizeof dots - 1;
        if (count >= 2) {
            double dw = pxr_fonts_advance(lay->fs, face, '.') * size;
            memset(dots, '.', (size_t)count);
            dots[count] = '\0';
            emit_line(lay, x1 - count * pitch + (pitch - dw), e[k].y, PXR_ROLE_SERIF, size, dots, 0,
                      (size_t)count, pitch - dw, 0, 0, PDF_OP_TEXT);
        }
        k++;
    }
}

static void geometry(pdf_layout *lay, const pdf_doc *doc)
{
    lay->pw = doc->landscape ? 841.89 : 595.276;
    lay->ph = doc->landscape ? 595.276 : 841.89;
    lay->gongwen = doc->gongwen;
    lay->punct = doc->punct;
    lay->landscape = doc->landscape;
    if (doc->gongwen && !doc->landscape) {
        /* GB/T 9704-2012 5.2.1: top 37 mm, binding side 28 mm, type area 156 x 225 mm,
           22 lines of 28 characters in 3号 (16 pt).  The binding margin stays on the left
           of every page, as in the common 公文 templates: mirrored margins would move
           tables already measured for one side. */
        lay->mt = 37 * MM, lay->ml = 28 * MM;
        lay->mr = lay->pw - lay->ml - 156 * MM;
        lay->mb = lay->ph - lay->mt - 225 * MM;
        lay->body = 16, lay->pitch = 225 * MM / 22, lay->table_size = 10.5;
    } else {
        lay->mt = lay->mb = lay->ml = lay->mr = MARGIN;
        lay->body = BODY_SIZE, lay->pitch = BODY_SIZE * LEAD, lay->table_size = TABLE_SIZE;
    }
}

int pxr_pdf_layout_run(pdf_layout *lay, const pdf_doc *doc, pxr_fontset *fs, const char *out,
                       pxr_error *err)
{
    int rc = PXR_OK, ntoc = 0, tail_block = -1;
    toc_entry *toc = NULL;
    size_t first_mark;
    snapshot tail = {0, 0, 0, 0, 0, 0, 0};

    memset(lay, 0, sizeof *lay);
    geometry(lay, doc);
    lay->fs = fs;
    lay->out = out;
    lay->missing = hb_set_create();
    new_page(lay);
    if (lay->gongwen) {
        /* GB/T 9704 7.3.2: the title in 2号, centred, a blank line after it */
        if (doc->title && *doc->title)
            text_block(lay, doc->title, PXR_ROLE_SERIF, 22, PDF_CENTER, 0, "title", 0, 1);
        if (doc->subtitle && *doc->subtitle)
            text_block(lay, doc->subtitle, PXR_ROLE_KAI, lay->body, PDF_CENTER, 0, "subtitle", 0,
                       0);
        if ((doc->title && *doc->title) || (doc->subtitle && *doc->subtitle))
            lay->y += lay->pitch;
    } else {
        if (doc->title && *doc->title)
            text_block(lay, doc->title, PXR_ROLE_SANS, 18, PDF_CENTER, 0, "title", 4, 0);
        if (doc->subtitle && *doc->subtitle)
            text_block(lay, doc->subtitle, PXR_ROLE_KAI, 13, PDF_CENTER, 0, "subtitle", 4, 0);
        if ((doc->title && *doc->title) || (doc->subtitle && *doc->subtitle))
            lay->y += 10;
    }
    if (doc->toc)
        toc = toc_reserve(lay, doc, &ntoc);
    first_mark = lay->nmarks;
    rc = body(lay, doc, &tail, &tail_block, err);
    if (rc == PXR_OK && !lay->nomem) {
        turn(lay, lay->landscape);
        rc = signed_off(lay, doc, doc->sign_unit, doc->sign_date, &tail, tail_block, err);
    }
    if (rc == PXR_OK && !lay->nomem && toc)
        toc_numbers(lay, toc, ntoc, first_mark);
    free(toc);
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
    for (size_t i = 0; i < lay->nops; i++) {
        free(lay->ops[i].text);
        free(lay->ops[i].pts);
    }
    for (size_t i = 0; i < lay->nmarks; i++)
        free(lay->marks[i].title);
    free(lay->ops);
    free(lay->marks);
    free(lay->pgw);
    free(lay->pgh);
    hb_set_destroy(lay->missing);
    memset(lay, 0, sizeof *lay);
}
