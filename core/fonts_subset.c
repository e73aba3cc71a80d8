#include "fonts_subset.h"

#include "pdf_tounicode.h"

#include <hb-ot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

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

/*
** The level of what is deflated for each document (its tables, extra glyphs and
** ToUnicode): the fastest, which costs a few hundred bytes against the default and
** saves a twentieth of a batch's time; the base glyphs, deflated once, get the best.
*/
#define DOC_LEVEL Z_BEST_SPEED

/* Deflates data as one zlib stream. */
static unsigned char *deflated(const void *data, size_t len, size_t *out_len)
{
    z_stream z;
    uLong cap = compressBound(len);
    unsigned char *out = malloc(cap);

    memset(&z, 0, sizeof z);
    if (!out || deflateInit2(&z, DOC_LEVEL, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
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

static unsigned get16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* Raw deflate (no zlib header) of data, ending byte-aligned (Z_FULL_FLUSH) or final. */
static unsigned char *raw_deflated(const void *data, size_t len, int level, int flush,
                                   size_t *out_len)
{
    z_stream z;
    unsigned char *out;
    uLong cap;
    int rc;

    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    cap = deflateBound(&z, len) + 64;
    if (!(out = malloc(cap))) {
        deflateEnd(&z);
        return NULL;
    }
    z.next_in = (Bytef *)data, z.avail_in = (uInt)len;
    z.next_out = out, z.avail_out = (uInt)cap;
    rc = deflate(&z, flush);
    if (flush == Z_FINISH ? rc != Z_STREAM_END : rc != Z_OK || z.avail_in != 0) {
        deflateEnd(&z);
        free(out);
        return NULL;
    }
    *out_len = z.total_out;
    deflateEnd(&z);
    return out;
}

static uint32_t checksum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 4 <= len; i += 4)
        sum += get32(p + i);
    if (len % 4) {
        unsigned char last[4] = {0, 0, 0, 0};
        memcpy(last, p + len - len % 4, len % 4);
        sum += get32(last);
    }
    return sum;
}

enum { T_OS2, T_CVT, T_FPGM, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_POST, T_PREP, NTAB };
static const char tags[NTAB][5] = {"OS/2", "cvt ", "fpgm", "glyf", "head", "hhea",
                                   "hmtx", "loca", "maxp", "post", "prep"};

struct pxr_ttf {
    hb_blob_t *blob[NTAB];
    const unsigned char *tab[NTAB];
    unsigned len[NTAB];
    unsigned nglyphs, nhm, long_loca;
    unsigned char name[160]; /* a name table: subfamily and PostScript name */
    size_t name_len;
    char ps[64]; /* the PostScript name, as a PDF name may hold it */
    unsigned upem;
    int bbox[4], ascent, descent, cap_height, italic; /* 1/1000 em */
    /* the base glyphs: ids 0..nbase-1 in every document that uses them */
    unsigned nbase;
    uint16_t *base_of; /* original glyph -> base id + 1, 0 when not in the base */
    uint16_t *base_gid;
    unsigned char *base_glyf, *base_z;
    size_t base_glyf_len, base_z_len;
    uint32_t *base_loca, base_sum;
    uLong base_adler;
};

/* Keeps the characters of a name that may stand in a PDF name object. */
static size_t plain_name(hb_face_t *face, hb_ot_name_id_t id, const char *dflt, char *out,
                         size_t cap)
{
    char buf[128];
    unsigned len = sizeof buf;
    size_t n = 0;
    if (!hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &len, buf))
        snprintf(buf, sizeof buf, "%s", dflt);
    for (const char *p = buf; *p && n + 1 < cap; p++)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_')
            out[n++] = *p;
    if (n == 0)
        n = (size_t)snprintf(out, cap, "%s", dflt);
    out[n] = '\0';
    return n;
}

static int em(const pxr_ttf *t, int v)
{
    return (int)((long)v * 1000 / (long)t->upem);
}

