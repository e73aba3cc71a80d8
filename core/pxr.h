/* Shared definitions of the pxr core: exit codes and the error buffer. */
#ifndef PXR_H
#define PXR_H

#include <stddef.h>

#define PXR_VERSION "0.1.0"

/* Exit codes are part of the command-line contract (DESIGN.md). */
enum {
    PXR_OK = 0,
    PXR_EDATA = 1,     /* bad data or rule violations */
    PXR_EUSAGE = 2,    /* bad command line */
    PXR_EINTERNAL = 3, /* internal error: I/O, SQLite, library failure */
};

/*
** Every fallible core function returns one of the codes above and fills a
** pxr_error with a message that names the file, line, column, field and value
** involved.  The message is complete: callers print it as it is.
*/
typedef struct pxr_error {
    int code;
    char text[2048];
} pxr_error;

#if defined(__GNUC__)
#define PXR_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PXR_PRINTF(a, b)
#endif

#if defined(__GNUC__)
#define PXR_FORMAT_ARG(a) __attribute__((format_arg(a)))
#else
#define PXR_FORMAT_ARG(a)
#endif

/*
** The message catalog (core/po/zh_CN.po): english is the message as the code
** writes it (a printf format), returned translated when the user's locale
** (LC_ALL, else LC_MESSAGES, else LANG) starts with "zh" and the catalog has
** it, else returned as it is.  pxr_fail and pxr_error_prefix translate
** their formats themselves.
*/
const char *pxr_msg(const char *english) PXR_FORMAT_ARG(1);

/* 1 when messages are Chinese. */
int pxr_msg_chinese(void);

/*
** A message text that is already formatted (a Lua error): its first line,
** past a leading "file.lua:12: ", is matched against the catalog's msgids, %s
** standing for any text and %d for an integer, and the matched parts are put
** into the translation, in buf.  Returns buf, or text when nothing matched.
*/
const char *pxr_msg_text(const char *text, char *buf, size_t len);

/* The length of text's leading Lua position ("file.lua:12: "), 0 without one. */
size_t pxr_msg_position(const char *text);

/*
** A stored UTC time ("2024-07-15T17:30:00Z") as users read it, on Beijing time
** and saying so, in buf; anything else (a --received date) is returned as it is.
*/
const char *pxr_msg_time(const char *stamp, char *buf, size_t len);

/*
** A record source's place as messages write it: "values.csv:22:19" becomes
** "values.csv 第22行第19列" (and an XLSX cell 工作表 '填报' 单元格 D22) under zh.
*/
void pxr_msg_where(char *where, size_t len);

/* Prints a command's text output on stdout, each line through the catalog. */
void pxr_msg_puts(const char *text);

/* Sets err (if not NULL) and returns code, so that `return pxr_fail(...)` reads well. */
int pxr_fail(pxr_error *err, int code, const char *fmt, ...) PXR_PRINTF(3, 4);

/* Prefixes an existing message, e.g. with "file:line: ". */
void pxr_error_prefix(pxr_error *err, const char *fmt, ...) PXR_PRINTF(2, 3);

#endif
