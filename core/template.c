/* Fill-in templates: gather the plugin's indicators, the institutions and stored values, then write
 * XLSX or CSV. */
#include "template.h"

#include "atomic.h"
#include "period.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <xlsxwriter.h>

/* What a template says about each indicator type, and whether it has numerator/denominator columns.
 */
typedef struct type_info {
    const char *type, *label, *range;
    int parts;
} type_info;

static const type_info types[] = {
    {"rate", "率", "0–100", 1},        {"ratio", "比值", "≥0", 1},
    {"count", "计数", "≥0 的整数", 0}, {"level", "等级", "≥0 的整数", 0},
    {"duration", "时长", "≥0", 0},     {"number", "数值", "≥0", 0},
    {"bool", "是否", "是/否", 0},
};

/* The ▲/＃ notes of the evaluation indicators (as lua/pxr/indicator.lua words them). */
static const struct {
    const char *code, *mark, *who;
} applicabilities[] = {
    {"tertiary_or_lead", "▲", "三级医院和医联体的牵头医院"},
    {"obstetrics", "＃", "有产科的医疗机构"},
    {"tcm", "", "中医、蒙医等民族医和中西医结合医院"}, /* no mark in the seed: our reading */
};

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

const char *const pxr_template_signoff[PXR_TEMPLATE_NSIGNOFF + 1] = {
    "填报人", "联系电话", "填报日期", "审核人（负责人）", NULL};

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

static char *column_dup(sqlite3_stmt *stmt, int i)
{
    const unsigned char *s = sqlite3_column_text(stmt, i);
    return strdup(s ? (const char *)s : "");
}

static const type_info *type_of(const char *type)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].type, type) == 0)
            return &types[i];
    return NULL;
}

