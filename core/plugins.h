/* Plugin discovery and catalog sync. */
#ifndef PXR_PLUGINS_H
#define PXR_PLUGINS_H

#include "lua_host.h"
#include "store.h"

/*
** Runs every <dir>/<id>/plugin.lua in sorted order (dot-files skipped) and
** keeps the tables it returns in the registry, by id and in order.  A plugin
** whose id differs from its directory, or without a title, is refused.
*/
int pxr_plugins_load(pxr_host *h, const char *dir, pxr_error *err);

/*
** Number of loaded plugins; pxr_plugins_push(h, i) pushes the i-th (1-based).
** A plugin's table is read once, raw and under the host's protected call, into
** a kept plain copy (no metatables) that no script ever sees; what is pushed
** is a fresh plain copy of it, so C reads data that no code has touched and no
** lua_getfield of C runs a metamethod.
*/
int pxr_plugins_count(pxr_host *h);
void pxr_plugins_push(pxr_host *h, int i);

/* plain(t) as a lua_CFunction: the plain copy of table t (raises only out of memory). */
int pxr_plugins_plain(lua_State *L);

/* Pushes (a copy of) the plugin with this id, or fails with PXR_EUSAGE naming the known ids. */
int pxr_plugins_find(pxr_host *h, const char *id, pxr_error *err);

/* Writes every plugin's catalog (plugin, indicators, measures, targets) in one transaction. */
int pxr_plugins_sync(pxr_host *h, pxr_store *st, pxr_error *err);

#endif
