/*
** The message catalog.  core/po/zh_CN.po (gettext's format) is turned into
** the table below at build time (core/po/po2c.awk), so an installed pxr needs
** no data file for it.  A message is looked up by its English text, which is
** the printf format the code writes.
*/
#include "pxr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct message {
    const char *id, *zh;
} message;

static message catalog[] = {
#include "messages_zh.h"
};

#define NCATALOG (sizeof catalog / sizeof catalog[0])

static int by_id(const void *a, const void *b)
{
    return strcmp(((const message *)a)->id, ((const message *)b)->id);
}

static int sorted;

/* LC_ALL, else LC_MESSAGES, else LANG decides, as POSIX says; the locale need not exist. */
int pxr_msg_chinese(void)
{
    static int chinese = -1;
    if (chinese < 0) {
        const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"}, *v = NULL;
        for (int i = 0; i < 3 && !(v && *v); i++)
            v = getenv(names[i]);
        chinese = v && strncmp(v, "zh", 2) == 0;
    }
    return chinese;
}

const char *pxr_msg(const char *english)
{
    message key = {english, NULL}, *hit;
    if (!english || !pxr_msg_chinese())
        return english;
    if (!sorted) {
        qsort(catalog, NCATALOG, sizeof *catalog, by_id);
        sorted = 1;
    }
    hit = bsearch(&key, catalog, NCATALOG, sizeof *catalog, by_id);
    return hit ? hit->zh : english;
}

/*
** Matching a message text (not a format) against a msgid: %s stands for one or
** more characters, %d (%ld, %zu …) for an integer.  The captured parts go, in
** order, into the msgstr's conversions (tests/unit/test_messages.c checks that
** every msgstr keeps them in order).
*/
#define MAXCAPS 8

typedef struct capture {
    const char *at[MAXCAPS];
    size_t len[MAXCAPS];
} capture;

/* The end of the conversion that starts at p (p[0] == '%'), its letter in *conv. */
static const char *conversion_end(const char *p, char *conv)
{
    const char *e = p + 1 + strspn(p + 1, "0123456789.-+ #*lhzj");
    *conv = *e;
    return *e ? e + 1 : e;
}

static int match(const char *p, const char *t, capture *c, int n)
{
    char conv;
    for (; *p; p++, t++) {
        if (p[0] == '%' && p[1] == '%') {
            if (*t != '%')
                return -1;
            p++;
            continue;
        }
        if (p[0] == '%') {
            const char *rest = conversion_end(p, &conv);
            size_t most = strlen(t), k;
            if (n == MAXCAPS)
                return -1;
            if (conv == 'd' || conv == 'u') {
                most = (*t == '-') + strspn(t + (*t == '-'), "0123456789");
                if (most == (size_t)(*t == '-'))
                    return -1;
            } else if (conv != 's')
                return -1;
            for (k = conv == 's' ? 1 : most; k <= most; k++) {
                int r = match(rest, t + k, c, n + 1);
                if (r >= 0) {
                    c->at[n] = t;
                    c->len[n] = k;
                    return r;
                }
            }
            return -1;
        }
        if (*p != *t)
            return -1;
    }
    return *t ? -1 : n;
}

/* The characters of a msgid that are not conversions: how specific it is. */
static size_t literal_length(const char *p)
{
    size_t n = 0;
    char conv;
    while (*p) {
        if (p[0] == '%' && p[1] == '%')
            p += 2, n++;
        else if (p[0] == '%')
            p = conversion_end(p, &conv);
        else
            p++, n++;
    }
    return n;
}

static int translate_part(const char *text, char *buf, size_t len, int depth);

/*
** The msgstr with the captured parts put in; a %s part of more than one word
** is itself translated when the catalog has it ("pxr.db.query: %s" around
** SQLite's "no such table: %s"), one level deep.  A single word is a name
** (pxr.data.values), never translated.
*/
static void fill(const char *zh, const capture *c, int ncaps, char *buf, size_t len, int depth)
{
    size_t o = 0;
    int i = 0;
    char conv, part[512], inner[1024];
    for (const char *p = zh; *p && o + 1 < len;) {
        if (p[0] == '%' && p[1] == '%') {
            buf[o++] = '%';
            p += 2;
        } else if (p[0] == '%') {
            const char *at = i < ncaps ? c->at[i] : "";
            size_t n = i < ncaps ? c->len[i] : 0;
            p = conversion_end(p, &conv);
            if (conv == 's' && depth < 1 && n < sizeof part && memchr(at, ' ', n)) {
                memcpy(part, at, n);
                part[n] = '\0';
                if (translate_part(part, inner, sizeof inner, depth + 1))
                    at = inner, n = strlen(inner);
            }
            for (size_t k = 0; k < n && o + 1 < len; k++)
                buf[o++] = at[k];
            i++;
        } else
            buf[o++] = *p++;
    }
    buf[o] = '\0';
}

/* Translates one line of text by the msgid it matches best; 0 if none does. */
static int translate_line(const char *text, char *buf, size_t len, int depth)
{
    const message *best = NULL;
    capture c, best_c;
    size_t best_lit = 0;
    int best_n = 0;

    for (size_t i = 0; i < NCATALOG; i++) {
        size_t lit = literal_length(catalog[i].id);
        int n;
        if (lit < 8 || lit <= best_lit || !strchr(catalog[i].id, '%'))
            continue;
        n = match(catalog[i].id, text, &c, 0);
        if (n >= 0) {
            best = &catalog[i];
            best_c = c;
            best_n = n;
            best_lit = lit;
        }
    }
    if (!best)
        return 0;
    fill(best->zh, &best_c, best_n, buf, len, depth);
    return 1;
}

