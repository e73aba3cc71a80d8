/* What surrounds the body: watermark, running header and page numbers; the contents. */
#include "pdf_furniture.h"

#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pxr_lay_furniture(pdf_layout *lay, const pdf_doc *doc)
{
    for (int p = 0; p < lay->npages; p++) {
        char foot[64];
        lay->page = p;
        lay->pw = lay->pgw[p], lay->ph = lay->pgh[p];
        if (doc->watermark && *doc->watermark)
            pxr_lay_one_line(lay, doc->watermark, PXR_ROLE_SANS, 72, 0, 0, PDF_LEFT, "watermark",
                             PDF_OP_WATERMARK);
        if (doc->header && *doc->header) {
            pxr_lay_one_line(lay, doc->header, PXR_ROLE_SANS, 8, X0(lay), Y0(lay) - 10, PDF_LEFT,
                             "header", PDF_OP_TEXT);
            pxr_lay_line(lay, X0(lay), Y0(lay) - 6, X1(lay), Y0(lay) - 6);
        }
        if (lay->gongwen) {
            /* GB/T 9704 7.5: 4号 digits between em dashes, the dashes 7 mm below the type
               area; odd pages right, even pages left, one character in from the edge */
            double size = 14, y = Y1(lay) + 7 * MM + size * 0.35;
            snprintf(foot, sizeof foot, "— %d —", p + 1);
            pxr_lay_one_line(lay, foot, PXR_ROLE_SERIF, size,
                             p % 2 ? X0(lay) + size : X1(lay) - size, y,
                             p % 2 ? PDF_LEFT : PDF_RIGHT, "footer", PDF_OP_TEXT);
            continue;
        }
        snprintf(foot, sizeof foot, "第 %d 页 共 %d 页", p + 1, lay->npages);
        pxr_lay_one_line(lay, foot, PXR_ROLE_SERIF, 9, lay->pw / 2, Y1(lay) + 30, PDF_CENTER,
                         "footer", PDF_OP_TEXT);
    }
}

static const char toc_title[] = "目　　录";

/*
** Lays out the contents (doc.toc): one entry per level-1 and level-2 heading,
** then starts the body on a new page.  The page numbers are unknown until the
** body is laid out, so each entry's place is kept for pxr_lay_toc_numbers(); the
** contents' own pages are already counted, being laid out first.
*/
toc_entry *pxr_lay_toc_reserve(pdf_layout *lay, const pdf_doc *doc, int *nentries)
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
    pxr_lay_mark(lay, 1, lay->y, "目录");
    pxr_lay_text_block(lay, toc_title, PXR_ROLE_SANS, lay->gongwen ? lay->body : 16, PDF_CENTER, 0,
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
        if (!(t = pxr_lay_prep(lay, role, b->text, "contents")))
            break;
        lines = pxr_lay_break(lay, role, t, size, X1(lay) - X0(lay) - indent - reserve, 0, &nl);
        if (lines && nl > 0) {
            pxr_lay_ensure(lay, (double)nl * lh);
            for (size_t l = 0; l < nl; l++) {
                double base = lay->y + (lh - size) / 2 + size * ASCENT;
                pxr_lay_emit(lay, X0(lay) + indent, base, role, size, t, lines[l].start,
                             lines[l].end, 0, 0, 0, PDF_OP_TEXT);
                e[k].page = lay->page, e[k].y = base;
                e[k].x = X0(lay) + indent + lines[l].width * size;
                lay->y += lh;
            }
            k++;
        }
        free(lines);
        free(t);
    }
    pxr_lay_new_page(lay);
    *nentries = k;
    return e;
}

/* Writes each entry's page number at the right and a dotted leader up to it. */
void pxr_lay_toc_numbers(pdf_layout *lay, const toc_entry *e, int n, size_t first_mark)
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
            wn += pxr_lay_cp_width(&(pdf_measure){lay, PXR_ROLE_SERIF}, (uint32_t)*p) * size;
        pxr_lay_one_line(lay, num, PXR_ROLE_SERIF, size, X1(lay), e[k].y, PDF_RIGHT, "contents",
                         PDF_OP_TEXT);
        x0 = e[k].x + size * 0.5, x1 = X1(lay) - wn - size * 0.5;
        count = face < 0 ? 0 : (int)((x1 - x0) / pitch);
        if (count > (int)sizeof dots - 1)
            count = (int)sizeof dots - 1;
        if (count >= 2) {
            double dw = pxr_fonts_advance(lay->fs, face, '.') * size;
            memset(dots, '.', (size_t)count);
            dots[count] = '\0';
            pxr_lay_emit(lay, x1 - count * pitch + (pitch - dw), e[k].y, PXR_ROLE_SERIF, size, dots,
                         0, (size_t)count, pitch - dw, 0, 0, PDF_OP_TEXT);
        }
        k++;
    }
}
