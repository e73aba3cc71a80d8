/* libFuzzer target: the XLSX reader (zip, shared strings, sheet XML). */
#include "rows_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drain(pxr_rows_open_xlsx, data, size);
    return 0;
}
