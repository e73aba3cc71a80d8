/* The document tree as C data: what pdf_tree.c reads from Lua and pdf_layout.c places. */
#ifndef PXR_PDF_MODEL_H
#define PXR_PDF_MODEL_H

#include "linebreak.h"

enum { PDF_LEFT, PDF_CENTER, PDF_RIGHT, PDF_JUSTIFY, PDF_ALIGN_AUTO };

enum {
    PDF_HEADING,
    PDF_PARAGRAPH,
    PDF_TABLE,
    PDF_PAGEBREAK,
    PDF_SPACER,
    PDF_DRAWING,
    PDF_SIGNATURE
};

enum { PDF_STYLE_GRID, PDF_STYLE_ZEBRA, PDF_STYLE_RULES };

enum { PDF_IT_LINE, PDF_IT_RECT, PDF_IT_POLYLINE, PDF_IT_CIRCLE, PDF_IT_TEXT };

/* One primitive of a drawing block; lengths in mm from the block's top-left, y down. */
typedef struct pdf_item {
    int kind;
    double x, y, x2, y2, r; /* LINE: (x,y)-(x2,y2); RECT: x, y, width x2, height y2; CIRCLE */
    double *pts;            /* POLYLINE: npts (x, y) pairs */
    int npts;
    int has_fill, has_stroke;
    double fill[3], stroke[3]; /* TEXT: fill is its colour */
    double lw, dash[2];        /* stroke width in pt; dash on/off in pt, 0 = solid */
    char *text;                /* TEXT */
    double size, angle;
    int role, align, bold;
} pdf_item;

typedef struct pdf_cell {
    char *text;
    int colspan, rowspan;
    int align; /* PDF_ALIGN_AUTO: the column's, else right for numbers */
    int bold;
    int numeric; /* given as a Lua number or looks like one */
    int role;    /* pxr_font_role */
} pdf_cell;

typedef struct pdf_row {
    pdf_cell *cells;
    int n;
} pdf_row;

typedef struct pdf_block {
    int kind;
    char where[96]; /* "body[3] (table)", for messages */
    int level;      /* heading */
    char *text;     /* heading, paragraph; signature: the issuing unit */
    char *date;     /* signature: 成文日期 */
    int align, role;
    double indent, size, height; /* indent in characters, size in pt, spacer height in mm */
    /* tables (kv blocks become tables without header rows) */
    int ncols;
    double *weights; /* 0 when not given */
    int *col_align;  /* PDF_ALIGN_AUTO when not given */
    char *caption;
    char **notes;
    int nnotes;
    pdf_row *header, *rows;
    int nheader, nrows;
    int kv;
    int style;     /* PDF_STYLE_*: table lines */
    int landscape; /* a table set on landscape pages of its own */
    int *col_dec;  /* per column: decimals for numbers, -1 as given */
    int *col_thou; /* per column: thousands separators */
    /* drawings: width and height (mm), primitives */
    double width;
    pdf_item *items;
    int nitems;
} pdf_block;

typedef struct pdf_doc {
    char *title, *subtitle, *author, *subject, *keywords, *header, *watermark;
    int landscape;
    int gongwen;                 /* style = "gongwen": GB/T 9704-2012 page and type */
    int toc;                     /* a contents page after the title */
    int punct;                   /* PXR_LB_STRICT, _HANG or _SQUEEZE (doc.punctuation) */
    char *sign_unit, *sign_date; /* signature = { unit=, date= } at the end */
    pdf_block *blocks;
    int nblocks;
    size_t charged; /* bytes counted in the run's memory budget (pdf_tree.c) */
} pdf_doc;

/* Frees everything doc owns (not doc itself). */
void pxr_pdf_doc_free(pdf_doc *doc);

#endif
