#include "pdf_draw.h"

#include "linebreak.h"
#include "pdf_font.h"

#include <errno.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct hpdf_status {
    HPDF_STATUS code, detail;
} hpdf_status;

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
    hpdf_status *st = ud;
    if (!st->code)
        st->code = code, st->detail = detail;
}

/* An axis-parallel line: along a0..a1 at at (y of a horizontal line, x of a vertical one). */
typedef struct seg {
    double at, a0, a1;
} seg;

typedef struct segs {
    seg *s;
    size_t n, cap;
} segs;

typedef struct pen {
    segs rules[2]; /* plain horizontal and vertical lines not drawn yet */
    HPDF_Page page;
    HPDF_Dict *fonts;              /* per face: its Type0 font (pdf_font.c) */
    const pxr_subset *const *subs; /* per face: the subset whose CIDs the text is written in */
    double ph;
    double tx, ty; /* the start of the current text line (Td moves relative to it) */
    int in_text, face, bold;
    double size, cs;
    double rgb[3]; /* current fill colour */
} pen;

static void end_text(pen *p)
{
    if (p->in_text)
        HPDF_Page_EndText(p->page);
    p->in_text = 0;
}

static int cmp_seg(const void *a, const void *b)
{
    const seg *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->a0 < y->a0 ? -1 : x->a0 > y->a0;
}

/*
** HPDF_Page_MoveTo (line 0) or HPDF_Page_LineTo (line 1): the same bytes and page state,
** without clearing a 512-byte buffer byte by byte on each call, which was 3% of a
** report's instructions (every rule of every table comes here).
*/
static void path_to(HPDF_Page page, HPDF_REAL x, HPDF_REAL y, int line)
{
    HPDF_PageAttr attr = page->attr;
    char buf[64] = {0}, *b, *end = buf + sizeof buf - 1;

    if (HPDF_Page_CheckState(page, line ? HPDF_GMODE_PATH_OBJECT
                                        : HPDF_GMODE_PAGE_DESCRIPTION | HPDF_GMODE_PATH_OBJECT) !=
        HPDF_OK)
        return;
    b = HPDF_FToA(buf, x, end);
    *b++ = ' ';
    b = HPDF_FToA(b, y, end);
    HPDF_StrCpy(b, line ? " l\012" : " m\012", end);
    if (HPDF_Stream_WriteStr(attr->stream, buf) != HPDF_OK) {
        HPDF_CheckError(page->error);
        return;
    }
    attr->cur_pos.x = x;
    attr->cur_pos.y = y;
    if (!line) {
        attr->str_pos = attr->cur_pos;
        attr->gmode = HPDF_GMODE_PATH_OBJECT;
    }
}

/*
** Draws the pending plain lines as one path: a table's cells share their edges, so
** collinear lines that touch or overlap are joined first (a 27-row grid is some thirty
** lines instead of five hundred, and its page stream a tenth of the size).
*/
static void flush_rules(pen *p)
{
    int any = 0;
    for (int dir = 0; dir < 2; dir++) {
        segs *r = &p->rules[dir];
        size_t n = 0;
        if (!r->n)
            continue;
        qsort(r->s, r->n, sizeof *r->s, cmp_seg);
        for (size_t i = 0; i < r->n; i++) {
            seg *last = n ? &r->s[n - 1] : NULL;
            if (last && r->s[i].at - last->at < 0.01 && r->s[i].a0 <= last->a1 + 0.01)
                last->a1 = r->s[i].a1 > last->a1 ? r->s[i].a1 : last->a1;
            else
                r->s[n++] = r->s[i];
        }
        if (!any)
            end_text(p);
        any = 1;
        for (size_t i = 0; i < n; i++) {
            const seg *g = &r->s[i];
            if (dir == 0) {
                path_to(p->page, (HPDF_REAL)g->a0, (HPDF_REAL)(p->ph - g->at), 0);
                path_to(p->page, (HPDF_REAL)g->a1, (HPDF_REAL)(p->ph - g->at), 1);
            } else {
                path_to(p->page, (HPDF_REAL)g->at, (HPDF_REAL)(p->ph - g->a0), 0);
                path_to(p->page, (HPDF_REAL)g->at, (HPDF_REAL)(p->ph - g->a1), 1);
            }
        }
        r->n = 0;
    }
    if (any)
        HPDF_Page_Stroke(p->page);
}

