/* pxr report and pxr batch: build a plugin's report in Lua, write its PDF and XML. */
#include "atomic.h"
#include "batch.h"
#include "cli.h"
#include "pdf.h"
#include "period.h"
#include "plugins.h"
#include "xml_write.h"

#include <errno.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct report_job {
    const char *plugin, *report, *period; /* period: canonical id */
    int draft;                            /* --draft, or the period has not ended yet */
    const char *scope;                    /* "institution" or "region" */
    const char *unit;                     /* with scope region: a region or a unit_group */
    int group_only;                       /* --unit: the code must be a unit_group */
    const char *pdf, *xml;
} report_job;

/*
** Checks that the unit exists, so a typo gets a clear message rather than an
** empty report.  A region-scope report also takes a reporting unit that is a
** group of institutions (unit_group), when it says so (groups = true); *group
** tells which one the code is.
*/
static int check_unit(pxr_host *h, const report_job *job, int *group, pxr_error *err)
{
    pxr_store *st;
    sqlite3_stmt *stmt;
    int rc, found;
    const char *sql = strcmp(job->scope, "region") != 0
                          ? "SELECT 0 FROM institution WHERE code = ?1"
                      : job->group_only ? "SELECT 1 FROM unit_group WHERE code = ?1"
                                        : "SELECT 0 FROM region WHERE code = ?1 UNION ALL "
                                          "SELECT 1 FROM unit_group WHERE code = ?1";

    if ((rc = pxr_host_store(h, &st, err)) != PXR_OK)
        return rc;
    if (!(stmt = pxr_store_prepare(st, sql, err)))
        return PXR_EINTERNAL;
    sqlite3_bind_text(stmt, 1, job->unit, -1, SQLITE_TRANSIENT);
    found = sqlite3_step(stmt) == SQLITE_ROW;
    *group = found && sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    if (!found)
        return pxr_fail(
            err, PXR_EDATA, "%s: no %s with code '%s' in the database", st->path,
            pxr_msg(job->group_only ? "reporting unit (group of institutions)" : job->scope),
            job->unit);
    return PXR_OK;
}

/* The report in the plugin's C data, or NULL having failed naming the reports there are. */
static const pxr_plugin_report *find_report(pxr_host *h, const report_job *job, pxr_error *err)
{
    const pxr_plugin *p = pxr_plugins_get(h, job->plugin);
    const pxr_plugin_report *r = p ? pxr_plugin_report_find(p, job->report) : NULL;
    char names[512] = "";

    if (!r && p)
        pxr_plugin_report_names(p, names, sizeof names);
    if (!r)
        pxr_fail(err, PXR_EUSAGE, "plugin %s has no report '%s' (its reports: %s)", job->plugin,
                 job->report, *names ? names : "none");
    return r;
}

static int render_job(pxr_host *h, const report_job *job, pxr_error *err)
{
    lua_State *L = h->L;
    int top = lua_gettop(L), rc;
    const pxr_plugin_report *rep;
    const char *scope, *schema;
    char xsd[1400];
    pxr_atomic xml;
    int group;

    if ((rc = pxr_plugins_find(h, job->plugin, err)) != PXR_OK)
        return rc;
    if (!(rep = find_report(h, job, err))) {
        rc = PXR_EUSAGE;
        goto done;
    }
    scope = rep->scope;
    if (scope && strcmp(scope, job->scope) != 0) {
        rc = pxr_fail(err, PXR_EUSAGE, "report %s %s is per %s: give --%s CODE", job->plugin,
                      job->report, scope, scope);
        goto done;
    }
    schema = rep->schema;
    if (job->xml && !schema) {
        rc = pxr_fail(err, PXR_EINTERNAL, "report %s %s declares no schema for its XML",
                      job->plugin, job->report);
        goto done;
    }
    if ((rc = check_unit(h, job, &group, err)) != PXR_OK)
        goto done;
    if (group && !rep->groups) {
        rc = pxr_fail(err, PXR_EUSAGE,
                      "report %s %s is per region: '%s' is a reporting unit that is a group of "
                      "institutions, not a region",
                      job->plugin, job->report, job->unit);
        goto done;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, rep->build_ref); /* a function: the plugin read checked it */
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, top + 1);
    lua_setfield(L, -2, "plugin");
    lua_pushstring(L, job->report);
    lua_setfield(L, -2, "report");
    lua_pushstring(L, job->period);
    lua_setfield(L, -2, "period");
    lua_pushstring(L, job->unit);
    lua_setfield(L, -2, job->scope);
    if ((rc = pxr_host_call(h, 1, 2, err)) != PXR_OK)
        goto done;
    if (!lua_istable(L, -2) || (job->xml && !lua_istable(L, -1))) {
        rc = pxr_fail(err, PXR_EDATA, "report %s %s: build must return a document and a result",
                      job->plugin, job->report);
        goto done;
    }
    /* figures of a period still running cannot be final: say so on every page */
    /* raw: no metamethod of the document runs outside the protected call */
    if (job->draft && (lua_pushliteral(L, "watermark"), lua_rawget(L, -3)) == LUA_TNIL) {
        lua_pushliteral(L, "watermark");
        lua_pushliteral(L, "草稿");
        lua_rawset(L, -5);
    }
    lua_pop(L, job->draft ? 1 : 0);
    /* the XML is validated first: a report whose figures do not fit its schema writes nothing */
    /* and put in place only with the PDF: a failed PDF leaves an earlier XML as it was */
    if (job->xml) {
        pxr_path_join(xsd, sizeof xsd, h->paths->schema, schema);
        if ((rc = pxr_atomic_open(&xml, job->xml, err)) != PXR_OK)
            goto done;
        if ((rc = pxr_xml_write_into(L, lua_gettop(L), &xml, xsd, err)) != PXR_OK) {
            pxr_atomic_abort(&xml);
            goto done;
        }
    }
    rc = pxr_pdf_render(L, lua_gettop(L) - 1, job->pdf, h->paths, err);
    if (job->xml && rc == PXR_OK)
        rc = pxr_atomic_commit(&xml, err);
    else if (job->xml)
        pxr_atomic_abort(&xml);
