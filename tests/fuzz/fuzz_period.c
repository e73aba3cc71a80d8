/* libFuzzer target: the period parser and what is derived from a parsed period. */
#include "period.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), out[64], first[11], last[11];
    pxr_period p, q;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (pxr_period_parse(text, &p) == 0) {
        pxr_period_id(&p, out, sizeof out);
        /* the canonical id parses back to the same period */
        if (pxr_period_parse(out, &q) != 0 || q.year != p.year || q.kind != p.kind ||
            q.index != p.index)
            abort();
        pxr_period_label(&p, out, sizeof out);
        pxr_period_bounds(&p, first, last);
        pxr_period_interval(&p, out, sizeof out);
        q = pxr_period_previous(&p);
        pxr_period_id(&q, out, sizeof out);
    }
    free(text);
    return 0;
}