static int applicability_index(const char *code)
{
    for (size_t i = 0; code && i < sizeof applicabilities / sizeof applicabilities[0]; i++)
        if (strcmp(applicabilities[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* Does indicator ind apply to unit u by its ▲/＃ note?  An unknown note restricts nothing. */
static int applies_by_note(const tpl_indicator *ind, const tpl_unit *u)
{
    if (strcmp(ind->applicability, "tertiary_or_lead") == 0)
        return u->tertiary_or_lead;
    if (strcmp(ind->applicability, "obstetrics") == 0)
        return u->obstetrics;
    if (strcmp(ind->applicability, "tcm") == 0)
        return u->tcm;
    return 1;
}

/* Is unit u asked for indicator i: by its note and by the plugin (not_asked)? */
static int applies(const tpl *t, size_t i, const tpl_unit *u)
{
    return applies_by_note(&t->ind[i], u) && !(u->why && u->why[i]);
}

static void tpl_free(tpl *t)
{
    for (size_t i = 0; i < t->nreason; i++)
        free(t->reason[i]);
    free(t->reason);
    for (size_t u = 0; u < t->nunit; u++)
        free(t->unit[u].why);
    for (size_t i = 0; i < t->nind; i++) {
        free(t->ind[i].code), free(t->ind[i].name);
        free(t->ind[i].unit), free(t->ind[i].applicability);
    }
    for (size_t i = 0; i < t->nunit; i++)
        free(t->unit[i].code), free(t->unit[i].name);
    free(t->ind), free(t->unit), free(t->val);
    free(t->title), free(t->issuer), free(t->basis), free(t->span);
    for (size_t k = 0; t->signoff && k < t->nunit * PXR_TEMPLATE_NSIGNOFF; k++)
        free(t->signoff[k]);
    free(t->signoff);
}

/* The sign-off stored with each institution's submission for the period, if any. */
static int load_signoff(pxr_store *st, tpl *t, pxr_error *err)
{
    sqlite3_stmt *stmt;
    if (!(t->signoff = calloc(t->nunit ? t->nunit * PXR_TEMPLATE_NSIGNOFF : 1, sizeof *t->signoff)))
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    stmt = pxr_store_prepare(st,
                             "SELECT filled_by, phone, filled_on, reviewer FROM submission "
                             "WHERE unit = ? AND period = ?",
                             err);
    if (!stmt)
        return PXR_EINTERNAL;
    for (size_t u = 0; u < t->nunit; u++) {
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, t->unit[u].code, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, t->period, -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW)
            for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++)
                if (sqlite3_column_type(stmt, k) != SQLITE_NULL)
                    t->signoff[u * PXR_TEMPLATE_NSIGNOFF + (size_t)k] = column_dup(stmt, k);
    }
    sqlite3_finalize(stmt);
    return PXR_OK;
}

static int load_plugin(pxr_store *st, tpl *t, const char *id, const pxr_period *p, pxr_error *err)
{
    sqlite3_stmt *stmt =
        pxr_store_prepare(st, "SELECT title, issuer, basis, span FROM plugin WHERE id = ?", err);
    int first, last, rc = PXR_OK;

    if (!stmt)
        return PXR_EINTERNAL;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        return pxr_fail(err, PXR_EUSAGE, "unknown plugin '%s' (see 'pxr plugins')", id);
    }
    t->title = column_dup(stmt, 0), t->issuer = column_dup(stmt, 1);
    t->basis = column_dup(stmt, 2), t->span = column_dup(stmt, 3);
    sqlite3_finalize(stmt);
    if (!t->title || !t->issuer || !t->basis || !t->span)
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    /* a form for a half-year the plan does not cover is a mistake, not an empty form */
    if (sscanf(t->span, "%d-%d", &first, &last) == 2 || sscanf(t->span, "%d", &first) == 1) {
        if (strchr(t->span, '-') == NULL)
            last = first;
        if (p->year < first || p->year > last)
            rc = pxr_fail(err, PXR_EUSAGE, "period %s is outside plugin %s's span %s", t->period,
                          id, t->span);
    }
    return rc;
}

/* The plugin's indicators in catalog order: parts, not the compound indicators they make up. */
static int load_indicators(pxr_store *st, tpl *t, const char *id, pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(
        st,
        "SELECT i.code, i.name, i.unit, i.type, i.applicability FROM plugin_indicator pi "
        "JOIN indicator i ON i.code = pi.indicator WHERE pi.plugin = ? "
        "AND NOT EXISTS(SELECT 1 FROM indicator c WHERE c.parent = i.code) ORDER BY pi.seq",
        err);
    size_t cap = 0;
    int rc;

    if (!stmt)
        return PXR_EINTERNAL;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const type_info *ty = type_of((const char *)sqlite3_column_text(stmt, 3));
        tpl_indicator *d;
        if (!ty) /* free text has no place in a numeric form */
            continue;
        if (t->nind == cap) {
            tpl_indicator *grown = realloc(t->ind, (cap = cap ? cap * 2 : 32) * sizeof *grown);
            if (!grown)
                break;
            t->ind = grown;
        }
        d = &t->ind[t->nind++];
        d->code = column_dup(stmt, 0), d->name = column_dup(stmt, 1);
        d->unit = column_dup(stmt, 2), d->applicability = column_dup(stmt, 4);
        d->type = ty;
        if (!d->code || !d->name || !d->unit || !d->applicability)
            break;
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return pxr_fail(err, PXR_EINTERNAL, "reading the indicators of %s failed", id);
    if (t->nind == 0)
        return pxr_fail(err, PXR_EUSAGE, "plugin %s has no indicators to fill in", id);
    return PXR_OK;
}

static int load_units(pxr_store *st, tpl *t, const pxr_template_options *opt, pxr_error *err)
{
    /* the kinds of pxr.indicator.TCM_KINDS (applicability tcm) */
    const char *cols =
        "SELECT i.code, i.name, i.level = '三级' OR i.alliance_lead = 1, "
        "i.obstetrics = 1, i.kind IN ('中医', '蒙医', '藏医', '维医', '傣医', '壮医', "
        "'民族医', '中西医结合') FROM institution i ";
    char sql[900];
    sqlite3_stmt *stmt;
    size_t cap = 0;
    int rc;

    if (opt->institution)
        snprintf(sql, sizeof sql, "%sWHERE i.code = ?1", cols);
    else if (opt->region)
        snprintf(sql, sizeof sql,
                 "WITH RECURSIVE below(code) AS (SELECT code FROM region WHERE code = ?1 "
                 "UNION SELECT r.code FROM region r JOIN below b ON r.parent = b.code) "
                 "%sWHERE i.region IN below ORDER BY i.region, i.code",
                 cols);
    else
        snprintf(sql, sizeof sql, "%sORDER BY i.region, i.code", cols);
    if (!(stmt = pxr_store_prepare(st, sql, err)))
        return PXR_EINTERNAL;
    if (opt->institution || opt->region)
        sqlite3_bind_text(stmt, 1, opt->institution ? opt->institution : opt->region, -1,
                          SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        tpl_unit *u;
        if (t->nunit == cap) {
            tpl_unit *grown = realloc(t->unit, (cap = cap ? cap * 2 : 64) * sizeof *grown);
            if (!grown)
                break;
            t->unit = grown;
        }
        u = &t->unit[t->nunit++];
        u->why = NULL;
        u->code = column_dup(stmt, 0), u->name = column_dup(stmt, 1);
        u->tertiary_or_lead = sqlite3_column_int(stmt, 2);
        u->obstetrics = sqlite3_column_int(stmt, 3);
        u->tcm = sqlite3_column_int(stmt, 4);
        if (!u->code || !u->name)
            break;
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return pxr_fail(err, PXR_EINTERNAL, "reading the institutions failed");
    if (t->nunit == 0 && opt->institution)
        return pxr_fail(err, PXR_EUSAGE, "unknown institution '%s' (import institutions first)",
                        opt->institution);
    if (t->nunit == 0 && opt->region)
        return pxr_fail(err, PXR_EUSAGE, "no institutions below region '%s'", opt->region);
    if (t->nunit == 0)
        return pxr_fail(err, PXR_EUSAGE,
                        "the database has no institutions (import them first, or give "
                        "--institution)");
    return PXR_OK;
}

/* What the plugin does not ask of each unit (opt->not_asked), reasons kept once each. */
static int load_not_asked(tpl *t, const pxr_template_options *opt, pxr_error *err)
{
    char why[256];

    if (!opt->not_asked)
        return PXR_OK;
    for (size_t u = 0; u < t->nunit; u++) {
        tpl_unit *unit = &t->unit[u];
        for (size_t i = 0; i < t->nind; i++) {
            int rc = opt->not_asked(opt->not_asked_ctx, unit->code, t->ind[i].code, why, sizeof why,
                                    err);
            size_t k;
            if (rc < 0)
                return PXR_EINTERNAL;
            if (rc == 0)
                continue;
            if (!unit->why && !(unit->why = calloc(t->nind, sizeof *unit->why)))
                return pxr_fail(err, PXR_EINTERNAL, "out of memory");
            for (k = 0; k < t->nreason && strcmp(t->reason[k], why) != 0; k++)
                ;
            if (k == t->nreason) {
                char **grown = realloc(t->reason, (t->nreason + 1) * sizeof *grown);
                if (!grown || k >= 65535 || !(grown[k] = strdup(why))) {
                    if (grown)
                        t->reason = grown;
                    return pxr_fail(err, PXR_EINTERNAL, "out of memory");
                }
                t->reason = grown, t->nreason++;
            }
            unit->why[i] = (unsigned short)(k + 1);
        }
    }
    return PXR_OK;
}

/* The stored values of the period, so that a form can be corrected rather than retyped. */
static int load_values(pxr_store *st, tpl *t, pxr_error *err)
{
    sqlite3_stmt *stmt =
        pxr_store_prepare(st,
                          "SELECT indicator, value, numerator, denominator, text FROM value "
                          "WHERE unit = ? AND period = ?",
                          err);
    if (!stmt)
        return PXR_EINTERNAL;
    if (!(t->val = calloc(t->nunit * t->nind, sizeof *t->val))) {
        sqlite3_finalize(stmt);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    }
    for (size_t u = 0; u < t->nunit; u++) {
        sqlite3_reset(stmt);
        sqlite3_bind_text(stmt, 1, t->unit[u].code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, t->period, -1, SQLITE_STATIC);
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const char *code = (const char *)sqlite3_column_text(stmt, 0);
            for (size_t i = 0; i < t->nind; i++) {
                tpl_value *v = &t->val[u * t->nind + i];
                if (strcmp(t->ind[i].code, code) != 0)
                    continue;
                v->has_value = sqlite3_column_type(stmt, 1) != SQLITE_NULL;
                v->has_num = sqlite3_column_type(stmt, 2) != SQLITE_NULL;
                v->has_den = sqlite3_column_type(stmt, 3) != SQLITE_NULL;
                v->value = sqlite3_column_double(stmt, 1);
                v->num = sqlite3_column_double(stmt, 2);
                v->den = sqlite3_column_double(stmt, 3);
                if (strcmp(t->ind[i].type->type, "bool") == 0 && v->has_value)
                    v->answer = v->value != 0 ? "是" : "否";
                /*
                ** A value computed from its parts is left out, so that importing the
                ** form again recomputes exactly the stored number; a value the
                ** hospital stated (rounded) is kept.
                */
                if (t->ind[i].type->parts && v->has_value && v->has_num && v->has_den &&
                    v->den != 0) {
                    double computed =
                        (strcmp(t->ind[i].type->type, "rate") == 0 ? 100.0 : 1.0) * v->num / v->den;
                    if (fabs(computed - v->value) < 1e-9)
                        v->has_value = 0;
                }
            }
        }
    }
    sqlite3_finalize(stmt);
    return PXR_OK;
}

/* The shortest text that reads back as the same double. */
static void format_number(double x, char *out, size_t outlen)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(out, outlen, "%.*g", digits, x);
        if (strtod(out, NULL) == x)
            break;
    }
    if (strchr(out, 'e')) /* the importer takes plain decimals only */
        snprintf(out, outlen, "%.6f", x);
}

