/* Reads every record of a source opened on the fuzzer's bytes, then closes it. */
#ifndef PXR_FUZZ_ROWS_COMMON_H
#define PXR_FUZZ_ROWS_COMMON_H

#include "rows.h"

#include <stdlib.h>
#include <string.h>

typedef pxr_rows *(*fuzz_open_fn)(const char *path, const char *data, size_t len, pxr_error *err);

static inline void fuzz_drain(fuzz_open_fn open, const unsigned char *data, size_t size)
{
    /* a copy of exactly size bytes, so reading past the end is caught */
    char *copy = malloc(size ? size : 1);
    pxr_error err;
    pxr_rows *r;
    char where[600];

    if (!copy)
        return;
    if (size)
        memcpy(copy, data, size);
    if ((r = open("fuzz.in", copy, size, &err))) {
        for (long n = 0; n < 100000 && pxr_rows_next(r, &err) == 1; n++) {
            size_t count = pxr_rows_count(r);
            for (size_t i = 0; i <= count; i++)
                (void)strlen(pxr_rows_field(r, i));
            pxr_rows_where(r, count ? count - 1 : 0, where, sizeof where);
            pxr_rows_where(r, PXR_ROWS_RECORD, where, sizeof where);
            (void)pxr_rows_line(r);
        }
        pxr_rows_close(r);
    }
    free(copy);
}

#endif
