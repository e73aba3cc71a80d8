#include "xml_read.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

/* libxml2 2.12 made the error argument of structured handlers const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_arg;
#else
typedef xmlErrorPtr xml_error_arg;
#endif

/*
** NONET: no network even for a URL in the document.  Without NOENT, DTDLOAD,
** DTDATTR and HUGE, nothing is expanded or fetched and the size limits stay.
** BIG_LINES keeps line numbers above 65535 right for messages.
*/
#define SAFE_OPTIONS                                                                               \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)

/* The state of one parse, reached from the parser's _private pointer. */
typedef struct parse_state {
    long dtd_line; /* line of a refused DOCTYPE or entity declaration, 0 if none */
    int have_error;
    char error[1024]; /* the first error, "line:column: message" */
} parse_state;

/* Copies a libxml2 message without its trailing newline. */
static void copy_message(char *out, size_t outlen, const char *msg)
{
    size_t n;

    snprintf(out, outlen, "%s", msg ? msg : "unknown error");
    n = strlen(out);
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
        out[--n] = '\0';
}

static void on_parse_error(void *ctx, xml_error_arg e)
{
    xmlParserCtxtPtr ctxt = ctx;
    parse_state *st = ctxt ? ctxt->_private : NULL;
    char msg[900];

    if (!st || !e || st->have_error || e->level == XML_ERR_WARNING)
        return;
    copy_message(msg, sizeof msg, e->message);
    snprintf(st->error, sizeof st->error, "%d:%d: %s", e->line, e->int2, msg);
    st->have_error = 1;
}

/* Stops the parse at the DOCTYPE, before its internal subset is read. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = ctx;
    parse_state *st = ctxt->_private;

    (void)name, (void)external_id, (void)system_id;
    if (st && !st->dtd_line)
        st->dtd_line = xmlSAX2GetLineNumber(ctx);
    xmlStopParser(ctxt);
}

/* A second guard: no entity declaration is ever accepted. */
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                           const xmlChar *system_id, xmlChar *content)
{
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    on_doctype(ctx, NULL, NULL, NULL);
}

static xmlParserCtxtPtr new_parser(parse_state *st)
{
    xmlParserCtxtPtr ctxt;

    xmlInitParser();
    ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    memset(st, 0, sizeof *st);
    ctxt->_private = st;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->sax->entityDecl = on_entity_decl;
    ctxt->sax->serror = on_parse_error;
    return ctxt;
}

/* Turns the outcome of a parse into a document or a message. */
static xmlDocPtr finish_parse(xmlParserCtxtPtr ctxt, xmlDocPtr doc, const char *name,
                              pxr_error *err)
{
    parse_state *st = ctxt->_private;

    if (doc && doc->intSubset && !st->dtd_line)
        st->dtd_line = 1; /* a DTD has no line of its own */
    if (st->dtd_line) {
        pxr_fail(err, PXR_EDATA, "%s:%ld: XML with a DTD/entities is refused", name, st->dtd_line);
    } else if (!doc || st->have_error) {
        if (st->have_error)
            pxr_fail(err, PXR_EDATA, "%s:%s", name, st->error);
        else
            pxr_fail(err, PXR_EDATA, "%s: not well-formed XML", name);
    } else {
        xmlFreeParserCtxt(ctxt);
        return doc;
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return NULL;
}

xmlDocPtr pxr_xml_parse_file(const char *path, pxr_error *err)
{
    parse_state st;
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;
    struct stat sb;
    int fd;

    /* Reading the descriptor ourselves also keeps libxml2 from gunzipping the file. */
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pxr_fail(err, PXR_EDATA, "%s: cannot open: %s", path, strerror(errno)), NULL;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return pxr_fail(err, PXR_EDATA, "%s: not a regular file", path), NULL;
    }
    ctxt = new_parser(&st);
    if (!ctxt) {
        close(fd);
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", path), NULL;
    }
    doc = xmlCtxtReadFd(ctxt, fd, path, NULL, SAFE_OPTIONS);
    close(fd);
    return finish_parse(ctxt, doc, path, err);
}

