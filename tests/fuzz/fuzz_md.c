/* libFuzzer target: the Markdown and plain-text narrative reader. */
#include "rows_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drain(pxr_rows_open_md, data, size);
    return 0;
}
