/* Where the importer's records come from: a CSV file, an XLSX sheet, rows taken from XML. */
#ifndef PXR_ROWS_H
#define PXR_ROWS_H

#include "pxr.h"

#include <stddef.h>

typedef struct pxr_rows pxr_rows;

/*
** A record source.  The first record is the header.  Field text is UTF-8 and
** stays valid until the next call of next().  where() writes the position of
** field i of the current record for messages ("values.csv:22:19",
** "form.xlsx: sheet '填报' cell D22"); i == PXR_ROWS_RECORD names the record.
*/
#define PXR_ROWS_RECORD ((size_t)-1)

typedef struct pxr_rows_ops {
    int (*next)(pxr_rows *r, pxr_error *err); /* 1: a record, 0: the end, -1: error (err set) */
    size_t (*count)(const pxr_rows *r);
    const char *(*field)(const pxr_rows *r, size_t i); /* "" past the end */
    long (*line)(const pxr_rows *r); /* line or row number of the record, for "given on line N" */
    void (*where)(const pxr_rows *r, size_t i, char *out, size_t outlen);
    void (*close)(pxr_rows *r);
} pxr_rows_ops;

struct pxr_rows {
    const pxr_rows_ops *ops;
    char format[48]; /* for the summary line: "UTF-8", "GB18030", "XLSX", "ADX" … */
};

/*
** Opens the right source for a file's bytes: XLSX (a zip), XML, narrative
** text or Markdown (a "plugin:"/"unit:"/"period:" block first), or else CSV
** in UTF-8, UTF-8 with BOM, GBK or GB18030.  data must outlive the source.
*/
pxr_rows *pxr_rows_open(const char *path, const char *data, size_t len, pxr_error *err);

/* The CSV source. */
pxr_rows *pxr_rows_open_csv(const char *path, const char *data, size_t len, pxr_error *err);
pxr_rows *pxr_rows_open_xml(const char *path, const char *data, size_t len, pxr_error *err);
pxr_rows *pxr_rows_open_xlsx(const char *path, const char *data, size_t len, pxr_error *err);
pxr_rows *pxr_rows_open_wide(pxr_rows *inner, pxr_error *err); /* rows_wide.c; owns inner */
/* Narratives as plain text or Markdown (rows_md.c): a plugin/unit/period block, then "## section"s.
 */
pxr_rows *pxr_rows_open_md(const char *path, const char *data, size_t len, pxr_error *err);
int pxr_rows_is_narrative_text(const char *data, size_t len); /* 1 if data starts so */

static inline int pxr_rows_next(pxr_rows *r, pxr_error *err)
{
    return r->ops->next(r, err);
}
static inline size_t pxr_rows_count(const pxr_rows *r)
{
    return r->ops->count(r);
}
static inline const char *pxr_rows_field(const pxr_rows *r, size_t i)
{
    return r->ops->field(r, i);
}
static inline long pxr_rows_line(const pxr_rows *r)
{
    return r->ops->line(r);
}
static inline void pxr_rows_where(const pxr_rows *r, size_t i, char *out, size_t outlen)
{
    r->ops->where(r, i, out, outlen);
}
static inline void pxr_rows_close(pxr_rows *r)
{
    if (r)
        r->ops->close(r);
}

#endif