static int sget16(const unsigned char *p)
{
    return (int16_t)get16(p);
}

/* What the FontDescriptor says: head's box, hhea's ascent and descent, OS/2's cap height. */
static void metrics(pxr_ttf *t)
{
    const unsigned char *h = t->tab[T_HEAD], *os2 = t->tab[T_OS2];
    t->upem = get16(h + 18) ? get16(h + 18) : 1000;
    for (int i = 0; i < 4; i++)
        t->bbox[i] = em(t, sget16(h + 36 + 2 * i));
    t->ascent = em(t, sget16(t->tab[T_HHEA] + 4));
    t->descent = em(t, sget16(t->tab[T_HHEA] + 6));
    t->cap_height = t->len[T_OS2] >= 90 && get16(os2) >= 2 ? em(t, sget16(os2 + 88)) : t->ascent;
    if (t->cap_height <= 0)
        t->cap_height = t->ascent;
    t->italic = t->len[T_POST] >= 8 ? sget16(t->tab[T_POST] + 4) : 0;
}

pxr_ttf *pxr_ttf_open(hb_face_t *face)
{
    pxr_ttf *t = calloc(1, sizeof *t);
    char ps[64], style[64];
    size_t nps, nstyle;
    unsigned char *nm;

    if (!t)
        return NULL;
    for (int i = 0; i < NTAB; i++) {
        t->blob[i] =
            hb_face_reference_table(face, HB_TAG(tags[i][0], tags[i][1], tags[i][2], tags[i][3]));
        t->tab[i] = (const unsigned char *)hb_blob_get_data(t->blob[i], &t->len[i]);
    }
    if (t->len[T_GLYF] == 0 || t->len[T_LOCA] == 0 || t->len[T_HEAD] < 54 || t->len[T_HHEA] < 36 ||
        t->len[T_MAXP] < 6 || t->len[T_HMTX] < 4) {
        for (int i = 0; i < NTAB; i++)
            hb_blob_destroy(t->blob[i]);
        free(t);
        return NULL;
    }
    t->nglyphs = get16(t->tab[T_MAXP] + 4);
    t->nhm = get16(t->tab[T_HHEA] + 34);
    if (t->nhm == 0 || 4 * t->nhm > t->len[T_HMTX])
        t->nhm = t->len[T_HMTX] / 4 ? t->len[T_HMTX] / 4 : 1;
    t->long_loca = get16(t->tab[T_HEAD] + 50) != 0;
    nps = plain_name(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, "pxr", ps, sizeof ps);
    memcpy(t->ps, ps, nps + 1);
    metrics(t);
    nstyle = plain_name(face, HB_OT_NAME_ID_FONT_SUBFAMILY, "Regular", style, sizeof style);
    /* format 0, two Macintosh Roman records: 2 (subfamily) and 6 (PostScript name) */
    nm = t->name;
    put16(nm, 0), put16(nm + 2, 2), put16(nm + 4, 6 + 2 * 12);
    put16(nm + 6, 1), put16(nm + 8, 0), put16(nm + 10, 0), put16(nm + 12, 2);
    put16(nm + 14, (unsigned)nstyle), put16(nm + 16, 0);
    put16(nm + 18, 1), put16(nm + 20, 0), put16(nm + 22, 0), put16(nm + 24, 6);
    put16(nm + 26, (unsigned)nps), put16(nm + 28, (unsigned)nstyle);
    memcpy(nm + 30, style, nstyle);
    memcpy(nm + 30 + nstyle, ps, nps);
    t->name_len = 30 + nstyle + nps;
    return t;
}

