/* pxr init and pxr import: the commands that write the database. */
#include "cli.h"
#include "import.h"
#include "plugins.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pxr_cli_open_host(pxr_cli *cli, pxr_host *h, pxr_error *err)
{
    int rc = pxr_host_open(h, &cli->paths, cli->db, err);
    if (rc == PXR_OK && (rc = pxr_plugins_load(h, cli->plugins_dir, err)) != PXR_OK)
        pxr_host_close(h);
    return rc;
}

/* Opens (creating if asked) the store and writes every plugin's catalog into it. */
static int open_synced(pxr_cli *cli, pxr_store *st, int flags, pxr_error *err)
{
    pxr_host h;
    int rc = pxr_cli_open_host(cli, &h, err);
    if (rc != PXR_OK)
        return rc;
    if ((rc = pxr_store_open(st, cli->db, flags, err)) == PXR_OK &&
        (rc = pxr_plugins_sync(&h, st, err)) != PXR_OK)
        pxr_store_close(st);
    pxr_host_close(&h);
    return rc;
}

int pxr_cmd_init(pxr_cli *cli, int argc, char **argv)
{
    pxr_store st;
    pxr_error err;
    int rc;
    long added;

    (void)argv;
    if (argc > 0)
        return pxr_cli_usage("init", "unexpected argument '%s'", argv[0]);
    if ((rc = open_synced(cli, &st, PXR_STORE_CREATE, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    if ((rc = pxr_store_seed_regions(&st, &added, &err)) != PXR_OK) {
        pxr_store_close(&st);
        return pxr_cli_report_error(&err);
    }
    printf(pxr_msg("%s: schema version %d, catalogs of the plugins in %s loaded, %ld built-in "
                   "regions added\n"),
           cli->db, pxr_schema_version, cli->plugins_dir, added);
    pxr_store_close(&st);
    return PXR_OK;
}

int pxr_cmd_import(pxr_cli *cli, int argc, char **argv)
{
    pxr_import_options opt = {0};
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, bad = 0, rc;
    pxr_store st;
    pxr_error err;

    if (!files)
        return PXR_EINTERNAL;
    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--kind", &opt.kind, &bad) ||
            pxr_cli_option(argc, argv, &i, "--received", &opt.received, &bad) ||
            pxr_cli_option(argc, argv, &i, "--reason", &opt.reason, &bad)) {
            if (bad)
                break;
        } else if (!strcmp(argv[i], "--dry-run")) {
            opt.dry_run = 1;
        } else if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
            opt.quiet = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(files);
            return pxr_cli_usage("import", "unknown option '%s'", argv[i]);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (bad || nfiles == 0) {
        free(files);
        return bad ? PXR_EUSAGE : pxr_cli_usage("import", "no file given");
    }
    if (opt.received && !pxr_cli_is_date(opt.received)) {
        free(files);
        return pxr_cli_usage("import", "--received '%s' is not a date (YYYY-MM-DD)", opt.received);
    }
    rc = open_synced(cli, &st, 0, &err);
    if (rc == PXR_OK) {
        rc = pxr_import_files(&st, files, nfiles, &opt, &err);
        pxr_store_close(&st);
    }
    free(files);
    return rc == PXR_OK ? PXR_OK : pxr_cli_report_error(&err);
}
