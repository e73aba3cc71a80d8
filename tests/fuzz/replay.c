/*
** Replays fuzz inputs without libFuzzer: each file given, or with no argument
** each file of FUZZ_CORPUS (tests/fuzz/corpus-regress/<target>, set by the
** Makefile), goes once through the target's LLVMFuzzerTestOneInput.  The
** Makefile builds it as a unit test, so make test replays every crash once
** found and SANITIZE=1 replays them under ASan and UBSan.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0, got;

    if (!f) {
        printf("FAIL: fuzz replay %s (cannot open)\n", path);
        return 1;
    }
    do {
        if (len == cap) {
            unsigned char *grown = realloc(buf, cap = cap ? cap * 2 : 4096);
            if (!grown) {
                free(buf);
                fclose(f);
                printf("FAIL: fuzz replay %s (out of memory)\n", path);
                return 1;
            }
            buf = grown;
        }
        len += got = fread(buf + len, 1, cap - len, f);
    } while (got > 0);
    fclose(f);
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    printf("PASS: fuzz replay %s\n", path);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int failed = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            failed |= replay(argv[i]);
        return failed;
    }
#ifdef FUZZ_CORPUS
    DIR *d = opendir(FUZZ_CORPUS);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    if (!d) {
        printf("FAIL: fuzz replay %s (no such directory)\n", FUZZ_CORPUS);
        return 1;
    }
    while ((e = readdir(d))) {
        char path[4096];
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            char **grown = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        snprintf(path, sizeof path, "%s/%s", FUZZ_CORPUS, e->d_name);
        if (!(names[n] = strdup(path)))
            break;
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        failed |= replay(names[i]);
        free(names[i]);
    }
    free(names);
#endif
    return failed;
}
