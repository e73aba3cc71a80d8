#include "linebreak.h"

#include <stdlib.h>

size_t pxr_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    size_t n, i;

    if (len == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2, c = s[0] & 0x1F;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3, c = s[0] & 0x0F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4, c = s[0] & 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n > len) {
        *cp = 0xFFFD;
        return 1;
    }
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3F);
    }
    /* overlong forms, surrogates and values past U+10FFFF are malformed */
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return n;
}

size_t pxr_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

static int in_list(uint32_t cp, const uint32_t *list)
{
    for (; *list; list++)
        if (*list == cp)
            return 1;
    return 0;
}

int pxr_lb_no_start(uint32_t cp)
{
    static const uint32_t marks[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
                                     0x300B, 0x300D, 0x300F, 0x201D, 0x2019, 0x3015, 0x3011, 0x3009,
                                     0xFF0E, 0x00B7, 0x30FB, 0xFF3D, 0xFF5D, ',',    '.',    ';',
                                     ':',    '?',    '!',    ')',    ']',    '}',    0};
    return in_list(cp, marks);
}

int pxr_lb_no_end(uint32_t cp)
{
    static const uint32_t marks[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x201C, 0x2018, 0x3014, 0x3010,
                                     0x3008, 0xFF3B, 0xFF5B, '(',    '[',    '{',    0};
    return in_list(cp, marks);
}

enum { C_SPACE, C_CJK, C_WORD, C_BREAK };

static int class_of(uint32_t cp)
{
    if (cp == '\n')
        return C_BREAK;
    if (cp == ' ' || cp == '\t' || cp == 0x3000)
        return C_SPACE;
    /* CJK ideographs, punctuation, kana, Hangul, fullwidth forms: breakable on both sides */
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
        (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000 || cp == 0x2026 || cp == 0x2014 ||
        cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x00B7)
        return C_CJK;
    return C_WORD;
}

/* May a line end between a and b? */
static int can_break(uint32_t a, uint32_t b)
{
    int ca = class_of(a), cb = class_of(b);
    if (cb == C_SPACE || cb == C_BREAK || ca == C_BREAK)
        return 0;
    if (pxr_lb_no_start(b) || pxr_lb_no_end(a))
        return 0;
    if (a == b && (a == 0x2026 || a == 0x2014))
        return 0;
    if (ca == C_WORD && cb == C_WORD)
        return 0;
    return 1;
}

typedef struct cpinfo {
    size_t off;
    uint32_t cp;
    double w;
} cpinfo;

static int push_line(pxr_lb_line **lines, size_t *n, size_t *cap, const cpinfo *cps, size_t from,
                     size_t to, int last)
{
    pxr_lb_line *l;
    size_t end = to;

    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        pxr_lb_line *nl = realloc(*lines, nc * sizeof *nl);
        if (!nl)
            return -1;
        *lines = nl, *cap = nc;
    }
    while (end > from && class_of(cps[end - 1].cp) == C_SPACE)
        end--;
    l = &(*lines)[(*n)++];
    l->start = cps[from].off;
    l->end = cps[end].off;
    l->width = 0;
    l->nchars = (int)(end - from);
    for (size_t i = from; i < end; i++)
        l->width += cps[i].w;
    l->last = last;
    l->hang = 0;
    return 0;
}

/* Marks that may hang past the line's end: the ones with their ink at the left. */
static int hangable(uint32_t cp)
{
    return cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF0E;
}

/* Full-width marks with half an em of blank that may be closed up. */
static int squeezable(uint32_t cp)
{
    static const uint32_t marks[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF08, 0xFF09, 0x300A,
                                     0x300B, 0x300C, 0x300D, 0x300E, 0x300F, 0x3014, 0x3015, 0x3010,
                                     0x3011, 0x201C, 0x201D, 0x2018, 0x2019, 0};
    return in_list(cp, marks);
}

/*
** May the closing mark at i (which overflows the line [start, i) of width w)
** end this line instead of moving the character before it down?
*/
static int keep_mark(const cpinfo *cps, size_t n, size_t start, size_t i, double w, double avail,
                     int mode)
{
    double give = 0;
    if (mode == PXR_LB_STRICT || i == start || !pxr_lb_no_start(cps[i].cp) ||
        class_of(cps[i].cp) != C_CJK)
        return 0;
    /* the line must be able to end after the mark: not before "”" of "。”" */
    if (i + 1 < n && cps[i + 1].cp != '\n' && class_of(cps[i + 1].cp) != C_SPACE &&
        !can_break(cps[i].cp, cps[i + 1].cp))
        return 0;
    if (mode == PXR_LB_HANG)
        return hangable(cps[i].cp);
    for (size_t k = start; k <= i; k++)
        if (squeezable(cps[k].cp))
            give += cps[k].w / 2;
    return w + cps[i].w - give <= avail + 1e-9;
}

