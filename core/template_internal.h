/*
** What the files of `pxr template` share: the template gathered from the store
** (template.c) that the CSV and XLSX writers (template_csv.c, template_xlsx.c)
** lay out, and the words both print.
*/
#ifndef PXR_TEMPLATE_INTERNAL_H
#define PXR_TEMPLATE_INTERNAL_H

#include "template.h"

#include <stddef.h>

/* What a template says about each indicator type, and whether it has numerator/denominator columns.
 */
typedef struct type_info {
    const char *type, *label, *range;
    int parts;
} type_info;

typedef struct tpl_indicator {
    char *code, *name, *unit, *applicability;
    const type_info *type;
} tpl_indicator;

typedef struct tpl_unit {
    char *code, *name;
    int tertiary_or_lead, obstetrics, tcm;
    unsigned short *why; /* per indicator: 0 asked, k: not asked for t->reason[k - 1] */
} tpl_unit;

typedef struct tpl_value {
    int has_value, has_num, has_den;
    double value, num, den;
    const char *answer; /* 是/否 of a yes/no indicator */
} tpl_value;

typedef struct tpl {
    char **signoff; /* nunit × PXR_TEMPLATE_NSIGNOFF, as stored, or NULL: row-major by unit */
    char *title, *issuer, *basis, *span;
    const char *number; /* the plan's own 文号, from the plugin's table; NULL: none printed */
    char period[16], period_label[40];
    tpl_indicator *ind;
    size_t nind;
    tpl_unit *unit;
    size_t nunit;
    tpl_value *val; /* nunit × nind, row-major by unit */
    char **reason;  /* the distinct reasons of tpl_unit.why */
    size_t nreason;
    int wide;
} tpl;

/* An applicability note: its code in the catalog, its mark and whom it names. */
typedef struct pxr_tpl_note {
    const char *code, *mark, *who;
} pxr_tpl_note;

#define PXR_TPL_NNOTES 3
extern const pxr_tpl_note pxr_tpl_applicabilities[PXR_TPL_NNOTES];

/* The columns of the one-institution layout (template.h) and their Chinese labels. */
enum { PXR_TPL_NLONG = 11, COL_VALUE = 8 };
#define NLONG PXR_TPL_NLONG
extern const char *const pxr_tpl_long_columns[PXR_TPL_NLONG];
extern const char *const pxr_tpl_long_labels[PXR_TPL_NLONG];
#define SIGNOFF_NAME "签字栏（填写后随数据导入，打印在评估报告末尾）"

/* Index of an applicability code in pxr_tpl_applicabilities, -1 if none. */
int pxr_tpl_applicability_index(const char *code);
/* Is unit u asked for indicator i: by its note and by the plugin (not_asked)? */
int pxr_tpl_applies(const tpl *t, size_t i, const tpl_unit *u);
/* "适用", "适用（▲三级医院和医联体的牵头医院）", "不适用（▲仅…）" or "不适用（仅三级医院）". */
void pxr_tpl_applicability_text(const tpl *t, size_t i, const tpl_unit *u, char *out,
                                size_t outlen);
/* "门诊患者预约诊疗率（%）▲": the name, unit and note as a column label. */
void pxr_tpl_indicator_label(const tpl_indicator *ind, char *out, size_t outlen);
/* The shortest text that reads back as the same double. */
void pxr_tpl_format_number(double x, char *out, size_t outlen);

/* Write t to file (the temporary file of path); messages name path. */
int pxr_tpl_write_csv(const tpl *t, const char *file, const char *path, pxr_error *err);
int pxr_tpl_write_xlsx(const tpl *t, const char *file, const char *path, pxr_error *err);

#endif
