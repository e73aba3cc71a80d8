/*
** The `pxr` module seen by plugins and scripts: pxr.db.query, pxr.pdf,
** pxr.xml, and pxr.<name> for any lua/pxr/<name>.lua (loaded on first use).
*/
#include "codes.h"
#include "lua_host.h"
#include "pdf.h"
#include "plugins.h"
#include "xml_write.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define STMT_CACHE 32

/* Prepared statements by SQL text, so a query run per institution is prepared once. */
typedef struct stmt_cache {
    char *sql[STMT_CACHE];
    sqlite3_stmt *stmt[STMT_CACHE];
    int next;
} stmt_cache;

static int cache_gc(lua_State *L)
{
    stmt_cache *c = lua_touserdata(L, 1);
    for (int i = 0; i < STMT_CACHE; i++) {
        if (c->stmt[i])
            sqlite3_finalize(c->stmt[i]);
        free(c->sql[i]);
        c->stmt[i] = NULL;
        c->sql[i] = NULL;
    }
    return 0;
}

static sqlite3_stmt *cached_prepare(lua_State *L, stmt_cache *c, sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int i;
    char *copy;

    for (i = 0; i < STMT_CACHE; i++)
        if (c->sql[i] && strcmp(c->sql[i], sql) == 0) {
            sqlite3_reset(c->stmt[i]);
            sqlite3_clear_bindings(c->stmt[i]);
            return c->stmt[i];
        }
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
        luaL_error(L, "pxr.db.query: %s", sqlite3_errmsg(db));
        return NULL;
    }
    if (!(copy = strdup(sql))) {
        sqlite3_finalize(stmt);
        luaL_error(L, "pxr.db.query: out of memory");
        return NULL;
    }
    i = c->next;
    c->next = (c->next + 1) % STMT_CACHE;
    if (c->stmt[i])
        sqlite3_finalize(c->stmt[i]);
    free(c->sql[i]);
    c->sql[i] = copy;
    c->stmt[i] = stmt;
    return stmt;
}

static void bind_arg(lua_State *L, sqlite3_stmt *stmt, int param, int arg)
{
    switch (lua_type(L, arg)) {
    case LUA_TNIL:
        sqlite3_bind_null(stmt, param);
        break;
    case LUA_TBOOLEAN:
        sqlite3_bind_int(stmt, param, lua_toboolean(L, arg));
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, arg))
            sqlite3_bind_int64(stmt, param, lua_tointeger(L, arg));
        else
            sqlite3_bind_double(stmt, param, lua_tonumber(L, arg));
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, arg, &len);
        sqlite3_bind_text(stmt, param, s, (int)len, SQLITE_TRANSIENT);
        break;
    }
    default:
        luaL_argerror(L, arg, "parameters must be nil, booleans, numbers or strings");
    }
}

static void push_column(lua_State *L, sqlite3_stmt *stmt, int col)
{
    switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
        lua_pushinteger(L, sqlite3_column_int64(stmt, col));
        break;
    case SQLITE_FLOAT:
        lua_pushnumber(L, sqlite3_column_double(stmt, col));
        break;
    case SQLITE_NULL:
        lua_pushnil(L);
        break;
    default:
        lua_pushlstring(L, (const char *)sqlite3_column_text(stmt, col),
                        (size_t)sqlite3_column_bytes(stmt, col));
    }
}

