/*
** pxr_summary_sums(plan, unit, g, pi, indicator, value, numerator, denominator, text):
** the sums of a region summary in one pass over its institutions' values.
**
** Each row is one value of an institution (`unit`, its group `g`: an integer from 0
** to 2^32 with g & 8 = 0) in period index `pi`: 0 and 1 are trend periods, summed as
** they come; 2 and 3 are the previous period and this one, whose rows must come grouped
** by unit (an error otherwise), so that each institution's values are paired indicator
** by indicator without a seek.  A row whose `pi` or `indicator` is NULL only names an
** institution (one that has no value in periods 2 and 3, or in a period asked).
** `plan` is a constant: the comma-separated codes whose values count as a report
** (was: in period 2, now: in period 3).
**
** A value is read every way pxr.indicator may read it, as the columns xv (a number),
** yes (a number not 0), tb (是/否 where no number is: 1 or 0), xr (numerator /
** denominator × 100 where no number is and the denominator is not 0), and n, d (the
** numerator and denominator, where both are given and there is a number or d is not
** 0).  The result is JSON, for json_each():
**   [[indicator, k, rows, count_xv, sum_xv, ..., count_d, sum_d], ...]
**   k = pi * 2^32 + g + 8 * both (both: the unit has this indicator in periods 2 and 3;
**   0 in the trend periods), and one [null, g * 4 + was * 2 + now, institutions] per
**   institution group, in the order each was first seen.
** The store's value, numerator and denominator are numbers or NULL; anything else
** counts as NULL.  Memory: the groups and one institution's values.
*/
#include "store.h"

#include <stdint.h>
#include <string.h>

enum { NV = 6, XV = 0, YES, TB, XR, NUM, DEN };

typedef struct code {
    char *text; /* NUL-terminated copy */
    int len, plan;
} code;

/* A set of texts, each numbered in the order it was added. */
typedef struct codeset {
    int n, cap, slots;
    code *codes;
    int *hash; /* slots entries: index + 1, 0 for empty */
} codeset;

typedef struct sgroup {
    int ind; /* index in codes, -1 for an institution group */
    sqlite3_int64 k;
    sqlite3_int64 rows;
    sqlite3_int64 counts[NV];
    double sums[NV];
    struct sgroup *next_seen;
} sgroup;

typedef struct pending {
    int ind, pi, mask; /* mask: the bits of the columns read (1 << XV ...) */
    double x[NV];
} pending;

typedef struct summary {
    int failed;    /* an error was reported: ignore the rest */
    codeset ind;   /* the indicators met; plan: one of the plan's */
    codeset units; /* the institutions whose values of periods 2 and 3 were read */
    size_t size, used;
    sgroup **slots;
    sgroup *first, *last;
    /* the institution whose values of periods 2 and 3 are being read */
    const char *unit; /* in units */
    int unit_len, has_unit;
    sqlite3_int64 g;
    pending *buf;
    int nbuf, buf_cap;
    unsigned *seen[2]; /* per code: the stamp of the unit that has it in period 2, 3 */
    int seen_cap;
    unsigned stamp;
    /*
    ** The values come by unit in the order of their key, so each institution's
    ** indicators follow one another as the last one's did: next[id] is the code that
    ** came after code id (last_ind: the one before this row), tried before the hash.
    */
    int *next;
    int last_ind;
} summary;

static uint64_t fnv(const char *s, int len)
{
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static int grow_codes(codeset *cs)
{
    int n = cs->slots ? cs->slots * 2 : 64;
    int *hash = sqlite3_malloc64((size_t)n * sizeof *hash);
    code *codes = sqlite3_realloc64(cs->codes, (size_t)(n / 2) * sizeof *codes);
    if (codes)
        cs->codes = codes;
    if (!hash || !codes) {
        sqlite3_free(hash);
        return -1;
    }
    cs->cap = n / 2;
    memset(hash, 0, (size_t)n * sizeof *hash);
    for (int c = 0; c < cs->n; c++) {
        size_t i = fnv(codes[c].text, codes[c].len) & (size_t)(n - 1);
        while (hash[i])
            i = (i + 1) & (size_t)(n - 1);
        hash[i] = c + 1;
    }
    sqlite3_free(cs->hash);
    cs->hash = hash;
    cs->slots = n;
    return 0;
}

/*
** The number of text[0..len) in cs, added if new (*added = 1) with the flag plan;
** -1: no memory.
*/
static int intern(codeset *cs, const char *text, int len, int plan, int *added)
{
    if (cs->n + 1 > cs->cap && grow_codes(cs) != 0)
        return -1;
    size_t mask = (size_t)cs->slots - 1, i = fnv(text, len) & mask;
    for (; cs->hash[i]; i = (i + 1) & mask) {
        code *c = &cs->codes[cs->hash[i] - 1];
        if (c->len == len && memcmp(c->text, text, (size_t)len) == 0) {
            c->plan |= plan;
            *added = 0;
            return cs->hash[i] - 1;
        }
    }
    char *copy = sqlite3_malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, text, (size_t)len);
    copy[len] = '\0';
    cs->codes[cs->n] = (code){copy, len, plan};
    cs->hash[i] = ++cs->n;
    *added = 1;
    return cs->n - 1;
}

