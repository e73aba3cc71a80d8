/* The document tree as C data: what pdf_tree.c reads from Lua and pdf_layout.c places. */
#ifndef PXR_PDF_MODEL_H
#define PXR_PDF_MODEL_H

enum { PDF_LEFT, PDF_CENTER, PDF_RIGHT, PDF_JUSTIFY, PDF_ALIGN_AUTO };

enum { PDF_HEADING, PDF_PARAGRAPH, PDF_TABLE, PDF_PAGEBREAK, PDF_SPACER };

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
    char *text;     /* heading, paragraph */
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
} pdf_block;

typedef struct pdf_doc {
    char *title, *subtitle, *author, *subject, *keywords, *header, *watermark;
    int landscape;
    pdf_block *blocks;
    int nblocks;
} pdf_doc;

/* Frees everything doc owns (not doc itself). */
void pxr_pdf_doc_free(pdf_doc *doc);

#endif