/* The bytes of original glyph gid; 0 when it has none or the tables are broken. */
static int glyph_span(const pxr_ttf *t, unsigned gid, uint32_t *off, uint32_t *len)
{
    const unsigned char *l = t->tab[T_LOCA];
    uint32_t a, b;
    if (gid >= t->nglyphs)
        return 0;
    if (t->long_loca) {
        if (4 * ((size_t)gid + 2) > t->len[T_LOCA])
            return 0;
        a = get32(l + 4 * gid), b = get32(l + 4 * gid + 4);
    } else {
        if (2 * ((size_t)gid + 2) > t->len[T_LOCA])
            return 0;
        a = 2 * get16(l + 2 * gid), b = 2 * get16(l + 2 * gid + 2);
    }
    if (b < a || b > t->len[T_GLYF])
        return 0;
    *off = a, *len = b - a;
    return 1;
}

#define MAX_COMPONENTS 64

/* Offsets of the glyph index of each component of glyph g (n bytes); -1 when malformed. */
static int components(const unsigned char *g, uint32_t n, uint32_t *at)
{
    uint32_t p = 10;
    unsigned flags;
    int k = 0;

    if (n < 10 || !(g[0] & 0x80)) /* numberOfContours >= 0: a simple glyph */
        return 0;
    do {
        if (p + 4 > n || k == MAX_COMPONENTS)
            return -1;
        flags = get16(g + p);
        at[k++] = p + 2;
        p += 4 + ((flags & 1) ? 4 : 2);
        p += (flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;
    } while (flags & 0x20);
    return p <= n ? k : -1;
}

/* Marks gid and, for a composite, its components (the glyphs it is drawn from). */
static void mark(const pxr_ttf *t, unsigned char *used, unsigned gid, int depth)
{
    uint32_t off, len, at[MAX_COMPONENTS];
    int k;
    if (gid >= t->nglyphs || used[gid])
        return;
    used[gid] = 1;
    if (depth > 8 || !glyph_span(t, gid, &off, &len))
        return;
    k = components(t->tab[T_GLYF] + off, len, at);
    for (int i = 0; i < k; i++)
        mark(t, used, get16(t->tab[T_GLYF] + off + at[i]), depth + 1);
}

/*
** Appends original glyph gid to out (4-aligned), its components renumbered with
** new_id; a glyph that cannot be read becomes empty.  Returns its padded length.
*/
static size_t put_glyph(const pxr_ttf *t, unsigned gid, const uint16_t *new_id, unsigned char *out)
{
    uint32_t off, len, at[MAX_COMPONENTS];
    int k;
    if (!glyph_span(t, gid, &off, &len))
        return 0;
    k = components(t->tab[T_GLYF] + off, len, at);
    if (k < 0)
        return 0;
    memcpy(out, t->tab[T_GLYF] + off, len);
    for (int i = 0; i < k; i++)
        put16(out + at[i], new_id[get16(out + at[i]) < t->nglyphs ? get16(out + at[i]) : 0]);
    while (len % 4)
        out[len++] = 0;
    return len;
}

static size_t glyph_room(const pxr_ttf *t, unsigned gid)
{
    uint32_t off, len;
    return glyph_span(t, gid, &off, &len) ? len + 3 : 0;
}

/* Makes the base from the glyphs marked in used (the first document's). */
static int make_base(pxr_ttf *t, const unsigned char *used)
{
    uint16_t *new_id = calloc(t->nglyphs, sizeof *new_id);
    size_t room = 0;
    unsigned n = 0;

    t->base_of = calloc(t->nglyphs, sizeof *t->base_of);
    t->base_gid = calloc(t->nglyphs, sizeof *t->base_gid);
    if (!new_id || !t->base_of || !t->base_gid)
        goto fail;
    for (unsigned g = 0; g < t->nglyphs; g++)
        if (used[g]) {
            new_id[g] = (uint16_t)n, t->base_of[g] = (uint16_t)(n + 1),
            t->base_gid[n++] = (uint16_t)g;
            room += glyph_room(t, g);
        }
    t->base_loca = malloc((n + 1) * sizeof *t->base_loca);
    t->base_glyf = malloc(room + 1);
    if (!t->base_loca || !t->base_glyf)
        goto fail;
    for (unsigned i = 0; i < n; i++) {
        t->base_loca[i] = (uint32_t)t->base_glyf_len;
        t->base_glyf_len += put_glyph(t, t->base_gid[i], new_id, t->base_glyf + t->base_glyf_len);
    }
    t->base_loca[n] = (uint32_t)t->base_glyf_len;
    t->base_sum = checksum(t->base_glyf, t->base_glyf_len);
    t->base_adler = adler32(1, t->base_glyf, (uInt)t->base_glyf_len);
    /* deflated once for the whole run: worth the best level */
    t->base_z = raw_deflated(t->base_glyf, t->base_glyf_len, Z_BEST_COMPRESSION, Z_FULL_FLUSH,
                             &t->base_z_len);
    if (!t->base_z)
        goto fail;
    t->nbase = n;
    free(new_id);
    return 1;
fail:
    free(new_id);
    free(t->base_of), free(t->base_gid), free(t->base_loca), free(t->base_glyf);
    t->base_of = t->base_gid = NULL, t->base_loca = NULL, t->base_glyf = NULL;
    t->base_glyf_len = 0;
    return 0;
}

/*
** The font file up to its glyf table (header, directory, every other table), with
** cmap as given and fixed = head, hhea, hmtx, loca, maxp, post; the glyf data
** (glyf_len bytes, checksum glyf_sum) follows it.
*/
static unsigned char *font_prefix(const pxr_ttf *t, const unsigned char *cmap, size_t cmap_len,
                                  const unsigned char *const fixed[6], unsigned n, size_t glyf_len,
                                  uint32_t glyf_sum, size_t *plen_out)
{
    static const char order[13][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                      "hmtx", "loca", "maxp", "name", "post", "prep"};
    const unsigned char *data[13] = {
        t->tab[T_OS2], cmap,     t->tab[T_CVT], t->tab[T_FPGM], NULL,     fixed[0],      fixed[1],
        fixed[2],      fixed[3], fixed[4],      t->name,        fixed[5], t->tab[T_PREP]};
    size_t len[13] = {t->len[T_OS2],
                      cmap_len,
                      t->len[T_CVT],
                      t->len[T_FPGM],
                      0,
                      54,
                      36,
                      4 * (size_t)n,
                      4 * ((size_t)n + 1),
                      32,
                      t->name_len,
                      32,
                      t->len[T_PREP]};
    size_t off, plen = 12;
    unsigned pow2 = 1, log2 = 0, ntab = 0, glyf_rec = 0;
    unsigned char *prefix;

    for (int i = 0; i < 13; i++)
        if (i == 4 || len[i] > 0)
            ntab++, plen += 16 + ((len[i] + 3) & ~(size_t)3);
    if (!(prefix = calloc(1, plen)))
        return NULL;
    while (pow2 * 2 <= ntab)
        pow2 *= 2, log2++;
    put32(prefix, 0x00010000), put16(prefix + 4, ntab), put16(prefix + 6, 16 * pow2);
    put16(prefix + 8, log2), put16(prefix + 10, 16 * (ntab - pow2));
    off = 12 + 16 * (size_t)ntab;
    ntab = 0;
    for (int i = 0; i < 13; i++) {
        unsigned char *r;
        if (i != 4 && len[i] == 0)
            continue;
        r = prefix + 12 + 16 * ntab++;
        memcpy(r, order[i], 4);
        if (i == 4) {
            glyf_rec = ntab - 1;
            continue;
        }
        memcpy(prefix + off, data[i], len[i]);
        put32(r + 4, checksum(data[i], len[i])), put32(r + 8, (uint32_t)off);
        put32(r + 12, (uint32_t)len[i]);
        off += (len[i] + 3) & ~(size_t)3;
    }
    put32(prefix + 12 + 16 * glyf_rec + 4, glyf_sum);
    put32(prefix + 12 + 16 * glyf_rec + 8, (uint32_t)plen);
    put32(prefix + 12 + 16 * glyf_rec + 12, (uint32_t)glyf_len);
    *plen_out = plen;
    return prefix;
}

typedef struct cid_cp {
    uint16_t gid;
    uint32_t cp;
} cid_cp;

static int cmp_cid(const void *a, const void *b)
{
    const cid_cp *x = a, *y = b;
    return (x->gid > y->gid) - (x->gid < y->gid);
}

/* A subset tag of six capitals, the same for the same code points (PDF 9.6.4). */
static void subset_name(const pxr_ttf *t, const pxr_subset *s, char *out, size_t cap)
{
    uint32_t h = 2166136261u;
    char tag[7];
    for (unsigned i = 0; i < s->n; i++)
        h = (h ^ s->cp[i]) * 16777619u;
    for (int i = 0; i < 6; i++, h /= 26)
        tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
    snprintf(out, cap, "%s+%s", tag, t->ps);
}

static int cmp_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return (x > y) - (x < y);
}

