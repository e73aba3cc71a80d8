/*
** PDF renderer: return codes, malformed trees, files written atomically.
** Also a driver for tests/cli/pdf.sh: `test_pdf --render in.lua out.pdf`
** renders the document table that in.lua returns.
*/
#include "check.h"
#include "fonts.h"
#include "pdf.h"
#include "pdf_draw.h"
#include "pdf_layout.h"
#include "pdf_tree.h"

#include <lauxlib.h>
#include <lualib.h>
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

static pxr_paths paths;

static void set_paths(void)
{
    char cwd[900];
    memset(&paths, 0, sizeof paths);
    if (!getcwd(cwd, sizeof cwd))
        strcpy(cwd, ".");
    snprintf(paths.fonts, sizeof paths.fonts, "%s/fonts", cwd);
}

/* Renders the table built by the Lua chunk src to out; returns the status. */
static int render(const char *src, const char *out, pxr_error *err)
{
    lua_State *L = luaL_newstate();
    int rc, top;
    luaL_openlibs(L);
    if (luaL_dostring(L, src) != LUA_OK) {
        fprintf(stderr, "lua: %s\n", lua_tostring(L, -1));
        lua_close(L);
        return -1;
    }
    top = lua_gettop(L);
    rc = pxr_pdf_render(L, -1, out, &paths, err);
    if (lua_gettop(L) != top)
        rc = -2; /* the stack must be balanced */
    lua_close(L);
    return rc;
}

static int starts_with_pdf(const char *path)
{
    char head[5] = {0};
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    if (fread(head, 1, 4, fp) != 4)
        head[0] = 0;
    fclose(fp);
    return memcmp(head, "%PDF", 4) == 0;
}

