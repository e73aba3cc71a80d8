#include "pxr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int pxr_fail(pxr_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->text, sizeof err->text, pxr_msg(fmt), ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void pxr_error_prefix(pxr_error *err, const char *fmt, ...)
{
    char head[512];
    size_t n, old;
    va_list ap;

    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, pxr_msg(fmt), ap);
    va_end(ap);
    n = strlen(head);
    old = strnlen(err->text, sizeof err->text - 1);
    if (old + n > sizeof err->text - 1)
        old = sizeof err->text - 1 - n;
    memmove(err->text + n, err->text, old);
    memcpy(err->text, head, n);
    err->text[n + old] = '\0';
}
