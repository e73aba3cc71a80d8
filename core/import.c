#include "import.h"
#include "input.h"

#include "codes.h"
#include "import_codes.h"
#include "import_internal.h"
#include "csv.h"
#include "encoding.h"
#include "rows.h"
#include "period.h"
#include "sha256.h"
#include "template.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The ▲/＃ notes and the tcm reading, for the warning about a value that does not apply. */
static const struct {
    const char *code, *who;
} applicability_notes[] = {
    {"tertiary_or_lead", "▲ 三级医院和医联体的牵头医院"},
    {"obstetrics", "＃ 有产科的医疗机构"},
    {"tcm", "中医医院（含蒙医等民族医医院和中西医结合医院）"},
};

#define MAX_WARNINGS 20 /* per file; then a count */
#define MAX_ERRORS 100  /* per file: listed, then the import stops */

/* "where: field 'x' = 'v': message", or "where（数值）：'v'：message" in Chinese. */
static void field_message(importer *imp, int k, const char *fmt, va_list ap, char *out,
                          size_t outlen)
{
    char msg[1024], where[600];
    vsnprintf(msg, sizeof msg, pxr_msg(fmt), ap);
    pxr_import_locate(imp->src, imp->col[k] >= 0 ? (size_t)imp->col[k] : PXR_ROWS_RECORD, where,
                      sizeof where);
    if (pxr_msg_chinese())
        snprintf(out, outlen, "%s（%s）：'%.80s'：%s", where, pxr_import_column_label(imp->lay, k),
                 imp->cell[k] ? imp->cell[k] : "", msg);
    else
        snprintf(out, outlen, "%s: field '%s' = '%.80s': %s", where,
                 pxr_import_column_name(imp->lay, k), imp->cell[k] ? imp->cell[k] : "", msg);
}

/* A data error in field k of the record; PXR_EDATA. */
static int bad(importer *imp, int k, const char *fmt, ...) PXR_PRINTF(3, 4);
static int bad(importer *imp, int k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    field_message(imp, k, fmt, ap, imp->err->text, sizeof imp->err->text);
    va_end(ap);
    imp->err->code = PXR_EDATA;
    return PXR_EDATA;
}

/* A warning about field k: printed, the row is imported. */
static void warn(importer *imp, int k, const char *fmt, ...) PXR_PRINTF(3, 4);
static void warn(importer *imp, int k, const char *fmt, ...)
{
    char text[2048];
    va_list ap;
    va_start(ap, fmt);
    field_message(imp, k, fmt, ap, text, sizeof text);
    va_end(ap);
    fprintf(stderr, "pxr: %s%s\n", pxr_msg("warning: "), text);
}

/* A code must be safe as a file name and on a terminal (codes.h); the value is shown escaped. */
static int check_code(importer *imp, int k, size_t max)
{
    char why[200], shown[400], where[600];
    if (pxr_code_check(imp->cell[k], max, why, sizeof why) == 0)
        return PXR_OK;
    pxr_text_escape(imp->cell[k], 80, shown, sizeof shown);
    pxr_import_locate(imp->src, imp->col[k] >= 0 ? (size_t)imp->col[k] : PXR_ROWS_RECORD, where,
                      sizeof where);
    return pxr_fail(imp->err, PXR_EDATA, "%s: field '%s' = '%s': %s", where,
                    pxr_msg_chinese() ? pxr_import_column_label(imp->lay, k)
                                      : pxr_import_column_name(imp->lay, k),
                    shown, why);
}

static int sql_failed(importer *imp, const char *what)
{
    char where[600] = "";
    if (imp->src)
        pxr_import_locate(imp->src, PXR_ROWS_RECORD, where, sizeof where);
    return pxr_fail(imp->err, PXR_EINTERNAL, "%s: %s: %s", where[0] ? where : imp->file, what,
                    sqlite3_errmsg(imp->st->db));
}

/* Copies field k of the record, without surrounding blanks, into imp->cell[k]. */
static int load_cells(importer *imp)
{
    for (int k = 0; k < MAX_COLUMNS && imp->lay->columns[k]; k++) {
        const char *s = imp->col[k] >= 0 ? pxr_rows_field(imp->src, (size_t)imp->col[k]) : "";
        size_t n;
        while (*s == ' ' || *s == '\t')
            s++;
        n = strlen(s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (n + 1 > imp->cellcap[k]) {
            char *grown = realloc(imp->cell[k], n + 64);
            if (!grown)
                return pxr_fail(imp->err, PXR_EINTERNAL, "out of memory");
            imp->cell[k] = grown;
            imp->cellcap[k] = n + 64;
        }
        memcpy(imp->cell[k], s, n);
        imp->cell[k][n] = '\0';
    }
    return PXR_OK;
}

static const char *const level_names[] = {"三级", "二级", "一级", "未定级", NULL};
static const char *const grade_names[] = {"甲", "乙", "丙", NULL};
static const char *const kind_names[] = {"综合", "中医", "蒙医", "中西医结合",
                                         "妇幼", "专科", NULL};
static const char *const ownership_names[] = {"公立", "非公立", NULL};
static const char *const region_levels[] = {"country",  "province", "prefecture",
                                            "district", "county",   NULL};
static const char *const yes_words[] = {"是", "1", "Y", "y", "yes", "Yes", "YES", "true", NULL};
static const char *const no_words[] = {"否", "0", "N", "n", "no", "No", "NO", "false", NULL};

/* 1 for yes, 0 for no, -1 for anything else. */
static int parse_yes_no(const char *s)
{
    if (pxr_one_of(s, yes_words) >= 0)
        return 1;
    if (pxr_one_of(s, no_words) >= 0)
        return 0;
    return -1;
}

/*
** A plain decimal: optional minus, digits, optional fraction.  No exponent,
** no thousands separators, no percent sign: a value that needs guessing is
** refused.  *decimals gets the number of digits after the point.
*/
static int parse_decimal(const char *s, double *out, int *decimals)
{
    static const double powers[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *p = s;
    char *end;
    int digits = 0, frac = 0;
    uint64_t m = 0;

    if (*p == '-')
        p++;
    while (*p >= '0' && *p <= '9')
        m = m * 10 + (uint64_t)(*p++ - '0'), digits++;
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9')
            m = m * 10 + (uint64_t)(*p++ - '0'), frac++;
        if (!frac)
            return -1;
    }
    if (*p || !digits)
        return -1;
    /*
    ** Up to 15 digits the digits and the power of ten are exact doubles, so
    ** their quotient is the correctly rounded value, as strtod gives it.
    */
    if (digits + frac <= 15) {
        *out = (double)m / powers[frac];
        if (*s == '-')
            *out = -*out;
        if (decimals)
            *decimals = frac;
        return 0;
    }
    errno = 0;
    *out = strtod(s, &end);
    if (errno || *end || !isfinite(*out))
        return -1;
    if (decimals)
        *decimals = frac;
    return 0;
}

static int number_cell(importer *imp, int k, double *out, int *decimals)
{
    const char *s = imp->cell[k];
    if (parse_decimal(s, out, decimals) == 0)
        return PXR_OK;
    if (strchr(s, ','))
        return bad(imp, k, "not a number (write it without thousands separators)");
    if (strchr(s, '%') || strstr(s, "％"))
        return bad(imp, k, "not a number (write the percentage without the %% sign)");
    /* full-width digits ０-９ and point ． are EF BC 90-99 and EF BC 8E in UTF-8 */
    for (const unsigned char *u = (const unsigned char *)s; u[0]; u++)
        if (u[0] == 0xEF && u[1] == 0xBC && ((u[2] >= 0x90 && u[2] <= 0x99) || u[2] == 0x8E))
            return bad(imp, k,
                       "not a number: full-width digits (write 85, not ８５: switch the input "
                       "method to half-width)");
    return bad(imp, k, "not a number");
}

static int step_expect(importer *imp, sqlite3_stmt *stmt, int want, const char *what)
{
    int rc = sqlite3_step(stmt);
    if (rc != want && !(want == SQLITE_DONE && rc == SQLITE_ROW)) {
        sqlite3_reset(stmt);
        return sql_failed(imp, what);
    }
    return PXR_OK;
}

/* A prepared statement for sql (a string literal: its address is its name), kept for the file. */
static sqlite3_stmt *cached(importer *imp, const char *sql)
{
    int i;
    for (i = 0; i < STMT_CACHE && imp->cache[i].sql; i++)
        if (imp->cache[i].sql == sql) {
            sqlite3_reset(imp->cache[i].stmt);
            sqlite3_clear_bindings(imp->cache[i].stmt);
            return imp->cache[i].stmt;
        }
    sqlite3_stmt *stmt = pxr_store_prepare(imp->st, sql, imp->err);
    if (stmt && i < STMT_CACHE)
        imp->cache[i].sql = sql, imp->cache[i].stmt = stmt;
    else if (stmt) { /* cannot happen with the lookups below; stays correct if it does */
        sqlite3_finalize(imp->cache[STMT_CACHE - 1].stmt);
        imp->cache[STMT_CACHE - 1].sql = sql, imp->cache[STMT_CACHE - 1].stmt = stmt;
    }
    return stmt;
}

/* Looks up a row with one or two text parameters; *found tells whether it exists. */
static int lookup(importer *imp, const char *sql, const char *a, const char *b, int *found)
{
    sqlite3_stmt *stmt = cached(imp, sql);
    int rc;
    if (!stmt)
        return PXR_EINTERNAL;
    sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
    if (b)
        sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    *found = rc == SQLITE_ROW;
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? PXR_OK : sql_failed(imp, "lookup");
}

static int exists(importer *imp, const char *sql, const char *code, int *found)
{
    return lookup(imp, sql, code, NULL, found);
}

/* Institutions, then regions, as the file's rows will name them (regions count as both ▲ and ＃).
 */
static int load_units(importer *imp)
{
    sqlite3_stmt *stmt;
    int rc;
    if (imp->units.loaded)
        return PXR_OK;
    /* a region's values are aggregates: the ▲/＃/tcm notes are about institutions */
    stmt = pxr_store_prepare(imp->st,
                             "SELECT code, level = '三级' OR alliance_lead = 1, obstetrics = 1, 0, "
                             "0, kind FROM institution UNION ALL SELECT code, 1, 1, 1, 0, NULL "
                             "FROM region UNION ALL SELECT code, 1, 1, 1, 1, NULL FROM unit_group",
                             imp->err);
    if (!stmt)
        return PXR_EINTERNAL;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        if (pxr_units_add(
                &imp->units, (const char *)sqlite3_column_text(stmt, 0),
                sqlite3_column_int(stmt, 1), sqlite3_column_int(stmt, 2),
                sqlite3_column_type(stmt, 5) == SQLITE_NULL ||
                    pxr_one_of((const char *)sqlite3_column_text(stmt, 5), pxr_tcm_kinds) >= 0,
                sqlite3_column_int(stmt, 3), sqlite3_column_int(stmt, 4)) != 0) {
            sqlite3_finalize(stmt);
            return pxr_fail(imp->err, PXR_EINTERNAL, "out of memory");
        }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return sql_failed(imp, "reading the institutions");
    imp->units.loaded = 1;
    return PXR_OK;
}

/*
** Writes a row through the prepared upsert if it differs from what is stored.
** s_get selects the stored row's compared columns; the counts tell the user
** what the import did.
*/
static int count_change(importer *imp, int existed, int same)
{
    if (!existed)
        imp->added++;
    else if (same)
        imp->unchanged++;
    else
        imp->changed++;
    return PXR_OK;
}

static int same_text(sqlite3_stmt *stmt, int col, const char *s)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    if (!s || !*s)
        return sqlite3_column_type(stmt, col) == SQLITE_NULL;
    return t && strcmp((const char *)t, s) == 0;
}

