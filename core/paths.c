#include "paths.h"
#include "pxr.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *pxr_path_join(char *out, size_t outlen, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    snprintf(out, outlen, "%s%s%s", dir, (n && dir[n - 1] == '/') ? "" : "/", name);
    return out;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int fill(pxr_paths *p, const char *home, int installed)
{
    char probe[1200];
    snprintf(p->home, sizeof p->home, "%s", home);
    pxr_path_join(probe, sizeof probe, home, "lua/pxr");
    if (!is_dir(probe))
        return -1;
    pxr_path_join(p->lua, sizeof p->lua, home, "lua");
    pxr_path_join(p->plugins, sizeof p->plugins, home, "plugins");
    pxr_path_join(p->fonts, sizeof p->fonts, home, "fonts");
    pxr_path_join(p->schema, sizeof p->schema, home, installed ? "schema" : "reports/schema");
    return 0;
}

int pxr_paths_find(pxr_paths *p, char *msg, size_t msglen)
{
    char exe[PATH_MAX], dir[PATH_MAX], share[PATH_MAX + 32];
    const char *env = getenv("PXR_HOME");
    ssize_t n;

    memset(p, 0, sizeof *p);
    if (env && *env) {
        char probe[1200];
        /* an installed tree has schema/, a source tree reports/schema */
        pxr_path_join(probe, sizeof probe, env, "reports/schema");
        if (fill(p, env, !is_dir(probe)) == 0)
            return 0;
        snprintf(msg, msglen, pxr_msg("PXR_HOME=%s has no lua/pxr directory"), env);
        return -1;
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(msg, msglen, pxr_msg("cannot find the pxr binary (/proc/self/exe); set PXR_HOME"));
        return -1;
    }
    exe[n] = '\0';
    snprintf(dir, sizeof dir, "%s", exe);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    /* source tree: ./pxr, or build/san/pxr for sanitizer builds */
    for (int up = 0; up < 3; up++) {
        if (fill(p, dir, 0) == 0)
            return 0;
        slash = strrchr(dir, '/');
        if (!slash)
            break;
        *slash = '\0';
    }
    snprintf(dir, sizeof dir, "%s", exe);
    slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    snprintf(share, sizeof share, "%s/../share/pxr", dir);
    if (fill(p, share, 1) == 0)
        return 0;
    snprintf(msg, msglen,
             pxr_msg("cannot find pxr's data (lua/pxr) beside %s or in %s; set PXR_HOME"), exe,
             share);
    return -1;
}
