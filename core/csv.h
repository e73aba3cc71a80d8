/* RFC 4180 CSV reader over a UTF-8 buffer. */
#ifndef PXR_CSV_H
#define PXR_CSV_H

#include "pxr.h"

#include <stddef.h>
#include <stdio.h>

typedef struct pxr_csv pxr_csv;

/*
** Limits that bound a record's memory whatever the input: a record may not
** have more than PXR_CSV_MAX_FIELDS fields nor hold more than
** PXR_CSV_MAX_RECORD bytes of field text.  Beyond them reading fails with
** PXR_EDATA "name:line:column: ..." naming the limit.
*/
#define PXR_CSV_MAX_FIELDS 10000
#define PXR_CSV_MAX_RECORD ((size_t)16 << 20)

/*
** Reads records from data[0..len), which must already be UTF-8 without a BOM
** (see encoding.h).  name is used in messages only.  Quoted fields may hold
** commas, doubled quotes and line breaks; CRLF and LF both end a record; a
** final record without a line break is accepted; empty lines are skipped.
** Returns NULL only when out of memory.
*/
pxr_csv *pxr_csv_open(const char *data, size_t len, const char *name);
void pxr_csv_close(pxr_csv *csv);

/*
** Reads the next record: 1 when there is one, 0 at the end, -1 on failure
** (-1, not PXR_EDATA, which equals 1) with err->code PXR_EDATA for a syntax
** error (a quote inside an unquoted field, text after a closing quote, an
** unterminated quoted field, a record beyond the limits above; err names
** "name:line:column") or PXR_EINTERNAL
** when out of memory.  After a failure every call fails the same way.
*/
int pxr_csv_next(pxr_csv *csv, pxr_error *err);

size_t pxr_csv_count(const pxr_csv *csv);                /* fields in this record */
const char *pxr_csv_field(const pxr_csv *csv, size_t i); /* NUL-terminated, "" past the end */
long pxr_csv_line(const pxr_csv *csv); /* 1-based line on which the record starts */

/* 1-based character column (UTF-8 code points) of the start of field i on its line. */
long pxr_csv_column(const pxr_csv *csv, size_t i);

/*
** Writes s (NULL: an empty field) as one RFC 4180 field, quoted when it holds a
** comma, a quote or a line break (quotes doubled), then ',' or, when last, '\n'.
*/
void pxr_csv_put(FILE *f, const char *s, int last);

#endif