done:
    lua_settop(L, top);
    return rc;
}

/*
** render_job inside one read transaction, for pxr report and each unit of pxr batch:
** the report's queries see one snapshot of the database (an import running meanwhile
** shows in none or all of them), and SQLite takes its WAL read lock once rather than
** for each query (three system calls each).  A transaction already open (or refused) is left as is.
*/
static int render_in_snapshot(pxr_host *h, const report_job *job, pxr_error *err)
{
    pxr_store *st;
    int rc = pxr_host_store(h, &st, err), began;

    if (rc != PXR_OK)
        return rc;
    began = sqlite3_get_autocommit(st->db) && sqlite3_exec(st->db, "BEGIN", 0, 0, 0) == SQLITE_OK;
    rc = render_job(h, job, err);
    if (began && !sqlite3_get_autocommit(st->db) &&
        sqlite3_exec(st->db, "COMMIT", 0, 0, 0) != SQLITE_OK)
        sqlite3_exec(st->db, "ROLLBACK", 0, 0, 0);
    return rc;
}

typedef struct report_args {
    report_job job;
    const char *out, *each;
    const char *level; /* batch --level: only regions of this level */
    int jobs, force;
    pxr_period period;
    char period_id[16];
} report_args;

static int parse_args(const char *cmd, int argc, char **argv, report_args *a)
{
    const char *period = NULL, *jobs = NULL, *inst = NULL, *region = NULL, *unit = NULL;
    int bad = 0, positional = 0;
    char first[11], last[11], today[11];
    time_t now = time(NULL);
    struct tm tm;

    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc && !bad; i++) {
        if (pxr_cli_option(argc, argv, &i, "--period", &period, &bad) ||
            pxr_cli_option(argc, argv, &i, "--institution", &inst, &bad) ||
            pxr_cli_option(argc, argv, &i, "--region", &region, &bad) ||
            pxr_cli_option(argc, argv, &i, "--unit", &unit, &bad) ||
            pxr_cli_option(argc, argv, &i, "--xml", &a->job.xml, &bad) ||
            pxr_cli_option(argc, argv, &i, "--each", &a->each, &bad) ||
            pxr_cli_option(argc, argv, &i, "--level", &a->level, &bad) ||
            pxr_cli_option(argc, argv, &i, "-o", &a->out, &bad) ||
            pxr_cli_option(argc, argv, &i, "-j", &jobs, &bad))
            continue;
        if (strcmp(argv[i], "--draft") == 0) {
            a->job.draft = 1;
            continue;
        }
        if (strcmp(argv[i], "--force") == 0) {
            a->force = 1;
            continue;
        }
        if (argv[i][0] == '-')
            return pxr_cli_usage(cmd, "unknown option '%s'", argv[i]);
        if (positional == 0)
            a->job.plugin = argv[i];
        else if (positional == 1)
            a->job.report = argv[i];
        else
            return pxr_cli_usage(cmd, "unexpected argument '%s'", argv[i]);
        positional++;
    }
    if (bad)
        return PXR_EUSAGE;
    if (positional < 2)
        return pxr_cli_usage(cmd, "give a plugin id and a report name");
    if (!period)
        return pxr_cli_usage(cmd, "--period is required (e.g. --period 2024S1)");
    if (pxr_period_parse(period, &a->period) != 0)
        return pxr_cli_usage(cmd, "--period '%s' is not a period (2024S1, 2024, 2024年上半年)",
                             period);
    pxr_period_id(&a->period, a->period_id, sizeof a->period_id);
    a->job.period = a->period_id;
    pxr_period_bounds(&a->period, first, last);
    localtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    if (strcmp(today, last) <= 0)
        a->job.draft = 1;
    if (!a->out)
        return pxr_cli_usage(cmd, "-o is required");
    if ((inst != NULL) + (region != NULL) + (unit != NULL) > 1)
        return pxr_cli_usage(cmd, "give one of --institution, --region and --unit");
    a->job.scope = region || unit ? "region" : "institution";
    a->job.unit = region ? region : unit ? unit : inst;
    a->job.group_only = unit != NULL;
    a->jobs = jobs ? atoi(jobs) : 1;
    if (a->jobs < 1 || a->jobs > 64)
        return pxr_cli_usage(cmd, "-j takes a number of processes from 1 to 64");
    return PXR_OK;
}

