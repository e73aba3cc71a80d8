/*
** XML as a record source: IHE ADX (told by its namespace) and pxr's values
** XML (told by its root element), both as written by `pxr export`.  Each
** value becomes a record of the long values layout
** (institution,period,indicator,value,numerator,denominator), so the
** importer checks it exactly like a CSV row; messages name "file.xml:LINE".
*/
#include "export.h"
#include "period.h"
#include "rows.h"
#include "xml_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_UNIT, F_PERIOD, F_INDICATOR, F_VALUE, F_NUM, F_DEN, N_FIELDS };

static const char *const header[N_FIELDS] = {"institution", "period",    "indicator",
                                             "value",       "numerator", "denominator"};

typedef enum { XML_ADX, XML_VALUES } xml_kind;

typedef struct xml_rows {
    pxr_rows base;
    char *name;
    xmlDocPtr doc;
    xml_kind kind;
    int started;      /* the header has been given */
    xmlNodePtr group; /* ADX: the group of the current dataValue */
    xmlNodePtr node;  /* the element of the current record (the root for the header) */
    char period[16];  /* ADX: the current group's period as a DHIS2 id */
    xmlChar *unit;    /* ADX: the current group's orgUnit */
    char *field[N_FIELDS];
} xml_rows;

static int in_ns(xmlNodePtr n, const char *ns)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static int is_element(xmlNodePtr n, const char *name, const char *ns)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 && in_ns(n, ns);
}

static void clear_fields(xml_rows *x)
{
    for (int i = 0; i < N_FIELDS; i++) {
        free(x->field[i]);
        x->field[i] = NULL;
    }
}

/* Copies an attribute's text (or "" when absent) into field i. */
static int set_field(xml_rows *x, int i, xmlChar *value, pxr_error *err)
{
    x->field[i] = strdup(value ? (const char *)value : "");
    xmlFree(value);
    if (!x->field[i])
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", x->name), -1;
    return 0;
}

/* "file.xml:LINE: message" for element n; returns -1, the record sources' error. */
static int at_line(xml_rows *x, xmlNodePtr n, pxr_error *err, const char *fmt, ...)
    PXR_PRINTF(4, 5);
static int at_line(xml_rows *x, xmlNodePtr n, pxr_error *err, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, pxr_msg(fmt), ap);
    va_end(ap);
    pxr_fail(err, PXR_EDATA, "%s:%ld: %s", x->name, xmlGetLineNo(n), msg);
    return -1;
}

/* The next element sibling from n on (n included); text, comments and PIs are skipped. */
static xmlNodePtr element_from(xmlNodePtr n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

/*
** An ADX period back to its DHIS2 id: exactly what pxr_period_interval
** writes for a year, half-year or quarter ("2023-07-01/P6M" -> "2023S2").
*/
static int adx_period(const char *s, char *id, size_t idlen)
{
    pxr_period p;
    char want[64], candidate[16];
    int y, m, n;

    if (strlen(s) < 14 || strspn(s, "0123456789") != 4 || s[4] != '-' || s[7] != '-' ||
        s[10] != '/' || s[11] != 'P')
        return -1;
    y = atoi(s);
    m = atoi(s + 5);
    n = atoi(s + 12);
    if (strcmp(s + 12, "1Y") == 0)
        snprintf(candidate, sizeof candidate, "%d", y);
    else if (n == 6 && strcmp(s + 13, "M") == 0)
        snprintf(candidate, sizeof candidate, "%dS%d", y, (m - 1) / 6 + 1);
    else if (n == 3 && strcmp(s + 13, "M") == 0)
        snprintf(candidate, sizeof candidate, "%dQ%d", y, (m - 1) / 3 + 1);
    else
        return -1;
    if (m < 1 || m > 12 || pxr_period_parse(candidate, &p) != 0)
        return -1;
    pxr_period_interval(&p, want, sizeof want);
    if (strcmp(want, s) != 0)
        return -1;
    pxr_period_id(&p, id, idlen);
    return 0;
}

/* Refuses attributes outside allowed (no namespace) and allowed_pxr (pxr's namespace). */
static int only_attributes(xml_rows *x, xmlNodePtr n, const char *const *allowed,
                           const char *const *allowed_pxr, const char *why, pxr_error *err)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        const char *const *list = !a->ns                                ? allowed
                                  : in_ns((xmlNodePtr)a, PXR_VALUES_NS) ? allowed_pxr
                                                                        : NULL;
        int known = 0;
        for (int i = 0; list && list[i] && !known; i++)
            known = strcmp((const char *)a->name, list[i]) == 0;
        if (!known)
            return at_line(x, n, err, "attribute '%s' %s", (const char *)a->name, why);
    }
    return 0;
}

