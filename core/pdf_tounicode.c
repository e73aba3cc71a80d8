#include "pdf_tounicode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char cmap_head[] = "/CIDInit /ProcSet findresource begin\n"
                                "12 dict begin\n"
                                "begincmap\n"
                                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                                ">> def\n"
                                "/CMapName /Adobe-Identity-UCS def\n"
                                "/CMapType 2 def\n"
                                "1 begincodespacerange\n"
                                "<0000> <FFFF>\n"
                                "endcodespacerange\n";

static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\n"
                                "end\n";

/*
** Rules for pairs i..j-1: a bfrange while CIDs and code points both step by one and
** keep their high byte (a range may only vary the last byte), else one bfchar.
*/
static unsigned run_end(const uint32_t *cid, const uint32_t *cp, unsigned i, unsigned n)
{
    unsigned j = i + 1;
    while (j < n && cid[j] == cid[j - 1] + 1 && cp[j] == cp[j - 1] + 1 &&
           (cid[j] >> 8) == (cid[i] >> 8) && (cp[j] >> 8) == (cp[i] >> 8))
        j++;
    return j;
}

/*
** "<%04X>" of v at out, by hand (snprintf was most of the CMap's time): at most 10
** bytes.
*/
static size_t hex_code(char *out, uint32_t v)
{
    static const char digit[] = "0123456789ABCDEF";
    int n = 4;
    size_t k = 0;

    while (n < 8 && v >> (4 * n))
        n++;
    out[k++] = '<';
    while (n-- > 0)
        out[k++] = digit[v >> (4 * n) & 15];
    out[k++] = '>';
    return k;
}

char *pxr_pdf_tounicode_cmap(const uint32_t *cid, const uint32_t *cp, unsigned n, size_t *len)
{
    /* a rule is at most 33 bytes (hex_code), a block's header and trailer fewer than 40 */
    size_t cap = sizeof cmap_head + sizeof cmap_tail + 33 * (size_t)n + 40 * (n / 50 + 2), k;
    char *out = malloc(cap);
    unsigned i = 0;

    if (!out)
        return NULL;
    k = (size_t)snprintf(out, cap, "%s", cmap_head);
    while (i < n) {
        /* a block of up to 100 rules of one kind */
        int range = run_end(cid, cp, i, n) - i > 1;
        unsigned starts[100], ends[100], m = 0, j = i;
        while (j < n && m < 100) {
            unsigned e = run_end(cid, cp, j, n);
            if ((e - j > 1) != range)
                break;
            starts[m] = j, ends[m++] = e, j = e;
        }
        k += (size_t)snprintf(out + k, cap - k, "%u %s\n", m,
                              range ? "beginbfrange" : "beginbfchar");
        for (unsigned r = 0; r < m; r++) {
            unsigned a = starts[r], b = ends[r] - 1;
            k += hex_code(out + k, cid[a]);
            if (range)
                out[k++] = ' ', k += hex_code(out + k, cid[b]);
            out[k++] = ' ';
            k += hex_code(out + k, cp[a]);
            out[k++] = '\n';
        }
        k += (size_t)snprintf(out + k, cap - k, "%s\n", range ? "endbfrange" : "endbfchar");
        i = j;
    }
    k += (size_t)snprintf(out + k, cap - k, "%s", cmap_tail);
    *len = k;
    return out;
}
