/* The SQLite store: opening, schema upgrades, transactions. */
#ifndef PXR_STORE_H
#define PXR_STORE_H

#include "pxr.h"

#include <sqlite3.h>

extern const char *const pxr_schema_steps[];
extern const int pxr_schema_version;

typedef struct pxr_store {
    sqlite3 *db;
    char path[1024];
} pxr_store;

enum {
    PXR_STORE_CREATE = 1,   /* create the file if missing (pxr init) */
    PXR_STORE_READONLY = 2, /* for report scripts: no writes, no ATTACH */
};

/*
** Opens path with WAL and foreign keys on, and brings the schema up to
** pxr_schema_version in one transaction (unless READONLY, which instead
** requires the current version).  A database without pxr's schema, or from
** a newer pxr, is refused with PXR_EDATA.
*/
int pxr_store_open(pxr_store *st, const char *path, int flags, pxr_error *err);
void pxr_store_close(pxr_store *st);

/* Registers pxr's SQL functions on db (core/store_group.c: pxr_group_sums;
** core/store_summary.c: pxr_summary_sums). */
int pxr_store_functions(sqlite3 *db);
int pxr_store_summary_function(sqlite3 *db);
void pxr_store_result_str(sqlite3_context *ctx, sqlite3_str *out);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK, with sqlite3_errmsg in the message. */
int pxr_store_begin(pxr_store *st, pxr_error *err);
int pxr_store_commit(pxr_store *st, pxr_error *err);
void pxr_store_rollback(pxr_store *st);

/* Runs SQL without results; on failure the message holds the SQL's first line. */
int pxr_store_exec(pxr_store *st, const char *sql, pxr_error *err);

/* Prepares sql; on failure fills err (PXR_EINTERNAL) and returns NULL. */
sqlite3_stmt *pxr_store_prepare(pxr_store *st, const char *sql, pxr_error *err);

/*
** The built-in regions: core/data/regions-cn-2023.csv (code,name,parent,level,
** a header first), compiled in by the Makefile.  pxr_store_seed_regions() adds
** the root PXR_REGION_ROOT and every row the database lacks, in one
** transaction; a region already there (imported, maybe renamed) is kept.  A
** region without a parent is put under the root.  *added gets the new rows.
*/
extern const char pxr_regions_csv[];
#define PXR_REGION_ROOT "100000"
int pxr_store_seed_regions(pxr_store *st, long *added, pxr_error *err);

/*
** Calls stop(ud) every `every` virtual-machine steps of any statement on st; a
** non-zero return interrupts the statement (SQLITE_INTERRUPT).  Long queries
** of a sandboxed script are counted and stopped this way.
*/
void pxr_store_watch(pxr_store *st, int every, int (*stop)(void *), void *ud);

/*
** Sets the run's memory budget (budget.h) to bytes, *lua_used being the Lua
** state's share: from now on an allocation of SQLite fails (SQLITE_NOMEM) when
** it would pass the budget.  pxr_store_heap_limit(0, NULL) lifts it.  SQLite's
** allocator is wrapped before its first use (pxr_store_open does that); were
** SQLite already in use, the cap holds for SQLite's heap alone.
*/
void pxr_store_heap_limit(size_t bytes, const size_t *lua_used);

/* Binds a UTF-8 string, or NULL when s is NULL or empty. */
int pxr_bind_text_or_null(sqlite3_stmt *stmt, int i, const char *s);

#endif
