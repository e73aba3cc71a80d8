/* pxr: command dispatch and global options. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(pxr_cli *cli, int argc, char **argv);
} command;

static const command commands[] = {
    {"init", pxr_cmd_init},         {"import", pxr_cmd_import},     {"plugins", pxr_cmd_plugins},
    {"catalog", pxr_cmd_catalog},   {"report", pxr_cmd_report},     {"batch", pxr_cmd_batch},
    {"run", pxr_cmd_run},           {"validate", pxr_cmd_validate}, {"export", pxr_cmd_export},
    {"template", pxr_cmd_template}, {"status", pxr_cmd_status},     {"approve", pxr_cmd_approve},
    {"reopen", pxr_cmd_reopen},     {"history", pxr_cmd_history},
};

static const char overview[] =
    "usage: pxr [--db FILE] [--plugins DIR] COMMAND [ARGS...]\n"
    "\n"
    "Patient-experience indicator reports for China's health-policy documents.\n"
    "\n"
    "commands:\n"
    "  init                         create or upgrade the database\n"
    "  import FILE... [--kind K] [--dry-run] [--received YYYY-MM-DD] [--reason TEXT]\n"
    "                               load regions, institutions, values (CSV, XLSX, XML)\n"
    "  plugins                      list the policy plugins\n"
    "  catalog ID [--format text|csv|xml]\n"
    "                               a plugin's measures, indicators and targets\n"
    "  report ID REPORT --period P (--institution C | --region C) -o OUT.pdf [--xml OUT.xml]\n"
    "  batch ID REPORT --period P --each institution|region [--level L] -o DIR [-j N]\n"
    "        [--force]\n"
    "  validate [--plugin ID] [--period P] [-o FILE.csv|FILE.pdf]\n"
    "                               check the data against the plugins' rules; exit 1 on errors\n"
    "  export --format adx|csv|xml [--plugin ID] [--period P] -o FILE\n"
    "                               write the stored values (they import back identically)\n"
    "  template ID --period P [--institution C] -o FILE.xlsx|FILE.csv\n"
    "                               a fill-in form of a plugin's indicators\n"
    "  status ID --period P [--region C] [--due YYYY-MM-DD] [-o FILE.pdf|FILE.csv] [--xml F]\n"
    "                               who has reported, on time or late, and how completely\n"
    "  approve ID --period P (--institution C | --region C)\n"
    "                               mark reported data 已审核: it can no longer change\n"
    "  reopen ID --period P --institution C --reason TEXT\n"
    "                               return approved data (退回) so it can be corrected\n"
    "  history --institution C [--indicator X] [--period P]\n"
    "                               every version of the values, old -> new\n"
    "  run SCRIPT.lua [--out DIR] [ARGS...]\n"
    "                               run a report script in the sandbox (docs/lua-api.md)\n"
    "  help [COMMAND]               this text, or a command's\n"
    "\n"
    "The database is --db FILE, else $PXR_DB, else ./pxr.db.\n"
    "Exit status: 0 ok, 1 bad data, 2 usage, 3 internal error.  See pxr(1).\n";

int pxr_cli_option(int argc, char **argv, int *i, const char *name, const char **value, int *bad)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return 0;
    if (argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        return 1;
    }
    if (argv[*i][n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        fprintf(stderr, pxr_msg("pxr: %s needs a value\n"), name);
        *bad = 1;
        return 1;
    }
    *value = argv[++*i];
    return 1;
}

int pxr_cli_is_date(const char *s)
{
    int y, m, d;
    char tail;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return 0;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

int pxr_cli_report_error(const pxr_error *err)
{
    fprintf(stderr, "pxr: %s\n", err->text);
    return err->code ? err->code : PXR_EINTERNAL;
}

int pxr_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    const char *help = pxr_cli_help(cmd);
    fprintf(stderr, pxr_msg("pxr %s: "), cmd);
    va_start(ap, fmt);
    vfprintf(stderr, pxr_msg(fmt), ap);
    va_end(ap);
    fprintf(stderr, "\n");
    if (help)
        fprintf(stderr, "%s", help);
    return PXR_EUSAGE;
}

int main(int argc, char **argv)
{
    pxr_cli cli = {0};
    char msg[1400];
    int i = 1, bad = 0;

    cli.db = getenv("PXR_DB");
    if (!cli.db || !*cli.db)
        cli.db = "pxr.db";
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (pxr_cli_option(argc, argv, &i, "--db", &cli.db, &bad) ||
            pxr_cli_option(argc, argv, &i, "--plugins", &cli.plugins_dir, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else if (!strcmp(argv[i], "--version") || !strcmp(argv[i], "-V")) {
            printf("pxr %s\n", PXR_VERSION);
            return PXR_OK;
        } else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(pxr_msg(overview), stdout);
            return PXR_OK;
        } else {
            fprintf(stderr, pxr_msg("pxr: unknown option '%s'\n"), argv[i]);
            fputs(pxr_msg(overview), stderr);
            return PXR_EUSAGE;
        }
    }
    if (i >= argc) {
        fputs(pxr_msg(overview), stderr);
        return PXR_EUSAGE;
    }
    if (!strcmp(argv[i], "help")) {
        const char *help = i + 1 < argc ? pxr_cli_help(argv[i + 1]) : NULL;
        if (i + 1 < argc && !help) {
            fprintf(stderr, pxr_msg("pxr: no command '%s'\n"), argv[i + 1]);
            fputs(pxr_msg(overview), stderr);
            return PXR_EUSAGE;
        }
        fputs(help ? help : pxr_msg(overview), stdout);
        return PXR_OK;
    }
    if (pxr_paths_find(&cli.paths, msg, sizeof msg) != 0) {
        fprintf(stderr, "pxr: %s\n", msg);
        return PXR_EINTERNAL;
    }
    if (!cli.plugins_dir)
        cli.plugins_dir = cli.paths.plugins;
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        if (strcmp(argv[i], commands[c].name) != 0)
            continue;
        if (i + 1 < argc && (!strcmp(argv[i + 1], "--help") || !strcmp(argv[i + 1], "-h"))) {
            fputs(pxr_cli_help(argv[i]), stdout);
            return PXR_OK;
        }
        return commands[c].run(&cli, argc - i - 1, argv + i + 1);
    }
    fprintf(stderr, pxr_msg("pxr: unknown command '%s'\n"), argv[i]);
    fputs(pxr_msg(overview), stderr);
    return PXR_EUSAGE;
}
