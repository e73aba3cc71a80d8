/* Drawing blocks (charts): lines, shapes and labels, scaled to the type area. */
#include "pdf_chart.h"

#include "pdf_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A text primitive: runs of one face each, aligned about (x, y) along its angle. */
static void drawing_text(pdf_layout *lay, const pdf_item *it, double x, double y, double k,
                         const char *where)
{
    double size = it->size * k, rad = it->angle * 3.14159265358979 / 180, w = 0;
    double c = cos(rad), s = sin(rad), off;
    char *t = pxr_lay_prep(lay, it->role, it->text, where);
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
        w += pxr_lay_cp_width(&(pdf_measure){lay, it->role}, cp) * size;
    }
    off = it->align == PDF_CENTER ? -w / 2 : it->align == PDF_RIGHT ? -w : 0;
    pxr_lay_emit(lay, x + off, y, it->role, size, t, 0, len, 0, 0, it->bold, PDF_OP_TEXT);
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
void pxr_lay_drawing(pdf_layout *lay, const pdf_block *b)
{
    double avail = X1(lay) - X0(lay), w = b->width * MM, h = b->height * MM;
    double k = w > avail ? avail / w : 1, x0, y0;

    w *= k, h *= k;
    pxr_lay_ensure(lay, h);
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
        op = pxr_lay_op(lay, it->kind == PDF_IT_LINE     ? PDF_OP_LINE
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
