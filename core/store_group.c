/*
** pxr_group_sums(k1, k2, v1, ..., vn): an SQL aggregate that groups its rows by
** (k1, k2) in a hash table and, per group, counts the rows and each v's non-NULL
** values and sums them.  It returns the groups as JSON,
**   [[k1, k2, rows, count1, sum1, ..., countn, sumn], ...]
** in the order each group was first seen, for json_each() to turn back into rows.
** SQLite's GROUP BY sorts every input row; a national summary's 2.4 M values fall
** into a few thousand groups, so hashing them costs a fraction of the sort and
** its memory is that of the groups (the report's size), not of the rows.
** k1 is an integer, a text or NULL; k2 an integer or NULL; a v that is not
** stored as a number (a text, even "12") counts as NULL, as typeof() tells them.
*/
#include "store.h"

#include <stdio.h>
#include <string.h>

typedef struct group {
    int k1_type; /* SQLITE_INTEGER, SQLITE_TEXT or SQLITE_NULL */
    sqlite3_int64 k1;
    char *k1_text;
    int k1_len;
    int k2_null;
    sqlite3_int64 k2;
    sqlite3_int64 rows;
    sqlite3_int64 *counts; /* nv of them */
    double *sums;
    struct group *next_seen; /* the order of first sight */
} group;

typedef struct sums {
    int nv;
    size_t size, used; /* slots of the open-addressing table */
    group **slots;
    group *first, *last;
} sums;

static unsigned long long hash_key(int t, sqlite3_int64 k1, const char *s, int len, int k2_null,
                                   sqlite3_int64 k2)
{
    unsigned long long h = 1469598103934665603ULL; /* FNV-1a */
    if (t == SQLITE_TEXT) {
        for (int i = 0; i < len; i++)
            h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    } else {
        h = (h ^ (unsigned long long)k1) * 1099511628211ULL;
    }
    h = (h ^ (unsigned long long)t) * 1099511628211ULL;
    h = (h ^ (unsigned long long)(k2_null ? 0x9e3779b9 : k2)) * 1099511628211ULL;
    return h ^ (h >> 29);
}

static int same_key(const group *g, int t, sqlite3_int64 k1, const char *s, int len, int k2_null,
                    sqlite3_int64 k2)
{
    if (g->k1_type != t || g->k2_null != k2_null || (!k2_null && g->k2 != k2))
        return 0;
    if (t == SQLITE_TEXT)
        return g->k1_len == len && memcmp(g->k1_text, s, (size_t)len) == 0;
    return t == SQLITE_NULL || g->k1 == k1;
}

static int grow(sums *s)
{
    size_t n = s->size ? s->size * 2 : 1024;
    group **slots = sqlite3_malloc64(n * sizeof *slots);
    if (!slots)
        return -1;
    memset(slots, 0, n * sizeof *slots);
    for (group *g = s->first; g; g = g->next_seen) {
        size_t i = hash_key(g->k1_type, g->k1, g->k1_text, g->k1_len, g->k2_null, g->k2) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = g;
    }
    sqlite3_free(s->slots);
    s->slots = slots;
    s->size = n;
    return 0;
}

static group *find(sums *s, sqlite3_value **argv)
{
    int t = sqlite3_value_type(argv[0]);
    sqlite3_int64 k1 = 0, k2 = 0;
    const char *text = NULL;
    int len = 0, k2_null = sqlite3_value_type(argv[1]) == SQLITE_NULL;

    if (t == SQLITE_TEXT) {
        text = (const char *)sqlite3_value_text(argv[0]);
        len = sqlite3_value_bytes(argv[0]);
        if (!text)
            return NULL;
    } else if (t != SQLITE_NULL) {
        t = SQLITE_INTEGER;
        k1 = sqlite3_value_int64(argv[0]);
    }
    if (!k2_null)
        k2 = sqlite3_value_int64(argv[1]);
    if ((s->used + 1) * 2 > s->size && grow(s) != 0)
        return NULL;
    size_t i = hash_key(t, k1, text, len, k2_null, k2) & (s->size - 1);
    for (; s->slots[i]; i = (i + 1) & (s->size - 1))
        if (same_key(s->slots[i], t, k1, text, len, k2_null, k2))
            return s->slots[i];
    group *g = sqlite3_malloc64(
        sizeof *g + (size_t)s->nv * (sizeof(sqlite3_int64) + sizeof(double)) + (size_t)len + 1);
    if (!g)
        return NULL;
    memset(g, 0, sizeof *g);
    g->counts = (sqlite3_int64 *)(g + 1);
    g->sums = (double *)(g->counts + s->nv);
    memset(g->counts, 0, (size_t)s->nv * sizeof *g->counts);
    for (int v = 0; v < s->nv; v++)
        g->sums[v] = 0.0;
    g->k1_type = t;
    g->k1 = k1;
    g->k2_null = k2_null;
    g->k2 = k2;
    if (t == SQLITE_TEXT) {
        g->k1_text = (char *)(g->sums + s->nv);
        memcpy(g->k1_text, text, (size_t)len);
        g->k1_text[len] = '\0';
        g->k1_len = len;
    }
    s->slots[i] = g;
    s->used++;
    if (s->last)
        s->last->next_seen = g;
    else
        s->first = g;
    s->last = g;
    return g;
}

