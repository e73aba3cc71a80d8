/* The layouts of the files pxr imports, and a file's header matched onto one of them. */
#include "import_internal.h"
#include "template.h"

#include <stdio.h>
#include <string.h>

const layout pxr_import_layouts[N_LAYOUTS] = {
    {"regions", {"*code", "*name", "parent", "*level"}},
    {"institutions",
     {"*code", "*name", "*region", "*level", "grade", "*kind", "*ownership", "*obstetrics",
      "*alliance_lead"}},
    {"values",
     {"*institution", "*period", "*indicator", "value", "numerator", "denominator", "~name",
      "~unit", "~type", "~applicability", "~range"}},
    {"departments", {"*institution", "*code", "*name"}},
    {"measures", {"*plugin", "*measure", "*unit", "*period", "*status", "department", "note"}},
    {"narratives", {"*plugin", "*unit", "*period", "*section", "*text"}},
    /* one row per member: a reporting unit that is a group of institutions (unit_group) */
    {"groups", {"*group", "*name", "*region", "*institution"}},
};

const char *pxr_import_column_name(const layout *lay, int k)
{
    const char *c = lay->columns[k];
    return *c == '*' || *c == '~' ? c + 1 : c;
}

/*
** The position of field i (or the record) for a message: as the source words
** it ("values.csv:22:19", "form.xlsx: sheet '填报' cell D22"), or in Chinese
** ("values.csv 第22行第19列", "form.xlsx：工作表 '填报' 单元格 D22").
*/
void pxr_import_locate(const pxr_rows *src, size_t i, char *out, size_t outlen)
{
    pxr_rows_where(src, i, out, outlen);
    pxr_msg_where(out, outlen);
}

/* The columns as the template labels them (数值, 分子, 分母 …), for Chinese messages. */
static const struct {
    const char *name, *label;
} column_labels[] = {
    {"institution", "机构代码"},
    {"period", "期间"},
    {"indicator", "指标代码"},
    {"value", "数值"},
    {"numerator", "分子"},
    {"denominator", "分母"},
    {"code", "代码"},
    {"name", "名称"},
    {"parent", "上级地区"},
    {"level", "级别"},
    {"region", "地区"},
    {"grade", "等次"},
    {"kind", "类别"},
    {"ownership", "性质"},
    {"obstetrics", "有产科"},
    {"alliance_lead", "医联体牵头"},
    {"plugin", "方案"},
    {"measure", "举措"},
    {"unit", "单位代码"},
    {"status", "状态"},
    {"department", "科室"},
    {"note", "说明"},
    {"section", "部分"},
    {"text", "正文"},
    {"group", "报送单位代码"},
};

const char *pxr_import_column_label(const layout *lay, int k)
{
    const char *name = pxr_import_column_name(lay, k);
    for (size_t i = 0; i < sizeof column_labels / sizeof column_labels[0]; i++)
        if (strcmp(column_labels[i].name, name) == 0)
            return column_labels[i].label;
    return name;
}

/* How many of the header's names are columns of layout l. */
int pxr_import_header_matches(importer *imp, int l)
{
    int hits = 0;
    for (size_t f = 0; f < pxr_rows_count(imp->src); f++)
        for (int k = 0; k < MAX_COLUMNS && pxr_import_layouts[l].columns[k]; k++)
            hits += strcmp(pxr_rows_field(imp->src, f),
                           pxr_import_column_name(&pxr_import_layouts[l], k)) == 0;
    return hits;
}

