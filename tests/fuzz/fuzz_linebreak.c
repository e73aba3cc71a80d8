/* libFuzzer target: the line breaker, in every punctuation mode, on any bytes. */
#include "linebreak.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Full width for CJK, half for the rest, zero for combining marks: like a real font. */
static double width(void *ud, uint32_t cp)
{
    (void)ud;
    if (cp >= 0x300 && cp < 0x370)
        return 0;
    return cp >= 0x2E80 ? 10.0 : 5.0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pxr_lb_line *lines = NULL;
    size_t nlines = 0;
    double measure;
    char *s;

    if (size < 2)
        return 0;
    /* the first byte chooses the measure (narrower than one character too) and the mode */
    measure = 1.0 + (data[0] & 0x7F);
    double indent = (data[0] & 0x80) ? 20.0 : 0.0;
    int mode = data[1] % 3 == 0 ? PXR_LB_STRICT : data[1] % 3 == 1 ? PXR_LB_HANG : PXR_LB_SQUEEZE;
    data += 2, size -= 2;
    if (!(s = malloc(size ? size : 1)))
        return 0;
    memcpy(s, data, size);
    if (pxr_lb_break_mode(s, size, measure, indent, mode, width, NULL, &lines, &nlines) == 0) {
        size_t prev = 0;
        for (size_t i = 0; i < nlines; i++) {
            /* lines are in order, inside the text, and cover it */
            if (lines[i].start > lines[i].end || lines[i].end > size || lines[i].start < prev)
                abort();
            prev = lines[i].end;
        }
        free(lines);
    }
    (void)pxr_lb_min_width(s, size, width, NULL);
    free(s);
    return 0;
}
