#include "xml_write.h"

#include "atomic.h"
#include "budget.h"
#include "digits.h"
#include "lua_host.h"
#include "xml_read.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* Deep enough for any report; also what stops a table that contains itself. */
enum { MAX_DEPTH = 64 };

typedef struct writer {
    lua_State *L;
    xmlDocPtr doc;
    xmlNsPtr ns;
    pxr_error *err;
    char path[512]; /* where we are in the tree: "result[2][5]" */
    size_t charged; /* counted in the run's memory budget, given back when done */
} writer;

/*
** The tree C builds counts in the run's memory budget (budget.h), three times
** over: the libxml2 tree, the text it is serialized to and the tree parsed back
** for validation.  A table listed a million times costs Lua one slot each but
** libxml2 a node each: this is what keeps that inside PXR_MAX_MEMORY_MB.
*/
static int charge(writer *w, size_t n)
{
    if (n > ((size_t)-1) / 4 || pxr_budget_charge(3 * n) != 0)
        return pxr_fail(w->err, PXR_EDATA,
                        "%s: the XML needs more than %zu MB of memory, with what the script "
                        "holds (PXR_MAX_MEMORY_MB)",
                        w->path, pxr_budget_limit() >> 20);
    w->charged += 3 * n;
    return PXR_OK;
}

/* Fails with the current tree path in front of the message. */
static int tree_fail(writer *w, const char *what, const char *detail)
{
    return pxr_fail(w->err, PXR_EDATA, "%s%s: %s", w->path, what, pxr_msg(detail));
}

/*
** Checks that s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
** values above U+10FFFF) holding only characters XML 1.0 allows.  Returns
** NULL, or what is wrong.
*/
static const char *bad_text(const char *s, size_t len, char *buf, size_t buflen)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;

    while (p < end) {
        unsigned long c;
        int n, i;

        if (*p < 0x80)
            c = *p, n = 1;
        else if (*p >= 0xC2 && *p <= 0xDF)
            c = *p & 0x1F, n = 2;
        else if (*p >= 0xE0 && *p <= 0xEF)
            c = *p & 0x0F, n = 3;
        else if (*p >= 0xF0 && *p <= 0xF4)
            c = *p & 0x07, n = 4;
        else
            return "is not valid UTF-8";
        if (end - p < n)
            return "is not valid UTF-8";
        for (i = 1; i < n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return "is not valid UTF-8";
            c = (c << 6) | (p[i] & 0x3F);
        }
        if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
            (c >= 0xD800 && c <= 0xDFFF))
            return "is not valid UTF-8";
        if ((c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0xFFFE || c == 0xFFFF) {
            snprintf(buf, buflen, "contains U+%04lX, which XML does not allow", c);
            return buf;
        }
        p += n;
    }
    return NULL;
}

/* Formats the number at idx; returns -1 for NaN and infinities. */
static int format_number(lua_State *L, int idx, char *buf, size_t len)
{
    double x;
    char *e;

    if (lua_isinteger(L, idx)) {
        snprintf(buf, len, "%lld", (long long)lua_tointeger(L, idx));
        return 0;
    }
    x = lua_tonumber(L, idx);
    if (!isfinite(x))
        return -1;
    if (x == floor(x) && fabs(x) < 9.2e18) {
        snprintf(buf, len, "%lld", (long long)x);
        return 0;
    }
    snprintf(buf, len, "%.15g", x);
    e = strchr(buf, 'e');
    if (e && fabs(x) < 1) {
        /* xs:decimal has no exponent: 1.5e-07 becomes 0.00000015. */
        int exp10 = atoi(e + 1), prec = 14 - exp10;
        size_t n;

        snprintf(buf, len, "%.*f", prec < 300 ? prec : 300, x);
        n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
        if (n > 0 && buf[n - 1] == '.')
            buf[--n] = '\0';
    }
    return 0;
}

