/*
** What the parts of the layout (pdf_layout.c and the blocks' files) share: the
** page geometry, the record of pages, drawing operations and heading marks.
*/
#ifndef PXR_PDF_PAGE_H
#define PXR_PDF_PAGE_H

#include "pdf_layout.h"

#define MM (72.0 / 25.4)
#define BODY_SIZE 10.5
#define TABLE_SIZE 9.0
#define LEAD 1.6    /* body line height, in ems */
#define ASCENT 0.86 /* baseline below the top of a 1 em box, for the CJK faces */
#define EPS 0.01

/* The type area of the current page. */
static inline double X0(const pdf_layout *lay)
{
    return lay->ml;
}

static inline double X1(const pdf_layout *lay)
{
    return lay->pw - lay->mr;
}

static inline double Y0(const pdf_layout *lay)
{
    return lay->mt;
}

static inline double Y1(const pdf_layout *lay)
{
    return lay->ph - lay->mb;
}

/*
** Width lines are broken at.  GB/T 9704 sets 28 characters of 16 pt in a
** 156 mm line (442 pt, not 448): break at 28 ems and let justification close
** the characters up by about 0.2 pt each, as 公文 templates' character grid does.
*/
static inline double break_w(const pdf_layout *lay, double avail)
{
    return lay->gongwen ? avail * 28 * lay->body / (156 * MM) : avail;
}

/* Line height of text at size: the fixed grid pitch for gongwen body text. */
static inline double line_h(const pdf_layout *lay, double size)
{
    if (lay->gongwen)
        return size == lay->body ? lay->pitch : size * lay->pitch / lay->body;
    return size * LEAD;
}

/* A new operation of kind on the current page; NULL (and lay->nomem) when out of memory. */
pdf_op *pxr_lay_op(pdf_layout *lay, int kind);
void pxr_lay_line(pdf_layout *lay, double x, double y, double x2, double y2);
void pxr_lay_new_page(pdf_layout *lay);
/* Starts a new page unless h fits below the cursor (or the page is still empty): 1 if it did. */
int pxr_lay_ensure(pdf_layout *lay, double h);
/* A heading's place, for the outline and the contents. */
void pxr_lay_mark(pdf_layout *lay, int level, double y, const char *title);

#endif
