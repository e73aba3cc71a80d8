/*
** Fill-in templates (`pxr template`): the layouts pxr writes for hospitals and
** reads back with `pxr import`.
**
** One institution (long layout), one row per indicator:
**   institution,period,indicator,name,unit,type,applicability,range,value,numerator,denominator
** (name … range are information for the person filling it in; import ignores them).
**
** All institutions (wide layout), one row per institution:
**   institution,name,period,EI01,EI01.numerator,EI01.denominator,EI03,…
** a rate or ratio has CODE, CODE.numerator and CODE.denominator; other types CODE only.
**
** Both have a second header row of Chinese labels whose first cell is
** PXR_TEMPLATE_LABEL_MARK; import skips that row.
*/
#ifndef PXR_TEMPLATE_H
#define PXR_TEMPLATE_H

#include "store.h"

#define PXR_TEMPLATE_LABEL_MARK "机构代码"
#define PXR_TEMPLATE_NUM_SUFFIX ".numerator"
#define PXR_TEMPLATE_DEN_SUFFIX ".denominator"

/*
** The sign-off of a submission, at the head of the one-institution layout:
** rows whose indicator cell is one of these labels and value cell the text
** (填报人, 联系电话, 填报日期, 审核人（负责人）), in the order of the columns
** filled_by, phone, filled_on, reviewer of the submission table.
*/
#define PXR_TEMPLATE_NSIGNOFF 4
extern const char *const pxr_template_signoff[PXR_TEMPLATE_NSIGNOFF + 1];

typedef struct pxr_template_options {
    const char *plugin;      /* plugin id */
    const char *period;      /* as the user wrote it: 2024S1, 2024年上半年 … */
    const char *institution; /* NULL: the wide layout, one row per institution */
    const char *region;      /* wide layout only: institutions below this region; NULL: all */
    const char *output;      /* FILE.xlsx or FILE.csv: the extension picks the format */
    const char *number;      /* the plan's own 文号 (plugin.number), NULL: it prints none */
    const char *basis;       /* the document it implements (plugin.basis), NULL: none */
    /*
    ** What the plugin does not ask of an institution beyond the ▲/＃ notes (the rule of
    ** pxr validate, lua/pxr/validate.lua not_asked): 1 with the reason in why when unit
    ** is not asked for indicator, 0 when it is, -1 on failure (err filled).  NULL: all.
    */
    int (*not_asked)(void *ctx, const char *unit, const char *indicator, char *why, size_t whylen,
                     pxr_error *err);
    void *not_asked_ctx;
} pxr_template_options;

/*
** Writes the template, with the values of the period already in the store
** filled in.  Unknown plugin, institution or region, a period outside the
** plan's span, or an output that is neither .xlsx nor .csv: PXR_EUSAGE.
*/
int pxr_template_write(pxr_store *st, const pxr_template_options *opt, pxr_error *err);

#endif
