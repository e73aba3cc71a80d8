#ifndef PXR_DIGITS_H
#define PXR_DIGITS_H
/*
** Numbers written by hand where snprintf cost: the PDF content's numbers and the XML
** tree's paths are written once per glyph run, rule and element.
*/
#include <stddef.h>
#include <string.h>

/* The decimal digits of v at out (at most 20, no NUL); returns how many. */
static inline size_t pxr_digits(char *out, unsigned long long v)
{
    char rev[20];
    size_t n = 0, k = 0;

    do
        rev[n++] = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    while (n)
        out[k++] = rev[--n];
    return k;
}

/* text[0..k) at out, cut to fit cap with a NUL as snprintf would; returns what was copied. */
static inline size_t pxr_put_cut(char *out, size_t cap, const char *text, size_t k)
{
    if (!cap)
        return 0;
    if (k >= cap)
        k = cap - 1;
    memcpy(out, text, k);
    out[k] = '\0';
    return k;
}

#endif
