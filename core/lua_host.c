#include "lua_host.h"

#include "atomic.h"
#include "budget.h"

#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define HOOK_EVERY 1000
#define SQL_EVERY 1000
#define DEFAULT_INSTRUCTIONS 500000000ULL /* about two seconds of Lua */
#define DEFAULT_MEMORY_MB 1024
#define DEFAULT_SECONDS 60
#define GRACE_SECONDS 1 /* past the deadline, how long a C function may run on */

/* The host whose call is under the deadline timer, and the file it is writing. */
static pxr_host *volatile timed_host;
static char temp_file[4200];
static volatile sig_atomic_t temp_set;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void pxr_host_temp_file(const char *path)
{
    temp_set = 0;
    if (path) {
        snprintf(temp_file, sizeof temp_file, "%s", path);
        temp_set = 1;
    }
}

static void put(const char *s)
{
    ssize_t r = write(2, s, strlen(s));
    (void)r;
}

static void put_number(unsigned long long v)
{
    char buf[24];
    int i = (int)sizeof buf - 1;
    buf[i] = '\0';
    do
        buf[--i] = (char)('0' + v % 10);
    while ((v /= 10) && i > 0);
    put(buf + i);
}

/*
** First expiry: the count hook and the SQLite progress handler stop the script
** at its next step.  Second expiry (GRACE_SECONDS later): the script is stuck
** inside one C function, which cannot be interrupted; only async-signal-safe
** calls from here on: say where and why, remove the half-written file, exit 1.
*/
static void on_deadline(int sig)
{
    pxr_host *h = timed_host;
    struct itimerval grace = {{0, 0}, {GRACE_SECONDS, 0}};
    (void)sig;
    if (!h)
        return;
    if (!h->timed_out) {
        h->timed_out = 1;
        setitimer(ITIMER_REAL, &grace, NULL);
        return;
    }
    if (temp_set)
        unlink(temp_file);
    pxr_atomic_unlink_pending(); /* an XML twin waiting for its PDF */
    put("pxr: ");
    if (h->where_valid) {
        put(h->where.short_src);
        put(":");
        put_number((unsigned long long)(h->where.currentline > 0 ? h->where.currentline : 1));
        put(": ");
    }
    put("stopped: the run took more than ");
    put_number(h->max_seconds);
    put(" seconds, inside one library call (raise PXR_MAX_SECONDS if the work is real)\n");
    _exit(PXR_EDATA);
}

static void arm_deadline(pxr_host *h)
{
    struct sigaction sa;
    struct itimerval t = {{0, 0}, {0, 0}};

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    h->timed_out = 0;
    h->deadline = now_seconds() + (double)h->max_seconds;
    timed_host = h;
    t.it_value.tv_sec = (time_t)h->max_seconds;
    setitimer(ITIMER_REAL, &t, NULL);
}

static void disarm_deadline(pxr_host *h)
{
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    timed_host = NULL;
    h->deadline = 0;
}

/* Past a limit? Fills kill_message (with the position where, e.g. "x.lua:3: ") once. */
static int over_limit(pxr_host *h, const char *where)
{
    if (h->killed)
        return 1;
    if (!h->timed_out && h->deadline > 0 && now_seconds() >= h->deadline)
        h->timed_out = 1;
    if (h->timed_out)
        snprintf(h->kill_message, sizeof h->kill_message,
                 "%sstopped: the run took more than %llu seconds (a query or loop that never "
                 "ends? raise PXR_MAX_SECONDS if the work is real)",
                 where, h->max_seconds);
    else if (h->mem_used + pxr_budget_outside_lua() > h->mem_limit)
        snprintf(h->kill_message, sizeof h->kill_message,
                 "%sstopped: the script uses more than %zu MB of memory, its queries' "
                 "included (raise PXR_MAX_MEMORY_MB if the work is real)",
                 where, h->mem_limit >> 20);
    else if (h->instructions > h->instruction_limit)
        snprintf(h->kill_message, sizeof h->kill_message,
                 "%sstopped after %llu instructions (a loop that never ends? raise "
                 "PXR_MAX_INSTRUCTIONS if the work is real)",
                 where, h->instruction_limit);
    else
        return 0;
    h->killed = 1;
    return 1;
}

pxr_host *pxr_host_of(lua_State *L)
{
    return *(pxr_host **)lua_getextraspace(L);
}