/* A msgid as it is, else the one it matches; 0 when the catalog has nothing. */
static int translate_part(const char *text, char *buf, size_t len, int depth)
{
    const char *hit = pxr_msg(text);
    if (hit != text) {
        snprintf(buf, len, "%s", hit);
        return 1;
    }
    return translate_line(text, buf, len, depth);
}

/* The length of a leading "file.lua:12: " (Lua's position), else 0. */
static size_t position_length(const char *t)
{
    for (const char *p = t; *p && *p != '\n' && *p != ' '; p++) {
        size_t d;
        if (*p != ':' || !(d = strspn(p + 1, "0123456789")))
            continue;
        if (p[1 + d] == ':' && p[2 + d] == ' ')
            return (size_t)(p - t) + d + 3;
    }
    return 0;
}

size_t pxr_msg_position(const char *text)
{
    return text ? position_length(text) : 0;
}

/*
** Each line on its own: the message past its position, then a traceback's
** "stack traceback:" and "\tfile.lua:3: in function 'f'" lines, past their
** position.  Lines the catalog has nothing for stay as they are.
*/
const char *pxr_msg_text(const char *text, char *buf, size_t len)
{
    size_t o = 0;
    int any = 0;
    char *line, *zh;

    if (!text || !pxr_msg_chinese() || len < 2)
        return text;
    line = malloc(len);
    zh = malloc(len);
    if (!line || !zh) {
        free(line);
        free(zh);
        return text;
    }
    for (const char *p = text, *nl; *p && o + 1 < len; p = nl ? nl + 1 : p + strlen(p)) {
        size_t n, keep;
        const char *in;
        nl = strchr(p, '\n');
        n = nl ? (size_t)(nl - p) : strlen(p);
        snprintf(line, len, "%.*s", (int)n, p);
        keep = p == text ? position_length(line) : 0;
        if (p != text && line[0] == '\t' && (in = strstr(line, ": in ")) != NULL)
            keep = (size_t)(in - line) + 2;
        if (translate_part(line + keep, zh, len, 0)) {
            any = 1;
            o +=
                (size_t)snprintf(buf + o, len - o, "%.*s%s%s", (int)keep, line, zh, nl ? "\n" : "");
        } else
            o += (size_t)snprintf(buf + o, len - o, "%s%s", line, nl ? "\n" : "");
        if (o >= len)
            o = len - 1;
    }
    free(line);
    free(zh);
    return any ? buf : text;
}

/*
** A time stored as UTC ("2024-07-15T17:30:00Z", an import's or an approval's)
** as a clerk reads it: on Beijing time, the clock the due dates count on
** (pxr.status counts a receipt's day the same way), and saying so.  A date
** (--received 2024-07-15) or anything else is returned as it is.
*/
const char *pxr_msg_time(const char *stamp, char *buf, size_t len)
{
    struct tm tm = {0};
    char tail;
    time_t t;

    if (!stamp ||
        sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2dZ%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail) != 6 ||
        strlen(stamp) != 20)
        return stamp;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    t = timegm(&tm) + 8 * 3600;
    if (!gmtime_r(&t, &tm))
        return stamp;
    snprintf(buf, len, pxr_msg("%04d-%02d-%02d %02d:%02d:%02d (Beijing time, UTC+8)"),
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

/* A command's text output on stdout, each line through the catalog under zh. */
void pxr_msg_puts(const char *text)
{
    char line[2048], zh[4096];
    if (!pxr_msg_chinese()) {
        fputs(text, stdout);
        return;
    }
    for (const char *p = text, *nl; *p; p = nl ? nl + 1 : p + strlen(p)) {
        nl = strchr(p, '\n');
        snprintf(line, sizeof line, "%.*s", (int)(nl ? nl - p : (ptrdiff_t)strlen(p)), p);
        fputs(pxr_msg_text(line, zh, sizeof zh), stdout);
        if (nl)
            fputc('\n', stdout);
    }
}

/*
** A record source's place ("values.csv:22:19", "form.xlsx: sheet '填报' cell
** D22") as Chinese messages write it ("values.csv 第22行第19列",
** "form.xlsx：工作表 '填报' 单元格 D22"), in place; unchanged in English.
*/
void pxr_msg_where(char *where, size_t len)
{
    char raw[600], *p;
    long line, col;
    int n;

    if (!pxr_msg_chinese() || len == 0)
        return;
    snprintf(raw, sizeof raw, "%s", where);
    if ((p = strstr(raw, ": sheet '"))) {
        char *cell = strstr(p, "' cell "), *row = strstr(p, "' row ");
        *p = '\0';
        p += strlen(": sheet '");
        if (cell) {
            *cell = '\0';
            snprintf(where, len, "%s：工作表 '%s' 单元格 %s", raw, p, cell + strlen("' cell "));
        } else if (row) {
            *row = '\0';
            snprintf(where, len, "%s：工作表 '%s' 第%s行", raw, p, row + strlen("' row "));
        }
        return;
    }
    /* name:line:column or name:line, the name itself may hold colons */
    if ((p = strrchr(raw, ':')) && sscanf(p + 1, "%ld%n", &col, &n) == 1 && !p[1 + n]) {
        char *q;
        *p = '\0';
        if ((q = strrchr(raw, ':')) && sscanf(q + 1, "%ld%n", &line, &n) == 1 && !q[1 + n]) {
            *q = '\0';
            snprintf(where, len, "%s 第%ld行第%ld列", raw, line, col);
        } else {
            snprintf(where, len, "%s 第%ld行", raw, col);
        }
    }
}
