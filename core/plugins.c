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

/* The loaded plugins as C data, owned by a userdata in the registry: the state frees them. */
typedef struct plugin_set {
    pxr_plugin *v;
    int n, cap; /* v[n..cap) are zeroed: a read that raised left its part in v[n] */
} plugin_set;

static int set_gc(lua_State *L)
{
    plugin_set *s = lua_touserdata(L, 1);
    for (int i = 0; i < s->cap; i++)
        pxr_plugin_free(&s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
    return 0;
}

static plugin_set *get_set(lua_State *L)
{
    plugin_set *s;
    lua_getfield(L, LUA_REGISTRYINDEX, "pxr.plugin_set");
    s = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return s;
}

typedef struct read_job {
    pxr_plugin *p;
    const char *path;
    pxr_error *err;
    int rc;
} read_job;

static int read_protected(lua_State *L)
{
    read_job *job = lua_touserdata(L, 1);
    job->rc = pxr_plugin_read(L, 2, job->path, job->p, job->err);
    return 0;
}

static int load_one(pxr_host *h, plugin_set *set, const char *dir, const char *id, pxr_error *err)
{
    lua_State *L = h->L;
    char plugin_dir[1400], path[1500];
    read_job job;
    pxr_plugin *p;
    int rc;

    pxr_path_join(plugin_dir, sizeof plugin_dir, dir, id);
    pxr_path_join(path, sizeof path, plugin_dir, "plugin.lua");
    if (set->n == set->cap) {
        int cap = set->cap ? set->cap * 2 : 8;
        pxr_plugin *grown = realloc(set->v, (size_t)cap * sizeof *grown);
        if (!grown)
            return pxr_fail(err, PXR_EINTERNAL, "out of memory");
        memset(grown + set->cap, 0, (size_t)(cap - set->cap) * sizeof *grown);
        set->v = grown;
        set->cap = cap;
    }
    p = &set->v[set->n];
    if ((rc = pxr_host_load_file(h, path, err)) != PXR_OK)
        return rc;
    if ((rc = pxr_host_call(h, 0, 1, err)) != PXR_OK)
        return rc;
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return pxr_fail(err, PXR_EDATA, "%s: the plugin must return a table", path);
    }
    /* read once, raw: a plain copy for the scripts, C data for the core */
    lua_pushcfunction(L, pxr_plugins_plain);
    lua_insert(L, -2);
    if ((rc = pxr_host_call(h, 1, 1, err)) != PXR_OK) {
        pxr_error_prefix(err, "%s: ", path);
        return rc;
    }
    job = (read_job){p, path, err, PXR_OK};
    lua_pushcfunction(L, read_protected);
    lua_pushlightuserdata(L, &job);
    lua_pushvalue(L, -3);
    if ((rc = pxr_host_call(h, 2, 0, err)) == PXR_OK && (rc = job.rc) == PXR_OK &&
        strcmp(p->id, id) != 0)
        rc = pxr_fail(err, PXR_EDATA, "%s: id is '%s' but the directory is '%s'", path, p->id, id);
    if (rc != PXR_OK) {
        pxr_plugin_free(p);
        lua_pop(L, 1);
        return rc;
    }
    set->n++;
    lua_getfield(L, LUA_REGISTRYINDEX, "pxr.plugin_order");
    lua_pushvalue(L, -2);
    lua_rawseti(L, -2, set->n);
    lua_pop(L, 2);
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

    plugin_set *set = lua_newuserdatauv(h->L, sizeof *set, 0);

    memset(set, 0, sizeof *set);
    if (luaL_newmetatable(h->L, "pxr.PluginSet")) {
        lua_pushcfunction(h->L, set_gc);
        lua_setfield(h->L, -2, "__gc");
    }
    lua_setmetatable(h->L, -2);
    lua_setfield(h->L, LUA_REGISTRYINDEX, "pxr.plugin_set");
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
            rc = load_one(h, set, dir, names[i], err);
        free(names[i]);
    }
    free(names);
    return rc;
}

int pxr_plugins_count(pxr_host *h)
{
    plugin_set *s = get_set(h->L);
    return s ? s->n : 0;
}

const pxr_plugin *pxr_plugins_at(pxr_host *h, int i)
{
    plugin_set *s = get_set(h->L);
    return s && i >= 1 && i <= s->n ? &s->v[i - 1] : NULL;
}