/* "适用", "适用（▲三级医院和医联体的牵头医院）", "不适用（▲仅…）" or "不适用（仅三级医院）". */
static void applicability_text(const tpl *t, size_t i, const tpl_unit *u, char *out, size_t outlen)
{
    const tpl_indicator *ind = &t->ind[i];
    int a = applicability_index(ind->applicability);
    if (applies_by_note(ind, u) && u->why && u->why[i])
        snprintf(out, outlen, "不适用（%s）", t->reason[u->why[i] - 1]);
    else if (a < 0)
        snprintf(out, outlen, "适用");
    else if (applies_by_note(ind, u))
        snprintf(out, outlen, "适用（%s%s）", applicabilities[a].mark, applicabilities[a].who);
    else
        snprintf(out, outlen, "不适用（%s仅%s）", applicabilities[a].mark, applicabilities[a].who);
}

/* "门诊患者预约诊疗率（%）▲": the name, unit and note as a column label. */
static void indicator_label(const tpl_indicator *ind, char *out, size_t outlen)
{
    int a = applicability_index(ind->applicability);
    snprintf(out, outlen, "%s %s%s%s%s%s", ind->code, ind->name, *ind->unit ? "（" : "", ind->unit,
             *ind->unit ? "）" : "", a >= 0 ? applicabilities[a].mark : "");
}

