/*
** The message catalog.  core/po/zh_CN.po (gettext's format) is turned into
** the table below at build time (core/po/po2c.awk), so an installed pxr needs
** no data file for it.  A message is looked up by its English text, which is
** the printf format the code writes.
*/
#include "pxr.h"

#include <stdlib.h>
#include <string.h>

typedef struct message {
    const char *id, *zh;
} message;

static message catalog[] = {
#include "messages_zh.h"
};

#define NCATALOG (sizeof catalog / sizeof catalog[0])

static int by_id(const void *a, const void *b)
{
    return strcmp(((const message *)a)->id, ((const message *)b)->id);
}

static int sorted;

/* LC_ALL, else LC_MESSAGES, else LANG decides, as POSIX says; the locale need not exist. */
int pxr_msg_chinese(void)
{
    static int chinese = -1;
    if (chinese < 0) {
        const char *names[] = {"LC_ALL", "LC_MESSAGES", "LANG"}, *v = NULL;
        for (int i = 0; i < 3 && !(v && *v); i++)
            v = getenv(names[i]);
        chinese = v && strncmp(v, "zh", 2) == 0;
    }
    return chinese;
}

const char *pxr_msg(const char *english)
{
    message key = {english, NULL}, *hit;
    if (!english || !pxr_msg_chinese())
        return english;
    if (!sorted) {
        qsort(catalog, NCATALOG, sizeof *catalog, by_id);
        sorted = 1;
    }
    hit = bsearch(&key, catalog, NCATALOG, sizeof *catalog, by_id);
    return hit ? hit->zh : english;
}