int pxr_lb_break(const char *s, size_t len, double max_width, double first_indent,
                 pxr_lb_width_fn width, void *ud, pxr_lb_line **lines, size_t *nlines)
{
    return pxr_lb_break_mode(s, len, max_width, first_indent, PXR_LB_STRICT, width, ud, lines,
                             nlines);
}

int pxr_lb_break_mode(const char *s, size_t len, double max_width, double first_indent, int mode,
                      pxr_lb_width_fn width, void *ud, pxr_lb_line **lines, size_t *nlines)
{
    cpinfo *cps;
    size_t n = 0, pos = 0, cap = 0, start, i;
    int rc = 0;

    *lines = NULL;
    *nlines = 0;
    cps = malloc((len + 1) * sizeof *cps);
    if (!cps)
        return -1;
    while (pos < len) {
        size_t k = pxr_utf8_decode(s + pos, len - pos, &cps[n].cp);
        cps[n].off = pos;
        cps[n].w = cps[n].cp == '\n' ? 0 : width(ud, cps[n].cp);
        pos += k, n++;
    }
    cps[n].off = len, cps[n].cp = 0, cps[n].w = 0;

    start = 0;
    while (start < n || *nlines == 0) {
        double avail = max_width - (*nlines == 0 ? first_indent : 0), w = 0;
        size_t brk = 0; /* last allowed break position (index of the next line's first cp) */
        int forced = 0;

        for (i = start; i < n; i++) {
            if (cps[i].cp == '\n') {
                forced = 1;
                break;
            }
            if (i > start && can_break(cps[i - 1].cp, cps[i].cp))
                brk = i;
            if (class_of(cps[i].cp) != C_SPACE && w + cps[i].w > avail + 1e-9 && i > start)
                break;
            w += cps[i].w;
        }
        if (forced || i == n) {
            if (push_line(lines, nlines, &cap, cps, start, i, 1))
                goto oom;
            start = forced ? i + 1 : i;
            if (i == n)
                break;
            continue;
        }
        /* overflow at i by a closing mark: hang it or close the line up to take it */
        if (keep_mark(cps, n, start, i, w, avail, mode)) {
            if (push_line(lines, nlines, &cap, cps, start, i + 1, 0))
                goto oom;
            if (mode == PXR_LB_HANG)
                (*lines)[*nlines - 1].hang = cps[i].w;
            start = i + 1;
            while (start < n && class_of(cps[start].cp) == C_SPACE)
                start++;
            /* the paragraph's end or a forced break right after the mark ends this line */
            if (start < n && cps[start].cp == '\n')
                start++, (*lines)[*nlines - 1].last = 1;
            if (start == n)
                (*lines)[*nlines - 1].last = 1;
            continue;
        }
        /* overflow at i: break at the last opportunity, else cut before i */
        if (brk <= start) {
            brk = i;
            while (brk > start + 1 &&
                   (pxr_lb_no_start(cps[brk].cp) || pxr_lb_no_end(cps[brk - 1].cp)))
                brk--;
        }
        if (push_line(lines, nlines, &cap, cps, start, brk, 0))
            goto oom;
        start = brk;
        while (start < n && class_of(cps[start].cp) == C_SPACE)
            start++;
        if (start == n)
            (*lines)[*nlines - 1].last = 1;
    }
    free(cps);
    return rc;
oom:
    free(cps);
    free(*lines);
    *lines = NULL;
    *nlines = 0;
    return -1;
}

double pxr_lb_min_width(const char *s, size_t len, pxr_lb_width_fn width, void *ud)
{
    double best = 0, w = 0;
    uint32_t prev = 0, cp;
    size_t pos = 0;

    while (pos < len) {
        pos += pxr_utf8_decode(s + pos, len - pos, &cp);
        if (cp == '\n' || class_of(cp) == C_SPACE) {
            w = 0;
        } else {
            if (prev && can_break(prev, cp))
                w = 0;
            w += width(ud, cp);
        }
        if (w > best)
            best = w;
        prev = cp;
    }
    return best;
}
