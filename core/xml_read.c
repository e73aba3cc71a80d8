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
#include <libxml/xmlreader.h>
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

struct pxr_xml_stream {
    xmlTextReaderPtr reader;
    char *name;
    int expanded; /* the last element handed out: skip its subtree */
    int have_error;
    char error[1024];
    /* read through a callback: the source, and the markup scan across its chunks */
    pxr_xml_read_fn read;
    void *ctx;
    char tail[16]; /* the end of the previous chunk, where a mark may begin */
    size_t ntail;
    long line;
    int refused, failed; /* a DTD/entity mark was seen; the source failed */
};

static void on_stream_error(void *ctx, xml_error_arg e)
{
    pxr_xml_stream *s = ctx;
    char msg[900];

    if (!e || s->have_error || e->level == XML_ERR_WARNING)
        return;
    copy_message(msg, sizeof msg, e->message);
    snprintf(s->error, sizeof s->error, "%d:%d: %s", e->line, e->int2, msg);
    s->have_error = 1;
}

/* A DOCTYPE or an entity declaration can only be markup here: refused before any parsing. */
static long dtd_line(const char *buf, size_t len)
{
    static const char *const marks[] = {"<!DOCTYPE", "<!ENTITY"};
    for (int i = 0; i < 2; i++) {
        size_t k = strlen(marks[i]);
        long line = 1;
        for (size_t p = 0; p + k <= len; p++) {
            if (buf[p] == '\n')
                line++;
            else if (buf[p] == '<' && memcmp(buf + p, marks[i], k) == 0)
                return line;
        }
    }
    return 0;
}

