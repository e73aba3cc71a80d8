/* Writing an output through a temporary file renamed into place: the one routine of every writer.
 */
#ifndef PXR_ATOMIC_H
#define PXR_ATOMIC_H

#include "pxr.h"

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/*
** An output being written.  pxr_atomic_open creates "PATH.tmp.PID.N" beside
** path (same directory, so the rename is atomic); the writer fills it, by
** name (libharu, libxlsxwriter) or through pxr_atomic_file; commit renames it
** over path, abort removes it.  Until one of them, the temporary file is
** removed when SIGTERM, SIGINT or SIGHUP ends the process.  path itself is
** never touched before the commit, so any failure leaves an earlier file as
** it was.
*/
typedef struct pxr_atomic {
    char path[1200];
    char tmp[1300];
    FILE *f;  /* from pxr_atomic_file, else NULL */
    int fd;   /* the temporary file as created, until pxr_atomic_file takes it; else -1 */
    int slot; /* in the signal handler's list, -1 when none */
} pxr_atomic;

int pxr_atomic_open(pxr_atomic *a, const char *path, pxr_error *err);
FILE *pxr_atomic_file(pxr_atomic *a, pxr_error *err); /* the temporary file opened for writing */
int pxr_atomic_commit(pxr_atomic *a, pxr_error *err); /* closes, checks, renames */
void pxr_atomic_abort(pxr_atomic *a);                 /* closes, removes the temporary file */

/* The whole of buf as path's new content. */
int pxr_atomic_write(const char *path, const char *buf, size_t len, pxr_error *err);

/*
** Removes every temporary file still open, for a process ending in a hurry (the
** script deadline's hard stop); async-signal-safe.
*/
void pxr_atomic_unlink_pending(void);

/* A child process (a batch worker) to pass SIGTERM, SIGINT and SIGHUP on to. */
void pxr_atomic_forward_signals_to(pid_t pid);

#endif
