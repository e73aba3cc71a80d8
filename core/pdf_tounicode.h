/* The ToUnicode CMap of a font subset: what each content code (a CID) stands for. */
#ifndef PXR_PDF_TOUNICODE_H
#define PXR_PDF_TOUNICODE_H

#include <stddef.h>
#include <stdint.h>

/*
** The content codes are the subset's CIDs (2 bytes); cid[0..n) ascending, cp[i] the BMP
** code point CID cid[i] draws: bfrange and bfchar lines of a CMapType 2.  Returns the
** CMap text (malloc'ed, length in *len), NULL when out of memory.
*/
char *pxr_pdf_tounicode_cmap(const uint32_t *cid, const uint32_t *cp, unsigned n, size_t *len);

#endif
