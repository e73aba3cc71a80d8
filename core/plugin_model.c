#include "plugin_model.h"

#include "budget.h"

#include <lauxlib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** The reader keeps every allocation in p the moment it makes it, so that a
** memory error raised half-way leaves nothing that pxr_plugin_free cannot reach.
** What it allocates counts in the run's memory budget (budget.h), the
** allocator's header of each block included: a table of 10^5 indicators costs
** Lua a few slots each but C a struct and a block per string, and a 50 MB title
** is 50 MB more.  p->charged goes back with pxr_plugin_free.
*/
typedef struct reader {
    lua_State *L;
    const char *path;
    pxr_error *err;
    pxr_plugin *p;
    int indicator_cap;
    int alloc_rc; /* why the last budget_calloc gave NULL */
} reader;

enum { BLOCK_HEADER = 16 };

/* count × size zeroed bytes, charged to the budget; NULL with the limit message in r->err. */
static void *budget_calloc(reader *r, size_t count, size_t size)
{
    size_t n = count * size;
    void *block;
    if ((size && count > ((size_t)-1 - BLOCK_HEADER) / size) ||
        pxr_budget_charge(n + BLOCK_HEADER) != 0) {
        r->alloc_rc = pxr_fail(r->err, PXR_EDATA,
                               "%s: the plugin's tables need more than %zu MB of memory, with "
                               "what the run holds (PXR_MAX_MEMORY_MB)",
                               r->path, pxr_budget_limit() >> 20);
        return NULL;
    }
    if (!(block = calloc(count ? count : 1, size ? size : 1))) {
        pxr_budget_release(n + BLOCK_HEADER);
        r->alloc_rc = pxr_fail(r->err, PXR_EINTERNAL, "%s: out of memory", r->path);
        return NULL;
    }
    r->p->charged += n + BLOCK_HEADER;
    return block;
}

static int rawfield(lua_State *L, int t, const char *k)
{
    lua_pushstring(L, k);
    return lua_rawget(L, t);
}

/* Frees a block of n bytes that budget_calloc gave. */
static void budget_free(reader *r, void *block, size_t n)
{
    if (!block)
        return;
    free(block);
    pxr_budget_release(n + BLOCK_HEADER);
    r->p->charged -= n + BLOCK_HEADER;
}

/* Copies the string (or number) at idx into *out. */
static int dup_value(reader *r, int idx, char **out)
{
    size_t len;
    const char *s = lua_tolstring(r->L, idx, &len);
    if (!(*out = budget_calloc(r, len + 1, 1)))
        return r->alloc_rc;
    memcpy(*out, s, len + 1);
    return PXR_OK;
}

/* "indicators[3]" + "code" -> "indicators[3].code"; an empty at gives the field alone. */
static void field_name(char *buf, size_t len, const char *at, const char *field)
{
    snprintf(buf, len, "%.180s%s%.60s", at, *at ? "." : "", field);
}

static int wrong(reader *r, const char *at, const char *field, const char *fmt)
{
    char name[256];
    field_name(name, sizeof name, at, field);
    if (lua_isnil(r->L, -1))
        return pxr_fail(r->err, PXR_EDATA, "%s: %s is missing", r->path, name);
    if (strcmp(fmt, "text") == 0)
        return pxr_fail(r->err, PXR_EDATA, "%s: %s must be text, not %s", r->path, name,
                        luaL_typename(r->L, -1));
    if (strcmp(fmt, "table") == 0)
        return pxr_fail(r->err, PXR_EDATA, "%s: %s must be a table, not %s", r->path, name,
                        luaL_typename(r->L, -1));
    return pxr_fail(r->err, PXR_EDATA, "%s: %s must be a function, not %s", r->path, name,
                    luaL_typename(r->L, -1));
}

/* Text field (a number is taken as its text); *out stays NULL when it is absent and optional. */
static int text(reader *r, int t, const char *at, const char *field, int required, char **out)
{
    int type = rawfield(r->L, t, field), rc = PXR_OK;
    if (type == LUA_TSTRING || type == LUA_TNUMBER)
        rc = dup_value(r, -1, out);
    else if (type != LUA_TNIL || required)
        rc = wrong(r, at, field, "text");
    lua_pop(r->L, 1);
    return rc;
}

