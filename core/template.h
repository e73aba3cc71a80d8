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

typedef struct pxr_template_options {
    const char *plugin;      /* plugin id */
    const char *period;      /* as the user wrote it: 2024S1, 2024年上半年 … */
    const char *institution; /* NULL: the wide layout, one row per institution */
    const char *region;      /* wide layout only: institutions below this region; NULL: all */
    const char *output;      /* FILE.xlsx or FILE.csv: the extension picks the format */
} pxr_template_options;

/*
** Writes the template, with the values of the period already in the store
** filled in.  Unknown plugin, institution or region, a period outside the
** plan's span, or an output that is neither .xlsx nor .csv: PXR_EUSAGE.
*/
int pxr_template_write(pxr_store *st, const pxr_template_options *opt, pxr_error *err);

#endif