int pxr_cmd_report(pxr_cli *cli, int argc, char **argv)
{
    report_args a;
    pxr_host h;
    pxr_error err;
    int rc = parse_args("report", argc, argv, &a);

    if (rc != PXR_OK)
        return rc;
    if (a.each || a.level || a.force)
        return pxr_cli_usage("report", "--%s belongs to 'pxr batch'",
                             a.each    ? "each"
                             : a.level ? "level"
                                       : "force");
    if (!a.job.unit)
        return pxr_cli_usage("report", "give --institution CODE, --region CODE or --unit CODE");
    a.job.pdf = a.out;
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    rc = render_in_snapshot(&h, &a.job, &err);
    pxr_host_close(&h);
    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    printf("%s%s%s\n", a.job.pdf, a.job.xml ? ", " : "", a.job.xml ? a.job.xml : "");
    return PXR_OK;
}

static int push_unit_list(char ***units, int *n, int *cap, const char *code)
{
    if (*n == *cap) {
        char **grown = realloc(*units, (size_t)(*cap = *cap ? *cap * 2 : 64) * sizeof *grown);
        if (!grown)
            return -1;
        *units = grown;
    }
    if (!((*units)[*n] = strdup(code)))
        return -1;
    ++*n;
    return 0;
}

/* The units a report declares through units(ctx), a list of codes. */
static int declared_units(pxr_host *h, const report_args *a, char ***units, int *n, pxr_error *err)
{
    lua_State *L = h->L;
    int top = lua_gettop(L), rc, cap = 0;
    const pxr_plugin_report *rep;

    if ((rc = pxr_plugins_find(h, a->job.plugin, err)) != PXR_OK)
        return rc;
    if (!(rep = find_report(h, &a->job, err))) {
        rc = PXR_EUSAGE;
        goto done;
    }
    if (rep->units_ref == LUA_NOREF) {
        rc = PXR_OK; /* none declared: the caller lists them all */
        *n = -1;
        goto done;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, rep->units_ref);
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, top + 1);
    lua_setfield(L, -2, "plugin");
    lua_pushstring(L, a->job.report);
    lua_setfield(L, -2, "report");
    lua_pushstring(L, a->job.period);
    lua_setfield(L, -2, "period");
    if ((rc = pxr_host_call(h, 1, 1, err)) != PXR_OK)
        goto done;
    if (!lua_istable(L, -1)) {
        rc = pxr_fail(err, PXR_EDATA, "report %s %s: units() must return a list of codes",
                      a->job.plugin, a->job.report);
        goto done;
    }
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
        if (!lua_isstring(L, -1)) {
            rc = pxr_fail(err, PXR_EDATA, "report %s %s: units()[%lld] is not a code",
                          a->job.plugin, a->job.report, (long long)i);
            goto done;
        }
        if (push_unit_list(units, n, &cap, lua_tostring(L, -1)) != 0) {
            rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
            goto done;
        }
        lua_pop(L, 1);
    }
