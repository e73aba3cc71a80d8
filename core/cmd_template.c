/* pxr template: a fill-in form (XLSX or CSV) for a plugin's indicators and a period. */
#include "cli.h"
#include "plugins.h"
#include "template.h"

#include <stdio.h>
#include <string.h>

int pxr_cmd_template(pxr_cli *cli, int argc, char **argv)
{
    pxr_template_options opt = {0};
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
    if ((rc = pxr_plugins_find(&h, opt.plugin, &err)) == PXR_OK) {
        lua_getfield(h.L, -1, "number");
        lua_getfield(h.L, -2, "basis");
        opt.number = lua_isstring(h.L, -2) ? lua_tostring(h.L, -2) : NULL;
        opt.basis = lua_isstring(h.L, -1) ? lua_tostring(h.L, -1) : NULL;
        /* the three values stay on the stack, so the strings live until the host closes */
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