/* pxr.db.query(sql, ...) -> { {col=value, ...}, ... }; SQL NULL is absent (nil). */
static int db_query(lua_State *L)
{
    pxr_host *h = pxr_host_of(L);
    const char *sql = luaL_checkstring(L, 1);
    int nargs = lua_gettop(L) - 1, rc, ncol, row = 0;
    stmt_cache *cache = lua_touserdata(L, lua_upvalueindex(1));
    pxr_store *st;
    pxr_error err;
    sqlite3_stmt *stmt;

    if (pxr_host_store(h, &st, &err) != PXR_OK)
        return luaL_error(L, "pxr.db.query: %s", err.text);
    stmt = cached_prepare(L, cache, st->db, sql);
    if (nargs != sqlite3_bind_parameter_count(stmt))
        return luaL_error(L, "pxr.db.query: the SQL has %d parameter(s), %d value(s) given",
                          sqlite3_bind_parameter_count(stmt), nargs);
    for (int i = 1; i <= nargs; i++)
        bind_arg(L, stmt, i, i + 1);
    ncol = sqlite3_column_count(stmt);
    /* clock() is a system call: a batch runs a dozen queries per report */
    int timed = getenv("PXR_SQL_TIMES") != NULL;
    clock_t started = timed ? clock() : 0;
    lua_newtable(L);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        lua_createtable(L, 0, ncol);
        for (int c = 0; c < ncol; c++) {
            push_column(L, stmt, c);
            lua_setfield(L, -2, sqlite3_column_name(stmt, c));
        }
        lua_rawseti(L, -2, ++row);
    }
    if (rc != SQLITE_DONE) {
        const char *msg = sqlite3_errmsg(st->db);
        sqlite3_reset(stmt);
        if (h->killed) /* the progress handler stopped it: a limit, not an SQL error */
            return pxr_host_raise_limit(L);
        if ((rc & 0xff) == SQLITE_NOMEM)
            return luaL_error(L,
                              "pxr.db.query: the query needs more than %d MB of memory, "
                              "with what the script holds (PXR_MAX_MEMORY_MB)",
                              (int)(h->mem_limit >> 20));
        return luaL_error(L, "pxr.db.query: %s", msg);
    }
    sqlite3_reset(stmt);
    /* make bench separates a report's SQL from the rest: PXR_SQL_TIMES=1 */
    if (timed) {
        size_t head = strcspn(sql, "\n");
        fprintf(stderr, pxr_msg("pxr: sql: %.3f s CPU, %d rows: %.*s\n"),
                (double)(clock() - started) / CLOCKS_PER_SEC, row, (int)(head < 72 ? head : 72),
                sql);
    }
    return 1;
}

/*
** A report script is one-shot: every failure of a writer raises at the
** script's line (a malformed tree, a refused path, an I/O error); success
** returns true.
*/
static int writer_result(lua_State *L, const char *what, int rc, const pxr_error *err)
{
    if (rc != PXR_OK)
        return luaL_error(L, "%s: %s", what, err->text);
    lua_pushboolean(L, 1);
    return 1;
}

/* The checked place of argument 2 inside the output directory, in buf. */
static const char *output_arg(lua_State *L, const char *what, char *buf, size_t len)
{
    pxr_host *h = pxr_host_of(L);
    const char *path = luaL_checkstring(L, 2);
    pxr_error err;

    if (pxr_host_output_path(h, path, buf, len, &err) != PXR_OK)
        luaL_error(L, "%s: %s", what, err.text);
    return buf;
}

/* pxr.pdf(doc, path) -> true */
static int api_pdf(lua_State *L)
{
    pxr_host *h = pxr_host_of(L);
    char path[4200];
    pxr_error err;
    int rc;

    luaL_checktype(L, 1, LUA_TTABLE);
    output_arg(L, "pxr.pdf", path, sizeof path);
    pxr_host_mark(L);
    rc = pxr_pdf_render(L, 1, path, h->paths, &err);
    return writer_result(L, "pxr.pdf", rc, &err);
}

/* pxr.xml(result, path [, schema]) -> true; schema is a file name in the schema directory. */
static int api_xml(lua_State *L)
{
    pxr_host *h = pxr_host_of(L);
    const char *schema;
    char xsd[1400], path[4200];
    pxr_error err;
    int rc;

    luaL_checktype(L, 1, LUA_TTABLE);
    output_arg(L, "pxr.xml", path, sizeof path);
    pxr_host_mark(L);
    schema = luaL_optstring(L, 3, NULL);
    if (schema && (strchr(schema, '/') || strstr(schema, "..")))
        return luaL_argerror(L, 3, "a schema file name such as 'pxr-evaluation.xsd'");
    if (schema)
        pxr_path_join(xsd, sizeof xsd, h->paths->schema, schema);
    rc = pxr_xml_write(L, 1, path, schema ? xsd : NULL, &err);
    return writer_result(L, "pxr.xml", rc, &err);
}