/*
** The widths of the glyphs drawn (adv by CID): the commonest is /DW, the others go
** to /W.  Returns 0 when out of memory.
*/
static int widths(pxr_subset *s, const uint16_t *adv)
{
    uint16_t *ws = malloc((s->n + 1) * sizeof *ws), *cids = malloc((s->n + 1) * sizeof *cids);
    unsigned best = 0, nbest = 0;

    s->w_gid = malloc((s->n + 1) * sizeof *s->w_gid);
    s->w = malloc((s->n + 1) * sizeof *s->w);
    if (!ws || !cids || !s->w_gid || !s->w) {
        free(ws), free(cids);
        return 0;
    }
    for (unsigned i = 0; i < s->n; i++)
        ws[i] = adv[s->gid[i]], cids[i] = s->gid[i];
    qsort(ws, s->n, sizeof *ws, cmp_u16);
    for (unsigned i = 0, j; i < s->n; i = j) {
        for (j = i; j < s->n && ws[j] == ws[i]; j++)
            ;
        if (j - i > nbest)
            nbest = j - i, best = ws[i];
    }
    s->dw = (int)best;
    qsort(cids, s->n, sizeof *cids, cmp_u16);
    s->nw = 0;
    for (unsigned i = 0; i < s->n; i++)
        if (adv[cids[i]] != best && (i == 0 || cids[i] != cids[i - 1]))
            s->w_gid[s->nw] = cids[i], s->w[s->nw++] = adv[cids[i]];
    free(ws), free(cids);
    return 1;
}

