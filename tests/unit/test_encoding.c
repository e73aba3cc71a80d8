/* Encoding detection and conversion: UTF-8, BOM, GBK/GB18030, and each refusal with its place. */
#include "check.h"
#include "encoding.h"

#include <stdlib.h>

/* Converts buf[0..len) and returns the UTF-8 text or the error message (static storage). */
static const char *convert(const char *buf, size_t len, pxr_encoding *enc, int *rc)
{
    static char result[2048];
    char *out = NULL;
    size_t outlen = 0;
    pxr_error err = {0};
    *rc = pxr_text_to_utf8("in.csv", buf, len, &out, &outlen, enc, &err);
    if (*rc != PXR_OK) {
        snprintf(result, sizeof result, "%s", err.text);
        if (out != NULL)
            snprintf(result, sizeof result, "out set on failure");
        return result;
    }
    snprintf(result, sizeof result, "%s", out);
    if (strlen(out) != outlen)
        snprintf(result, sizeof result, "outlen %zu, strlen %zu", outlen, strlen(out));
    free(out);
    return result;
}

#define CONVERT(lit, enc, rc) convert(lit, sizeof lit - 1, enc, rc)

int main(void)
{
    pxr_encoding enc = PXR_ENC_UTF8;
    int rc;

    CHECK_STR(CONVERT("code,name\n1,医院\n", &enc, &rc), "code,name\n1,医院\n", "utf8 unchanged");
    CHECK(rc == PXR_OK && enc == PXR_ENC_UTF8, "utf8 detected");

    CHECK_STR(CONVERT("\xef\xbb\xbf"
                      "a,中文\n",
                      &enc, &rc),
              "a,中文\n", "utf8 BOM stripped");
    CHECK(rc == PXR_OK && enc == PXR_ENC_UTF8_BOM, "utf8 BOM detected");

    CHECK_STR(CONVERT("\xd6\xd0\xce\xc4,\xd2\xbd\xd4\xba\r\n", &enc, &rc), "中文,医院\r\n",
              "gbk converted");
    CHECK(rc == PXR_OK && enc == PXR_ENC_GB18030, "gbk detected as GB18030");

    CHECK_STR(CONVERT("x\x95\x32\x82\x36y\x81\x30\x87\x37", &enc, &rc),
              "x\xf0\xa0\x80\x80y\xc3\x89", "gb18030 four-byte sequences (U+20000, U+00C9)");
    CHECK(rc == PXR_OK && enc == PXR_ENC_GB18030, "gb18030 four-byte detected");

    CHECK_STR(CONVERT("", &enc, &rc), "in.csv: the file is empty", "empty file");
    CHECK(rc == PXR_EDATA, "empty file is a data error");

    CHECK_STR(CONVERT("ab\nc\0d", &enc, &rc), "in.csv:2:2: contains a NUL byte (binary file?)",
              "NUL byte with its place");
    CHECK(rc == PXR_EDATA, "NUL is a data error");

    CHECK_STR(CONVERT("\xff\xfe"
                      "a\0,\0",
                      &enc, &rc),
              "in.csv:1:1: is UTF-16; save it as UTF-8 or GBK", "UTF-16LE BOM");
    CHECK_STR(CONVERT("\xfe\xff\0a\0,", &enc, &rc),
              "in.csv:1:1: is UTF-16; save it as UTF-8 or GBK", "UTF-16BE BOM");
    CHECK_STR(CONVERT("\xff\xfe\0\0a\0\0\0", &enc, &rc),
              "in.csv:1:1: is UTF-32; save it as UTF-8 or GBK", "UTF-32LE BOM");

    CHECK_STR(CONVERT("abc\n\xff", &enc, &rc), "in.csv:2:1: byte 0xFF is neither UTF-8 nor GB18030",
              "invalid byte at line start");
    CHECK(rc == PXR_EDATA, "invalid byte is a data error");
    CHECK_STR(CONVERT("a\rb\r\nc\r\xff", &enc, &rc),
              "in.csv:4:1: byte 0xFF is neither UTF-8 nor GB18030", "lone CR and CRLF end lines");
    CHECK_STR(CONVERT("a,b\n中文\n医院\xff,x\n", &enc, &rc),
              "in.csv:3:3: byte 0xFF is neither UTF-8 nor GB18030",
              "invalid byte after UTF-8 text: column in characters");
    CHECK_STR(CONVERT("h\r\n\xd6\xd0\xce\xc4,\x80\n", &enc, &rc),
              "in.csv:2:4: byte 0x80 is neither UTF-8 nor GB18030",
              "invalid byte after GBK text: column in characters");
    CHECK_STR(CONVERT("\xd6\xd0\xce", &enc, &rc),
              "in.csv:1:2: byte 0xCE is neither UTF-8 nor GB18030",
              "truncated GBK character at end");
    CHECK_STR(CONVERT("\xef\xbb\xbf"
                      "ab\xd6\xd0",
                      &enc, &rc),
              "in.csv:1:3: byte 0xD6 is not UTF-8, yet the file starts with a UTF-8 BOM",
              "BOM then non-UTF-8");

    CHECK(pxr_utf8_valid("a中\xf0\x9f\x98\x80", 8), "valid: ASCII, BMP, emoji");
    CHECK(pxr_utf8_valid("", 0), "valid: empty");
    CHECK(!pxr_utf8_valid("\xc0\xaf", 2), "invalid: overlong two-byte");
    CHECK(!pxr_utf8_valid("\xe0\x80\xaf", 3), "invalid: overlong three-byte");
    CHECK(!pxr_utf8_valid("\xed\xa0\x80", 3), "invalid: surrogate");
    CHECK(!pxr_utf8_valid("\xf4\x90\x80\x80", 4), "invalid: above U+10FFFF");
    CHECK(!pxr_utf8_valid("\xf5\x80\x80\x80", 4), "invalid: F5 lead");
    CHECK(!pxr_utf8_valid("abcdefgh\xe4\xb8", 10), "invalid: truncated after an ASCII run");
    CHECK(!pxr_utf8_valid("\x80", 1), "invalid: lone continuation");

    CHECK_STR(pxr_encoding_name(PXR_ENC_UTF8), "UTF-8", "name UTF-8");
    CHECK_STR(pxr_encoding_name(PXR_ENC_UTF8_BOM), "UTF-8 with BOM", "name UTF-8 BOM");
    CHECK_STR(pxr_encoding_name(PXR_ENC_GB18030), "GB18030", "name GB18030");
    return check_done();
}
