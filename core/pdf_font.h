/*
** The Type0 fonts of a PDF, written by pxr through libharu's object layer: libharu's own
** Type0 construction walks all 65,536 BMP code points per font and document (glyph
** lookups, widths, a 128 KB CIDToGIDMap) and writes a dummy ToUnicode.
*/
#ifndef PXR_PDF_FONT_H
#define PXR_PDF_FONT_H

#include "fonts.h"

#include <hpdf.h>

/*
** Adds sub to pdf as a Type0 font (Identity-H; a CIDFontType2 whose CIDs are the
** subset's glyph ids; its FontFile2 and ToUnicode as sub deflated them).  Returns the
** font dictionary to name in a page's resources, or NULL (pdf's error handler has the status).
*/
HPDF_Dict pxr_pdf_font_add(HPDF_Doc pdf, const pxr_subset *sub);

/*
** Writes text (UTF-8) as a string of sub's 2-byte CIDs followed by op ("Tj") to page's
** content stream: "<0012002A> Tj".  Code points sub does not map draw .notdef.
*/
HPDF_STATUS pxr_pdf_font_show(HPDF_Page page, const pxr_subset *sub, const char *text,
                              const char *op);

/* Selects font (added by pxr_pdf_font_add) at size for page's next text: "/F1 9 Tf". */
HPDF_STATUS pxr_pdf_font_select(HPDF_Page page, HPDF_Dict font, double size);

/* Writes "x y Td" (or any op after two numbers) to page's content stream. */
HPDF_STATUS pxr_pdf_font_op2(HPDF_Page page, double x, double y, const char *op);

#endif