/* Queues a plain line for flush_rules; 0 when it is not axis-parallel or out of memory. */
static int queue_rule(pen *p, const pdf_op *op)
{
    int dir = op->y == op->y2 ? 0 : op->x == op->x2 ? 1 : -1;
    segs *r;
    seg g;

    if (dir < 0)
        return 0;
    r = &p->rules[dir];
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        seg *ns = realloc(r->s, cap * sizeof *ns);
        if (!ns)
            return 0;
        r->s = ns, r->cap = cap;
    }
    g.at = dir == 0 ? op->y : op->x;
    g.a0 = dir == 0 ? op->x : op->y;
    g.a1 = dir == 0 ? op->x2 : op->y2;
    if (g.a0 > g.a1) {
        double t = g.a0;
        g.a0 = g.a1, g.a1 = t;
    }
    r->s[r->n++] = g;
    return 1;
}

/* Fill colour of text ops: black unless the op has its own. */
static void text_color(pen *p, const pdf_op *op)
{
    double r = op->has_fill ? op->fill[0] : 0, g = op->has_fill ? op->fill[1] : 0,
           b = op->has_fill ? op->fill[2] : 0;
    if (r != p->rgb[0] || g != p->rgb[1] || b != p->rgb[2]) {
        HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)r, (HPDF_REAL)g, (HPDF_REAL)b);
        p->rgb[0] = r, p->rgb[1] = g, p->rgb[2] = b;
    }
}

/* Turned text gets a text object of its own: TextOut moves relative to the matrix. */
static void draw_turned(pen *p, const pdf_op *op)
{
    double a = op->angle * M_PI / 180, c = cos(a), s = sin(a);
    end_text(p);
    text_color(p, op);
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetTextRenderingMode(p->page, op->bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
    pxr_pdf_font_select(p->page, p->fonts[op->face], op->size);
    HPDF_Page_SetTextMatrix(p->page, (HPDF_REAL)c, (HPDF_REAL)s, (HPDF_REAL)-s, (HPDF_REAL)c,
                            (HPDF_REAL)op->x, (HPDF_REAL)(p->ph - op->y));
    pxr_pdf_font_show(p->page, p->subs[op->face], op->text, "Tj");
    HPDF_Page_EndText(p->page);
    p->face = -1;
}

static void stroke_style(pen *p, const pdf_op *op)
{
    HPDF_UINT16 dash[2];
    HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)(op->lw > 0 ? op->lw : 0.5));
    if (op->has_stroke)
        HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)op->stroke[0], (HPDF_REAL)op->stroke[1],
                               (HPDF_REAL)op->stroke[2]);
    else
        HPDF_Page_SetGrayStroke(p->page, 0);
    if (op->dash[0] > 0) {
        dash[0] = (HPDF_UINT16)(op->dash[0] + 0.5 > 1 ? op->dash[0] + 0.5 : 1);
        dash[1] = (HPDF_UINT16)(op->dash[1] + 0.5 > 1 ? op->dash[1] + 0.5 : 1);
        HPDF_Page_SetDash(p->page, dash, 2, 0);
    } else {
        HPDF_Page_SetDash(p->page, NULL, 0, 0);
    }
}

/* Ends a path: fill, stroke or both, then back to the page defaults. */
static void paint(pen *p, const pdf_op *op)
{
    if (op->has_fill && op->has_stroke)
        HPDF_Page_FillStroke(p->page);
    else if (op->has_fill)
        HPDF_Page_Fill(p->page);
    else
        HPDF_Page_Stroke(p->page);
    HPDF_Page_SetRGBFill(p->page, 0, 0, 0);
    HPDF_Page_SetGrayStroke(p->page, 0);
    HPDF_Page_SetLineWidth(p->page, 0.5);
    if (op->dash[0] > 0)
        HPDF_Page_SetDash(p->page, NULL, 0, 0);
    p->rgb[0] = p->rgb[1] = p->rgb[2] = 0;
}