int pxr_ttf_subset(pxr_ttf *t, hb_font_t *font, pxr_subset *s, const char *what, pxr_error *err)
{
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    unsigned pop = hb_set_get_population(s->cps);
    unsigned char *used = calloc(t->nglyphs + 1, 1), *claimed = calloc(t->nglyphs + 1, 1);
    uint16_t *og = calloc(pop + 1, sizeof *og), *new_id = calloc(t->nglyphs + 1, 2);
    /* a glyph may be emitted twice (two code points drawn with one glyph): up to pop more */
    uint16_t *orig_of = calloc((size_t)t->nglyphs + pop + 1, 2);
    uint16_t *adv = NULL;
    cid_cp *tu_pairs = NULL;
    unsigned char *prefix = NULL, *extras = NULL, *hmtx = NULL, *loca = NULL;
    unsigned char *z1 = NULL, *z3 = NULL;
    char *tounicode = NULL;
    size_t tu_len = 0, extras_len = 0, room = 0, plen = 0, z1_len = 0;
    size_t z3_len = 0;
    unsigned inbase = 0, n = 0, nb = 0;
    unsigned char head[54], hhea[36], maxp[32], post[32];
    int use_base, rc = PXR_OK;
    uLong adler;

    s->cp = malloc((pop + 1) * sizeof *s->cp);
    s->gid = malloc((pop + 1) * sizeof *s->gid);
    if (!used || !claimed || !og || !new_id || !orig_of || !s->cp || !s->gid)
        goto oom;
    used[0] = 1;
    s->n = 0;
    while (hb_set_next(s->cps, &cp) && cp < 0xFFFF) {
        hb_codepoint_t g = 0;
        hb_font_get_nominal_glyph(font, cp, &g);
        if (g >= t->nglyphs)
            g = 0;
        s->cp[s->n] = cp, og[s->n++] = (uint16_t)g;
        mark(t, used, g, 0);
    }
    if (!t->base_glyf && !make_base(t, used))
        goto oom;
    for (unsigned i = 0; i < t->nbase; i++)
        inbase += used[t->base_gid[i]];
    /* a document drawing few of the base glyphs would carry the others for nothing */
    use_base = 4 * inbase >= 3 * t->nbase;
    if (use_base)
        for (nb = 0; nb < t->nbase; nb++)
            new_id[t->base_gid[nb]] = (uint16_t)nb, orig_of[nb] = t->base_gid[nb];
    n = nb;
    for (unsigned g = 0; g < t->nglyphs; g++)
        if (used[g] && !(use_base && t->base_of[g])) {
            new_id[g] = (uint16_t)n, orig_of[n++] = (uint16_t)g;
            room += glyph_room(t, g);
        }
    /* the CID of each code point; a second code point of one glyph gets a copy of it */
    for (unsigned i = 0; i < s->n; i++) {
        if (!claimed[og[i]]) {
            claimed[og[i]] = 1;
            s->gid[i] = new_id[og[i]];
        } else if (n < 0xFFFF) {
            s->gid[i] = (uint16_t)n, orig_of[n++] = og[i];
            room += glyph_room(t, og[i]);
        } else {
            s->gid[i] = 0;
        }
    }
    /* the extra glyphs, then loca and hmtx over base and extras */
    extras = malloc(room + 1);
    loca = malloc(4 * ((size_t)n + 1));
    hmtx = malloc(4 * (size_t)n);
    adv = malloc(2 * (size_t)n);
    if (!extras || !loca || !hmtx || !adv)
        goto oom;
    for (unsigned i = 0; i < n; i++) {
        unsigned g = orig_of[i];
        const unsigned char *h = t->tab[T_HMTX];
        unsigned a = get16(h + 4 * (g < t->nhm ? g : t->nhm - 1)), lsb = 0;
        if (g < t->nhm)
            lsb = get16(h + 4 * g + 2);
        else if (4 * t->nhm + 2 * (size_t)(g - t->nhm) + 2 <= t->len[T_HMTX])
            lsb = get16(h + 4 * t->nhm + 2 * (g - t->nhm));
        put16(hmtx + 4 * i, a), put16(hmtx + 4 * i + 2, lsb);
        /* as pxr_fonts_advance measures it: truncated to 1/1000 em */
        adv[i] = (uint16_t)((unsigned long)a * 1000 / t->upem);
        if (i < nb) {
            put32(loca + 4 * i, t->base_loca[i]);
        } else {
            put32(loca + 4 * i, (uint32_t)((use_base ? t->base_glyf_len : 0) + extras_len));
            extras_len += put_glyph(t, g, new_id, extras + extras_len);
        }
    }
    put32(loca + 4 * n, (uint32_t)((use_base ? t->base_glyf_len : 0) + extras_len));
    if (!widths(s, adv))
        goto oom;
    memcpy(head, t->tab[T_HEAD], 54);
    put32(head + 8, 0), put16(head + 50, 1); /* no checksum adjustment; long loca */
    memcpy(hhea, t->tab[T_HHEA], 36);
    put16(hhea + 34, n);
    memset(maxp, 0, sizeof maxp);
    memcpy(maxp, t->tab[T_MAXP], t->len[T_MAXP] < 32 ? t->len[T_MAXP] : 32);
    put16(maxp + 4, n);
    memset(post, 0, sizeof post);
    memcpy(post, t->tab[T_POST], t->len[T_POST] < 32 ? t->len[T_POST] : 32);
    put32(post, 0x00030000); /* no glyph names */
    {
        const unsigned char *fixed[6] = {head, hhea, hmtx, loca, maxp, post};
        size_t glyf_len = (use_base ? t->base_glyf_len : 0) + extras_len;
        uint32_t glyf_sum = (use_base ? t->base_sum : 0) + checksum(extras, extras_len);

        /* no cmap: a CIDFontType2 with an Identity CIDToGIDMap draws by glyph id */
        if (!(prefix = font_prefix(t, NULL, 0, fixed, n, glyf_len, glyf_sum, &plen)))
            goto oom;
        s->font_len = (unsigned)(plen + glyf_len);
    }
    /* one zlib stream from three deflated parts: this document's tables, the base, its glyphs */
    z1 = raw_deflated(prefix, plen, DOC_LEVEL, Z_FULL_FLUSH, &z1_len);
    z3 = raw_deflated(extras, extras_len, DOC_LEVEL, Z_FINISH, &z3_len);
    if (!z1 || !z3)
        goto oom;
    adler = adler32(1, prefix, (uInt)plen);
    if (use_base)
        adler = adler32_combine(adler, t->base_adler, (z_off_t)t->base_glyf_len);
    adler = adler32_combine(adler, adler32(1, extras, (uInt)extras_len), (z_off_t)extras_len);
    s->font_z_len = 2 + z1_len + (use_base ? t->base_z_len : 0) + z3_len + 4;
    if (!(s->font_z = malloc(s->font_z_len)))
        goto oom;
    s->font_z[0] = 0x78, s->font_z[1] = 0x9C;
    memcpy(s->font_z + 2, z1, z1_len);
    if (use_base)
        memcpy(s->font_z + 2 + z1_len, t->base_z, t->base_z_len);
    memcpy(s->font_z + s->font_z_len - 4 - z3_len, z3, z3_len);
    put32(s->font_z + s->font_z_len - 4, (uint32_t)adler);
    /* ToUnicode: CID -> code point, in CID order */
    if (!(tu_pairs = malloc((s->n + 1) * sizeof *tu_pairs)))
        goto oom;
    for (unsigned i = 0; i < s->n; i++)
        tu_pairs[i].gid = s->gid[i], tu_pairs[i].cp = s->cp[i];
    qsort(tu_pairs, s->n, sizeof *tu_pairs, cmp_cid);
    {
        uint32_t *cids = malloc((s->n + 1) * sizeof *cids), *cps = malloc((s->n + 1) * sizeof *cps);
        if (cids && cps) {
            for (unsigned i = 0; i < s->n; i++)
                cids[i] = tu_pairs[i].gid, cps[i] = tu_pairs[i].cp;
            tounicode = pxr_pdf_tounicode_cmap(cids, cps, s->n, &tu_len);
        }
        free(cids), free(cps);
    }
    s->tounicode_z = tounicode ? deflated(tounicode, tu_len, &s->tounicode_z_len) : NULL;
    if (!s->tounicode_z)
        goto oom;
    s->ascent = t->ascent, s->descent = t->descent, s->cap_height = t->cap_height;
    s->italic = t->italic;
    memcpy(s->bbox, t->bbox, sizeof s->bbox);
    subset_name(t, s, s->name, sizeof s->name);
    goto done;
oom:
    rc = pxr_fail(err, PXR_EINTERNAL, "%s: out of memory subsetting the font", what);
done:
    free(used), free(claimed), free(og), free(new_id), free(orig_of), free(adv), free(tu_pairs);
    free(prefix), free(extras), free(hmtx), free(loca), free(z1), free(z3), free(tounicode);
    return rc;
}