/* Checks that a text field already read is one of the words of choices ("a, b, c"). */
static int one_of(reader *r, const char *at, const char *field, const char *value,
                  const char *choices)
{
    char name[256];
    size_t n = value ? strlen(value) : 0;
    for (const char *c = choices; value && *c;) {
        const char *end = strchr(c, ',');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        if (len == n && strncmp(c, value, n) == 0)
            return PXR_OK;
        c = end ? end + 2 : c + len;
    }
    if (!value)
        return PXR_OK;
    field_name(name, sizeof name, at, field);
    return pxr_fail(r->err, PXR_EDATA, "%s: %s must be one of %s, not '%s'", r->path, name, choices,
                    value);
}

/* Pushes list field (a table, or nil when absent) and sets *n to its length (0 when absent). */
static int list(reader *r, int t, const char *at, const char *field, lua_Integer *n)
{
    int type = rawfield(r->L, t, field);
    *n = type == LUA_TTABLE ? (lua_Integer)lua_rawlen(r->L, -1) : 0;
    return type == LUA_TTABLE || type == LUA_TNIL ? PXR_OK : wrong(r, at, field, "table");
}

/* Pushes element i of the list at index l, which must be a table. */
static int element(reader *r, int l, const char *field, lua_Integer i, char *at, size_t len)
{
    snprintf(at, len, "%.150s[%lld]", field, (long long)i);
    if (lua_rawgeti(r->L, l, i) == LUA_TTABLE)
        return PXR_OK;
    return wrong(r, "", at, "table");
}

static int read_indicator(reader *r, pxr_plugin *p, int t, const char *at, int parent)
{
    lua_State *L = r->L;
    pxr_plugin_indicator *ind, *grown;
    int rc, self = p->n_indicators;
    lua_Integer n;
    char part[200];

    luaL_checkstack(L, 8, "reading the parts of an indicator"); /* parts nest: one frame each */
    if (self == r->indicator_cap) { /* grown by doubling, the old block given back */
        int cap = self ? 2 * self : 32;
        if (self > INT_MAX / 2)
            return pxr_fail(r->err, PXR_EDATA, "%s: too many indicators", r->path);
        if (!(grown = budget_calloc(r, (size_t)cap, sizeof *grown)))
            return r->alloc_rc;
        if (self)
            memcpy(grown, p->indicators, (size_t)self * sizeof *grown);
        budget_free(r, p->indicators, (size_t)self * sizeof *grown);
        p->indicators = grown;
        r->indicator_cap = cap;
    }
    ind = &p->indicators[self];
    ind->parent = parent;
    p->n_indicators++;
    if ((rc = text(r, t, at, "code", 1, &ind->code)) != PXR_OK ||
        (rc = text(r, t, at, "name", 1, &ind->name)) != PXR_OK ||
        (rc = text(r, t, at, "type", 1, &ind->type)) != PXR_OK ||
        (rc = one_of(r, at, "type", ind->type,
                     "rate, count, duration, bool, level, ratio, number, text")) != PXR_OK ||
        (rc = text(r, t, at, "dimension", 0, &ind->dimension)) != PXR_OK ||
        (rc = text(r, t, at, "unit", 0, &ind->unit)) != PXR_OK ||
        (rc = text(r, t, at, "direction", 0, &ind->direction)) != PXR_OK ||
        (rc = one_of(r, at, "direction", ind->direction, "higher, lower")) != PXR_OK ||
        (rc = text(r, t, at, "applicability", 0, &ind->applicability)) != PXR_OK ||
        (rc = text(r, t, at, "source", 0, &ind->source)) != PXR_OK ||
        (rc = text(r, t, at, "number", 0, &ind->number)) != PXR_OK)
        return rc;
    snprintf(part, sizeof part, "%s.parts", at);
    if ((rc = list(r, t, at, "parts", &n)) == PXR_OK) {
        int l = lua_gettop(L);
        for (lua_Integer i = 1; rc == PXR_OK && i <= n; i++) {
            char sub[200];
            if ((rc = element(r, l, part, i, sub, sizeof sub)) == PXR_OK)
                rc = read_indicator(r, p, l + 1, sub, self);
            lua_settop(L, l);
        }
    }
    lua_pop(L, 1);
    return rc;
}

