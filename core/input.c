/* Input files read once, as a stream, refused when they are neither a file nor a pipe. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t pxr_input_limit(void)
{
    const char *env = getenv("PXR_MAX_INPUT_MB");
    char *end;
    unsigned long mb;

    if (env && *env) {
        errno = 0;
        mb = strtoul(env, &end, 10);
        if (!*end && !errno && mb > 0 && mb <= ((size_t)-1 >> 21))
            return (size_t)mb << 20;
    }
    return (size_t)PXR_INPUT_LIMIT_MB << 20;
}

static const char *kind_of(mode_t m)
{
    return S_ISDIR(m)    ? "a directory"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
                         : "not a regular file";
}

static int too_big(const char *path, size_t limit, pxr_error *err)
{
    return pxr_fail(err, PXR_EDATA,
                    "%s: larger than the input limit of %zu MiB (set PXR_MAX_INPUT_MB to raise it)",
                    path, limit >> 20);
}

int pxr_input_is_pipe(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
}

int pxr_input_check(const char *path, pxr_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return pxr_fail(err, PXR_EDATA, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
        return pxr_fail(err, PXR_EDATA, "%s: %s; pxr imports a regular file or a pipe", path,
                        kind_of(st.st_mode));
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > pxr_input_limit())
        return too_big(path, pxr_input_limit(), err);
    return PXR_OK;
}

int pxr_input_read(const char *path, char **data, size_t *len, pxr_error *err)
{
    size_t limit = pxr_input_limit(), n = 0, cap;
    struct stat st;
    char *buf;
    int fd;

    *data = NULL;
    *len = 0;
    /* checked first, so that a device is never opened */
    if (pxr_input_check(path, err) != PXR_OK)
        return err->code;
    if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
        return pxr_fail(err, PXR_EDATA, "%s: cannot open: %s", path, strerror(errno));
    /* what was opened is what counts (a path may change between stat and open) */
    if (fstat(fd, &st) != 0 || (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))) {
        close(fd);
        return pxr_fail(err, PXR_EDATA, "%s: %s; pxr imports a regular file or a pipe", path,
                        kind_of(st.st_mode));
    }
    cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
    if (!(buf = malloc(cap + 1))) {
        close(fd);
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory", path);
    }
    for (;;) {
        ssize_t got;
        if (n == cap) {
            size_t want = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *grown;
            if (n > limit) {
                free(buf);
                close(fd);
                return too_big(path, limit, err);
            }
            if (!(grown = realloc(buf, want + 1))) {
                free(buf);
                close(fd);
                return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory after %zu MiB", path,
                                n >> 20);
            }
            buf = grown, cap = want;
        }
        got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return pxr_fail(err, PXR_EDATA, "%s: read error: %s", path, strerror(e));
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    close(fd);
    if (n > limit) {
        free(buf);
        return too_big(path, limit, err);
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return PXR_OK;
}
