/* SHA-256 against the FIPS 180-2 appendix B vectors and a padding boundary. */
#include "check.h"
#include "sha256.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
    char hex[65];

    pxr_sha256_hex("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
              "sha256 empty");

    pxr_sha256_hex("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
              "sha256 abc");

    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    pxr_sha256_hex(two, strlen(two), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
              "sha256 448-bit message (padding spills into a second block)");

    size_t n = 1000000;
    char *a = malloc(n);
    CHECK(a != NULL, "sha256 allocate a million bytes");
    if (a) {
        memset(a, 'a', n);
        pxr_sha256_hex(a, n, hex);
        CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                  "sha256 one million 'a'");
        /* 55 and 56 bytes are the last lengths with one and two padding blocks. */
        pxr_sha256_hex(a, 55, hex);
        CHECK_STR(hex, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
                  "sha256 55 x 'a'");
        pxr_sha256_hex(a, 56, hex);
        CHECK_STR(hex, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
                  "sha256 56 x 'a'");
        pxr_sha256_hex(a, 64, hex);
        CHECK_STR(hex, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
                  "sha256 64 x 'a'");
        free(a);
    }
    CHECK(hex[64] == '\0', "sha256 hex is NUL-terminated");
    return check_done();
}
