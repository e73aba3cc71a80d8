/* What pxr batch needs around its loop: the output directory, freshness, progress and tally. */
#ifndef PXR_BATCH_H
#define PXR_BATCH_H

#include "pxr.h"
#include "store.h"

#include <time.h>

/*
** Makes sure dir is a directory pxr can write in, creating it if it is
** missing: a file, a missing parent or a directory without write permission
** is one clear PXR_EUSAGE error before any unit is rendered.
*/
int pxr_batch_check_dir(const char *dir, pxr_error *err);

/*
** When the inputs of a report last changed: the newest import into the
** database (import.time) and the newest file of the plugin's directory and of
** the shared Lua modules (lua_dir/pxr).  *newest is in nanoseconds since 1970.
*/
int pxr_batch_inputs_time(pxr_store *st, const char *plugin_dir, const char *lua_dir,
                          long long *newest, pxr_error *err);

/* 1 when every output exists and was written after newest (pxr_batch_inputs_time). */
int pxr_batch_is_current(const char *pdf, const char *xml, long long newest);

/* The outcome of each unit, counted for the progress line and the summary. */
enum { PXR_BATCH_WRITTEN = 'w', PXR_BATCH_SKIPPED = 's', PXR_BATCH_FAILED = 'f' };

typedef struct pxr_batch_tally {
    int total, done, written, skipped, failed;
    int tty;        /* stderr is a terminal: a progress line is drawn */
    int line_shown; /* the progress line is on screen */
    struct timespec start;
} pxr_batch_tally;

void pxr_batch_tally_start(pxr_batch_tally *t, int total);
/* Counts one outcome (PXR_BATCH_*) and redraws "[done/total] rate, ETA" on a terminal. */
void pxr_batch_tally_add(pxr_batch_tally *t, int outcome);
/* Clears the progress line so that a message can be printed (no-op when not a terminal). */
void pxr_batch_tally_clear(pxr_batch_tally *t);
/* Ends the progress line and prints the summary "N written, N up to date, N failed" to stdout. */
void pxr_batch_tally_end(pxr_batch_tally *t, const char *what, const char *dir);

#endif