/*
** Converts the value at idx (string, number or, if allow_bool, boolean) into
** text.  Strings are returned in place; others are formatted into buf.
*/
static int value_text(writer *w, int idx, int allow_bool, const char *what, char *buf,
                      size_t buflen, const char **out, size_t *outlen)
{
    lua_State *L = w->L;
    char why[96];
    const char *bad;

    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
        *out = lua_tolstring(L, idx, outlen);
        bad = bad_text(*out, *outlen, why, sizeof why);
        if (bad) {
            char msg[160];
            snprintf(msg, sizeof msg, pxr_msg("the string %s"), bad);
            return tree_fail(w, what, msg);
        }
        return PXR_OK;
    case LUA_TNUMBER:
        if (format_number(L, idx, buf, buflen) != 0)
            return tree_fail(w, what, "the number is not finite (NaN or infinity)");
        *out = buf, *outlen = strlen(buf);
        return PXR_OK;
    case LUA_TBOOLEAN:
        if (allow_bool) {
            *out = lua_toboolean(L, idx) ? "true" : "false";
            *outlen = strlen(*out);
            return PXR_OK;
        }
        break;
    default:
        break;
    }
    snprintf(why, sizeof why, pxr_msg("must be a string%s, not a %s"),
             allow_bool ? ", number or boolean" : " or number", luaL_typename(L, idx));
    return tree_fail(w, what, why);
}

/* 1 if the string at idx is a valid XML name without a prefix. */
static int is_name(lua_State *L, int idx)
{
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);

    return len > 0 && strlen(s) == len && xmlValidateNCName((const xmlChar *)s, 0) == 0;
}

/* Pushes t[key] without metamethods. */
static int raw_field(lua_State *L, int t, const char *key)
{
    lua_pushstring(L, key);
    return lua_rawget(L, t);
}

/* Only tag, attrs, text, ns and the children 1..#t may appear in an element. */
static int check_keys(writer *w, int t, lua_Integer nchildren)
{
    lua_State *L = w->L;
    static const char *const known[] = {"tag", "attrs", "text", "ns"};

    lua_pushnil(L);
    while (lua_next(L, t)) {
        int ok = 0;
        char msg[200];

        if (lua_type(L, -2) == LUA_TSTRING) {
            const char *k = lua_tostring(L, -2);
            for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
                ok |= strcmp(k, known[i]) == 0;
            if (!ok)
                snprintf(msg, sizeof msg,
                         pxr_msg("unknown key \"%.100s\" (want tag, attrs, text, ns, children)"),
                         k);
        } else if (lua_isinteger(L, -2)) {
            lua_Integer i = lua_tointeger(L, -2);
            ok = i >= 1 && i <= nchildren;
            if (!ok)
                snprintf(msg, sizeof msg, pxr_msg("child [%lld] is outside the sequence 1..%lld"),
                         (long long)i, (long long)nchildren);
        } else {
            snprintf(msg, sizeof msg, pxr_msg("unexpected %s key"), luaL_typename(L, -2));
        }
        if (!ok) {
            lua_pop(L, 2);
            return tree_fail(w, "", msg);
        }
        lua_pop(L, 1);
    }
    return PXR_OK;
}

/* prefix then name at out, cut to fit room as snprintf would. */
static void path_set(char *out, size_t room, const char *prefix, const char *name)
{
    size_t k = pxr_put_cut(out, room, prefix, strlen(prefix));

    pxr_put_cut(out + k, room - k, name, strlen(name));
}

/* Adds attribute name, its value on top of the stack (popped), to node. */
static int add_attr(writer *w, xmlNodePtr node, const char *name, char *buf, size_t buflen)
{
    lua_State *L = w->L;
    const char *text;
    size_t len;
    int rc = value_text(w, lua_gettop(L), 1, "", buf, buflen, &text, &len);

    if (rc == PXR_OK)
        rc = charge(w, sizeof(xmlAttr) + sizeof(xmlNode) + strlen(name) + len + 2);
    if (rc == PXR_OK && !xmlNewProp(node, (const xmlChar *)name, (const xmlChar *)text))
        rc = pxr_fail(w->err, PXR_EINTERNAL, "%s: out of memory", w->path);
    lua_pop(L, 1);
    return rc;
}