const pxr_plugin *pxr_plugins_get(pxr_host *h, const char *id)
{
    plugin_set *s = get_set(h->L);
    for (int i = 0; s && i < s->n; i++)
        if (strcmp(s->v[i].id, id) == 0)
            return &s->v[i];
    return NULL;
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
    plugin_set *s = get_set(h->L);
    char known[1024] = "";
    size_t used = 0;

    for (int i = 0; s && i < s->n; i++)
        if (strcmp(s->v[i].id, id) == 0) {
            pxr_plugins_push(h, i + 1);
            return PXR_OK;
        }
    for (int i = 0; s && i < s->n && used < sizeof known; i++)
        used +=
            (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "", s->v[i].id);
    return pxr_fail(err, PXR_EUSAGE, "unknown plugin '%s' (known: %s)", id, known);
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

static int sync_plugin(pxr_store *st, sync_stmts *s, const pxr_plugin *p, pxr_error *err)
{
    /* the plugin's `source` (the cite of its document, pxr.sources) fills column seed */
    const char *cols[] = {p->title, p->issuer, p->basis, p->span, p->source};
    const char *table[] = {"plugin_indicator", "measure", "target", "plugin_section"};
    char sql[256];
    int rc;

    sqlite3_bind_text(s->plugin, 1, p->id, -1, SQLITE_TRANSIENT);
    for (int i = 0; i < 5; i++)
        pxr_bind_text_or_null(s->plugin, i + 2, cols[i]);
    if ((rc = step_done(st, s->plugin, "plugin", p->id, p->id, err)) != PXR_OK)
        return rc;
    /* the catalog is the plugin's: replace it whole, so removed entries go too */
    for (int i = 0; i < 4; i++) {
        sqlite3_stmt *del;
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE plugin = ?", table[i]);
        if (!(del = pxr_store_prepare(st, sql, err)))
            return PXR_EINTERNAL;
        sqlite3_bind_text(del, 1, p->id, -1, SQLITE_TRANSIENT);
        rc = step_done(st, del, "catalog", p->id, table[i], err);
        sqlite3_finalize(del);
        if (rc != PXR_OK)
            return rc;
    }
    for (int i = 0; rc == PXR_OK && i < p->n_indicators; i++) {
        const pxr_plugin_indicator *d = &p->indicators[i];
        const char *f[] = {d->name, d->dimension, d->unit, d->type, d->direction, d->applicability};
        sqlite3_bind_text(s->indicator, 1, d->code, -1, SQLITE_TRANSIENT);
        for (int k = 0; k < 6; k++)
            pxr_bind_text_or_null(s->indicator, k + 2, f[k]);
        pxr_bind_text_or_null(s->indicator, 8,
                              d->parent >= 0 ? p->indicators[d->parent].code : NULL);
        pxr_bind_text_or_null(s->indicator, 9, d->source);
        if ((rc = step_done(st, s->indicator, "indicator", p->id, d->code, err)) != PXR_OK)
            break;
        sqlite3_bind_text(s->plugin_indicator, 1, p->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s->plugin_indicator, 2, d->code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(s->plugin_indicator, 3, i + 1);
        pxr_bind_text_or_null(s->plugin_indicator, 4, d->number);
        rc = step_done(st, s->plugin_indicator, "indicator", p->id, d->code, err);
    }
    for (int i = 0; rc == PXR_OK && i < p->n_measures; i++) {
        const pxr_plugin_measure *m = &p->measures[i];
        sqlite3_bind_text(s->measure, 1, p->id, -1, SQLITE_TRANSIENT);
        pxr_bind_text_or_null(s->measure, 2, m->code);
        sqlite3_bind_int64(s->measure, 3, i + 1);
        pxr_bind_text_or_null(s->measure, 4, m->section);
        pxr_bind_text_or_null(s->measure, 5, m->title);
        pxr_bind_text_or_null(s->measure, 6, m->text);
        pxr_bind_text_or_null(s->measure, 7, m->source);
        rc = step_done(st, s->measure, "measure", p->id, m->code, err);
    }
    for (int i = 0; rc == PXR_OK && i < p->n_targets; i++) {
        const pxr_plugin_target *g = &p->targets[i];
        const char *f[] = {g->indicator, g->measure, g->comparator};
        sqlite3_bind_text(s->target, 1, p->id, -1, SQLITE_TRANSIENT);
        pxr_bind_text_or_null(s->target, 2, g->code);
        for (int c = 0; c < 3; c++)
            pxr_bind_text_or_null(s->target, c + 3, f[c]);
        if (g->has_value)
            sqlite3_bind_double(s->target, 6, g->value);
        pxr_bind_text_or_null(s->target, 7, g->unit);
        pxr_bind_text_or_null(s->target, 8, g->deadline);
        pxr_bind_text_or_null(s->target, 9, g->scope);
        pxr_bind_text_or_null(s->target, 10, g->sentence);
        rc = step_done(st, s->target, "target", p->id, g->code, err);
    }
    for (int i = 0; rc == PXR_OK && i < p->n_sections; i++) {
        sqlite3_bind_text(s->section, 1, p->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s->section, 2, p->sections[i], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s->section, 3, i + 1);
        rc = step_done(st, s->section, "narrative section", p->id, p->sections[i], err);
    }
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
    for (int i = 1; rc == PXR_OK && i <= n; i++)
        rc = sync_plugin(st, &s, pxr_plugins_at(h, i), err);
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
