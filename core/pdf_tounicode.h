/* Replaces libharu's dummy /ToUnicode stream with a real CMap (libharu 2.3.0 defect). */
#ifndef PXR_PDF_TOUNICODE_H
#define PXR_PDF_TOUNICODE_H

#include "pxr.h"

#include <hb.h>
#include <hpdf.h>

/*
** With the UTF-8 encoder a content code is the BMP code point and CID = code,
** so the map is the identity over the code points used: written as bfrange
** lines (CMapType 2) into the font's ToUnicode stream.
*/
int pxr_pdf_tounicode_fix(HPDF_Doc pdf, HPDF_Font font, const hb_set_t *used, pxr_error *err);

#endif
