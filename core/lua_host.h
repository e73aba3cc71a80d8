/* The sandboxed Lua state in which plugins and user scripts run. */
#ifndef PXR_LUA_HOST_H
#define PXR_LUA_HOST_H

#include "paths.h"
#include "pxr.h"
#include "store.h"

#include <lua.h>
#include <signal.h>

/*
** One host per run.  The state has a curated library set (base without
** dofile/loadfile, string without dump, table, math, utf8, coroutine), a
** text-only `load`, a `require` limited to lua/pxr/<name>.lua, strict globals,
** an allocator cap, an instruction budget and a wall-clock deadline per call.
** Once a limit is passed the count hook fires on every instruction of every
** coroutine, so neither pcall nor a coroutine can swallow the stop.  SQLite
** work counts against the same budget (a progress handler) and its heap is
** capped at the same PXR_MAX_MEMORY_MB.  Work stuck inside one C function
** past the deadline (a string pattern, a huge layout) is ended by a timer:
** the message names the script and the limit, the temporary file being
** written is removed, and pxr exits 1.  docs/sandbox.md lists every guarantee.
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
    unsigned long long max_seconds;
    double deadline;                 /* monotonic seconds; 0 outside a call */
    volatile sig_atomic_t timed_out; /* set by the deadline timer */
    int depth;                       /* nesting of pxr_host_call */
    char out_real[4096];             /* where pxr.pdf and pxr.xml may write (realpath) */
    char out_given[4096];            /* the same directory as the user named it */
} pxr_host;

/*
** Limits come from PXR_MAX_INSTRUCTIONS, PXR_MAX_MEMORY_MB and
** PXR_MAX_SECONDS when set.  The output directory is the current directory.
*/
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

/* Notes the calling script's line before work that only the deadline timer can end. */
void pxr_host_mark(lua_State *L);

/* Raises the stop of a limit passed inside a C function (a query), from then on at every
 * instruction. */
int pxr_host_raise_limit(lua_State *L);

/* Pushes require(name) of a pxr module, through pxr_host_call. */
int pxr_host_require(pxr_host *h, const char *name, pxr_error *err);

/* Sets the directory that pxr.pdf and pxr.xml write into (pxr run --out DIR). */
int pxr_host_set_output_dir(pxr_host *h, const char *dir, pxr_error *err);

/*
** Resolves a script's output path: relative to the output directory, or
** absolute inside it.  Refuses `..` and `.` components, a path outside the
** directory, a directory that goes through a symbolic link or does not exist,
** and a target that exists but is not a regular file (symlink, FIFO, device).
*/
int pxr_host_output_path(pxr_host *h, const char *path, char *out, size_t outlen, pxr_error *err);

/* Names the temporary file being written (NULL: none), so a hard stop can remove it. */
void pxr_host_temp_file(const char *path);

/* The read-only store, opened on first use. */
int pxr_host_store(pxr_host *h, pxr_store **st, pxr_error *err);

/* Opens the `pxr` module (lua_api.c) and sets it as a global. */
int luaopen_pxr(lua_State *L);

#endif
