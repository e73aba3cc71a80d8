#include "pdf_tounicode.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>

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

int pxr_pdf_tounicode_fix(HPDF_Doc pdf, HPDF_Font font, const hb_set_t *used, pxr_error *err)
{
    range *ranges;
    HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    HPDF_STATUS st = HPDF_OK;
    unsigned n, i;
    char line[64];

    if (!cmap) {
        cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
        if (!cmap || HPDF_Dict_Add(font, "ToUnicode", cmap) != HPDF_OK)
            return pxr_fail(err, PXR_EINTERNAL, "libharu: cannot add a ToUnicode stream");
    }
    if (!cmap->stream)
        return pxr_fail(err, PXR_EINTERNAL, "libharu: the font's ToUnicode is not a stream");
    /* keys of libharu's encoding CMap that do not belong in a ToUnicode stream */
    HPDF_Dict_RemoveElement(cmap, "Type");
    HPDF_Dict_RemoveElement(cmap, "CMapName");
    HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(cmap, "WMode");
    HPDF_MemStream_FreeData(cmap->stream);
    ranges = malloc(65536 * sizeof *ranges);
    if (!ranges)
        return pxr_fail(err, PXR_EINTERNAL, "out of memory writing the ToUnicode CMap");
    n = collect(used, ranges, 65536);
    st |= HPDF_Stream_WriteStr(cmap->stream, cmap_head);
    for (i = 0; i < n; i++) {
        if (i % 100 == 0) {
            snprintf(line, sizeof line, "%u beginbfrange\n", n - i < 100 ? n - i : 100);
            st |= HPDF_Stream_WriteStr(cmap->stream, line);
        }
        snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", ranges[i].lo, ranges[i].hi,
                 ranges[i].lo);
        st |= HPDF_Stream_WriteStr(cmap->stream, line);
        if (i % 100 == 99 || i + 1 == n)
            st |= HPDF_Stream_WriteStr(cmap->stream, "endbfrange\n");
    }
    st |= HPDF_Stream_WriteStr(cmap->stream, cmap_tail);
    free(ranges);
    if (st != HPDF_OK)
        return pxr_fail(err, PXR_EINTERNAL, "libharu: cannot write the ToUnicode CMap");
    return PXR_OK;
}
