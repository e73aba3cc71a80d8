/* libFuzzer target: the XML reader (ADX and pxr values XML). */
#include "rows_common.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drain(pxr_rows_open_xml, data, size);
    return 0;
}
