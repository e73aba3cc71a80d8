/*
** SHA-256 (FIPS 180-4) through OpenSSL's libcrypto, which uses the
** processor's SHA instructions where it has them: hashing a national file is
** then a small part of importing it.
*/
#include "sha256.h"
#include "pxr.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pxr_sha256_hex(const void *data, size_t len, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;

    if (!EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) || n != 32) {
        fputs(pxr_msg("pxr: libcrypto cannot compute SHA-256\n"), stderr);
        abort();
    }
    for (unsigned int i = 0; i < 32; i++) {
        hex[2 * i] = digits[md[i] >> 4];
        hex[2 * i + 1] = digits[md[i] & 15];
    }
    hex[64] = '\0';
}