enum { ATTR_ROUND = 32 };

/*
** Adds the attributes of attrs (at index a) to node in name order.  Each
** round scans the table for the (up to 32) smallest names after the previous
** round's, held as the table's own keys, so no memory is held while Lua runs;
** an element's attributes take one round (a scan per attribute, as before, was
** a twentieth of writing a report's XML).
*/
static int add_attrs(writer *w, int a, xmlNodePtr node)
{
    lua_State *L = w->L;
    const char *prev = NULL;
    size_t base = strlen(w->path);

    for (;;) {
        const char *names[ATTR_ROUND];
        int n = 0, rc;
        char buf[400];

        lua_pushnil(L);
        while (lua_next(L, a)) {
            const char *k;
            int j, c = 1;
            if (lua_type(L, -2) != LUA_TSTRING) {
                snprintf(buf, sizeof buf, "attribute names must be strings, not a %s",
                         luaL_typename(L, -2));
                lua_pop(L, 2);
                return tree_fail(w, ".attrs", buf);
            }
            lua_pop(L, 1);
            k = lua_tostring(L, -1); /* stays valid: it is a key of the table */
            if ((prev && strcmp(k, prev) <= 0) || (n == ATTR_ROUND && strcmp(k, names[n - 1]) >= 0))
                continue;
            for (j = n; j > 0 && (c = strcmp(names[j - 1], k)) > 0; j--)
                ;
            if (j > 0 && c == 0)
                continue; /* equal up to an embedded NUL: the first one found, as before */
            if (n < ATTR_ROUND)
                n++;
            memmove(names + j + 1, names + j, (size_t)(n - 1 - j) * sizeof *names);
            names[j] = k;
        }
        if (n == 0)
            return PXR_OK;
        for (int i = 0; i < n; i++) {
            path_set(w->path + base, sizeof w->path - base, ".attrs.", names[i]);
            lua_pushstring(L, names[i]);
            if (!is_name(L, -1)) {
                lua_pop(L, 1);
                return tree_fail(w, "", "not a valid XML attribute name");
            }
            lua_rawget(L, a);
            if ((rc = add_attr(w, node, names[i], buf, sizeof buf)) != PXR_OK)
                return rc;
            w->path[base] = '\0';
        }
        prev = names[n - 1];
    }
}

/* "[i]" at out, cut to fit room as snprintf would: once per element, where snprintf cost. */
static void path_index(char *out, size_t room, lua_Integer i)
{
    char tmp[32];
    size_t k = 0;

    tmp[k++] = '[';
    if (i < 0)
        tmp[k++] = '-';
    k += pxr_digits(tmp + k, i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i);
    tmp[k++] = ']';
    pxr_put_cut(out, room, tmp, k);
}

