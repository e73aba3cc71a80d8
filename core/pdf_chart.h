/* Drawing blocks (charts) of the layout. */
#ifndef PXR_PDF_CHART_H
#define PXR_PDF_CHART_H

#include "pdf_layout.h"

/* Lays drawing block b out on one page from the cursor, scaled down to the type area. */
void pxr_lay_drawing(pdf_layout *lay, const pdf_block *b);

#endif