static void draw_shape(pen *p, const pdf_op *op)
{
    flush_rules(p);
    end_text(p);
    stroke_style(p, op);
    if (op->has_fill)
        HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)op->fill[0], (HPDF_REAL)op->fill[1],
                             (HPDF_REAL)op->fill[2]);
    switch (op->kind) {
    case PDF_OP_LINE:
        HPDF_Page_MoveTo(p->page, (HPDF_REAL)op->x, (HPDF_REAL)(p->ph - op->y));
        HPDF_Page_LineTo(p->page, (HPDF_REAL)op->x2, (HPDF_REAL)(p->ph - op->y2));
        break;
    case PDF_OP_RECT:
        HPDF_Page_Rectangle(p->page, (HPDF_REAL)op->x, (HPDF_REAL)(p->ph - op->y - op->y2),
                            (HPDF_REAL)op->x2, (HPDF_REAL)op->y2);
        break;
    case PDF_OP_CIRCLE:
        HPDF_Page_Circle(p->page, (HPDF_REAL)op->x, (HPDF_REAL)(p->ph - op->y), (HPDF_REAL)op->x2);
        break;
    default:
        HPDF_Page_SetLineJoin(p->page, HPDF_ROUND_JOIN);
        HPDF_Page_MoveTo(p->page, (HPDF_REAL)op->pts[0], (HPDF_REAL)(p->ph - op->pts[1]));
        for (int i = 1; i < op->npts; i++)
            HPDF_Page_LineTo(p->page, (HPDF_REAL)op->pts[2 * i],
                             (HPDF_REAL)(p->ph - op->pts[2 * i + 1]));
        break;
    }
    paint(p, op);
}

static void draw_text(pen *p, const pdf_op *op)
{
    if (op->angle != 0) {
        draw_turned(p, op);
        return;
    }
    text_color(p, op);
    if (!p->in_text) {
        HPDF_Page_BeginText(p->page);
        p->in_text = 1;
        p->face = -1, p->bold = 0, p->cs = 0, p->tx = p->ty = 0;
        HPDF_Page_SetTextRenderingMode(p->page, HPDF_FILL);
    }
    if (op->face != p->face || op->size != p->size) {
        pxr_pdf_font_select(p->page, p->fonts[op->face], op->size);
        p->face = op->face, p->size = op->size;
    }
    if (op->cs != p->cs) {
        HPDF_Page_SetCharSpace(p->page, (HPDF_REAL)op->cs);
        p->cs = op->cs;
    }
    if (op->bold != p->bold) {
        /* no bold face: fill and stroke the outlines */
        HPDF_Page_SetTextRenderingMode(p->page, op->bold ? HPDF_FILL_THEN_STROKE : HPDF_FILL);
        p->bold = op->bold;
    }
    pxr_pdf_font_op2(p->page, op->x - p->tx, p->ph - op->y - p->ty, "Td");
    p->tx = op->x, p->ty = p->ph - op->y;
    pxr_pdf_font_show(p->page, p->subs[op->face], op->text, "Tj");
}

static void draw_watermark(pen *p, const pdf_op *op, double pw)
{
    double a = atan2(p->ph, pw), c = cos(a), s = sin(a);
    double dx = op->x - op->x2 / 2, dy = -op->size * 0.35;
    double ox = pw / 2 + c * dx - s * dy, oy = p->ph / 2 + s * dx + c * dy;

    HPDF_Page_SetGrayFill(p->page, 0.88);
    HPDF_Page_BeginText(p->page);
    pxr_pdf_font_select(p->page, p->fonts[op->face], op->size);
    HPDF_Page_SetTextMatrix(p->page, (HPDF_REAL)c, (HPDF_REAL)s, (HPDF_REAL)-s, (HPDF_REAL)c,
                            (HPDF_REAL)ox, (HPDF_REAL)oy);
    pxr_pdf_font_show(p->page, p->subs[op->face], op->text, "Tj");
    HPDF_Page_EndText(p->page);
    HPDF_Page_SetGrayFill(p->page, 0);
}

