#include "plugins.h"

#include <dirent.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

#define PLAIN_DEPTH 64

/*
** Replaces the table on top of the stack by its plain copy: keys and values
** read raw (no metamethod runs), tables copied likewise with their metatables
** dropped, a table reached twice copied once (memo at index memo).
*/
static void plain_copy(lua_State *L, int memo, int depth)
{
    int src = lua_gettop(L), dst;

    lua_pushvalue(L, src);
    if (lua_rawget(L, memo) == LUA_TTABLE) {
        lua_replace(L, src);
        return;
    }
    lua_pop(L, 1);
    if (depth > PLAIN_DEPTH)
        luaL_error(L, "the plugin table is nested more than %d levels deep", PLAIN_DEPTH);
    luaL_checkstack(L, 8, "the plugin table is nested too deep");
    lua_newtable(L);
    dst = lua_gettop(L);
    lua_pushvalue(L, src);
    lua_pushvalue(L, dst);
    lua_rawset(L, memo);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        if (lua_istable(L, -1))
            plain_copy(L, memo, depth + 1);
        lua_pushvalue(L, -2);
        if (lua_istable(L, -1))
            plain_copy(L, memo, depth + 1);
        lua_pushvalue(L, -2);
        lua_rawset(L, dst);
        lua_pop(L, 1);
    }
    lua_replace(L, src);
}

int pxr_plugins_plain(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_newtable(L); /* memo: original -> copy */
    lua_pushvalue(L, 1);
    plain_copy(L, 2, 0);
    return 1;
}

/*
** Pushes a fresh plain copy of the kept table at idx: C reads it before any
** code sees it, and what a report does to its copy stays in that copy.  Out of
** memory, the kept table itself (plain too).
*/
static void push_copy(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, pxr_plugins_plain);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        lua_pop(L, 1);
        lua_pushvalue(L, idx);
    }
}

static int load_one(pxr_host *h, const char *dir, const char *id, pxr_error *err)
{
    lua_State *L = h->L;
    char plugin_dir[1400], path[1500];
    const char *got;
    int rc;

    pxr_path_join(plugin_dir, sizeof plugin_dir, dir, id);
    pxr_path_join(path, sizeof path, plugin_dir, "plugin.lua");
    if ((rc = pxr_host_load_file(h, path, err)) != PXR_OK)
        return rc;
    if ((rc = pxr_host_call(h, 0, 1, err)) != PXR_OK)
        return rc;
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA, "%s: the plugin must return a table", path);
    }
    /* read once, raw: C reads only copies, so no code of the plugin runs while it does */
    lua_pushcfunction(L, pxr_plugins_plain);
    lua_insert(L, -2);
    if ((rc = pxr_host_call(h, 1, 1, err)) != PXR_OK) {
        pxr_error_prefix(err, "%s: ", path);
        return rc;
    }
    lua_getfield(L, -1, "id");
    got = lua_tostring(L, -1);
    if (!got || strcmp(got, id) != 0) {
        rc = pxr_fail(err, PXR_EDATA, "%s: id is '%s' but the directory is '%s'", path,
                      got ? got : "(missing)", id);
        lua_pop(L, 2);
        return rc;
    }
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "title") != LUA_TSTRING) {
        lua_pop(L, 2);
        return pxr_fail(err, PXR_EDATA, "%s: title must be a string", path);
    }
    lua_pop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, "pxr.plugins");
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, id);
    lua_getfield(L, LUA_REGISTRYINDEX, "pxr.plugin_order");
    lua_pushvalue(L, -3);
    lua_rawseti(L, -2, (lua_Integer)luaL_len(L, -2) + 1);
    lua_pop(L, 3);
    return PXR_OK;
}

int pxr_plugins_load(pxr_host *h, const char *dir, pxr_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, probe[1500];
    size_t n = 0, cap = 0;
    int rc = PXR_OK;
    struct stat st;

    lua_newtable(h->L);
    lua_setfield(h->L, LUA_REGISTRYINDEX, "pxr.plugins");
    lua_newtable(h->L);
    lua_setfield(h->L, LUA_REGISTRYINDEX, "pxr.plugin_order");
    if (!d)
        return pxr_fail(err, PXR_EUSAGE, "%s: cannot open the plugin directory", dir);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(probe, sizeof probe, "%s/%s/plugin.lua", dir, e->d_name);
        if (stat(probe, &st) != 0)
            continue;
        if (n == cap) {
            char **grown = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
            if (!grown) {
                rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
                break;
            }
            names = grown;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
            break;
        }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (rc == PXR_OK)
            rc = load_one(h, dir, names[i], err);
        free(names[i]);
    }
    free(names);
    return rc;
}