/* Counts live bytes and refuses growth past the cap; Lua turns NULL into a memory error. */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    pxr_host *h = ud;
    size_t old = ptr ? osize : 0;
    void *p;

    if (nsize == 0) {
        free(ptr);
        h->mem_used -= old;
        return NULL;
    }
    /* past the limit the count hook stops the script with its file:line; this
       hard cap only catches a single huge allocation made between two hooks */
    if (nsize > old &&
        h->mem_used - old + nsize + pxr_budget_outside_lua() > h->mem_limit + h->mem_limit / 4)
        return NULL;
    p = realloc(ptr, nsize);
    if (p)
        h->mem_used = h->mem_used - old + nsize;
    return p;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    pxr_host *h = pxr_host_of(L);
    (void)ar;
    h->instructions += HOOK_EVERY;
    /* remember where the script is, for errors that carry no position (out of memory) */
    if (lua_getstack(L, 0, &h->where) && lua_getinfo(L, "Sl", &h->where))
        h->where_valid = 1;
    if (!h->killed && !h->timed_out && h->instructions <= h->instruction_limit &&
        h->mem_used + pxr_budget_outside_lua() <= h->mem_limit)
        return;
    if (!h->killed) {
        luaL_where(L, 0); /* in a hook, level 0 is the Lua function that was running */
        over_limit(h, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    /* from now on every instruction of this thread raises again */
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, h->kill_message);
    lua_error(L);
}

int pxr_host_raise_limit(lua_State *L)
{
    pxr_host *h = pxr_host_of(L);
    char msg[sizeof h->kill_message];

    /* the stop came from outside the hook (SQLite): name the caller's line once */
    luaL_where(L, 1);
    if (!strstr(h->kill_message, ".lua:")) {
        snprintf(msg, sizeof msg, "%s%s", lua_tostring(L, -1), h->kill_message);
        memcpy(h->kill_message, msg, sizeof msg);
    }
    lua_pop(L, 1);
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, h->kill_message);
    return lua_error(L);
}

void pxr_host_mark(lua_State *L)
{
    pxr_host *h = pxr_host_of(L);
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0) {
        h->where = ar;
        h->where_valid = 1;
    }
}

/*
** string.find, match, gmatch and gsub can backtrack for ever inside C, where
** only the deadline timer ends them: they note the caller's line first, so
** that stop names it.  The library function runs in this very frame, so its
** argument errors still read "bad argument #2 to 'find'".
*/
static int marked_string_call(lua_State *L)
{
    lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
    pxr_host_mark(L);
    return f(L);
}

static int undefined_global(lua_State *L)
{
    return luaL_error(L, "undefined global '%s'", luaL_tolstring(L, 2, NULL));
}

/* load(chunk [, chunkname [, mode [, env]]]): text only, whatever mode says. */
static int sandbox_load(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    int has_env = !lua_isnone(L, 4);

    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (!lua_setupvalue(L, -2, 1))
            lua_pop(L, 1);
    }
    return 1;
}

/*
** Lua runs message handlers and __gc finalizers with hooks off, so a loop in
** either would escape the instruction budget.  xpcall therefore calls its
** handler after the protected call returns, with hooks on, and setmetatable
** refuses __gc.
*/
static int finish_xpcall(lua_State *L, int status, lua_KContext ctx)
{
    (void)ctx;
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_pushvalue(L, 1); /* the handler */
        lua_insert(L, -2);
        lua_call(L, 1, 1);
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_replace(L, 1);
    return lua_gettop(L);
}

static int sandbox_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 1); /* f */
    lua_copy(L, 2, 1);   /* slot 1 now holds the handler */
    lua_replace(L, 2);   /* slot 2 holds f */
    return finish_xpcall(L, lua_pcallk(L, n - 2, LUA_MULTRET, 0, 0, finish_xpcall), 0);
}

static int sandbox_setmetatable(lua_State *L)
{
    /* raw: a metatable of the metatable must not run code (and add __gc) during the check */
    if (lua_istable(L, 2)) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not available in pxr scripts");
        lua_pop(L, 1);
    }
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static int load_module_file(pxr_host *h, const char *path, pxr_error *err);

