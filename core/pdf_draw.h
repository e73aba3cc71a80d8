/* Pass 2: draws a pdf_layout with libharu, fonts subset to the code points used. */
#ifndef PXR_PDF_DRAW_H
#define PXR_PDF_DRAW_H

#include "pdf_layout.h"

#include <stdio.h>

/* Writes the PDF into the open file into (path names it in messages); the caller renames it into
 * place. */
int pxr_pdf_draw(const pdf_layout *lay, const pdf_doc *doc, pxr_fontset *fs, const char *path,
                 FILE *into, pxr_error *err);

#endif