/*
** Maps the header onto a layout: the one --kind names, else the one that
** shares the most column names with the header.  Then every required column
** must be there and every column must be known.
*/
int pxr_import_match_header(importer *imp, const char *kind)
{
    size_t n = pxr_rows_count(imp->src);
    int best = -1, best_hits = 0;
    char where[600];

    for (int l = 0; l < N_LAYOUTS; l++) {
        int hits = pxr_import_header_matches(imp, l);
        if (kind ? strcmp(kind, pxr_import_layouts[l].kind) == 0 : hits > best_hits)
            best = l, best_hits = hits;
    }
    if (best < 0 && kind)
        return pxr_fail(imp->err, PXR_EUSAGE,
                        "--kind %s: expected regions, institutions, values, departments, "
                        "measures, narratives or groups",
                        kind);
    if (best < 0)
        return pxr_fail(imp->err, PXR_EDATA,
                        "%s:1: the header matches no layout; expected the columns of regions "
                        "(code,name,parent,level), institutions (code,name,region,level,grade,"
                        "kind,ownership,obstetrics,alliance_lead), values (institution,period,"
                        "indicator,value,numerator,denominator), departments (institution,code,"
                        "name), measures (plugin,measure,unit,period,status,department,note), "
                        "narratives (plugin,unit,period,section,text) or groups (group,name,"
                        "region,institution)",
                        imp->file);
    imp->lay = &pxr_import_layouts[best];
    for (int k = 0; k < MAX_COLUMNS; k++) {
        imp->col[k] = -1;
        if (!imp->lay->columns[k])
            continue;
        for (size_t f = 0; f < n; f++) {
            if (strcmp(pxr_rows_field(imp->src, f), pxr_import_column_name(imp->lay, k)) != 0)
                continue;
            pxr_import_locate(imp->src, f, where, sizeof where);
            if (imp->col[k] >= 0)
                return pxr_fail(imp->err, PXR_EDATA, "%s: column '%s' appears twice", where,
                                pxr_import_column_name(imp->lay, k));
            imp->col[k] = (int)f;
        }
        if (imp->col[k] < 0 && imp->lay->columns[k][0] == '*')
            return pxr_fail(imp->err, PXR_EDATA,
                            "%s:1: the header has no column '%s' (a %s file needs it)", imp->file,
                            pxr_import_column_name(imp->lay, k), imp->lay->kind);
    }
    for (size_t f = 0; f < n; f++) {
        int known = 0;
        for (int k = 0; k < MAX_COLUMNS; k++)
            known |= imp->col[k] == (int)f;
        if (!known) {
            pxr_import_locate(imp->src, f, where, sizeof where);
            return pxr_fail(imp->err, PXR_EDATA,
                            "%s: column '%s' is not one of a %s file's columns", where,
                            pxr_rows_field(imp->src, f), imp->lay->kind);
        }
    }
    return PXR_OK;
}

/* "EI01.numerator" -> the length of its code "EI01". */
static size_t wide_code_length(const char *name)
{
    static const char *const suffixes[] = {PXR_TEMPLATE_NUM_SUFFIX, PXR_TEMPLATE_DEN_SUFFIX};
    size_t n = strlen(name);
    for (int p = 0; p < 2; p++) {
        size_t k = strlen(suffixes[p]);
        if (n > k && strcmp(name + n - k, suffixes[p]) == 0)
            return n - k;
    }
    return n;
}

/*
** A template's one-row-per-institution header: institution and period, no
** indicator column, and columns named by indicator codes.  Every other column
** must then be an indicator (or name); the codes are checked here so that the
** message names the header cell.
*/
int pxr_import_wide_header(importer *imp, int *wide)
{
    size_t n = pxr_rows_count(imp->src);
    int unit = 0, period = 0, indicator = 0, codes = 0, rc;
    char code[64], where[600];

    *wide = 0;
    for (size_t f = 0; f < n; f++) {
        const char *name = pxr_rows_field(imp->src, f);
        unit |= strcmp(name, "institution") == 0;
        period |= strcmp(name, "period") == 0;
        indicator |= strcmp(name, "indicator") == 0;
    }
    if (!unit || !period || indicator)
        return PXR_OK;
    if ((rc = pxr_import_load_indicators(imp)) != PXR_OK)
        return rc;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t f = 0; f < n; f++) {
            const char *name = pxr_rows_field(imp->src, f), *best = NULL;
            size_t len = wide_code_length(name), bestd = 99;
            const indicator_def *ind;
            if (!strcmp(name, "institution") || !strcmp(name, "period") || !strcmp(name, "name"))
                continue;
            /* 填报人, 联系电话, 填报日期, 审核人（负责人）: the sign-off, after the indicators */
            if (pxr_one_of(name, pxr_template_signoff) >= 0)
                continue;
            snprintf(code, sizeof code, "%.*s", (int)(len < 63 ? len : 63), name);
            ind = pxr_import_find_indicator(imp, code);
            if (pass == 0) {
                codes += ind != NULL;
                continue;
            }
            pxr_import_locate(imp->src, f, where, sizeof where);
            if (ind && ind->is_compound)
                return pxr_fail(imp->err, PXR_EDATA,
                                "%s: column '%s': %s is a compound indicator: give the values of "
                                "its parts (see 'pxr catalog')",
                                where, name, code);
            if (ind)
                continue;
            for (size_t i = 0; i < imp->nindicators; i++) {
                size_t d = pxr_edit_distance(code, imp->indicators[i].code);
                if (d < bestd)
                    bestd = d, best = imp->indicators[i].code;
            }
            if (best && bestd <= 2)
                return pxr_fail(imp->err, PXR_EDATA,
                                "%s: column '%s' is not an indicator code (did you mean '%s'?)",
                                where, name, best);
            return pxr_fail(imp->err, PXR_EDATA,
                            "%s: column '%s' is neither institution, name, period nor an "
                            "indicator code (CODE, CODE.numerator, CODE.denominator)",
                            where, name);
        }
        if (pass == 0 && !codes)
            return PXR_OK;
    }
    *wide = 1;
    return PXR_OK;
}
