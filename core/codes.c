/* Codes are printable and safe as file names; values in messages are escaped. */
#include "codes.h"

#include "linebreak.h"
#include "pxr.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char *const pxr_tcm_kinds[] = {"中医", "蒙医",   "藏医",       "维医", "傣医",
                                     "壮医", "民族医", "中西医结合", NULL};

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}

static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

int pxr_code_check(const char *code, size_t max, char *why, size_t whylen)
{
    size_t len = strlen(code), i = 0;
    long nth = 0;

    if (!len) {
        snprintf(why, whylen, pxr_msg("the code is empty"));
        return -1;
    }
    if (len > max) {
        snprintf(why, whylen, pxr_msg("a code is at most %zu bytes"), max);
        return -1;
    }
    while (i < len) {
        uint32_t cp;
        size_t n = pxr_utf8_decode(code + i, len - i, &cp);
        nth++;
        if (cp == 0xFFFD && !(n == 3 && memcmp(code + i, "\xEF\xBF\xBD", 3) == 0)) {
            snprintf(why, whylen, pxr_msg("character %ld is not valid UTF-8"), nth);
            return -1;
        }
        if (is_control(cp)) {
            snprintf(why, whylen, pxr_msg("character %ld is a control character (U+%04X)"), nth,
                     (unsigned)cp);
            return -1;
        }
        if (is_space(cp)) {
            snprintf(why, whylen, pxr_msg("character %ld is white space (U+%04X); a code has none"),
                     nth, (unsigned)cp);
            return -1;
        }
        if (cp < 0x80 && strchr(",;/\\:*?\"<>|", (int)cp)) {
            snprintf(
                why, whylen,
                pxr_msg("character %ld is '%c'; a code has no , ; / \\ : * ? \" < > | (it becomes "
                        "a file name)"),
                nth, (char)cp);
            return -1;
        }
        i += n;
    }
    if (code[0] == '.' || code[0] == '-') {
        snprintf(why, whylen, pxr_msg("a code does not start with '%c' (it becomes a file name)"),
                 code[0]);
        return -1;
    }
    return 0;
}

void pxr_text_escape(const char *s, size_t limit, char *out, size_t outlen)
{
    size_t len = strlen(s), i = 0, o = 0, chars = 0;

    if (!outlen)
        return;
    while (i < len && chars < limit) {
        uint32_t cp;
        size_t n = pxr_utf8_decode(s + i, len - i, &cp);
        char piece[24];
        size_t k = 0;
        if (cp == '\n' || cp == '\r' || cp == '\t') {
            piece[k++] = '\\';
            piece[k++] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't';
        } else if (is_control(cp) || (cp == 0xFFFD && n == 1)) {
            for (size_t b = 0; b < n; b++) /* each byte, also both of a C1 control */
                k += (size_t)snprintf(piece + k, sizeof piece - k, "\\x%02X",
                                      (unsigned char)s[i + b]);
        } else {
            memcpy(piece, s + i, k = n);
        }
        if (o + k + 1 > outlen)
            break;
        memcpy(out + o, piece, k);
        o += k;
        i += n;
        chars++;
    }
    if (i < len && o + 4 <= outlen) {
        memcpy(out + o, "\xE2\x80\xA6", 3); /* … */
        o += 3;
    }
    out[o] = '\0';
}