static const char *const long_columns[] = {
    "institution",   "period", "indicator", "name",      "unit",        "type",
    "applicability", "range",  "value",     "numerator", "denominator",
};
static const char *const long_labels[] = {
    PXR_TEMPLATE_LABEL_MARK,
    "期间",
    "指标代码",
    "指标名称",
    "单位",
    "类型",
    "适用范围",
    "允许范围",
    "数值",
    "分子",
    "分母",
};
enum { NLONG = sizeof long_columns / sizeof long_columns[0], COL_VALUE = 8 };
#define SIGNOFF_NAME "签字栏（填写后随数据导入，打印在评估报告末尾）"

/* ---- CSV ---- */

static void csv_put(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

static void csv_number(FILE *f, int has, double x, int last)
{
    char buf[64] = "";
    if (has)
        format_number(x, buf, sizeof buf);
    csv_put(f, buf, last);
}

static void csv_value_cells(FILE *f, const tpl_indicator *ind, const tpl_value *v, int last)
{
    if (v->answer)
        csv_put(f, v->answer, !ind->type->parts && last);
    else
        csv_number(f, v->has_value, v->value, !ind->type->parts && last);
    if (ind->type->parts) {
        csv_number(f, v->has_num, v->num, 0);
        csv_number(f, v->has_den, v->den, last);
    }
}

/* Writes to file (the temporary file of path); messages name path. */
static int write_csv(const tpl *t, const char *file, const char *path, pxr_error *err)
{
    FILE *f = fopen(file, "wb");
    char text[512];

    if (!f)
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot create: %s", path, strerror(errno));
    fputs("\xEF\xBB\xBF", f); /* the BOM tells Excel the file is UTF-8 */
    if (!t->wide) {
        const tpl_unit *u = &t->unit[0];
        for (int c = 0; c < NLONG; c++)
            csv_put(f, long_columns[c], c == NLONG - 1);
        for (int c = 0; c < NLONG; c++)
            csv_put(f, long_labels[c], c == NLONG - 1);
        for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++) {
            csv_put(f, u->code, 0);
            csv_put(f, t->period, 0);
            csv_put(f, pxr_template_signoff[k], 0);
            csv_put(f, SIGNOFF_NAME, 0);
            for (int c = 4; c < COL_VALUE; c++)
                csv_put(f, "", 0);
            csv_put(f, t->signoff[k] ? t->signoff[k] : "", 0);
            csv_put(f, "", 0);
            csv_put(f, "", 1);
        }
        for (size_t i = 0; i < t->nind; i++) {
            const tpl_indicator *ind = &t->ind[i];
            const tpl_value *v = &t->val[i];
            csv_put(f, u->code, 0);
            csv_put(f, t->period, 0);
            csv_put(f, ind->code, 0);
            csv_put(f, ind->name, 0);
            csv_put(f, ind->unit, 0);
            csv_put(f, ind->type->label, 0);
            applicability_text(t, i, u, text, sizeof text);
            csv_put(f, text, 0);
            csv_put(f, ind->type->range, 0);
            if (v->answer)
                csv_put(f, v->answer, 0);
            else
                csv_number(f, v->has_value, v->value, 0);
            csv_number(f, v->has_num, v->num, 0);
            csv_number(f, v->has_den, v->den, 1);
        }
    } else {
        csv_put(f, "institution", 0);
        csv_put(f, "name", 0);
        csv_put(f, "period", 0);
        for (size_t i = 0; i < t->nind; i++) {
            csv_put(f, t->ind[i].code, 0);
            if (t->ind[i].type->parts) {
                snprintf(text, sizeof text, "%s%s", t->ind[i].code, PXR_TEMPLATE_NUM_SUFFIX);
                csv_put(f, text, 0);
                snprintf(text, sizeof text, "%s%s", t->ind[i].code, PXR_TEMPLATE_DEN_SUFFIX);
                csv_put(f, text, 0);
            }
        }
        /* the sign-off of each institution's submission, after its indicators */
        for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++)
            csv_put(f, pxr_template_signoff[k], k == PXR_TEMPLATE_NSIGNOFF - 1);
        csv_put(f, PXR_TEMPLATE_LABEL_MARK, 0);
        csv_put(f, "机构名称", 0);
        csv_put(f, "期间", 0);
        for (size_t i = 0; i < t->nind; i++) {
            indicator_label(&t->ind[i], text, sizeof text);
            csv_put(f, text, 0);
            if (t->ind[i].type->parts) {
                snprintf(text, sizeof text, "%s 分子", t->ind[i].code);
                csv_put(f, text, 0);
                snprintf(text, sizeof text, "%s 分母", t->ind[i].code);
                csv_put(f, text, 0);
            }
        }
        for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++)
            csv_put(f, pxr_template_signoff[k], k == PXR_TEMPLATE_NSIGNOFF - 1);
        for (size_t u = 0; u < t->nunit; u++) {
            csv_put(f, t->unit[u].code, 0);
            csv_put(f, t->unit[u].name, 0);
            csv_put(f, t->period, 0);
            for (size_t i = 0; i < t->nind; i++)
                csv_value_cells(f, &t->ind[i], &t->val[u * t->nind + i], 0);
            for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++) {
                const char *v = t->signoff[u * PXR_TEMPLATE_NSIGNOFF + (size_t)k];
                csv_put(f, v ? v : "", k == PXR_TEMPLATE_NSIGNOFF - 1);
            }
        }
    }
    if (ferror(f) | fclose(f)) {
        return pxr_fail(err, PXR_EINTERNAL, "%s: write error: %s", path, strerror(errno));
    }
    return PXR_OK;
}

