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
# 40 documents: every 16 the font files' pages are let go (fonts.c, pxr_fonts_trim); documents
# 20 and 37 each draw a character no earlier one did, so their glyphs are read from the font
# again after a drop.  Each must look as the same document rendered alone.
cat >"$T/trim.lua" <<'LUA'
local dir, only = arg[1], tonumber(arg[2])
local extra = { [20] = "癸", [37] = "子" }
for i = 1, 40 do
  if not only or i == only then
    local tag = extra[i] or ""
    local doc = pxr.doc.document {
      title = "评估报告" .. tag,
      body = { pxr.doc.paragraph("基准医院" .. tag .. "，第" .. i .. "份。") },
    }
    assert(pxr.pdf(doc, string.format("%s/t%02d.pdf", dir, i)))
  end
end
LUA
mkdir -p "$T/trim" "$T/alone"
expect 0 "forty documents in one run" -- run "$T/trim.lua" --out "$T" "$T/trim"
out=$("$PDFCHECK" "$T"/trim/*.pdf 2>&1)
if [ $? -eq 0 ]; then pass "pdf-check passes on the forty documents"; else fail "pdf-check" "$out"; fi
for i in 17 20 37; do
  expect 0 "document $i alone" -- run "$T/trim.lua" --out "$T" "$T/alone" "$i"
  pdftotext "$T/trim/t$i.pdf" "$T/t$i.txt"
  pdftoppm -r 40 "$T/trim/t$i.pdf" "$T/trim-$i"
  pdftoppm -r 40 "$T/alone/t$i.pdf" "$T/alone-$i"
  if cmp -s "$T/trim-$i-1.ppm" "$T/alone-$i-1.ppm"; then
    pass "document $i of the run is drawn as when rendered alone"
  else
    fail "document $i of the run" "its page differs from the same document rendered alone"
  fi
done
has "$T/t17.txt" "基准医院，第17份。" "document 17 (after the first drop) reads back"
has "$T/t20.txt" "评估报告癸" "document 20 reads back with its new character"
has "$T/t37.txt" "基准医院子，第37份。" "document 37 (after the second drop) reads back"
rm -rf "$T"
