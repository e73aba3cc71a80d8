/*
** The font streams pxr writes itself instead of libharu: a real /ToUnicode CMap
** (libharu 2.3.0 writes a dummy one), and a FontFile2 and CIDToGIDMap deflated once
** per subset and reused by every document of a run (libharu would recompress them).
*/
#ifndef PXR_PDF_TOUNICODE_H
#define PXR_PDF_TOUNICODE_H

#include "fonts.h"
#include "pxr.h"

#include <hb.h>
#include <hpdf.h>

/*
** With the UTF-8 encoder a content code is the BMP code point and CID = code,
** so the map is the identity over the code points used: bfrange lines of a
** CMapType 2.  Returns the CMap text (malloc'ed, length in *len), NULL when out of memory.
*/
char *pxr_pdf_tounicode_cmap(const hb_set_t *used, size_t *len);

/*
** Gives font (loaded by libharu from sub->proxy) sub's streams: its ToUnicode and
** CIDToGIDMap contents are replaced, and a FontDescriptor with sub's FontFile2 is
** set before libharu would build one, so libharu neither subsets nor deflates them.
*/
int pxr_pdf_font_streams(HPDF_Doc pdf, HPDF_Font font, const pxr_subset *sub, pxr_error *err);

#endif