static void free_codes(codeset *cs)
{
    for (int c = 0; c < cs->n; c++)
        sqlite3_free(cs->codes[c].text);
    sqlite3_free(cs->codes);
    sqlite3_free(cs->hash);
}

static size_t group_hash(int ind, sqlite3_int64 k)
{
    uint64_t h = ((uint64_t)(unsigned)ind + 1) * 0x9e3779b97f4a7c15ULL ^ (uint64_t)k;
    h *= 0xff51afd7ed558ccdULL;
    return (size_t)(h ^ (h >> 32));
}

static int grow_groups(summary *s)
{
    size_t n = s->size ? s->size * 2 : 1024;
    sgroup **slots = sqlite3_malloc64(n * sizeof *slots);
    if (!slots)
        return -1;
    memset(slots, 0, n * sizeof *slots);
    for (sgroup *g = s->first; g; g = g->next_seen) {
        size_t i = group_hash(g->ind, g->k) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = g;
    }
    sqlite3_free(s->slots);
    s->slots = slots;
    s->size = n;
    return 0;
}

static sgroup *group_of(summary *s, int ind, sqlite3_int64 k)
{
    if ((s->used + 1) * 2 > s->size && grow_groups(s) != 0)
        return NULL;
    size_t mask = s->size - 1, i = group_hash(ind, k) & mask;
    for (; s->slots[i]; i = (i + 1) & mask)
        if (s->slots[i]->ind == ind && s->slots[i]->k == k)
            return s->slots[i];
    sgroup *g = sqlite3_malloc64(sizeof *g);
    if (!g)
        return NULL;
    memset(g, 0, sizeof *g);
    g->ind = ind;
    g->k = k;
    s->slots[i] = g;
    s->used++;
    if (s->last)
        s->last->next_seen = g;
    else
        s->first = g;
    s->last = g;
    return g;
}

static int add(summary *s, int ind, sqlite3_int64 k, int mask, const double *x)
{
    sgroup *g = group_of(s, ind, k);
    if (!g)
        return -1;
    g->rows++;
    for (int v = 0; v < NV; v++)
        if (mask & (1 << v)) {
            g->counts[v]++;
            g->sums[v] += x[v];
        }
    return 0;
}

static int numeric(int type)
{
    return type == SQLITE_INTEGER || type == SQLITE_FLOAT;
}

/* The columns a value is read as (see the top); returns their mask. */
static int classify(sqlite3_value *value, sqlite3_value *num, sqlite3_value *den,
                    sqlite3_value *text, double *x)
{
    /* each type asked once: the national summary reads 2.4 million values */
    int tv = sqlite3_value_type(value), tn = sqlite3_value_type(num), td = sqlite3_value_type(den);
    int mask = 0, has_value = tv != SQLITE_NULL, has_num = tn != SQLITE_NULL;
    int has_den = td != SQLITE_NULL;
    double n = numeric(tn) ? sqlite3_value_double(num) : 0.0;
    double d = numeric(td) ? sqlite3_value_double(den) : 0.0;
    /* SQL's d <> 0 for a number; a text is never equal to a number */
    int den_nonzero = has_den && (!numeric(td) || d != 0.0);

    if (numeric(tv)) {
        x[XV] = sqlite3_value_double(value);
        mask |= 1 << XV;
        if (x[XV] != 0.0) {
            x[YES] = x[XV];
            mask |= 1 << YES;
        }
    }
    if (!has_value && sqlite3_value_type(text) == SQLITE_TEXT) {
        const char *t = (const char *)sqlite3_value_text(text);
        int len = sqlite3_value_bytes(text);
        if (t && ((len == 3 && memcmp(t, "是", 3) == 0) || (len == 1 && t[0] == '1') ||
                  (len == 4 && memcmp(t, "true", 4) == 0))) {
            x[TB] = 1;
            mask |= 1 << TB;
        } else if (t && ((len == 3 && memcmp(t, "否", 3) == 0) || (len == 1 && t[0] == '0') ||
                         (len == 5 && memcmp(t, "false", 5) == 0))) {
            x[TB] = 0;
            mask |= 1 << TB;
        }
    }
    if (!has_value && den_nonzero && numeric(tn) && numeric(td)) {
        x[XR] = n / d * 100;
        mask |= 1 << XR;
    }
    if ((has_value || den_nonzero) && has_num && has_den) {
        if (numeric(tn)) {
            x[NUM] = n;
            mask |= 1 << NUM;
        }
        if (numeric(td)) {
            x[DEN] = d;
            mask |= 1 << DEN;
        }
    }
    return mask;
}

