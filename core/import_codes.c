#include "import_codes.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_text(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

const char *pxr_units_code(const unit_set *u, size_t i)
{
    return u->text + u->units[i].code;
}

/* The index of code in the set, or -1. */
long pxr_units_find(const unit_set *u, const char *code)
{
    if (!u->nslots)
        return -1;
    for (size_t h = hash_text(code) & (u->nslots - 1);; h = (h + 1) & (u->nslots - 1)) {
        uint32_t slot = u->slots[h];
        if (!slot)
            return -1;
        if (strcmp(pxr_units_code(u, slot - 1), code) == 0)
            return (long)slot - 1;
    }
}

int pxr_units_add(unit_set *u, const char *code, int tertiary_or_lead, int obstetrics, int tcm,
                  int is_region, int is_group)
{
    size_t len = strlen(code) + 1;
    if (pxr_units_find(u, code) >= 0) /* a code both an institution and a region: the first wins */
        return 0;
    if (u->n == u->cap) {
        unit_info *grown = realloc(u->units, (u->cap = u->cap ? u->cap * 2 : 1024) * sizeof *grown);
        if (!grown)
            return -1;
        u->units = grown;
    }
    if (u->textlen + len > u->textcap) {
        char *grown = realloc(u->text, u->textcap = (u->textlen + len) * 2 + 4096);
        if (!grown)
            return -1;
        u->text = grown;
    }
    if ((u->n + 1) * 2 > u->nslots) { /* keep the table at most half full */
        size_t nslots = u->nslots ? u->nslots * 2 : 4096;
        uint32_t *slots = calloc(nslots, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < u->n; i++) {
            size_t h = hash_text(pxr_units_code(u, i)) & (nslots - 1);
            while (slots[h])
                h = (h + 1) & (nslots - 1);
            slots[h] = (uint32_t)i + 1;
        }
        free(u->slots);
        u->slots = slots, u->nslots = nslots;
    }
    memcpy(u->text + u->textlen, code, len);
    u->units[u->n] = (unit_info){.code = u->textlen,
                                 .tertiary_or_lead = (unsigned char)tertiary_or_lead,
                                 .obstetrics = (unsigned char)obstetrics,
                                 .is_region = (unsigned char)is_region,
                                 .is_group = (unsigned char)is_group,
                                 .tcm = (unsigned char)tcm};
    u->textlen += len;
    size_t h = hash_text(code) & (u->nslots - 1);
    while (u->slots[h])
        h = (h + 1) & (u->nslots - 1);
    u->slots[h] = (uint32_t)++u->n;
    return 0;
}

void pxr_units_free(unit_set *u)
{
    free(u->units);
    free(u->text);
    free(u->slots);
}

static uint64_t mix64(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

/*
** Adds key with its line to the table; returns 0, or the line the key was
** first given on, or -1 when memory runs out.
*/
static long table_add(key_set *k, uint64_t key, uint32_t line)
{
    uint64_t stored = key + 1;
    if ((k->n + 1) * 4 > k->nslots * 3) { /* at most three quarters full */
        size_t nslots = k->nslots ? k->nslots * 2 : 1024;
        uint64_t *keys = calloc(nslots, sizeof *keys);
        uint32_t *lines = malloc(nslots * sizeof *lines);
        if (!keys || !lines) {
            free(keys);
            free(lines);
            return -1;
        }
        for (size_t i = 0; i < k->nslots; i++) {
            if (!k->keys[i])
                continue;
            size_t h = mix64(k->keys[i]) & (nslots - 1);
            while (keys[h])
                h = (h + 1) & (nslots - 1);
            keys[h] = k->keys[i], lines[h] = k->lines[i];
        }
        free(k->keys);
        free(k->lines);
        k->keys = keys, k->lines = lines, k->nslots = nslots;
    }
    size_t h = mix64(stored) & (k->nslots - 1);
    while (k->keys[h]) {
        if (k->keys[h] == stored)
            return k->lines[h] ? (long)k->lines[h] : 1;
        h = (h + 1) & (k->nslots - 1);
    }
    k->keys[h] = stored;
    k->lines[h] = line;
    k->n++;
    return 0;
}

/* A new run of unit's rows begins: the table starts afresh, or takes every key if unit is back. */
static int key_run(key_set *k, long unit, size_t nunits)
{
    if (!k->done && !(k->done = calloc(nunits ? nunits : 1, 1)))
        return -1;
    if (k->run_unit >= 0)
        k->done[k->run_unit] = 1;
    k->run_unit = unit;
    if (k->keys)
        memset(k->keys, 0, k->nslots * sizeof *k->keys);
    k->n = 0;
    if (!k->done[unit])
        return 0;
    k->all = 1;
    for (size_t i = 0; i < k->nlog; i++)
        if (table_add(k, k->log[i].key, k->log[i].line) < 0)
            return -1;
    free(k->log);
    k->log = NULL, k->nlog = k->logcap = 0;
    return 0;
}

/*
** Adds key (of unit, one of nunits) with its line; returns 0, or the line the
** key was first given on, or -1 when memory runs out.
*/
long pxr_keys_add(key_set *k, uint64_t key, long line, long unit, size_t nunits)
{
    uint32_t l = line > 0 && line <= (long)UINT32_MAX ? (uint32_t)line : 0;
    long first;
    if (!k->all && unit != k->run_unit && key_run(k, unit, nunits) != 0)
        return -1;
    if ((first = table_add(k, key, l)) != 0 || k->all)
        return first;
    if (k->nlog == k->logcap) {
        key_entry *grown =
            realloc(k->log, (k->logcap = k->logcap ? k->logcap * 2 : 4096) * sizeof *grown);
        if (!grown)
            return -1;
        k->log = grown;
    }
    k->log[k->nlog++] = (key_entry){key, l};
    return 0;
}

void pxr_keys_free(key_set *k)
{
    free(k->keys);
    free(k->lines);
    free(k->done);
    free(k->log);
}

/* Edit distance, for "did you mean" on unknown codes (codes are short). */
size_t pxr_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), prev[65], cur[65];
    if (la > 64 || lb > 64)
        return 99;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

int pxr_one_of(const char *s, const char *const *options)
{
    for (int i = 0; options[i]; i++)
        if (strcmp(s, options[i]) == 0)
            return i;
    return -1;
}
