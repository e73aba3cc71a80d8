/*
** pxr export: the value table as the long CSV layout, pxr's values XML or
** IHE ADX.  Every format imports back to exactly the same rows (numbers are
** written as the shortest decimal that reads back as the stored double).
*/
#include "export.h"

#include "atomic.h"
#include "csv.h"
#include "paths.h"
#include "period.h"
#include "xml_read.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

void pxr_export_number(double x, char *out, size_t outlen)
{
    char sci[40], digits[24], *o = out, *end = out + outlen - 1;
    int exp10, n = 0, pos;

    if (!isfinite(x)) {
        snprintf(out, outlen, "%s", isnan(x) ? "NaN" : x > 0 ? "INF" : "-INF");
        return;
    }
    if (x == 0) {
        snprintf(out, outlen, "0");
        return;
    }
    /* 17 significant digits always read back exactly; fewer often do */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(sci, sizeof sci, "%.*e", prec - 1, x);
        if (strtod(sci, NULL) == x)
            break;
    }
    /* sci is "-d.ddde+XX": collect the digits and the exponent */
    const char *p = sci;
    if (*p == '-' && o < end)
        *o++ = *p++;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    exp10 = atoi(p + 1);
    while (n > 1 && digits[n - 1] == '0')
        n--;
    /* pos digits stand before the decimal point */
    pos = exp10 + 1;
    if (pos <= 0) {
        for (const char *z = "0."; *z && o < end; z++)
            *o++ = *z;
        for (int i = 0; i < -pos && o < end; i++)
            *o++ = '0';
        for (int i = 0; i < n && o < end; i++)
            *o++ = digits[i];
    } else {
        for (int i = 0; i < pos && o < end; i++)
            *o++ = i < n ? digits[i] : '0';
        if (pos < n && o < end)
            *o++ = '.';
        for (int i = pos; i < n && o < end; i++)
            *o++ = digits[i];
    }
    *o = '\0';
}

/* One exported row, as stored: NULL columns are absent (has_* = 0). */
typedef struct row {
    const char *indicator, *unit, *period, *text;
    int has_value, has_num, has_den;
    double value, num, den;
    long long import_id;
} row;

static void read_row(sqlite3_stmt *stmt, row *r)
{
    r->indicator = (const char *)sqlite3_column_text(stmt, 0);
    r->unit = (const char *)sqlite3_column_text(stmt, 1);
    r->period = (const char *)sqlite3_column_text(stmt, 2);
    r->has_value = sqlite3_column_type(stmt, 3) != SQLITE_NULL;
    r->value = sqlite3_column_double(stmt, 3);
    r->has_num = sqlite3_column_type(stmt, 4) != SQLITE_NULL;
    r->num = sqlite3_column_double(stmt, 4);
    r->has_den = sqlite3_column_type(stmt, 5) != SQLITE_NULL;
    r->den = sqlite3_column_double(stmt, 5);
    r->text = (const char *)sqlite3_column_text(stmt, 6);
    r->import_id = sqlite3_column_int64(stmt, 7);
}

/* ?1 period or NULL, ?2 plugin or NULL; ordered so that ADX groups are contiguous. */
#define FILTER                                                                                     \
    "(?1 IS NULL OR v.period = ?1) AND (?2 IS NULL OR v.indicator IN "                             \
    "(SELECT indicator FROM plugin_indicator WHERE plugin = ?2))"

static const char values_sql[] =
    "SELECT v.indicator, v.unit, v.period, v.value, v.numerator, v.denominator, v.text, "
    "v.import_id FROM value v WHERE " FILTER " ORDER BY v.unit, v.period, v.indicator";

static const char imports_sql[] =
    "SELECT i.id, i.file, i.sha256, i.kind, i.time FROM import i WHERE i.id IN "
    "(SELECT v.import_id FROM value v WHERE " FILTER ") ORDER BY i.id";

