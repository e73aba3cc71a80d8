/* The layout's record: pages, drawing operations and heading marks, and the cursor's moves. */
#include "pdf_page.h"

#include <stdlib.h>
#include <string.h>

pdf_op *pxr_lay_op(pdf_layout *lay, int kind)
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

void pxr_lay_line(pdf_layout *lay, double x, double y, double x2, double y2)
{
    pdf_op *op = pxr_lay_op(lay, PDF_OP_LINE);
    if (op)
        op->x = x, op->y = y, op->x2 = x2, op->y2 = y2;
}

void pxr_lay_new_page(pdf_layout *lay)
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

/* Starts a new page unless h fits below the cursor (or the page is still empty). */
int pxr_lay_ensure(pdf_layout *lay, double h)
{
    if (lay->y + h > Y1(lay) + EPS && lay->y > Y0(lay) + EPS) {
        pxr_lay_new_page(lay);
        return 1;
    }
    return 0;
}

void pxr_lay_mark(pdf_layout *lay, int level, double y, const char *title)
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
