/* pxr plugins and pxr catalog: what the plugins define, without touching the database. */
#include "cli.h"
#include "plugins.h"
#include "xml_write.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static lua_Integer list_length(lua_State *L, int t, const char *field)
{
    lua_Integer n = 0;
    if (lua_getfield(L, t, field) == LUA_TTABLE)
        n = (lua_Integer)lua_rawlen(L, -1);
    lua_pop(L, 1);
    return n;
}

int pxr_cmd_plugins(pxr_cli *cli, int argc, char **argv)
{
    pxr_host h;
    pxr_error err;
    int rc;

    int reports = argc == 1 && strcmp(argv[0], "--reports") == 0;

    if (argc > 0 && !reports)
        return pxr_cli_usage("plugins", "unexpected argument '%s'", argv[0]);
    if ((rc = pxr_cli_open_host(cli, &h, &err)) != PXR_OK)
        return pxr_cli_report_error(&err);
    for (int i = 1, n = pxr_plugins_count(&h); reports && i <= n; i++) {
        /* one "plugin report scope" line per report, for scripts such as make demo */
        pxr_plugins_push(&h, i);
        if ((rc = pxr_host_require(&h, "pxr.catalog", &err)) != PXR_OK)
            break;
        lua_pushliteral(h.L, "report_lines");
        lua_rawget(h.L, -2);
        lua_pushvalue(h.L, -3);
        if ((rc = pxr_host_call(&h, 1, 1, &err)) != PXR_OK)
            break;
        fputs(lua_tostring(h.L, -1), stdout);
        lua_settop(h.L, 0);
    }
    for (int i = 1, n = pxr_plugins_count(&h); !reports && i <= n; i++) {
        lua_State *L = h.L;
        pxr_plugins_push(&h, i);
        int t = lua_gettop(L);
        lua_getfield(L, t, "id");
        lua_getfield(L, t, "title");
        lua_getfield(L, t, "number");
        lua_getfield(L, t, "basis");
        printf("%-18s %s\n", lua_tostring(L, -4), lua_tostring(L, -3));
        /* the plan's own 文号 and the document it implements are two things */
        printf("%-18s 文号：%s", "", lua_isstring(L, -2) ? lua_tostring(L, -2) : "（文件未载明）");
        if (lua_isstring(L, -1))
            printf("；依据：%s", lua_tostring(L, -1));
        printf("\n");
        printf(pxr_msg("%-18s %lld measures, %lld indicators, %lld targets"), "",
               (long long)list_length(L, t, "measures"), (long long)list_length(L, t, "indicators"),
               (long long)list_length(L, t, "targets"));
        /* baselines (基线) are figures of the past, shown beside the form's: not targets */
        if (list_length(L, t, "baselines") > 0)
            printf(pxr_msg(", %lld baselines"), (long long)list_length(L, t, "baselines"));
        printf(pxr_msg("; reports:"));
        /* report names in sorted order, so the listing is stable */
        if ((rc = pxr_host_require(&h, "pxr.catalog", &err)) != PXR_OK) {
            printf("\n");
            break;
        }
        lua_pushliteral(L, "report_names");
        lua_rawget(L, -2);
        lua_pushvalue(L, t);
        if ((rc = pxr_host_call(&h, 1, 1, &err)) != PXR_OK) {
            printf("\n");
            break;
        }
        if (lua_isstring(L, -1))
            printf(" %s", lua_tostring(L, -1));
        printf("\n");
        lua_settop(L, t - 1);
    }
    pxr_host_close(&h);
    return rc == PXR_OK ? PXR_OK : pxr_cli_report_error(&err);
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
