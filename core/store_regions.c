/* The regions every database starts with: mainland China to county level, under 100000 全国. */
#include "store.h"

#include <string.h>

/*
** 100000 is not a GB/T 2260 code: it is the code government and map services
** (民政部 区划地名 service, 国家地理信息公共服务平台) use for the whole country.
*/
static const char root_name[] = "全国";

static const char insert_sql[] = "INSERT INTO region(code, name, parent, level) "
                                 "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(code) DO NOTHING";

/* Splits one line of the built-in CSV (no quoting) into its four fields. */
static int split_line(const char *line, size_t len, const char *field[4], int flen[4])
{
    int k = 0;
    const char *p = line, *end = line + len;
    while (k < 4) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        field[k] = p;
        flen[k++] = (int)(stop - p);
        if (!comma)
            break;
        p = comma + 1;
    }
    return k == 4 ? 0 : -1;
}

static int put(sqlite3_stmt *stmt, const char *f[4], const int n[4], long *added)
{
    sqlite3_reset(stmt);
    for (int k = 0; k < 4; k++) {
        if (n[k] == 0)
            sqlite3_bind_null(stmt, k + 1);
        else
            sqlite3_bind_text(stmt, k + 1, f[k], n[k], SQLITE_STATIC);
    }
    if (sqlite3_step(stmt) != SQLITE_DONE)
        return -1;
    *added += sqlite3_changes(sqlite3_db_handle(stmt));
    return 0;
}

int pxr_store_seed_regions(pxr_store *st, long *added, pxr_error *err)
{
    const char *root[4] = {PXR_REGION_ROOT, root_name, "", "country"};
    int root_len[4] = {6, (int)strlen(root_name), 0, 7};
    const char *p = strchr(pxr_regions_csv, '\n'), *f[4];
    int n[4], rc, line = 1;
    sqlite3_stmt *stmt;

    *added = 0;
    if ((rc = pxr_store_begin(st, err)) != PXR_OK)
        return rc;
    if (!(stmt = pxr_store_prepare(st, insert_sql, err))) {
        pxr_store_rollback(st);
        return PXR_EINTERNAL;
    }
    rc = put(stmt, root, root_len, added);
    /* the CSV lists provinces, then prefectures, then counties: parents come first */
    while (rc == 0 && p && *++p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        line++;
        if (split_line(p, len, f, n) != 0) {
            sqlite3_finalize(stmt);
            pxr_store_rollback(st);
            return pxr_fail(err, PXR_EINTERNAL, "built-in regions, line %d: not 4 fields", line);
        }
        if (n[2] == 0) /* a province: under the root */
            f[2] = PXR_REGION_ROOT, n[2] = 6;
        rc = put(stmt, f, n, added);
        p = nl;
    }
    sqlite3_finalize(stmt);
    if (rc != 0) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: built-in regions, line %d: %s", st->path, line,
                      sqlite3_errmsg(st->db));
        pxr_store_rollback(st);
        return rc;
    }
    /* regions imported before the root existed hang from it now */
    rc = pxr_store_exec(
        st,
        "UPDATE region SET parent = '" PXR_REGION_ROOT "' "
        "WHERE parent IS NULL AND code <> '" PXR_REGION_ROOT "' AND code NOT IN ("
        "WITH RECURSIVE up(c) AS (SELECT parent FROM region WHERE code = '" PXR_REGION_ROOT
        "' UNION SELECT r.parent FROM region r JOIN up ON "
        "r.code = up.c) SELECT c FROM up WHERE c IS NOT NULL)",
        err);
    if (rc == PXR_OK)
        rc = pxr_store_commit(st, err);
    if (rc != PXR_OK)
        pxr_store_rollback(st);
    return rc;
}