static sqlite3_stmt *prepare_filtered(pxr_store *st, const char *sql, const pxr_export_options *opt,
                                      pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(st, sql, err);
    if (!stmt)
        return NULL;
    if (opt->period)
        sqlite3_bind_text(stmt, 1, opt->period, -1, SQLITE_TRANSIENT);
    if (opt->plugin)
        sqlite3_bind_text(stmt, 2, opt->plugin, -1, SQLITE_TRANSIENT);
    return stmt;
}

/* The output: a temporary file beside the target (atomic.h), renamed into place at the end. */
typedef struct output {
    pxr_atomic a;
    FILE *f;
} output;

static int output_open(output *o, const char *path, pxr_error *err)
{
    int rc = pxr_atomic_open(&o->a, path, err);
    if (rc != PXR_OK)
        return rc;
    if (!(o->f = pxr_atomic_file(&o->a, err))) {
        pxr_atomic_abort(&o->a);
        return PXR_EINTERNAL;
    }
    return PXR_OK;
}

/* Flushes the temporary file; on failure (or when rc is already a failure) removes it. */
static int output_close(output *o, int rc, pxr_error *err)
{
    int write_failed = fflush(o->f) != 0 || ferror(o->f) != 0;
    if (rc == PXR_OK && write_failed)
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", o->a.path, strerror(errno));
    if (rc != PXR_OK)
        pxr_atomic_abort(&o->a);
    return rc;
}

static int output_commit(output *o, pxr_error *err)
{
    return pxr_atomic_commit(&o->a, err);
}

static void csv_number(FILE *f, int has, double x, int last)
{
    char buf[PXR_EXPORT_NUMBER_MAX];
    if (has)
        pxr_export_number(x, buf, sizeof buf);
    pxr_csv_put(f, has ? buf : "", last);
}

static int write_csv(pxr_store *st, sqlite3_stmt *stmt, output *o, long *count, pxr_error *err)
{
    row r;
    int rc;

    fputs("institution,period,indicator,value,numerator,denominator\n", o->f);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        read_row(stmt, &r);
        pxr_csv_put(o->f, r.unit, 0);
        pxr_csv_put(o->f, r.period, 0);
        pxr_csv_put(o->f, r.indicator, 0);
        /* a yes/no value is written as stored text (是/否), which reads back as 1/0 */
        if (r.text)
            pxr_csv_put(o->f, r.text, 0);
        else
            csv_number(o->f, r.has_value, r.value, 0);
        csv_number(o->f, r.has_num, r.num, 0);
        csv_number(o->f, r.has_den, r.den, 1);
        ++*count;
    }
    if (rc != SQLITE_DONE)
        return pxr_fail(err, PXR_EINTERNAL, "reading the values: %s", sqlite3_errmsg(st->db));
    return PXR_OK;
}

/* xmlTextWriter calls return -1 on failure; one flag collects them. */
typedef struct xw {
    xmlTextWriterPtr w;
    int failed;
} xw;

static void x_check(xw *x, int r)
{
    if (r < 0)
        x->failed = 1;
}

static void x_attr(xw *x, const char *name, const char *value)
{
    if (value)
        x_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST value));
}

static void x_number(xw *x, const char *name, int has, double v)
{
    char buf[PXR_EXPORT_NUMBER_MAX];
    if (!has)
        return;
    pxr_export_number(v, buf, sizeof buf);
    x_attr(x, name, buf);
}

