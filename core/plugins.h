/* Plugin discovery and catalog sync. */
#ifndef PXR_PLUGINS_H
#define PXR_PLUGINS_H

#include "lua_host.h"
#include "plugin_model.h"
#include "store.h"

/*
** Runs every <dir>/<id>/plugin.lua in sorted order (dot-files skipped) and
** reads the table it returns once, raw and under the host's protected call,
** into C data (pxr_plugin) and into a plain copy (no metatables) that no
** script ever sees.  A plugin whose id differs from its directory, or with a
** field of the wrong type or missing, is refused naming the file and field.
*/
int pxr_plugins_load(pxr_host *h, const char *dir, pxr_error *err);

/*
** Number of loaded plugins; pxr_plugins_at(h, i) is the i-th (1-based) as C
** data, the only form C reads.  pxr_plugins_push(h, i) pushes a fresh plain
** copy of its table for Lua (ctx.plugin, pxr.catalog): what a report does to
** its copy stays in that copy.
*/
int pxr_plugins_count(pxr_host *h);
const pxr_plugin *pxr_plugins_at(pxr_host *h, int i);
void pxr_plugins_push(pxr_host *h, int i);

/* The plugin with this id, or NULL. */
const pxr_plugin *pxr_plugins_get(pxr_host *h, const char *id);

/* plain(t) as a lua_CFunction: the plain copy of table t (raises only out of memory). */
int pxr_plugins_plain(lua_State *L);

/* Pushes (a copy of) the plugin with this id, or fails with PXR_EUSAGE naming the known ids. */
int pxr_plugins_find(pxr_host *h, const char *id, pxr_error *err);

/* Writes every plugin's catalog (plugin, indicators, measures, targets) in one transaction. */
int pxr_plugins_sync(pxr_host *h, pxr_store *st, pxr_error *err);

#endif
