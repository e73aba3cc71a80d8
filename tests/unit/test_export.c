/* Export numbers (shortest exact plain decimals) and the XML record source (ADX, values XML). */
#include "check.h"
#include "export.h"
#include "rows.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *num(double x)
{
    static char buf[PXR_EXPORT_NUMBER_MAX];
    pxr_export_number(x, buf, sizeof buf);
    return buf;
}

/* The importer's grammar: optional minus, digits, optional point with digits. */
static int plain_decimal(const char *s)
{
    if (*s == '-')
        s++;
    if (!(*s >= '0' && *s <= '9'))
        return 0;
    while (*s >= '0' && *s <= '9')
        s++;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

static void test_numbers(void)
{
    CHECK_STR(num(58.93), "58.93", "a two-decimal rate is written as given");
    CHECK_STR(num(5), "5", "a whole number has no point");
    CHECK_STR(num(0), "0", "zero");
    CHECK_STR(num(-2.5), "-2.5", "a negative number");
    CHECK_STR(num(0.1 + 0.2), "0.30000000000000004", "17 digits when fewer do not read back");
    CHECK_STR(num(100.0 * 7 / 9), "77.77777777777777", "16 digits when they suffice");
    CHECK_STR(num(1e-7), "0.0000001", "a small number without an exponent");
    CHECK_STR(num(1.5e20), "150000000000000000000", "a large number without an exponent");
    CHECK_STR(num(27547), "27547", "a count");

    /* doubles of every magnitude from their bits: each reads back exactly, as a plain decimal */
    uint64_t state = 88172645463325252ULL;
    int exact = 1, plain = 1;
    for (int i = 0; i < 200000; i++) {
        double x;
        char buf[PXR_EXPORT_NUMBER_MAX];
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        memcpy(&x, &state, sizeof x);
        if (!isfinite(x))
            continue;
        pxr_export_number(x, buf, sizeof buf);
        exact &= strtod(buf, NULL) == x;
        plain &= plain_decimal(buf);
    }
    CHECK(exact, "200000 random doubles read back exactly");
    CHECK(plain, "200000 random doubles are plain decimals the importer accepts");

    /* ratios of small integers, as rates are: as short as %.15g whenever that is exact */
    int short_enough = 1;
    for (int n = 0; n <= 300; n++)
        for (int d = 1; d <= 300; d++) {
            double x = 100.0 * n / d;
            char g15[64];
            snprintf(g15, sizeof g15, "%.15g", x);
            if (strtod(g15, NULL) == x && !strchr(g15, 'e'))
                short_enough &= strcmp(num(x), g15) == 0;
        }
    CHECK(short_enough, "a rate that %.15g writes exactly is written the same way");
}

/* Runs a source over an XML text; fills out with "where|f0,f1,...;" per record. */
static int read_all(const char *name, const char *xml, char *out, size_t outlen, pxr_error *err)
{
    pxr_rows *r = pxr_rows_open(name, xml, strlen(xml), err);
    int more;
    size_t used = 0;

    out[0] = '\0';
    if (!r)
        return -1;
    while ((more = pxr_rows_next(r, err)) == 1) {
        char where[200];
        pxr_rows_where(r, 2, where, sizeof where);
        used += (size_t)snprintf(out + used, outlen - used, "%s|", where);
        for (size_t i = 0; i < pxr_rows_count(r); i++)
            used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "," : "",
                                     pxr_rows_field(r, i));
        used += (size_t)snprintf(out + used, outlen - used, ";");
    }
    pxr_rows_close(r);
    return more;
}

