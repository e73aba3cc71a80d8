/* A minimal test harness: each CHECK prints "PASS: ..." or "FAIL: ...";
** tests/run.sh counts those lines.  main() returns check_done(). */
#ifndef PXR_CHECK_H
#define PXR_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_count;

#define CHECK(cond, name)                                                                          \
    do {                                                                                           \
        if (cond) {                                                                                \
            printf("PASS: %s\n", name);                                                            \
        } else {                                                                                   \
            printf("FAIL: %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond);                     \
            check_failed_count++;                                                                  \
        }                                                                                          \
    } while (0)

#define CHECK_STR(got, want, name)                                                                 \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                                     \
            printf("PASS: %s\n", name);                                                            \
        } else {                                                                                   \
            printf("FAIL: %s (%s:%d: got \"%s\", want \"%s\")\n", name, __FILE__, __LINE__,        \
                   g_ ? g_ : "(null)", w_ ? w_ : "(null)");                                        \
            check_failed_count++;                                                                  \
        }                                                                                          \
    } while (0)

static inline int check_done(void)
{
    return check_failed_count ? 1 : 0;
}

#endif
