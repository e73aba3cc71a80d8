/* Tests of the XML writer (Lua result tree -> validated XML) and the XXE-safe reader. */
#include "check.h"
#include "xml_read.h"
#include "xml_write.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#define XSD "tests/xml/test-result.xsd"

static char dir[256];

static char *tmp_path(const char *name)
{
    static char buf[4][512];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", dir, name);
    return p;
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Reads a whole file into a static buffer ("" if unreadable). */
static const char *slurp(const char *path)
{
    static char buf[8192];
    FILE *f = fopen(path, "rb");
    size_t n = 0;

    buf[0] = '\0';
    if (f) {
        n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
    }
    buf[n] = '\0';
    return buf;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* Evaluates chunk (which returns a tree) and writes it; the stack is checked for balance. */
static int write_tree(lua_State *L, const char *chunk, const char *path, const char *xsd,
                      pxr_error *err)
{
    int top, rc;

    if (luaL_dostring(L, chunk) != LUA_OK) {
        printf("FAIL: Lua chunk: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
        return -1;
    }
    lua_pushinteger(L, 12345); /* the tree is not on top: idx must be honoured */
    top = lua_gettop(L);
    memset(err, 0, sizeof *err);
    rc = pxr_xml_write(L, -2, path, xsd, err);
    CHECK(lua_gettop(L) == top && lua_tointeger(L, -1) == 12345, "Lua stack left balanced");
    lua_pop(L, 2);
    return rc;
}

static void test_valid(lua_State *L)
{
    pxr_error err;
    char *out = tmp_path("valid.xml");
    int rc =
        write_tree(L,
                   "return { tag = 'evaluation', ns = 'urn:pxr:test:result',"
                   "  attrs = { plugin = 'nhc2023', period = '2024S1' },"
                   "  { tag = 'indicator', attrs = { value = 200/3, code = 'A01', met = true },"
                   "    { tag = 'note', text = '门诊 <预约> & \"诊疗\"' } },"
                   "  { tag = 'indicator', attrs = { code = 'A02', value = 95 } } }",
                   out, XSD, &err);
    const char *want = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<evaluation xmlns=\"urn:pxr:test:result\" period=\"2024S1\" "
                       "plugin=\"nhc2023\">\n"
                       "  <indicator code=\"A01\" met=\"true\" value=\"66.6666666666667\">\n"
                       "    <note>门诊 &lt;预约&gt; &amp; \"诊疗\"</note>\n"
                       "  </indicator>\n"
                       "  <indicator code=\"A02\" value=\"95\"/>\n"
                       "</evaluation>\n";

    CHECK(rc == PXR_OK, "valid tree: written");
    if (rc != PXR_OK)
        printf("  error: %s\n", err.text);
    CHECK_STR(slurp(out), want, "valid tree: exact bytes (declaration, indent, sorted attrs)");
    memset(&err, 0, sizeof err);
    CHECK(pxr_xml_validate_file(out, XSD, &err) == PXR_OK, "valid tree: file re-validates");
    unlink(out);

    rc = write_tree(L, "return { tag = 'plain', text = 42 }", out, NULL, &err);
    CHECK(rc == PXR_OK, "no schema: written without validation");
    CHECK_STR(slurp(out), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plain>42</plain>\n",
              "no schema: numeric text");
    unlink(out);
}

static void test_numbers(lua_State *L)
{
    pxr_error err;
    char *out = tmp_path("numbers.xml");
    int rc = write_tree(L,
                        "return { tag = 'n', attrs = { a = 66.67, b = 3.0, c = 42, d = -0.0,"
                        "  e = 1.5e-7, f = 1e15, g = -12.5, h = 0.1 + 0.2, i = false,"
                        "  j = math.mininteger, k = 2^53 } }",
                        out, NULL, &err);

    CHECK(rc == PXR_OK, "numbers: written");
    CHECK(strstr(slurp(out), "<n a=\"66.67\" b=\"3\" c=\"42\" d=\"0\" e=\"0.00000015\" "
                             "f=\"1000000000000000\" g=\"-12.5\" h=\"0.3\" i=\"false\" "
                             "j=\"-9223372036854775808\" k=\"9007199254740992\"/>") != NULL,
          "numbers: integers without .0, %.15g without exponent, booleans");
    unlink(out);

    rc = write_tree(L, "return { tag = 'n', attrs = { x = 0/0 } }", out, NULL, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "result.attrs.x") && strstr(err.text, "finite"),
          "numbers: NaN refused with its path");
    rc = write_tree(L, "return { tag = 'n', text = math.huge }", out, NULL, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "result.text"), "numbers: infinite text refused");
    CHECK(!exists(out), "numbers: nothing written after a refusal");
}

static void test_invalid(lua_State *L)
{
    pxr_error err;
    char *out = tmp_path("invalid.xml");
    int rc;

    spit(out, "previous report\n");
    rc = write_tree(L,
                    "return { tag = 'evaluation', ns = 'urn:pxr:test:result',"
                    "  attrs = { plugin = 'nhc2023', period = '2024S1' },"
                    "  { tag = 'indicator', attrs = { code = 'A01', value = 1 } },"
                    "  { tag = 'indicator', attrs = { code = 'A02', value = 'n/a' } } }",
                    out, XSD, &err);
    CHECK(rc == PXR_EDATA, "invalid: PXR_EDATA");
    CHECK(strstr(err.text, "does not match " XSD) != NULL, "invalid: message names the schema");
    CHECK(strstr(err.text, "line 4: Element '{urn:pxr:test:result}indicator', attribute 'value'") !=
              NULL,
          "invalid: message names line and element");
    CHECK_STR(slurp(out), "previous report\n", "invalid: existing file left untouched");
    unlink(out);

    rc = write_tree(L, "return { tag = 'evaluation', attrs = { plugin = 'x', period = '2024S1' } }",
                    out, XSD, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "line 2: Element 'evaluation'"),
          "invalid: missing namespace reported");
    CHECK(!exists(out), "invalid: no file written");

    rc = write_tree(L,
                    "local t = { tag = 'evaluation', ns = 'urn:pxr:test:result',"
                    "  attrs = { plugin = 'nhc2023', period = 'last year' } } "
                    "t[1] = { tag = 'indicator', attrs = { code = 'A', value = 'x' } } "
                    "for i = 2, 6 do t[i] = t[1] end "
                    "return t",
                    out, XSD, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "(and 4 more)") != NULL,
          "invalid: many errors are cut short");

    rc = write_tree(L, "return { tag = 'n' }", out, "tests/xml/no-such.xsd", &err);
    CHECK(rc == PXR_EINTERNAL && strstr(err.text, "no-such.xsd"), "missing schema: PXR_EINTERNAL");
    CHECK(!exists(out), "missing schema: no file written");
}

