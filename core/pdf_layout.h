/* Pass 1: places a pdf_doc on A4 pages as a list of drawing operations. */
#ifndef PXR_PDF_LAYOUT_H
#define PXR_PDF_LAYOUT_H

#include "fonts.h"
#include "pdf_model.h"
#include "pxr.h"

#include <stddef.h>

enum { PDF_OP_TEXT, PDF_OP_LINE, PDF_OP_RECT, PDF_OP_WATERMARK, PDF_OP_POLY, PDF_OP_CIRCLE };

/* Coordinates are PDF points from the page's top-left corner; y of text is its baseline. */
typedef struct pdf_op {
    int kind, page, face, bold;
    double x, y, x2, y2; /* LINE: to (x2, y2); RECT: size (x2, y2); CIRCLE: radius x2 */
    double size, cs;     /* TEXT: font size, extra space after each character */
    double angle;        /* TEXT: degrees counter-clockwise about (x, y) */
    int has_fill, has_stroke;
    double fill[3], stroke[3]; /* RGB; TEXT is filled with fill when has_fill, else black */
    double lw, dash[2];        /* stroke width (0: the page default) and dash, in pt */
    double *pts;               /* POLY: npts (x, y) pairs */
    int npts;
    char *text; /* UTF-8, every code point has a glyph in face */
} pdf_op;

typedef struct pdf_mark {
    int page, level;
    double y;
    char *title;
} pdf_mark;

typedef struct pdf_layout {
    double pw, ph;     /* the current page's size */
    double *pgw, *pgh; /* every page's size: a landscape table turns its pages */
    int cappg;
    int npages;
    pdf_op *ops;
    size_t nops, capops;
    pdf_mark *marks;
    size_t nmarks, capmarks;
    pxr_fontset *fs;
    const char *out;   /* output path, for warnings */
    hb_set_t *missing; /* code points no face has */
    int nomem;
    /* page geometry (pt): margins, body type size, line pitch of body text */
    double ml, mr, mt, mb;
    int gongwen, punct, landscape; /* landscape: the document's orientation */
    double body, pitch, table_size;
    /* cursor */
    int page;
    double y;
} pdf_layout;

/*
** Lays doc out with the faces of fs and records the code points each face must
** embed.  Prints the warnings (non-BMP or missing characters) to stderr.
*/
int pxr_pdf_layout_run(pdf_layout *lay, const pdf_doc *doc, pxr_fontset *fs, const char *out,
                       pxr_error *err);

void pxr_pdf_layout_free(pdf_layout *lay);

#endif
