/*
** The message catalog (core/po/zh_CN.po): every translation keeps the printf
** conversions of its English message, in order, so that it formats the same
** arguments; lookups follow the locale variables.
*/
#include "check.h"
#include "pxr.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *id, *zh;
} entries[] = {
#include "messages_zh.h"
};

/* The conversions of a format ("%s", "%.80s", "%ld" …) joined, "%%" left out. */
static void conversions(const char *fmt, char *out, size_t outlen)
{
    size_t n = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        const char *end = p + 1 + strspn(p + 1, "0123456789.-+ #*lhzj");
        size_t len = (size_t)(end - p) + 1;
        if (n + len + 1 < outlen) {
            memcpy(out + n, p, len);
            n += len;
            out[n++] = ' ';
        }
        p = end;
    }
    out[n] = '\0';
}

int main(void)
{
    char a[256], b[256], name[700];
    int bad = 0;

    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        conversions(entries[i].id, a, sizeof a);
        conversions(entries[i].zh, b, sizeof b);
        if (strcmp(a, b) != 0) {
            snprintf(name, sizeof name, "catalog: '%.60s' keeps its conversions (%s/%s)",
                     entries[i].id, a, b);
            CHECK(0, name);
            bad++;
        }
    }
    CHECK(bad == 0, "every translation keeps the conversions of its message");
    CHECK(sizeof entries / sizeof entries[0] > 100, "the catalog has the import's messages");

    setenv("LC_ALL", "C", 1);
    setenv("LANG", "zh_CN.UTF-8", 1);
    CHECK_STR(pxr_msg("not a number"), "not a number", "LC_ALL=C wins over LANG=zh_CN");

    char when[80];
    CHECK_STR(pxr_msg_time("2024-07-15T17:30:00Z", when, sizeof when),
              "2024-07-16 01:30:00 (Beijing time, UTC+8)",
              "an import at 17:30 UTC is received on the next day, Beijing time");
    CHECK_STR(pxr_msg_time("2024-12-31T20:05:09Z", when, sizeof when),
              "2025-01-01 04:05:09 (Beijing time, UTC+8)", "Beijing time across a year's end");
    CHECK_STR(pxr_msg_time("2024-02-28T23:00:00Z", when, sizeof when),
              "2024-02-29 07:00:00 (Beijing time, UTC+8)", "Beijing time on a leap day");
    CHECK_STR(pxr_msg_time("2024-07-15", when, sizeof when), "2024-07-15",
              "a --received date is printed as it is");
    CHECK_STR(pxr_msg_time("2024-07-15T17:30:00Zx", when, sizeof when), "2024-07-15T17:30:00Zx",
              "anything else is printed as it is");
    return check_done();
}