static int read_measures(reader *r, pxr_plugin *p, int t)
{
    lua_State *L = r->L;
    int rc = PXR_OK, l;
    lua_Integer n;
    char at[200];

    if ((rc = list(r, t, "", "measures", &n)) != PXR_OK || n == 0) {
        lua_pop(L, 1);
        return rc;
    }
    l = lua_gettop(L);
    if (!(p->measures = budget_calloc(r, (size_t)n, sizeof *p->measures)))
        return r->alloc_rc;
    p->n_measures = (int)n;
    for (lua_Integer i = 1; rc == PXR_OK && i <= n; i++) {
        pxr_plugin_measure *m = &p->measures[i - 1];
        if ((rc = element(r, l, "measures", i, at, sizeof at)) == PXR_OK &&
            (rc = text(r, l + 1, at, "code", 1, &m->code)) == PXR_OK &&
            (rc = text(r, l + 1, at, "title", 1, &m->title)) == PXR_OK &&
            (rc = text(r, l + 1, at, "section", 0, &m->section)) == PXR_OK &&
            (rc = text(r, l + 1, at, "text", 0, &m->text)) == PXR_OK)
            rc = text(r, l + 1, at, "source", 0, &m->source);
        lua_settop(L, l);
    }
    lua_settop(L, l - 1);
    return rc;
}

static int read_targets(reader *r, pxr_plugin *p, int t)
{
    lua_State *L = r->L;
    int rc = PXR_OK, l;
    lua_Integer n;
    char at[200], name[200];

    if ((rc = list(r, t, "", "targets", &n)) != PXR_OK || n == 0) {
        lua_pop(L, 1);
        return rc;
    }
    l = lua_gettop(L);
    if (!(p->targets = budget_calloc(r, (size_t)n, sizeof *p->targets)))
        return r->alloc_rc;
    p->n_targets = (int)n;
    for (lua_Integer i = 1; rc == PXR_OK && i <= n; i++) {
        pxr_plugin_target *g = &p->targets[i - 1];
        int e = l + 1, type;
        if ((rc = element(r, l, "targets", i, at, sizeof at)) != PXR_OK ||
            (rc = text(r, e, at, "code", 1, &g->code)) != PXR_OK ||
            (rc = text(r, e, at, "indicator", 0, &g->indicator)) != PXR_OK ||
            (rc = text(r, e, at, "measure", 0, &g->measure)) != PXR_OK ||
            (rc = text(r, e, at, "comparator", 0, &g->comparator)) != PXR_OK ||
            (rc = one_of(r, at, "comparator", g->comparator, ">=, <=, =, >, <")) != PXR_OK ||
            (rc = text(r, e, at, "unit", 0, &g->unit)) != PXR_OK ||
            (rc = text(r, e, at, "deadline", 0, &g->deadline)) != PXR_OK ||
            (rc = text(r, e, at, "scope", 0, &g->scope)) != PXR_OK ||
            (rc = text(r, e, at, "sentence", 0, &g->sentence)) != PXR_OK) {
            lua_settop(L, l);
            break;
        }
        type = rawfield(L, e, "value");
        if (type == LUA_TNUMBER) {
            g->value = lua_tonumber(L, -1);
            g->has_value = 1;
        } else if (type != LUA_TNIL) {
            field_name(name, sizeof name, at, "value");
            rc = pxr_fail(r->err, PXR_EDATA, "%s: %s must be a number, not %s", r->path, name,
                          luaL_typename(L, -1));
        }
        lua_settop(L, l);
    }
    lua_settop(L, l - 1);
    return rc;
}

static int read_sections(reader *r, pxr_plugin *p, int t)
{
    lua_State *L = r->L;
    int rc = PXR_OK, l;
    lua_Integer n;
    char at[200];

    if ((rc = list(r, t, "", "narrative_sections", &n)) != PXR_OK || n == 0) {
        lua_pop(L, 1);
        return rc;
    }
    l = lua_gettop(L);
    if (!(p->sections = budget_calloc(r, (size_t)n, sizeof *p->sections)))
        return r->alloc_rc;
    p->n_sections = (int)n;
    for (lua_Integer i = 1; rc == PXR_OK && i <= n; i++) {
        int type = lua_rawgeti(L, l, i);
        snprintf(at, sizeof at, "narrative_sections[%lld]", (long long)i);
        if (type == LUA_TSTRING || type == LUA_TNUMBER)
            rc = dup_value(r, -1, &p->sections[i - 1]);
        else
            rc = wrong(r, "", at, "text");
        lua_settop(L, l);
    }
    lua_settop(L, l - 1);
    return rc;
}

