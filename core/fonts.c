#include "fonts.h"

#include "paths.h"

#include <ctype.h>
#include <errno.h>
#include <hb-subset.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const role_names[PXR_ROLE_COUNT] = {"serif", "sans", "kai", "fallback"};

int pxr_font_role_parse(const char *name)
{
    for (int r = 0; r < PXR_ROLE_COUNT; r++)
        if (strcmp(name, role_names[r]) == 0)
            return r;
    return -1;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Opens path/index as face slot; returns the slot, or -1 when the file is no usable font. */
static int open_face(pxr_fontset *fs, const char *path, unsigned index)
{
    pxr_face *f;

    for (int i = 0; i < fs->nfaces; i++)
        if (strcmp(fs->faces[i].path, path) == 0 && fs->faces[i].index == index)
            return i;
    if (fs->nfaces == PXR_ROLE_COUNT || !is_file(path))
        return -1;
    f = &fs->faces[fs->nfaces];
    memset(f, 0, sizeof *f);
    f->blob = hb_blob_create_from_file_or_fail(path);
    if (!f->blob)
        return -1;
    if (index >= hb_face_count(f->blob) || !(f->face = hb_face_create(f->blob, index)) ||
        hb_face_get_glyph_count(f->face) == 0) {
        if (f->face)
            hb_face_destroy(f->face);
        hb_blob_destroy(f->blob);
        return -1;
    }
    f->font = hb_font_create(f->face);
    f->upem = hb_face_get_upem(f->face);
    f->used = hb_set_create();
    f->index = index;
    snprintf(f->path, sizeof f->path, "%s", path);
    return fs->nfaces++;
}

/* Splits "path[:index]" (the environment form). */
static void split_env(const char *val, char *path, size_t len, unsigned *index)
{
    const char *colon = strrchr(val, ':');
    *index = 0;
    if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        snprintf(path, len, "%.*s", (int)(colon - val), val);
        *index = (unsigned)atoi(colon + 1);
    } else {
        snprintf(path, len, "%s", val);
    }
}

/* Reads roles.conf: "role path [index]" lines; the first existing file of a role wins. */
static int read_conf(pxr_fontset *fs, const char *dir, int *role_face, pxr_error *err)
{
    char conf[1200], line[1400];
    FILE *fp;
    int lineno = 0;

    pxr_path_join(conf, sizeof conf, dir, "roles.conf");
    fp = fopen(conf, "r");
    if (!fp)
        return PXR_OK; /* no file: Debian's packaged paths are tried below */
    while (fgets(line, sizeof line, fp)) {
        char role[32], file[1100], full[1200];
        unsigned index = 0;
        int n, r;
        char *hash = strchr(line, '#');

        lineno++;
        if (hash)
            *hash = '\0';
        n = sscanf(line, "%31s %1099s %u", role, file, &index);
        if (n <= 0)
            continue;
        r = pxr_font_role_parse(role);
        if (n < 2 || r < 0) {
            fclose(fp);
            return pxr_fail(err, PXR_EDATA,
                            "%s:%d:1: role: expected 'serif|sans|kai|fallback PATH [INDEX]', got "
                            "'%s'",
                            conf, lineno, role);
        }
        if (role_face[r] >= 0)
            continue;
        if (file[0] == '/')
            snprintf(full, sizeof full, "%s", file);
        else
            pxr_path_join(full, sizeof full, dir, file);
        role_face[r] = open_face(fs, full, index);
    }
    fclose(fp);
    return PXR_OK;
}