static void free_sums(sums *s)
{
    for (group *g = s->first, *next; g; g = next) {
        next = g->next_seen;
        sqlite3_free(g);
    }
    sqlite3_free(s->slots);
    memset(s, 0, sizeof *s);
}

static void step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sums *s = sqlite3_aggregate_context(ctx, sizeof *s);
    if (!s) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (argc < 2) {
        sqlite3_result_error(ctx, "pxr_group_sums(k1, k2, v1, ...) takes two keys", -1);
        return;
    }
    if (s->size == 0)
        s->nv = argc - 2;
    group *g = find(s, argv);
    if (!g) {
        free_sums(s);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    g->rows++;
    for (int v = 0; v < s->nv; v++) {
        int t = sqlite3_value_type(argv[2 + v]);
        if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
            g->counts[v]++;
            g->sums[v] += sqlite3_value_double(argv[2 + v]);
        }
    }
}

/* JSON text of a key: the codes pxr groups by are plain, but any text is escaped */
static void json_text(sqlite3_str *out, const char *s, int len)
{
    sqlite3_str_appendchar(out, 1, '"');
    for (int i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            sqlite3_str_appendf(out, "\\%c", c);
        else if (c < 0x20)
            sqlite3_str_appendf(out, "\\u%04x", c);
        else
            sqlite3_str_appendchar(out, 1, (char)c);
    }
    sqlite3_str_appendchar(out, 1, '"');
}

static void final(sqlite3_context *ctx)
{
    sums *s = sqlite3_aggregate_context(ctx, 0);
    sqlite3_str *out = sqlite3_str_new(sqlite3_context_db_handle(ctx));

    sqlite3_str_appendchar(out, 1, '[');
    for (group *g = s ? s->first : NULL; g; g = g->next_seen) {
        sqlite3_str_appendall(out, g == s->first ? "[" : ",[");
        if (g->k1_type == SQLITE_TEXT)
            json_text(out, g->k1_text, g->k1_len);
        else if (g->k1_type == SQLITE_INTEGER)
            sqlite3_str_appendf(out, "%lld", g->k1);
        else
            sqlite3_str_appendall(out, "null");
        if (g->k2_null)
            sqlite3_str_appendall(out, ",null");
        else
            sqlite3_str_appendf(out, ",%lld", g->k2);
        sqlite3_str_appendf(out, ",%lld", g->rows);
        /* %!.17g: SQLite's round-trip form of a double */
        for (int v = 0; v < s->nv; v++)
            sqlite3_str_appendf(out, ",%lld,%!.17g", g->counts[v], g->sums[v]);
        sqlite3_str_appendchar(out, 1, ']');
    }
    sqlite3_str_appendchar(out, 1, ']');
    if (s)
        free_sums(s);
    pxr_store_result_str(ctx, out);
}

/* The aggregates' result: the JSON built in out, or out of memory if building it failed. */
void pxr_store_result_str(sqlite3_context *ctx, sqlite3_str *out)
{
    if (sqlite3_str_errcode(out) != SQLITE_OK) {
        sqlite3_free(sqlite3_str_finish(out));
        sqlite3_result_error_nomem(ctx);
        return;
    }
    int n = sqlite3_str_length(out);
    sqlite3_result_text(ctx, sqlite3_str_finish(out), n, sqlite3_free);
}

int pxr_store_functions(sqlite3 *db)
{
    int rc =
        sqlite3_create_function_v2(db, "pxr_group_sums", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   NULL, NULL, step, final, NULL);
    return rc == SQLITE_OK ? pxr_store_summary_function(db) : rc;
}
