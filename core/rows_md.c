/*
** Narratives written as plain text or Markdown, one file per unit and period:
**
**     plugin: shanghai2023
**     unit: 310104
**     period: 2024年上半年
**
**     ## 落实的情况
**     text …
**     ## 取得的成效
**     …
**
** The front block (optionally between "---" lines, as Markdown front matter)
** names the plugin, unit and period; each "## section" heading starts a
** section whose text runs to the next heading.  The file becomes the records
** of a narratives CSV (plugin,unit,period,section,text), one per section, so
** that the importer checks it exactly as it checks the CSV; positions in
** messages are the file's own lines.
**
** Paragraphs: in Markdown (a .md or .markdown file) lines of one paragraph are
** joined and blank lines separate paragraphs, as Markdown reads them; in a
** plain text file every non-blank line is a paragraph, as a Chinese document
** is usually typed.  The stored text has one paragraph per line.
*/
#include "encoding.h"
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** Limits that keep a narrative file's cost linear and small whatever it
** holds: a plugin has a handful of sections (Shanghai's five), so a file with
** hundreds of headings or megabytes of text is not a narrative.
*/
#define MAX_SECTIONS 100
#define MAX_SECTION_BYTES ((size_t)1 << 20) /* 1 MiB of text per section */
#define MAX_FILE_BYTES ((size_t)16 << 20)   /* 16 MiB per file */

enum { F_PLUGIN, F_UNIT, F_PERIOD, F_SECTION, F_TEXT, N_FIELDS };

static const char *const header[N_FIELDS] = {"plugin", "unit", "period", "section", "text"};

typedef struct md_section {
    char *name, *text;
    long line, text_line; /* of the heading, of the first line of text (the heading's if none) */
} md_section;

typedef struct md_rows {
    pxr_rows base;
    char *name;
    char *text; /* the file as UTF-8 */
    size_t textlen;
    int markdown;
    int state; /* 0: before the header, 1: header given, 2: sections parsed */
    char *front[3];
    long front_line[3];
    md_section *sections;
    size_t nsections, next;
    const md_section *cur; /* NULL while on the header */
} md_rows;

/* One line of the text: [s, s + n), without its line break. */
typedef struct line {
    const char *s;
    size_t n;
} line;

static int is_blank(line l)
{
    for (size_t i = 0; i < l.n; i++)
        if (l.s[i] != ' ' && l.s[i] != '\t' && l.s[i] != '\r')
            return 0;
    return 1;
}

/* Trims ASCII blanks, CR and the ideographic space U+3000 at both ends. */
static line trim(line l)
{
    for (;;) {
        if (l.n && (*l.s == ' ' || *l.s == '\t' || *l.s == '\r'))
            l.s++, l.n--;
        else if (l.n >= 3 && memcmp(l.s, "\xE3\x80\x80", 3) == 0)
            l.s += 3, l.n -= 3;
        else
            break;
    }
    for (;;) {
        if (l.n && (l.s[l.n - 1] == ' ' || l.s[l.n - 1] == '\t' || l.s[l.n - 1] == '\r'))
            l.n--;
        else if (l.n >= 3 && memcmp(l.s + l.n - 3, "\xE3\x80\x80", 3) == 0)
            l.n -= 3;
        else
            break;
    }
    return l;
}

/* The heading level of a line ("## x" -> 2), 0 if it is not an ATX heading. */
static int heading_level(line l)
{
    size_t k = 0;
    while (k < l.n && l.s[k] == '#')
        k++;
    if (k == 0 || k > 6)
        return 0;
    return k == l.n || l.s[k] == ' ' || l.s[k] == '\t' ? (int)k : 0;
}

/* "key: value" or "key：value" with key plugin, unit or period: the field index, else -1. */
static int front_field(line l, line *value)
{
    for (int f = F_PLUGIN; f <= F_PERIOD; f++) {
        size_t k = strlen(header[f]), p;
        if (l.n < k || memcmp(l.s, header[f], k) != 0)
            continue;
        p = k;
        while (p < l.n && (l.s[p] == ' ' || l.s[p] == '\t'))
            p++;
        if (p < l.n && l.s[p] == ':')
            p++;
        else if (p + 3 <= l.n && memcmp(l.s + p, "\xEF\xBC\x9A", 3) == 0)
            p += 3;
        else
            continue;
        *value = trim((line){l.s + p, l.n - p});
        return f;
    }
    return -1;
}

static char *copy(line l)
{
    char *s = malloc(l.n + 1);
    if (s) {
        memcpy(s, l.s, l.n);
        s[l.n] = '\0';
    }
    return s;
}

/* Growing text buffer for a section's paragraphs. */
typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static int buf_add(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *grown = realloc(b->s, cap);
        if (!grown)
            return -1;
        b->s = grown, b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
    return 0;
}

/*
** Joining two lines of one Markdown paragraph: Chinese runs on without a
** space; between two ASCII characters the line break was a space.
*/
static int join_needs_space(const buf *b, line next)
{
    return b->n && (unsigned char)b->s[b->n - 1] < 0x80 && next.n &&
           (unsigned char)next.s[0] < 0x80;
}

static int md_fail(md_rows *m, pxr_error *err, long ln, const char *msg, const char *arg)
{
    char text[400];
    snprintf(text, sizeof text, pxr_msg(msg), arg ? arg : "");
    if (ln > 0)
        return pxr_fail(err, PXR_EDATA, "%s:%ld: %s", m->name, ln, text);
    return pxr_fail(err, PXR_EDATA, "%s: %s", m->name, text);
}

/* "一、落实的情况" -> "落实的情况": the report prints the parts numbered so. */
static line strip_numbering(line l)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                           "六", "七", "八", "九", "十"};
    for (int i = 0; i < 10; i++) {
        size_t k = strlen(numerals[i]);
        if (l.n > k + 3 && memcmp(l.s, numerals[i], k) == 0 &&
            memcmp(l.s + k, "\xE3\x80\x81", 3) == 0) /* 、 */
            return trim((line){l.s + k + 3, l.n - k - 3});
    }
    return l;
}

