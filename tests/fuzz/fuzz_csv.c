/* libFuzzer target: the CSV reader with encoding detection (GBK, GB18030, UTF-8 with or without
 * BOM). */
#include "rows_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drain(pxr_rows_open_csv, data, size);
    return 0;
}