/* ---- XLSX ---- */

typedef struct xlsx_formats {
    lxw_format *code_row, *label_row, *text, *text_wrap, *text_na, *input, *input_na, *blocked;
    lxw_format *title, *para, *table_head;
} xlsx_formats;

static lxw_format *new_format(lxw_workbook *wb, lxw_color_t bg, int border)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (bg) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, bg);
    }
    if (border) {
        format_set_border(f, LXW_BORDER_THIN);
        format_set_border_color(f, 0xBFBFBF);
    }
    return f;
}

static void make_formats(lxw_workbook *wb, xlsx_formats *fm)
{
    fm->code_row = new_format(wb, 0xEDEDED, 1);
    format_set_font_color(fm->code_row, 0x595959);
    format_set_font_size(fm->code_row, 9);
    fm->label_row = new_format(wb, 0xD9E1F2, 1);
    format_set_bold(fm->label_row);
    format_set_text_wrap(fm->label_row);
    format_set_align(fm->label_row, LXW_ALIGN_CENTER);
    fm->text = new_format(wb, 0, 1);
    format_set_num_format(fm->text, "@");
    fm->text_wrap = new_format(wb, 0, 1);
    format_set_text_wrap(fm->text_wrap);
    fm->text_na = new_format(wb, 0xEDEDED, 1);
    format_set_font_color(fm->text_na, 0x808080);
    format_set_text_wrap(fm->text_na);
    /* yellow: the cells to fill in, the only unlocked ones */
    fm->input = new_format(wb, 0xFFF2CC, 1);
    format_set_unlocked(fm->input);
    fm->input_na = new_format(wb, 0xD9D9D9, 1);
    format_set_unlocked(fm->input_na);
    format_set_font_color(fm->input_na, 0x808080);
    /* no numerator/denominator for this type: locked and hatched */
    fm->blocked = new_format(wb, 0, 1);
    format_set_pattern(fm->blocked, LXW_PATTERN_LIGHT_UP);
    format_set_fg_color(fm->blocked, 0xD9D9D9);
    fm->title = workbook_add_format(wb);
    format_set_bold(fm->title);
    format_set_font_size(fm->title, 14);
    fm->para = workbook_add_format(wb);
    format_set_text_wrap(fm->para);
    format_set_align(fm->para, LXW_ALIGN_VERTICAL_TOP);
    fm->table_head = new_format(wb, 0xD9E1F2, 1);
    format_set_bold(fm->table_head);
}

static char *const yes_no[] = {"是", "否", NULL};

/* Data validation of a value (part 0), numerator (1) or denominator (2) cell range. */
static lxw_error validate_range(lxw_worksheet *ws, const type_info *ty, int part, lxw_row_t r1,
                                lxw_col_t c, lxw_row_t r2)
{
    lxw_data_validation dv;
    memset(&dv, 0, sizeof dv);
    dv.error_title = "数据有误";
    if (part == 2) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN;
        dv.value_number = 0;
        dv.error_message = "分母应为大于 0 的数。";
    } else if (part == 1) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "分子应为不小于 0 的数，且不大于分母。";
    } else if (strcmp(ty->type, "bool") == 0) {
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = (char **)yes_no;
        dv.error_message = "请选择“是”或“否”。";
    } else if (strcmp(ty->type, "rate") == 0) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = 0;
        dv.maximum_number = 100;
        dv.error_message = "率以百分数填写，在 0 到 100 之间，不带 % 号。";
    } else if (strcmp(ty->type, "count") == 0 || strcmp(ty->type, "level") == 0) {
        dv.validate = LXW_VALIDATION_TYPE_INTEGER;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "应为不小于 0 的整数。";
    } else {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
        dv.error_message = "应为不小于 0 的数。";
    }
    return worksheet_data_validation_range(ws, r1, c, r2, c, &dv);
}

static void write_number_or_blank(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int has, double x,
                                  lxw_format *f)
{
    if (has)
        worksheet_write_number(ws, r, c, x, f);
    else
        worksheet_write_blank(ws, r, c, f);
}

