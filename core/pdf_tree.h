/* Reads a document tree (lua/pxr/doc.lua) from a Lua table into a pdf_doc, without raising. */
#ifndef PXR_PDF_TREE_H
#define PXR_PDF_TREE_H

#include "pdf_model.h"
#include "pxr.h"

#include <lua.h>

/* Fills doc from the table at idx; PXR_EDATA names the path of a malformed node. */
int pxr_pdf_tree_read(lua_State *L, int idx, pdf_doc *doc, pxr_error *err);

#endif
