/* Reading the entries of a zip archive held in memory (the container of XLSX). */
#ifndef PXR_ZIP_READ_H
#define PXR_ZIP_READ_H

#include "pxr.h"

#include <stddef.h>

typedef struct pxr_zip pxr_zip;

/*
** Limits against zip bombs: an entry may not inflate beyond
** PXR_ZIP_MAX_ENTRY bytes, all entries read together beyond PXR_ZIP_MAX_TOTAL,
** and an archive may not list more than PXR_ZIP_MAX_ENTRIES entries.
*/
#define PXR_ZIP_MAX_ENTRY ((size_t)256 << 20)
#define PXR_ZIP_MAX_TOTAL ((size_t)512 << 20)
#define PXR_ZIP_MAX_ENTRIES 10000

/*
** Opens the archive in data[0..len) (which must outlive it).  name is the
** file's name in messages.  A broken archive is PXR_EDATA "NAME: not a valid
** XLSX (zip) file: <libzip's reason>".
*/
pxr_zip *pxr_zip_open(const char *name, const char *data, size_t len, pxr_error *err);
void pxr_zip_close(pxr_zip *z);

/* Does the archive hold this entry (names compared without case, as OPC does)? */
int pxr_zip_has(pxr_zip *z, const char *entry);

/*
** Reads a whole entry into a NUL-terminated malloc'ed buffer (*out, length
** *outlen).  A missing entry, a corrupt one, or one above the limits is
** PXR_EDATA naming the file and the entry.
*/
int pxr_zip_read(pxr_zip *z, const char *entry, char **out, size_t *outlen, pxr_error *err);

/*
** An entry read as it inflates, a chunk at a time, under the same limits, so
** that its reader holds no more of it than it keeps itself (the archive must
** stay open while the entry is read).
*/
typedef struct pxr_zip_entry pxr_zip_entry;
pxr_zip_entry *pxr_zip_entry_open(pxr_zip *z, const char *entry, pxr_error *err);
/* Up to len bytes into buf: their count, 0 at the end, or -1 with err set (PXR_EDATA). */
long pxr_zip_entry_read(pxr_zip_entry *e, char *buf, size_t len, pxr_error *err);
void pxr_zip_entry_close(pxr_zip_entry *e);

#endif
