/* The SQLite store: schema versions, pragmas, refusals, transactions, the read-only connection. */
#include "check.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/pxr-store-XXXXXX";

static const char *path(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    return buf;
}

static int query_int(pxr_store *st, const char *sql)
{
    sqlite3_stmt *stmt;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

static void fresh_database(void)
{
    pxr_store st;
    pxr_error err;

    CHECK(pxr_store_open(&st, path("none.db"), 0, &err) == PXR_EDATA,
          "a missing database is refused");
    CHECK(strstr(err.text, "pxr init") != NULL, "the refusal says to run pxr init");
    CHECK(access(path("none.db"), F_OK) != 0, "refusing creates no file");

    CHECK(pxr_store_open(&st, path("a.db"), PXR_STORE_CREATE, &err) == PXR_OK, "create opens");
    CHECK(query_int(&st, "PRAGMA user_version") == pxr_schema_version,
          "schema is at the current version");
    CHECK(query_int(&st, "PRAGMA foreign_keys") == 1, "foreign keys are on");
    CHECK(query_int(&st,
                    "SELECT count(*) FROM sqlite_schema WHERE name IN ('region', 'institution', "
                    "'department', 'indicator', 'measure', 'target', 'value', 'measure_status', "
                    "'narrative', 'import', 'plugin')") == 11,
          "every table of the data model exists");
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(st.db, "PRAGMA journal_mode", -1, &s, NULL);
    CHECK(s && sqlite3_step(s) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(s, 0), "wal") == 0,
          "journal mode is WAL");
    sqlite3_finalize(s);
    CHECK(pxr_store_exec(&st,
                         "INSERT INTO institution(code, name, region, level, kind, ownership) "
                         "VALUES('X', 'x', '999999', '三级', '综合', '公立')",
                         &err) == PXR_EINTERNAL,
          "a foreign key violation is refused");

    /* a rolled-back transaction leaves nothing; a committed one stays */
    CHECK(pxr_store_begin(&st, &err) == PXR_OK, "begin");
    pxr_store_exec(&st, "INSERT INTO region VALUES('150000', '内蒙古自治区', NULL, 'province')",
                   &err);
    pxr_store_rollback(&st);
    CHECK(query_int(&st, "SELECT count(*) FROM region") == 0, "rollback leaves nothing");
    pxr_store_begin(&st, &err);
    pxr_store_exec(&st, "INSERT INTO region VALUES('150000', '内蒙古自治区', NULL, 'province')",
                   &err);
    CHECK(pxr_store_commit(&st, &err) == PXR_OK, "commit");
    CHECK(query_int(&st, "SELECT count(*) FROM region") == 1, "commit keeps the row");
    pxr_store_close(&st);

    CHECK(pxr_store_open(&st, path("a.db"), 0, &err) == PXR_OK, "reopening an existing database");
    CHECK(query_int(&st, "SELECT count(*) FROM region") == 1, "data survives reopening");
    pxr_store_close(&st);
}

static void read_only(void)
{
    pxr_store st;
    pxr_error err;

    CHECK(pxr_store_open(&st, path("a.db"), PXR_STORE_READONLY, &err) == PXR_OK, "read-only opens");
    CHECK(pxr_store_exec(&st, "DELETE FROM region", &err) != PXR_OK, "read-only refuses writes");
    CHECK(query_int(&st, "SELECT count(*) FROM region") == 1, "read-only wrote nothing");
    CHECK(pxr_store_exec(&st, "ATTACH DATABASE '/tmp/pxr-other.db' AS o", &err) != PXR_OK,
          "read-only refuses ATTACH");
    CHECK(access("/tmp/pxr-other.db", F_OK) != 0, "ATTACH created no file");
    pxr_store_close(&st);
}

static void refusals(void)
{
    pxr_store st;
    pxr_error err;
    sqlite3 *db;

    sqlite3_open(path("other.db"), &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pxr_store_open(&st, path("other.db"), PXR_STORE_CREATE, &err) == PXR_EDATA,
          "somebody else's database is refused");
    CHECK(strstr(err.text, "not a pxr database") != NULL, "and the message says so");

    sqlite3_open(path("newer.db"), &db);
    sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pxr_store_open(&st, path("newer.db"), 0, &err) == PXR_EDATA, "a newer schema is refused");
    CHECK(strstr(err.text, "newer") != NULL, "and the message says it is newer");

    /* an old database is upgraded step by step: version 1 gains plugin_section */
    sqlite3_open(path("v1.db"), &db);
    sqlite3_exec(db, pxr_schema_steps[0], NULL, NULL, NULL);
    sqlite3_exec(db, "PRAGMA user_version = 1", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pxr_store_open(&st, path("v1.db"), 0, &err) == PXR_OK, "a version-1 database opens");
    CHECK(query_int(&st, "PRAGMA user_version") == pxr_schema_version, "and is upgraded");
    CHECK(query_int(&st, "SELECT count(*) FROM sqlite_schema WHERE name = 'plugin_section'") == 1,
          "the upgrade added plugin_section");
    pxr_store_close(&st);
}

int main(void)
{
    char cmd[300];
    if (!mkdtemp(dir))
        return 1;
    fresh_database();
    read_only();
    refusals();
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return check_done();
}