int pxr_fonts_open(pxr_fontset *fs, const char *fonts_dir, pxr_error *err)
{
    /* used when roles.conf is missing: the Debian packages named in fonts/README.md */
    static const struct {
        int role;
        const char *path;
        unsigned index;
    } debian[] = {
        {PXR_ROLE_SERIF, "/usr/share/fonts/truetype/arphic/uming.ttc", 0},
        {PXR_ROLE_SANS, "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0},
        {PXR_ROLE_SANS, "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0},
        {PXR_ROLE_KAI, "/usr/share/fonts/truetype/arphic/ukai.ttc", 0},
        {PXR_ROLE_FALLBACK, "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0},
    };
    int role_face[PXR_ROLE_COUNT];
    int rc, any = -1;

    memset(fs, 0, sizeof *fs);
    for (int r = 0; r < PXR_ROLE_COUNT; r++) {
        char var[64], path[1100];
        const char *val;
        unsigned index;

        role_face[r] = -1;
        snprintf(var, sizeof var, "PXR_FONT_%s", role_names[r]);
        for (char *p = var; *p; p++)
            *p = (char)toupper((unsigned char)*p);
        val = getenv(var);
        if (val && *val) {
            split_env(val, path, sizeof path, &index);
            role_face[r] = open_face(fs, path, index);
            if (role_face[r] < 0) {
                pxr_fonts_close(fs);
                return pxr_fail(err, PXR_EDATA, "%s=%s: not a readable TrueType font", var, val);
            }
        }
    }
    if ((rc = read_conf(fs, fonts_dir, role_face, err)) != PXR_OK) {
        pxr_fonts_close(fs);
        return rc;
    }
    for (size_t i = 0; i < sizeof debian / sizeof debian[0]; i++)
        if (role_face[debian[i].role] < 0)
            role_face[debian[i].role] = open_face(fs, debian[i].path, debian[i].index);
    for (int r = 0; r < PXR_ROLE_COUNT && any < 0; r++)
        any = role_face[r];
    if (any < 0) {
        pxr_fonts_close(fs);
        return pxr_fail(err, PXR_EINTERNAL,
                        "no font found for any role (serif, sans, kai, fallback) in %s/roles.conf "
                        "or the Debian font packages; see fonts/README.md",
                        fonts_dir);
    }
    /* chain: the role's own face, then serif, sans, kai, fallback, each once */
    for (int r = 0; r < PXR_ROLE_COUNT; r++) {
        int n = 0;
        for (int k = -1; k < PXR_ROLE_COUNT; k++) {
            int f = role_face[k < 0 ? r : k], dup = 0;
            if (f < 0)
                continue;
            for (int j = 0; j < n; j++)
                dup |= fs->chain[r][j] == f;
            if (!dup)
                fs->chain[r][n++] = f;
        }
        while (n < PXR_ROLE_COUNT)
            fs->chain[r][n++] = -1;
    }
    return PXR_OK;
}

int pxr_fonts_pick(const pxr_fontset *fs, int role, uint32_t cp)
{
    hb_codepoint_t gid;
    for (int i = 0; i < PXR_ROLE_COUNT && fs->chain[role][i] >= 0; i++) {
        int f = fs->chain[role][i];
        if (hb_font_get_nominal_glyph(fs->faces[f].font, cp, &gid))
            return f;
    }
    return -1;
}

double pxr_fonts_advance(const pxr_fontset *fs, int face, uint32_t cp)
{
    const pxr_face *f = &fs->faces[face];
    hb_codepoint_t gid = 0;
    hb_position_t adv;

    hb_font_get_nominal_glyph(f->font, cp, &gid);
    adv = hb_font_get_glyph_h_advance(f->font, gid);
    /* libharu writes /W as advance * 1000 / upem truncated: measure the same */
    return (double)((long)adv * 1000 / (long)f->upem) / 1000.0;
}

void pxr_fonts_use(pxr_fontset *fs, int face, uint32_t cp)
{
    hb_set_add(fs->faces[face].used, cp);
}

int pxr_fonts_subset(const pxr_fontset *fs, int face, char *path, pxr_error *err)
{
    static const hb_tag_t drop[] = {
        HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'), HB_TAG('E', 'B', 'S', 'C'),
        HB_TAG('B', 'D', 'F', ' '), HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
        HB_TAG('G', 'D', 'E', 'F'), HB_TAG('F', 'F', 'T', 'M'), HB_TAG('V', 'O', 'R', 'G'),
        HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('g', 'a', 's', 'p'),
        HB_TAG('D', 'S', 'I', 'G'),
    };
    const pxr_face *f = &fs->faces[face];
    const char *tmp = getenv("TMPDIR");
    hb_subset_input_t *in;
    hb_face_t *sub;
    hb_blob_t *blob;
    const char *data;
    unsigned len;
    int fd, ok;

    in = hb_subset_input_create_or_fail();
    if (!in)
        return pxr_fail(err, PXR_EINTERNAL, "%s: out of memory subsetting the font", f->path);
    hb_set_union(hb_subset_input_unicode_set(in), f->used);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), drop[i]);
    sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        return pxr_fail(err, PXR_EINTERNAL, "%s (face %u): HarfBuzz could not subset the font",
                        f->path, f->index);
    blob = hb_face_reference_blob(sub);
    data = hb_blob_get_data(blob, &len);
    snprintf(path, 1200, "%s/pxr-font.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    fd = mkstemp(path);
    ok = fd >= 0 && len > 0 && write(fd, data, len) == (ssize_t)len;
    if (fd >= 0 && close(fd) != 0)
        ok = 0;
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    if (!ok) {
        int e = errno;
        if (fd >= 0)
            unlink(path);
        return pxr_fail(err, PXR_EINTERNAL, "%s: cannot write the font subset: %s", path,
                        strerror(e));
    }
    return PXR_OK;
}

void pxr_fonts_close(pxr_fontset *fs)
{
    for (int i = 0; i < fs->nfaces; i++) {
        hb_set_destroy(fs->faces[i].used);
        hb_font_destroy(fs->faces[i].font);
        hb_face_destroy(fs->faces[i].face);
        hb_blob_destroy(fs->faces[i].blob);
    }
    fs->nfaces = 0;
}
