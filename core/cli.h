/* The command-line front end: shared options and the commands. */
#ifndef PXR_CLI_H
#define PXR_CLI_H

#include "lua_host.h"
#include "paths.h"

typedef struct pxr_cli {
    const char *db;          /* --db, $PXR_DB or ./pxr.db */
    const char *plugins_dir; /* --plugins or the data directory's plugins/ */
    pxr_paths paths;
} pxr_cli;

/*
** Matches argv[*i] against --name VALUE or --name=VALUE; on a match stores
** the value, advances *i past it and returns 1.  A missing value is a usage
** error reported through *bad.
*/
int pxr_cli_option(int argc, char **argv, int *i, const char *name, const char **value, int *bad);

/* Prints "pxr: message" to stderr and returns code. */
int pxr_cli_report_error(const pxr_error *err);
int pxr_cli_usage(const char *command, const char *fmt, ...) PXR_PRINTF(2, 3);

/* 1 if s is a calendar date written YYYY-MM-DD. */
int pxr_cli_is_date(const char *s);

/* Opens the host with the plugins loaded. */
int pxr_cli_open_host(pxr_cli *cli, pxr_host *h, pxr_error *err);

int pxr_cmd_init(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_import(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_plugins(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_catalog(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_report(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_batch(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_run(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_template(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_export(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_validate(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_status(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_approve(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_reopen(pxr_cli *cli, int argc, char **argv);
int pxr_cmd_history(pxr_cli *cli, int argc, char **argv);

/* The help text of a command, or NULL. */
const char *pxr_cli_help(const char *command);

#endif