/* The institution read so far: its values of periods 2 and 3, paired, and its group. */
static int flush(summary *s)
{
    if (!s->has_unit)
        return 0;
    int was = 0, now = 0;
    for (int i = 0; i < s->nbuf; i++) {
        const pending *p = &s->buf[i];
        int both = s->seen[3 - p->pi][p->ind] == s->stamp;
        if (s->ind.codes[p->ind].plan)
            *(p->pi == 2 ? &was : &now) = 1;
        if (add(s, p->ind, (sqlite3_int64)p->pi * 4294967296LL + s->g + 8 * both, p->mask, p->x))
            return -1;
    }
    s->nbuf = 0;
    s->has_unit = 0;
    return add(s, -1, s->g * 4 + was * 2 + now, 0, NULL);
}

static int grow_seen(summary *s)
{
    int n = s->ind.cap;
    for (int p = 0; p < 2; p++) {
        unsigned *seen = sqlite3_realloc64(s->seen[p], (size_t)n * sizeof *seen);
        if (!seen)
            return -1;
        memset(seen + s->seen_cap, 0, (size_t)(n - s->seen_cap) * sizeof *seen);
        s->seen[p] = seen;
    }
    int *next = sqlite3_realloc64(s->next, (size_t)n * sizeof *next);
    if (!next)
        return -1;
    for (int c = s->seen_cap; c < n; c++)
        next[c] = -1;
    s->next = next;
    s->seen_cap = n;
    return 0;
}

/* The number of indicator text[0..len): the guess next[last] when it is the one, else intern. */
static int indicator_id(summary *s, const char *text, int len)
{
    int guess = s->last_ind >= 0 && s->last_ind < s->seen_cap ? s->next[s->last_ind] : -1;
    if (guess >= 0 && s->ind.codes[guess].len == len &&
        memcmp(s->ind.codes[guess].text, text, (size_t)len) == 0) {
        s->last_ind = guess;
        return guess;
    }
    int added, id = intern(&s->ind, text, len, 0, &added);
    if (id < 0 || (s->ind.cap > s->seen_cap && grow_seen(s) != 0))
        return -1;
    if (s->last_ind >= 0)
        s->next[s->last_ind] = id;
    s->last_ind = id;
    return id;
}

static int parse_plan(summary *s, sqlite3_value *plan)
{
    const char *p = (const char *)sqlite3_value_text(plan);
    if (!p)
        return 0;
    while (*p) {
        const char *e = strchr(p, ',');
        int len = e ? (int)(e - p) : (int)strlen(p);
        int added;
        if (len > 0 && intern(&s->ind, p, len, 1, &added) < 0)
            return -1;
        p += len + (e != NULL);
    }
    return 0;
}

static void free_summary(summary *s)
{
    for (sgroup *g = s->first, *next; g; g = next) {
        next = g->next_seen;
        sqlite3_free(g);
    }
    free_codes(&s->ind);
    free_codes(&s->units);
    sqlite3_free(s->slots);
    sqlite3_free(s->buf);
    sqlite3_free(s->seen[0]);
    sqlite3_free(s->seen[1]);
    sqlite3_free(s->next);
    memset(s, 0, sizeof *s);
}

static void fail(sqlite3_context *ctx, summary *s, const char *msg)
{
    free_summary(s);
    s->failed = 1;
    if (msg)
        sqlite3_result_error(ctx, msg, -1);
    else
        sqlite3_result_error_nomem(ctx);
}

/* Starts unit text[0..len) unless it is the one being read; -1: no memory, -2: met before. */
static int enter_unit(summary *s, const char *text, int len, sqlite3_int64 g)
{
    if (s->has_unit && len == s->unit_len && memcmp(text, s->unit, (size_t)len) == 0)
        return 0;
    if (flush(s) != 0)
        return -1;
    int added;
    if (intern(&s->units, text, len, 0, &added) < 0)
        return -1;
    if (!added)
        return -2;
    s->unit = s->units.codes[s->units.n - 1].text;
    s->unit_len = len;
    s->has_unit = 1;
    s->g = g;
    if (++s->stamp == 0) { /* wrapped: no stale stamp may match */
        for (int p = 0; p < 2; p++)
            memset(s->seen[p], 0, (size_t)s->seen_cap * sizeof *s->seen[p]);
        s->stamp = 1;
    }
    return 0;
}

