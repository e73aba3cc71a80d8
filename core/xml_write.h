/* Writes a report's result tree (plain Lua tables) as an XML file, validated by
 * an XSD. */
#ifndef PXR_XML_WRITE_H
#define PXR_XML_WRITE_H

#include "atomic.h"
#include "pxr.h"

#include <lua.h>

/*
** The tree at stack index idx is an element:
**   { tag = "evaluation", attrs = { plugin = "nhc2023", period = "2024S1" },
**     text = nil, ns = "urn:...", [1] = child, [2] = child, ... }
** tag is an XML name; attrs values are strings, numbers or booleans; text is
** an optional string or number; children (same shape) come in array order;
** ns, allowed on the root only, is the default namespace of the whole tree.
** Attributes are written sorted by name.  Integers (and floats with an
** integral value) are written without ".0", other numbers in %.15g form
** without an exponent ("66.67"); NaN and infinities are refused.
**
** The tree is serialized (UTF-8, indented, with an XML declaration), and, when
** xsd_path is not NULL, parsed back and validated against it; only a valid
** document is written, through a temporary file renamed onto path.
** Returns PXR_OK; PXR_EDATA for a malformed tree ("result[2][5]: tag must be
** a string") or an invalid document ("OUT.xml does not match SCHEMA.xsd: line
** N: Element 'x': ..."), in which case no file is written; PXR_EINTERNAL for
** I/O, schema or library failures.  Raises no Lua error (short of running out
** of memory) and leaves the Lua stack as it found it.
*/
int pxr_xml_write(lua_State *L, int idx, const char *path, const char *xsd_path, pxr_error *err);

/*
** As pxr_xml_write, into out (opened with pxr_atomic_open), which the caller
** commits or aborts: a report's XML twin is put in place only with its PDF.
*/
int pxr_xml_write_into(lua_State *L, int idx, pxr_atomic *out, const char *xsd_path,
                       pxr_error *err);

/*
** pxr_xml_write in its two steps.  The first reads the tree (under a protected
** call, raw access only) into a libxml2 document, *charged bytes of the memory
** budget; the second needs no Lua state: it serializes, validates and writes
** the document, frees it and gives the budget back.  A failed read frees what
** it built.
*/
struct _xmlDoc;
int pxr_xml_tree_read(lua_State *L, int idx, const char *path, struct _xmlDoc **doc,
                      size_t *charged, pxr_error *err);
int pxr_xml_doc_write(struct _xmlDoc *doc, size_t charged, const char *path, const char *xsd_path,
                      pxr_error *err);

#endif
