/* pxr run SCRIPT.lua [--out DIR] [ARGS...]: a user script in the sandbox. */
#include "cli.h"
#include "plugins.h"

#include <lauxlib.h>
#include <stdio.h>
#include <string.h>

int pxr_cmd_run(pxr_cli *cli, int argc, char **argv)
{
    pxr_host h;
    pxr_error err;
    const char *out = NULL;
    int rc;

    if (argc < 1)
        return pxr_cli_usage("run", "give the script to run");
    /* --out DIR right after the script; everything after is the script's */
    if (argc >= 2 && strcmp(argv[1], "--out") == 0) {
        if (argc < 3)
            return pxr_cli_usage("run", "--out needs a directory");
        out = argv[2];
        argv[2] = argv[0];
        argv += 2;
        argc -= 2;
    }
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    if (out && (rc = pxr_host_set_output_dir(&h, out, &err)) != PXR_OK) {
        pxr_host_close(&h);
        return pxr_cli_report_error(&err);
    }
    /* arg[0] is the script, arg[1..] its arguments, as in the lua command */
    lua_createtable(h.L, argc, 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(h.L, argv[i]);
        lua_rawseti(h.L, -2, i);
    }
    lua_setglobal(h.L, "arg");
    if ((rc = pxr_host_load_file(&h, argv[0], &err)) == PXR_OK) {
        for (int i = 1; i < argc; i++)
            lua_pushstring(h.L, argv[i]);
        rc = pxr_host_call(&h, argc - 1, 0, &err);
    }
    fflush(stdout);
    pxr_host_close(&h);
    return rc == PXR_OK ? PXR_OK : pxr_cli_report_error(&err);
}
