/* Reporting periods with DHIS2 ids: 2023 (year), 2023S1/2023S2 (half-years), 2023Q1..Q4. */
#ifndef PXR_PERIOD_H
#define PXR_PERIOD_H

#include <stddef.h>

typedef struct pxr_period {
    int year;  /* 1900..2999 */
    char kind; /* 'Y' year, 'S' half-year, 'Q' quarter */
    int index; /* 1..2 for 'S', 1..4 for 'Q', 0 for 'Y' */
} pxr_period;

/*
** Parses an id.  Accepted: 2023, 2023年, 2023S1, 2023S2, 2023H1, 2023H2,
** 2023年上半年, 2023年下半年, 2023Q1..2023Q4 (leading/trailing spaces allowed).
** Returns 0, or -1 when text is not a period.
*/
int pxr_period_parse(const char *text, pxr_period *p);

/* Canonical DHIS2 id ("2023S1"). */
void pxr_period_id(const pxr_period *p, char *out, size_t outlen);

/* Chinese label: "2023年", "2023年上半年", "2023年第一季度". */
void pxr_period_label(const pxr_period *p, char *out, size_t outlen);

/* First and last day as ISO dates "2023-01-01" and "2023-06-30" (out: 11 bytes each). */
void pxr_period_bounds(const pxr_period *p, char *first, char *last);

/* ISO 8601 interval as ADX writes it: "2023-01-01/P6M", "2023-01-01/P1Y", "2023-04-01/P3M". */
void pxr_period_interval(const pxr_period *p, char *out, size_t outlen);

/* The period of the same kind just before p (2023S1 -> 2022S2). */
pxr_period pxr_period_previous(const pxr_period *p);

#endif