static int by_report_name(const void *a, const void *b)
{
    return strcmp(((const pxr_plugin_report *)a)->name, ((const pxr_plugin_report *)b)->name);
}

/* An optional function field, kept as a registry ref (LUA_NOREF when absent). */
static int function_ref(reader *r, int t, const char *at, const char *field, int required, int *ref)
{
    int type = rawfield(r->L, t, field);
    if (type == LUA_TFUNCTION) {
        *ref = luaL_ref(r->L, LUA_REGISTRYINDEX);
        return PXR_OK;
    }
    int rc = type == LUA_TNIL && !required ? PXR_OK : wrong(r, at, field, "function");
    lua_pop(r->L, 1);
    return rc;
}

static int read_reports(reader *r, pxr_plugin *p, int t)
{
    lua_State *L = r->L;
    int rc = PXR_OK, l, n = 0;
    char at[200];
    lua_Integer len;

    if ((rc = list(r, t, "", "reports", &len)) != PXR_OK || lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return rc;
    }
    l = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, l)) {
        n++;
        lua_pop(L, 1);
    }
    if (n == 0) {
        lua_settop(L, l - 1);
        return PXR_OK;
    }
    if (!(p->reports = budget_calloc(r, (size_t)n, sizeof *p->reports)))
        return r->alloc_rc;
    for (int i = 0; i < n; i++)
        p->reports[i].build_ref = p->reports[i].units_ref = LUA_NOREF;
    p->n_reports = n;
    n = 0;
    lua_pushnil(L);
    while (rc == PXR_OK && lua_next(L, l)) {
        pxr_plugin_report *rep = &p->reports[n++];
        int v = lua_gettop(L);
        if (lua_type(L, v - 1) != LUA_TSTRING) {
            lua_pushvalue(L, v - 1);
            rc = pxr_fail(r->err, PXR_EDATA,
                          "%s: a report's name (a key of reports) must be text, not %s", r->path,
                          luaL_typename(L, -1));
            break;
        }
        if ((rc = dup_value(r, v - 1, &rep->name)) != PXR_OK)
            break;
        snprintf(at, sizeof at, "reports.%s", rep->name);
        if (!lua_istable(L, v)) {
            rc = wrong(r, "", at, "table");
            break;
        }
        if ((rc = text(r, v, at, "title", 0, &rep->title)) == PXR_OK &&
            (rc = text(r, v, at, "scope", 0, &rep->scope)) == PXR_OK &&
            (rc = one_of(r, at, "scope", rep->scope, "institution, region")) == PXR_OK &&
            (rc = text(r, v, at, "schema", 0, &rep->schema)) == PXR_OK &&
            (rc = function_ref(r, v, at, "build", 1, &rep->build_ref)) == PXR_OK &&
            (rc = function_ref(r, v, at, "units", 0, &rep->units_ref)) == PXR_OK) {
            rawfield(L, v, "groups");
            rep->groups = lua_toboolean(L, -1);
        }
        lua_settop(L, v - 1);
    }
    lua_settop(L, l - 1);
    if (rc == PXR_OK)
        qsort(p->reports, (size_t)p->n_reports, sizeof *p->reports, by_report_name);
    return rc;
}