done:
    lua_settop(L, top);
    return rc;
}

/* Keeps the units of level a->level (county includes the district level of older lists). */
static int keep_level(pxr_store *st, const report_args *a, char **units, int *n, pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(
        st,
        "SELECT 1 FROM region WHERE code = ?1 AND (level = ?2 OR (?2 = 'county' AND level = "
        "'district'))",
        err);
    int kept = 0;

    if (!stmt)
        return PXR_EINTERNAL;
    for (int i = 0; i < *n; i++) {
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, units[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, a->level, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            units[kept++] = units[i];
        else
            free(units[i]);
    }
    sqlite3_finalize(stmt);
    *n = kept;
    return PXR_OK;
}

/*
** The units a batch covers: the report's own list, else every institution, or
** every region with institutions in or below it but for the statistical middle
** levels (310100 市辖区: its reports are its parent's); then --level.
*/
static int list_units(pxr_host *h, const report_args *a, char ***units, int *n, pxr_error *err)
{
    static const char *const by_institution = "SELECT code FROM institution ORDER BY code";
    static const char *const by_region =
        "WITH RECURSIVE up(code) AS (SELECT region FROM institution UNION "
        "SELECT r.parent FROM region r JOIN up ON r.code = up.code WHERE r.parent IS NOT NULL) "
        "SELECT up.code FROM up JOIN region r ON r.code = up.code WHERE NOT (r.level = "
        "'prefecture' AND r.name IN ('市辖区', '县', '省直辖县级行政区划', "
        "'自治区直辖县级行政区划')) ORDER BY up.code";
    pxr_store *st;
    sqlite3_stmt *stmt;
    int rc, cap = 0;

    *units = NULL;
    *n = 0;
    if ((rc = declared_units(h, a, units, n, err)) != PXR_OK)
        return rc;
    if ((rc = pxr_host_store(h, &st, err)) != PXR_OK)
        return rc;
    if (*n < 0) {
        *n = 0;
        if (!(stmt = pxr_store_prepare(st, strcmp(a->each, "region") ? by_institution : by_region,
                                       err)))
            return PXR_EINTERNAL;
        while (rc == PXR_OK && sqlite3_step(stmt) == SQLITE_ROW)
            if (push_unit_list(units, n, &cap, (const char *)sqlite3_column_text(stmt, 0)) != 0)
                rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
        sqlite3_finalize(stmt);
    }
    if (rc == PXR_OK && a->level)
        rc = keep_level(st, a, *units, n, err);
    return rc;
}

/* Where a worker's outcomes go: the tally itself (one process) or a pipe to the parent. */
typedef struct batch_sink {
    pxr_batch_tally *tally; /* NULL in a worker of -j N */
    int fd;
    long long newest; /* when the inputs last changed; 0 with --force */
} batch_sink;

static void sink_add(batch_sink *s, int outcome)
{
    char c = (char)outcome;
    if (s->tally) {
        pxr_batch_tally_add(s->tally, outcome);
    } else {
        ssize_t sent = write(s->fd, &c, 1); /* fails only when the parent is gone */
        (void)sent;
    }
}

/*
** Renders units worker, worker + workers, ...; returns the worst exit code.
** One unit failing does not stop the others; outputs newer than the inputs
** are kept as they are unless --force.
*/
static int batch_worker(pxr_cli *cli, report_args *a, char **units, int n, int worker, int workers,
                        batch_sink *sink)
{
    pxr_host h;
    pxr_error err;
    char pdf[2048], xml[2048];
    int rc = pxr_cli_open_host(cli, &h, &err), worst = PXR_OK;

    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    for (int i = worker; i < n; i += workers) {
        report_job job = a->job;
        snprintf(pdf, sizeof pdf, "%s/%s-%s-%s-%s.pdf", a->out, job.plugin, job.report, units[i],
                 job.period);
        snprintf(xml, sizeof xml, "%s/%s-%s-%s-%s.xml", a->out, job.plugin, job.report, units[i],
                 job.period);
        job.unit = units[i];
        job.pdf = pdf;
        job.xml = xml;
        if (!a->force && pxr_batch_is_current(pdf, xml, sink->newest)) {
            sink_add(sink, PXR_BATCH_SKIPPED);
            continue;
        }
        if ((rc = render_in_snapshot(&h, &job, &err)) != PXR_OK) {
            if (sink->tally)
                pxr_batch_tally_clear(sink->tally);
            fprintf(stderr, "pxr: %s: %s\n", units[i], err.text);
            sink_add(sink, PXR_BATCH_FAILED);
            if (rc > worst)
                worst = rc;
            if (rc == PXR_EUSAGE)
                break;
        } else {
            sink_add(sink, PXR_BATCH_WRITTEN);
        }
    }
    pxr_host_close(&h);
    return worst;
}

int pxr_cmd_batch(pxr_cli *cli, int argc, char **argv)
{
    report_args a;
    pxr_host h;
    pxr_error err;
    char **units = NULL, what[200];
    int n = 0, rc = parse_args("batch", argc, argv, &a), worst = PXR_OK, fds[2];
    long long newest = 0;
    pxr_batch_tally tally;

    if (rc != PXR_OK)
        return rc;
    if (a.job.unit)
        return pxr_cli_usage("batch", "batch renders every unit: use --each, not --%s",
                             a.job.group_only ? "unit" : a.job.scope);
    if (!a.each || (strcmp(a.each, "institution") && strcmp(a.each, "region")))
        return pxr_cli_usage("batch", "--each institution or --each region is required");
    a.job.scope = a.each;
    if (a.level && strcmp(a.each, "region"))
        return pxr_cli_usage("batch", "--level goes with --each region");
    if (a.level && strcmp(a.level, "province") && strcmp(a.level, "prefecture") &&
        strcmp(a.level, "county"))
        return pxr_cli_usage("batch", "--level '%s': expected province, prefecture or county",
                             a.level);
    if ((rc = pxr_batch_check_dir(a.out, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    if ((rc = pxr_cli_open_host(cli, &h, &err)) == PXR_OK) {
        rc = list_units(&h, &a, &units, &n, &err);
        if (rc == PXR_OK && !a.force) {
            char plugin_dir[1400];
            pxr_store *st;
            pxr_path_join(plugin_dir, sizeof plugin_dir, cli->plugins_dir, a.job.plugin);
            if ((rc = pxr_host_store(&h, &st, &err)) == PXR_OK)
                rc = pxr_batch_inputs_time(st, plugin_dir, cli->paths.lua, &newest, &err);
        }
        pxr_host_close(&h);
    }
    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    if (n == 0) {
        if (a.level)
            fprintf(stderr, pxr_msg("pxr: no %s-level region in %s to report on\n"), a.level,
                    cli->db);
        else
            fprintf(stderr, pxr_msg("pxr: no %s in %s to report on\n"), a.each, cli->db);
        return PXR_EDATA;
    }
    if (a.jobs > n)
        a.jobs = n;
    fflush(NULL);
    pxr_batch_tally_start(&tally, n);
    if (a.jobs == 1) {
        batch_sink sink = {&tally, -1, newest};
        worst = batch_worker(cli, &a, units, n, 0, 1, &sink);
    } else if (pipe(fds) != 0) {
        fprintf(stderr, pxr_msg("pxr: cannot start the workers: %s\n"), strerror(errno));
        worst = PXR_EINTERNAL;
    } else {
        for (int w = 0; w < a.jobs; w++) {
            pid_t pid = fork();
            if (pid == 0) {
                batch_sink sink = {NULL, fds[1], newest};
                close(fds[0]);
                _exit(batch_worker(cli, &a, units, n, w, a.jobs, &sink));
            }
            if (pid < 0) {
                fprintf(stderr, pxr_msg("pxr: cannot start worker %d: %s\n"), w, strerror(errno));
                worst = PXR_EINTERNAL;
            } else {
                pxr_atomic_forward_signals_to(pid); /* a SIGTERM stops the workers too */
            }
        }
        close(fds[1]);
        /* the workers' outcomes, one byte each, until the last worker closes the pipe */
        for (;;) {
            char c;
            ssize_t got = read(fds[0], &c, 1);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break;
            pxr_batch_tally_add(&tally, c);
        }
        close(fds[0]);
        int status;
        while (wait(&status) > 0) {
            int code = WIFEXITED(status) ? WEXITSTATUS(status) : PXR_EINTERNAL;
            if (code > worst)
                worst = code;
        }
    }
    for (int i = 0; i < n; i++)
        free(units[i]);
    free(units);
    snprintf(what, sizeof what, "%s %s %s", a.job.plugin, a.job.report, a.job.period);
    pxr_batch_tally_end(&tally, what, a.out);
    /* some failed: the worst of their codes, at least 1 */
    if (worst == PXR_OK && tally.failed)
        worst = PXR_EDATA;
    return worst;
}
