/* `pxr import`: regions, institutions and values from CSV files. */
#ifndef PXR_IMPORT_H
#define PXR_IMPORT_H

#include "store.h"

typedef struct pxr_import_options {
    const char *kind; /* NULL: from the header; else regions|institutions|values */
    int dry_run;      /* check and count, then roll back */
    int quiet;
    const char *received; /* YYYY-MM-DD the data arrived (--received); NULL: now */
    const char *reason;   /* why values are replaced (--reason), kept in value_history */
} pxr_import_options;

/*
** Imports every file in one transaction: any error in any file rolls all of
** them back, so the database is exactly as it was.  Rows equal to what is
** stored change nothing; an import that changes nothing leaves no trace.
** Prints one summary line per file (new / changed / unchanged).
*/
int pxr_import_files(pxr_store *st, char *const *files, int nfiles, const pxr_import_options *opt,
                     pxr_error *err);

#endif
