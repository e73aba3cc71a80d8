/*
** What the files of the importer share: the layouts a file may have, the
** indicators it may name, and the state of the file being imported.
*/
#ifndef PXR_IMPORT_INTERNAL_H
#define PXR_IMPORT_INTERNAL_H

#include "import.h"
#include "import_codes.h"
#include "period.h"
#include "rows.h"

#include <stdint.h>

#define MAX_COLUMNS 12

/*
** A file layout: its kind and columns; '*' before a name marks it required,
** '~' a column that is accepted and ignored (what a template shows the person
** filling it in).
*/
typedef struct layout {
    const char *kind;
    const char *columns[MAX_COLUMNS];
} layout;

enum {
    L_REGIONS,
    L_INSTITUTIONS,
    L_VALUES,
    L_DEPARTMENTS,
    L_MEASURES,
    L_NARRATIVES,
    L_GROUPS,
    N_LAYOUTS
};

/* column positions of each layout, in the order of layouts[].columns */
enum { R_CODE, R_NAME, R_PARENT, R_LEVEL };
enum { I_CODE, I_NAME, I_REGION, I_LEVEL, I_GRADE, I_KIND, I_OWNERSHIP, I_OBST, I_LEAD };
enum { V_UNIT, V_PERIOD, V_INDICATOR, V_VALUE, V_NUM, V_DEN };
enum { D_INSTITUTION, D_CODE, D_NAME };
enum { M_PLUGIN, M_MEASURE, M_UNIT, M_PERIOD, M_STATUS, M_DEPARTMENT, M_NOTE };
enum { N_PLUGIN, N_UNIT, N_PERIOD, N_SECTION, N_TEXT };
enum { G_GROUP, G_NAME, G_REGION, G_INSTITUTION };
extern const layout pxr_import_layouts[N_LAYOUTS];

typedef struct indicator_def {
    char code[64];
    char type[16];
    char applicability[24]; /* "" (all), tertiary_or_lead (▲), obstetrics (＃), tcm */
    int is_compound;
    int nspans; /* the years of the plans that use it ("2023-2025"), for the span warning */
    short span_from[8], span_to[8];
} indicator_def;

#define STMT_CACHE 8

typedef struct importer {
    pxr_store *st;
    const char *file;
    pxr_rows *src;
    const layout *lay;
    int col[MAX_COLUMNS];    /* CSV field index of each layout column, -1 if absent */
    char *cell[MAX_COLUMNS]; /* trimmed copies of the current record's fields */
    size_t cellcap[MAX_COLUMNS];
    sqlite3_int64 import_id;
    long rows, added, changed, unchanged, skipped;
    long removed; /* members of the groups a groups file names that it does not list */
    indicator_def *indicators;
    size_t nindicators;
    char last_unit[128];
    int unit_tertiary_or_lead, unit_obstetrics; /* of last_unit; 1 for a region */
    int unit_tcm;
    long unit_index;   /* of last_unit in units */
    int expect_stored; /* the last value was in the database already */
    long warnings, span_warnings;
    sqlite3_stmt *s_get, *s_put, *s_upd, *s_hist, *s_sub, *s_lock;
    const pxr_import_options *opt;
    char received[32]; /* --received or the time of the import */
    uint64_t last_sub; /* unit and period of the submission recorded last, + 1 */
    int any_approved;  /* some data is approved: changes are checked against it */
    long errors;       /* data errors so far in the file */
    struct {
        const char *sql;
        sqlite3_stmt *stmt;
    } cache[STMT_CACHE]; /* the lookups' prepared statements, by their SQL's address */
    unit_set units;
    key_set seen;
    char last_period[64]; /* the period cell last parsed, and what it gave */
    char pid[16];
    pxr_period period;
    pxr_error *err;
    struct value_batch *batch; /* new values waiting for one multi-row INSERT, or NULL */
} importer;

/* A layout column's name, without its '*' or '~' mark. */
const char *pxr_import_column_name(const layout *lay, int k);
/* The column as the template labels it (数值, 分子 …), for Chinese messages. */
const char *pxr_import_column_label(const layout *lay, int k);
/* The place of field i (or PXR_ROWS_RECORD) for a message, in the user's language. */
void pxr_import_locate(const pxr_rows *src, size_t i, char *out, size_t outlen);
/* How many of the header's names are columns of layout l. */
int pxr_import_header_matches(importer *imp, int l);
/* Maps the header onto the layout --kind names, else the closest one. */
int pxr_import_match_header(importer *imp, const char *kind);
/* Whether the header is a template's one row per institution (*wide). */
int pxr_import_wide_header(importer *imp, int *wide);

/* The indicators, in code order, with the spans of the plans that use them (import.c). */
int pxr_import_load_indicators(importer *imp);
const indicator_def *pxr_import_find_indicator(importer *imp, const char *code);

#endif