/* Number of files in dir whose name starts with prefix. */
static int count_files(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static int drive(const char *in, const char *out)
{
    lua_State *L = luaL_newstate();
    pxr_error err = {0, ""};
    int rc;
    luaL_openlibs(L);
    /* fixtures may require pxr's Lua modules (pxr.chart) from the source tree */
    if (luaL_dostring(L, "package.path = 'lua/?.lua;' .. package.path") != LUA_OK ||
        luaL_dofile(L, in) != LUA_OK || !lua_istable(L, -1)) {
        fprintf(stderr, "%s: %s\n", in, lua_isstring(L, -1) ? lua_tostring(L, -1) : "no table");
        lua_close(L);
        return 3;
    }
    rc = pxr_pdf_render(L, -1, out, &paths, &err);
    if (rc != PXR_OK)
        fprintf(stderr, "pxr: %s\n", err.text);
    lua_close(L);
    return rc;
}

/*
** The renderer needs no Lua state once the tree is read: the document is read
** into C (pdf_doc), the state closed, and only then laid out and drawn.
*/
static int render_without_lua(const char *src, const char *out, pxr_error *err)
{
    lua_State *L = luaL_newstate();
    pdf_doc doc;
    pdf_layout lay;
    pxr_fontset fs;
    int rc;

    luaL_openlibs(L);
    if (luaL_dostring(L, src) != LUA_OK) {
        lua_close(L);
        return -1;
    }
    rc = pxr_pdf_tree_read(L, -1, &doc, err);
    lua_close(L);
    if (rc == PXR_OK && (rc = pxr_fonts_open(&fs, paths.fonts, err)) == PXR_OK) {
        FILE *f = NULL;
        if ((rc = pxr_pdf_layout_run(&lay, &doc, &fs, out, err)) == PXR_OK &&
            !(f = fopen(out, "wb")))
            rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot write", out);
        if (f) {
            rc = pxr_pdf_draw(&lay, &doc, &fs, out, f, err);
            if (fclose(f) != 0 && rc == PXR_OK)
                rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot write", out);
        }
        pxr_pdf_layout_free(&lay);
        pxr_fonts_close(&fs);
    }
    pxr_pdf_doc_free(&doc);
    return rc;
}

int main(int argc, char **argv)
{
    char dir[256], out[400];
    pxr_error err = {0, ""};
    int rc;

    set_paths();
    if (argc == 4 && strcmp(argv[1], "--render") == 0)
        return drive(argv[2], argv[3]);

    snprintf(dir, sizeof dir, "%s/pxr-test-pdf.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) {
        CHECK(0, "temporary directory");
        return check_done();
    }
    snprintf(out, sizeof out, "%s/ok.pdf", dir);
    rc = render("return { kind='document', title='患者体验报告', author='测试', body={"
                "{kind='heading', level=1, text='一、总体情况'},"
                "{kind='paragraph', text='2023年，全区改善就医感受，提升患者体验。'},"
                "{kind='kv', items={{'机构','某某医院'},{'级别','三级'}}, columns=2},"
                "{kind='table', columns={{title='指标'},{title='数值'}},"
                " rows={{'门诊患者满意度', 95.5},{{text='合计', colspan=2}}}},"
                "{kind='spacer', height=5}, {kind='pagebreak'},"
                "{kind='paragraph', text='second page', align='center'}}}",
                out, &err);
    CHECK(rc == PXR_OK, "a well-formed document renders");
    if (rc != PXR_OK)
        printf("  message: %s\n", err.text);
    CHECK(starts_with_pdf(out), "the output starts with %PDF");
    CHECK(count_files(dir, "ok.pdf.tmp") == 0, "no temporary file is left after success");

    snprintf(out, sizeof out, "%s/bad.pdf", dir);
    rc = render("return { body={ {kind='paragraph', text='a'}, {kind='heading', level=1, text='b'},"
                "{kind='paragraph', text='c'},"
                "{kind='table', columns={{title='a'},{title='b'},{title='c'},{title='d'}},"
                " rows={{1,2,3,4},{1,2,3,print}}} } }",
                out, &err);
    CHECK(rc == PXR_EDATA, "a function in a cell is PXR_EDATA");
    CHECK(strstr(err.text, "body[4] (table) rows[2][4]: cell must be text, a number or a table") !=
              NULL,
          "the message names the cell's path");
    CHECK(access(out, F_OK) != 0, "no PDF is written for a malformed tree");
    CHECK(count_files(dir, "bad.pdf") == 0, "no temporary file is left after a failure");

    rc = render("return { body={ {kind='chart'} } }", out, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "body[1] (chart): unknown kind 'chart'"),
          "an unknown block kind is named");
    rc = render("return { body={ {kind='heading', level=4, text='x'} } }", out, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "body[1] (heading): level must be 1, 2 or 3"),
          "a heading level outside 1..3 is rejected");
    rc = render("return { body={ {kind='table', columns={{title='a'}}, rows={{1, 2}}} } }", out,
                &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "body[1] (table) rows[1][2]: the row is wider"),
          "a row wider than the columns is rejected with its path");
    rc = render("return { body={ {kind='drawing', height=20, items={"
                "{kind='line', x1=0, y1=0, x2=10, y2=10},"
                "{kind='rect', x=0, y=0, w=5, h=5, fill='#12345'} }} } }",
                out, &err);
    CHECK(rc == PXR_EDATA &&
              strstr(err.text, "body[1] (drawing) items[2]: fill must be a colour \"#rrggbb\""),
          "a drawing's malformed colour is named with its item");
    rc = render("return { body={ {kind='drawing', height=20, items={{kind='arc', x=1}}} } }", out,
                &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "items[1]: kind must be line, rect, polyline"),
          "an unknown primitive is named");
    rc = render("return { body={ {kind='drawing', height=20, items={{kind='polyline',"
                " points={1, 2, 3}}}} } }",
                out, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "points must be a list x1, y1, x2, y2"),
          "a polyline with an odd number of coordinates");
    rc = render("return { body={ {kind='drawing', height=0, items={}} } }", out, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "height 1 to 280 mm"), "a drawing needs a height");
    rc = render("return { body='x' }", out, &err);
    CHECK(rc == PXR_EDATA && strstr(err.text, "document body"), "a body that is not a list");
    rc = render("return 42", out, &err);
    CHECK(rc == PXR_EDATA, "a document that is not a table");
    CHECK(access(out, F_OK) != 0 && count_files(dir, "bad.pdf") == 0,
          "still nothing written after every failure");

    snprintf(out, sizeof out, "%s/nodir/x.pdf", dir);
    rc = render("return { body={ {kind='paragraph', text='a'} } }", out, &err);
    CHECK(rc == PXR_EINTERNAL, "an unwritable path is PXR_EINTERNAL");

    snprintf(out, sizeof out, "%s/nostate.pdf", dir);
    rc = render_without_lua(
        "return { title='无状态', body={ {kind='heading', level=1, text='一、'"
        " .. '总体情况'}, {kind='table', columns={{title='指标'},{title='数值'}},"
        " rows={{'门诊患者满意度', 95.5}}} } }",
        out, &err);
    CHECK(rc == PXR_OK, "no Lua state: laid out and drawn after the state is closed");
    if (rc != PXR_OK)
        printf("  message: %s\n", err.text);
    CHECK(starts_with_pdf(out), "no Lua state: the output is a PDF");
    {
        char cmd[600], text[4096] = "";
        FILE *p;
        size_t n = 0;
        snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null", out);
        if ((p = popen(cmd, "r"))) {
            n = fread(text, 1, sizeof text - 1, p);
            pclose(p);
        }
        text[n] = '\0';
        CHECK(strstr(text, "门诊患者满意度") && strstr(text, "一、总体情况"),
              "no Lua state: pdftotext reads the tree's text back");
    }
    unlink(out);

    snprintf(out, sizeof out, "%s/ok.pdf", dir);
    unlink(out);
    rmdir(dir);
    return check_done();
}
