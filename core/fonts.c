#include "fonts.h"

#include "paths.h"
#include "pdf_tounicode.h"

#include <ctype.h>
#include <errno.h>
#include <hb-subset.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

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
** never freed; the process's end releases them (the proxies' files are unlinked).
*/
static struct cached_face {
    char path[1100];
    unsigned index;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    unsigned upem;
    pxr_subset subsets[SUBSETS_PER_FACE];
} face_cache[16];
static int nface_cache;
static unsigned long use_clock;

/* The cache slot of path/index, parsed on first use; -1 when the file is no usable font. */
static int cached_face(const char *path, unsigned index)
{
    struct cached_face *c;
    hb_blob_t *blob;
    hb_face_t *face;

    for (int i = 0; i < nface_cache; i++)
        if (strcmp(face_cache[i].path, path) == 0 && face_cache[i].index == index)
            return i;
    if (nface_cache == (int)(sizeof face_cache / sizeof face_cache[0]) || !is_file(path))
        return -1;
    blob = hb_blob_create_from_file_or_fail(path);
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
    c->face = face;
    c->font = hb_font_create(face);
    c->upem = hb_face_get_upem(face);
    for (int i = 0; i < SUBSETS_PER_FACE; i++)
        c->subsets[i].fd = -1;
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

typedef struct seg {
    unsigned lo, hi;
} seg;

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8), p[1] = (unsigned char)v;
}

