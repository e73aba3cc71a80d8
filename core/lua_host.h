/* The sandboxed Lua state in which plugins and user scripts run. */
#ifndef PXR_LUA_HOST_H
#define PXR_LUA_HOST_H

#include "paths.h"
#include "pxr.h"
#include "store.h"

#include <lua.h>

/*
** One host per run.  The state has a curated library set (base without
** dofile/loadfile, string without dump, table, math, utf8, coroutine), a
** text-only `load`, a `require` limited to lua/pxr/<name>.lua, strict globals,
** an allocator cap and an instruction budget per call.  Once the budget is
** spent the count hook fires on every instruction of every coroutine, so
** neither pcall nor a coroutine can swallow the stop.
*/
typedef struct pxr_host {
    lua_State *L;
    const pxr_paths *paths;
    const char *db_path; /* opened read-only on the first pxr.db.query */
    pxr_store ro;
    size_t mem_used, mem_limit;
    unsigned long long instructions, instruction_limit;
    int killed;
    char kill_message[512];
    lua_Debug where; /* position at the last count hook */
    int where_valid;
} pxr_host;

/* Limits come from PXR_MAX_INSTRUCTIONS and PXR_MAX_MEMORY_MB when set. */
int pxr_host_open(pxr_host *h, const pxr_paths *paths, const char *db_path, pxr_error *err);
void pxr_host_close(pxr_host *h);

/* Returns the host that owns L (a coroutine of it, too). */
pxr_host *pxr_host_of(lua_State *L);

/* Loads a text chunk from path ("@path" chunk name) and pushes it as a function. */
int pxr_host_load_file(pxr_host *h, const char *path, pxr_error *err);

/*
** Calls the function below nargs arguments with a fresh instruction budget and
** a traceback handler.  On error nothing is left on the stack and err holds
** "file:line: message" and the traceback; the code is PXR_EDATA (the script is
** at fault) or PXR_EINTERNAL (out of memory in the host).
*/
int pxr_host_call(pxr_host *h, int nargs, int nresults, pxr_error *err);

/* The read-only store, opened on first use. */
int pxr_host_store(pxr_host *h, pxr_store **st, pxr_error *err);

/* Opens the `pxr` module (lua_api.c) and sets it as a global. */
int luaopen_pxr(lua_State *L);

#endif