/* require("pxr.name"): only pxr's own modules, loaded as text into the sandbox. */
static int sandbox_require(lua_State *L)
{
    pxr_host *h = pxr_host_of(L);
    const char *name = luaL_checkstring(L, 1);
    char rel[256], path[1400];
    pxr_error err;

    if (strncmp(name, "pxr.", 4) != 0 || strlen(name) > 100 ||
        strspn(name + 4, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(name + 4) || !name[4])
        return luaL_error(L, "module '%s' is not available (only pxr.<name> modules)", name);
    lua_getfield(L, LUA_REGISTRYINDEX, "pxr.loaded");
    if (lua_getfield(L, -1, name) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    snprintf(rel, sizeof rel, "pxr/%s.lua", name + 4);
    pxr_path_join(path, sizeof path, h->paths->lua, rel);
    if (load_module_file(h, path, &err) != PXR_OK)
        return luaL_error(L, "module '%s': %s", name, err.text);
    lua_pushstring(L, name);
    lua_call(L, 1, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    return 1;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

static int load_module_file(pxr_host *h, const char *path, pxr_error *err)
{
    size_t len = 0;
    char *buf = read_file(path, &len);
    char chunkname[1500];
    int status;

    if (!buf)
        return pxr_fail(err, PXR_EDATA, "%s: cannot read the script", path);
    snprintf(chunkname, sizeof chunkname, "@%s", path);
    status = luaL_loadbufferx(h->L, buf, len, chunkname, "t");
    free(buf);
    if (status != LUA_OK) {
        const char *msg = lua_tostring(h->L, -1);
        /* a binary chunk is refused before Lua knows a line: name the file ourselves */
        if (msg && strstr(msg, "binary chunk"))
            pxr_fail(err, PXR_EDATA, "%s:1: %s (pxr loads Lua source text only)", path, msg);
        else
            pxr_fail(err, PXR_EDATA, "%s", msg ? msg : "cannot load the script");
        lua_pop(h->L, 1);
        return PXR_EDATA;
    }
    return PXR_OK;
}

int pxr_host_load_file(pxr_host *h, const char *path, pxr_error *err)
{
    return load_module_file(h, path, err);
}

/*
** A user's error (pxr.error: a bad period, an unknown indicator; a plugin's
** error(msg, 0): a region outside the plan) is one line; a script's bug (a
** runtime error, error(msg) with its position) keeps the stack traceback, and
** so does a stop at a limit (its traceback names the script).
*/
static int traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg && lua_type(L, 1) == LUA_TSTRING && !pxr_host_of(L)->killed) {
        int user;
        lua_getfield(L, LUA_REGISTRYINDEX, "pxr.user_error");
        user = lua_rawequal(L, 1, -1) || pxr_msg_position(msg) == 0;
        lua_pop(L, 1);
        if (user)
            return 1;
    }
    if (!msg)
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int pxr_host_call(pxr_host *h, int nargs, int nresults, pxr_error *err)
{
    lua_State *L = h->L;
    int base = lua_gettop(L) - nargs, status;

    if (h->depth++ == 0) {
        h->instructions = 0;
        h->killed = 0;
        arm_deadline(h);
    }
    /* until the first hook, the best position there is: where the function starts */
    lua_pushvalue(L, base);
    h->where_valid = lua_getinfo(L, ">S", &h->where) && h->where.what[0] != 'C';
    h->where.currentline = h->where.linedefined > 0 ? h->where.linedefined : 1;
    lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
    lua_pushcfunction(L, traceback);
    lua_insert(L, base);
    status = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (--h->depth == 0)
        disarm_deadline(h);
    if (status == LUA_OK && !h->killed)
        return PXR_OK;
    if (status == LUA_OK) {
        /* the script caught the stop with pcall and returned: it still failed */
        lua_pop(L, nresults == LUA_MULTRET ? lua_gettop(L) - base + 1 : nresults);
        char zh[sizeof err->text];
        return pxr_fail(err, PXR_EDATA, "%s", pxr_msg_text(h->kill_message, zh, sizeof zh));
    }
    if (h->killed && !(lua_tostring(L, -1) && strstr(lua_tostring(L, -1), h->kill_message))) {
        char zh[sizeof err->text];
        pxr_fail(err, PXR_EDATA, "%s", pxr_msg_text(h->kill_message, zh, sizeof zh));
    } else if (status == LUA_ERRMEM && h->where_valid)
        pxr_fail(err, PXR_EDATA,
                 "%s:%d: out of memory near here: the script used more than %zu MB "
                 "(PXR_MAX_MEMORY_MB)",
                 h->where.short_src, h->where.currentline, h->mem_limit >> 20);
    else if (status == LUA_ERRMEM)
        pxr_fail(err, PXR_EDATA,
                 "out of memory: the script used more than %zu MB "
                 "(PXR_MAX_MEMORY_MB)",
                 h->mem_limit >> 20);
    else {
        /* the message's text through the catalog (%s parts matched); the traceback stays */
        char zh[sizeof err->text];
        const char *msg = lua_tostring(L, -1);
        pxr_fail(err, PXR_EDATA, "%s", msg ? pxr_msg_text(msg, zh, sizeof zh) : "error");
    }
    lua_pop(L, 1);
    return PXR_EDATA;
}

/* SQLite's steps count as instructions; a query past a limit is interrupted. */
static int sql_progress(void *ud)
{
    pxr_host *h = ud;
    h->instructions += SQL_EVERY;
    return over_limit(h, "");
}

int pxr_host_store(pxr_host *h, pxr_store **st, pxr_error *err)
{
    if (!h->ro.db) {
        int rc;
        if (!h->db_path)
            return pxr_fail(err, PXR_EUSAGE, "no database: give --db FILE or set PXR_DB");
        if ((rc = pxr_store_open(&h->ro, h->db_path, PXR_STORE_READONLY, err)) != PXR_OK)
            return rc;
        pxr_store_watch(&h->ro, SQL_EVERY, sql_progress, h);
    }
    *st = &h->ro;
    return PXR_OK;
}

int pxr_host_require(pxr_host *h, const char *name, pxr_error *err)
{
    lua_getglobal(h->L, "require");
    lua_pushstring(h->L, name);
    return pxr_host_call(h, 1, 1, err);
}

int pxr_host_set_output_dir(pxr_host *h, const char *dir, pxr_error *err)
{
    struct stat st;
    size_t n;

    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return pxr_fail(err, PXR_EUSAGE, "--out %s: no such directory", dir);
    if (!realpath(dir, h->out_real))
        return pxr_fail(err, PXR_EUSAGE, "--out %s: %s", dir, strerror(errno));
    snprintf(h->out_given, sizeof h->out_given, "%s", dir);
    n = strlen(h->out_given);
    while (n > 1 && h->out_given[n - 1] == '/')
        h->out_given[--n] = '\0';
    return PXR_OK;
}

/* The part of path below dir, or NULL when path is not inside dir. */
static const char *below(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return path + 1;
    return strncmp(path, dir, n) == 0 && path[n] == '/' ? path + n + 1 : NULL;
}

int pxr_host_output_path(pxr_host *h, const char *path, char *out, size_t outlen, pxr_error *err)
{
    const char *rel = path, *c;
    char dir[PATH_MAX + 8], real[PATH_MAX];
    struct stat st;

    if (!*path)
        return pxr_fail(err, PXR_EDATA, "the output file name is empty");
    if (!h->out_real[0])
        return pxr_fail(err, PXR_EDATA, "'%s': there is no output directory (give --out DIR)",
                        path);
    if (path[0] == '/' && !(rel = below(path, h->out_real)) && !(rel = below(path, h->out_given)))
        return pxr_fail(err, PXR_EDATA,
                        "'%s' is outside the output directory %s (scripts write only there; "
                        "choose it with pxr run SCRIPT --out DIR)",
                        path, h->out_given);
    for (c = rel; *c; c = strchr(c, '/') ? strchr(c, '/') + 1 : c + strlen(c)) {
        size_t n = strcspn(c, "/");
        if ((n == 2 && c[0] == '.' && c[1] == '.') || (n == 1 && c[0] == '.') || n == 0)
            return pxr_fail(err, PXR_EDATA,
                            "'%s': '..', '.' and empty parts are not allowed in output paths "
                            "(write inside %s)",
                            path, h->out_given);
    }
    if (snprintf(out, outlen, "%s%s%s", h->out_real, strcmp(h->out_real, "/") ? "/" : "", rel) >=
        (int)outlen)
        return pxr_fail(err, PXR_EDATA, "'%s': the path is too long", path);
    snprintf(dir, sizeof dir, "%s", out);
    *strrchr(dir, '/') = '\0';
    if (!*dir)
        strcpy(dir, "/");
    if (!realpath(dir, real))
        return pxr_fail(err, PXR_EDATA, "'%s': the directory %s does not exist", path, dir);
    if (strcmp(real, dir) != 0)
        return pxr_fail(err, PXR_EDATA, "'%s': the path goes through a symbolic link (refused)",
                        path);
    if (lstat(out, &st) == 0 && S_ISLNK(st.st_mode))
        return pxr_fail(err, PXR_EDATA, "'%s' is a symbolic link (refused)", path);
    if (lstat(out, &st) == 0 && !S_ISREG(st.st_mode))
        return pxr_fail(err, PXR_EDATA, "'%s' exists and is not a regular file (refused)", path);
    return PXR_OK;
}

static unsigned long long env_number(const char *name, unsigned long long def)
{
    const char *s = getenv(name);
    char *end;
    unsigned long long v;
    if (!s || !*s)
        return def;
    v = strtoull(s, &end, 10);
    return (*end || v == 0) ? def : v;
}

static const luaL_Reg sandbox_libs[] = {
    {LUA_GNAME, luaopen_base},
    {LUA_STRLIBNAME, luaopen_string},
    {LUA_TABLIBNAME, luaopen_table},
    {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8},
    {LUA_COLIBNAME, luaopen_coroutine},
    {NULL, NULL},
};

static int setup_sandbox(lua_State *L)
{
    for (const luaL_Reg *lib = sandbox_libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    lua_pushglobaltable(L);
    lua_pushnil(L);
    lua_setfield(L, -2, "dofile");
    lua_pushnil(L);
    lua_setfield(L, -2, "loadfile");
    lua_pushcfunction(L, sandbox_load);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, sandbox_require);
    lua_setfield(L, -2, "require");
    lua_pushcfunction(L, sandbox_xpcall);
    lua_setfield(L, -2, "xpcall");
    lua_getfield(L, -1, "setmetatable");
    lua_pushcclosure(L, sandbox_setmetatable, 1);
    lua_setfield(L, -2, "setmetatable");
    lua_getfield(L, -1, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    for (int i = 0; i < 4; i++) {
        static const char *const matchers[] = {"find", "match", "gmatch", "gsub"};
        lua_getfield(L, -1, matchers[i]);
        lua_pushcclosure(L, marked_string_call, 1);
        lua_setfield(L, -2, matchers[i]);
    }
    lua_pop(L, 1);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "pxr.loaded");
    luaL_requiref(L, "pxr", luaopen_pxr, 1);
    lua_pop(L, 1);
    /* strict globals: reading an unknown name is an error; the metatable is locked */
    lua_newtable(L);
    lua_pushcfunction(L, undefined_global);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
    return 0;
}

int pxr_host_open(pxr_host *h, const pxr_paths *paths, const char *db_path, pxr_error *err)
{
    memset(h, 0, sizeof *h);
    h->paths = paths;
    h->db_path = db_path;
    h->mem_limit = (size_t)env_number("PXR_MAX_MEMORY_MB", DEFAULT_MEMORY_MB) << 20;
    h->instruction_limit = env_number("PXR_MAX_INSTRUCTIONS", DEFAULT_INSTRUCTIONS);
    h->max_seconds = env_number("PXR_MAX_SECONDS", DEFAULT_SECONDS);
    pxr_store_heap_limit(h->mem_limit, &h->mem_used);
    /* a vanished current directory leaves no output directory: every write is refused */
    pxr_host_set_output_dir(h, ".", NULL);
    h->L = lua_newstate(capped_alloc, h);
    if (!h->L)
        return pxr_fail(err, PXR_EINTERNAL, "cannot create a Lua state (out of memory)");
    *(pxr_host **)lua_getextraspace(h->L) = h;
    lua_pushcfunction(h->L, setup_sandbox);
    if (lua_pcall(h->L, 0, 0, 0) != LUA_OK) {
        pxr_fail(err, PXR_EINTERNAL, "cannot set up the Lua sandbox: %s", lua_tostring(h->L, -1));
        pxr_host_close(h);
        return PXR_EINTERNAL;
    }
    return PXR_OK;
}

void pxr_host_close(pxr_host *h)
{
    if (h->depth > 0)
        disarm_deadline(h);
    if (h->L) {
        /* whatever Lua would run at close (a pending __close) stops at its first instruction */
        h->killed = 1;
        snprintf(h->kill_message, sizeof h->kill_message, "stopped: the run is over");
        lua_sethook(h->L, count_hook, LUA_MASKCOUNT, 1);
        lua_close(h->L);
    }
    h->L = NULL;
    pxr_store_close(&h->ro);
    pxr_store_heap_limit(0, NULL);
}
