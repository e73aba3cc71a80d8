/* pxr export: the stored values as CSV, pxr's values XML or IHE ADX. */
#include "cli.h"
#include "export.h"
#include "period.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name, *label;
    pxr_export_format format;
} formats[] = {
    {"csv", "CSV", PXR_EXPORT_CSV},
    {"xml", "pxr values XML", PXR_EXPORT_XML},
    {"adx", "ADX", PXR_EXPORT_ADX},
};

int pxr_cmd_export(pxr_cli *cli, int argc, char **argv)
{
    const char *format = NULL, *out = NULL, *period = NULL, *label = NULL;
    pxr_export_options opt = {0};
    pxr_period p;
    pxr_store st;
    pxr_error err;
    char pid[16];
    long count;
    int bad = 0, rc;

    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--format", &format, &bad) ||
            pxr_cli_option(argc, argv, &i, "--plugin", &opt.plugin, &bad) ||
            pxr_cli_option(argc, argv, &i, "--period", &period, &bad) ||
            pxr_cli_option(argc, argv, &i, "-o", &out, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else {
            return pxr_cli_usage("export", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!format)
        return pxr_cli_usage("export", "give --format adx, csv or xml");
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++)
        if (strcmp(format, formats[f].name) == 0)
            opt.format = formats[f].format, label = formats[f].label;
    if (!label)
        return pxr_cli_usage("export", "--format is adx, csv or xml, not '%s'", format);
    if (!out || !*out)
        return pxr_cli_usage("export", "give the output file with -o FILE");
    if (period) {
        if (pxr_period_parse(period, &p) != 0)
            return pxr_cli_usage("export",
                                 "--period %s: not a period (write 2024S1, 2024, 2024Q1 "
                                 "or 2024年上半年)",
                                 period);
        pxr_period_id(&p, pid, sizeof pid);
        opt.period = pid;
    }
    opt.schema_dir = cli->paths.schema;
    if ((rc = pxr_store_open(&st, cli->db, PXR_STORE_READONLY, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    rc = pxr_export_write(&st, &opt, out, &count, &err);
    pxr_store_close(&st);
    if (rc != PXR_OK)
        return rc == PXR_EUSAGE ? pxr_cli_usage("export", "%s", err.text)
                                : pxr_cli_report_error(&err);
    printf(pxr_msg("%s: %s, %ld values\n"), out, label, count);
    return PXR_OK;
}
