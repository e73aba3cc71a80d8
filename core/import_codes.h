/*
** The code sets of an import: the institutions and regions a file may name
** (with the group sets the ▲/＃ notes need), the keys a values file has given,
** and the edit distance behind "did you mean".
*/
#ifndef PXR_IMPORT_CODES_H
#define PXR_IMPORT_CODES_H

#include <stddef.h>
#include <stdint.h>

/*
** The institutions and regions a file may name, loaded once per file: a
** national values file names each of 37,000 institutions 162 times, and the
** codes are also what "did you mean" searches.  Open addressing on an FNV-1a
** hash; a hit is confirmed by comparing the code itself.
*/
typedef struct unit_info {
    size_t code;                                           /* offset in unit_set.text */
    unsigned char tertiary_or_lead, obstetrics, is_region; /* is_region: not an institution */
    unsigned char tcm;                                     /* of a kind of pxr_tcm_kinds */
    unsigned char is_group;                                /* a unit_group (is_region too) */
} unit_info;

typedef struct unit_set {
    unit_info *units;
    size_t n, cap;
    char *text;
    size_t textlen, textcap;
    uint32_t *slots; /* index + 1 into units; 0 is empty */
    size_t nslots;   /* a power of two */
    int loaded;
} unit_set;

/*
** The keys (indicator, unit, period) given so far in a values file, with their
** lines, to refuse a key given twice.  A key is the three small numbers that
** name it exactly (unit index, indicator index, period index) packed into 64
** bits, so equal packed keys are equal keys: no false duplicate.  Files give
** each unit's rows together, so the table holds the current unit's keys only
** and the units before are marked done; a unit that comes back after its run
** (a file in another order) makes it a table of every key, rebuilt from the log.
*/
typedef struct key_entry {
    uint64_t key;
    uint32_t line;
} key_entry;

typedef struct key_set {
    uint64_t *keys; /* packed key + 1; 0 is empty */
    uint32_t *lines;
    size_t n, nslots;
    int all;             /* the table holds every key of the file, not one unit's */
    long run_unit;       /* the unit of the current run, -1 before the first */
    unsigned char *done; /* per unit: its run has ended */
    key_entry *log;      /* every key so far, while the table holds one unit's */
    size_t nlog, logcap;
} key_set;

/* The index of code in the set, or -1. */
long pxr_units_find(const unit_set *u, const char *code);
/* Adds a code (a code already there is kept as it is); 0, or -1 when memory runs out. */
int pxr_units_add(unit_set *u, const char *code, int tertiary_or_lead, int obstetrics, int tcm,
                  int is_region, int is_group);
const char *pxr_units_code(const unit_set *u, size_t i);
void pxr_units_free(unit_set *u);

/*
** Adds key (of unit, one of nunits) with its line; returns 0, or the line the
** key was first given on, or -1 when memory runs out.  k->run_unit starts at -1.
*/
long pxr_keys_add(key_set *k, uint64_t key, long line, long unit, size_t nunits);
void pxr_keys_free(key_set *k);

/* The edit distance between two short codes (99 when either is above 64 bytes). */
size_t pxr_edit_distance(const char *a, const char *b);

/* The index of s in the NULL-terminated list options, or -1. */
int pxr_one_of(const char *s, const char *const *options);

#endif
