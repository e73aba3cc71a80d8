#include "fonts.h"

#include "paths.h"
#include "fonts_subset.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/mman.h>
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

#define SUBSETS_PER_FACE 8

/*
** Faces parsed once per process: a run renders many documents (batch, run) and
** each would otherwise map, parse and subset the same fonts again.  Entries are
** never freed; the process's end releases them.
*/
static struct cached_face {
    char path[1100];
    unsigned index;
    hb_blob_t *blob;
    void *map; /* the file as mapped here (NULL when HarfBuzz read it): see pxr_fonts_trim */
    size_t map_len;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    pxr_ttf *ttf;
    pxr_subset subsets[SUBSETS_PER_FACE];
    struct glyph_info *bmp[256]; /* per BMP code point by high byte, filled on first lookup */
} face_cache[16];
static int nface_cache;
static unsigned long use_clock;

/*
** What layout asks of a face for every character it measures (has it a glyph, how
** wide): HarfBuzz's cmap lookup costs a few hundred instructions, and a report asks
** it thousands of times for the same few hundred code points.
*/
struct glyph_info {
    uint16_t gid, adv; /* adv in font units */
    uint8_t state;     /* 0 not looked up yet, 1 no glyph, 2 has gid */
};

static const struct glyph_info *glyph_of(int slot, uint32_t cp, struct glyph_info *tmp)
{
    struct cached_face *c = &face_cache[slot];
    struct glyph_info *g = tmp;
    hb_codepoint_t gid = 0;

    /* pages of 256 code points, made as text reaches them: memory follows the scripts used */
    if (cp < 0x10000 && !c->bmp[cp >> 8])
        c->bmp[cp >> 8] = calloc(256, sizeof **c->bmp);
    if (cp < 0x10000 && c->bmp[cp >> 8]) {
        g = &c->bmp[cp >> 8][cp & 0xFF];
        if (g->state)
            return g;
    }
    g->state = hb_font_get_nominal_glyph(c->font, cp, &gid) ? 2 : 1;
    g->gid = (uint16_t)gid;
    g->adv = (uint16_t)hb_font_get_glyph_h_advance(c->font, gid);
    return g;
}

struct mapping {
    void *addr;
    size_t len;
};

static void unmap(void *user)
{
    struct mapping *m = user;
    munmap(m->addr, m->len);
    free(m);
}

/*
** The font file mapped read-only, as a blob HarfBuzz may not write to (it copies
** what it must mend), so that pxr_fonts_trim can drop the pages: the mapping
** holds nothing but the file.  Falls back to HarfBuzz's own reading.
*/
static hb_blob_t *map_font(const char *path, void **map, size_t *map_len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct mapping *m = malloc(sizeof *m);
    struct stat st;
    hb_blob_t *blob;

    *map = NULL, *map_len = 0;
    if (fd >= 0 && m && fstat(fd, &st) == 0 && st.st_size > 0 &&
        (m->addr = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) != MAP_FAILED) {
        m->len = (size_t)st.st_size;
        close(fd);
        if (m->len > UINT_MAX) {
            unmap(m);
            return NULL;
        }
        blob = hb_blob_create_or_fail(m->addr, (unsigned)m->len, HB_MEMORY_MODE_READONLY, m, unmap);
        if (!blob) {
            unmap(m);
            return NULL;
        }
        *map = m->addr, *map_len = m->len;
        return blob;
    }
    if (fd >= 0)
        close(fd);
    free(m);
    return hb_blob_create_from_file_or_fail(path);
}

/*
** The pages of the font files that the documents so far have touched count in the
** process's memory: every character drawn for the first time maps tens of KB of
** its font (the kernel maps neighbouring pages with each), so over a batch the
** fonts' share would grow with the characters its reports hold (region names).
** Every TRIM_EVERY documents they are let go; the next documents map again the
** few they read, from the page cache.  Dropping them every document would cost
** about a millisecond each.
*/
#define TRIM_EVERY 16

void pxr_fonts_trim(void)
{
    for (int i = 0; i < nface_cache; i++)
        if (face_cache[i].map)
            madvise(face_cache[i].map, face_cache[i].map_len, MADV_DONTNEED);
}

/* The cache slot of path/index, parsed on first use; -1 when the file is no usable font. */
static int cached_face(const char *path, unsigned index)
{
    struct cached_face *c;
    hb_blob_t *blob;
    hb_face_t *face;
    void *map;
    size_t map_len;

    for (int i = 0; i < nface_cache; i++)
        if (strcmp(face_cache[i].path, path) == 0 && face_cache[i].index == index)
            return i;
    if (nface_cache == (int)(sizeof face_cache / sizeof face_cache[0]) || !is_file(path))
        return -1;
    blob = map_font(path, &map, &map_len);
    if (!blob)
        return -1;
    face = index < hb_face_count(blob) ? hb_face_create(blob, index) : NULL;
    if (!face || hb_face_get_glyph_count(face) == 0) {
        if (face)
            hb_face_destroy(face);
        hb_blob_destroy(blob);
        return -1;
    }
    c = &face_cache[nface_cache];
    memset(c, 0, sizeof *c);
    snprintf(c->path, sizeof c->path, "%s", path);
    c->index = index;
    c->blob = blob;
    c->map = map, c->map_len = map_len;
    c->face = face;
    c->font = hb_font_create(face);
    c->upem = hb_face_get_upem(face);
    c->ttf = pxr_ttf_open(face);
    return nface_cache++;
}