static lxw_error write_long_sheet(const tpl *t, lxw_worksheet *ws, const xlsx_formats *fm)
{
    static const double widths[NLONG] = {14, 9, 12, 52, 7, 7, 40, 11, 12, 12, 12};
    const tpl_unit *u = &t->unit[0];
    char text[512];
    lxw_error e = LXW_NO_ERROR;

    for (int c = 0; c < NLONG; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
        worksheet_write_string(ws, 0, (lxw_col_t)c, long_columns[c], fm->code_row);
        worksheet_write_string(ws, 1, (lxw_col_t)c, long_labels[c], fm->label_row);
    }
    worksheet_set_row(ws, 1, 22, NULL);
    worksheet_freeze_panes(ws, 2, 4);
    for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF; k++) {
        lxw_row_t r = (lxw_row_t)(k + 2);
        worksheet_write_string(ws, r, 0, u->code, fm->text);
        worksheet_write_string(ws, r, 1, t->period, fm->text);
        worksheet_write_string(ws, r, 2, pxr_template_signoff[k], fm->text);
        worksheet_write_string(ws, r, 3, SIGNOFF_NAME, fm->text_wrap);
        for (int c = 4; c < COL_VALUE; c++)
            worksheet_write_blank(ws, r, (lxw_col_t)c, fm->text_wrap);
        if (t->signoff[k])
            worksheet_write_string(ws, r, COL_VALUE, t->signoff[k], fm->input);
        else
            worksheet_write_blank(ws, r, COL_VALUE, fm->input);
        worksheet_write_blank(ws, r, COL_VALUE + 1, fm->blocked);
        worksheet_write_blank(ws, r, COL_VALUE + 2, fm->blocked);
    }
    for (size_t i = 0; i < t->nind && !e; i++) {
        const tpl_indicator *ind = &t->ind[i];
        const tpl_value *v = &t->val[i];
        lxw_row_t r = (lxw_row_t)(i + 2 + PXR_TEMPLATE_NSIGNOFF);
        int ok = applies(t, i, u);
        lxw_format *txt = ok ? fm->text_wrap : fm->text_na, *in = ok ? fm->input : fm->input_na;

        worksheet_write_string(ws, r, 0, u->code, ok ? fm->text : fm->text_na);
        worksheet_write_string(ws, r, 1, t->period, ok ? fm->text : fm->text_na);
        worksheet_write_string(ws, r, 2, ind->code, ok ? fm->text : fm->text_na);
        worksheet_write_string(ws, r, 3, ind->name, txt);
        worksheet_write_string(ws, r, 4, ind->unit, txt);
        worksheet_write_string(ws, r, 5, ind->type->label, txt);
        applicability_text(t, i, u, text, sizeof text);
        worksheet_write_string(ws, r, 6, text, txt);
        worksheet_write_string(ws, r, 7, ind->type->range, txt);
        if (v->answer)
            worksheet_write_string(ws, r, COL_VALUE, v->answer, in);
        else
            write_number_or_blank(ws, r, COL_VALUE, v->has_value, v->value, in);
        e = validate_range(ws, ind->type, 0, r, COL_VALUE, r);
        if (ind->type->parts) {
            write_number_or_blank(ws, r, COL_VALUE + 1, v->has_num, v->num, in);
            write_number_or_blank(ws, r, COL_VALUE + 2, v->has_den, v->den, in);
            if (!e)
                e = validate_range(ws, ind->type, 1, r, COL_VALUE + 1, r);
            if (!e)
                e = validate_range(ws, ind->type, 2, r, COL_VALUE + 2, r);
        } else {
            worksheet_write_blank(ws, r, COL_VALUE + 1, fm->blocked);
            worksheet_write_blank(ws, r, COL_VALUE + 2, fm->blocked);
        }
    }
    return e;
}

static lxw_error write_wide_sheet(const tpl *t, lxw_worksheet *ws, const xlsx_formats *fm)
{
    char text[512];
    lxw_col_t c = 3;
    lxw_row_t last = (lxw_row_t)(t->nunit + 1);
    lxw_error e = LXW_NO_ERROR;

    worksheet_set_column(ws, 0, 0, 14, NULL);
    worksheet_set_column(ws, 1, 1, 30, NULL);
    worksheet_set_column(ws, 2, 2, 9, NULL);
    worksheet_write_string(ws, 0, 0, "institution", fm->code_row);
    worksheet_write_string(ws, 0, 1, "name", fm->code_row);
    worksheet_write_string(ws, 0, 2, "period", fm->code_row);
    worksheet_write_string(ws, 1, 0, PXR_TEMPLATE_LABEL_MARK, fm->label_row);
    worksheet_write_string(ws, 1, 1, "机构名称", fm->label_row);
    worksheet_write_string(ws, 1, 2, "期间", fm->label_row);
    worksheet_set_row(ws, 1, 75, NULL);
    worksheet_freeze_panes(ws, 2, 3);
    for (size_t u = 0; u < t->nunit; u++) {
        worksheet_write_string(ws, (lxw_row_t)(u + 2), 0, t->unit[u].code, fm->text);
        worksheet_write_string(ws, (lxw_row_t)(u + 2), 1, t->unit[u].name, fm->text_wrap);
        worksheet_write_string(ws, (lxw_row_t)(u + 2), 2, t->period, fm->text);
    }
    for (size_t i = 0; i < t->nind && !e; i++) {
        const tpl_indicator *ind = &t->ind[i];
        int parts = ind->type->parts ? 3 : 1;
        worksheet_set_column(ws, c, (lxw_col_t)(c + parts - 1), 12, NULL);
        worksheet_write_string(ws, 0, c, ind->code, fm->code_row);
        indicator_label(ind, text, sizeof text);
        worksheet_write_string(ws, 1, c, text, fm->label_row);
        if (parts == 3) {
            snprintf(text, sizeof text, "%s%s", ind->code, PXR_TEMPLATE_NUM_SUFFIX);
            worksheet_write_string(ws, 0, c + 1, text, fm->code_row);
            snprintf(text, sizeof text, "%s%s", ind->code, PXR_TEMPLATE_DEN_SUFFIX);
            worksheet_write_string(ws, 0, c + 2, text, fm->code_row);
            snprintf(text, sizeof text, "%s 分子", ind->code);
            worksheet_write_string(ws, 1, c + 1, text, fm->label_row);
            snprintf(text, sizeof text, "%s 分母", ind->code);
            worksheet_write_string(ws, 1, c + 2, text, fm->label_row);
        }
        for (size_t u = 0; u < t->nunit; u++) {
            const tpl_value *v = &t->val[u * t->nind + i];
            lxw_row_t r = (lxw_row_t)(u + 2);
            lxw_format *in = applies(t, i, &t->unit[u]) ? fm->input : fm->input_na;
            if (v->answer)
                worksheet_write_string(ws, r, c, v->answer, in);
            else
                write_number_or_blank(ws, r, c, v->has_value, v->value, in);
            if (parts == 3) {
                write_number_or_blank(ws, r, c + 1, v->has_num, v->num, in);
                write_number_or_blank(ws, r, c + 2, v->has_den, v->den, in);
            }
        }
        for (int p = 0; p < parts && !e; p++)
            e = validate_range(ws, ind->type, p, 2, (lxw_col_t)(c + p), last);
        c = (lxw_col_t)(c + parts);
    }
    /* the sign-off of each institution's submission, after its indicators */
    for (int k = 0; k < PXR_TEMPLATE_NSIGNOFF && !e; k++, c++) {
        worksheet_set_column(ws, c, c, 14, NULL);
        worksheet_write_string(ws, 0, c, pxr_template_signoff[k], fm->code_row);
        worksheet_write_string(ws, 1, c, pxr_template_signoff[k], fm->label_row);
        for (size_t u = 0; u < t->nunit; u++) {
            const char *v = t->signoff[u * PXR_TEMPLATE_NSIGNOFF + (size_t)k];
            if (v)
                worksheet_write_string(ws, (lxw_row_t)(u + 2), c, v, fm->input);
            else
                worksheet_write_blank(ws, (lxw_row_t)(u + 2), c, fm->input);
        }
    }
    return e;
}