int pxr_plugin_read(lua_State *L, int t, const char *path, pxr_plugin *p, pxr_error *err)
{
    reader r = {L, path, err, p, 0, PXR_OK};
    const char *top[] = {"indicators", "fields", "baselines"};
    lua_Integer counts[3];
    int rc = PXR_OK, base = lua_gettop(L);

    t = lua_absindex(L, t);
    luaL_checkstack(L, 40, "reading a plugin");
    lua_pushstring(L, path);
    rc = dup_value(&r, -1, &p->path);
    lua_pop(L, 1);
    if (rc != PXR_OK || (rc = text(&r, t, "", "id", 1, &p->id)) != PXR_OK ||
        (rc = text(&r, t, "", "title", 1, &p->title)) != PXR_OK ||
        (rc = text(&r, t, "", "issuer", 0, &p->issuer)) != PXR_OK ||
        (rc = text(&r, t, "", "number", 0, &p->number)) != PXR_OK ||
        (rc = text(&r, t, "", "basis", 0, &p->basis)) != PXR_OK ||
        (rc = text(&r, t, "", "span", 0, &p->span)) != PXR_OK ||
        (rc = text(&r, t, "", "source", 0, &p->source)) != PXR_OK ||
        (rc = text(&r, t, "", "example_period", 0, &p->example_period)) != PXR_OK)
        return rc;
    for (int k = 0; k < 3; k++) {
        rc = list(&r, t, "", top[k], &counts[k]);
        lua_settop(L, base);
        if (rc != PXR_OK)
            return rc;
    }
    p->n_top_indicators = (int)counts[0];
    p->n_fields = (int)counts[1];
    p->n_baselines = (int)counts[2];
    if (counts[0] > 0) {
        int l;
        rawfield(L, t, "indicators");
        l = lua_gettop(L);
        for (lua_Integer i = 1; rc == PXR_OK && i <= counts[0]; i++) {
            char at[200];
            if ((rc = element(&r, l, "indicators", i, at, sizeof at)) == PXR_OK)
                rc = read_indicator(&r, p, l + 1, at, -1);
            lua_settop(L, l);
        }
        lua_settop(L, base);
    }
    if (rc == PXR_OK && (rc = read_measures(&r, p, t)) == PXR_OK &&
        (rc = read_targets(&r, p, t)) == PXR_OK && (rc = read_sections(&r, p, t)) == PXR_OK)
        rc = read_reports(&r, p, t);
    lua_settop(L, base);
    return rc;
}

void pxr_plugin_free(pxr_plugin *p)
{
    char **own[] = {&p->path,  &p->id,   &p->title,  &p->issuer,        &p->number,
                    &p->basis, &p->span, &p->source, &p->example_period};
    for (size_t i = 0; i < sizeof own / sizeof *own; i++)
        free(*own[i]);
    for (int i = 0; i < p->n_indicators; i++) {
        pxr_plugin_indicator *d = &p->indicators[i];
        char *s[] = {d->code,      d->name,          d->dimension, d->unit,  d->type,
                     d->direction, d->applicability, d->source,    d->number};
        for (size_t k = 0; k < sizeof s / sizeof *s; k++)
            free(s[k]);
    }
    free(p->indicators);
    for (int i = 0; i < p->n_measures; i++) {
        pxr_plugin_measure *m = &p->measures[i];
        free(m->code), free(m->section), free(m->title), free(m->text), free(m->source);
    }
    free(p->measures);
    for (int i = 0; i < p->n_targets; i++) {
        pxr_plugin_target *g = &p->targets[i];
        char *s[] = {g->code, g->indicator, g->measure, g->comparator,
                     g->unit, g->deadline,  g->scope,   g->sentence};
        for (size_t k = 0; k < sizeof s / sizeof *s; k++)
            free(s[k]);
    }
    free(p->targets);
    for (int i = 0; i < p->n_sections; i++)
        free(p->sections[i]);
    free(p->sections);
    for (int i = 0; i < p->n_reports; i++) {
        pxr_plugin_report *rep = &p->reports[i];
        free(rep->name), free(rep->title), free(rep->scope), free(rep->schema);
    }
    free(p->reports);
    pxr_budget_release(p->charged);
    memset(p, 0, sizeof *p);
}

const pxr_plugin_report *pxr_plugin_report_find(const pxr_plugin *p, const char *name)
{
    for (int i = 0; i < p->n_reports; i++)
        if (strcmp(p->reports[i].name, name) == 0)
            return &p->reports[i];
    return NULL;
}

void pxr_plugin_report_names(const pxr_plugin *p, char *buf, size_t len)
{
    size_t used = 0;
    if (len)
        buf[0] = '\0';
    for (int i = 0; i < p->n_reports && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? ", " : "", p->reports[i].name);
}
