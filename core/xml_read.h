/* XXE-safe XML parsing and XSD validation with libxml2. */
#ifndef PXR_XML_READ_H
#define PXR_XML_READ_H

#include "pxr.h"

#include <stddef.h>

#include <libxml/tree.h>

/*
** Parses an XML file or buffer without network access, without loading or
** expanding any DTD or external entity, with libxml2's input-size limits on.
** Documents with a DOCTYPE are refused before its internal subset is read, so
** entity declarations (external entities, "billion laughs") never take
** effect: "name:line: XML with a DTD/entities is refused".  Syntax errors
** name "name:line:column".  Returns a document to free with xmlFreeDoc, or
** NULL with err set (PXR_EDATA for bad input, PXR_EINTERNAL for I/O).
*/
xmlDocPtr pxr_xml_parse_file(const char *path, pxr_error *err);
xmlDocPtr pxr_xml_parse_memory(const char *buf, size_t len, const char *name, pxr_error *err);

/*
** Streaming over a large document (an XLSX sheet) so that memory is bounded
** by the largest element read, not by the document: the elements with the
** given local name at the given depth (the root is 0) are handed out one by
** one, each expanded into a subtree that stays valid until the next call.
** The same refusals as the parser: a DOCTYPE or an entity declaration or
** reference anywhere is "name:line: XML with a DTD/entities is refused"; a
** syntax error names "name:line:column".  buf must outlive the stream.
*/
typedef struct pxr_xml_stream pxr_xml_stream;
pxr_xml_stream *pxr_xml_stream_open(const char *buf, size_t len, const char *name, pxr_error *err);
/*
** The same over bytes that a callback hands out as they come (an XLSX part as
** it inflates), so that not even the text is held whole.  read returns the
** count of bytes put in buf, 0 at the end, or -1 after filling its own error,
** which the caller then reports: next returns -1 without touching err.
*/
typedef long (*pxr_xml_read_fn)(void *ctx, char *buf, size_t len);
pxr_xml_stream *pxr_xml_stream_open_io(pxr_xml_read_fn read, void *ctx, const char *name,
                                       pxr_error *err);
/* 1 and *node: the next such element; 0 at the end; -1 with err set. */
int pxr_xml_stream_next(pxr_xml_stream *s, int depth, const char *local_name, xmlNodePtr *node,
                        pxr_error *err);
void pxr_xml_stream_close(pxr_xml_stream *s);

/*
** Validates doc against the XSD at xsd_path.  name is the document's name in
** messages.  Invalid: PXR_EDATA "NAME does not match SCHEMA: line N: Element
** 'x': ..." (the first few errors).  A missing or broken schema: PXR_EINTERNAL.
*/
int pxr_xml_validate_doc(xmlDocPtr doc, const char *name, const char *xsd_path, pxr_error *err);

/*
** Validates the file at xml_path against xsd_path while streaming it (SAX), so that a
** national export of millions of values is checked without building a tree; name is
** the file as messages show it.
*/
int pxr_xml_validate_stream(const char *xml_path, const char *name, const char *xsd_path,
                            pxr_error *err);

/* Parses xml_path safely and validates it against xsd_path, as above. */
int pxr_xml_validate_file(const char *xml_path, const char *xsd_path, pxr_error *err);

#endif
