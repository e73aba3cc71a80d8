/*
** pxr status: who has reported for a period, on time or late, and how completely
** (pxr.status), in a region or among the members of a reporting unit that is a
** group of institutions (--unit G, or --region G).
*/
#include "atomic.h"
#include "cli.h"
#include "pdf.h"
#include "period.h"
#include "plugins.h"
#include "xml_write.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int pxr_cmd_status(pxr_cli *cli, int argc, char **argv)
{
    const char *plugin = NULL, *period = NULL, *region = NULL, *due = NULL, *out = NULL,
               *xml = NULL, *unit = NULL;
    char pid[16], xsd[1200];
    pxr_period p;
    pxr_host h;
    pxr_error err;
    pxr_atomic xa;
    int bad = 0, rc;

    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--period", &period, &bad) ||
            pxr_cli_option(argc, argv, &i, "--region", &region, &bad) ||
            pxr_cli_option(argc, argv, &i, "--unit", &unit, &bad) ||
            pxr_cli_option(argc, argv, &i, "--due", &due, &bad) ||
            pxr_cli_option(argc, argv, &i, "-o", &out, &bad) ||
            pxr_cli_option(argc, argv, &i, "--xml", &xml, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else if (argv[i][0] == '-' || plugin) {
            return pxr_cli_usage("status", "unexpected argument '%s'", argv[i]);
        } else {
            plugin = argv[i];
        }
    }
    if (!plugin)
        return pxr_cli_usage("status", "no plugin given");
    if (!period)
        return pxr_cli_usage("status", "--period is required");
    if (region && unit)
        return pxr_cli_usage("status", "give one of --region and --unit");
    if (pxr_period_parse(period, &p) != 0)
        return pxr_cli_usage("status", "--period '%s' is not a period", period);
    pxr_period_id(&p, pid, sizeof pid);
    if (due && !pxr_cli_is_date(due))
        return pxr_cli_usage("status", "--due '%s' is not a date (YYYY-MM-DD)", due);
    if (out && !ends_with(out, ".csv") && !ends_with(out, ".pdf"))
        return pxr_cli_usage("status", "-o takes a .csv or .pdf file name");
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    lua_State *L = h.L;
    if (!pxr_plugins_get(&h, plugin)) {
        rc = pxr_plugins_find(&h, plugin, &err); /* fails naming the known ids */
        goto done;
    }
    if (region || unit) {
        /* 1: a region, 2: a group of institutions; --unit takes a group only */
        pxr_store *st;
        sqlite3_stmt *q;
        int found = 0;
        if ((rc = pxr_host_store(&h, &st, &err)) != PXR_OK)
            goto done;
        if (!(q = pxr_store_prepare(st,
                                    "SELECT 1 FROM region WHERE code = ?1 AND ?2 IS NULL UNION ALL "
                                    "SELECT 2 FROM unit_group WHERE code = ?1",
                                    &err))) {
            rc = PXR_EINTERNAL;
            goto done;
        }
        sqlite3_bind_text(q, 1, region ? region : unit, -1, SQLITE_STATIC);
        pxr_bind_text_or_null(q, 2, unit);
        if (sqlite3_step(q) == SQLITE_ROW)
            found = sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
        if (!found) {
            rc = unit ? pxr_fail(&err, PXR_EDATA,
                                 "--unit %s: unknown reporting unit (a group of institutions: "
                                 "pxr import of a groups file)",
                                 unit)
                      : pxr_fail(&err, PXR_EDATA, "--region %s: unknown region", region);
            goto done;
        }
        if (found == 2)
            unit = region ? region : unit, region = NULL;
    }
    lua_settop(L, 0);
    /* status.run(opts) -> text, csv, document, result */
    if ((rc = pxr_host_require(&h, "pxr.status", &err)) != PXR_OK)
        goto done;
    lua_pushliteral(L, "run");
    lua_rawget(L, -2);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, plugin);
    lua_setfield(L, -2, "plugin");
    lua_pushstring(L, pid);
    lua_setfield(L, -2, "period");
    if (region) {
        lua_pushstring(L, region);
        lua_setfield(L, -2, "region");
    }
    if (unit) {
        lua_pushstring(L, unit);
        lua_setfield(L, -2, "group");
    }
    if (due) {
        lua_pushstring(L, due);
        lua_setfield(L, -2, "due");
    }
    lua_pushboolean(L, pxr_msg_chinese());
    lua_setfield(L, -2, "chinese");
    if ((rc = pxr_host_call(&h, 1, 4, &err)) != PXR_OK)
        goto done;
    /* the XML is validated first: figures that do not fit the schema write nothing */
    /* and put in place only with the other output: a failed one leaves an earlier XML as it was */
    if (xml) {
        pxr_path_join(xsd, sizeof xsd, h.paths->schema, "pxr-status.xsd");
        if ((rc = pxr_atomic_open(&xa, xml, &err)) != PXR_OK)
            goto done;
        if ((rc = pxr_xml_write_into(L, lua_gettop(L), &xa, xsd, &err)) != PXR_OK) {
            pxr_atomic_abort(&xa);
            goto done;
        }
    }
    if (out && ends_with(out, ".csv")) {
        /* with a BOM, as pxr template writes CSV, so that Excel reads the Chinese right */
        lua_pushliteral(L, "\xEF\xBB\xBF");
        lua_pushvalue(L, -4);
        lua_concat(L, 2);
        size_t len;
        const char *csv = lua_tolstring(L, -1, &len);
        rc = pxr_atomic_write(out, csv, len, &err);
        lua_pop(L, 1);
    } else if (out) {
        rc = pxr_pdf_render(L, lua_gettop(L) - 1, out, &cli->paths, &err);
    }
    if (xml && rc == PXR_OK)
        rc = pxr_atomic_commit(&xa, &err);
    else if (xml)
        pxr_atomic_abort(&xa);
    if (rc == PXR_OK)
        fputs(lua_tostring(L, -4) ? lua_tostring(L, -4) : "", stdout);
done:
    pxr_host_close(&h);
    return rc == PXR_OK ? PXR_OK : pxr_cli_report_error(&err);
}
