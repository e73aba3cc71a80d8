/* A plugin's table as C data: what the core reads of plugins/<id>/plugin.lua, read once. */
#ifndef PXR_PLUGIN_MODEL_H
#define PXR_PLUGIN_MODEL_H

#include "pxr.h"

#include <lua.h>

/* Text fields are NULL when the table has none; every string is owned by the model. */
typedef struct pxr_plugin_indicator {
    char *code, *name, *dimension, *unit, *type, *direction, *applicability, *source, *number;
    int parent; /* index of the indicator this is a part of (parts = {...}), or -1 */
} pxr_plugin_indicator;

typedef struct pxr_plugin_measure {
    char *code, *section, *title, *text, *source;
} pxr_plugin_measure;

typedef struct pxr_plugin_target {
    char *code, *indicator, *measure, *comparator, *unit, *deadline, *scope, *sentence;
    double value;
    int has_value; /* missing is not zero */
} pxr_plugin_target;

/* reports.<name>: the data C checks; build and units stay Lua functions, kept as registry refs. */
typedef struct pxr_plugin_report {
    char *name, *title, *scope, *schema;
    int groups;               /* a region report that also takes reporting units (groups) */
    int build_ref, units_ref; /* LUA_NOREF when absent */
} pxr_plugin_report;

typedef struct pxr_plugin {
    char *path; /* plugins/<id>/plugin.lua, for messages */
    char *id, *title, *issuer, *number, *basis, *span, *source, *example_period;
    pxr_plugin_indicator *indicators; /* in catalog order, each part after its indicator */
    int n_indicators, n_top_indicators;
    pxr_plugin_measure *measures;
    int n_measures;
    pxr_plugin_target *targets;
    int n_targets;
    char **sections; /* narrative_sections */
    int n_sections;
    int n_baselines, n_fields;
    pxr_plugin_report *reports; /* sorted by name */
    int n_reports;
    size_t charged; /* bytes counted in the run's memory budget (budget.h) */
} pxr_plugin;

/*
** Fills p (zeroed by the caller) from the plain table at index t, with raw
** access only.  A wrong type or a missing field is PXR_EDATA naming the file
** and the field ("plugins/x/plugin.lua: indicators[2].type must be text, not
** table").  Raises only when out of memory: call it under a protected call,
** with p reachable from where pxr_plugin_free(p) runs whatever happens.
*/
int pxr_plugin_read(lua_State *L, int t, const char *path, pxr_plugin *p, pxr_error *err);

/*
** Frees what p holds (not p itself, nor the registry refs: they go with the
** state) and gives its bytes back to the budget.
*/
void pxr_plugin_free(pxr_plugin *p);

/* The report with this name, or NULL. */
const pxr_plugin_report *pxr_plugin_report_find(const pxr_plugin *p, const char *name);

/* "a, b, c": the report names, sorted, into buf (truncated to fit). */
void pxr_plugin_report_names(const pxr_plugin *p, char *buf, size_t len);

#endif
