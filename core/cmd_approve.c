/*
** pxr approve and pxr reopen: a commission marks reported data 已审核, which
** locks it against imports, or returns it (退回) with a reason.  Each is one
** row of the approval log; the latest row per plugin, unit and period is the
** state in force.  A region's or a group's approval (--region C, --unit G: a
** reporting unit that is a group of institutions) approves each institution in
** it that has reported, one row each, with the region or group as its scope.
*/
#include "cli.h"
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pwd.h>
#include <unistd.h>

typedef struct cycle_args {
    const char *plugin, *period, *institution, *region, *unit, *reason, *by;
    char pid[16];
} cycle_args;

static int parse_args(const char *cmd, int argc, char **argv, cycle_args *a)
{
    pxr_period p;
    int bad = 0;

    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--period", &a->period, &bad) ||
            pxr_cli_option(argc, argv, &i, "--institution", &a->institution, &bad) ||
            pxr_cli_option(argc, argv, &i, "--region", &a->region, &bad) ||
            pxr_cli_option(argc, argv, &i, "--unit", &a->unit, &bad) ||
            pxr_cli_option(argc, argv, &i, "--reason", &a->reason, &bad) ||
            pxr_cli_option(argc, argv, &i, "--by", &a->by, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else if (argv[i][0] == '-' || a->plugin) {
            return pxr_cli_usage(cmd, "unexpected argument '%s'", argv[i]);
        } else {
            a->plugin = argv[i];
        }
    }
    if (!a->plugin)
        return pxr_cli_usage(cmd, "no plugin given");
    if (!a->period)
        return pxr_cli_usage(cmd, "--period is required");
    if (pxr_period_parse(a->period, &p) != 0)
        return pxr_cli_usage(cmd, "--period '%s' is not a period", a->period);
    pxr_period_id(&p, a->pid, sizeof a->pid);
    if (!a->by || !*a->by)
        a->by = getenv("USER");
    if (!a->by || !*a->by) {
        struct passwd *pw = getpwuid(getuid());
        a->by = pw && pw->pw_name ? pw->pw_name : "unknown";
    }
    return PXR_OK;
}

/* 1 if the query with up to three text parameters has a row, 0 if not, -1 on failure. */
static int query_exists(pxr_store *st, const char *sql, const char *a, const char *b, const char *c,
                        pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(st, sql, err);
    int rc;
    if (!stmt)
        return -1;
    sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
    if (c)
        sqlite3_bind_text(stmt, 3, c, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        pxr_fail(err, PXR_EINTERNAL, "%s: %s", st->path, sqlite3_errmsg(st->db));
        return -1;
    }
    return rc == SQLITE_ROW;
}

/*
** Opens the store and checks the plugin and the unit named.  --region takes a
** group's code too: it is then moved to a->unit.
*/
static int open_checked(pxr_cli *cli, cycle_args *a, pxr_store *st, pxr_error *err)
{
    int rc = pxr_store_open(st, cli->db, 0, err), found;
    if (rc != PXR_OK)
        return rc;
    if ((found = query_exists(st, "SELECT 1 FROM plugin WHERE id = ?", a->plugin, NULL, NULL,
                              err)) <= 0)
        rc = found < 0
                 ? PXR_EINTERNAL
                 : pxr_fail(err, PXR_EUSAGE, "unknown plugin '%s' (see 'pxr plugins')", a->plugin);
    else if (a->institution && (found = query_exists(st, "SELECT 1 FROM institution WHERE code = ?",
                                                     a->institution, NULL, NULL, err)) <= 0)
        rc = found < 0 ? PXR_EINTERNAL
                       : pxr_fail(err, PXR_EDATA, "--institution %s: unknown institution",
                                  a->institution);
    else if (a->region &&
             (found = query_exists(st, "SELECT 1 FROM region WHERE code = ?", a->region, NULL, NULL,
                                   err)) == 0 &&
             (found = query_exists(st, "SELECT 1 FROM unit_group WHERE code = ?", a->region, NULL,
                                   NULL, err)) > 0)
        a->unit = a->region, a->region = NULL;
    else if (a->region && found <= 0)
        rc = found < 0 ? PXR_EINTERNAL
                       : pxr_fail(err, PXR_EDATA, "--region %s: unknown region", a->region);
    else if (a->unit && (found = query_exists(st, "SELECT 1 FROM unit_group WHERE code = ?",
                                              a->unit, NULL, NULL, err)) <= 0)
        rc = found < 0 ? PXR_EINTERNAL
                       : pxr_fail(err, PXR_EDATA,
                                  "--unit %s: unknown reporting unit (a group of institutions: "
                                  "pxr import of a groups file)",
                                  a->unit);
    if (rc != PXR_OK)
        pxr_store_close(st);
    return rc;
}