int pxr_plugins_count(pxr_host *h)
{
    int n;
    lua_getfield(h->L, LUA_REGISTRYINDEX, "pxr.plugin_order");
    n = (int)luaL_len(h->L, -1);
    lua_pop(h->L, 1);
    return n;
}

void pxr_plugins_push(pxr_host *h, int i)
{
    lua_getfield(h->L, LUA_REGISTRYINDEX, "pxr.plugin_order");
    lua_rawgeti(h->L, -1, i);
    push_copy(h->L, -1);
    lua_replace(h->L, -3);
    lua_pop(h->L, 1);
}

int pxr_plugins_find(pxr_host *h, const char *id, pxr_error *err)
{
    lua_State *L = h->L;
    luaL_Buffer known;

    lua_getfield(L, LUA_REGISTRYINDEX, "pxr.plugins");
    if (lua_getfield(L, -1, id) == LUA_TTABLE) {
        push_copy(L, -1);
        lua_replace(L, -3);
        lua_pop(L, 1);
        return PXR_OK;
    }
    lua_pop(L, 2);
    luaL_buffinit(L, &known);
    for (int i = 1, n = pxr_plugins_count(h); i <= n; i++) {
        lua_getfield(L, LUA_REGISTRYINDEX, "pxr.plugin_order");
        lua_rawgeti(L, -1, i);
        lua_getfield(L, -1, "id");
        lua_replace(L, -3);
        lua_pop(L, 1);
        if (i > 1)
            luaL_addstring(&known, ", ");
        luaL_addvalue(&known);
    }
    luaL_pushresult(&known);
    pxr_fail(err, PXR_EUSAGE, "unknown plugin '%s' (known: %s)", id, lua_tostring(L, -1));
    lua_pop(L, 1);
    return PXR_EUSAGE;
}

/*
** Pushes field name of the table at absolute index idx and returns it as text
** (numbers converted), or NULL.  The value stays on the stack so the string
** stays alive: callers restore the stack with lua_settop when done.
*/
static const char *text_field(lua_State *L, int idx, const char *name)
{
    lua_getfield(L, idx, name);
    return lua_isstring(L, -1) ? lua_tostring(L, -1) : NULL;
}

typedef struct sync_stmts {
    sqlite3_stmt *plugin, *indicator, *plugin_indicator, *measure, *target, *section;
} sync_stmts;

static int step_done(pxr_store *st, sqlite3_stmt *stmt, const char *what, const char *plugin,
                     const char *code, pxr_error *err)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc == SQLITE_DONE)
        return PXR_OK;
    return pxr_fail(err, PXR_EDATA, "plugin %s: %s '%s': %s", plugin, what, code ? code : "?",
                    sqlite3_errmsg(st->db));
}

