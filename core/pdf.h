/* Lays out a document tree (see lua/pxr/doc.lua) and writes it as a PDF. */
#ifndef PXR_PDF_H
#define PXR_PDF_H

#include "paths.h"
#include "pxr.h"

#include <lua.h>

/*
** Renders the document table at stack index idx of L to path.  Fonts are
** found by role through paths->fonts (fonts/roles.conf, then Debian's font
** packages).  The file is written to a temporary name and renamed, so a
** failure never leaves a half-written PDF.  Warnings (characters found in no
** font, substituted non-BMP characters) go to stderr prefixed "pxr: warning: ".
** Does not raise; returns PXR_OK, PXR_EDATA for a malformed tree (the message
** names the block, e.g. "body[3] (table) row 2: cell 4 ...") or PXR_EINTERNAL.
*/
int pxr_pdf_render(lua_State *L, int idx, const char *path, const pxr_paths *paths, pxr_error *err);

#endif