static void draw_page(pen *p, const pdf_layout *lay, int page)
{
    HPDF_Page_SetLineWidth(p->page, 0.5);
    HPDF_Page_SetGrayStroke(p->page, 0);
    /* the watermark goes under everything else */
    for (size_t i = 0; i < lay->nops; i++)
        if (lay->ops[i].page == page && lay->ops[i].kind == PDF_OP_WATERMARK)
            draw_watermark(p, &lay->ops[i], lay->pgw[page]);
    for (size_t i = 0; i < lay->nops; i++) {
        const pdf_op *op = &lay->ops[i];
        if (op->page != page)
            continue;
        switch (op->kind) {
        case PDF_OP_TEXT:
            draw_text(p, op);
            break;
        case PDF_OP_LINE:
            if (op->has_stroke || op->lw > 0 || op->dash[0] > 0) {
                draw_shape(p, op);
                break;
            }
            if (queue_rule(p, op))
                break;
            end_text(p);
            HPDF_Page_MoveTo(p->page, (HPDF_REAL)op->x, (HPDF_REAL)(p->ph - op->y));
            HPDF_Page_LineTo(p->page, (HPDF_REAL)op->x2, (HPDF_REAL)(p->ph - op->y2));
            HPDF_Page_Stroke(p->page);
            break;
        case PDF_OP_RECT:
        case PDF_OP_CIRCLE:
        case PDF_OP_POLY:
            draw_shape(p, op);
            break;
        default:
            break;
        }
    }
    flush_rules(p);
    end_text(p);
    free(p->rules[0].s);
    free(p->rules[1].s);
}

/*
** A PDF text string (UTF-16BE with its byte order mark) of UTF-8 text: libharu's
** UTF-8 encoder would do it too, but building that encoder costs more than a page.
*/
static HPDF_Binary text_string(HPDF_Doc pdf, const char *text)
{
    size_t len = strlen(text), i = 0, k = 2;
    HPDF_BYTE *u = malloc(4 * len + 2);
    HPDF_Binary b;

    if (!u)
        return NULL;
    u[0] = 0xFE, u[1] = 0xFF;
    while (i < len && k + 4 <= 65530) {
        uint32_t cp;
        i += pxr_utf8_decode(text + i, len - i, &cp);
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000, hi = 0xD800 + (v >> 10), lo = 0xDC00 + (v & 0x3FF);
            u[k++] = (HPDF_BYTE)(hi >> 8), u[k++] = (HPDF_BYTE)hi;
            u[k++] = (HPDF_BYTE)(lo >> 8), u[k++] = (HPDF_BYTE)lo;
        } else {
            u[k++] = (HPDF_BYTE)(cp >> 8), u[k++] = (HPDF_BYTE)cp;
        }
    }
    b = HPDF_Binary_New(pdf->mmgr, u, (HPDF_UINT)k);
    free(u);
    return b;
}

/* Sets (or replaces) key of dict to text as a text string. */
static void put_text(HPDF_Doc pdf, HPDF_Dict dict, const char *key, const char *text)
{
    HPDF_Binary b;
    if (!dict || !text || !*text)
        return;
    b = text_string(pdf, text);
    if (b)
        HPDF_Dict_Add(dict, key, b);
}

static void info(HPDF_Doc pdf, const pdf_doc *doc)
{
    /* makes the info dictionary; its strings are ASCII */
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "pxr");
    HPDF_SetInfoAttr(pdf, HPDF_INFO_PRODUCER, "pxr " PXR_VERSION " (libharu)");
    put_text(pdf, pdf->info, "Title", doc->title);
    put_text(pdf, pdf->info, "Author", doc->author);
    put_text(pdf, pdf->info, "Subject", doc->subject);
    put_text(pdf, pdf->info, "Keywords", doc->keywords);
}

