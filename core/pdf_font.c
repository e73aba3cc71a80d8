#include "pdf_font.h"

#include "digits.h"
#include "linebreak.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Streams whose data pxr deflated itself: libharu writes them as they are, this says how. */
static HPDF_STATUS say_flate(HPDF_Dict obj, HPDF_Stream stream)
{
    (void)obj;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/*
** A stream read straight from a subset's cached bytes: a libharu memory stream would
** copy them in and out again a byte at a time (a font is 40-80 KB a document).
*/
typedef struct span {
    const unsigned char *p;
    size_t len, pos;
} span;

static HPDF_STATUS span_read(HPDF_Stream st, HPDF_BYTE *out, HPDF_UINT *size)
{
    span *s = st->attr;
    size_t n = s->len - s->pos < *size ? s->len - s->pos : *size;
    memcpy(out, s->p + s->pos, n);
    s->pos += n;
    *size = (HPDF_UINT)n;
    return s->pos == s->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS span_seek(HPDF_Stream st, HPDF_INT pos, HPDF_WhenceMode mode)
{
    span *s = st->attr;
    long at = mode == HPDF_SEEK_CUR   ? (long)s->pos + pos
              : mode == HPDF_SEEK_END ? (long)s->len - pos
                                      : pos;
    if (at < 0 || (size_t)at > s->len)
        return HPDF_SetError(st->error, HPDF_STREAM_EOF, 0);
    s->pos = (size_t)at;
    return HPDF_OK;
}

static HPDF_INT32 span_tell(HPDF_Stream st)
{
    return (HPDF_INT32)((span *)st->attr)->pos;
}

static HPDF_UINT32 span_size(HPDF_Stream st)
{
    return (HPDF_UINT32)((span *)st->attr)->len;
}

static void span_free(HPDF_Stream st)
{
    free(st->attr);
    st->attr = NULL;
}

/* A new stream object holding z (already deflated, and kept by the caller until saved). */
static HPDF_Dict deflated_stream(HPDF_Doc pdf, const unsigned char *z, size_t len)
{
    HPDF_Dict d = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    span *s = malloc(sizeof *s);
    HPDF_Stream st;

    if (!d || !s) {
        free(s);
        return NULL;
    }
    s->p = z, s->len = len, s->pos = 0;
    if (!(st = HPDF_CallbackReader_New(pdf->mmgr, span_read, span_seek, span_tell, span_size, s))) {
        free(s);
        return NULL;
    }
    st->free_fn = span_free;
    HPDF_Stream_Free(d->stream);
    d->stream = st;
    d->filter = HPDF_STREAM_FILTER_NONE;
    d->write_fn = say_flate;
    return d;
}

static HPDF_Dict indirect_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    return d && HPDF_Xref_Add(pdf->xref, d) == HPDF_OK ? d : NULL;
}

static HPDF_Dict descriptor(HPDF_Doc pdf, const pxr_subset *sub)
{
    HPDF_Dict d = indirect_dict(pdf), file = deflated_stream(pdf, sub->font_z, sub->font_z_len);
    HPDF_Array box = HPDF_Array_New(pdf->mmgr);
    HPDF_STATUS st = HPDF_OK;

    if (!d || !file || !box)
        return NULL;
    st |= HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)sub->font_len);
    for (int i = 0; i < 4; i++)
        st |= HPDF_Array_AddNumber(box, sub->bbox[i]);
    st |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    st |= HPDF_Dict_AddName(d, "FontName", sub->name);
    st |= HPDF_Dict_AddNumber(d, "Flags", 4); /* symbolic: glyphs outside the Latin set */
    st |= HPDF_Dict_Add(d, "FontBBox", box);
    st |= HPDF_Dict_AddNumber(d, "ItalicAngle", sub->italic);
    st |= HPDF_Dict_AddNumber(d, "Ascent", sub->ascent);
    st |= HPDF_Dict_AddNumber(d, "Descent", sub->descent);
    st |= HPDF_Dict_AddNumber(d, "CapHeight", sub->cap_height);
    st |= HPDF_Dict_AddNumber(d, "StemV", 80);
    st |= HPDF_Dict_Add(d, "FontFile2", file);
    return st == HPDF_OK ? d : NULL;
}

/* /W: "c [w1 w2 ...]" for each run of consecutive CIDs whose width is not /DW. */
static HPDF_Array width_array(HPDF_Doc pdf, const pxr_subset *sub)
{
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    HPDF_STATUS st = HPDF_OK;

    if (!w)
        return NULL;
    for (unsigned i = 0, j; i < sub->nw; i = j) {
        HPDF_Array run = HPDF_Array_New(pdf->mmgr);
        if (!run)
            return NULL;
        for (j = i; j < sub->nw && sub->w_gid[j] == sub->w_gid[i] + (j - i); j++)
            st |= HPDF_Array_AddNumber(run, sub->w[j]);
        st |= HPDF_Array_AddNumber(w, sub->w_gid[i]);
        st |= HPDF_Array_Add(w, run);
    }
    return st == HPDF_OK ? w : NULL;
}

