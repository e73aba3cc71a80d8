/*
** Around the loop of pxr batch: the output directory is checked once, up
** front; a unit whose outputs are newer than its data and its plugin is
** skipped (so a rerun resumes); a progress line is drawn on a terminal only.
*/
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pxr_batch_check_dir(const char *dir, pxr_error *err)
{
    struct stat st;
    char probe[1200];
    int fd;

    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
        return pxr_fail(err, PXR_EUSAGE,
                        "-o %s: exists and is not a directory (-o names the directory the reports "
                        "are written to)",
                        dir);
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0 && errno != EEXIST)
        return pxr_fail(err, PXR_EUSAGE, "-o %s: cannot create the directory: %s", dir,
                        strerror(errno));
    /* permissions alone do not tell (root, read-only mounts): try it */
    snprintf(probe, sizeof probe, "%s/.pxr-write-test.%ld", dir, (long)getpid());
    if ((fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
        return pxr_fail(err, PXR_EUSAGE, "-o %s: cannot write in the directory: %s", dir,
                        strerror(errno));
    close(fd);
    unlink(probe);
    return PXR_OK;
}

static long long ns_of(const struct timespec *ts)
{
    return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

/* The newest modification time of the files in dir and one level of its subdirectories. */
static void newest_in(const char *dir, int depth, long long *newest)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!d)
        return;
    while ((e = readdir(d))) {
        char path[2400];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth > 0)
                newest_in(path, depth - 1, newest);
        } else if (ns_of(&st.st_mtim) > *newest) {
            *newest = ns_of(&st.st_mtim);
        }
    }
    closedir(d);
}

int pxr_batch_inputs_time(pxr_store *st, const char *plugin_dir, const char *lua_dir,
                          long long *newest, pxr_error *err)
{
    sqlite3_stmt *stmt = pxr_store_prepare(st, "SELECT max(time) FROM import", err);
    char lua_pxr[1200];

    *newest = 0;
    if (!stmt)
        return PXR_EINTERNAL;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) == SQLITE_TEXT) {
        struct tm tm;
        const char *t = (const char *)sqlite3_column_text(stmt, 0);
        memset(&tm, 0, sizeof tm);
        /* "2024-07-01T08:00:00Z", whole seconds: an output of the same second is not newer */
        if (sscanf(t, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                   &tm.tm_min, &tm.tm_sec) == 6) {
            tm.tm_year -= 1900;
            tm.tm_mon -= 1;
            *newest = ((long long)timegm(&tm) + 1) * 1000000000LL - 1;
        }
    }
    sqlite3_finalize(stmt);
    newest_in(plugin_dir, 2, newest);
    snprintf(lua_pxr, sizeof lua_pxr, "%s/pxr", lua_dir);
    newest_in(lua_pxr, 2, newest);
    return PXR_OK;
}

int pxr_batch_is_current(const char *pdf, const char *xml, long long newest)
{
    const char *outs[] = {pdf, xml};
    for (int i = 0; i < 2; i++) {
        struct stat st;
        if (!outs[i])
            continue;
        if (stat(outs[i], &st) != 0 || !S_ISREG(st.st_mode) || ns_of(&st.st_mtim) <= newest)
            return 0;
    }
    return 1;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

void pxr_batch_tally_start(pxr_batch_tally *t, int total)
{
    memset(t, 0, sizeof *t);
    t->total = total;
    t->tty = isatty(2);
    clock_gettime(CLOCK_MONOTONIC, &t->start);
}

void pxr_batch_tally_add(pxr_batch_tally *t, int outcome)
{
    double elapsed, rate;
    t->done++;
    if (outcome == PXR_BATCH_WRITTEN)
        t->written++;
    else if (outcome == PXR_BATCH_SKIPPED)
        t->skipped++;
    else
        t->failed++;
    if (!t->tty)
        return;
    elapsed = seconds_since(&t->start);
    rate = elapsed > 0 ? t->done / elapsed : 0;
    fprintf(stderr, pxr_msg("\r\033[K[%d/%d] %.1f reports/s"), t->done, t->total, rate);
    if (rate > 0 && t->done < t->total) {
        long eta = (long)((t->total - t->done) / rate + 0.5);
        fprintf(stderr, pxr_msg(", ETA %ld:%02ld"), eta / 60, eta % 60);
    }
    if (t->failed)
        fprintf(stderr, pxr_msg(", %d failed"), t->failed);
    fflush(stderr);
    t->line_shown = 1;
}

void pxr_batch_tally_clear(pxr_batch_tally *t)
{
    if (t->tty && t->line_shown) {
        fputs("\r\033[K", stderr);
        t->line_shown = 0;
    }
}

void pxr_batch_tally_end(pxr_batch_tally *t, const char *what, const char *dir)
{
    if (t->tty && t->line_shown)
        fputc('\n', stderr);
    t->line_shown = 0;
    printf(pxr_msg("%s: %d written, %d up to date, %d failed, of %d, in %s (%.1f s)\n"), what,
           t->written, t->skipped, t->failed, t->total, dir, seconds_since(&t->start));
}
