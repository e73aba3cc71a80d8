/* Periods: parsing every accepted spelling, rejecting the rest, and the derived forms. */
#include "check.h"
#include "period.h"

#include <stdio.h>

/* Parses text and returns its canonical id, or "(none)" when it is not a period. */
static const char *id_of(const char *text)
{
    static char buf[32];
    pxr_period p;
    if (pxr_period_parse(text, &p) != 0)
        return "(none)";
    pxr_period_id(&p, buf, sizeof buf);
    return buf;
}

static pxr_period period(const char *text)
{
    pxr_period p = {0, 'Y', 0};
    if (pxr_period_parse(text, &p) != 0)
        printf("FAIL: cannot parse %s\n", text);
    return p;
}

static void check_derived(const char *text, const char *label, const char *first, const char *last,
                          const char *interval, const char *previous)
{
    pxr_period p = period(text);
    char buf[64], a[11], b[11], name[96];

    pxr_period_label(&p, buf, sizeof buf);
    snprintf(name, sizeof name, "label %s", text);
    CHECK_STR(buf, label, name);

    pxr_period_bounds(&p, a, b);
    snprintf(name, sizeof name, "first day %s", text);
    CHECK_STR(a, first, name);
    snprintf(name, sizeof name, "last day %s", text);
    CHECK_STR(b, last, name);

    pxr_period_interval(&p, buf, sizeof buf);
    snprintf(name, sizeof name, "interval %s", text);
    CHECK_STR(buf, interval, name);

    pxr_period prev = pxr_period_previous(&p);
    pxr_period_id(&prev, buf, sizeof buf);
    snprintf(name, sizeof name, "previous %s", text);
    CHECK_STR(buf, previous, name);
}

int main(void)
{
    CHECK_STR(id_of("2023"), "2023", "parse year");
    CHECK_STR(id_of("2023年"), "2023", "parse 2023年");
    CHECK_STR(id_of("2023S1"), "2023S1", "parse S1");
    CHECK_STR(id_of("2023S2"), "2023S2", "parse S2");
    CHECK_STR(id_of("2023H1"), "2023S1", "parse H1");
    CHECK_STR(id_of("2023H2"), "2023S2", "parse H2");
    CHECK_STR(id_of("2023年上半年"), "2023S1", "parse 上半年");
    CHECK_STR(id_of("2023年下半年"), "2023S2", "parse 下半年");
    CHECK_STR(id_of("2023Q1"), "2023Q1", "parse Q1");
    CHECK_STR(id_of("2023Q4"), "2023Q4", "parse Q4");
    CHECK_STR(id_of("2023年第三季度"), "2023Q3", "parse a quarter label");
    CHECK_STR(id_of("  2024S2\t"), "2024S2", "parse with surrounding spaces");
    CHECK_STR(id_of("1900"), "1900", "parse lowest year");
    CHECK_STR(id_of("2999Q4"), "2999Q4", "parse highest year");

    CHECK_STR(id_of("2023S3"), "(none)", "reject S3");
    CHECK_STR(id_of("2023S0"), "(none)", "reject S0");
    CHECK_STR(id_of("2023H3"), "(none)", "reject H3");
    CHECK_STR(id_of("2023Q5"), "(none)", "reject Q5");
    CHECK_STR(id_of("2023Q0"), "(none)", "reject Q0");
    CHECK_STR(id_of("1899"), "(none)", "reject 1899");
    CHECK_STR(id_of("3000"), "(none)", "reject 3000");
    CHECK_STR(id_of("20231"), "(none)", "reject five digits");
    CHECK_STR(id_of("223"), "(none)", "reject three digits");
    CHECK_STR(id_of(""), "(none)", "reject empty");
    CHECK_STR(id_of("   "), "(none)", "reject blanks");
    CHECK_STR(id_of("abcd"), "(none)", "reject letters");
    CHECK_STR(id_of("2023S12"), "(none)", "reject S12");
    CHECK_STR(id_of("2023 S1"), "(none)", "reject inner space");
    CHECK_STR(id_of("2023年中半年"), "(none)", "reject 中半年");
    CHECK_STR(id_of("2023年第五季度"), "(none)", "reject 第五季度");
    CHECK_STR(id_of("2023-01"), "(none)", "reject a month");
    CHECK(pxr_period_parse(NULL, &(pxr_period){0}) == -1, "reject NULL");

    check_derived("2023", "2023年", "2023-01-01", "2023-12-31", "2023-01-01/P1Y", "2022");
    check_derived("2023S1", "2023年上半年", "2023-01-01", "2023-06-30", "2023-01-01/P6M", "2022S2");
    check_derived("2023S2", "2023年下半年", "2023-07-01", "2023-12-31", "2023-07-01/P6M", "2023S1");
    check_derived("2023Q1", "2023年第一季度", "2023-01-01", "2023-03-31", "2023-01-01/P3M",
                  "2022Q4");
    check_derived("2023Q2", "2023年第二季度", "2023-04-01", "2023-06-30", "2023-04-01/P3M",
                  "2023Q1");
    check_derived("2023Q3", "2023年第三季度", "2023-07-01", "2023-09-30", "2023-07-01/P3M",
                  "2023Q2");
    check_derived("2023Q4", "2023年第四季度", "2023-10-01", "2023-12-31", "2023-10-01/P3M",
                  "2023Q3");
    check_derived("2000S1", "2000年上半年", "2000-01-01", "2000-06-30", "2000-01-01/P6M", "1999S2");
    check_derived("2000Q1", "2000年第一季度", "2000-01-01", "2000-03-31", "2000-01-01/P3M",
                  "1999Q4");

    pxr_period p = period("2023H2");
    CHECK(p.year == 2023 && p.kind == 'S' && p.index == 2, "2023H2 fields");
    p = period("2023");
    CHECK(p.year == 2023 && p.kind == 'Y' && p.index == 0, "2023 fields");

    char buf[8];
    p = period("2023Q1");
    pxr_period_id(&p, buf, 5);
    CHECK_STR(buf, "2023", "id truncated to the buffer");
    return check_done();
}