static int add_section(md_rows *m, line name, long ln, pxr_error *err)
{
    md_section *grown;
    name = trim(name);
    while (name.n && name.s[name.n - 1] == '#') /* a closing "##" */
        name.n--;
    name = strip_numbering(trim(name));
    if (!name.n)
        return md_fail(m, err, ln, "a '##' heading without a section name", NULL);
    if (m->nsections == MAX_SECTIONS)
        return pxr_fail(err, PXR_EDATA,
                        "%s:%ld: more than %d '## section' headings (the limit for one narrative "
                        "file)",
                        m->name, ln, MAX_SECTIONS);
    for (size_t i = 0; i < m->nsections; i++)
        if (strlen(m->sections[i].name) == name.n &&
            memcmp(m->sections[i].name, name.s, name.n) == 0) {
            char first[32];
            snprintf(first, sizeof first, "%ld", m->sections[i].line);
            return pxr_fail(err, PXR_EDATA, "%s:%ld: section '%.*s' is already given on line %s",
                            m->name, ln, (int)name.n, name.s, first);
        }
    if (!(grown = realloc(m->sections, (m->nsections + 1) * sizeof *grown)))
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    m->sections = grown;
    m->sections[m->nsections] = (md_section){copy(name), NULL, ln, ln};
    if (!m->sections[m->nsections].name)
        return pxr_fail(err, PXR_EINTERNAL, "out of memory");
    m->nsections++;
    return PXR_OK;
}

static int end_section(md_rows *m, buf *b, pxr_error *err)
{
    if (!m->nsections)
        return PXR_OK;
    m->sections[m->nsections - 1].text = b->s ? b->s : calloc(1, 1);
    b->s = NULL, b->n = b->cap = 0;
    return m->sections[m->nsections - 1].text ? PXR_OK
                                              : pxr_fail(err, PXR_EINTERNAL, "out of memory");
}

