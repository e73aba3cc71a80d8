/* pxr template: a fill-in form (XLSX or CSV) for a plugin's indicators and a period. */
#include "cli.h"
#include "period.h"
#include "plugins.h"
#include "template.h"

#include <lauxlib.h>

#include <stdio.h>
#include <string.h>

/* The answer of lua/pxr/validate.lua not_asked for one unit, kept while the form walks it. */
typedef struct asked_ctx {
    pxr_host *h;
    const char *plugin;
    char period[16];
    char unit[80];
    int table; /* registry reference, LUA_NOREF before the first unit */
} asked_ctx;

static int not_asked(void *p, const char *unit, const char *indicator, char *why, size_t whylen,
                     pxr_error *err)
{
    asked_ctx *c = p;
    lua_State *L = c->h->L;
    int found;

    if (c->table == LUA_NOREF || strcmp(c->unit, unit) != 0) {
        luaL_unref(L, LUA_REGISTRYINDEX, c->table);
        c->table = LUA_NOREF;
        if (pxr_host_require(c->h, "pxr.validate", err) != PXR_OK)
            return -1;
        lua_getfield(L, -1, "not_asked");
        lua_pushstring(L, c->plugin);
        lua_pushstring(L, c->period);
        lua_pushstring(L, unit);
        if (pxr_host_call(c->h, 3, 1, err) != PXR_OK)
            return -1;
        c->table = luaL_ref(L, LUA_REGISTRYINDEX);
        lua_pop(L, 1); /* the module */
        snprintf(c->unit, sizeof c->unit, "%s", unit);
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, c->table);
    lua_getfield(L, -1, indicator);
    found = lua_type(L, -1) == LUA_TSTRING;
    if (found)
        snprintf(why, whylen, "%s", lua_tostring(L, -1));
    lua_pop(L, 2);
    return found;
}

int pxr_cmd_template(pxr_cli *cli, int argc, char **argv)
{
    pxr_template_options opt = {0};
    asked_ctx asked = {.table = LUA_NOREF};
    pxr_period period;
    pxr_store st;
    pxr_host h;
    pxr_error err;
    int bad = 0, rc;

    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--period", &opt.period, &bad) ||
            pxr_cli_option(argc, argv, &i, "--institution", &opt.institution, &bad) ||
            pxr_cli_option(argc, argv, &i, "--region", &opt.region, &bad) ||
            pxr_cli_option(argc, argv, &i, "-o", &opt.output, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return pxr_cli_usage("template", "unknown option '%s'", argv[i]);
        } else if (!opt.plugin) {
            opt.plugin = argv[i];
        } else {
            return pxr_cli_usage("template", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!opt.plugin)
        return pxr_cli_usage("template", "no plugin given");
    if (!opt.period)
        return pxr_cli_usage("template", "--period is required");
    if (!opt.output)
        return pxr_cli_usage("template", "-o FILE.xlsx or -o FILE.csv is required");
    if (opt.institution && opt.region)
        return pxr_cli_usage("template", "--region selects the rows of the all-institutions form; "
                                         "it does not go with --institution");
    /* the catalog is synced first, as import does, so the form matches the plugin files */
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    /* the header's 文号 and 依据 come from the plugin's table (the store keeps only basis) */
    const pxr_plugin *plugin = pxr_plugins_get(&h, opt.plugin);
    if (!plugin) {
        rc = pxr_plugins_find(&h, opt.plugin, &err); /* the message naming the known ids */
    } else {
        opt.number = plugin->number;
        opt.basis = plugin->basis;
    }
    /* what the plugin does not ask of an institution: the rule of pxr validate */
    if (rc == PXR_OK && pxr_period_parse(opt.period, &period) == 0) {
        asked.h = &h, asked.plugin = opt.plugin;
        pxr_period_id(&period, asked.period, sizeof asked.period);
        opt.not_asked = not_asked, opt.not_asked_ctx = &asked;
    }
    if (rc == PXR_OK && (rc = pxr_store_open(&st, cli->db, 0, &err)) == PXR_OK) {
        if ((rc = pxr_plugins_sync(&h, &st, &err)) == PXR_OK)
            rc = pxr_template_write(&st, &opt, &err);
        pxr_store_close(&st);
    }
    pxr_host_close(&h);
    if (rc != PXR_OK)
        return pxr_cli_report_error(&err);
    printf(pxr_msg("%s: template of %s for %s\n"), opt.output, opt.plugin,
           opt.institution ? opt.institution : pxr_msg("every institution"));
    return PXR_OK;
}