static void now_utc(char *out, size_t len)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int write_values_xml(pxr_store *st, sqlite3_stmt *stmt, sqlite3_stmt *imports,
                            const pxr_export_options *opt, xw *x, long *count, pxr_error *err)
{
    char when[32], id[32];
    row r;
    int rc;

    now_utc(when, sizeof when);
    x_check(x, xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "values", BAD_CAST PXR_VALUES_NS));
    x_attr(x, "exported", when);
    x_attr(x, "plugin", opt->plugin);
    x_attr(x, "period", opt->period);
    /* provenance once per import; each value names its import by id */
    while ((rc = sqlite3_step(imports)) == SQLITE_ROW) {
        x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST "import"));
        snprintf(id, sizeof id, "%lld", (long long)sqlite3_column_int64(imports, 0));
        x_attr(x, "id", id);
        x_attr(x, "file", (const char *)sqlite3_column_text(imports, 1));
        x_attr(x, "sha256", (const char *)sqlite3_column_text(imports, 2));
        x_attr(x, "kind", (const char *)sqlite3_column_text(imports, 3));
        x_attr(x, "time", (const char *)sqlite3_column_text(imports, 4));
        x_check(x, xmlTextWriterEndElement(x->w));
    }
    if (rc != SQLITE_DONE)
        return pxr_fail(err, PXR_EINTERNAL, "reading the imports: %s", sqlite3_errmsg(st->db));
    while (!x->failed && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        read_row(stmt, &r);
        x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST "value"));
        x_attr(x, "indicator", r.indicator);
        x_attr(x, "unit", r.unit);
        x_attr(x, "period", r.period);
        x_number(x, "value", r.has_value, r.value);
        x_number(x, "numerator", r.has_num, r.num);
        x_number(x, "denominator", r.has_den, r.den);
        x_attr(x, "text", r.text);
        snprintf(id, sizeof id, "%lld", r.import_id);
        x_attr(x, "import", id);
        x_check(x, xmlTextWriterEndElement(x->w));
        ++*count;
    }
    if (!x->failed && rc != SQLITE_DONE)
        return pxr_fail(err, PXR_EINTERNAL, "reading the values: %s", sqlite3_errmsg(st->db));
    x_check(x, xmlTextWriterEndElement(x->w));
    return PXR_OK;
}

/*
** ADX: one group per (unit, period); the period as an ISO interval; a value
** with its numerator and denominator in pxr's namespace (pxr:numerator,
** pxr:denominator), since plain extra attributes would be read as
** disaggregations; a yes/no value as 1 or 0.
*/
static int write_adx(pxr_store *st, sqlite3_stmt *stmt, const pxr_export_options *opt, xw *x,
                     long *count, pxr_error *err)
{
    char when[32], unit[256] = "", period[32] = "", interval[64];
    pxr_period p;
    row r;
    int rc, open_group = 0;

    now_utc(when, sizeof when);
    x_check(x, xmlTextWriterStartElementNS(x->w, NULL, BAD_CAST "adx", BAD_CAST PXR_ADX_NS));
    x_attr(x, "xmlns:pxr", PXR_VALUES_NS);
    x_attr(x, "exported", when);
    while (!x->failed && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        read_row(stmt, &r);
        if (!r.has_value)
            return pxr_fail(err, PXR_EDATA,
                            "%s of %s in %s has no number, and an ADX value needs one", r.indicator,
                            r.unit, r.period);
        if (!open_group || strcmp(unit, r.unit) != 0 || strcmp(period, r.period) != 0) {
            if (open_group)
                x_check(x, xmlTextWriterEndElement(x->w));
            if (pxr_period_parse(r.period, &p) != 0)
                return pxr_fail(err, PXR_EINTERNAL, "stored period '%s' is not a period", r.period);
            pxr_period_interval(&p, interval, sizeof interval);
            snprintf(unit, sizeof unit, "%s", r.unit);
            snprintf(period, sizeof period, "%s", r.period);
            x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST "group"));
            x_attr(x, "orgUnit", r.unit);
            x_attr(x, "period", interval);
            x_attr(x, "dataSet", opt->plugin);
            open_group = 1;
        }
        x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST "dataValue"));
        x_attr(x, "dataElement", r.indicator);
        x_number(x, "value", 1, r.value);
        x_number(x, "pxr:numerator", r.has_num, r.num);
        x_number(x, "pxr:denominator", r.has_den, r.den);
        x_check(x, xmlTextWriterEndElement(x->w));
        ++*count;
    }
    if (!x->failed && rc != SQLITE_DONE)
        return pxr_fail(err, PXR_EINTERNAL, "reading the values: %s", sqlite3_errmsg(st->db));
    if (open_group)
        x_check(x, xmlTextWriterEndElement(x->w));
    x_check(x, xmlTextWriterEndElement(x->w));
    return PXR_OK;
}