/* bp holds the current section's text; the caller frees it whatever happens. */
static int parse_lines(md_rows *m, buf *bp, pxr_error *err)
{
    const char *p = m->text, *end = m->text + m->textlen;
    long ln = 0;
    int stage = 0; /* 0: before the front block, 1: in it, 2: after it */
    int fenced = 0, in_para = 0, rc = PXR_OK;

    while (p < end && rc == PXR_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        line l = {p, (size_t)((nl ? nl : end) - p)}, value;
        int f, level;
        p = nl ? nl + 1 : end;
        ln++;
        if (stage < 2) {
            line t = trim(l);
            if (stage == 0 && is_blank(l))
                continue;
            if (stage == 0 && t.n == 3 && memcmp(t.s, "---", 3) == 0) {
                fenced = 1, stage = 1;
                continue;
            }
            if (fenced && t.n == 3 && memcmp(t.s, "---", 3) == 0) {
                stage = 2;
                continue;
            }
            if (!fenced && stage == 1 && (is_blank(l) || heading_level(l))) {
                stage = 2; /* the front block ends at a blank line or the first heading */
            } else if (fenced && is_blank(l)) {
                continue;
            } else if (fenced && heading_level(l)) {
                return md_fail(m, err, ln, "the front block's closing '---' is missing", NULL);
            } else if ((f = front_field(l, &value)) >= 0) {
                if (m->front[f])
                    return md_fail(m, err, ln, "'%s' is given twice in the front block", header[f]);
                if (!(m->front[f] = copy(value)))
                    return pxr_fail(err, PXR_EINTERNAL, "out of memory");
                m->front_line[f] = ln;
                stage = 1;
                continue;
            } else {
                return md_fail(m, err, ln,
                               "expected a front block line 'plugin: ID', 'unit: CODE' or "
                               "'period: PERIOD'%s",
                               stage ? "" : " at the start of the file");
            }
        }
        if ((level = heading_level(l)) == 2) {
            if ((rc = end_section(m, bp, err)) == PXR_OK)
                rc = add_section(m, (line){l.s + 2, l.n - 2}, ln, err);
            in_para = 0;
            continue;
        }
        if (level == 1 && !m->nsections)
            continue; /* a title before the sections: the report makes its own */
        if (level)
            return md_fail(m, err, ln,
                           "only '## section' headings divide a narrative (a section is one "
                           "of the plugin's narrative_sections)",
                           NULL);
        if (is_blank(l)) {
            in_para = 0;
            continue;
        }
        if (!m->nsections)
            return md_fail(m, err, ln, "text before the first '## section' heading", NULL);
        l = trim(l);
        if (!bp->n)
            m->sections[m->nsections - 1].text_line = ln;
        if (m->markdown && in_para) {
            if (join_needs_space(bp, l) && buf_add(bp, " ", 1) != 0)
                rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
        } else if (bp->n && buf_add(bp, "\n", 1) != 0) {
            rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
        }
        if (rc == PXR_OK && buf_add(bp, l.s, l.n) != 0)
            rc = pxr_fail(err, PXR_EINTERNAL, "out of memory");
        if (rc == PXR_OK && bp->n > MAX_SECTION_BYTES)
            rc = pxr_fail(err, PXR_EDATA,
                          "%s:%ld: section '%s' holds more than %zu bytes of text (the limit "
                          "for one section)",
                          m->name, ln, m->sections[m->nsections - 1].name, MAX_SECTION_BYTES);
        in_para = 1;
    }
    if (rc == PXR_OK)
        rc = end_section(m, bp, err);
    if (rc != PXR_OK)
        return rc;
    if (fenced && stage < 2)
        return md_fail(m, err, 0, "the front block's closing '---' is missing", NULL);
    for (int f = F_PLUGIN; f <= F_PERIOD; f++)
        if (!m->front[f])
            return md_fail(m, err, 0, "the front block has no '%s:' line", header[f]);
    if (!m->nsections)
        return md_fail(m, err, 0,
                       "no '## section' heading (the sections are the plugin's "
                       "narrative_sections)",
                       NULL);
    return PXR_OK;
}

static int parse(md_rows *m, pxr_error *err)
{
    buf b = {0};
    int rc = parse_lines(m, &b, err);
    free(b.s);
    return rc;
}