/* The 说明 sheet: what the form is for, how to fill it in, and the indicators it asks for. */
static void write_readme(const tpl *t, lxw_worksheet *ws, const xlsx_formats *fm)
{
    static const char *const steps[] = {
        "1. 只在黄色单元格中填写。前两行（列代码和中文列名）及机构、期间、指标代码已锁定"
        "（工作表保护未设密码，仅防误改）；请勿改动列代码，否则无法导入。",
        "2. 率（%）：填写分子和分母，“数值”可留空，由系统按 分子÷分母×100 计算；同时填写"
        "数值时，数值须与分子分母一致（允许按所写小数位四舍五入）。分子不大于分母。",
        "3. 计数、等级填写不小于 0 的整数；时长按“单位”填写不小于 0 的数；"
        "“是否”类指标从下拉列表选择 是 或 否。",
        "4. 没有数据的单元格请留空：空白表示缺失，不会当作 0。",
        "5. 灰色单元格是对本机构不适用的指标（▲ 适用于三级医院和医联体的牵头医院；"
        "＃ 适用于有产科的医疗机构），不必填写；填写了，导入时会给出警告。",
        "6. 表中已有数值为数据库中本期已导入的数据，可直接修改。",
        "7. 填好后导入：pxr import 本文件.xlsx（也可另存为 CSV UTF-8 后导入）。",
    };
    static const char *const heads[] = {"指标代码", "指标名称", "单位",
                                        "类型",     "允许范围", "适用范围"};
    char text[1024];
    lxw_row_t r = 0;

    worksheet_set_column(ws, 0, 0, 12, NULL);
    worksheet_set_column(ws, 1, 1, 60, NULL);
    worksheet_set_column(ws, 2, 4, 9, NULL);
    worksheet_set_column(ws, 5, 5, 34, NULL);
    snprintf(text, sizeof text, "《%s》数据填报表", t->title);
    worksheet_write_string(ws, r++, 0, text, fm->title);
    snprintf(text, sizeof text, "发文机关：%s", *t->issuer ? t->issuer : "（文件未载明）");
    worksheet_write_string(ws, r++, 0, text, NULL);
    snprintf(text, sizeof text, "文号：%s", t->number ? t->number : "（文件未载明）");
    worksheet_write_string(ws, r++, 0, text, NULL);
    if (*t->basis) {
        snprintf(text, sizeof text, "依据：%s", t->basis);
        worksheet_write_string(ws, r++, 0, text, NULL);
    }
    snprintf(text, sizeof text, "实施期间：%s　填报期间：%s（%s）", t->span, t->period_label,
             t->period);
    worksheet_write_string(ws, r++, 0, text, NULL);
    if (t->wide)
        snprintf(text, sizeof text, "填报范围：%zu 家医疗机构，每行一家机构", t->nunit);
    else
        snprintf(text, sizeof text, "填报单位：%s（%s），每行一项指标", t->unit[0].name,
                 t->unit[0].code);
    worksheet_write_string(ws, r++, 0, text, NULL);
    r++;
    worksheet_write_string(ws, r++, 0, "填报说明", fm->title);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++, r++) {
        worksheet_merge_range(ws, r, 0, r, 5, steps[i], fm->para);
        worksheet_set_row(ws, r, 32, NULL);
    }
    r++;
    worksheet_write_string(ws, r++, 0, "指标一览", fm->title);
    for (int c = 0; c < 6; c++)
        worksheet_write_string(ws, r, (lxw_col_t)c, heads[c], fm->table_head);
    r++;
    for (size_t i = 0; i < t->nind; i++, r++) {
        const tpl_indicator *ind = &t->ind[i];
        int a = applicability_index(ind->applicability);
        worksheet_write_string(ws, r, 0, ind->code, fm->text);
        worksheet_write_string(ws, r, 1, ind->name, fm->text_wrap);
        worksheet_write_string(ws, r, 2, ind->unit, fm->text);
        worksheet_write_string(ws, r, 3, ind->type->label, fm->text);
        worksheet_write_string(ws, r, 4, ind->type->range, fm->text);
        if (a >= 0)
            snprintf(text, sizeof text, "%s %s", applicabilities[a].mark, applicabilities[a].who);
        else
            snprintf(text, sizeof text, "全部机构");
        worksheet_write_string(ws, r, 5, text, fm->text_wrap);
    }
}