/* Whether ?2 is ?1 or one of its ancestors: a parent that would close a loop. */
static const char ancestor_sql[] =
    "WITH RECURSIVE up(code) AS (SELECT ?1 UNION SELECT r.parent FROM region r "
    "JOIN up ON r.code = up.code WHERE r.parent IS NOT NULL) SELECT 1 FROM up WHERE code = ?2";

/*
** A region row: added, or renamed/moved.  Its parent must exist already, and
** the region must not lie above it (each row is checked against the tree as
** the rows before it left it, so the tree never gets a loop).  An empty
** parent means the root 100000 全国.
*/
static int row_region(importer *imp)
{
    int found, rc;
    const char *code = imp->cell[R_CODE], *parent = imp->cell[R_PARENT];
    const char *level = imp->cell[R_LEVEL];

    if (strlen(code) != 6 || strspn(code, "0123456789") != 6)
        return bad(imp, R_CODE, "a GB/T 2260 region code has six digits");
    if (!*imp->cell[R_NAME])
        return bad(imp, R_NAME, "the name is empty");
    if (pxr_one_of(level, region_levels) < 0)
        return bad(imp, R_LEVEL, "expected country, province, prefecture, district or county");
    if (!*parent && strcmp(code, PXR_REGION_ROOT) != 0)
        parent = PXR_REGION_ROOT;
    if (*parent) {
        if (strcmp(parent, code) == 0)
            return bad(imp, R_PARENT, "a region cannot be its own parent");
        if ((rc = exists(imp, "SELECT 1 FROM region WHERE code = ?", parent, &found)) != PXR_OK)
            return rc;
        if (!found)
            return bad(imp, R_PARENT, "unknown parent region (list parents before their children)");
        if ((rc = lookup(imp, ancestor_sql, parent, code, &found)) != PXR_OK)
            return rc;
        if (found)
            return bad(imp, R_PARENT,
                       "%s lies below %s: the region would be its own ancestor (a loop)", parent,
                       code);
    }
    sqlite3_reset(imp->s_get);
    sqlite3_bind_text(imp->s_get, 1, code, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(imp->s_get);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_failed(imp, "reading the region");
    int existed = rc == SQLITE_ROW;
    int same = existed && same_text(imp->s_get, 0, imp->cell[R_NAME]) &&
               same_text(imp->s_get, 1, parent) && same_text(imp->s_get, 2, level);
    sqlite3_reset(imp->s_get);
    if (!same) {
        sqlite3_reset(imp->s_put);
        sqlite3_bind_text(imp->s_put, 1, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(imp->s_put, 2, imp->cell[R_NAME], -1, SQLITE_TRANSIENT);
        pxr_bind_text_or_null(imp->s_put, 3, parent);
        sqlite3_bind_text(imp->s_put, 4, level, -1, SQLITE_TRANSIENT);
        if ((rc = step_expect(imp, imp->s_put, SQLITE_DONE, "writing the region")) != PXR_OK)
            return rc;
        sqlite3_reset(imp->s_put);
    }
    return count_change(imp, existed, same);
}

static int check_choice(importer *imp, int k, const char *const *options, const char *expected)
{
    if (pxr_one_of(imp->cell[k], options) < 0)
        return bad(imp, k, "expected %s", pxr_msg(expected));
    return PXR_OK;
}

static int row_institution(importer *imp)
{
    int found, rc, obst, lead;
    char **c = imp->cell;

    if ((rc = check_code(imp, I_CODE, 64)) != PXR_OK)
        return rc;
    if (!*c[I_NAME])
        return bad(imp, I_NAME, "the name is empty");
    if ((rc = exists(imp, "SELECT 1 FROM region WHERE code = ?", c[I_REGION], &found)) != PXR_OK)
        return rc;
    if (!found)
        return bad(imp, I_REGION,
                   "unknown region code (not a built-in 2023 county-level or "
                   "higher code, nor an imported one)");
    if ((rc = check_choice(imp, I_LEVEL, level_names, "三级, 二级, 一级 or 未定级")) != PXR_OK)
        return rc;
    if (*c[I_GRADE] && (rc = check_choice(imp, I_GRADE, grade_names, "甲, 乙, 丙 or empty")))
        return rc;
    if ((rc = check_choice(imp, I_KIND, kind_names, "综合, 中医, 蒙医, 中西医结合, 妇幼 or 专科")))
        return rc;
    if ((rc = check_choice(imp, I_OWNERSHIP, ownership_names, "公立 or 非公立")) != PXR_OK)
        return rc;
    if ((obst = parse_yes_no(c[I_OBST])) < 0)
        return bad(imp, I_OBST, "expected 是 or 否 (also 1/0, Y/N)");
    if ((lead = parse_yes_no(c[I_LEAD])) < 0)
        return bad(imp, I_LEAD, "expected 是 or 否 (also 1/0, Y/N)");

    sqlite3_reset(imp->s_get);
    sqlite3_bind_text(imp->s_get, 1, c[I_CODE], -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(imp->s_get);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_failed(imp, "reading the institution");
    int existed = rc == SQLITE_ROW, same = existed;
    for (int k = I_NAME; same && k <= I_OWNERSHIP; k++)
        same = same_text(imp->s_get, k - 1, c[k]);
    same = same && sqlite3_column_int(imp->s_get, 6) == obst &&
           sqlite3_column_int(imp->s_get, 7) == lead;
    sqlite3_reset(imp->s_get);
    if (!same) {
        sqlite3_reset(imp->s_put);
        for (int k = I_CODE; k <= I_OWNERSHIP; k++)
            pxr_bind_text_or_null(imp->s_put, k + 1, c[k]);
        sqlite3_bind_int(imp->s_put, 8, obst);
        sqlite3_bind_int(imp->s_put, 9, lead);
        sqlite3_bind_int64(imp->s_put, 10, imp->import_id);
        if ((rc = step_expect(imp, imp->s_put, SQLITE_DONE, "writing the institution")) != PXR_OK)
            return rc;
        sqlite3_reset(imp->s_put);
    }
    return count_change(imp, existed, same);
}

static int by_code(const void *key, const void *elem)
{
    return strcmp(key, ((const indicator_def *)elem)->code);
}

/* indicators[] is in code order (loaded ORDER BY code, which compares bytes as strcmp does) */
const indicator_def *pxr_import_find_indicator(importer *imp, const char *code)
{
    return imp->nindicators
               ? bsearch(code, imp->indicators, imp->nindicators, sizeof *imp->indicators, by_code)
               : NULL;
}

/*
** An unknown institution or region code: the message keeps its wording and
** adds the closest known code when one is near (found only now, on the error
** path, so a correct file pays nothing for it).  institutions_only: for
** departments, which belong to an institution.
*/
static int unknown_unit(importer *imp, int k, int institutions_only, const char *what)
{
    const char *best = NULL, *code = imp->cell[k];
    size_t bestd = 99, len = strlen(code);
    if (load_units(imp) != PXR_OK)
        return PXR_EINTERNAL;
    for (size_t i = 0; i < imp->units.n; i++) {
        if (institutions_only && imp->units.units[i].is_region)
            continue;
        size_t d = pxr_edit_distance(code, pxr_units_code(&imp->units, i));
        if (d < bestd)
            bestd = d, best = pxr_units_code(&imp->units, i);
    }
    /* near: two edits at most, and fewer than half the code (a typo, not another code) */
    if (best && bestd <= 2 && bestd * 2 < len)
        return bad(imp, k, "%s (import it first; did you mean '%s'?)", pxr_msg(what), best);
    return bad(imp, k, "%s (import it first)", pxr_msg(what));
}

/* Parses a plugin's span, "2023-2025" or "2016"; 0, or -1 if it is neither. */
static int parse_span(const char *s, int *from, int *to)
{
    char *end;
    long a = strtol(s, &end, 10), b = a;
    if (end == s)
        return -1;
    if (*end == '-') {
        const char *t = end + 1;
        b = strtol(t, &end, 10);
        if (end == t)
            return -1;
    }
    if (*end || a < 1900 || b < a || b > 2999)
        return -1;
    *from = (int)a, *to = (int)b;
    return 0;
}

/*
** The spans of the plugins that use each indicator.  An indicator of a plugin
** without a readable span (or of more than 8 plugins) gets no span check.
*/
static int load_spans(importer *imp)
{
    sqlite3_stmt *stmt =
        pxr_store_prepare(imp->st,
                          "SELECT pi.indicator, coalesce(p.span, '') FROM plugin_indicator pi "
                          "JOIN plugin p ON p.id = pi.plugin",
                          imp->err);
    if (!stmt)
        return PXR_EINTERNAL;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        indicator_def *d = (indicator_def *)pxr_import_find_indicator(
            imp, (const char *)sqlite3_column_text(stmt, 0));
        int from, to;
        if (!d || d->nspans < 0)
            continue;
        if (parse_span((const char *)sqlite3_column_text(stmt, 1), &from, &to) != 0 ||
            d->nspans == 8) {
            d->nspans = -1;
            continue;
        }
        d->span_from[d->nspans] = (short)from, d->span_to[d->nspans] = (short)to;
        d->nspans++;
    }
    sqlite3_finalize(stmt);
    return PXR_OK;
}

static int unknown_indicator(importer *imp)
{
    const char *best = NULL;
    size_t bestd = 99;
    for (size_t i = 0; i < imp->nindicators; i++) {
        size_t d = pxr_edit_distance(imp->cell[V_INDICATOR], imp->indicators[i].code);
        if (d < bestd)
            bestd = d, best = imp->indicators[i].code;
    }
    if (best && bestd <= 2)
        return bad(imp, V_INDICATOR, "unknown indicator code (did you mean '%s'?)", best);
    return bad(imp, V_INDICATOR, "unknown indicator code (see 'pxr catalog ID')");
}

int pxr_import_load_indicators(importer *imp)
{
    sqlite3_stmt *stmt;
    size_t cap = 0;
    if (imp->indicators) /* already loaded to read a wide header */
        return PXR_OK;
    stmt =
        pxr_store_prepare(imp->st,
                          "SELECT code, type, EXISTS(SELECT 1 FROM indicator p WHERE p.parent "
                          "= i.code), coalesce(applicability, '') FROM indicator i ORDER BY code",
                          imp->err);
    if (!stmt)
        return PXR_EINTERNAL;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (imp->nindicators == cap) {
            indicator_def *grown =
                realloc(imp->indicators, (cap = cap ? cap * 2 : 64) * sizeof *grown);
            if (!grown) {
                sqlite3_finalize(stmt);
                return pxr_fail(imp->err, PXR_EINTERNAL, "out of memory");
            }
            imp->indicators = grown;
        }
        indicator_def *d = &imp->indicators[imp->nindicators++];
        snprintf(d->code, sizeof d->code, "%s", (const char *)sqlite3_column_text(stmt, 0));
        snprintf(d->type, sizeof d->type, "%s", (const char *)sqlite3_column_text(stmt, 1));
        d->is_compound = sqlite3_column_int(stmt, 2);
        snprintf(d->applicability, sizeof d->applicability, "%s",
                 (const char *)sqlite3_column_text(stmt, 3));
        d->nspans = 0;
    }
    sqlite3_finalize(stmt);
    return load_spans(imp);
}

typedef struct parsed_value {
    int has_value, has_num, has_den;
    double value, num, den;
    const char *text;
} parsed_value;

/* Checks the value against its indicator's type; fills in a rate from its parts. */
static int parse_value(importer *imp, const indicator_def *ind, parsed_value *v)
{
    int rc, decimals = 0;
    char **c = imp->cell;
    int is_rate = strcmp(ind->type, "rate") == 0, is_ratio = strcmp(ind->type, "ratio") == 0;

    memset(v, 0, sizeof *v);
    if (strcmp(ind->type, "bool") == 0) {
        int yes = parse_yes_no(c[V_VALUE]);
        if (yes < 0)
            return bad(imp, V_VALUE, "indicator %s is yes/no: expected 是 or 否 (also 1/0, Y/N)",
                       ind->code);
        v->has_value = 1, v->value = yes, v->text = yes ? "是" : "否";
        if (*c[V_NUM] || *c[V_DEN])
            return bad(imp, *c[V_NUM] ? V_NUM : V_DEN,
                       "a yes/no indicator has no numerator "
                       "or denominator");
        return PXR_OK;
    }
    if (*c[V_VALUE]) {
        if ((rc = number_cell(imp, V_VALUE, &v->value, &decimals)) != PXR_OK)
            return rc;
        v->has_value = 1;
    }
    if (*c[V_NUM] && (rc = number_cell(imp, V_NUM, &v->num, NULL)) != PXR_OK)
        return rc;
    if (*c[V_DEN] && (rc = number_cell(imp, V_DEN, &v->den, NULL)) != PXR_OK)
        return rc;
    v->has_num = *c[V_NUM] != '\0';
    v->has_den = *c[V_DEN] != '\0';
    if ((v->has_num || v->has_den) && !is_rate && !is_ratio)
        return bad(imp, v->has_num ? V_NUM : V_DEN,
                   "indicator %s is a %s: only rates and ratios have a numerator and denominator",
                   ind->code, ind->type);
    if (v->has_num != v->has_den)
        return bad(imp, v->has_num ? V_DEN : V_NUM,
                   "give both numerator and denominator, or neither");
    if (v->has_num) {
        if (v->num < 0)
            return bad(imp, V_NUM, "a numerator cannot be negative");
        if (v->den <= 0)
            return bad(imp, V_DEN, "a denominator must be above zero");
        if (is_rate && v->num > v->den)
            return bad(imp, V_NUM, "numerator is above the denominator (%s)", c[V_DEN]);
        double computed = (is_rate ? 100.0 : 1.0) * v->num / v->den;
        /* the stated value may be rounded to the decimals it shows, no more: the one
           rounding rule, also pxr.indicator.consistent for validate and the reports */
        double tolerance = 0.5 * pow(10.0, -decimals) + 1e-9;
        if (!v->has_value) {
            v->value = computed, v->has_value = 1;
        } else if (fabs(v->value - computed) > tolerance) {
            return bad(imp, V_VALUE, "does not match numerator/denominator (%s/%s%s = %.4g)",
                       c[V_NUM], c[V_DEN], is_rate ? " × 100" : "", computed);
        }
    }
    if (!v->has_value)
        return PXR_OK;
    if (is_rate && !v->has_num && v->value > 0 && v->value < 1 && ++imp->warnings <= MAX_WARNINGS)
        warn(imp, V_VALUE,
             "indicator %s is a rate in percent: did you mean %g? (the value is imported as "
             "written)",
             ind->code, v->value * 100);
    if (is_rate && (v->value < 0 || v->value > 100))
        return bad(imp, V_VALUE, "a rate is a percentage between 0 and 100");
    if (v->value < 0)
        return bad(imp, V_VALUE, "indicator %s (%s) cannot be negative", ind->code, ind->type);
    if ((strcmp(ind->type, "count") == 0 || strcmp(ind->type, "level") == 0) &&
        v->value != floor(v->value))
        return bad(imp, V_VALUE, "indicator %s is a %s: a whole number is expected", ind->code,
                   ind->type);
    return PXR_OK;
}

static void bind_number(sqlite3_stmt *stmt, int i, int has, double x)
{
    if (has)
        sqlite3_bind_double(stmt, i, x);
    else
        sqlite3_bind_null(stmt, i);
}

/*
** A value for an indicator that does not apply to the institution (▲/＃, and
** indicator 15's tcm: pxr.indicator.applies, validate's applicability rule) is
** kept, since the hospital may know better than the group set, but said.
*/
static void not_applicable(importer *imp, const indicator_def *ind)
{
    int k = *imp->cell[V_VALUE] ? V_VALUE : V_NUM;
    for (size_t a = 0; a < sizeof applicability_notes / sizeof applicability_notes[0]; a++) {
        int applies = a == 0   ? imp->unit_tertiary_or_lead
                      : a == 1 ? imp->unit_obstetrics
                               : imp->unit_tcm;
        if (strcmp(ind->applicability, applicability_notes[a].code) != 0 || applies)
            continue;
        if (++imp->warnings > MAX_WARNINGS)
            return;
        warn(imp, k, "indicator %s applies only to %s, which %s is not (the value is imported)",
             ind->code, applicability_notes[a].who, imp->cell[V_UNIT]);
    }
}

/* A period as a number below 2^16 for the packed key: year, kind and index. */
static uint64_t period_number(const pxr_period *p)
{
    int k = p->kind == 'Y' ? 0 : p->kind == 'S' ? p->index : 2 + p->index; /* 0..6 */
    return (uint64_t)(p->year - 1900) * 8 + (uint64_t)k;
}

/*
** A value for a period outside the span of every plan that uses the indicator
** (a 2022 value for the 2023-2025 indicators) is said but kept: a baseline
** year before the plan is legitimate data, a typo in the year is not, and only
** the person importing can tell them apart.
*/
static void outside_span(importer *imp, const indicator_def *ind)
{
    char spans[160] = "";
    size_t used = 0;
    if (ind->nspans <= 0)
        return;
    for (int i = 0; i < ind->nspans; i++)
        if (imp->period.year >= ind->span_from[i] && imp->period.year <= ind->span_to[i])
            return;
    if (++imp->span_warnings > MAX_WARNINGS)
        return;
    for (int i = 0; i < ind->nspans && used < sizeof spans - 24; i++) {
        char one[24];
        int dup = 0;
        if (ind->span_from[i] == ind->span_to[i])
            snprintf(one, sizeof one, "%d", ind->span_from[i]);
        else
            snprintf(one, sizeof one, "%d-%d", ind->span_from[i], ind->span_to[i]);
        for (int j = 0; j < i; j++)
            dup |= ind->span_from[j] == ind->span_from[i] && ind->span_to[j] == ind->span_to[i];
        if (!dup)
            used +=
                (size_t)snprintf(spans + used, sizeof spans - used, "%s%s", used ? ", " : "", one);
    }
    warn(imp, V_PERIOD,
         "%s is outside the span of every plan that uses indicator %s (%s); the value is "
         "imported",
         imp->pid, ind->code, spans);
}

static int same_number(sqlite3_stmt *stmt, int col, int has, double x)
{
    if (!has)
        return sqlite3_column_type(stmt, col) == SQLITE_NULL;
    return sqlite3_column_type(stmt, col) != SQLITE_NULL && sqlite3_column_double(stmt, col) == x;
}

/* Binds a value's eight parameters, from ?(at + 1): indicator, unit, period, …, import. */
static void bind_value(importer *imp, sqlite3_stmt *stmt, int at, const indicator_def *ind,
                       const char *unit, const char *pid, const parsed_value *v)
{
    sqlite3_bind_text(stmt, at + 1, ind->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, at + 2, unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, at + 3, pid, -1, SQLITE_STATIC);
    bind_number(stmt, at + 4, v->has_value, v->value);
    bind_number(stmt, at + 5, v->has_num, v->num);
    bind_number(stmt, at + 6, v->has_den, v->den);
    if (v->text)
        sqlite3_bind_text(stmt, at + 7, v->text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, at + 7);
    sqlite3_bind_int64(stmt, at + 8, imp->import_id);
}

/* Runs the value INSERT or UPDATE for the current row: rows changed (0 or 1), or -1. */
static int put_value(importer *imp, sqlite3_stmt *stmt, const indicator_def *ind, const char *unit,
                     const char *pid, const parsed_value *v)
{
    if (stmt == imp->s_hist)
        pxr_bind_text_or_null(stmt, 9, imp->opt->reason);
    bind_value(imp, stmt, 0, ind, unit, pid, v);
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        return -1;
    return sqlite3_changes(imp->st->db) > 0;
}

/*
** Approved data is locked: the approval that covers this value (a plugin
** using the indicator, approved and not reopened since), or PXR_OK.
*/
static int check_unlocked(importer *imp, const indicator_def *ind)
{
    sqlite3_stmt *q = imp->s_lock;
    int rc;
    if (!imp->any_approved)
        return PXR_OK;
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, ind->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, imp->cell[V_UNIT], -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, imp->pid, -1, SQLITE_STATIC);
    if ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        char plugin[64], who[128], stamp[40], when[80];
        snprintf(plugin, sizeof plugin, "%s", (const char *)sqlite3_column_text(q, 0));
        snprintf(who, sizeof who, "%s", (const char *)sqlite3_column_text(q, 1));
        snprintf(stamp, sizeof stamp, "%s", (const char *)sqlite3_column_text(q, 2));
        sqlite3_reset(q);
        return bad(imp, V_VALUE,
                   "%s %s %s is approved (%s, approved by %s at %s) and would change; "
                   "nothing is imported (to correct it: pxr reopen %s --period %s "
                   "--institution %s --reason TEXT)",
                   imp->cell[V_UNIT], imp->pid, ind->code, plugin, who,
                   pxr_msg_time(stamp, when, sizeof when), plugin, imp->pid, imp->cell[V_UNIT]);
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? PXR_OK : sql_failed(imp, "reading the approvals");
}