static int write_xml(pxr_store *st, sqlite3_stmt *stmt, const pxr_export_options *opt, output *o,
                     long *count, pxr_error *err)
{
    xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(o->f, NULL);
    sqlite3_stmt *imports = NULL;
    xw x = {NULL, 0};
    int rc = PXR_OK;

    if (!buf || !(x.w = xmlNewTextWriter(buf))) {
        if (buf)
            xmlOutputBufferClose(buf);
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", o->a.path);
    }
    xmlTextWriterSetIndent(x.w, 1);
    xmlTextWriterSetIndentString(x.w, BAD_CAST "  ");
    x_check(&x, xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL));
    if (opt->format == PXR_EXPORT_ADX) {
        rc = write_adx(st, stmt, opt, &x, count, err);
    } else if ((imports = prepare_filtered(st, imports_sql, opt, err)) != NULL) {
        rc = write_values_xml(st, stmt, imports, opt, &x, count, err);
        sqlite3_finalize(imports);
    } else {
        rc = err->code;
    }
    x_check(&x, xmlTextWriterEndDocument(x.w));
    x_check(&x, xmlTextWriterFlush(x.w));
    xmlFreeTextWriter(x.w); /* closes buf, not the FILE */
    if (rc == PXR_OK && x.failed)
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: the XML writer failed", o->a.path);
    return rc;
}

static int plugin_known(pxr_store *st, const char *id, pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(st, "SELECT 1 FROM plugin WHERE id = ?", err);
    int rc;
    if (!stmt)
        return PXR_EINTERNAL;
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc == SQLITE_ROW)
        return PXR_OK;
    if (rc == SQLITE_DONE)
        return pxr_fail(err, PXR_EUSAGE, "--plugin %s: no such plugin (see 'pxr plugins')", id);
    return pxr_fail(err, PXR_EINTERNAL, "looking up the plugin: %s", sqlite3_errmsg(st->db));
}

int pxr_export_write(pxr_store *st, const pxr_export_options *opt, const char *path, long *count,
                     pxr_error *err)
{
    sqlite3_stmt *stmt;
    output o;
    char xsd[1400];
    int rc;

    *count = 0;
    if (opt->plugin && (rc = plugin_known(st, opt->plugin, err)) != PXR_OK)
        return rc;
    if (!(stmt = prepare_filtered(st, values_sql, opt, err)))
        return err->code;
    /* nothing to export is an error: an empty ADX is invalid and an empty CSV would not import */
    rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            pxr_fail(err, PXR_EDATA, "nothing to export: no values%s%s%s%s",
                     opt->plugin ? " of " : "", opt->plugin ? opt->plugin : "",
                     opt->period ? " in " : "", opt->period ? opt->period : "");
        else
            pxr_fail(err, PXR_EINTERNAL, "reading the values: %s", sqlite3_errmsg(st->db));
        sqlite3_finalize(stmt);
        return err->code;
    }
    sqlite3_reset(stmt);
    if ((rc = output_open(&o, path, err)) != PXR_OK) {
        sqlite3_finalize(stmt);
        return rc;
    }
    if (opt->format == PXR_EXPORT_CSV)
        rc = write_csv(st, stmt, &o, count, err);
    else
        rc = write_xml(st, stmt, opt, &o, count, err);
    sqlite3_finalize(stmt);
    rc = output_close(&o, rc, err);
    if (rc == PXR_OK && opt->format != PXR_EXPORT_CSV) {
        pxr_path_join(xsd, sizeof xsd, opt->schema_dir,
                      opt->format == PXR_EXPORT_ADX ? "adx_loose.xsd" : "pxr-values.xsd");
        if ((rc = pxr_xml_validate_stream(o.a.tmp, path, xsd, err)) != PXR_OK)
            pxr_atomic_abort(&o.a);
    }
    return rc == PXR_OK ? output_commit(&o, err) : rc;
}
