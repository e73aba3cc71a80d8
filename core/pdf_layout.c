/*
** The flow of a document: title, blocks one after another with headings kept
** with what follows, the signature, then the contents' page numbers and the
** page furniture.
*/
#include "pdf_layout.h"

#include "pdf_chart.h"
#include "pdf_furniture.h"
#include "pdf_table.h"
#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARGIN (25 * MM)

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
        pxr_lay_new_page(lay);
    } else {
        lay->pgw[lay->page] = lay->pw, lay->pgh[lay->page] = lay->ph;
        lay->y = Y0(lay);
    }
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
    char *t = pxr_lay_prep(lay, role, b->text, b->where);
    pxr_lb_line *lines;
    size_t n;

    if (!t)
        return;
    lines = pxr_lay_break(lay, role, t, size, break_w(lay, X1(lay) - X0(lay)), indent, &n);
    if (lines) {
        if (pxr_lay_ensure(lay, before + n * lh))
            before = 0;
        lay->y += before;
        pxr_lay_mark(lay, b->level, lay->y, t);
        pxr_lay_place(lay, t, lines, n, role, size, PDF_LEFT, indent, lh, bold);
        lay->y += after;
    }
    free(lines);
    free(t);
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
        pxr_lay_text_block(lay, b->text, b->role, size, b->align, b->indent, b->where,
                           lay->gongwen ? 0 : size * 0.5, 0);
        break;
    case PDF_TABLE:
        return pxr_lay_table(lay, b, err);
    case PDF_PAGEBREAK:
        if (lay->y > Y0(lay) + EPS)
            pxr_lay_new_page(lay);
        break;
    case PDF_DRAWING:
        pxr_lay_drawing(lay, b);
        break;
    case PDF_SPACER:
        lay->y += b->height * MM;
        if (lay->y > Y1(lay))
            pxr_lay_new_page(lay);
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
        pxr_lay_new_page(lay);
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
                pxr_lay_new_page(lay);
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
    tu = unit ? pxr_lay_prep(lay, PXR_ROLE_SERIF, unit, "signature") : NULL;
    td = date ? pxr_lay_prep(lay, PXR_ROLE_SERIF, date, "signature") : NULL;
    if (td && (l = pxr_lay_break(lay, PXR_ROLE_SERIF, td, size, 1e9, 0, &n))) {
        wd = n ? l[0].width * size : 0;
        free(l);
    }
    if (tu && (l = pxr_lay_break(lay, PXR_ROLE_SERIF, tu, size, 1e9, 0, &n))) {
        wu = n ? l[0].width * size : 0;
        free(l);
    }
    right = X1(lay) - 4 * size;
    centre = date ? right - wd / 2 : right - wu / 2;
    if (centre + wu / 2 > X1(lay))
        centre = X1(lay) - wu / 2;
    lay->y += 2 * lh;
    pxr_lay_ensure(lay, (unit ? lh : 0) + (date ? lh : 0));
    if (tu) {
        pxr_lay_one_line(lay, tu, PXR_ROLE_SERIF, size, centre,
                         lay->y + (lh - size) / 2 + size * ASCENT, PDF_CENTER, "signature",
                         PDF_OP_TEXT);
        lay->y += lh;
    }
    if (td) {
        pxr_lay_one_line(lay, td, PXR_ROLE_SERIF, size, right,
                         lay->y + (lh - size) / 2 + size * ASCENT, PDF_RIGHT, "signature",
                         PDF_OP_TEXT);
        lay->y += lh;
    }
    free(tu);
    free(td);
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
    pxr_lay_new_page(lay);
    if (lay->gongwen) {
        /* GB/T 9704 7.3.2: the title in 2号, centred, a blank line after it */
        if (doc->title && *doc->title)
            pxr_lay_text_block(lay, doc->title, PXR_ROLE_SERIF, 22, PDF_CENTER, 0, "title", 0, 1);
        if (doc->subtitle && *doc->subtitle)
            pxr_lay_text_block(lay, doc->subtitle, PXR_ROLE_KAI, lay->body, PDF_CENTER, 0,
                               "subtitle", 0, 0);
        if ((doc->title && *doc->title) || (doc->subtitle && *doc->subtitle))
            lay->y += lay->pitch;
    } else {
        if (doc->title && *doc->title)
            pxr_lay_text_block(lay, doc->title, PXR_ROLE_SANS, 18, PDF_CENTER, 0, "title", 4, 0);
        if (doc->subtitle && *doc->subtitle)
            pxr_lay_text_block(lay, doc->subtitle, PXR_ROLE_KAI, 13, PDF_CENTER, 0, "subtitle", 4,
                               0);
        if ((doc->title && *doc->title) || (doc->subtitle && *doc->subtitle))
            lay->y += 10;
    }
    if (doc->toc)
        toc = pxr_lay_toc_reserve(lay, doc, &ntoc);
    first_mark = lay->nmarks;
    rc = body(lay, doc, &tail, &tail_block, err);
    if (rc == PXR_OK && !lay->nomem) {
        turn(lay, lay->landscape);
        rc = signed_off(lay, doc, doc->sign_unit, doc->sign_date, &tail, tail_block, err);
    }
    if (rc == PXR_OK && !lay->nomem && toc)
        pxr_lay_toc_numbers(lay, toc, ntoc, first_mark);
    free(toc);
    if (rc == PXR_OK && !lay->nomem)
        pxr_lay_furniture(lay, doc);
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
