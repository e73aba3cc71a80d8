/* Reporting periods with DHIS2 ids; lua/pxr/period.lua follows the same rules. */
#include "period.h"

#include <stdio.h>
#include <string.h>

static const char *const half_cn[] = {"上", "下"};
static const char *const quarter_cn[] = {"一", "二", "三", "四"};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int per_year(char kind)
{
    return kind == 'Q' ? 4 : kind == 'S' ? 2 : 1;
}

static int months(char kind)
{
    return 12 / per_year(kind);
}

/* Matches rest[0..n) against "年" prefix + word + suffix, e.g. "年上半年". */
static int matches(const char *rest, size_t n, const char *prefix, const char *word,
                   const char *suffix)
{
    size_t a = strlen(prefix), b = strlen(word), c = strlen(suffix);
    return n == a + b + c && memcmp(rest, prefix, a) == 0 && memcmp(rest + a, word, b) == 0 &&
           memcmp(rest + a + b, suffix, c) == 0;
}

int pxr_period_parse(const char *text, pxr_period *p)
{
    if (!text)
        return -1;
    while (is_space(*text))
        text++;
    size_t n = strlen(text);
    while (n > 0 && is_space(text[n - 1]))
        n--;
    if (n < 4)
        return -1;
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        year = year * 10 + (text[i] - '0');
    }
    if (year < 1900 || year > 2999)
        return -1;
    const char *rest = text + 4;
    n -= 4;
    pxr_period r = {year, 'Y', 0};
    if (n == 0 || matches(rest, n, "年", "", "")) {
        *p = r;
        return 0;
    }
    if (n == 2 && (rest[0] == 'S' || rest[0] == 'H' || rest[0] == 'Q')) {
        r.kind = rest[0] == 'Q' ? 'Q' : 'S';
        r.index = rest[1] - '0';
        if (r.index < 1 || r.index > per_year(r.kind))
            return -1;
        *p = r;
        return 0;
    }
    for (int i = 0; i < 2; i++) {
        if (matches(rest, n, "年", half_cn[i], "半年")) {
            r.kind = 'S';
            r.index = i + 1;
            *p = r;
            return 0;
        }
    }
    /* Labels come back from templates, so "2023年第一季度" is accepted as well. */
    for (int i = 0; i < 4; i++) {
        if (matches(rest, n, "年第", quarter_cn[i], "季度")) {
            r.kind = 'Q';
            r.index = i + 1;
            *p = r;
            return 0;
        }
    }
    return -1;
}

void pxr_period_id(const pxr_period *p, char *out, size_t outlen)
{
    if (p->kind == 'Y')
        snprintf(out, outlen, "%d", p->year);
    else
        snprintf(out, outlen, "%d%c%d", p->year, p->kind, p->index);
}

void pxr_period_label(const pxr_period *p, char *out, size_t outlen)
{
    if (p->kind == 'S' && p->index >= 1 && p->index <= 2)
        snprintf(out, outlen, "%d年%s半年", p->year, half_cn[p->index - 1]);
    else if (p->kind == 'Q' && p->index >= 1 && p->index <= 4)
        snprintf(out, outlen, "%d年第%s季度", p->year, quarter_cn[p->index - 1]);
    else
        snprintf(out, outlen, "%d年", p->year);
}

static int last_day(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static int first_month(const pxr_period *p)
{
    int count = per_year(p->kind);
    int index = p->index < 1 ? 1 : p->index > count ? count : p->index;
    return p->kind == 'Y' ? 1 : (index - 1) * months(p->kind) + 1;
}

/* Writes "YYYY-MM-DD" and a NUL: exactly 11 bytes, the year taken modulo 10000. */
static void put_date(char *out, int year, int month, int day)
{
    unsigned y = (unsigned)(year < 0 ? 0 : year) % 10000;
    const unsigned v[3] = {y, (unsigned)month, (unsigned)day};
    const int width[3] = {4, 2, 2};
    char *o = out;
    for (int f = 0; f < 3; f++) {
        if (f)
            *o++ = '-';
        for (int i = width[f] - 1; i >= 0; i--) {
            unsigned d = v[f];
            for (int j = 0; j < i; j++)
                d /= 10;
            *o++ = (char)('0' + d % 10);
        }
    }
    *o = '\0';
}

void pxr_period_bounds(const pxr_period *p, char *first, char *last)
{
    int m1 = first_month(p), m2 = m1 + months(p->kind) - 1;
    put_date(first, p->year, m1, 1);
    put_date(last, p->year, m2, last_day(p->year, m2));
}

void pxr_period_interval(const pxr_period *p, char *out, size_t outlen)
{
    char first[11], last[11];
    pxr_period_bounds(p, first, last);
    if (p->kind == 'Y')
        snprintf(out, outlen, "%s/P1Y", first);
    else
        snprintf(out, outlen, "%s/P%dM", first, months(p->kind));
}

pxr_period pxr_period_previous(const pxr_period *p)
{
    pxr_period r = *p;
    if (r.kind == 'Y') {
        r.year--;
    } else if (r.index > 1) {
        r.index--;
    } else {
        r.year--;
        r.index = per_year(r.kind);
    }
    return r;
}