/* The unit's submission for the period: received when first imported, updated each time. */
static int record_submission(importer *imp, const char *unit, const char *pid, uint64_t key)
{
    if (imp->last_sub == key + 1)
        return PXR_OK;
    sqlite3_reset(imp->s_sub);
    sqlite3_bind_text(imp->s_sub, 1, unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(imp->s_sub, 2, pid, -1, SQLITE_STATIC);
    sqlite3_bind_text(imp->s_sub, 3, imp->received, -1, SQLITE_STATIC);
    sqlite3_bind_int64(imp->s_sub, 4, imp->import_id);
    if (step_expect(imp, imp->s_sub, SQLITE_DONE, "recording the submission") != PXR_OK)
        return PXR_EINTERNAL;
    sqlite3_reset(imp->s_sub);
    imp->last_sub = key + 1;
    return PXR_OK;
}

/* A new value was written: it must not add to approved data; its submission is recorded. */
static int added_value(importer *imp, const indicator_def *ind, const char *unit, const char *pid,
                       uint64_t key)
{
    int rc = check_unlocked(imp, ind);
    if (rc == PXR_OK)
        rc = record_submission(imp, unit, pid, key);
    if (rc == PXR_OK)
        imp->added++;
    return rc;
}

/*
** A stored value: if the row differs, the old one goes to value_history and
** the row replaces it, unless it is approved.  Counts changed or unchanged.
*/
static int replace_value(importer *imp, const indicator_def *ind, const char *unit, const char *pid,
                         const parsed_value *v, uint64_t key)
{
    int rc;
    if ((rc = put_value(imp, imp->s_hist, ind, unit, pid, v)) < 0)
        return sql_failed(imp, "keeping the replaced value");
    if (rc == 0) {
        imp->unchanged++;
        return PXR_OK;
    }
    if ((rc = check_unlocked(imp, ind)) != PXR_OK)
        return rc;
    if (put_value(imp, imp->s_upd, ind, unit, pid, v) < 0)
        return sql_failed(imp, "writing the value");
    imp->changed++;
    return record_submission(imp, unit, pid, key);
}

/*
** The sign-off of a submission (填报人, 联系电话, 填报日期, 审核人（负责人）): rows of a
** long template whose indicator cell is the label and value cell the text.
*/
static const char *const signoff_sql[] = {
    "UPDATE submission SET filled_by = ?3 WHERE unit = ?1 AND period = ?2 AND filled_by IS NOT ?3",
    "UPDATE submission SET phone = ?3 WHERE unit = ?1 AND period = ?2 AND phone IS NOT ?3",
    "UPDATE submission SET filled_on = ?3 WHERE unit = ?1 AND period = ?2 AND filled_on IS NOT ?3",
    "UPDATE submission SET reviewer = ?3 WHERE unit = ?1 AND period = ?2 AND reviewer IS NOT ?3",
};

static const char signoff_lock_sql[] =
    "SELECT 1 FROM approval a WHERE a.unit = ?1 AND a.period = ?2 AND a.action = 'approve' AND "
    "a.id = (SELECT max(b.id) FROM approval b WHERE b.plugin = a.plugin AND b.unit = a.unit AND "
    "b.period = a.period)";

static int row_signoff(importer *imp, int field, uint64_t key)
{
    sqlite3_stmt *stmt;
    if (!*imp->cell[V_VALUE]) {
        imp->skipped++;
        return PXR_OK;
    }
    if (*imp->cell[V_NUM] || *imp->cell[V_DEN])
        return bad(imp, *imp->cell[V_NUM] ? V_NUM : V_DEN,
                   "a sign-off field has no numerator or denominator");
    if (strlen(imp->cell[V_VALUE]) > 200)
        return bad(imp, V_VALUE, "a sign-off field is at most 200 bytes");
    /* an unchanged sign-off touches nothing; a first one starts the submission */
    for (int pass = 0; pass < 2; pass++) {
        int found = 1;
        if (!(stmt = cached(imp, signoff_sql[field])))
            return PXR_EINTERNAL;
        sqlite3_bind_text(stmt, 1, imp->cell[V_UNIT], -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, imp->pid, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 3, imp->cell[V_VALUE], -1, SQLITE_STATIC);
        if (step_expect(imp, stmt, SQLITE_DONE, "recording the sign-off") != PXR_OK)
            return PXR_EINTERNAL;
        if (sqlite3_changes(imp->st->db) > 0) {
            /* approved data includes its sign-off (the change is rolled back with the import) */
            int locked = 0;
            if (imp->any_approved &&
                lookup(imp, signoff_lock_sql, imp->cell[V_UNIT], imp->pid, &locked) != PXR_OK)
                return PXR_EINTERNAL;
            if (locked)
                return bad(imp, V_VALUE,
                           "%s %s: the submission is approved and its sign-off would change; "
                           "nothing is imported (to correct it: pxr reopen)",
                           imp->cell[V_UNIT], imp->pid);
            imp->changed++;
            return record_submission(imp, imp->cell[V_UNIT], imp->pid, key);
        }
        if (pass == 0 && lookup(imp, "SELECT 1 FROM submission WHERE unit = ? AND period = ?",
                                imp->cell[V_UNIT], imp->pid, &found) != PXR_OK)
            return PXR_EINTERNAL;
        if (found)
            break;
        if (record_submission(imp, imp->cell[V_UNIT], imp->pid, key) != PXR_OK)
            return PXR_EINTERNAL;
    }
    imp->unchanged++;
    return PXR_OK;
}

/*
** The stored path: *found tells whether the database holds the key; if so the
** value is counted unchanged, replaced, or (written by this import's
** multi-row INSERT) added.
*/
static int stored_value(importer *imp, const indicator_def *ind, const char *unit, const char *pid,
                        const parsed_value *v, uint64_t sub, int *found)
{
    sqlite3_stmt *get = imp->s_get;
    sqlite3_bind_text(get, 1, ind->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(get, 2, unit, -1, SQLITE_STATIC);
    sqlite3_bind_text(get, 3, pid, -1, SQLITE_STATIC);
    int rc = sqlite3_step(get);
    int same = rc == SQLITE_ROW && same_number(get, 0, v->has_value, v->value) &&
               same_number(get, 1, v->has_num, v->num) && same_number(get, 2, v->has_den, v->den) &&
               same_text(get, 3, v->text);
    int ours = rc == SQLITE_ROW && sqlite3_column_int64(get, 4) == imp->import_id;
    sqlite3_reset(get);
    *found = rc == SQLITE_ROW;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_failed(imp, "reading the value");
    if (ours)
        return added_value(imp, ind, unit, pid, sub);
    if (same) {
        imp->unchanged++;
        return PXR_OK;
    }
    return *found ? replace_value(imp, ind, unit, pid, v, sub) : PXR_OK;
}

/* One new value through the single-row INSERT … DO NOTHING. */
static int new_value(importer *imp, const indicator_def *ind, const char *unit, const char *pid,
                     const parsed_value *v, uint64_t sub)
{
    int rc = put_value(imp, imp->s_put, ind, unit, pid, v);
    if (rc < 0)
        return sql_failed(imp, "writing the value");
    if (rc > 0)
        return added_value(imp, ind, unit, pid, sub);
    imp->expect_stored = 1;
    return replace_value(imp, ind, unit, pid, v, sub);
}

/*
** Values waiting to be written, checked already: an INSERT's fixed cost
** (statement, cursor, journal bookkeeping) is most of a row's, so BATCH rows
** share one (6 M values: −30 % of SQLite's instructions).
*/
#define BATCH 64

typedef struct pending_value {
    const indicator_def *ind;
    parsed_value v;
    uint64_t sub;
    char unit[128], pid[16];
} pending_value;

typedef struct value_batch {
    sqlite3_stmt *insert; /* BATCH rows, INSERT … DO NOTHING */
    int n;
    pending_value rows[BATCH];
} value_batch;

static int prepare_batch(importer *imp)
{
    static const char head[] = "INSERT INTO value(indicator, unit, period, value, numerator, "
                               "denominator, text, import_id) VALUES",
                      row[] = "(?,?,?,?,?,?,?,?),",
                      tail[] = " ON CONFLICT(unit, period, indicator) DO NOTHING";
    char sql[sizeof head + BATCH * (sizeof row - 1) + sizeof tail], *e = sql;
    if (!(imp->batch = calloc(1, sizeof *imp->batch)))
        return pxr_fail(imp->err, PXR_EINTERNAL, "out of memory");
    e += sprintf(e, "%s", head);
    for (int i = 0; i < BATCH; i++)
        e += sprintf(e, "%s", row);
    sprintf(e - 1, "%s", tail); /* over the last comma */
    imp->batch->insert = pxr_store_prepare(imp->st, sql, imp->err);
    return imp->batch->insert ? PXR_OK : PXR_EINTERNAL;
}

/*
** Writes the waiting values: a full batch in one statement, a last, shorter
** one row by row.  When the INSERT added fewer rows than it had, some were
** stored: each is looked up and takes the stored path.
*/
static int flush_values(importer *imp)
{
    value_batch *b = imp->batch;
    int n = b ? b->n : 0, rc = PXR_OK;
    if (n == 0)
        return PXR_OK;
    b->n = 0;
    if (n < BATCH) {
        for (int i = 0; rc == PXR_OK && i < n; i++) {
            pending_value *p = &b->rows[i];
            rc = new_value(imp, p->ind, p->unit, p->pid, &p->v, p->sub);
        }
        return rc;
    }
    for (int i = 0; i < n; i++) {
        pending_value *p = &b->rows[i];
        bind_value(imp, b->insert, 8 * i, p->ind, p->unit, p->pid, &p->v);
    }
    rc = sqlite3_step(b->insert);
    sqlite3_reset(b->insert);
    if (rc != SQLITE_DONE)
        return sql_failed(imp, "writing the values");
    int all_new = sqlite3_changes(imp->st->db) == n, found;
    rc = PXR_OK;
    for (int i = 0; rc == PXR_OK && i < n; i++) {
        pending_value *p = &b->rows[i];
        rc = all_new ? added_value(imp, p->ind, p->unit, p->pid, p->sub)
                     : stored_value(imp, p->ind, p->unit, p->pid, &p->v, p->sub, &found);
    }
    if (!all_new)
        imp->expect_stored = 1;
    return rc;
}

static int row_value(importer *imp)
{
    char **c = imp->cell;
    const indicator_def *ind;
    parsed_value v;
    int rc;
    long unit;

    /* the rows of one unit come together: look it up once per run of rows */
    if (strcmp(c[V_UNIT], imp->last_unit) != 0) {
        if ((unit = pxr_units_find(&imp->units, c[V_UNIT])) < 0)
            return unknown_unit(imp, V_UNIT, 0, "unknown institution or region code");
        imp->unit_tertiary_or_lead = imp->units.units[unit].tertiary_or_lead;
        imp->unit_obstetrics = imp->units.units[unit].obstetrics;
        imp->unit_tcm = imp->units.units[unit].tcm;
        imp->unit_index = unit;
        snprintf(imp->last_unit, sizeof imp->last_unit, "%s", c[V_UNIT]);
    }
    /* so do the rows of one period */
    if (strcmp(c[V_PERIOD], imp->last_period) != 0) {
        if (pxr_period_parse(c[V_PERIOD], &imp->period) != 0) {
            imp->last_period[0] = '\0';
            return bad(imp, V_PERIOD,
                       "not a period (write 2023S1, 2023S2, 2023, 2023Q1 or "
                       "2023年上半年)");
        }
        pxr_period_id(&imp->period, imp->pid, sizeof imp->pid);
        snprintf(imp->last_period, sizeof imp->last_period, "%s", c[V_PERIOD]);
        if (strlen(c[V_PERIOD]) >= sizeof imp->last_period)
            imp->last_period[0] = '\0'; /* too long to cache: parse it again next time */
    }
    if (!*c[V_INDICATOR])
        return bad(imp, V_INDICATOR, "the indicator code is empty");
    int signoff = pxr_one_of(c[V_INDICATOR], pxr_template_signoff);
    if (signoff >= 0 && (rc = flush_values(imp)) != PXR_OK) /* it may start a submission */
        return rc;
    if (signoff >= 0)
        return row_signoff(imp, signoff,
                           (uint64_t)imp->unit_index << 32 | period_number(&imp->period));
    if (!(ind = pxr_import_find_indicator(imp, c[V_INDICATOR])))
        return unknown_indicator(imp);
    if (ind->is_compound)
        return bad(imp, V_INDICATOR,
                   "a compound indicator: give the values of its parts "
                   "(see 'pxr catalog')");
    if (!*c[V_VALUE] && !*c[V_NUM] && !*c[V_DEN]) {
        imp->skipped++; /* an empty row is missing data, never a zero */
        return PXR_OK;
    }
    if ((rc = parse_value(imp, ind, &v)) != PXR_OK)
        return rc;
    not_applicable(imp, ind);
    outside_span(imp, ind);

    /* the same key twice in one file is an error, not a silent overwrite */
    uint64_t key = (uint64_t)imp->unit_index << 32 | (uint64_t)(ind - imp->indicators) << 16 |
                   period_number(&imp->period);
    long first =
        pxr_keys_add(&imp->seen, key, pxr_rows_line(imp->src), imp->unit_index, imp->units.n);
    if (first < 0)
        return pxr_fail(imp->err, PXR_EINTERNAL, "%s: out of memory", imp->file);
    if (first > 0)
        return bad(imp, V_INDICATOR, "%s for %s in %s is already given on line %ld", ind->code,
                   c[V_UNIT], imp->pid, first);
    uint64_t sub = (uint64_t)imp->unit_index << 32 | period_number(&imp->period);

    /*
    ** A new value takes one statement: INSERT … DO NOTHING, shared by BATCH
    ** rows when no data is approved.  A stored one (a re-import) takes one
    ** SELECT when it is unchanged.  Which comes first follows the previous
    ** row, since a file is mostly new or mostly known.
    */
    if (imp->expect_stored) {
        int found;
        if ((rc = stored_value(imp, ind, c[V_UNIT], imp->pid, &v, sub, &found)) != PXR_OK || found)
            return rc;
        imp->expect_stored = 0;
    }
    size_t unit_len = strlen(c[V_UNIT]);
    if (imp->batch && unit_len < sizeof imp->batch->rows[0].unit) {
        pending_value *p = &imp->batch->rows[imp->batch->n++];
        p->ind = ind, p->v = v, p->sub = sub;
        memcpy(p->unit, c[V_UNIT], unit_len + 1); /* not snprintf: 6 % of the instructions */
        memcpy(p->pid, imp->pid, sizeof p->pid);
        return imp->batch->n == BATCH ? flush_values(imp) : PXR_OK;
    }
    return new_value(imp, ind, c[V_UNIT], imp->pid, &v, sub);
}

/*
** Rows whose columns are all text: the first nkeys cells (in layout order)
** are the key, the rest the data; s_get selects the data by key, s_put
** upserts the whole row.
*/
static int upsert_text_row(importer *imp, int nkeys, int ncols, const char *what)
{
    int rc, existed, same;

    sqlite3_reset(imp->s_get);
    for (int k = 0; k < nkeys; k++)
        sqlite3_bind_text(imp->s_get, k + 1, imp->cell[k], -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(imp->s_get);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_failed(imp, what);
    existed = rc == SQLITE_ROW;
    same = existed;
    for (int k = nkeys; same && k < ncols; k++)
        same = same_text(imp->s_get, k - nkeys, imp->cell[k]);
    sqlite3_reset(imp->s_get);
    if (!same) {
        sqlite3_reset(imp->s_put);
        for (int k = 0; k < ncols; k++)
            pxr_bind_text_or_null(imp->s_put, k + 1, imp->cell[k]);
        if (sqlite3_bind_parameter_count(imp->s_put) > ncols) /* departments keep no import id */
            sqlite3_bind_int64(imp->s_put, ncols + 1, imp->import_id);
        if ((rc = step_expect(imp, imp->s_put, SQLITE_DONE, what)) != PXR_OK)
            return rc;
        sqlite3_reset(imp->s_put);
    }
    return count_change(imp, existed, same);
}

/* Checks a unit (institution or region) and a period, and rewrites the period as its id. */
static int check_unit_period(importer *imp, int unit, int period)
{
    pxr_period p;

    if (pxr_units_find(&imp->units, imp->cell[unit]) < 0)
        return unknown_unit(imp, unit, 0, "unknown institution or region code");
    if (pxr_period_parse(imp->cell[period], &p) != 0)
        return bad(imp, period,
                   "not a period (write 2023S1, 2023S2, 2023, 2023Q1 or "
                   "2023年上半年)");
    pxr_period_id(&p, imp->cell[period], imp->cellcap[period]);
    return PXR_OK;
}

static int check_plugin(importer *imp, int k)
{
    int found, rc = lookup(imp, "SELECT 1 FROM plugin WHERE id = ?", imp->cell[k], NULL, &found);
    if (rc == PXR_OK && !found)
        return bad(imp, k, "unknown plugin (see 'pxr plugins')");
    return rc;
}

static int row_department(importer *imp)
{
    long unit = pxr_units_find(&imp->units, imp->cell[D_INSTITUTION]);
    if (unit < 0 || imp->units.units[unit].is_region)
        return unknown_unit(imp, D_INSTITUTION, 1, "unknown institution");
    int rc = check_code(imp, D_CODE, 64);
    if (rc != PXR_OK)
        return rc;
    if (!*imp->cell[D_NAME])
        return bad(imp, D_NAME, "the name is empty");
    return upsert_text_row(imp, 2, 3, "writing the department");
}

static const char *const status_names[] = {"未启动", "推进中", "已完成", NULL};

static int row_measure_status(importer *imp)
{
    int found, rc;
    char **c = imp->cell;

    if ((rc = check_plugin(imp, M_PLUGIN)) != PXR_OK)
        return rc;
    if ((rc = lookup(imp, "SELECT 1 FROM measure WHERE plugin = ? AND code = ?", c[M_PLUGIN],
                     c[M_MEASURE], &found)) != PXR_OK)
        return rc;
    if (!found)
        return bad(imp, M_MEASURE,
                   "plugin %s has no measure with this code (see 'pxr catalog "
                   "%s')",
                   c[M_PLUGIN], c[M_PLUGIN]);
    if ((rc = check_unit_period(imp, M_UNIT, M_PERIOD)) != PXR_OK)
        return rc;
    if ((rc = check_choice(imp, M_STATUS, status_names, "未启动, 推进中 or 已完成")) != PXR_OK)
        return rc;
    if (*c[M_DEPARTMENT]) {
        if ((rc = lookup(imp, "SELECT 1 FROM department WHERE institution = ? AND code = ?",
                         c[M_UNIT], c[M_DEPARTMENT], &found)) != PXR_OK)
            return rc;
        if (!found)
            return bad(imp, M_DEPARTMENT, "unknown department of %s (import departments first)",
                       c[M_UNIT]);
    }
    return upsert_text_row(imp, 4, 7, "writing the measure status");
}

static int row_narrative(importer *imp)
{
    int found, rc;
    char **c = imp->cell;

    if ((rc = check_plugin(imp, N_PLUGIN)) != PXR_OK)
        return rc;
    if ((rc = check_unit_period(imp, N_UNIT, N_PERIOD)) != PXR_OK)
        return rc;
    if ((rc = lookup(imp, "SELECT 1 FROM plugin_section WHERE plugin = ? AND section = ?",
                     c[N_PLUGIN], c[N_SECTION], &found)) != PXR_OK)
        return rc;
    if (!found)
        return bad(imp, N_SECTION,
                   "not a narrative section of plugin %s (see its "
                   "narrative_sections)",
                   c[N_PLUGIN]);
    if (!*c[N_TEXT])
        return bad(imp, N_TEXT, "the text is empty");
    return upsert_text_row(imp, 4, 5, "writing the narrative");
}

static const char member_get_sql[] =
    "SELECT 1 FROM unit_group_member WHERE grp = ? AND institution = ?";
static const char member_put_sql[] =
    "INSERT INTO unit_group_member(grp, institution, import_id) VALUES(?, ?, ?)";
/* the members a groups file lists, per file (a temporary table of the import's transaction) */
static const char listed_new_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS group_listed(grp TEXT, institution TEXT, added INTEGER, "
    "PRIMARY KEY(grp, institution)); DELETE FROM temp.group_listed";
static const char listed_put_sql[] =
    "INSERT OR IGNORE INTO temp.group_listed(grp, institution, added) VALUES(?, ?, ?)";
/* per group the file names: its name, members added, members to remove, members listed */
static const char listed_sum_sql[] =
    "SELECT l.grp, g.name, sum(l.added), (SELECT count(*) FROM unit_group_member m WHERE m.grp = "
    "l.grp AND NOT EXISTS (SELECT 1 FROM temp.group_listed k WHERE k.grp = m.grp AND "
    "k.institution = m.institution)), count(*) FROM temp.group_listed l JOIN unit_group g ON "
    "g.code = l.grp GROUP BY l.grp ORDER BY l.grp";
static const char listed_drop_sql[] =
    "DELETE FROM unit_group_member WHERE grp IN (SELECT grp FROM temp.group_listed) AND NOT "
    "EXISTS (SELECT 1 FROM temp.group_listed k WHERE k.grp = unit_group_member.grp AND "
    "k.institution = unit_group_member.institution)";

/*
** A member of a group of institutions that reports as one unit.  The group's
** name and region are repeated on each of its rows and must agree within the
** file; a later file may rename or move it.  A groups file states the whole
** membership of each group it names: members it does not list are removed
** when the file ends (end_groups); groups it does not name are left alone.
*/
static int row_group(importer *imp)
{
    int found, rc, existed, same;
    char **c = imp->cell;
    long unit;
    sqlite3_stmt *stmt;

    if ((rc = check_code(imp, G_GROUP, 64)) != PXR_OK)
        return rc;
    unit = pxr_units_find(&imp->units, c[G_GROUP]);
    if (unit >= 0 && !imp->units.units[unit].is_group)
        return bad(imp, G_GROUP,
                   imp->units.units[unit].is_region
                       ? "already a region's code: a group needs a code of its own"
                       : "already an institution's code: a group needs a code of its own");
    if (!*c[G_NAME])
        return bad(imp, G_NAME, "the name is empty");
    if ((rc = exists(imp, "SELECT 1 FROM region WHERE code = ?", c[G_REGION], &found)) != PXR_OK)
        return rc;
    if (!found)
        return bad(imp, G_REGION, "unknown region code (the region the group reports in)");
    unit = pxr_units_find(&imp->units, c[G_INSTITUTION]);
    if (unit < 0 || imp->units.units[unit].is_region)
        return unknown_unit(imp, G_INSTITUTION, 1, "unknown institution");

    sqlite3_reset(imp->s_get);
    sqlite3_bind_text(imp->s_get, 1, c[G_GROUP], -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(imp->s_get);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return sql_failed(imp, "reading the group");
    existed = rc == SQLITE_ROW;
    same = existed && same_text(imp->s_get, 0, c[G_NAME]) && same_text(imp->s_get, 1, c[G_REGION]);
    if (existed && !same && sqlite3_column_int64(imp->s_get, 2) == imp->import_id) {
        char name[200], region[64];
        int k = same_text(imp->s_get, 0, c[G_NAME]) ? G_REGION : G_NAME;
        snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(imp->s_get, 0));
        snprintf(region, sizeof region, "%s", (const char *)sqlite3_column_text(imp->s_get, 1));
        sqlite3_reset(imp->s_get);
        return bad(imp, k, "group %s is %s in region %s on an earlier line of this file",
                   c[G_GROUP], name, region);
    }
    sqlite3_reset(imp->s_get);
    if (!same) {
        sqlite3_reset(imp->s_put);
        for (int k = G_GROUP; k <= G_REGION; k++)
            sqlite3_bind_text(imp->s_put, k + 1, c[k], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(imp->s_put, 4, imp->import_id);
        if ((rc = step_expect(imp, imp->s_put, SQLITE_DONE, "writing the group")) != PXR_OK)
            return rc;
        sqlite3_reset(imp->s_put);
        if (!existed && pxr_units_add(&imp->units, c[G_GROUP], 1, 1, 1, 1, 1) != 0)
            return pxr_fail(imp->err, PXR_EINTERNAL, "out of memory");
    }
    if ((rc = lookup(imp, member_get_sql, c[G_GROUP], c[G_INSTITUTION], &found)) != PXR_OK)
        return rc;
    if (!found) {
        if (!(stmt = cached(imp, member_put_sql)))
            return PXR_EINTERNAL;
        sqlite3_bind_text(stmt, 1, c[G_GROUP], -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, c[G_INSTITUTION], -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(stmt, 3, imp->import_id);
        if ((rc = step_expect(imp, stmt, SQLITE_DONE, "writing the group's member")) != PXR_OK)
            return rc;
        sqlite3_reset(stmt);
    }
    if (!(stmt = cached(imp, listed_put_sql)))
        return PXR_EINTERNAL;
    sqlite3_bind_text(stmt, 1, c[G_GROUP], -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, c[G_INSTITUTION], -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(stmt, 3, !found);
    if ((rc = step_expect(imp, stmt, SQLITE_DONE, "listing the group's member")) != PXR_OK)
        return rc;
    sqlite3_reset(stmt);
    return count_change(imp, existed && found, same);
}

/*
** The end of a groups file: the members of the groups it names that it does
** not list are removed, and each group's change is said.  Inside the import's
** transaction, so a failure later on leaves the membership as it was.
*/
static int end_groups(importer *imp)
{
    sqlite3_stmt *stmt = pxr_store_prepare(imp->st, listed_sum_sql, imp->err);
    int rc;

    if (!stmt)
        return PXR_EINTERNAL;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        long added = (long)sqlite3_column_int64(stmt, 2),
             gone = (long)sqlite3_column_int64(stmt, 3);
        imp->removed += gone;
        if (!imp->opt->quiet)
            printf(pxr_msg("%s: group %s %s: %ld members, %ld added, %ld removed\n"), imp->file,
                   (const char *)sqlite3_column_text(stmt, 0),
                   (const char *)sqlite3_column_text(stmt, 1), (long)sqlite3_column_int64(stmt, 4),
                   added, gone);
    }
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return sql_failed(imp, "reading the groups' members");
    return pxr_store_exec(imp->st, listed_drop_sql, imp->err);
}

static const char *const get_sql[N_LAYOUTS] = {
    "SELECT name, parent, level FROM region WHERE code = ?",
    "SELECT name, region, level, grade, kind, ownership, obstetrics, alliance_lead "
    "FROM institution WHERE code = ?",
    "SELECT value, numerator, denominator, text, import_id FROM value "
    "WHERE indicator = ? AND unit = ? AND period = ?",
    "SELECT name FROM department WHERE institution = ? AND code = ?",
    "SELECT status, department, note FROM measure_status "
    "WHERE plugin = ? AND measure = ? AND unit = ? AND period = ?",
    "SELECT text FROM narrative WHERE plugin = ? AND unit = ? AND period = ? AND section = ?",
    "SELECT name, region, import_id FROM unit_group WHERE code = ?",
};
static const char *const put_sql[N_LAYOUTS] = {
    "INSERT INTO region(code, name, parent, level) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(code) DO UPDATE SET name = ?2, parent = ?3, level = ?4",
    "INSERT INTO institution(code, name, region, level, grade, kind, ownership, obstetrics, "
    "alliance_lead, import_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
    "ON CONFLICT(code) DO UPDATE SET name = ?2, region = ?3, level = ?4, grade = ?5, kind = ?6, "
    "ownership = ?7, obstetrics = ?8, alliance_lead = ?9, import_id = ?10",
    "INSERT INTO value(indicator, unit, period, value, numerator, denominator, text, import_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(unit, period, indicator) DO NOTHING",
    "INSERT INTO department(institution, code, name) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(institution, code) DO UPDATE SET name = ?3",
    "INSERT INTO measure_status(plugin, measure, unit, period, status, department, note, "
    "import_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(plugin, measure, unit, "
    "period) DO UPDATE SET status = ?5, department = ?6, note = ?7, import_id = ?8",
    "INSERT INTO narrative(plugin, unit, period, section, text, import_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(plugin, unit, period, section) "
    "DO UPDATE SET text = ?5, import_id = ?6",
    "INSERT INTO unit_group(code, name, region, import_id) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(code) DO UPDATE SET name = ?2, region = ?3, import_id = ?4",
};

/* A stored value that differs from the row is rewritten; an equal one is left alone. */
static const char upd_value_sql[] =
    "UPDATE value SET value = ?4, numerator = ?5, denominator = ?6, text = ?7, import_id = ?8 "
    "WHERE indicator = ?1 AND unit = ?2 AND period = ?3 AND (value IS NOT ?4 OR numerator IS NOT "
    "?5 OR denominator IS NOT ?6 OR text IS NOT ?7)";

/* The old value, before a differing row replaces it (same parameters as upd_value_sql). */
static const char hist_value_sql[] =
    "INSERT INTO value_history(indicator, unit, period, old_value, old_numerator, "
    "old_denominator, old_text, old_import, new_value, new_numerator, new_denominator, new_text, "
    "new_import, reason) SELECT indicator, unit, period, value, numerator, denominator, text, "
    "import_id, ?4, ?5, ?6, ?7, ?8, coalesce(?9, (SELECT reason FROM approval WHERE unit = ?2 AND "
    "period = ?3 AND action = 'reopen' ORDER BY id DESC LIMIT 1)) FROM value WHERE indicator = ?1 "
    "AND unit = ?2 AND period = ?3 AND (value IS NOT ?4 OR numerator IS NOT ?5 OR denominator IS "
    "NOT ?6 OR text IS NOT ?7)";

/* The first receipt stays; the latest change moves on. */
static const char sub_sql[] =
    "INSERT INTO submission(unit, period, received, updated, import_id) VALUES(?1, ?2, ?3, ?3, ?4) "
    "ON CONFLICT(unit, period) DO UPDATE SET received = min(received, ?3), "
    "updated = max(updated, ?3)";

/* The approval in force over a value: the latest event of a plugin using it is 'approve'. */
static const char lock_sql[] =
    "SELECT a.plugin, a.who, a.time FROM approval a JOIN plugin_indicator pi ON pi.plugin = "
    "a.plugin AND pi.indicator = ?1 WHERE a.unit = ?2 AND a.period = ?3 AND a.action = 'approve' "
    "AND a.id = (SELECT max(b.id) FROM approval b WHERE b.plugin = a.plugin AND b.unit = a.unit "
    "AND b.period = a.period) LIMIT 1";

static int prepare_all(importer *imp, int l)
{
    int rc;
    imp->s_get = pxr_store_prepare(imp->st, get_sql[l], imp->err);
    imp->s_put = pxr_store_prepare(imp->st, put_sql[l], imp->err);
    if (!imp->s_get || !imp->s_put)
        return PXR_EINTERNAL;
    if (l == L_REGIONS || l == L_INSTITUTIONS)
        return PXR_OK;
    if (l == L_GROUPS && (rc = pxr_store_exec(imp->st, listed_new_sql, imp->err)) != PXR_OK)
        return rc;
    if ((rc = load_units(imp)) != PXR_OK)
        return rc;
    if (l != L_VALUES)
        return PXR_OK;
    if (!(imp->s_upd = pxr_store_prepare(imp->st, upd_value_sql, imp->err)) ||
        !(imp->s_hist = pxr_store_prepare(imp->st, hist_value_sql, imp->err)) ||
        !(imp->s_sub = pxr_store_prepare(imp->st, sub_sql, imp->err)) ||
        !(imp->s_lock = pxr_store_prepare(imp->st, lock_sql, imp->err)))
        return PXR_EINTERNAL;
    if (lookup(imp, "SELECT 1 FROM approval WHERE action = 'approve' LIMIT 1", "", NULL,
               &imp->any_approved) != PXR_OK)
        return PXR_EINTERNAL;
    if ((rc = pxr_import_load_indicators(imp)) != PXR_OK)
        return rc;
    if (imp->nindicators >= 65536) /* the packed duplicate key holds 16 bits of indicator */
        return pxr_fail(imp->err, PXR_EINTERNAL, "more than 65535 indicators");
    /* a value added to approved data is refused with its line: then each is written at once */
    return imp->any_approved ? PXR_OK : prepare_batch(imp);
}

static int begin_import_row(importer *imp, const char *sha, const char *format)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    sqlite3_stmt *stmt =
        pxr_store_prepare(imp->st,
                          "INSERT INTO import(file, sha256, kind, encoding, rows, changed, time) "
                          "VALUES(?, ?, ?, ?, 0, 0, ?)",
                          imp->err);
    int rc;

    if (!stmt)
        return PXR_EINTERNAL;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(imp->received, sizeof imp->received, "%s",
             imp->opt->received ? imp->opt->received : now);
    sqlite3_bind_text(stmt, 1, imp->file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, sha, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, imp->lay->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, format, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 5, now, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return sql_failed(imp, "recording the import");
    imp->import_id = sqlite3_last_insert_rowid(imp->st->db);
    return PXR_OK;
}

/* Records the counts, or removes the import row when the file changed nothing. */
static int end_import_row(importer *imp)
{
    sqlite3_stmt *stmt;
    int rc;
    long changed = imp->added + imp->changed + imp->removed;

    stmt = pxr_store_prepare(imp->st,
                             changed ? "UPDATE import SET rows = ?2, changed = ?3 WHERE id = ?1"
                                     /* a first sign-off starts a submission of it */
                                     : "DELETE FROM import WHERE id = ?1 AND NOT EXISTS "
                                       "(SELECT 1 FROM submission WHERE import_id = ?1)",
                             imp->err);
    if (!stmt)
        return PXR_EINTERNAL;
    sqlite3_bind_int64(stmt, 1, imp->import_id);
    if (changed) {
        sqlite3_bind_int64(stmt, 2, imp->rows);
        sqlite3_bind_int64(stmt, 3, changed);
    }
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? PXR_OK : sql_failed(imp, "recording the import");
}

/* A record whose fields are all empty or blank (a spreadsheet's ,,,,,, row). */
static int blank_record(const pxr_rows *src)
{
    for (size_t f = 0; f < pxr_rows_count(src); f++)
        if (pxr_rows_field(src, f)[strspn(pxr_rows_field(src, f), " \t")])
            return 0;
    return 1;
}

static int import_row(importer *imp)
{
    switch (imp->lay - pxr_import_layouts) {
    case L_REGIONS:
        return row_region(imp);
    case L_INSTITUTIONS:
        return row_institution(imp);
    case L_DEPARTMENTS:
        return row_department(imp);
    case L_MEASURES:
        return row_measure_status(imp);
    case L_NARRATIVES:
        return row_narrative(imp);
    case L_GROUPS:
        return row_group(imp);
    default:
        return row_value(imp);
    }
}

/* raw: the file's bytes when already read (a pipe), taken over; else NULL and the file is read. */
static int import_file(pxr_store *st, const char *path, char *raw, size_t rawlen,
                       const pxr_import_options *opt, pxr_error *err)
{
    importer imp;
    char sha[65], where[600];
    size_t header_fields = 0;
    int rc = PXR_OK, more, label_row_seen = 0;

    memset(&imp, 0, sizeof imp);
    imp.seen.run_unit = -1;
    imp.st = st;
    imp.file = path;
    imp.err = err;
    imp.opt = opt;
    if (!raw && (rc = pxr_input_read(path, &raw, &rawlen, err)) != PXR_OK)
        return rc;
    pxr_sha256_hex(raw, rawlen, sha);
    if (!(imp.src = pxr_rows_open(path, raw, rawlen, err))) {
        free(raw);
        return err->code;
    }
    more = pxr_rows_next(imp.src, err);
    if (more == 0)
        rc = pxr_fail(err, PXR_EDATA, "%s: no header line", path);
    else if (more < 0)
        rc = err->code;
    else {
        int wide = 0;
        if (!opt->kind || strcmp(opt->kind, "values") == 0)
            rc = pxr_import_wide_header(&imp, &wide);
        if (rc == PXR_OK && wide && !(imp.src = pxr_rows_open_wide(imp.src, err)))
            rc = err->code;
        if (rc == PXR_OK)
            rc = pxr_import_match_header(&imp, opt->kind);
        if (rc == PXR_OK)
            header_fields = pxr_rows_count(imp.src);
    }
    if (rc == PXR_OK)
        rc = prepare_all(&imp, (int)(imp.lay - pxr_import_layouts));
    if (rc == PXR_OK)
        rc = begin_import_row(&imp, sha, imp.src->format);
    while (rc == PXR_OK && (more = pxr_rows_next(imp.src, err)) == 1) {
        /* a template's second header row, of Chinese labels */
        if (imp.rows == 0 && !label_row_seen && imp.lay == &pxr_import_layouts[L_VALUES] &&
            strcmp(pxr_rows_field(imp.src, (size_t)imp.col[V_UNIT]), PXR_TEMPLATE_LABEL_MARK) ==
                0) {
            label_row_seen = 1;
            continue;
        }
        if (blank_record(imp.src))
            continue; /* Excel's ,,,,,, rows, like empty lines */
        imp.rows++;
        if (pxr_rows_count(imp.src) != header_fields) {
            pxr_import_locate(imp.src, PXR_ROWS_RECORD, where, sizeof where);
            rc = pxr_fail(err, PXR_EDATA, "%s: %zu fields, but the header has %zu", where,
                          pxr_rows_count(imp.src), header_fields);
        } else if ((rc = load_cells(&imp)) == PXR_OK) {
            rc = import_row(&imp);
        }
        /* a data error is listed and the file read on, to list them all; nothing is kept */
        if (rc == PXR_EDATA) {
            fprintf(stderr, "pxr: %s\n", err->text);
            rc = ++imp.errors < MAX_ERRORS ? PXR_OK : PXR_EDATA;
        }
        if (!opt->quiet && imp.rows % 200000 == 0 && isatty(2))
            fprintf(stderr, pxr_msg("\r%s: %ld rows…"), path, imp.rows);
    }
    if (rc == PXR_OK && more < 0) {
        if (imp.errors) /* the source cannot go on: what it says is one more error */
            fprintf(stderr, "pxr: %s\n", err->text), imp.errors++;
        else
            rc = err->code;
    }
    if (imp.errors)
        rc = pxr_fail(err, PXR_EDATA,
                      imp.errors >= MAX_ERRORS
                          ? "%s: stopped after %ld errors (listed above); the database is unchanged"
                          : "%s: %ld error(s) (listed above); the database is unchanged",
                      path, imp.errors);
    if (rc == PXR_OK && imp.rows == 0)
        rc = pxr_fail(err, PXR_EDATA, "%s: a header but no data rows", path);
    if (rc == PXR_OK && imp.lay == &pxr_import_layouts[L_GROUPS])
        rc = end_groups(&imp);
    if (rc == PXR_OK)
        rc = flush_values(&imp);
    if (rc == PXR_OK)
        rc = end_import_row(&imp);
    if (imp.warnings > MAX_WARNINGS)
        fprintf(stderr, pxr_msg("pxr: warning: %s: %ld more warnings about values\n"), path,
                imp.warnings - MAX_WARNINGS);
    if (imp.span_warnings > MAX_WARNINGS)
        fprintf(stderr,
                pxr_msg("pxr: warning: %s: %ld more values for periods outside their plans' "
                        "span\n"),
                path, imp.span_warnings - MAX_WARNINGS);
    if (rc == PXR_OK && !opt->quiet) {
        if (imp.rows >= 200000 && isatty(2))
            fputc('\n', stderr);
        printf(pxr_msg("%s: %s, %s, %ld rows: %ld new, %ld changed, %ld unchanged"), path,
               pxr_msg(imp.lay->kind), imp.src->format, imp.rows, imp.added, imp.changed,
               imp.unchanged);
        if (imp.skipped)
            printf(pxr_msg(", %ld empty (left missing)"), imp.skipped);
        if (imp.removed)
            printf(pxr_msg(", %ld members removed"), imp.removed);
        printf("%s\n", opt->dry_run ? pxr_msg(" (dry run: nothing written)") : "");
    }
    sqlite3_finalize(imp.s_get);
    sqlite3_finalize(imp.s_put);
    sqlite3_finalize(imp.s_upd);
    sqlite3_finalize(imp.s_hist);
    sqlite3_finalize(imp.s_sub);
    sqlite3_finalize(imp.s_lock);
    if (imp.batch)
        sqlite3_finalize(imp.batch->insert);
    free(imp.batch);
    for (int i = 0; i < STMT_CACHE; i++)
        sqlite3_finalize(imp.cache[i].stmt);
    pxr_units_free(&imp.units);
    pxr_keys_free(&imp.seen);
    for (int k = 0; k < MAX_COLUMNS; k++)
        free(imp.cell[k]);
    free(imp.indicators);
    pxr_rows_close(imp.src);
    free(raw);
    return rc;
}

/* The order in which kinds can be imported: what a row refers to comes first. */
static const int kind_rank[N_LAYOUTS] = {
    [L_REGIONS] = 0, [L_INSTITUTIONS] = 1, [L_DEPARTMENTS] = 2, [L_GROUPS] = 2,
    [L_VALUES] = 3,  [L_MEASURES] = 4,     [L_NARRATIVES] = 5,
};

/*
** The rank of a file's kind, from its first line only; a file that cannot be
** told ranks last and the import proper reports what is wrong with it.  The
** first line ends at the first LF, which never occurs inside a GBK character.
** data: the whole file when it is already read (a pipe), else NULL.
*/
static int peek_rank(const char *path, const char *data, size_t len)
{
    char head[8192], *whole = NULL;
    size_t n;
    FILE *f;
    pxr_error err;
    importer imp;
    int rank = N_LAYOUTS, best = 0;

    if (data) {
        n = len < sizeof head ? len : sizeof head;
        memcpy(head, data, n);
    } else {
        if (!(f = fopen(path, "rb")))
            return rank;
        n = fread(head, 1, sizeof head, f);
        fclose(f);
    }
    memset(&imp, 0, sizeof imp);
    /* a zip is only readable whole; a text file is cut after its first line */
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) {
        if (data)
            n = len;
        else if (pxr_input_read(path, &whole, &n, &err) != PXR_OK)
            return rank;
    } else {
        char *nl = memchr(head, '\n', n);
        if (nl)
            n = (size_t)(nl - head);
    }
    if ((imp.src = pxr_rows_open(path,
                                 whole              ? whole
                                 : data && n == len ? data
                                                    : head,
                                 n, &err)) &&
        pxr_rows_next(imp.src, &err) == 1) {
        for (int l = 0; l < N_LAYOUTS; l++) {
            int hits = pxr_import_header_matches(&imp, l);
            if (hits > best)
                best = hits, rank = kind_rank[l];
        }
    }
    pxr_rows_close(imp.src);
    free(whole);
    return rank;
}

typedef struct ranked_file {
    const char *path;
    int rank, pos;
    char *data; /* a pipe's bytes, read once before the ranking; else NULL */
    size_t len;
} ranked_file;

static int by_rank(const void *a, const void *b)
{
    const ranked_file *x = a, *y = b;
    return x->rank != y->rank ? x->rank - y->rank : x->pos - y->pos;
}

int pxr_import_files(pxr_store *st, char *const *files, int nfiles, const pxr_import_options *opt,
                     pxr_error *err)
{
    ranked_file *order = calloc((size_t)nfiles, sizeof *order);
    int rc = PXR_OK;

    if (!order)
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    /* a pipe can be read once only: it is read now, and what is neither file nor pipe refused */
    for (int i = 0; rc == PXR_OK && i < nfiles; i++) {
        order[i] = (ranked_file){files[i], 0, i, NULL, 0};
        if (pxr_input_is_pipe(files[i]))
            rc = pxr_input_read(files[i], &order[i].data, &order[i].len, err);
        else
            rc = pxr_input_check(files[i], err);
    }
    /* so that `pxr import examples/<all>.csv` works: regions, then institutions, then values … */
    for (int i = 0; rc == PXR_OK && i < nfiles; i++)
        if (!opt->kind)
            order[i].rank = peek_rank(order[i].path, order[i].data, order[i].len);
    /*
    ** Every reference a row makes is checked here before it is written (its
    ** indicator, unit, region, parent or institution, read in this
    ** transaction; its import row), so SQLite's own checks, two lookups more
    ** for each of millions of values, are off while the files are written.
    */
    if (rc == PXR_OK) {
        qsort(order, (size_t)nfiles, sizeof *order, by_rank);
        rc = pxr_store_exec(st, "PRAGMA foreign_keys = OFF", err);
    }
    if (rc == PXR_OK)
        rc = pxr_store_begin(st, err);
    for (int i = 0; rc == PXR_OK && i < nfiles; i++) {
        rc = import_file(st, order[i].path, order[i].data, order[i].len, opt, err);
        order[i].data = NULL; /* import_file took it */
    }
    for (int i = 0; i < nfiles; i++)
        free(order[i].data);
    free(order);
    if (rc == PXR_OK && !opt->dry_run)
        rc = pxr_store_commit(st, err);
    else
        pxr_store_rollback(st);
    if (rc != PXR_OK && nfiles > 1)
        pxr_error_prefix(err, "nothing imported: ");
    sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}