static const char *const adx_group_needs[] = {"orgUnit", "period", NULL};
static const char *const adx_value_attrs[] = {"dataElement", "value", NULL};
static const char *const adx_value_pxr_attrs[] = {"numerator", "denominator", NULL};
static const char *const values_attrs[] = {"indicator",   "unit", "period", "value", "numerator",
                                           "denominator", "text", "import", NULL};

/* Enters an ADX group: its orgUnit and its period, converted to a DHIS2 id. */
static int enter_group(xml_rows *x, xmlNodePtr g, pxr_error *err)
{
    xmlChar *period;

    for (int i = 0; adx_group_needs[i]; i++)
        if (!xmlHasProp(g, BAD_CAST adx_group_needs[i]))
            return at_line(x, g, err, "ADX group without the attribute '%s'", adx_group_needs[i]);
    xmlFree(x->unit);
    x->unit = xmlGetNoNsProp(g, BAD_CAST "orgUnit");
    period = xmlGetNoNsProp(g, BAD_CAST "period");
    if (!x->unit || !period || adx_period((const char *)period, x->period, sizeof x->period)) {
        int rc = at_line(x, g, err,
                         "ADX period '%s' is not a year, half-year or quarter "
                         "(write 2023-01-01/P1Y, 2023-07-01/P6M or 2023-04-01/P3M)",
                         period ? (const char *)period : "");
        xmlFree(period);
        return rc;
    }
    xmlFree(period);
    x->group = g;
    return 0;
}

/* Checks a dataValue's children: an optional annotation, nothing else. */
static int adx_children(xml_rows *x, xmlNodePtr dv, pxr_error *err)
{
    for (xmlNodePtr c = element_from(dv->children); c; c = element_from(c->next))
        if (!is_element(c, "annotation", PXR_ADX_NS))
            return at_line(x, c, err, "unexpected element <%s> in an ADX dataValue",
                           (const char *)c->name);
    return 0;
}

/* Moves to the next ADX dataValue and makes it the record. */
static int adx_next(xml_rows *x, pxr_error *err)
{
    xmlNodePtr n = x->node;
    int rc;

    /* the next element after the current dataValue, else the first of the next group */
    n = x->group ? element_from(n->next) : NULL;
    while (!n) {
        xmlNodePtr g =
            element_from(x->group ? x->group->next : xmlDocGetRootElement(x->doc)->children);
        if (!g)
            return 0;
        if (!is_element(g, "group", PXR_ADX_NS))
            return at_line(x, g, err, "unexpected element <%s> in ADX (expected <group>)",
                           (const char *)g->name);
        if (enter_group(x, g, err) != 0)
            return -1;
        n = element_from(g->children);
    }
    x->node = n;
    if (!is_element(n, "dataValue", PXR_ADX_NS))
        return at_line(x, n, err, "unexpected element <%s> in an ADX group (expected <dataValue>)",
                       (const char *)n->name);
    if (only_attributes(x, n, adx_value_attrs, adx_value_pxr_attrs,
                        "is a disaggregation, which pxr does not store (its values have none)",
                        err) != 0 ||
        adx_children(x, n, err) != 0)
        return -1;
    if (!xmlHasProp(n, BAD_CAST "dataElement") || !xmlHasProp(n, BAD_CAST "value"))
        return at_line(x, n, err, "ADX dataValue without the attribute '%s'",
                       xmlHasProp(n, BAD_CAST "value") ? "dataElement" : "value");
    rc = set_field(x, F_UNIT, xmlStrdup(x->unit), err);
    if (rc == 0)
        rc = set_field(x, F_PERIOD, xmlStrdup(BAD_CAST x->period), err);
    if (rc == 0)
        rc = set_field(x, F_INDICATOR, xmlGetNoNsProp(n, BAD_CAST "dataElement"), err);
    if (rc == 0)
        rc = set_field(x, F_VALUE, xmlGetNoNsProp(n, BAD_CAST "value"), err);
    if (rc == 0)
        rc =
            set_field(x, F_NUM, xmlGetNsProp(n, BAD_CAST "numerator", BAD_CAST PXR_VALUES_NS), err);
    if (rc == 0)
        rc = set_field(x, F_DEN, xmlGetNsProp(n, BAD_CAST "denominator", BAD_CAST PXR_VALUES_NS),
                       err);
    return rc == 0 ? 1 : -1;
}

