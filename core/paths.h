/* Where pxr finds its Lua modules, plugins, fonts and XML schemas. */
#ifndef PXR_PATHS_H
#define PXR_PATHS_H

#include <stddef.h>

/*
** The data directory is, in order: $PXR_HOME; the directory of the binary when
** it holds lua/pxr (a source tree); <prefix>/share/pxr when the binary is
** <prefix>/bin/pxr (after `make install`).  Schemas live in reports/schema in
** the source tree and in schema/ once installed.
*/
typedef struct pxr_paths {
    char home[1024];
    char lua[1100];     /* directory holding pxr/<module>.lua */
    char plugins[1100]; /* default plugin directory */
    char fonts[1100];   /* fonts/ with roles.conf */
    char schema[1100];  /* XSD files */
} pxr_paths;

/* Fills paths; returns 0, or -1 with a message in msg when nothing is found. */
int pxr_paths_find(pxr_paths *paths, char *msg, size_t msglen);

/* Joins dir and name into out; returns out. */
char *pxr_path_join(char *out, size_t outlen, const char *dir, const char *name);

#endif
