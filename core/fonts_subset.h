/* TrueType subsets for the PDF: built from a face's own tables, deflated in reusable parts. */
#ifndef PXR_FONTS_SUBSET_H
#define PXR_FONTS_SUBSET_H

#include "fonts.h"
#include "pxr.h"

#include <hb.h>

/*
** A face's tables and the run's base glyphs: those of the first document, whose glyf
** bytes are deflated once.  Every later document that draws most of them embeds them
** as they are and deflates only its own glyphs and small tables (a batch's reports
** differ in a name or two, and deflating 80 KB of outlines per report was its main cost).
*/
typedef struct pxr_ttf pxr_ttf;

/* The tables of face; NULL when it has no glyf outlines (or out of memory). */
pxr_ttf *pxr_ttf_open(hb_face_t *face);

/*
** Fills s (its cps set) for the code points of s->cps: glyphs found with font, the
** proxy font file for libharu and the deflated FontFile2, CIDToGIDMap and ToUnicode.
*/
int pxr_ttf_subset(pxr_ttf *t, hb_font_t *font, pxr_subset *s, const char *what, pxr_error *err);

#endif
