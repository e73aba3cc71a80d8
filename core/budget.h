/* The memory budget of a run (PXR_MAX_MEMORY_MB), shared by Lua, SQLite and C. */
#ifndef PXR_BUDGET_H
#define PXR_BUDGET_H

#include <stddef.h>

/*
** One budget for everything a script makes pxr hold: the Lua state's bytes
** (counted by its allocator in lua_host.c and read through lua_used), SQLite's
** (store.c wraps SQLite's allocator) and what C builds for the script (the
** document tree of pxr.pdf, the XML tree of pxr.xml).  limit 0: none, which
** is the case outside a run; the counts go on all the same.
*/
void pxr_budget_set(size_t limit, const size_t *lua_used);
size_t pxr_budget_limit(void);

/* Bytes counted outside the Lua state (SQLite's and C's). */
size_t pxr_budget_outside_lua(void);

/* Would n bytes more fit? */
int pxr_budget_fits(size_t n);

/* Counts n bytes more: 0, or -1 (and nothing counted) when they would pass the limit. */
int pxr_budget_charge(size_t n);

/* Counts n bytes more whatever the limit (a size known only after the allocation). */
void pxr_budget_add(size_t n);
void pxr_budget_release(size_t n);

#endif