static void put32(unsigned char *p, uint32_t v)
{
    put16(p, v >> 16), put16(p + 2, v & 0xFFFF);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* format 4's length is 16 bits: its glyph array holds fewer than 32k entries */
#define GLYPH_ARRAY_CAP 30000
#define GAP_COST 64

/*
** A cmap (3,1 format 4) for libharu, which walks the segments linearly for every
** code point of the BMP when it builds a font: runs of code points are merged
** across gaps, the gaps mapping to glyph 0, into a few segments whose glyph array
** stays within format 4's 64 KB.  Returns the table (malloc'ed), NULL if out of memory.
*/
static unsigned char *proxy_cmap(const hb_set_t *cps, const uint16_t *gid_of, size_t *len)
{
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    unsigned n = 0, nruns = 0, cap = hb_set_get_population(cps) + 1, total = 0;
    seg *runs = malloc(cap * sizeof *runs);
    unsigned char *t = NULL;

    if (!runs)
        goto done;
    while (hb_set_next(cps, &cp) && cp < 0xFFFF) {
        if (nruns && runs[nruns - 1].hi + 1 == cp)
            runs[nruns - 1].hi = cp;
        else
            runs[nruns].lo = runs[nruns].hi = cp, nruns++;
    }
    for (unsigned i = 0; i < nruns; i++)
        total += runs[i].hi - runs[i].lo + 1;
    /*
    ** libharu reads each glyph array entry through a buffered file read (a few hundred
    ** instructions) and walks the segments for every BMP code point above them (a few
    ** each): a gap is worth filling when it is short against the code points after it.
    */
    for (unsigned i = 0; i < nruns; i++) {
        unsigned gap = n ? runs[i].lo - runs[n - 1].hi - 1 : 0;
        if (n && gap * GAP_COST < 0x10000 - runs[i].lo && total + gap <= GLYPH_ARRAY_CAP) {
            total += gap;
            runs[n - 1].hi = runs[i].hi;
        } else {
            runs[n++] = runs[i];
        }
    }
    {
        unsigned segs = n + 1, arr = 0, sub_len, pow2 = 1, log2 = 0;
        unsigned char *st;
        for (unsigned i = 0; i < n; i++)
            arr += runs[i].hi - runs[i].lo + 1;
        sub_len = 16 + 8 * segs + 2 * arr;
        while (pow2 * 2 <= segs)
            pow2 *= 2, log2++;
        *len = 12 + sub_len;
        t = calloc(1, *len);
        if (!t)
            goto done;
        put16(t + 2, 1);                  /* numTables */
        put16(t + 4, 3), put16(t + 6, 1); /* Windows, Unicode BMP */
        put32(t + 8, 12);
        st = t + 12;
        put16(st, 4), put16(st + 2, sub_len);
        put16(st + 6, 2 * segs), put16(st + 8, 2 * pow2), put16(st + 10, log2);
        put16(st + 12, 2 * segs - 2 * pow2);
        arr = 0;
        for (unsigned i = 0; i <= n; i++) {
            unsigned char *end = st + 14 + 2 * i, *start = st + 16 + 2 * segs + 2 * i;
            unsigned char *delta = start + 2 * segs, *range = delta + 2 * segs;
            if (i == n) { /* the terminating segment */
                put16(end, 0xFFFF), put16(start, 0xFFFF), put16(delta, 1);
                break;
            }
            put16(end, runs[i].hi), put16(start, runs[i].lo);
            put16(range, 2 * (segs - i + arr));
            for (unsigned c = runs[i].lo; c <= runs[i].hi; c++)
                put16(st + 16 + 8 * segs + 2 * arr++, gid_of[c]);
        }
    }
done:
    free(runs);
    return t;
}

/* The subset's font with its cmap replaced by proxy_cmap's; NULL if out of memory. */
static unsigned char *proxy_font(const unsigned char *font, unsigned len, const unsigned char *cmap,
                                 size_t cmap_len, size_t *out_len)
{
    unsigned ntables = len >= 12 ? (unsigned)font[4] << 8 | font[5] : 0, off;
    size_t total = 12 + 16 * (size_t)ntables;
    unsigned char *out;

    if (len < 12 + 16 * ntables)
        return NULL;
    for (unsigned i = 0; i < ntables; i++) {
        const unsigned char *r = font + 12 + 16 * i;
        uint32_t o = get32(r + 8), l = get32(r + 12);
        if (o > len || l > len - o)
            return NULL;
        total += ((memcmp(r, "cmap", 4) == 0 ? cmap_len : l) + 3) & ~(size_t)3;
    }
    if (!(out = calloc(1, total)))
        return NULL;
    memcpy(out, font, 12 + 16 * ntables);
    off = 12 + 16 * ntables;
    for (unsigned i = 0; i < ntables; i++) {
        unsigned char *r = out + 12 + 16 * i;
        const unsigned char *data = font + get32(r + 8);
        size_t l = get32(r + 12);
        uint32_t sum = 0;
        if (memcmp(r, "cmap", 4) == 0)
            data = cmap, l = cmap_len;
        memcpy(out + off, data, l);
        for (size_t k = 0; k < l; k += 4)
            sum += get32(out + off + k); /* the padding is zero */
        put32(r + 4, sum), put32(r + 8, off), put32(r + 12, (uint32_t)l);
        off += (unsigned)((l + 3) & ~(size_t)3);
    }
    *out_len = total;
    return out;
}

/*
** Deflates data as one zlib stream.  rle suits the CIDToGIDMap (a few glyph ids in
** 128 KB of zeros), which the default strategy's long match chains make slow.
*/
static unsigned char *deflated(const void *data, size_t len, int rle, size_t *out_len)
{
    z_stream z;
    uLong cap = compressBound(len);
    unsigned char *out = malloc(cap);

    memset(&z, 0, sizeof z);
    if (!out || deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15, 8,
                             rle ? Z_RLE : Z_DEFAULT_STRATEGY) != Z_OK) {
        free(out);
        return NULL;
    }
    z.next_in = (Bytef *)data, z.avail_in = (uInt)len;
    z.next_out = out, z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&z);
        free(out);
        return NULL;
    }
    *out_len = z.total_out;
    deflateEnd(&z);
    return out;
}

static void subset_free(pxr_subset *s)
{
    if (s->cps)
        hb_set_destroy(s->cps);
    if (s->fd >= 0)
        close(s->fd);
    free(s->font_z);
    free(s->map_z);
    free(s->tounicode_z);
    memset(s, 0, sizeof *s);
    s->fd = -1;
}