pxr_xml_stream *pxr_xml_stream_open(const char *buf, size_t len, const char *name, pxr_error *err)
{
    pxr_xml_stream *s;
    long line;

    if (len > INT_MAX)
        return pxr_fail(err, PXR_EDATA, "%s: XML input of %zu bytes is too large", name, len), NULL;
    if ((line = dtd_line(buf, len)))
        return pxr_fail(err, PXR_EDATA, "%s:%ld: XML with a DTD/entities is refused", name, line),
               NULL;
    xmlInitParser();
    if (!(s = calloc(1, sizeof *s)) || !(s->name = strdup(name)) ||
        !(s->reader = xmlReaderForMemory(buf, (int)len, name, NULL, SAFE_OPTIONS))) {
        if (s)
            free(s->name);
        free(s);
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", name), NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(s->reader, on_stream_error, s);
    return s;
}

/*
** The source's bytes for the reader, scanned for a DOCTYPE or an entity
** declaration before the parser sees them (the end of each chunk is kept, so
** a mark split between two chunks is found too).
*/
static int stream_read(void *ctx, char *buf, int len)
{
    static const char *const marks[] = {"<!DOCTYPE", "<!ENTITY"};
    pxr_xml_stream *s = ctx;
    char scan[16 + 4096];
    long got;

    if (s->refused || s->failed)
        return -1;
    if (len > 4096)
        len = 4096;
    if ((got = s->read(s->ctx, buf, (size_t)len)) < 0) {
        s->failed = 1;
        return -1;
    }
    memcpy(scan, s->tail, s->ntail);
    memcpy(scan + s->ntail, buf, (size_t)got);
    size_t n = s->ntail + (size_t)got;
    for (size_t p = 0; p < n; p++) {
        if (scan[p] == '\n' && p >= s->ntail)
            s->line++;
        for (int i = 0; i < 2 && scan[p] == '<'; i++)
            if (p + strlen(marks[i]) <= n && memcmp(scan + p, marks[i], strlen(marks[i])) == 0) {
                s->refused = 1;
                return -1;
            }
    }
    s->ntail = n < sizeof s->tail ? n : sizeof s->tail;
    memmove(s->tail, scan + n - s->ntail, s->ntail);
    return (int)got;
}

pxr_xml_stream *pxr_xml_stream_open_io(pxr_xml_read_fn read, void *ctx, const char *name,
                                       pxr_error *err)
{
    pxr_xml_stream *s;

    xmlInitParser();
    if (!(s = calloc(1, sizeof *s)) || !(s->name = strdup(name))) {
        free(s);
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", name), NULL;
    }
    s->read = read, s->ctx = ctx, s->line = 1;
    if (!(s->reader = xmlReaderForIO(stream_read, NULL, s, name, NULL, SAFE_OPTIONS))) {
        int refused = s->refused, failed = s->failed;
        long line = s->line;
        free(s->name);
        free(s);
        if (failed)
            return NULL; /* the source has said why */
        if (refused)
            return pxr_fail(err, PXR_EDATA, "%s:%ld: XML with a DTD/entities is refused", name,
                            line),
                   NULL;
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", name), NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(s->reader, on_stream_error, s);
    return s;
}

int pxr_xml_stream_next(pxr_xml_stream *s, int depth, const char *local_name, xmlNodePtr *node,
                        pxr_error *err)
{
    int rc;

    *node = NULL;
    for (;;) {
        rc = s->expanded ? xmlTextReaderNext(s->reader) : xmlTextReaderRead(s->reader);
        s->expanded = 0;
        if (rc != 1)
            break;
        int type = xmlTextReaderNodeType(s->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
            type == XML_READER_TYPE_ENTITY_REFERENCE)
            return pxr_fail(err, PXR_EDATA, "%s:%d: XML with a DTD/entities is refused", s->name,
                            xmlTextReaderGetParserLineNumber(s->reader));
        if (type != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(s->reader) != depth)
            continue;
        const xmlChar *local = xmlTextReaderConstLocalName(s->reader);
        if (!local || strcmp((const char *)local, local_name) != 0)
            continue;
        /* the whole element is read now; the next call moves past it, freeing it */
        if (!(*node = xmlTextReaderExpand(s->reader)))
            break;
        if (s->have_error)
            break;
        s->expanded = 1;
        return 1;
    }
    if (s->failed)
        return -1; /* the source has said why */
    if (s->refused)
        return pxr_fail(err, PXR_EDATA, "%s:%ld: XML with a DTD/entities is refused", s->name,
                        s->line),
               -1;
    if (s->have_error)
        return pxr_fail(err, PXR_EDATA, "%s:%s", s->name, s->error), -1;
    if (rc < 0 || (!*node && rc == 1))
        return pxr_fail(err, PXR_EDATA, "%s: not well-formed XML", s->name), -1;
    return 0;
}

void pxr_xml_stream_close(pxr_xml_stream *s)
{
    if (!s)
        return;
    xmlFreeTextReader(s->reader);
    free(s->name);
    free(s);
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

/*
** The schema parsed last, kept for the next document while its file is unchanged: a
** batch validates every report against the same XSD, and parsing it cost as much as
** validating the report.
*/
static struct {
    char path[1024];
    struct stat st;
    xmlSchemaPtr schema;
} last_schema;

static xmlSchemaPtr cached_schema(const char *path)
{
    struct stat st;
    if (!last_schema.schema || strcmp(path, last_schema.path) != 0 || stat(path, &st) != 0 ||
        st.st_size != last_schema.st.st_size || st.st_ino != last_schema.st.st_ino ||
        st.st_mtim.tv_sec != last_schema.st.st_mtim.tv_sec ||
        st.st_mtim.tv_nsec != last_schema.st.st_mtim.tv_nsec)
        return NULL;
    return last_schema.schema;
}

static void keep_schema(const char *path, xmlSchemaPtr schema)
{
    struct stat st;
    if (strlen(path) >= sizeof last_schema.path || stat(path, &st) != 0)
        return;
    if (last_schema.schema)
        xmlSchemaFree(last_schema.schema);
    snprintf(last_schema.path, sizeof last_schema.path, "%s", path);
    last_schema.st = st;
    last_schema.schema = schema;
}

/*
** The parsed schema at xsd_path, from the cache when its file is unchanged; the
** caller frees it with drop_schema.  Checked first: libxml2 reports a missing
** schema file in a muddled way.
*/
static xmlSchemaPtr load_schema(const char *xsd_path, pxr_error *err)
{
    xmlSchemaParserCtxtPtr pctxt;
    xmlSchemaPtr schema;
    schema_msgs m;
    char tail[64];

    xmlInitParser();
    if (access(xsd_path, R_OK) != 0) {
        pxr_fail(err, PXR_EINTERNAL, "%s: cannot read the schema: %s", xsd_path, strerror(errno));
        return NULL;
    }
    if ((schema = cached_schema(xsd_path)))
        return schema;
    memset(&m, 0, sizeof m);
    if (!(pctxt = xmlSchemaNewParserCtxt(xsd_path))) {
        pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", xsd_path);
        return NULL;
    }
    xmlSchemaSetParserStructuredErrors(pctxt, on_schema_error, &m);
    schema = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    if (!schema) {
        pxr_fail(err, PXR_EINTERNAL, "%s: not a usable XML schema: %s%s", xsd_path,
                 m.count ? m.text : "unknown error", more(&m, tail, sizeof tail));
        return NULL;
    }
    keep_schema(xsd_path, schema);
    return schema;
}

static void drop_schema(xmlSchemaPtr schema)
{
    if (schema != last_schema.schema)
        xmlSchemaFree(schema);
}

/* Validates a document (doc) or a file streamed through SAX (file) against xsd_path. */
static int validate(xmlDocPtr doc, const char *file, const char *name, const char *xsd_path,
                    pxr_error *err)
{
    xmlSchemaValidCtxtPtr vctxt;
    xmlSchemaPtr schema = load_schema(xsd_path, err);
    schema_msgs m;
    char tail[64];
    int rc;

    if (!schema)
        return err ? err->code : PXR_EINTERNAL;
    memset(&m, 0, sizeof m);
    if (!(vctxt = xmlSchemaNewValidCtxt(schema))) {
        drop_schema(schema);
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", xsd_path);
    }
    xmlSchemaSetValidStructuredErrors(vctxt, on_schema_error, &m);
    rc = doc ? xmlSchemaValidateDoc(vctxt, doc)
             : xmlSchemaValidateFile(vctxt, file, XML_PARSE_NONET);
    xmlSchemaFreeValidCtxt(vctxt);
    drop_schema(schema);
    if (rc == 0)
        return PXR_OK;
    if (rc > 0 || m.count > 0)
        return pxr_fail(err, PXR_EDATA, "%s does not match %s: %s%s", name, xsd_path,
                        m.count ? m.text : "invalid", more(&m, tail, sizeof tail));
    return pxr_fail(err, PXR_EINTERNAL, "%s: libxml2 could not validate against %s", name,
                    xsd_path);
}

int pxr_xml_validate_doc(xmlDocPtr doc, const char *name, const char *xsd_path, pxr_error *err)
{
    return validate(doc, NULL, name, xsd_path, err);
}

int pxr_xml_validate_stream(const char *xml_path, const char *name, const char *xsd_path,
                            pxr_error *err)
{
    return validate(NULL, xml_path, name, xsd_path, err);
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
