#!/bin/sh
# One process renders many documents (pxr run, batch): faces are parsed once and each
# subset's font streams are made once, then reused; every PDF must still be whole.
. "$(dirname "$0")/../lib.sh"
cd "$ROOT" || exit 3
mkdir -p "$T/tmp" "$T/docs"
expect 0 "init" -- init
# 12 documents: 1, 2 and 12 draw the same characters; 3..11 each add one of their own,
# more sets than the cache keeps, so set 1 is made again after being evicted
cat >"$T/many.lua" <<'LUA'
local dir = arg[1]
local extra = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬" }
for i = 1, 12 do
  local tag = (i >= 3 and i <= 11) and extra[i - 2] or ""
  local rows = {}
  for k = 1, 5 do rows[k] = { tostring(k), "门诊患者预约诊疗率" .. tag, string.format("%.1f", k * 11.1) } end
  local doc = pxr.doc.document {
    title = "评估报告" .. tag,
    body = { pxr.doc.paragraph("基准医院" .. tag .. "，共5项指标。"),
             pxr.doc.table { columns = { { title = "序号" }, { title = "指标", width = 4 }, { title = "本期" } },
                             rows = rows } },
  }
  assert(pxr.pdf(doc, string.format("%s/d%02d.pdf", dir, i)))
end
LUA
TMPDIR=$T/tmp expect 0 "twelve documents in one run" -- run "$T/many.lua" --out "$T" "$T/docs"
same "$(ls "$T/tmp" | wc -l)" 0 "no font file left in TMPDIR"
out=$("$PDFCHECK" "$T"/docs/*.pdf 2>&1)
if [ $? -eq 0 ]; then pass "pdf-check passes on every document of the run"; else fail "pdf-check" "$out"; fi
for i in 01 05 11 12; do
  pdftotext "$T/docs/d$i.pdf" "$T/d$i.txt"
done
has "$T/d01.txt" "基准医院，共5项指标。" "document 1 reads back"
has "$T/d05.txt" "评估报告丙" "document 5 has its own character in the title"
has "$T/d05.txt" "门诊患者预约诊疗率丙" "and in the table"
has "$T/d11.txt" "基准医院壬" "document 11 reads back"
has "$T/d12.txt" "门诊患者预约诊疗率" "document 12 (its set made again after eviction) reads back"
hasnt "$T/d12.txt" "壬" "document 12 has none of another document's characters"
# the embedded fonts: same characters, same font bytes; one more character, another font
py "documents with the same characters embed the same fonts; another set another font" "
import re, sys, zlib
def fonts(p):
    d = open(p, 'rb').read()
    out = []
    for m in re.finditer(rb'/Length1 (\d+)', d):
        s = d.index(b'stream', m.end()) + 6
        s += 2 if d[s:s + 2] == b'\r\n' else 1
        e = d.index(b'endstream', s)
        out.append(zlib.decompress(d[s:e]))
    return sorted(out)
a, b, c, e = (fonts('$T/docs/d%s.pdf' % i) for i in ('01', '02', '05', '12'))
assert len(a) == 2, len(a)
assert a == b, 'documents 1 and 2 differ'
assert a == e, 'document 12 differs from document 1'
assert a != c, 'document 5 embeds the fonts of document 1'
"
for i in 01 05; do pdftoppm -png -r 30 "$T/docs/d$i.pdf" "$T/p$i"; done
py "the pages are drawn (not blank)" "
import zlib, struct
for n in ('01', '05'):
    png = open('$T/p%s-1.png' % n, 'rb').read()
    assert png[:8] == b'\x89PNG\r\n\x1a\n'
    idat = b''.join(png[i + 8:i + 8 + struct.unpack('>I', png[i:i + 4])[0]]
                    for i in range(8, len(png)) if png[i + 4:i + 8] == b'IDAT')
    raw = zlib.decompress(idat)
    dark = sum(1 for v in raw if v < 128)
    assert dark > 500, 'page %s: %d dark bytes' % (n, dark)
"
rm -rf "$T"
