/* The CSV form of a template, UTF-8 with a BOM so that Excel reads the Chinese right. */
#include "template_internal.h"

#include "csv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void csv_number(FILE *f, int has, double x, int last)
{
    char buf[64] = "";
    if (has)
        pxr_tpl_format_number(x, buf, sizeof buf);
    pxr_csv_put(f, buf, last);
}

static void csv_value_cells(FILE *f, const tpl_indicator *ind, const tpl_value *v, int last)
{
    if (v->answer)
        pxr_csv_put(f, v->answer, !ind->type->parts && last);
    else
        csv_number(f, v->has_value, v->value, !ind->type->parts && last);
    if (ind->type->parts) {
        csv_number(f, v->has_num, v->num, 0);
        csv_number(f, v->has_den, v->den, last);
    }
}

/* Writes to file (the temporary file of path); messages name path. */
int pxr_tpl_write_csv(const tpl *t, const char *file, const char *path, pxr_error *err)
{
    FILE *f = fopen(file, "wb");
    char text[512];

    if (!f)
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot create: %s", path, strerror(errno));
    fputs("\xEF\xBB\xBF", f); /* the BOM tells Excel the file is UTF-8 */
    if (!t->wide) {
        const tpl_unit *u = &t->unit[0];
        for (int c = 0; c < NLONG; c++)
            pxr_csv_put(f, pxr_tpl_long_columns[c], c == NLONG - 1);
        for (int c = 0; c < NLONG; c++)
            pxr_csv_put(f, pxr_tpl_long_labels[c], c == NLONG - 1);
        for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++) {
            pxr_csv_put(f, u->code, 0);
            pxr_csv_put(f, t->period, 0);
            pxr_csv_put(f, pxr_template_signoff[k], 0);
            pxr_csv_put(f, SIGNOFF_NAME, 0);
            for (int c = 4; c < COL_VALUE; c++)
                pxr_csv_put(f, "", 0);
            pxr_csv_put(f, t->signoff[k] ? t->signoff[k] : "", 0);
            pxr_csv_put(f, "", 0);
            pxr_csv_put(f, "", 1);
        }
        for (size_t i = 0; i < t->nind; i++) {
            const tpl_indicator *ind = &t->ind[i];
            const tpl_value *v = &t->val[i];
            pxr_csv_put(f, u->code, 0);
            pxr_csv_put(f, t->period, 0);
            pxr_csv_put(f, ind->code, 0);
            pxr_csv_put(f, ind->name, 0);
            pxr_csv_put(f, ind->unit, 0);
            pxr_csv_put(f, ind->type->label, 0);
            pxr_tpl_applicability_text(t, i, u, text, sizeof text);
            pxr_csv_put(f, text, 0);
            pxr_csv_put(f, ind->type->range, 0);
            if (v->answer)
                pxr_csv_put(f, v->answer, 0);
            else
                csv_number(f, v->has_value, v->value, 0);
            csv_number(f, v->has_num, v->num, 0);
            csv_number(f, v->has_den, v->den, 1);
        }
    } else {
        pxr_csv_put(f, "institution", 0);
        pxr_csv_put(f, "name", 0);
        pxr_csv_put(f, "period", 0);
        for (size_t i = 0; i < t->nind; i++) {
            pxr_csv_put(f, t->ind[i].code, 0);
            if (t->ind[i].type->parts) {
                snprintf(text, sizeof text, "%s%s", t->ind[i].code, PXR_TEMPLATE_NUM_SUFFIX);
                pxr_csv_put(f, text, 0);
                snprintf(text, sizeof text, "%s%s", t->ind[i].code, PXR_TEMPLATE_DEN_SUFFIX);
                pxr_csv_put(f, text, 0);
            }
        }
        /* the sign-off of each institution's submission, after its indicators */
        for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++)
            pxr_csv_put(f, pxr_template_signoff[k], k == PXR_TEMPLATE_NSIGNOFF - 1);
        pxr_csv_put(f, PXR_TEMPLATE_LABEL_MARK, 0);
        pxr_csv_put(f, "机构名称", 0);
        pxr_csv_put(f, "期间", 0);
        for (size_t i = 0; i < t->nind; i++) {
            pxr_tpl_indicator_label(&t->ind[i], text, sizeof text);
            pxr_csv_put(f, text, 0);
            if (t->ind[i].type->parts) {
                snprintf(text, sizeof text, "%s 分子", t->ind[i].code);
                pxr_csv_put(f, text, 0);
                snprintf(text, sizeof text, "%s 分母", t->ind[i].code);
                pxr_csv_put(f, text, 0);
            }
        }
        for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++)
            pxr_csv_put(f, pxr_template_signoff[k], k == PXR_TEMPLATE_NSIGNOFF - 1);
        for (size_t u = 0; u < t->nunit; u++) {
            pxr_csv_put(f, t->unit[u].code, 0);
            pxr_csv_put(f, t->unit[u].name, 0);
            pxr_csv_put(f, t->period, 0);
            for (size_t i = 0; i < t->nind; i++)
                csv_value_cells(f, &t->ind[i], &t->val[u * t->nind + i], 0);
            for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++) {
                const char *v = t->signoff[u * PXR_TEMPLATE_NSIGNOFF + (size_t)k];
                pxr_csv_put(f, v ? v : "", k == PXR_TEMPLATE_NSIGNOFF - 1);
            }
        }
    }
    if (ferror(f) | fclose(f)) {
        return pxr_fail(err, PXR_EINTERNAL, "%s: write error: %s", path, strerror(errno));
    }
    return PXR_OK;
}