/* Builds the element at stack index t under parent (NULL: the root). */
static int build(writer *w, int t, xmlNodePtr parent, int depth)
{
    lua_State *L = w->L;
    lua_Integer n, i;
    xmlNodePtr node;
    size_t base = strlen(w->path);
    int rc;

    if (depth > MAX_DEPTH)
        return tree_fail(w, "", "the tree is too deep (does a table contain itself?)");
    if (!lua_checkstack(L, 8))
        return tree_fail(w, "", "the tree is too deep for the Lua stack");
    if (lua_type(L, t) != LUA_TTABLE) {
        char msg[80];
        snprintf(msg, sizeof msg, pxr_msg("an element must be a table, not a %s"),
                 luaL_typename(L, t));
        return tree_fail(w, "", msg);
    }
    n = (lua_Integer)lua_rawlen(L, t);
    rc = check_keys(w, t, n);
    if (rc != PXR_OK)
        return rc;

    if (raw_field(L, t, "tag") != LUA_TSTRING || !is_name(L, -1)) {
        int ty = lua_type(L, -1);
        lua_pop(L, 1);
        return tree_fail(w, "",
                         ty == LUA_TSTRING ? "tag is not a valid XML element name"
                                           : "tag must be a string");
    }
    if ((rc = charge(w, sizeof(xmlNode) + lua_rawlen(L, -1) + 1)) != PXR_OK) {
        lua_pop(L, 1);
        return rc;
    }
    node = xmlNewDocNode(w->doc, w->ns, (const xmlChar *)lua_tostring(L, -1), NULL);
    lua_pop(L, 1);
    if (!node)
        return pxr_fail(w->err, PXR_EINTERNAL, "%s: out of memory", w->path);
    /* Linked at once, so that freeing the document frees it on any error below.
     */
    if (parent)
        xmlAddChild(parent, node);
    else
        xmlDocSetRootElement(w->doc, node);

    if (raw_field(L, t, "ns") != LUA_TNIL) {
        size_t len;
        const char *href = lua_tolstring(L, -1, &len);
        if (parent || lua_type(L, -1) != LUA_TSTRING || len == 0 || strlen(href) != len) {
            lua_pop(L, 1);
            return tree_fail(w, ".ns",
                             parent ? "a namespace is allowed on the root element only"
                                    : "must be a non-empty string");
        }
        w->ns = xmlNewNs(node, (const xmlChar *)href, NULL);
        if (!w->ns) {
            lua_pop(L, 1);
            return pxr_fail(w->err, PXR_EINTERNAL, "%s: out of memory", w->path);
        }
        xmlSetNs(node, w->ns);
    }
    lua_pop(L, 1);

    switch (raw_field(L, t, "attrs")) {
    case LUA_TNIL:
        rc = PXR_OK;
        break;
    case LUA_TTABLE:
        rc = add_attrs(w, lua_gettop(L), node);
        break;
    default: {
        char msg[80];
        snprintf(msg, sizeof msg, pxr_msg("must be a table, not a %s"), luaL_typename(L, -1));
        rc = tree_fail(w, ".attrs", msg);
    }
    }
    lua_pop(L, 1);
    if (rc != PXR_OK)
        return rc;

    if (raw_field(L, t, "text") != LUA_TNIL) {
        const char *text;
        size_t len;
        char buf[400];
        xmlNodePtr tn;

        rc = value_text(w, lua_gettop(L), 0, ".text", buf, sizeof buf, &text, &len);
        if (rc == PXR_OK)
            rc = charge(w, sizeof(xmlNode) + len + 1);
        if (rc == PXR_OK) {
            tn = xmlNewDocTextLen(w->doc, (const xmlChar *)text, (int)len);
            if (tn)
                xmlAddChild(node, tn);
            else
                rc = pxr_fail(w->err, PXR_EINTERNAL, "%s: out of memory", w->path);
        }
    }
    lua_pop(L, 1);
    if (rc != PXR_OK)
        return rc;

    for (i = 1; i <= n; i++) {
        path_index(w->path + base, sizeof w->path - base, i);
        lua_rawgeti(L, t, i);
        rc = build(w, lua_gettop(L), node, depth + 1);
        lua_pop(L, 1);
        if (rc != PXR_OK)
            return rc;
        w->path[base] = '\0';
    }
    return PXR_OK;
}

/* Writes buf to path through a temporary file (atomic.h) that a hard stop also removes. */
static int write_file(const char *path, const char *buf, size_t len, pxr_error *err)
{
    pxr_atomic a;
    FILE *f;
    int rc = pxr_atomic_open(&a, path, err);

    if (rc != PXR_OK)
        return rc;
    pxr_host_temp_file(a.tmp);
    if (!(f = pxr_atomic_file(&a, err))) {
        pxr_atomic_abort(&a);
        rc = PXR_EINTERNAL;
    } else if (len && fwrite(buf, 1, len, f) != len) {
        int e = errno;
        pxr_atomic_abort(&a);
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", path, strerror(e));
    } else {
        rc = pxr_atomic_commit(&a, err);
    }
    pxr_host_temp_file(NULL);
    return rc;
}

typedef struct build_job {
    writer *w;
    int rc;
} build_job;