/* Opens path/index as face slot; returns the slot, or -1 when the file is no usable font. */
static int open_face(pxr_fontset *fs, const char *path, unsigned index)
{
    pxr_face *f;
    int slot;

    for (int i = 0; i < fs->nfaces; i++)
        if (strcmp(fs->faces[i].path, path) == 0 && fs->faces[i].index == index)
            return i;
    if (fs->nfaces == PXR_ROLE_COUNT || (slot = cached_face(path, index)) < 0)
        return -1;
    f = &fs->faces[fs->nfaces];
    memset(f, 0, sizeof *f);
    f->blob = face_cache[slot].blob;
    f->face = face_cache[slot].face;
    f->font = face_cache[slot].font;
    f->upem = face_cache[slot].upem;
    f->slot = slot;
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
    struct glyph_info tmp;
    for (int i = 0; i < PXR_ROLE_COUNT && fs->chain[role][i] >= 0; i++) {
        int f = fs->chain[role][i];
        if (glyph_of(fs->faces[f].slot, cp, &tmp)->state == 2)
            return f;
    }
    return -1;
}

double pxr_fonts_advance(const pxr_fontset *fs, int face, uint32_t cp)
{
    const pxr_face *f = &fs->faces[face];
    struct glyph_info tmp;
    long adv = glyph_of(f->slot, cp, &tmp)->adv;

    /* the PDF's /W holds advance * 1000 / upem truncated (fonts_subset.c): measure the same */
    return (double)(adv * 1000 / (long)f->upem) / 1000.0;
}

void pxr_fonts_use(pxr_fontset *fs, int face, uint32_t cp)
{
    hb_set_add(fs->faces[face].used, cp);
}

static void subset_free(pxr_subset *s)
{
    if (s->cps)
        hb_set_destroy(s->cps);
    free(s->cp);
    free(s->gid);
    free(s->w_gid);
    free(s->w);
    free(s->font_z);
    free(s->tounicode_z);
    memset(s, 0, sizeof *s);
}

unsigned pxr_subset_cid(const pxr_subset *s, uint32_t cp)
{
    unsigned lo = 0, hi = s->n;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (s->cp[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->cp[lo] == cp ? s->gid[lo] : 0;
}

int pxr_fonts_subset(const pxr_fontset *fs, int face, const pxr_subset **out, pxr_error *err)
{
    const pxr_face *f = &fs->faces[face];
    struct cached_face *c = &face_cache[f->slot];
    pxr_subset *s = NULL;
    char what[1200];
    int rc;

    for (int i = 0; i < SUBSETS_PER_FACE; i++)
        if (c->subsets[i].cps && hb_set_is_equal(c->subsets[i].cps, f->used)) {
            c->subsets[i].last_use = ++use_clock;
            *out = &c->subsets[i];
            return PXR_OK;
        }
    for (int i = 0; i < SUBSETS_PER_FACE; i++)
        if (!s || c->subsets[i].last_use < s->last_use)
            s = &c->subsets[i];
    subset_free(s);
    s->cps = hb_set_copy(f->used);
    snprintf(what, sizeof what, pxr_msg("%s (face %u)"), f->path, f->index);
    if (!hb_set_allocation_successful(s->cps))
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: out of memory subsetting the font", what);
    else
        rc = c->ttf
                 ? pxr_ttf_subset(c->ttf, c->font, s, what, err)
                 : pxr_fail(err, PXR_EINTERNAL, "%s: not a TrueType font (no glyf outlines)", what);
    if (rc != PXR_OK) {
        subset_free(s);
        return rc;
    }
    s->last_use = ++use_clock;
    *out = s;
    return PXR_OK;
}

void pxr_fonts_close(pxr_fontset *fs)
{
    static unsigned closed;
    for (int i = 0; i < fs->nfaces; i++)
        hb_set_destroy(fs->faces[i].used);
    fs->nfaces = 0;
    if (++closed % TRIM_EVERY == 0)
        pxr_fonts_trim();
}

uint32_t pxr_fonts_stand_in(uint32_t cp)
{
    static const struct {
        uint32_t from, to, with;
    } map[] = {
        {0x00A0, 0x00A0, ' '},
        {0x00AD, 0x00AD, PXR_FONTS_DROP},
        {0x02BC, 0x02BC, '\''},
        {0x2000, 0x200A, ' '},
        {0x200B, 0x200D, PXR_FONTS_DROP},
        {0x2010, 0x2013, '-'},
        {0x2014, 0x2015, 0x2014},
        {0x2018, 0x201B, '\''},
        {0x201C, 0x201F, '"'},
        {0x2022, 0x2022, 0x00B7},
        {0x2032, 0x2032, '\''},
        {0x2033, 0x2033, '"'},
        {0x2044, 0x2044, '/'},
        {0x202F, 0x202F, ' '},
        {0x205F, 0x205F, ' '},
        {0x2060, 0x2060, PXR_FONTS_DROP},
        {0x2212, 0x2212, '-'},
        {0x2215, 0x2215, '/'},
        {0x2217, 0x2217, '*'},
        {0xFEFF, 0xFEFF, PXR_FONTS_DROP},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (cp >= map[i].from && cp <= map[i].to)
            return map[i].with == cp ? 0 : map[i].with;
    return 0;
}