static void step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    summary *s = sqlite3_aggregate_context(ctx, sizeof *s);
    if (!s) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (s->failed)
        return;
    (void)argc;
    if (!s->ind.slots) {
        s->last_ind = -1;
        if (grow_codes(&s->ind) != 0 || parse_plan(s, argv[0]) != 0) {
            fail(ctx, s, NULL);
            return;
        }
    }
    int pi_null = sqlite3_value_type(argv[3]) == SQLITE_NULL;
    int pi = pi_null ? -1 : sqlite3_value_int(argv[3]);
    const char *unit = (const char *)sqlite3_value_text(argv[1]);
    sqlite3_int64 g = sqlite3_value_int64(argv[2]);
    /* g stays below the period in k, and k's 8 is both's */
    if (pi < -1 || pi > 3 || g < 0 || g >= 4294967296LL || (g & 8) ||
        sqlite3_value_type(argv[2]) != SQLITE_INTEGER) {
        fail(ctx, s,
             "pxr_summary_sums: pi must be 0 to 3 or NULL, g an integer from 0 to 2^32 "
             "with g & 8 = 0");
        return;
    }
    if (pi == -1 || pi >= 2) {
        if (!unit) {
            fail(ctx, s, "pxr_summary_sums: a row of period 2 or 3 has no unit");
            return;
        }
        int rc = enter_unit(s, unit, sqlite3_value_bytes(argv[1]), g);
        if (rc == -2) {
            fail(ctx, s,
                 "pxr_summary_sums: the values of periods 2 and 3 do not come grouped by "
                 "unit");
            return;
        }
        if (rc != 0) {
            fail(ctx, s, NULL);
            return;
        }
        if (pi == -1)
            return;
    }
    const char *ind = (const char *)sqlite3_value_text(argv[4]);
    if (!ind) /* a LEFT JOIN's row of no value: it names the institution (above), no more */
        return;
    int id = indicator_id(s, ind, sqlite3_value_bytes(argv[4]));
    if (id < 0) {
        fail(ctx, s, NULL);
        return;
    }
    double x[NV];
    int mask = classify(argv[5], argv[6], argv[7], argv[8], x);
    if (pi < 2) {
        if (add(s, id, (sqlite3_int64)pi * 4294967296LL + g, mask, x) != 0) {
            fail(ctx, s, NULL);
            return;
        }
        return;
    }
    if (s->nbuf == s->buf_cap) {
        int n = s->buf_cap ? s->buf_cap * 2 : 64;
        pending *b = sqlite3_realloc64(s->buf, (size_t)n * sizeof *b);
        if (!b) {
            fail(ctx, s, NULL);
            return;
        }
        s->buf = b;
        s->buf_cap = n;
    }
    pending *p = &s->buf[s->nbuf++];
    p->ind = id;
    p->pi = pi;
    p->mask = mask;
    memcpy(p->x, x, sizeof x);
    s->seen[pi - 2][id] = s->stamp;
}

static void final(sqlite3_context *ctx)
{
    summary *s = sqlite3_aggregate_context(ctx, 0);
    if (s && s->failed)
        return;
    if (s && flush(s) != 0) {
        free_summary(s);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_str *out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
    sqlite3_str_appendchar(out, 1, '[');
    for (sgroup *g = s ? s->first : NULL; g; g = g->next_seen) {
        sqlite3_str_appendall(out, g == s->first ? "[" : ",[");
        if (g->ind < 0) {
            sqlite3_str_appendf(out, "null,%lld,%lld]", g->k, g->rows);
            continue;
        }
        /* %Q would quote for SQL; the codes are plain, json_quote() is not at hand in C */
        sqlite3_str_appendchar(out, 1, '"');
        for (const char *c = s->ind.codes[g->ind].text; *c; c++) {
            unsigned char u = (unsigned char)*c;
            if (u == '"' || u == '\\')
                sqlite3_str_appendf(out, "\\%c", u);
            else if (u < 0x20)
                sqlite3_str_appendf(out, "\\u%04x", u);
            else
                sqlite3_str_appendchar(out, 1, (char)u);
        }
        sqlite3_str_appendf(out, "\",%lld,%lld", g->k, g->rows);
        /* %!.17g: SQLite's round-trip form of a double */
        for (int v = 0; v < NV; v++)
            sqlite3_str_appendf(out, ",%lld,%!.17g", g->counts[v], g->sums[v]);
        sqlite3_str_appendchar(out, 1, ']');
    }
    sqlite3_str_appendchar(out, 1, ']');
    if (s)
        free_summary(s);
    pxr_store_result_str(ctx, out);
}

int pxr_store_summary_function(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "pxr_summary_sums", 9, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                      NULL, NULL, step, final, NULL);
}