static int build_protected(lua_State *L)
{
    build_job *job = lua_touserdata(L, 1);
    job->w->L = L;
    job->rc = build(job->w, 2, NULL, 0);
    return 0;
}

/* Reads the tree under lua_pcall: a memory error on the way cannot leak the libxml2 document. */
static int build_tree(writer *w, int idx)
{
    lua_State *L = w->L;
    build_job job = {w, PXR_OK};

    lua_pushcfunction(L, build_protected);
    lua_pushlightuserdata(L, &job);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        pxr_fail(w->err, PXR_EINTERNAL, "%s: %s", w->path,
                 lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
        job.rc = PXR_EINTERNAL;
    }
    w->L = L;
    return job.rc;
}

int pxr_xml_tree_read(lua_State *L, int idx, const char *path, xmlDocPtr *doc, size_t *charged,
                      pxr_error *err)
{
    writer w;
    int top = lua_gettop(L), rc;

    xmlInitParser();
    memset(&w, 0, sizeof w);
    w.L = L;
    w.err = err;
    snprintf(w.path, sizeof w.path, "result");
    *doc = NULL;
    *charged = 0;
    w.doc = xmlNewDoc((const xmlChar *)"1.0");
    if (!w.doc)
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", path);
    rc = build_tree(&w, lua_absindex(L, idx));
    lua_settop(L, top);
    if (rc != PXR_OK) {
        xmlFreeDoc(w.doc);
        pxr_budget_release(w.charged);
        return rc;
    }
    *doc = w.doc;
    *charged = w.charged;
    return PXR_OK;
}

/* Serializes, validates and writes doc: through into when given (not committed), else to path. */
static int doc_write(xmlDocPtr doc, size_t charged, const char *path, pxr_atomic *into,
                     const char *xsd_path, pxr_error *err)
{
    xmlChar *mem = NULL;
    int size = 0, rc = PXR_OK;

    xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
    if (!mem || size <= 0)
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: libxml2 could not serialize the result", path);
    xmlFreeDoc(doc);

    /* Validating what was serialized checks the very bytes we write, with their
     * line numbers. */
    if (rc == PXR_OK && xsd_path) {
        xmlDocPtr back = pxr_xml_parse_memory((const char *)mem, (size_t)size, path, err);
        if (back) {
            rc = pxr_xml_validate_doc(back, path, xsd_path, err);
            xmlFreeDoc(back);
        } else {
            pxr_error_prefix(err, "internal error: the XML written cannot be read back: ");
            rc = err ? (err->code = PXR_EINTERNAL) : PXR_EINTERNAL;
        }
    }
    if (rc == PXR_OK && into) {
        FILE *f = pxr_atomic_file(into, err);
        if (!f)
            rc = PXR_EINTERNAL;
        else if (fwrite(mem, 1, (size_t)size, f) != (size_t)size || fflush(f) != 0)
            rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", path, strerror(errno));
    } else if (rc == PXR_OK) {
        rc = write_file(path, (const char *)mem, (size_t)size, err);
    }
    xmlFree(mem);
    pxr_budget_release(charged);
    return rc;
}

int pxr_xml_doc_write(xmlDocPtr doc, size_t charged, const char *path, const char *xsd_path,
                      pxr_error *err)
{
    return doc_write(doc, charged, path, NULL, xsd_path, err);
}

int pxr_xml_write(lua_State *L, int idx, const char *path, const char *xsd_path, pxr_error *err)
{
    xmlDocPtr doc;
    size_t charged;
    int rc = pxr_xml_tree_read(L, idx, path, &doc, &charged, err);

    return rc == PXR_OK ? doc_write(doc, charged, path, NULL, xsd_path, err) : rc;
}

int pxr_xml_write_into(lua_State *L, int idx, pxr_atomic *out, const char *xsd_path, pxr_error *err)
{
    xmlDocPtr doc;
    size_t charged;
    int rc = pxr_xml_tree_read(L, idx, out->path, &doc, &charged, err);

    return rc == PXR_OK ? doc_write(doc, charged, out->path, out, xsd_path, err) : rc;
}