xmlDocPtr pxr_xml_parse_memory(const char *buf, size_t len, const char *name, pxr_error *err)
{
    parse_state st;
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;

    if (len > INT_MAX)
        return pxr_fail(err, PXR_EDATA, "%s: XML input of %zu bytes is too large", name, len), NULL;
    ctxt = new_parser(&st);
    if (!ctxt)
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", name), NULL;
    doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL, SAFE_OPTIONS);
    return finish_parse(ctxt, doc, name, err);
}

/* Collects the first few schema messages as "line N: message; ...". */
typedef struct schema_msgs {
    int count;
    char text[1536];
} schema_msgs;

enum { MAX_LISTED = 3 };

static void on_schema_error(void *ctx, xml_error_arg e)
{
    schema_msgs *m = ctx;
    size_t used = strlen(m->text);
    char msg[600];

    if (!e || e->level == XML_ERR_WARNING)
        return;
    if (m->count++ >= MAX_LISTED)
        return;
    copy_message(msg, sizeof msg, e->message);
    snprintf(m->text + used, sizeof m->text - used, "%sline %d: %s", used ? "; " : "", e->line,
             msg);
}

/* Appends "(and N more)" when errors were left out. */
static const char *more(const schema_msgs *m, char *buf, size_t len)
{
    buf[0] = '\0';
    if (m->count > MAX_LISTED)
        snprintf(buf, len, " (and %d more)", m->count - MAX_LISTED);
    return buf;
}

int pxr_xml_validate_doc(xmlDocPtr doc, const char *name, const char *xsd_path, pxr_error *err)
{
    xmlSchemaParserCtxtPtr pctxt;
    xmlSchemaValidCtxtPtr vctxt;
    xmlSchemaPtr schema;
    schema_msgs m;
    char tail[64];
    int rc;

    xmlInitParser();
    /* Checked first: libxml2 reports a missing schema file in a muddled way. */
    if (access(xsd_path, R_OK) != 0)
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot read the schema: %s", xsd_path,
                        strerror(errno));
    memset(&m, 0, sizeof m);
    pctxt = xmlSchemaNewParserCtxt(xsd_path);
    if (!pctxt)
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", xsd_path);
    xmlSchemaSetParserStructuredErrors(pctxt, on_schema_error, &m);
    schema = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    if (!schema)
        return pxr_fail(err, PXR_EINTERNAL, "%s: not a usable XML schema: %s%s", xsd_path,
                        m.count ? m.text : "unknown error", more(&m, tail, sizeof tail));

    memset(&m, 0, sizeof m);
    vctxt = xmlSchemaNewValidCtxt(schema);
    if (!vctxt) {
        xmlSchemaFree(schema);
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", xsd_path);
    }
    xmlSchemaSetValidStructuredErrors(vctxt, on_schema_error, &m);
    rc = xmlSchemaValidateDoc(vctxt, doc);
    xmlSchemaFreeValidCtxt(vctxt);
    xmlSchemaFree(schema);
    if (rc == 0)
        return PXR_OK;
    if (rc > 0 || m.count > 0)
        return pxr_fail(err, PXR_EDATA, "%s does not match %s: %s%s", name, xsd_path,
                        m.count ? m.text : "invalid", more(&m, tail, sizeof tail));
    return pxr_fail(err, PXR_EINTERNAL, "%s: libxml2 could not validate against %s", name,
                    xsd_path);
}

int pxr_xml_validate_file(const char *xml_path, const char *xsd_path, pxr_error *err)
{
    xmlDocPtr doc = pxr_xml_parse_file(xml_path, err);
    int rc;

    if (!doc)
        return err ? err->code : PXR_EDATA;
    rc = pxr_xml_validate_doc(doc, xml_path, xsd_path, err);
    xmlFreeDoc(doc);
    return rc;
}