/* Moves to the next <value> of pxr's values XML, past the <import> list. */
static int values_next(xml_rows *x, pxr_error *err)
{
    xmlNodePtr n =
        element_from(x->node == xmlDocGetRootElement(x->doc) ? x->node->children : x->node->next);
    xmlChar *value;
    int rc;

    while (n && is_element(n, "import", PXR_VALUES_NS))
        n = element_from(n->next);
    if (!n)
        return 0;
    x->node = n;
    if (!is_element(n, "value", PXR_VALUES_NS))
        return at_line(x, n, err, "unexpected element <%s> in pxr values XML (expected <value>)",
                       (const char *)n->name);
    if (only_attributes(x, n, values_attrs, NULL, "is not one of a <value>'s", err) != 0)
        return -1;
    if (element_from(n->children))
        return at_line(x, n, err, "a <value> has attributes only, no elements");
    /* a yes/no value may be given as its text (是/否) alone */
    value = xmlGetNoNsProp(n, BAD_CAST "value");
    if (!value)
        value = xmlGetNoNsProp(n, BAD_CAST "text");
    rc = set_field(x, F_UNIT, xmlGetNoNsProp(n, BAD_CAST "unit"), err);
    if (rc == 0)
        rc = set_field(x, F_PERIOD, xmlGetNoNsProp(n, BAD_CAST "period"), err);
    if (rc == 0)
        rc = set_field(x, F_INDICATOR, xmlGetNoNsProp(n, BAD_CAST "indicator"), err);
    if (rc == 0)
        rc = set_field(x, F_VALUE, value, err);
    else
        xmlFree(value);
    if (rc == 0)
        rc = set_field(x, F_NUM, xmlGetNoNsProp(n, BAD_CAST "numerator"), err);
    if (rc == 0)
        rc = set_field(x, F_DEN, xmlGetNoNsProp(n, BAD_CAST "denominator"), err);
    return rc == 0 ? 1 : -1;
}

static int xml_next(pxr_rows *r, pxr_error *err)
{
    xml_rows *x = (xml_rows *)r;

    clear_fields(x);
    if (!x->started) {
        x->started = 1;
        for (int i = 0; i < N_FIELDS; i++)
            if (set_field(x, i, xmlStrdup(BAD_CAST header[i]), err) != 0)
                return -1;
        return 1;
    }
    return x->kind == XML_ADX ? adx_next(x, err) : values_next(x, err);
}

static size_t xml_count(const pxr_rows *r)
{
    return ((const xml_rows *)r)->field[0] ? N_FIELDS : 0;
}

static const char *xml_field(const pxr_rows *r, size_t i)
{
    const xml_rows *x = (const xml_rows *)r;
    return i < N_FIELDS && x->field[i] ? x->field[i] : "";
}

static long xml_line(const pxr_rows *r)
{
    return xmlGetLineNo(((const xml_rows *)r)->node);
}

static void xml_where(const pxr_rows *r, size_t i, char *out, size_t outlen)
{
    const xml_rows *x = (const xml_rows *)r;
    (void)i; /* attributes have no line of their own: the element's line names them all */
    snprintf(out, outlen, "%s:%ld", x->name, xmlGetLineNo(x->node));
}

static void xml_close(pxr_rows *r)
{
    xml_rows *x = (xml_rows *)r;
    clear_fields(x);
    xmlFree(x->unit);
    xmlFreeDoc(x->doc);
    free(x->name);
    free(x);
}

static const pxr_rows_ops xml_ops = {xml_next, xml_count, xml_field,
                                     xml_line, xml_where, xml_close};

pxr_rows *pxr_rows_open_xml(const char *path, const char *data, size_t len, pxr_error *err)
{
    xml_rows *x = calloc(1, sizeof *x);
    xmlNodePtr root;

    if (!x || !(x->name = strdup(path))) {
        free(x);
        pxr_fail(err, PXR_EINTERNAL, "out of memory");
        return NULL;
    }
    x->base.ops = &xml_ops;
    if (!(x->doc = pxr_xml_parse_memory(data, len, path, err))) {
        xml_close(&x->base);
        return NULL;
    }
    root = xmlDocGetRootElement(x->doc);
    x->node = root;
    if (root && is_element(root, "adx", PXR_ADX_NS)) {
        x->kind = XML_ADX;
        snprintf(x->base.format, sizeof x->base.format, "ADX");
    } else if (root && is_element(root, "values", PXR_VALUES_NS)) {
        x->kind = XML_VALUES;
        snprintf(x->base.format, sizeof x->base.format, "pxr values XML");
    } else {
        pxr_fail(err, PXR_EDATA,
                 "%s:%ld: the root element <%s> is neither ADX (<adx xmlns=\"%s\">) nor pxr "
                 "values XML (<values xmlns=\"%s\">)",
                 path, root ? xmlGetLineNo(root) : 1L, root ? (const char *)root->name : "",
                 PXR_ADX_NS, PXR_VALUES_NS);
        xml_close(&x->base);
        return NULL;
    }
    return &x->base;
}
