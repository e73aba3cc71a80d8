/* pxr history: every version of an institution's values, old -> new, with the imports. */
#include "cli.h"
#include "period.h"

#include <stdio.h>
#include <string.h>

static const char history_sql[] =
    "SELECT h.period, h.indicator, h.old_value, h.old_numerator, h.old_denominator, h.old_text, "
    "o.file, o.sha256, o.time, h.new_value, h.new_numerator, h.new_denominator, h.new_text, "
    "n.file, n.sha256, n.time, coalesce(h.reason, '') FROM value_history h "
    "JOIN import o ON o.id = h.old_import JOIN import n ON n.id = h.new_import "
    "WHERE h.unit = ?1 AND (?2 IS NULL OR h.indicator = ?2) AND (?3 IS NULL OR h.period = ?3) "
    "ORDER BY h.period, h.indicator, h.id";

/* value (numerator/denominator), or the text of a yes/no, or "-" for missing. */
static void version_text(sqlite3_stmt *q, int col, char *out, size_t outlen)
{
    int n = 0;
    if (sqlite3_column_type(q, col + 3) != SQLITE_NULL)
        n = snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(q, col + 3));
    else if (sqlite3_column_type(q, col) != SQLITE_NULL)
        n = snprintf(out, outlen, "%.15g", sqlite3_column_double(q, col));
    else
        n = snprintf(out, outlen, "-");
    if (n >= 0 && (size_t)n < outlen && sqlite3_column_type(q, col + 1) != SQLITE_NULL)
        snprintf(out + n, outlen - (size_t)n, " (%.15g/%.15g)", sqlite3_column_double(q, col + 1),
                 sqlite3_column_double(q, col + 2));
}

int pxr_cmd_history(pxr_cli *cli, int argc, char **argv)
{
    const char *inst = NULL, *indicator = NULL, *period = NULL;
    char pid[16] = "", before[128], after[128], t_old[64], t_new[64];
    pxr_period p;
    pxr_store st;
    pxr_error err;
    sqlite3_stmt *q;
    int bad = 0, rc, rows = 0, step;

    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--institution", &inst, &bad) ||
            pxr_cli_option(argc, argv, &i, "--indicator", &indicator, &bad) ||
            pxr_cli_option(argc, argv, &i, "--period", &period, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else {
            return pxr_cli_usage("history", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!inst)
        return pxr_cli_usage("history", "--institution is required");
    if (period) {
        if (pxr_period_parse(period, &p) != 0)
            return pxr_cli_usage("history", "--period '%s' is not a period", period);
        pxr_period_id(&p, pid, sizeof pid);
    }
    if ((rc = pxr_store_open(&st, cli->db, 0, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    if (!(q = pxr_store_prepare(&st, history_sql, &err))) {
        pxr_store_close(&st);
        return pxr_cli_report_error(&err);
    }
    sqlite3_bind_text(q, 1, inst, -1, SQLITE_STATIC);
    pxr_bind_text_or_null(q, 2, indicator);
    pxr_bind_text_or_null(q, 3, pid);
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        if (rows++ == 0)
            printf("%s\n", pxr_msg("period\tindicator\told -> new\told import (file, sha256, "
                                   "time) -> new import\treason"));
        version_text(q, 2, before, sizeof before);
        version_text(q, 9, after, sizeof after);
        printf("%s\t%s\t%s -> %s\t%s %.12s %s -> %s %.12s %s\t%s\n", sqlite3_column_text(q, 0),
               sqlite3_column_text(q, 1), before, after, sqlite3_column_text(q, 6),
               sqlite3_column_text(q, 7),
               pxr_msg_time((const char *)sqlite3_column_text(q, 8), t_old, sizeof t_old),
               sqlite3_column_text(q, 13), sqlite3_column_text(q, 14),
               pxr_msg_time((const char *)sqlite3_column_text(q, 15), t_new, sizeof t_new),
               sqlite3_column_text(q, 16));
    }
    rc = step == SQLITE_DONE
             ? PXR_OK
             : pxr_fail(&err, PXR_EINTERNAL, "%s: %s", st.path, sqlite3_errmsg(st.db));
    sqlite3_finalize(q);
    pxr_store_close(&st);
    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    if (rows == 0)
        printf(pxr_msg("%s: no value has been replaced%s%s%s%s\n"), inst,
               indicator ? ", indicator " : "", indicator ? indicator : "",
               pid[0] ? ", period " : "", pid);
    return PXR_OK;
}