HPDF_Dict pxr_pdf_font_add(HPDF_Doc pdf, const pxr_subset *sub)
{
    HPDF_Dict font = indirect_dict(pdf), cid = indirect_dict(pdf), fd = descriptor(pdf, sub);
    HPDF_Dict info = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict tu = deflated_stream(pdf, sub->tounicode_z, sub->tounicode_z_len);
    HPDF_Array desc = HPDF_Array_New(pdf->mmgr), w = width_array(pdf, sub);
    HPDF_STATUS st = HPDF_OK;

    if (!font || !cid || !fd || !info || !tu || !desc || !w)
        return NULL;
    st |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
    st |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
    st |= HPDF_Dict_AddNumber(info, "Supplement", 0);
    st |= HPDF_Dict_AddName(cid, "Type", "Font");
    st |= HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    st |= HPDF_Dict_AddName(cid, "BaseFont", sub->name);
    st |= HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    st |= HPDF_Dict_Add(cid, "FontDescriptor", fd);
    st |= HPDF_Dict_AddNumber(cid, "DW", sub->dw);
    if (sub->nw)
        st |= HPDF_Dict_Add(cid, "W", w);
    else
        HPDF_Array_Free(w);
    st |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");
    st |= HPDF_Array_Add(desc, cid);
    st |= HPDF_Dict_AddName(font, "Type", "Font");
    st |= HPDF_Dict_AddName(font, "Subtype", "Type0");
    st |= HPDF_Dict_AddName(font, "BaseFont", sub->name);
    st |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    st |= HPDF_Dict_Add(font, "DescendantFonts", desc);
    st |= HPDF_Dict_Add(font, "ToUnicode", tu);
    return st == HPDF_OK ? font : NULL;
}

static HPDF_Stream content(HPDF_Page page)
{
    return ((HPDF_PageAttr)page->attr)->stream;
}

/*
** A number as PDF content wants it: at most 3 decimals, no trailing zeros.  Digits
** written by hand: snprintf took 7% of drawing a report (two numbers per glyph run
** and per rule).
*/
static size_t num(char *out, size_t cap, double v)
{
    long m = (long)(v * 1000 + (v < 0 ? -0.5 : 0.5));
    unsigned long a = m < 0 ? 0UL - (unsigned long)m : (unsigned long)m, ip = a / 1000,
                  f = a % 1000;
    char tmp[32];
    size_t k = 0;

    if (m < 0)
        tmp[k++] = '-';
    k += pxr_digits(tmp + k, ip);
    if (f) {
        int digits = 3;
        while (f % 10 == 0)
            f /= 10, digits--;
        tmp[k++] = '.';
        for (int i = digits - 1; i >= 0; i--, f /= 10)
            tmp[k + (size_t)i] = (char)('0' + f % 10);
        k += (size_t)digits;
    }
    return pxr_put_cut(out, cap, tmp, k);
}

/* " OP\n" at out (op a short operator such as "Td"; cut to what cap holds). */
static size_t op_line(char *out, size_t cap, const char *op)
{
    size_t n = strlen(op);
    if (cap < 4)
        return 0;
    if (n > cap - 3)
        n = cap - 3;
    out[0] = ' ';
    memcpy(out + 1, op, n);
    out[n + 1] = '\012';
    out[n + 2] = '\0';
    return n + 2;
}

HPDF_STATUS pxr_pdf_font_show(HPDF_Page page, const pxr_subset *sub, const char *text,
                              const char *op)
{
    static const char hex[] = "0123456789ABCDEF";
    char buf[512];
    size_t k = 0, len = strlen(text), i = 0;
    HPDF_Stream out = content(page);
    HPDF_STATUS st = HPDF_OK;

    buf[k++] = '<';
    while (i < len) {
        uint32_t cp;
        unsigned cid;
        i += pxr_utf8_decode(text + i, len - i, &cp);
        cid = pxr_subset_cid(sub, cp);
        buf[k++] = hex[cid >> 12 & 15], buf[k++] = hex[cid >> 8 & 15];
        buf[k++] = hex[cid >> 4 & 15], buf[k++] = hex[cid & 15];
        if (k > sizeof buf - 8) {
            st |= HPDF_Stream_Write(out, (const HPDF_BYTE *)buf, (HPDF_UINT)k);
            k = 0;
        }
    }
    buf[k++] = '>';
    k += op_line(buf + k, sizeof buf - k, op);
    st |= HPDF_Stream_Write(out, (const HPDF_BYTE *)buf, (HPDF_UINT)k);
    return st;
}

HPDF_STATUS pxr_pdf_font_select(HPDF_Page page, HPDF_Dict font, double size)
{
    const char *name = HPDF_Page_GetLocalFontName(page, font);
    char buf[128];
    size_t k;
    if (!name)
        return HPDF_FAILD_TO_ALLOC_MEM;
    k = (size_t)snprintf(buf, sizeof buf, "/%s ", name);
    k += num(buf + k, sizeof buf - k, size);
    k += (size_t)snprintf(buf + k, sizeof buf - k, " Tf\012");
    return HPDF_Stream_Write(content(page), (const HPDF_BYTE *)buf, (HPDF_UINT)k);
}

HPDF_STATUS pxr_pdf_font_op2(HPDF_Page page, double x, double y, const char *op)
{
    char buf[96];
    size_t k = num(buf, sizeof buf, x);
    buf[k++] = ' ';
    k += num(buf + k, sizeof buf - k, y);
    k += op_line(buf + k, sizeof buf - k, op);
    return HPDF_Stream_Write(content(page), (const HPDF_BYTE *)buf, (HPDF_UINT)k);
}
