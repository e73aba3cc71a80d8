/* SHA-256 (FIPS 180-4), to record which file every value came from. */
#ifndef PXR_SHA256_H
#define PXR_SHA256_H

#include <stddef.h>

/* Writes the 64 lowercase hex digits and a NUL into hex. */
void pxr_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
