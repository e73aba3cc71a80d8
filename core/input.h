/* Reading an input file once, as a stream, within a size limit. */
#ifndef PXR_INPUT_H
#define PXR_INPUT_H

#include "pxr.h"

#include <stddef.h>

/*
** The most bytes one input may hold: PXR_INPUT_LIMIT_MB MiB, or the value of
** the environment variable PXR_MAX_INPUT_MB when it is a positive number.
*/
#define PXR_INPUT_LIMIT_MB 1024
size_t pxr_input_limit(void);

/*
** Reads the whole of path into a malloc'ed buffer (*data, *len; NUL-terminated
** for convenience).  Only a regular file or a pipe (a FIFO, /dev/stdin of a
** pipe, a process substitution) is read, and it is read once from start to
** end, so a pipe works like a file.  Anything else (a directory, a terminal,
** /dev/zero) is refused before a byte is read, and so is an input beyond
** pxr_input_limit(): PXR_EDATA naming the file, what it is and the limit.
** A file that cannot be opened or read is PXR_EDATA too (it is the user's).
*/
int pxr_input_read(const char *path, char **data, size_t *len, pxr_error *err);

/* The checks of pxr_input_read that need no reading: what path is and its size. */
int pxr_input_check(const char *path, pxr_error *err);

/* 1 if path is a pipe (which can be read only once), 0 otherwise (also when it cannot be seen). */
int pxr_input_is_pipe(const char *path);

#endif
