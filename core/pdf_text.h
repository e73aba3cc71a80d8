/* Text on the page, for every part of the layout: prepared, broken into lines and set. */
#ifndef PXR_PDF_TEXT_H
#define PXR_PDF_TEXT_H

#include "linebreak.h"
#include "pdf_page.h"

#include <stdint.h>

/* The context of pxr_lay_cp_width: the faces of role. */
typedef struct pdf_measure {
    pdf_layout *lay;
    int role;
} pdf_measure;

/* Advance of cp in ems in the face role picks for it (ud: a pdf_measure), 0 if none has it. */
double pxr_lay_cp_width(void *ud, uint32_t cp);

/*
** A copy of s that the faces of role can draw (see pdf_text.c); where names the
** block in warnings.  NULL (and lay->nomem) when out of memory.
*/
char *pxr_lay_prep(pdf_layout *lay, int role, const char *s, const char *where);
/* Emits s[start, end) as runs of one face each, from x on baseline y: ops of kind. */
void pxr_lay_emit(pdf_layout *lay, double x, double y, int role, double size, const char *s,
                  size_t start, size_t end, double cs, double ws, int bold, int kind);
/* Breaks prepared text t into lines of width pt at size (strict rules); NULL on failure. */
pxr_lb_line *pxr_lay_break(pdf_layout *lay, int role, const char *t, double size, double width,
                           double indent, size_t *n);
/* Places lines of t from the cursor, moving to a new page between lines when needed. */
void pxr_lay_place(pdf_layout *lay, const char *t, const pxr_lb_line *lines, size_t n, int role,
                   double size, int align, double indent, double lh, int bold);
/* A paragraph of text across the type area from the cursor, then after pt of space. */
void pxr_lay_text_block(pdf_layout *lay, const char *text, int role, double size, int align,
                        double indent_chars, const char *where, double after, int bold);
/* One line of text, not broken, aligned about x on baseline y (furniture, signature). */
void pxr_lay_one_line(pdf_layout *lay, const char *text, int role, double size, double x, double y,
                      int align, const char *where, int kind);

#endif