static void outlines(HPDF_Doc pdf, const pdf_layout *lay, HPDF_Page *pages)
{
    HPDF_Outline last[4] = {NULL, NULL, NULL, NULL};

    for (size_t i = 0; i < lay->nmarks; i++) {
        const pdf_mark *m = &lay->marks[i];
        HPDF_Outline parent = NULL, ol;
        HPDF_Destination dst;
        for (int l = m->level - 1; l >= 1 && !parent; l--)
            parent = last[l];
        ol = HPDF_CreateOutline(pdf, parent, "", NULL);
        if (!ol)
            return;
        put_text(pdf, ol, "Title", m->title);
        HPDF_Outline_SetOpened(ol, m->level == 1);
        dst = HPDF_Page_CreateDestination(pages[m->page]);
        if (dst) {
            HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(lay->pgh[m->page] - m->y + 6), 1);
            HPDF_Outline_SetDestination(ol, dst);
        }
        last[m->level] = ol;
        for (int l = m->level + 1; l < 4; l++)
            last[l] = NULL;
    }
    if (lay->nmarks)
        HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
}

static HPDF_STATUS file_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    return fwrite(ptr, 1, size, stream->attr) == size ? HPDF_OK : HPDF_FILE_IO_ERROR;
}

/*
** The document saved into f: the same bytes as HPDF_SaveToFile, written to the file
** pxr_atomic created rather than one libharu reopens by name (atomic.c says why).  The
** document's stream is a writer into f (HPDF_Free frees it), so HPDF_SaveToStream
** writes there instead of into memory, which libharu fills and reads back slowly.
*/
static int save_into(HPDF_Doc pdf, FILE *f)
{
    if (!pdf->stream && !(pdf->stream = HPDF_CallbackWriter_New(pdf->mmgr, file_write, f)))
        return -1;
    return HPDF_SaveToStream(pdf) == HPDF_OK && fflush(f) == 0 ? 0 : -1;
}

int pxr_pdf_draw(const pdf_layout *lay, const pdf_doc *doc, pxr_fontset *fs, const char *path,
                 FILE *into, pxr_error *err)
{
    hpdf_status st = {0, 0};
    HPDF_Dict fonts[PXR_ROLE_COUNT] = {0};
    const pxr_subset *subs[PXR_ROLE_COUNT] = {0};
    HPDF_Page *pages = calloc((size_t)lay->npages + 1, sizeof *pages);
    HPDF_Doc pdf = HPDF_New(on_error, &st);
    int rc = PXR_OK;

    if (!pdf || !pages) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot create the PDF (out of memory)", path);
        goto done;
    }
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    info(pdf, doc);

    for (int f = 0; f < fs->nfaces && rc == PXR_OK; f++) {
        if (hb_set_is_empty(fs->faces[f].used))
            continue;
        if ((rc = pxr_fonts_subset(fs, f, &subs[f], err)) != PXR_OK)
            break;
        if (!(fonts[f] = pxr_pdf_font_add(pdf, subs[f])))
            rc = pxr_fail(err, PXR_EINTERNAL,
                          "%s (face %u): cannot write the font into the PDF (libharu error 0x%04X)",
                          fs->faces[f].path, fs->faces[f].index, (unsigned)st.code);
    }
    for (int p = 0; p < lay->npages && rc == PXR_OK; p++) {
        pen pn = {0};
        pages[p] = HPDF_AddPage(pdf);
        if (!pages[p])
            break;
        /* pages differ in size where a landscape table turned them */
        HPDF_Page_SetWidth(pages[p], (HPDF_REAL)lay->pgw[p]);
        HPDF_Page_SetHeight(pages[p], (HPDF_REAL)lay->pgh[p]);
        pn.page = pages[p], pn.fonts = fonts, pn.subs = subs, pn.ph = lay->pgh[p];
        draw_page(&pn, lay, p);
    }
    if (rc == PXR_OK && !st.code)
        outlines(pdf, lay, pages);
    if (rc == PXR_OK && !st.code && save_into(pdf, into) != 0 && !st.code)
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", path, strerror(errno));
    if (rc == PXR_OK && st.code)
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: libharu error 0x%04X (detail %u)", path,
                      (unsigned)st.code, (unsigned)st.detail);
done:
    if (pdf)
        HPDF_Free(pdf);
    free(pages);
    return rc;
}