static int sync_indicator(pxr_store *st, sync_stmts *s, lua_State *L, const char *plugin,
                          const char *parent, int *seq, pxr_error *err)
{
    int t = lua_gettop(L), rc;
    const char *code = text_field(L, t, "code");
    const char *fields[] = {"name", "dimension", "unit", "type", "direction", "applicability"};

    if (!code || !text_field(L, t, "name") || !text_field(L, t, "type"))
        return pxr_fail(err, PXR_EDATA, "plugin %s: indicator %d needs code, name and type", plugin,
                        *seq + 1);
    sqlite3_bind_text(s->indicator, 1, code, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < 6; i++)
        pxr_bind_text_or_null(s->indicator, i + 2, text_field(L, t, fields[i]));
    pxr_bind_text_or_null(s->indicator, 8, parent);
    pxr_bind_text_or_null(s->indicator, 9, text_field(L, t, "source"));
    if ((rc = step_done(st, s->indicator, "indicator", plugin, code, err)) != PXR_OK)
        return rc;
    sqlite3_bind_text(s->plugin_indicator, 1, plugin, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s->plugin_indicator, 2, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s->plugin_indicator, 3, ++*seq);
    pxr_bind_text_or_null(s->plugin_indicator, 4, text_field(L, t, "number"));
    if ((rc = step_done(st, s->plugin_indicator, "indicator", plugin, code, err)) != PXR_OK)
        return rc;
    if (lua_getfield(L, t, "parts") == LUA_TTABLE) {
        for (lua_Integer i = 1; rc == PXR_OK && lua_rawgeti(L, -1, i) == LUA_TTABLE; i++) {
            rc = sync_indicator(st, s, L, plugin, code, seq, err);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, t);
    return rc;
}

static int sync_list(pxr_store *st, sync_stmts *s, lua_State *L, int p, const char *plugin,
                     const char *list, pxr_error *err)
{
    int rc = PXR_OK, seq = 0, t;

    if (lua_getfield(L, p, list) != LUA_TTABLE) {
        lua_pop(L, 1);
        return PXR_OK;
    }
    t = lua_gettop(L);
    for (lua_Integer i = 1; rc == PXR_OK && lua_rawgeti(L, t, i) != LUA_TNIL; i++) {
        int e = lua_gettop(L);
        if (strcmp(list, "narrative_sections") == 0) {
            if (!lua_isstring(L, e)) {
                rc = pxr_fail(err, PXR_EDATA, "plugin %s: narrative_sections[%lld] must be text",
                              plugin, (long long)i);
                break;
            }
            sqlite3_bind_text(s->section, 1, plugin, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(s->section, 2, lua_tostring(L, e), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(s->section, 3, i);
            rc = step_done(st, s->section, "narrative section", plugin, lua_tostring(L, e), err);
            lua_settop(L, t);
            continue;
        }
        if (!lua_istable(L, e)) {
            rc = pxr_fail(err, PXR_EDATA, "plugin %s: %s[%lld] must be a table", plugin, list,
                          (long long)i);
            break;
        }
        if (strcmp(list, "indicators") == 0) {
            rc = sync_indicator(st, s, L, plugin, NULL, &seq, err);
        } else if (strcmp(list, "measures") == 0) {
            const char *code = text_field(L, e, "code");
            sqlite3_bind_text(s->measure, 1, plugin, -1, SQLITE_TRANSIENT);
            pxr_bind_text_or_null(s->measure, 2, code);
            sqlite3_bind_int64(s->measure, 3, i);
            pxr_bind_text_or_null(s->measure, 4, text_field(L, e, "section"));
            pxr_bind_text_or_null(s->measure, 5, text_field(L, e, "title"));
            pxr_bind_text_or_null(s->measure, 6, text_field(L, e, "text"));
            pxr_bind_text_or_null(s->measure, 7, text_field(L, e, "source"));
            rc = step_done(st, s->measure, "measure", plugin, code, err);
        } else {
            const char *code = text_field(L, e, "code");
            const char *cols[] = {"indicator", "measure", "comparator"};
            sqlite3_bind_text(s->target, 1, plugin, -1, SQLITE_TRANSIENT);
            pxr_bind_text_or_null(s->target, 2, code);
            for (int c = 0; c < 3; c++)
                pxr_bind_text_or_null(s->target, c + 3, text_field(L, e, cols[c]));
            lua_getfield(L, e, "value");
            if (lua_isnumber(L, -1))
                sqlite3_bind_double(s->target, 6, lua_tonumber(L, -1));
            pxr_bind_text_or_null(s->target, 7, text_field(L, e, "unit"));
            pxr_bind_text_or_null(s->target, 8, text_field(L, e, "deadline"));
            pxr_bind_text_or_null(s->target, 9, text_field(L, e, "scope"));
            pxr_bind_text_or_null(s->target, 10, text_field(L, e, "sentence"));
            rc = step_done(st, s->target, "target", plugin, code, err);
        }
        lua_settop(L, t);
    }
    lua_settop(L, t - 1);
    return rc;
}

static int sync_plugin(pxr_store *st, sync_stmts *s, lua_State *L, pxr_error *err)
{
    int p = lua_gettop(L);
    const char *id = text_field(L, p, "id");
    /* the plugin's `source` (the cite of its document, pxr.sources) fills column seed */
    const char *cols[] = {"title", "issuer", "basis", "span", "source"};
    char sql[256];
    int rc;

    sqlite3_bind_text(s->plugin, 1, id, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < 5; i++)
        pxr_bind_text_or_null(s->plugin, i + 2, text_field(L, p, cols[i]));
    if ((rc = step_done(st, s->plugin, "plugin", id, id, err)) != PXR_OK)
        return rc;
    /* the catalog is the plugin's: replace it whole, so removed entries go too */
    for (int i = 0; i < 4; i++) {
        const char *table[] = {"plugin_indicator", "measure", "target", "plugin_section"};
        sqlite3_stmt *del;
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE plugin = ?", table[i]);
        if (!(del = pxr_store_prepare(st, sql, err)))
            return PXR_EINTERNAL;
        sqlite3_bind_text(del, 1, id, -1, SQLITE_TRANSIENT);
        rc = step_done(st, del, "catalog", id, table[i], err);
        sqlite3_finalize(del);
        if (rc != PXR_OK)
            return rc;
    }
    if ((rc = sync_list(st, s, L, p, id, "indicators", err)) == PXR_OK &&
        (rc = sync_list(st, s, L, p, id, "measures", err)) == PXR_OK &&
        (rc = sync_list(st, s, L, p, id, "targets", err)) == PXR_OK)
        rc = sync_list(st, s, L, p, id, "narrative_sections", err);
    lua_settop(L, p);
    return rc;
}

int pxr_plugins_sync(pxr_host *h, pxr_store *st, pxr_error *err)
{
    sync_stmts s = {0};
    int rc = PXR_OK, n = pxr_plugins_count(h);

    s.plugin = pxr_store_prepare(st,
                                 "INSERT INTO plugin(id, title, issuer, basis, span, seed) "
                                 "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO UPDATE SET "
                                 "title = ?2, issuer = ?3, basis = ?4, span = ?5, seed = ?6",
                                 err);
    s.indicator = pxr_store_prepare(
        st,
        "INSERT INTO indicator(code, name, dimension, unit, type, direction, applicability, "
        "parent, source) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(code) DO UPDATE "
        "SET name = ?2, dimension = ?3, unit = ?4, type = ?5, direction = ?6, applicability = ?7, "
        "parent = ?8, source = ?9",
        err);
    s.plugin_indicator = pxr_store_prepare(
        st, "INSERT INTO plugin_indicator(plugin, indicator, seq, number) VALUES(?, ?, ?, ?)", err);
    s.measure = pxr_store_prepare(st,
                                  "INSERT INTO measure(plugin, code, seq, section, title, text, "
                                  "source) VALUES(?, ?, ?, ?, ?, ?, ?)",
                                  err);
    s.target = pxr_store_prepare(st,
                                 "INSERT INTO target(plugin, code, indicator, measure, comparator, "
                                 "value, unit, deadline, scope, sentence) "
                                 "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 err);
    s.section = pxr_store_prepare(
        st, "INSERT INTO plugin_section(plugin, section, seq) VALUES(?, ?, ?)", err);
    if (!s.plugin || !s.indicator || !s.plugin_indicator || !s.measure || !s.target || !s.section)
        rc = PXR_EINTERNAL;
    if (rc == PXR_OK)
        rc = pxr_store_begin(st, err);
    for (int i = 1; rc == PXR_OK && i <= n; i++) {
        lua_getfield(h->L, LUA_REGISTRYINDEX, "pxr.plugin_order");
        lua_rawgeti(h->L, -1, i);
        lua_remove(h->L, -2);
        rc = sync_plugin(st, &s, h->L, err);
        lua_pop(h->L, 1);
    }
    if (rc == PXR_OK)
        rc = pxr_store_commit(st, err);
    else
        pxr_store_rollback(st);
    sqlite3_finalize(s.plugin);
    sqlite3_finalize(s.indicator);
    sqlite3_finalize(s.plugin_indicator);
    sqlite3_finalize(s.measure);
    sqlite3_finalize(s.target);
    sqlite3_finalize(s.section);
    return rc;
}
