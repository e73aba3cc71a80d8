/* Detects the text encoding of an input file and converts it to UTF-8. */
#ifndef PXR_ENCODING_H
#define PXR_ENCODING_H

#include "pxr.h"

#include <stddef.h>

typedef enum pxr_encoding {
    PXR_ENC_UTF8,
    PXR_ENC_UTF8_BOM,
    PXR_ENC_GB18030, /* GBK files are GB18030 too: GB18030 is a superset */
} pxr_encoding;

const char *pxr_encoding_name(pxr_encoding enc); /* "UTF-8", "UTF-8 with BOM", "GB18030" */

/*
** Converts buf[0..len) to a freshly allocated, NUL-terminated UTF-8 string
** without BOM.  Valid UTF-8 (with or without BOM) is taken as it is; otherwise
** the text must convert cleanly from GB18030 (iconv).  Refused with PXR_EDATA
** and a message "name:line:column: ..." naming the offending byte(s): NUL
** bytes, UTF-16/UTF-32 byte-order marks, bytes valid in neither encoding, and
** empty input ("name: the file is empty").
*/
int pxr_text_to_utf8(const char *name, const char *buf, size_t len, char **out, size_t *outlen,
                     pxr_encoding *enc, pxr_error *err);

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF). */
int pxr_utf8_valid(const char *s, size_t len);

#endif
