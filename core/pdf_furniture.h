/* Page furniture and contents of the layout. */
#ifndef PXR_PDF_FURNITURE_H
#define PXR_PDF_FURNITURE_H

#include "pdf_layout.h"

typedef struct toc_entry {
    int page;
    double x, y; /* end of the entry's text and its baseline */
} toc_entry;

/*
** Lays out the contents (doc.toc): one entry per level-1 and level-2 heading,
** then starts the body on a new page.  The page numbers are unknown until the
** body is laid out, so each entry's place is kept for pxr_lay_toc_numbers(); the
** contents' own pages are already counted, being laid out first.
*/
toc_entry *pxr_lay_toc_reserve(pdf_layout *lay, const pdf_doc *doc, int *nentries);
/* Writes each entry's page number at the right and a dotted leader up to it. */
void pxr_lay_toc_numbers(pdf_layout *lay, const toc_entry *e, int n, size_t first_mark);
/* Watermark, running header and page numbers on every page, once the body is laid out. */
void pxr_lay_furniture(pdf_layout *lay, const pdf_doc *doc);

#endif