static int md_next(pxr_rows *r, pxr_error *err)
{
    md_rows *m = (md_rows *)r;
    int rc;
    if (m->state == 0) {
        m->state = 1;
        return 1;
    }
    if (m->state == 1) {
        m->state = 2;
        if ((rc = parse(m, err)) != PXR_OK)
            return -1;
    }
    if (m->next >= m->nsections) {
        m->cur = NULL;
        return 0;
    }
    m->cur = &m->sections[m->next++];
    return 1;
}

static size_t md_count(const pxr_rows *r)
{
    (void)r;
    return N_FIELDS;
}

static const char *md_field(const pxr_rows *r, size_t i)
{
    const md_rows *m = (const md_rows *)r;
    if (i >= N_FIELDS)
        return "";
    if (!m->cur)
        return header[i];
    if (i <= F_PERIOD)
        return m->front[i];
    return i == F_SECTION ? m->cur->name : m->cur->text;
}

static long md_line(const pxr_rows *r)
{
    const md_rows *m = (const md_rows *)r;
    return m->cur ? m->cur->line : 1;
}

static void md_where(const pxr_rows *r, size_t i, char *out, size_t outlen)
{
    const md_rows *m = (const md_rows *)r;
    long ln = md_line(r);
    if (m->cur && i <= F_PERIOD)
        ln = m->front_line[i];
    else if (m->cur && i == F_TEXT)
        ln = m->cur->text_line;
    snprintf(out, outlen, "%s:%ld", m->name, ln);
}

static void md_close(pxr_rows *r)
{
    md_rows *m = (md_rows *)r;
    for (size_t i = 0; i < m->nsections; i++) {
        free(m->sections[i].name);
        free(m->sections[i].text);
    }
    free(m->sections);
    for (int f = 0; f < 3; f++)
        free(m->front[f]);
    free(m->text);
    free(m->name);
    free(m);
}

static const pxr_rows_ops md_ops = {md_next, md_count, md_field, md_line, md_where, md_close};

int pxr_rows_is_narrative_text(const char *data, size_t len)
{
    size_t x = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (;;) {
        while (x < len && (data[x] == ' ' || data[x] == '\t' || data[x] == '\r' || data[x] == '\n'))
            x++;
        if (len - x >= 3 && memcmp(data + x, "---", 3) == 0 &&
            (len - x == 3 || data[x + 3] == '\n' || data[x + 3] == '\r')) {
            x += 3;
            continue;
        }
        break;
    }
    for (int f = F_PLUGIN; f <= F_PERIOD; f++) {
        size_t k = strlen(header[f]), p = x + k;
        if (len - x < k || memcmp(data + x, header[f], k) != 0)
            continue;
        while (p < len && (data[p] == ' ' || data[p] == '\t'))
            p++;
        /* ':' or the full-width '：' in UTF-8 or GB18030 */
        if (p < len && (data[p] == ':' || (len - p >= 3 && !memcmp(data + p, "\xEF\xBC\x9A", 3)) ||
                        (len - p >= 2 && !memcmp(data + p, "\xA3\xBA", 2))))
            return 1;
    }
    return 0;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != suffix[i])
            return 0;
    }
    return 1;
}

pxr_rows *pxr_rows_open_md(const char *path, const char *data, size_t len, pxr_error *err)
{
    md_rows *m = calloc(1, sizeof *m);
    pxr_encoding enc;

    if (!m || !(m->name = strdup(path))) {
        free(m);
        pxr_fail(err, PXR_EINTERNAL, "out of memory");
        return NULL;
    }
    m->base.ops = &md_ops;
    if (len > MAX_FILE_BYTES) {
        pxr_fail(err, PXR_EDATA,
                 "%s: a narrative file of %zu bytes; the limit is %zu bytes (16 MiB) per file",
                 path, len, MAX_FILE_BYTES);
        free(m->name);
        free(m);
        return NULL;
    }
    m->markdown = has_suffix(path, ".md") || has_suffix(path, ".markdown");
    if (pxr_text_to_utf8(path, data, len, &m->text, &m->textlen, &enc, err) != PXR_OK) {
        free(m->name);
        free(m);
        return NULL;
    }
    snprintf(m->base.format, sizeof m->base.format, "%s, %s", m->markdown ? "Markdown" : "text",
             pxr_encoding_name(enc));
    return &m->base;
}