static void utc_now(char *out, size_t outlen)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
** The institutions in scope (?3 a region, ?4 an institution, ?5 a group) with
** what they reported of the plugin's indicators for the period and the latest
** approval event ('' when none).
*/
static const char scope_sql[] =
    "WITH RECURSIVE below(code) AS (SELECT ?3 UNION SELECT r.code FROM region r "
    "JOIN below b ON r.parent = b.code) "
    "SELECT i.code, (SELECT count(*) FROM value v JOIN plugin_indicator pi ON pi.indicator = "
    "v.indicator AND pi.plugin = ?1 WHERE v.unit = i.code AND v.period = ?2), "
    "coalesce((SELECT action FROM approval a WHERE a.plugin = ?1 AND a.unit = i.code AND "
    "a.period = ?2 ORDER BY a.id DESC LIMIT 1), '') FROM institution i "
    "WHERE (?4 IS NULL AND ?5 IS NULL AND i.region IN below) OR i.code = ?4 OR i.code IN "
    "(SELECT institution FROM unit_group_member WHERE grp = ?5) ORDER BY i.code";

static const char log_sql[] = "INSERT INTO approval(plugin, unit, period, action, who, time, "
                              "scope, reason) VALUES(?, ?, ?, ?, ?, ?, ?, ?)";

