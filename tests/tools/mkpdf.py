#!/usr/bin/env python3
"""mkpdf.py OUT.pdf KIND -- small hand-made PDFs that tests/pdfcheck.py must refuse.

KIND: blank-glyph  a Type 3 font whose glyph B draws nothing ("AB" shown)
      drawn        the same font with both glyphs drawn (only "not subset" is wrong)
      no-unicode   the drawn font without its ToUnicode map
      no-text      a page with a filled box and no text
"""
import sys


def build(objs):
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def stream(data):
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T3 def
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <41> <0041> <42> <0042> endbfchar endcmap
CMapName currentdict /CMap defineresource pop end end"""
BOX = b"1000 0 0 0 1000 1000 d1 0 0 800 800 re f"


def pdf(kind):
    if kind == "no-text":
        content, font = b"0 0 1 rg 72 600 200 100 re f", b"<< >>"
    else:
        content = b"BT /F1 24 Tf 72 700 Td (AB) Tj ET"
        unicode = b"" if kind == "no-unicode" else b" /ToUnicode 8 0 R"
        font = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0]"
                b" /CharProcs << /A 6 0 R /B 7 0 R >> /Encoding << /Type /Encoding /Differences [65 /A /B] >>"
                b" /FirstChar 65 /LastChar 66 /Widths [1000 1000]" + unicode + b" >>")
    glyph_b = b"1000 0 0 0 1000 1000 d1" if kind == "blank-glyph" else BOX
    return build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content), font, stream(BOX), stream(glyph_b), stream(CMAP)])


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as f:
        f.write(pdf(sys.argv[2]))