/* Fills s (whose cps is set) from face: the HarfBuzz subset and the streams made from it. */
static int subset_make(hb_face_t *face, pxr_subset *s, const char *what, pxr_error *err)
{
    static const hb_tag_t drop[] = {
        HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'), HB_TAG('E', 'B', 'S', 'C'),
        HB_TAG('B', 'D', 'F', ' '), HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'),
        HB_TAG('G', 'D', 'E', 'F'), HB_TAG('F', 'F', 'T', 'M'), HB_TAG('V', 'O', 'R', 'G'),
        HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('g', 'a', 's', 'p'),
        HB_TAG('D', 'S', 'I', 'G'),
    };
    const char *tmp = getenv("TMPDIR");
    char path[1200];
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_face_t *sub = NULL;
    hb_font_t *subfont = NULL;
    hb_blob_t *blob = NULL;
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    uint16_t *gid_of = calloc(65536, sizeof *gid_of);
    unsigned char *map = malloc(2 * 65536), *cmap = NULL, *proxy = NULL;
    char *tounicode = NULL;
    const char *data;
    size_t cmap_len = 0, proxy_len = 0, tu_len = 0;
    unsigned len;
    int rc = PXR_OK;

    if (!in || !gid_of || !map) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: out of memory subsetting the font", what);
        goto done;
    }
    hb_set_union(hb_subset_input_unicode_set(in), s->cps);
    for (size_t i = 0; i < sizeof drop / sizeof drop[0]; i++)
        hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), drop[i]);
    /* hinting only helps screens at small sizes; the outlines are what a PDF needs */
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    if (!(sub = hb_subset_or_fail(face, in))) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: HarfBuzz could not subset the font", what);
        goto done;
    }
    blob = hb_face_reference_blob(sub);
    data = hb_blob_get_data(blob, &len);
    subfont = hb_font_create(sub);
    while (hb_set_next(s->cps, &cp) && cp < 0xFFFF) {
        hb_codepoint_t gid = 0;
        hb_font_get_nominal_glyph(subfont, cp, &gid);
        gid_of[cp] = (uint16_t)gid;
    }
    for (unsigned c = 0; c < 65536; c++)
        put16(map + 2 * c, gid_of[c]);
    s->font_len = len;
    cmap = proxy_cmap(s->cps, gid_of, &cmap_len);
    proxy = cmap ? proxy_font((const unsigned char *)data, len, cmap, cmap_len, &proxy_len) : NULL;
    tounicode = pxr_pdf_tounicode_cmap(s->cps, &tu_len);
    s->font_z = deflated(data, len, 0, &s->font_z_len);
    s->map_z = deflated(map, 2 * 65536, 1, &s->map_z_len);
    s->tounicode_z = tounicode ? deflated(tounicode, tu_len, 0, &s->tounicode_z_len) : NULL;
    if (len == 0 || !proxy || !s->font_z || !s->map_z || !s->tounicode_z) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: out of memory subsetting the font", what);
        goto done;
    }
    /* libharu reads the proxy by name: an unlinked file reached through its descriptor */
    snprintf(path, sizeof path, "%s/pxr-font.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    s->fd = mkstemp(path);
    if (s->fd >= 0)
        unlink(path);
    if (s->fd < 0 || write(s->fd, proxy, proxy_len) != (ssize_t)proxy_len) {
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: cannot write the font subset: %s", path,
                      strerror(errno));
        goto done;
    }
    snprintf(s->proxy, sizeof s->proxy, "/dev/fd/%d", s->fd);
done:
    if (in)
        hb_subset_input_destroy(in);
    hb_font_destroy(subfont);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    free(gid_of);
    free(map);
    free(cmap);
    free(proxy);
    free(tounicode);
    return rc;
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
    snprintf(what, sizeof what, "%s (face %u)", f->path, f->index);
    if (!hb_set_allocation_successful(s->cps))
        rc = pxr_fail(err, PXR_EINTERNAL, "%s: out of memory subsetting the font", what);
    else
        rc = subset_make(c->face, s, what, err);
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
    for (int i = 0; i < fs->nfaces; i++)
        hb_set_destroy(fs->faces[i].used);
    fs->nfaces = 0;
}