int pxr_cmd_approve(pxr_cli *cli, int argc, char **argv)
{
    cycle_args a;
    pxr_store st;
    pxr_error err;
    sqlite3_stmt *q = NULL, *ins = NULL;
    char now[32], when[80];
    int rc, approved = 0, already = 0, missing = 0, step;

    if ((rc = parse_args("approve", argc, argv, &a)) != PXR_OK)
        return rc;
    if ((a.institution != NULL) + (a.region != NULL) + (a.unit != NULL) != 1)
        return pxr_cli_usage("approve", "give --institution C, --region C or --unit G");
    if (a.reason)
        return pxr_cli_usage("approve", "--reason belongs to reopen");
    if ((rc = open_checked(cli, &a, &st, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    utc_now(now, sizeof now);
    if ((rc = pxr_store_begin(&st, &err)) != PXR_OK)
        goto done;
    if (!(q = pxr_store_prepare(&st, scope_sql, &err)) ||
        !(ins = pxr_store_prepare(&st, log_sql, &err))) {
        rc = PXR_EINTERNAL;
        goto done;
    }
    sqlite3_bind_text(q, 1, a.plugin, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, a.pid, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, a.region ? a.region : "", -1, SQLITE_STATIC);
    pxr_bind_text_or_null(q, 4, a.institution);
    pxr_bind_text_or_null(q, 5, a.unit);
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(q, 0);
        const char *state = (const char *)sqlite3_column_text(q, 2);
        if (sqlite3_column_int(q, 1) == 0) {
            missing++;
            if (a.institution)
                rc = pxr_fail(&err, PXR_EDATA,
                              "%s has reported nothing of %s for %s: there is nothing to approve",
                              unit, a.plugin, a.pid);
            continue;
        }
        if (strcmp(state, "approve") == 0) {
            already++;
            continue;
        }
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, a.plugin, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, unit, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, a.pid, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, "approve", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, a.by, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 6, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 7,
                          a.institution ? a.institution
                          : a.unit      ? a.unit
                                        : a.region,
                          -1, SQLITE_STATIC);
        sqlite3_bind_null(ins, 8);
        if (sqlite3_step(ins) != SQLITE_DONE) {
            rc = pxr_fail(&err, PXR_EINTERNAL, "%s: recording the approval: %s", st.path,
                          sqlite3_errmsg(st.db));
            break;
        }
        approved++;
    }
    if (rc == PXR_OK && step != SQLITE_DONE)
        rc = pxr_fail(&err, PXR_EINTERNAL, "%s: %s", st.path, sqlite3_errmsg(st.db));
    if (rc == PXR_OK && !approved && !already && a.unit)
        rc = pxr_fail(&err, PXR_EDATA, "--unit %s: no member has reported %s for %s", a.unit,
                      a.plugin, a.pid);
    else if (rc == PXR_OK && !approved && !already && a.region)
        rc = pxr_fail(&err, PXR_EDATA, "--region %s: no institution has reported %s for %s",
                      a.region, a.plugin, a.pid);
    if (rc == PXR_OK)
        rc = pxr_store_commit(&st, &err);
done:
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    if (rc != PXR_OK)
        pxr_store_rollback(&st);
    pxr_store_close(&st);
    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    printf(pxr_msg("%s %s: %d approved (已审核) at %s, %d already approved, %d not reported\n"),
           a.plugin, a.pid, approved, pxr_msg_time(now, when, sizeof when), already, missing);
    return PXR_OK;
}

int pxr_cmd_reopen(pxr_cli *cli, int argc, char **argv)
{
    cycle_args a;
    pxr_store st;
    pxr_error err;
    sqlite3_stmt *ins = NULL;
    char now[32], when[80];
    int rc, approved;

    if ((rc = parse_args("reopen", argc, argv, &a)) != PXR_OK)
        return rc;
    if (!a.institution || a.region || a.unit)
        return pxr_cli_usage("reopen", "give --institution C (one institution is reopened)");
    if (!a.reason || !*a.reason)
        return pxr_cli_usage("reopen", "--reason TEXT is required: the hospital reads it");
    if ((rc = open_checked(cli, &a, &st, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    if ((rc = pxr_store_begin(&st, &err)) != PXR_OK)
        goto done;
    approved =
        query_exists(&st,
                     "SELECT 1 FROM approval a WHERE a.plugin = ?1 AND a.unit = ?2 AND "
                     "a.period = ?3 AND a.action = 'approve' AND a.id = (SELECT max(id) "
                     "FROM approval b WHERE b.plugin = ?1 AND b.unit = ?2 AND b.period = ?3)",
                     a.plugin, a.institution, a.pid, &err);
    if (approved < 0) {
        rc = PXR_EINTERNAL;
        goto done;
    }
    if (approved == 0) {
        rc = pxr_fail(&err, PXR_EDATA, "%s %s %s is not approved: there is nothing to reopen",
                      a.institution, a.plugin, a.pid);
        goto done;
    }
    utc_now(now, sizeof now);
    if (!(ins = pxr_store_prepare(&st, log_sql, &err))) {
        rc = PXR_EINTERNAL;
        goto done;
    }
    sqlite3_bind_text(ins, 1, a.plugin, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, a.institution, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, a.pid, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 4, "reopen", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 5, a.by, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 6, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 7, a.institution, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 8, a.reason, -1, SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE)
        rc = pxr_fail(&err, PXR_EINTERNAL, "%s: recording the reopening: %s", st.path,
                      sqlite3_errmsg(st.db));
    if (rc == PXR_OK)
        rc = pxr_store_commit(&st, &err);
done:
    sqlite3_finalize(ins);
    if (rc != PXR_OK)
        pxr_store_rollback(&st);
    pxr_store_close(&st);
    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    printf(pxr_msg("%s %s %s: reopened (退回) at %s: %s\n"), a.institution, a.plugin, a.pid,
           pxr_msg_time(now, when, sizeof when), a.reason);
    return PXR_OK;
}
