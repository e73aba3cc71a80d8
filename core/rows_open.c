/* Chooses the record source for a file from its bytes, not its name. */
#include "rows.h"

#include <string.h>

pxr_rows *pxr_rows_open(const char *path, const char *data, size_t len, pxr_error *err)
{
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
        return pxr_rows_open_xlsx(path, data, len, err);
    /* XML: "<" after an optional UTF-8 BOM and white space */
    size_t x = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (x < len && (data[x] == ' ' || data[x] == '\t' || data[x] == '\r' || data[x] == '\n'))
        x++;
    if (x < len && data[x] == '<')
        return pxr_rows_open_xml(path, data, len, err);
    if (pxr_rows_is_narrative_text(data, len))
        return pxr_rows_open_md(path, data, len, err);
    return pxr_rows_open_csv(path, data, len, err);
}