/* Is the function of ar one of pxr's own modules (lua/pxr/NAME.lua) or C? */
static int inside_pxr(const pxr_host *h, const lua_Debug *ar)
{
    size_t n = strlen(h->paths->lua);
    if (ar->currentline <= 0 || ar->source[0] != '@')
        return 1;
    return strncmp(ar->source + 1, h->paths->lua, n) == 0 &&
           strncmp(ar->source + 1 + n, "/pxr/", 5) == 0;
}

/*
** pxr.error(message): raises message at the line of the script (or plugin) that
** called into pxr's modules, so a bad argument names the caller's file:line,
** not lua/pxr/chart.lua:334.
*/
static int api_error(lua_State *L)
{
    pxr_host *h = pxr_host_of(L);
    const char *msg = luaL_checkstring(L, 1);
    lua_Debug ar;

    int placed = 0;

    for (int level = 1; !placed && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || inside_pxr(h, &ar))
            continue;
        lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
        placed = 1;
    }
    if (!placed)
        lua_pushstring(L, msg);
    /* a user's error: the host prints it as one line, without a traceback */
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "pxr.user_error");
    return lua_error(L);
}

/* pxr.warn(message): "pxr: warning: message" on stderr, through the catalog; the run goes on. */
static int api_warn(lua_State *L)
{
    const char *msg = luaL_checkstring(L, 1);
    char zh[1024];
    fprintf(stderr, "pxr: %s%s\n", pxr_msg("warning: "), pxr_msg_text(msg, zh, sizeof zh));
    return 0;
}

/* pxr.plugins() -> the loaded plugin tables, in the order they were loaded. */
static int api_plugins(lua_State *L)
{
    lua_Integer n;

    /* copies: the tables C keeps stay as the plugins returned them */
    if (lua_getfield(L, LUA_REGISTRYINDEX, "pxr.plugin_order") != LUA_TTABLE) {
        lua_newtable(L);
        return 1;
    }
    n = (lua_Integer)lua_rawlen(L, -1);
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_pushcfunction(L, pxr_plugins_plain);
        lua_rawgeti(L, -3, i);
        lua_call(L, 1, 1);
        lua_rawseti(L, -2, i);
    }
    return 1;
}

/* pxr.<name>: require("pxr.<name>") on first use. */
static int api_index(lua_State *L)
{
    const char *name = luaL_checkstring(L, 2);
    lua_getglobal(L, "require");
    lua_pushfstring(L, "pxr.%s", name);
    lua_call(L, 1, 1);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
    return 1;
}

int luaopen_pxr(lua_State *L)
{
    stmt_cache *cache;

    lua_newtable(L);
    lua_pushliteral(L, PXR_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushcfunction(L, api_pdf);
    lua_setfield(L, -2, "pdf");
    lua_pushcfunction(L, api_xml);
    lua_setfield(L, -2, "xml");
    lua_pushcfunction(L, api_plugins);
    lua_setfield(L, -2, "plugins");
    lua_pushcfunction(L, api_error);
    lua_setfield(L, -2, "error");
    lua_pushcfunction(L, api_warn);
    lua_setfield(L, -2, "warn");
    lua_newtable(L);
    for (int i = 0; pxr_tcm_kinds[i]; i++) {
        lua_pushstring(L, pxr_tcm_kinds[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "tcm_kinds");

    lua_newtable(L); /* pxr.db */
    cache = lua_newuserdatauv(L, sizeof *cache, 0);
    memset(cache, 0, sizeof *cache);
    lua_newtable(L);
    lua_pushcfunction(L, cache_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, db_query, 1);
    lua_setfield(L, -2, "query");
    lua_setfield(L, -2, "db");

    lua_newtable(L);
    lua_pushcfunction(L, api_index);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    return 1;
}