static void test_malformed(lua_State *L)
{
    static const struct {
        const char *chunk, *want;
    } cases[] = {
        {"return { tag = 'r', { tag = 'a' }, { tag = 'b', { tag = 'c' }, { tag = 7 } } }",
         "result[2][2]: tag must be a string"},
        {"return { tag = 'r', { tag = 'a', attrs = { v = {} } } }",
         "result[1].attrs.v: must be a string, number or boolean, not a table"},
        {"return { tag = 'r', tga = 'x' }", "result: unknown key \"tga\""},
        {"return { tag = 'r', 'child' }", "result[1]: an element must be a table, not a string"},
        {"return { tag = 'r', [3] = { tag = 'a' } }", "result: child [3] is outside"},
        {"return { tag = 'r', { tag = 'a', ns = 'urn:x' } }",
         "result[1].ns: a namespace is allowed on the root element only"},
        {"return { tag = 'r', attrs = { ['bad name'] = 1 } }",
         "result.attrs.bad name: not a valid XML attribute name"},
        {"return { tag = 'r', attrs = { 'positional' } }",
         "result.attrs: attribute names must be strings"},
        {"return { tag = 'r', text = 'a\\1b' }", "result.text: the string contains U+0001"},
        {"return { tag = 'r', text = '\\xff' }", "result.text: the string is not valid UTF-8"},
        {"return { tag = 'r', text = true }",
         "result.text: must be a string or number, not a boolean"},
        {"return { tag = 'a:b' }", "result: tag is not a valid XML element name"},
        {"local t = { tag = 'r' }; t[1] = t; return t", "the tree is too deep"},
        {"return 'evaluation'", "result: an element must be a table, not a string"},
    };
    char *out = tmp_path("malformed.xml");

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pxr_error err;
        char name[160];
        int rc = write_tree(L, cases[i].chunk, out, XSD, &err);
        snprintf(name, sizeof name, "malformed tree: %s", cases[i].want);
        CHECK(rc == PXR_EDATA && strstr(err.text, cases[i].want) != NULL, name);
        if (rc != PXR_EDATA || !strstr(err.text, cases[i].want))
            printf("  got %d: %s\n", rc, err.text);
    }
    CHECK(!exists(out), "malformed tree: no file written");
}

