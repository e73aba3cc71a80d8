#include "store.h"

#include "budget.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int fail_sql(pxr_store *st, pxr_error *err, const char *what)
{
    return pxr_fail(err, PXR_EINTERNAL, "%s: %s: %s", st->path, what,
                    pxr_msg(sqlite3_errmsg(st->db)));
}

int pxr_store_exec(pxr_store *st, const char *sql, pxr_error *err)
{
    char *msg = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        char head[120];
        size_t n = strcspn(sql, "\n");
        snprintf(head, sizeof head, "%.*s", (int)(n < 100 ? n : 100), sql);
        pxr_fail(err, PXR_EINTERNAL, "%s: %s (in: %s)", st->path, pxr_msg(msg ? msg : "SQL error"),
                 head);
        sqlite3_free(msg);
        return PXR_EINTERNAL;
    }
    return PXR_OK;
}

sqlite3_stmt *pxr_store_prepare(pxr_store *st, const char *sql, pxr_error *err)
{
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK) {
        fail_sql(st, err, "cannot prepare statement");
        return NULL;
    }
    return stmt;
}

int pxr_bind_text_or_null(sqlite3_stmt *stmt, int i, const char *s)
{
    if (!s || !*s)
        return sqlite3_bind_null(stmt, i);
    return sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
}

int pxr_store_begin(pxr_store *st, pxr_error *err)
{
    return pxr_store_exec(st, "BEGIN IMMEDIATE", err);
}

int pxr_store_commit(pxr_store *st, pxr_error *err)
{
    return pxr_store_exec(st, "COMMIT", err);
}

void pxr_store_rollback(pxr_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int user_version(pxr_store *st, int *version, pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(st, "PRAGMA user_version", err);
    if (!stmt)
        return PXR_EINTERNAL;
    *version = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return PXR_OK;
}

/* A file with tables but user_version 0 is somebody else's database: leave it alone. */
static int foreign_database(pxr_store *st)
{
    sqlite3_stmt *stmt = NULL;
    int tables = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) ==
            SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        tables = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return tables > 0;
}

/* After the steps ran without foreign-key enforcement: every reference must still resolve. */
static int foreign_keys_hold(pxr_store *st, pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(st, "PRAGMA foreign_key_check", err);
    int rc = PXR_OK;
    if (!stmt)
        return PXR_EINTERNAL;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        rc = pxr_fail(
            err, PXR_EINTERNAL, "%s: schema upgrade: table %s row %lld refers to a missing %s row",
            st->path, (const char *)sqlite3_column_text(stmt, 0),
            (long long)sqlite3_column_int64(stmt, 1), (const char *)sqlite3_column_text(stmt, 2));
    sqlite3_finalize(stmt);
    return rc;
}

static int upgrade(pxr_store *st, int from, pxr_error *err)
{
    char sql[64];
    int rc = pxr_store_begin(st, err);
    for (int v = from; rc == PXR_OK && v < pxr_schema_version; v++)
        rc = pxr_store_exec(st, pxr_schema_steps[v], err);
    if (rc == PXR_OK)
        rc = foreign_keys_hold(st, err);
    if (rc == PXR_OK) {
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", pxr_schema_version);
        rc = pxr_store_exec(st, sql, err);
    }
    if (rc == PXR_OK)
        rc = pxr_store_commit(st, err);
    if (rc != PXR_OK)
        pxr_store_rollback(st);
    return rc;
}

