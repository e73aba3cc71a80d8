#include "pdf_tounicode.h"

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char cmap_head[] = "/CIDInit /ProcSet findresource begin\n"
                                "12 dict begin\n"
                                "begincmap\n"
                                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                                ">> def\n"
                                "/CMapName /Adobe-Identity-UCS def\n"
                                "/CMapType 2 def\n"
                                "1 begincodespacerange\n"
                                "<0000> <FFFF>\n"
                                "endcodespacerange\n";

static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\n"
                                "end\n";

typedef struct range {
    unsigned lo, hi;
} range;

/* Collects runs of consecutive code points that share the high byte (a bfrange rule). */
static unsigned collect(const hb_set_t *used, range *out, unsigned cap)
{
    hb_codepoint_t cp = HB_SET_VALUE_INVALID;
    unsigned n = 0;
    while (hb_set_next(used, &cp)) {
        if (cp > 0xFFFF)
            break;
        if (n && out[n - 1].hi + 1 == cp && (out[n - 1].lo >> 8) == (cp >> 8)) {
            out[n - 1].hi = cp;
        } else if (n < cap) {
            out[n].lo = out[n].hi = cp;
            n++;
        }
    }
    return n;
}

char *pxr_pdf_tounicode_cmap(const hb_set_t *used, size_t *len)
{
    range *ranges = malloc(65536 * sizeof *ranges);
    unsigned n = ranges ? collect(used, ranges, 65536) : 0;
    /* a bfrange line is 22 bytes, a block header and trailer fewer than 40 */
    size_t cap = sizeof cmap_head + sizeof cmap_tail + 22 * (size_t)n + 40 * (n / 100 + 1), k;
    char *out = ranges ? malloc(cap) : NULL;

    if (!out) {
        free(ranges);
        return NULL;
    }
    k = (size_t)snprintf(out, cap, "%s", cmap_head);
    for (unsigned i = 0; i < n; i++) {
        if (i % 100 == 0)
            k += (size_t)snprintf(out + k, cap - k, "%u beginbfrange\n", n - i < 100 ? n - i : 100);
        k += (size_t)snprintf(out + k, cap - k, "<%04X> <%04X> <%04X>\n", ranges[i].lo,
                              ranges[i].hi, ranges[i].lo);
        if (i % 100 == 99 || i + 1 == n)
            k += (size_t)snprintf(out + k, cap - k, "endbfrange\n");
    }
    k += (size_t)snprintf(out + k, cap - k, "%s", cmap_tail);
    free(ranges);
    *len = k;
    return out;
}

/* Streams whose data pxr deflated itself: libharu writes them as they are, this says how. */
static HPDF_STATUS say_flate(HPDF_Dict obj, HPDF_Stream stream)
{
    (void)obj;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Replaces the data of stream dict d with z (already deflated). */
static HPDF_STATUS put_deflated(HPDF_Dict d, const unsigned char *z, size_t len)
{
    HPDF_MemStream_FreeData(d->stream);
    d->filter = HPDF_STREAM_FILTER_NONE;
    d->write_fn = say_flate;
    return HPDF_Stream_Write(d->stream, z, (HPDF_UINT)len);
}

/* The FontDescriptor libharu would make (hpdf_font_cid.c), with sub's FontFile2. */
static HPDF_Dict descriptor(HPDF_Doc pdf, HPDF_FontDef def, const pxr_subset *sub)
{
    HPDF_TTFontDefAttr attr = def->attr;
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr), file;
    HPDF_STATUS st = HPDF_OK;

    if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK ||
        !(file = HPDF_DictStream_New(pdf->mmgr, pdf->xref)))
        return NULL;
    st |= put_deflated(file, sub->font_z, sub->font_z_len);
    st |= HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)sub->font_len);
    st |= HPDF_Dict_AddNumber(file, "Length2", 0);
    st |= HPDF_Dict_AddNumber(file, "Length3", 0);
    st |= HPDF_Dict_Add(d, "FontFile2", file);
    st |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
    st |= HPDF_Dict_AddNumber(d, "Ascent", def->ascent);
    st |= HPDF_Dict_AddNumber(d, "Descent", def->descent);
    st |= HPDF_Dict_AddNumber(d, "Flags", (HPDF_INT32)def->flags);
    st |= HPDF_Dict_Add(d, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, def->font_bbox));
    st |= HPDF_Dict_AddName(d, "FontName", attr->base_font);
    st |= HPDF_Dict_AddNumber(d, "ItalicAngle", def->italic_angle);
    st |= HPDF_Dict_AddNumber(d, "StemV", def->stemv);
    st |= HPDF_Dict_AddNumber(d, "XHeight", def->x_height);
    return st == HPDF_OK ? d : NULL;
}

int pxr_pdf_font_streams(HPDF_Doc pdf, HPDF_Font font, const pxr_subset *sub, pxr_error *err)
{
    HPDF_FontAttr fa = font->attr;
    HPDF_Dict cmap = fa->cmap_stream, map = fa->map_stream;
    HPDF_STATUS st = HPDF_OK;

    if (!cmap || !cmap->stream || !map || !map->stream || fa->fontdef->descriptor)
        return pxr_fail(err, PXR_EINTERNAL,
                        "libharu: the font has no ToUnicode or CIDToGIDMap stream to replace");
    /* keys of libharu's encoding CMap that do not belong in a ToUnicode stream */
    HPDF_Dict_RemoveElement(cmap, "Type");
    HPDF_Dict_RemoveElement(cmap, "CMapName");
    HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(cmap, "WMode");
    /* libharu copies the font's filter into these streams when it writes the font */
    font->filter = HPDF_STREAM_FILTER_NONE;
    st |= put_deflated(cmap, sub->tounicode_z, sub->tounicode_z_len);
    st |= put_deflated(map, sub->map_z, sub->map_z_len);
    if (st != HPDF_OK || !(fa->fontdef->descriptor = descriptor(pdf, fa->fontdef, sub)))
        return pxr_fail(err, PXR_EINTERNAL, "libharu: cannot write the font's streams");
    return PXR_OK;
}
