/* pxr validate: the data checked against the plugins' rules (lua/pxr/validate.lua). */
#include "atomic.h"
#include "cli.h"
#include "pdf.h"
#include "period.h"
#include "plugins.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int pxr_cmd_validate(pxr_cli *cli, int argc, char **argv)
{
    const char *plugin = NULL, *period = NULL, *out = NULL;
    char period_id[16] = "";
    pxr_period p;
    pxr_host h;
    pxr_error err;
    int bad = 0, rc, errors = 0;

    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--plugin", &plugin, &bad) ||
            pxr_cli_option(argc, argv, &i, "--period", &period, &bad) ||
            pxr_cli_option(argc, argv, &i, "-o", &out, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else {
            return pxr_cli_usage("validate", "unexpected argument '%s'", argv[i]);
        }
    }
    if (period) {
        if (pxr_period_parse(period, &p) != 0)
            return pxr_cli_usage("validate", "--period '%s' is not a period", period);
        pxr_period_id(&p, period_id, sizeof period_id);
    }
    if (out && !ends_with(out, ".csv") && !ends_with(out, ".pdf"))
        return pxr_cli_usage("validate", "-o takes a .csv or .pdf file name");
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    lua_State *L = h.L;
    /* the C data answers; pxr_plugins_find only for its message naming the known ids */
    if (plugin && !pxr_plugins_get(&h, plugin)) {
        rc = pxr_plugins_find(&h, plugin, &err);
        goto done;
    }
    lua_settop(L, 0);
    /* validate.run(opts) -> report text, error count, csv text, document */
    if ((rc = pxr_host_require(&h, "pxr.validate", &err)) != PXR_OK)
        goto done;
    lua_pushliteral(L, "run");
    lua_rawget(L, -2);
    lua_createtable(L, 0, 2);
    if (plugin) {
        lua_pushstring(L, plugin);
        lua_setfield(L, -2, "plugin");
    }
    if (period) {
        lua_pushstring(L, period_id);
        lua_setfield(L, -2, "period");
    }
    if ((rc = pxr_host_call(&h, 1, 4, &err)) != PXR_OK)
        goto done;
    pxr_msg_puts(lua_tostring(L, -4) ? lua_tostring(L, -4) : "");
    errors = (int)lua_tointeger(L, -3);
    if (out && ends_with(out, ".csv")) {
        size_t len;
        const char *csv = lua_tolstring(L, -2, &len);
        rc = pxr_atomic_write(out, csv ? csv : "", csv ? len : 0, &err);
    } else if (out) {
        rc = pxr_pdf_render(L, lua_gettop(L), out, &cli->paths, &err);
    }
done:
    pxr_host_close(&h);
    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    return errors > 0 ? PXR_EDATA : PXR_OK;
}