static void test_adx(void)
{
    char out[4000];
    pxr_error err = {0};
    const char *adx = "\xEF\xBB\xBF\n  \n"
                      "<adx xmlns=\"urn:ihe:qrph:adx:2015\" xmlns:p=\"urn:pxr:values:1\"\n"
                      "     exported=\"2024-07-01T00:00:00Z\">\n"
                      "<group orgUnit=\"H1\" period=\"2023-07-01/P6M\" dataSet=\"x\">\n"
                      "  <dataValue dataElement=\"EI01\" value=\"61.5\" p:numerator=\"615\" "
                      "p:denominator=\"1000\"/>\n"
                      "  <!-- a comment --><dataValue dataElement=\"EI03\" value=\"1\">"
                      "<annotation>x</annotation></dataValue>\n"
                      "</group>\n"
                      "<group orgUnit=\"150000\" period=\"2023-01-01/P1Y\">\n"
                      "  <dataValue dataElement=\"EI04\" value=\"3\"/></group>\n"
                      "<group orgUnit=\"150000\" period=\"2023-10-01/P3M\">\n"
                      "  <dataValue dataElement=\"EI04\" value=\"4\"/></group>\n"
                      "</adx>\n";
    CHECK(read_all("a.xml", adx, out, sizeof out, &err) == 0, "ADX after a BOM and blanks reads");
    if (err.code)
        printf("  (%s)\n", err.text);
    CHECK_STR(out,
              "a.xml:4|institution,period,indicator,value,numerator,denominator;"
              "a.xml:6|H1,2023S2,EI01,61.5,615,1000;"
              "a.xml:7|H1,2023S2,EI03,1,,;"
              "a.xml:10|150000,2023,EI04,3,,;"
              "a.xml:12|150000,2023Q4,EI04,4,,;",
              "ADX records: header (the line where <adx ...> ends), values with their lines, DHIS2 "
              "periods");

    static const char *const bad_periods[] = {"2023-01-01/P12M", "2023-03-01/P3M",
                                              "2023-01-15/P6M",  "2023-13-01/P6M",
                                              "2023S1",          "2023-01-01/P6MX"};
    for (size_t i = 0; i < sizeof bad_periods / sizeof bad_periods[0]; i++) {
        char doc[600], name[80], want[80];
        snprintf(doc, sizeof doc,
                 "<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2024-07-01T00:00:00Z\">\n"
                 "<group orgUnit=\"H1\" period=\"%s\">\n"
                 "<dataValue dataElement=\"EI04\" value=\"3\"/></group></adx>",
                 bad_periods[i]);
        snprintf(name, sizeof name, "period %s is refused naming line 2", bad_periods[i]);
        snprintf(want, sizeof want, "b.xml:2: ADX period '%s'", bad_periods[i]);
        CHECK(read_all("b.xml", doc, out, sizeof out, &err) < 0 &&
                  strncmp(err.text, want, strlen(want)) == 0,
              name);
    }
}

static void test_values_xml(void)
{
    char out[2000];
    pxr_error err = {0};
    const char *xml = "<?xml version=\"1.0\"?>\n"
                      "<values xmlns=\"urn:pxr:values:1\" exported=\"2024-07-01T00:00:00Z\">\n"
                      "  <import id=\"1\" file=\"a.csv\" sha256=\"00\" kind=\"values\" "
                      "time=\"2024-07-01T00:00:00Z\"/>\n"
                      "  <value indicator=\"EI03\" unit=\"H1\" period=\"2024S1\" value=\"0\" "
                      "text=\"否\" import=\"1\"/>\n"
                      "  <value indicator=\"EI03\" unit=\"H2\" period=\"2024S1\" text=\"是\"/>\n"
                      "</values>\n";
    CHECK(read_all("v.xml", xml, out, sizeof out, &err) == 0, "values XML reads");
    CHECK_STR(out,
              "v.xml:2|institution,period,indicator,value,numerator,denominator;"
              "v.xml:4|H1,2024S1,EI03,0,,;"
              "v.xml:5|H2,2024S1,EI03,是,,;",
              "values XML records; a value given by its text alone");

    const char *odd = "<values xmlns=\"urn:pxr:values:1\" exported=\"2024-07-01T00:00:00Z\">\n"
                      "<value indicator=\"EI03\" unit=\"H1\" period=\"2024S1\" colour=\"red\"/>"
                      "</values>";
    CHECK(read_all("o.xml", odd, out, sizeof out, &err) < 0 &&
              strstr(err.text, "o.xml:2: attribute 'colour'"),
          "an unknown attribute is refused naming its line");
    CHECK(read_all("n.xml", "<values/>", out, sizeof out, &err) < 0 &&
              strstr(err.text, "n.xml:1: the root element <values> is neither"),
          "a root without pxr's namespace is refused");
}

int main(void)
{
    test_numbers();
    test_adx();
    test_values_xml();
    return check_done();
}
