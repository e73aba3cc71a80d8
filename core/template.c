/*
** Fill-in templates: gathers the plugin's indicators, the institutions and the
** values already stored, then has them written as CSV (template_csv.c) or XLSX
** (template_xlsx.c) through a temporary file renamed into place.
*/
#include "template_internal.h"

#include "atomic.h"
#include "codes.h"
#include "import_codes.h"
#include "period.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What a template says about each indicator type. */
static const type_info types[] = {
    {"rate", "率", "0–100", 1},        {"ratio", "比值", "≥0", 1},
    {"count", "计数", "≥0 的整数", 0}, {"level", "等级", "≥0 的整数", 0},
    {"duration", "时长", "≥0", 0},     {"number", "数值", "≥0", 0},
    {"bool", "是否", "是/否", 0},
};

/* The ▲/＃ notes of the evaluation indicators (as lua/pxr/indicator.lua words them). */
const pxr_tpl_note pxr_tpl_applicabilities[PXR_TPL_NNOTES] = {
    {"tertiary_or_lead", "▲", "三级医院和医联体的牵头医院"},
    {"obstetrics", "＃", "有产科的医疗机构"},
    {"tcm", "", "中医、蒙医等民族医和中西医结合医院"}, /* no mark in the seed: our reading */
};

const char *const pxr_template_signoff[PXR_TEMPLATE_NSIGNOFF + 1] = {
    "填报人", "联系电话", "填报日期", "审核人（负责人）", NULL};

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

int pxr_tpl_applicability_index(const char *code)
{
    for (size_t i = 0;
         code && i < sizeof pxr_tpl_applicabilities / sizeof pxr_tpl_applicabilities[0]; i++)
        if (strcmp(pxr_tpl_applicabilities[i].code, code) == 0)
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
int pxr_tpl_applies(const tpl *t, size_t i, const tpl_unit *u)
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
    const char *cols = "SELECT i.code, i.name, i.level = '三级' OR i.alliance_lead = 1, "
                       "i.obstetrics = 1, i.kind FROM institution i ";
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
        const char *kind;
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
        kind = (const char *)sqlite3_column_text(stmt, 4);
        u->tcm = kind && pxr_one_of(kind, pxr_tcm_kinds) >= 0; /* applicability tcm */
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
void pxr_tpl_format_number(double x, char *out, size_t outlen)
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
void pxr_tpl_applicability_text(const tpl *t, size_t i, const tpl_unit *u, char *out, size_t outlen)
{
    const tpl_indicator *ind = &t->ind[i];
    int a = pxr_tpl_applicability_index(ind->applicability);
    if (applies_by_note(ind, u) && u->why && u->why[i])
        snprintf(out, outlen, "不适用（%s）", t->reason[u->why[i] - 1]);
    else if (a < 0)
        snprintf(out, outlen, "适用");
    else if (applies_by_note(ind, u))
        snprintf(out, outlen, "适用（%s%s）", pxr_tpl_applicabilities[a].mark,
                 pxr_tpl_applicabilities[a].who);
    else
        snprintf(out, outlen, "不适用（%s仅%s）", pxr_tpl_applicabilities[a].mark,
                 pxr_tpl_applicabilities[a].who);
}

/* "门诊患者预约诊疗率（%）▲": the name, unit and note as a column label. */
void pxr_tpl_indicator_label(const tpl_indicator *ind, char *out, size_t outlen)
{
    int a = pxr_tpl_applicability_index(ind->applicability);
    snprintf(out, outlen, "%s %s%s%s%s%s", ind->code, ind->name, *ind->unit ? "（" : "", ind->unit,
             *ind->unit ? "）" : "", a >= 0 ? pxr_tpl_applicabilities[a].mark : "");
}

const char *const pxr_tpl_long_columns[PXR_TPL_NLONG] = {
    "institution",   "period", "indicator", "name",      "unit",        "type",
    "applicability", "range",  "value",     "numerator", "denominator",
};
const char *const pxr_tpl_long_labels[PXR_TPL_NLONG] = {
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
        rc = xlsx ? pxr_tpl_write_xlsx(&t, out.tmp, opt->output, err)
                  : pxr_tpl_write_csv(&t, out.tmp, opt->output, err);
        if (rc == PXR_OK)
            rc = pxr_atomic_commit(&out, err);
        else
            pxr_atomic_abort(&out);
    }
    tpl_free(&t);
    return rc;
}
