/*
** Outputs written to a temporary file and renamed into place.  A signal
** handler removes the temporary files still open, so a report killed by
** SIGTERM or interrupted from the terminal leaves no "*.tmp.*" behind.  The
** handler uses only what is async-signal-safe: unlink, kill, sigaction, raise.
*/
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 16
#define CHILDREN 64

static char pending[SLOTS][1300];
static volatile sig_atomic_t in_use[SLOTS];
static volatile pid_t children[CHILDREN];
static volatile sig_atomic_t nchildren;
static int installed;

void pxr_atomic_unlink_pending(void)
{
    for (int i = 0; i < SLOTS; i++)
        if (in_use[i])
            unlink(pending[i]);
}

static void on_signal(int sig)
{
    pxr_atomic_unlink_pending();
    for (sig_atomic_t i = 0; i < nchildren; i++)
        if (children[i] > 0)
            kill(children[i], sig);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install(void)
{
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    struct sigaction sa, old;

    if (installed)
        return;
    installed = 1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        /* a signal ignored by whoever started pxr (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

static void release(pxr_atomic *a)
{
    if (a->slot >= 0) {
        in_use[a->slot] = 0;
        a->slot = -1;
    }
}

int pxr_atomic_open(pxr_atomic *a, const char *path, pxr_error *err)
{
    int fd = -1;

    memset(a, 0, sizeof *a);
    a->slot = -1;
    a->fd = -1;
    if (strlen(path) >= sizeof a->path)
        return pxr_fail(err, PXR_EUSAGE, "%.200s…: the file name is too long", path);
    strcpy(a->path, path);
    install();
    for (int i = 0; i < SLOTS; i++)
        if (!in_use[i]) {
            a->slot = i;
            break;
        }
    for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
        snprintf(a->tmp, sizeof a->tmp, "%s.tmp.%ld.%d", path, (long)getpid(), attempt);
        if (a->slot >= 0) { /* known to the handler before it exists */
            memcpy(pending[a->slot], a->tmp, sizeof a->tmp);
            in_use[a->slot] = 1;
        }
        fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        int e = errno;
        release(a);
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", path, strerror(e));
    }
    a->fd = fd;
    return PXR_OK;
}

/* Closes the descriptor no FILE took (a writer by name, or none). */
static void close_fd(pxr_atomic *a)
{
    if (a->fd >= 0)
        close(a->fd);
    a->fd = -1;
}

/*
** The file as created, not reopened by name: opening an empty file with O_TRUNC
** makes ext4 write its data back on close (auto_da_alloc), a disk write per
** output that the rename does not need.
*/
FILE *pxr_atomic_file(pxr_atomic *a, pxr_error *err)
{
    if (a->f)
        return a->f;
    if (a->fd >= 0 && (a->f = fdopen(a->fd, "wb")))
        a->fd = -1;
    else if (!(a->f = fopen(a->tmp, "wb")))
        pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", a->path, strerror(errno));
    return a->f;
}

int pxr_atomic_commit(pxr_atomic *a, pxr_error *err)
{
    close_fd(a);
    if (a->f) {
        int bad = ferror(a->f) != 0, e = errno;
        if (fclose(a->f) != 0)
            bad = 1, e = errno;
        a->f = NULL;
        if (bad) {
            pxr_atomic_abort(a);
            return pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", a->path, strerror(e));
        }
    }
    if (rename(a->tmp, a->path) != 0) {
        int e = errno;
        pxr_atomic_abort(a);
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", a->path, strerror(e));
    }
    release(a);
    return PXR_OK;
}

void pxr_atomic_abort(pxr_atomic *a)
{
    close_fd(a);
    if (a->f)
        fclose(a->f);
    a->f = NULL;
    unlink(a->tmp);
    release(a);
}

int pxr_atomic_write(const char *path, const char *buf, size_t len, pxr_error *err)
{
    pxr_atomic a;
    FILE *f;
    int rc;

    if ((rc = pxr_atomic_open(&a, path, err)) != PXR_OK)
        return rc;
    if (!(f = pxr_atomic_file(&a, err))) {
        pxr_atomic_abort(&a);
        return PXR_EINTERNAL;
    }
    if (len && fwrite(buf, 1, len, f) != len) {
        int e = errno;
        pxr_atomic_abort(&a);
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot write: %s", path, strerror(e));
    }
    return pxr_atomic_commit(&a, err);
}

void pxr_atomic_forward_signals_to(pid_t pid)
{
    install();
    if (nchildren < CHILDREN) {
        children[nchildren] = pid;
        nchildren = nchildren + 1;
    }
}
