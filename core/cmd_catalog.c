/* pxr plugins and pxr catalog: what the plugins define, without touching the database. */
#include "cli.h"
#include "plugins.h"
#include "xml_write.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* From the plugins' C data: nothing of a plugin runs, no module is loaded. */
int pxr_cmd_plugins(pxr_cli *cli, int argc, char **argv)
{
    pxr_host h;
    pxr_error err;
    char names[1024];
    int rc;

    int reports = argc == 1 && strcmp(argv[0], "--reports") == 0;

    if (argc > 0 && !reports)
        return pxr_cli_usage("plugins", "unexpected argument '%s'", argv[0]);
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    for (int i = 1, n = pxr_plugins_count(&h); i <= n; i++) {
        const pxr_plugin *p = pxr_plugins_at(&h, i);
        if (reports) {
            /* one "plugin report scope period" line per report, for scripts such as make demo */
            for (int r = 0; r < p->n_reports; r++)
                printf("%s %s %s %s\n", p->id, p->reports[r].name,
                       p->reports[r].scope ? p->reports[r].scope : "institution",
                       p->example_period ? p->example_period : "");
            continue;
        }
        printf("%-18s %s\n", p->id, p->title);
        /* the plan's own 文号 and the document it implements are two things */
        printf("%-18s 文号：%s", "", p->number ? p->number : "（文件未载明）");
        if (p->basis)
            printf("；依据：%s", p->basis);
        printf("\n");
        printf(pxr_msg("%-18s %lld measures, %lld indicators, %lld targets"), "",
               (long long)p->n_measures, (long long)p->n_top_indicators, (long long)p->n_targets);
        /* baselines (基线) are figures of the past, shown beside the form's: not targets */
        if (p->n_baselines > 0)
            printf(pxr_msg(", %lld baselines"), (long long)p->n_baselines);
        printf(pxr_msg("; reports:"));
        /* report names in sorted order, so the listing is stable */
        pxr_plugin_report_names(p, names, sizeof names);
        if (*names)
            printf(" %s", names);
        printf("\n");
    }
    pxr_host_close(&h);
    return PXR_OK;
}

/* The writer writes files (temporary name, then rename): write one, then copy it out. */
static int write_xml_to_stdout(lua_State *L, const char *xsd, pxr_error *err)
{
    const char *tmpdir = getenv("TMPDIR");
    char path[1100], buf[8192];
    size_t n;
    int fd, rc;
    FILE *f;

    snprintf(path, sizeof path, "%s/pxr-catalog.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if ((fd = mkstemp(path)) < 0)
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot create a temporary file", path);
    close(fd);
    if ((rc = pxr_xml_write(L, lua_gettop(L), path, xsd, err)) == PXR_OK) {
        if (!(f = fopen(path, "rb")))
            rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot read back the XML", path);
        else {
            while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                fwrite(buf, 1, n, stdout);
            fclose(f);
        }
    }
    unlink(path);
    return rc;
}

int pxr_cmd_catalog(pxr_cli *cli, int argc, char **argv)
{
    const char *id = NULL, *format = "text";
    pxr_host h;
    pxr_error err;
    int bad = 0, rc;
    char xsd[1400];

    for (int i = 0; i < argc; i++) {
        if (pxr_cli_option(argc, argv, &i, "--format", &format, &bad)) {
            if (bad)
                return PXR_EUSAGE;
        } else if (argv[i][0] == '-' || id) {
            return pxr_cli_usage("catalog", "unexpected argument '%s'", argv[i]);
        } else {
            id = argv[i];
        }
    }
    if (!id)
        return pxr_cli_usage("catalog", "give a plugin id (see 'pxr plugins')");
    if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "xml"))
        return pxr_cli_usage("catalog", "--format is text, csv or xml, not '%s'", format);
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    lua_getglobal(h.L, "require");
    lua_pushliteral(h.L, "pxr.catalog");
    if ((rc = pxr_host_call(&h, 1, 1, &err)) == PXR_OK) {
        lua_getfield(h.L, -1, format);
        if ((rc = pxr_plugins_find(&h, id, &err)) == PXR_OK)
            rc = pxr_host_call(&h, 1, 1, &err);
    }
    if (rc == PXR_OK && strcmp(format, "xml") == 0) {
        /* through the XML writer, so the output is checked against its schema */
        pxr_path_join(xsd, sizeof xsd, cli->paths.schema, "pxr-catalog.xsd");
        rc = write_xml_to_stdout(h.L, xsd, &err);
    } else if (rc == PXR_OK) {
        size_t len;
        const char *s = lua_tolstring(h.L, -1, &len);
        fwrite(s, 1, len, stdout);
    }
    pxr_host_close(&h);
    return rc == PXR_OK ? PXR_OK : pxr_cli_report_error(&err);
}
