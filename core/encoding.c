/* Encoding detection: strict UTF-8 first (with or without BOM), else GB18030 via iconv. */
#include "encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *pxr_encoding_name(pxr_encoding enc)
{
    switch (enc) {
    case PXR_ENC_UTF8:
        return "UTF-8";
    case PXR_ENC_UTF8_BOM:
        return "UTF-8 with BOM";
    case PXR_ENC_GB18030:
        return "GB18030";
    }
    return "unknown";
}

/*
** Returns the offset of the first byte that does not belong to a well-formed
** UTF-8 sequence (Unicode 15, table 3-7), or len when all of s is well formed.
*/
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        /* ASCII runs dominate data files: test eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            if (c == 0xED)
                hi = 0x9F; /* surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            if (c == 0xF4)
                hi = 0x8F; /* above U+10FFFF */
        } else {
            return i;
        }
        if (i + 1 >= len || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k < n; k++)
            if (i + k >= len || s[i + k] < 0x80 || s[i + k] > 0xBF)
                return i;
        i += n;
    }
    return len;
}

int pxr_utf8_valid(const char *s, size_t len)
{
    return utf8_invalid_at((const unsigned char *)s, len) == len;
}

/* Characters in s[0..len), which is valid UTF-8 or (a prefix of) GB18030 text. */
static long count_chars(const unsigned char *s, size_t len)
{
    long n = 0;
    if (utf8_invalid_at(s, len) == len) {
        for (size_t i = 0; i < len; i++)
            n += (s[i] & 0xC0) != 0x80;
        return n;
    }
    /* GB18030: one byte below 0x80, four when the second byte is a digit, else two. */
    for (size_t i = 0; i < len; n++) {
        if (s[i] < 0x80)
            i += 1;
        else if (i + 1 < len && s[i + 1] >= 0x30 && s[i + 1] <= 0x39)
            i += 4;
        else
            i += 2;
    }
    return n;
}

/* Line and character column of byte off; text starts at buf + start (after a BOM). */
static void locate(const char *buf, size_t start, size_t off, long *line, long *col)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t line_start = start;
    *line = 1;
    for (size_t i = start; i < off; i++) {
        /* LF, CRLF and a lone CR end a line, as in csv.c. */
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))) {
            ++*line;
            line_start = i + 1;
        }
    }
    *col = count_chars(s + line_start, off - line_start) + 1;
}

static int fail_at(pxr_error *err, const char *name, const char *buf, size_t start, size_t off,
                   const char *what)
{
    long line, col;
    locate(buf, start, off, &line, &col);
    return pxr_fail(err, PXR_EDATA, "%s:%ld:%ld: %s", name, line, col, pxr_msg(what));
}

/*
** Converts from GB18030.  On bad input returns PXR_EDATA with *bad set to the
** offset where conversion stopped; other failures are PXR_EINTERNAL.
*/
static int from_gb18030(const char *buf, size_t len, char **out, size_t *outlen, size_t *bad,
                        pxr_error *err)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return pxr_fail(err, PXR_EINTERNAL, "iconv cannot convert GB18030 to UTF-8: %s",
                        strerror(errno));
    /* Two GB18030 bytes become at most three UTF-8 bytes; four become four. */
    size_t cap = len / 2 * 3 + 8;
    char *dst = malloc(cap);
    if (!dst) {
        iconv_close(cd);
        return pxr_fail(err, PXR_EINTERNAL, "out of memory converting %zu bytes", len);
    }
    char *in = (char *)buf;
    size_t inleft = len;
    char *o = dst;
    size_t oleft = cap - 1;
    int rc = PXR_OK;
    while (inleft > 0) {
        if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(o - dst);
            char *grown = realloc(dst, cap * 2);
            if (!grown) {
                rc = pxr_fail(err, PXR_EINTERNAL, "out of memory converting %zu bytes", len);
                break;
            }
            dst = grown;
            cap *= 2;
            o = dst + used;
            oleft = cap - 1 - used;
            continue;
        }
        /* EILSEQ: an invalid sequence; EINVAL: an incomplete one at the end. */
        *bad = (size_t)(in - buf);
        rc = PXR_EDATA;
        break;
    }
    iconv_close(cd);
    if (rc != PXR_OK) {
        free(dst);
        return rc;
    }
    *o = '\0';
    *out = dst;
    *outlen = (size_t)(o - dst);
    return PXR_OK;
}

int pxr_text_to_utf8(const char *name, const char *buf, size_t len, char **out, size_t *outlen,
                     pxr_encoding *enc, pxr_error *err)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t dummy_len;
    pxr_encoding dummy_enc;
    if (!outlen)
        outlen = &dummy_len;
    if (!enc)
        enc = &dummy_enc;
    *out = NULL;

    if (len == 0)
        return pxr_fail(err, PXR_EDATA, "%s: the file is empty", name);
    /* UTF-32 first: its little-endian mark begins with the UTF-16 one. */
    if (len >= 4 && ((s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) ||
                     (s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)))
        return pxr_fail(err, PXR_EDATA, "%s:1:1: is UTF-32; save it as UTF-8 or GBK", name);
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        return pxr_fail(err, PXR_EDATA, "%s:1:1: is UTF-16; save it as UTF-8 or GBK", name);

    size_t start = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        start = 3;
    const char *nul = memchr(buf + start, '\0', len - start);
    if (nul)
        return fail_at(err, name, buf, start, (size_t)(nul - buf),
                       "contains a NUL byte (binary file?)");

    size_t bad_utf8 = start + utf8_invalid_at(s + start, len - start);
    if (bad_utf8 == len) {
        char *copy = malloc(len - start + 1);
        if (!copy)
            return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory (%zu bytes)", name, len);
        memcpy(copy, buf + start, len - start);
        copy[len - start] = '\0';
        *out = copy;
        *outlen = len - start;
        *enc = start ? PXR_ENC_UTF8_BOM : PXR_ENC_UTF8;
        return PXR_OK;
    }
    if (start) {
        char what[128];
        snprintf(what, sizeof what,
                 pxr_msg("byte 0x%02X is not UTF-8, yet the file starts with a UTF-8 BOM"),
                 s[bad_utf8]);
        return fail_at(err, name, buf, start, bad_utf8, what);
    }

    size_t bad_gb = 0;
    int rc = from_gb18030(buf, len, out, outlen, &bad_gb, err);
    if (rc == PXR_OK) {
        *enc = PXR_ENC_GB18030;
        return PXR_OK;
    }
    if (rc != PXR_EDATA)
        return rc;
    /* The decoding that got further is most likely the file's real encoding. */
    size_t bad = bad_gb > bad_utf8 ? bad_gb : bad_utf8;
    char what[128];
    snprintf(what, sizeof what, pxr_msg("byte 0x%02X is neither UTF-8 nor GB18030"), s[bad]);
    return fail_at(err, name, buf, 0, bad, what);
}
