/* Table blocks of the layout. */
#ifndef PXR_PDF_TABLE_H
#define PXR_PDF_TABLE_H

#include "pdf_layout.h"

/*
** Lays table block b out from the cursor: caption, header repeated on every
** page, rows kept in bands and cut between text lines, notes.  A row wider than
** the table: PXR_EDATA.
*/
int pxr_lay_table(pdf_layout *lay, const pdf_block *b, pxr_error *err);

#endif