static int write_xlsx(const tpl *t, const char *file, const char *path, pxr_error *err)
{
    lxw_workbook *wb = workbook_new(file);
    lxw_worksheet *form, *readme;
    lxw_protection prot;
    lxw_doc_properties props;
    xlsx_formats fm;
    char title[600];
    lxw_error e;

    if (!wb)
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot start the workbook", path);
    form = workbook_add_worksheet(wb, "填报");
    readme = workbook_add_worksheet(wb, "说明");
    make_formats(wb, &fm);
    snprintf(title, sizeof title, "《%s》数据填报表 %s", t->title, t->period);
    memset(&props, 0, sizeof props);
    props.title = title;
    props.author = "pxr " PXR_VERSION;
    workbook_set_properties(wb, &props);
    e = t->wide ? write_wide_sheet(t, form, &fm) : write_long_sheet(t, form, &fm);
    write_readme(t, readme, &fm);
    memset(&prot, 0, sizeof prot);
    prot.format_columns = prot.format_rows = 1; /* widening a column is not tampering */
    /* printed for signing off: A4 landscape, all columns on one page, headers repeated */
    worksheet_set_paper(form, 9);
    worksheet_set_landscape(form);
    worksheet_repeat_rows(form, 0, 1);
    if (t->wide)
        worksheet_repeat_columns(form, 0, 2);
    else
        worksheet_fit_to_pages(form, 1, 0);
    worksheet_set_paper(readme, 9);
    worksheet_fit_to_pages(readme, 1, 0);
    worksheet_protect(form, NULL, &prot);
    worksheet_protect(readme, NULL, &prot);
    if (e) {
        workbook_close(wb);
        return pxr_fail(err, PXR_EINTERNAL, "%s: data validation: %s", path, lxw_strerror(e));
    }
    if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot write the workbook: %s", path,
                        lxw_strerror(e));
    }
    return PXR_OK;
}

static int has_extension(const char *path, const char *ext)
{
    size_t n = strlen(path), k = strlen(ext);
    return n > k && strcasecmp(path + n - k, ext) == 0;
}

int pxr_template_write(pxr_store *st, const pxr_template_options *opt, pxr_error *err)
{
    tpl t;
    pxr_period p;
    pxr_atomic out;
    int rc, xlsx = has_extension(opt->output, ".xlsx");

    if (!xlsx && !has_extension(opt->output, ".csv"))
        return pxr_fail(err, PXR_EUSAGE, "-o %s: the name must end in .xlsx or .csv", opt->output);
    if (pxr_period_parse(opt->period, &p) != 0)
        return pxr_fail(err, PXR_EUSAGE,
                        "--period %s: not a period (write 2023S1, 2023S2, 2023, 2023Q1 or "
                        "2023年上半年)",
                        opt->period);
    memset(&t, 0, sizeof t);
    t.wide = opt->institution == NULL;
    t.number = opt->number;
    pxr_period_id(&p, t.period, sizeof t.period);
    pxr_period_label(&p, t.period_label, sizeof t.period_label);
    if ((rc = load_plugin(st, &t, opt->plugin, &p, err)) == PXR_OK &&
        (rc = load_indicators(st, &t, opt->plugin, err)) == PXR_OK &&
        (rc = load_units(st, &t, opt, err)) == PXR_OK &&
        (rc = load_values(st, &t, err)) == PXR_OK &&
        (rc = load_not_asked(&t, opt, err)) == PXR_OK &&
        (rc = load_signoff(st, &t, err)) == PXR_OK &&
        (rc = pxr_atomic_open(&out, opt->output, err)) == PXR_OK) {
        /* an earlier file at the output survives any failure: it is replaced only at the end */
        rc = xlsx ? write_xlsx(&t, out.tmp, opt->output, err)
                  : write_csv(&t, out.tmp, opt->output, err);
        if (rc == PXR_OK)
            rc = pxr_atomic_commit(&out, err);
        else
            pxr_atomic_abort(&out);
    }
    tpl_free(&t);
    return rc;
}