static void test_reader(void)
{
    pxr_error err;
    xmlDocPtr doc;
    char *good = tmp_path("good.xml");
    static const char laughs_inline[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<r>&b;</r>";
    static const char ent_no_doctype[] = "<r>&secret;</r>";
    static const char syntax[] = "<?xml version=\"1.0\"?>\n<r>\n  <a></b>\n</r>\n";

    memset(&err, 0, sizeof err);
    doc = pxr_xml_parse_file("tests/xml/xxe-file.xml", &err);
    CHECK(doc == NULL && err.code == PXR_EDATA, "XXE: external entity file refused");
    CHECK_STR(err.text, "tests/xml/xxe-file.xml:2: XML with a DTD/entities is refused",
              "XXE: message names file and line");
    xmlFreeDoc(doc);

    doc = pxr_xml_parse_file("tests/xml/billion-laughs.xml", &err);
    CHECK(doc == NULL && strstr(err.text, "billion-laughs.xml:2: XML with a DTD/entities"),
          "billion laughs: file refused");
    xmlFreeDoc(doc);

    doc = pxr_xml_parse_memory(laughs_inline, sizeof laughs_inline - 1, "mem.xml", &err);
    CHECK(doc == NULL && strstr(err.text, "mem.xml:2: XML with a DTD/entities is refused"),
          "billion laughs: buffer refused");
    xmlFreeDoc(doc);

    doc = pxr_xml_parse_memory(ent_no_doctype, sizeof ent_no_doctype - 1, "ent.xml", &err);
    CHECK(doc == NULL && strstr(err.text, "ent.xml:1:") && strstr(err.text, "secret"),
          "undeclared entity: refused with line:column");
    xmlFreeDoc(doc);

    doc = pxr_xml_parse_memory(syntax, sizeof syntax - 1, "bad.xml", &err);
    CHECK(doc == NULL && strncmp(err.text, "bad.xml:3:", 10) == 0, "syntax error: file:line:col");
    CHECK(strstr(err.text, "mismatch") != NULL, "syntax error: libxml2's reason kept");
    xmlFreeDoc(doc);

    doc = pxr_xml_parse_file(tmp_path("absent.xml"), &err);
    CHECK(doc == NULL && strstr(err.text, "absent.xml: cannot open"), "missing file: message");

    spit(good, "<evaluation xmlns=\"urn:pxr:test:result\" plugin=\"p\" period=\"2023\">"
               "<indicator code=\"A\" value=\"1.5\"/></evaluation>");
    doc = pxr_xml_parse_file(good, &err);
    CHECK(doc != NULL && doc->children &&
              strcmp((const char *)doc->children->name, "evaluation") == 0,
          "plain document parses");
    xmlFreeDoc(doc);
    CHECK(pxr_xml_validate_file(good, XSD, &err) == PXR_OK, "validate_file: valid");

    spit(good, "<evaluation xmlns=\"urn:pxr:test:result\" plugin=\"p\" period=\"2023\">\n"
               "<indicator value=\"1.5\"/></evaluation>");
    CHECK(pxr_xml_validate_file(good, XSD, &err) == PXR_EDATA &&
              strstr(err.text, "line 2: Element '{urn:pxr:test:result}indicator'") &&
              strstr(err.text, "code"),
          "validate_file: missing attribute reported with line");
    CHECK(pxr_xml_validate_file("tests/xml/xxe-file.xml", XSD, &err) == PXR_EDATA &&
              strstr(err.text, "refused"),
          "validate_file: XXE refused before validation");
    unlink(good);
}

/*
** After the tree is read the writer needs no Lua state: the state is closed
** (every table and string of the script gone) before the document is
** serialized, validated against its XSD and written.
*/
static void test_without_lua(void)
{
    lua_State *L = luaL_newstate();
    struct _xmlDoc *doc = NULL;
    size_t charged = 0;
    pxr_error err = {0, ""};
    char *out = tmp_path("nostate.xml");
    int rc;

    luaL_openlibs(L);
    rc = luaL_dostring(L, "return { tag = 'evaluation', ns = 'urn:pxr:test:result',"
                          "  attrs = { plugin = 'nhc2023', period = '2024S1' },"
                          "  { tag = 'indicator', attrs = { code = 'A0' .. 2, value = 95 } } }");
    CHECK(rc == LUA_OK, "no Lua state: the tree is built");
    rc = pxr_xml_tree_read(L, -1, out, &doc, &charged, &err);
    lua_close(L);
    CHECK(rc == PXR_OK && doc != NULL, "no Lua state: the tree is read");
    CHECK(!exists(out), "no Lua state: nothing written by the read");
    rc = doc ? pxr_xml_doc_write(doc, charged, out, XSD, &err) : PXR_EINTERNAL;
    CHECK(rc == PXR_OK, "no Lua state: written and validated with the state closed");
    if (rc != PXR_OK)
        printf("  error: %s\n", err.text);
    CHECK(strstr(slurp(out), "<indicator code=\"A02\" value=\"95\"/>") != NULL,
          "no Lua state: the file holds what the tree said");
    memset(&err, 0, sizeof err);
    CHECK(pxr_xml_validate_file(out, XSD, &err) == PXR_OK, "no Lua state: the file re-validates");
    unlink(out);

    L = luaL_newstate();
    luaL_openlibs(L);
    doc = NULL;
    (void)luaL_dostring(L, "return { tag = 'evaluation', { tag = 1 } }");
    rc = pxr_xml_tree_read(L, -1, out, &doc, &charged, &err);
    lua_close(L);
    CHECK(rc == PXR_EDATA && doc == NULL && charged == 0,
          "no Lua state: a malformed tree gives no document (and frees what it built)");
}

int main(void)
{
    lua_State *L;
    const char *tmp = getenv("TMPDIR");

    snprintf(dir, sizeof dir, "%s/pxr-xml.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        printf("FAIL: mkdtemp %s\n", dir);
        return 1;
    }
    L = luaL_newstate();
    luaL_openlibs(L);
    test_valid(L);
    test_numbers(L);
    test_invalid(L);
    test_malformed(L);
    test_reader();
    test_without_lua();
    lua_close(L);
    xmlCleanupParser();
    rmdir(dir);
    return check_done();
}