/* Report scripts must not reach other files through the read-only connection. */
static int deny_attach(void *unused, int action, const char *a, const char *b, const char *c,
                       const char *d)
{
    (void)unused, (void)a, (void)b, (void)c, (void)d;
    return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

/*
** SQLite's allocations go through these wrappers of its own allocator and
** count in the run's one budget (budget.h): a query cannot take what the
** script may not, nor the two together more than PXR_MAX_MEMORY_MB.
*/
static sqlite3_mem_methods base_mem;
static int wrapped = -1; /* -1: not tried yet, 0: SQLite was in use already, 1: wrapped */

static void *budget_malloc(int n)
{
    void *p;
    if (n > 0 && !pxr_budget_fits((size_t)n))
        return NULL;
    if ((p = base_mem.xMalloc(n)) != NULL)
        pxr_budget_add((size_t)base_mem.xSize(p));
    return p;
}

static void budget_free(void *p)
{
    if (p)
        pxr_budget_release((size_t)base_mem.xSize(p));
    base_mem.xFree(p);
}

static void *budget_realloc(void *p, int n)
{
    size_t old = p ? (size_t)base_mem.xSize(p) : 0;
    void *q;
    if (n > 0 && (size_t)n > old && !pxr_budget_fits((size_t)n - old))
        return NULL;
    if ((q = base_mem.xRealloc(p, n)) != NULL) {
        pxr_budget_release(old);
        pxr_budget_add((size_t)base_mem.xSize(q));
    }
    return q;
}

static void wrap_allocator(void)
{
    static sqlite3_mem_methods mine;
    if (wrapped >= 0)
        return;
    wrapped = 0;
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &base_mem) != SQLITE_OK)
        return;
    mine = base_mem;
    mine.xMalloc = budget_malloc;
    mine.xFree = budget_free;
    mine.xRealloc = budget_realloc;
    wrapped = sqlite3_config(SQLITE_CONFIG_MALLOC, &mine) == SQLITE_OK;
}

void pxr_store_heap_limit(size_t bytes, const size_t *others)
{
    wrap_allocator();
    pxr_budget_set(bytes, others);
    if (!wrapped)
        sqlite3_hard_heap_limit64((sqlite3_int64)bytes);
}

int pxr_store_open(pxr_store *st, const char *path, int flags, pxr_error *err)
{
    int version = 0, rc;
    /* one thread per connection: SQLite need not lock around every call */
    int oflags = ((flags & PXR_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                 SQLITE_OPEN_NOMUTEX;

    wrap_allocator();
    memset(st, 0, sizeof *st);
    snprintf(st->path, sizeof st->path, "%s", path);
    if (!(flags & PXR_STORE_CREATE) && access(path, F_OK) != 0)
        return pxr_fail(err, PXR_EDATA, "%s: no such database; create it with 'pxr init'", path);
    if (flags & PXR_STORE_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot open database: %s", path,
                      pxr_msg(st->db ? sqlite3_errmsg(st->db) : "out of memory"));
        pxr_store_close(st);
        return rc;
    }
    sqlite3_busy_timeout(st->db, 10000);
    sqlite3_extended_result_codes(st->db, 1);
    if (pxr_store_functions(st->db) != SQLITE_OK) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: %s", path, sqlite3_errmsg(st->db));
        goto fail;
    }
    if ((rc = user_version(st, &version, err)) != PXR_OK)
        goto fail;
    if (version > pxr_schema_version) {
        rc = pxr_fail(err, PXR_EDATA, "%s: schema version %d is newer than this pxr knows (%d)",
                      path, version, pxr_schema_version);
        goto fail;
    }
    if (version == 0 && foreign_database(st)) {
        rc = pxr_fail(err, PXR_EDATA, "%s: not a pxr database (it has tables but no pxr schema)",
                      path);
        goto fail;
    }
    if (flags & PXR_STORE_READONLY) {
        if (version != pxr_schema_version) {
            rc = pxr_fail(err, PXR_EDATA, "%s: schema version %d, expected %d; run 'pxr init'",
                          path, version, pxr_schema_version);
            goto fail;
        }
        sqlite3_set_authorizer(st->db, deny_attach, NULL);
        return pxr_store_exec(st, "PRAGMA query_only = 1", err);
    }
    if ((rc = pxr_store_exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", err)) !=
        PXR_OK)
        goto fail;
    /* foreign keys are off while a step rebuilds a table; upgrade() checks them after */
    if (version < pxr_schema_version && (rc = upgrade(st, version, err)) != PXR_OK)
        goto fail;
    if ((rc = pxr_store_exec(st, "PRAGMA foreign_keys = ON", err)) != PXR_OK)
        goto fail;
    return PXR_OK;
fail:
    pxr_store_close(st);
    return rc;
}

void pxr_store_watch(pxr_store *st, int every, int (*stop)(void *), void *ud)
{
    sqlite3_progress_handler(st->db, every, stop, ud);
}

void pxr_store_close(pxr_store *st)
{
    if (st->db)
        sqlite3_close_v2(st->db);
    st->db = NULL;
}
