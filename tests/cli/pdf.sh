#!/bin/sh
# PDF renderer end to end: tests/pdf/*.lua rendered by the unit-test driver
# (test_pdf --render), then read back with pdf-check, pdftotext, pdfinfo.
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8
UNIT=${PXR_UNIT_DIR:-build/rel/tests}
case $UNIT in /*) ;; *) UNIT=$ROOT/$UNIT ;; esac
DRIVER=$UNIT/test_pdf
cd "$ROOT" || exit 3

if [ ! -x "$DRIVER" ]; then
  fail "pdf driver" "$DRIVER is not built (make $UNIT/test_pdf)"
  exit 0
fi

for f in tests/pdf/*.lua; do
  n=$(basename "$f" .lua)
  if "$DRIVER" --render "$f" "$T/$n.pdf" 2>"$T/$n.err"; then pass "render $n"; else
    fail "render $n" "$(head -c 300 "$T/$n.err")"
  fi
done
ls "$T" | grep -q '\.tmp\.' && fail "no temporary files left" "$(ls "$T")" || pass "no temporary files left"

out=$(python3 "$SHARED/tools/pdf-check" "$T"/*.pdf 2>&1)
if [ $? -eq 0 ]; then pass "pdf-check passes on every PDF"; else fail "pdf-check" "$out"; fi

# every page has its footer "第 N 页 共 M 页"
for f in "$T"/*.pdf; do
  n=$(basename "$f" .pdf)
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  pdftotext -layout "$f" "$T/$n.txt"
  bad=$(python3 - "$T/$n.txt" "$pages" <<'PY'
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
m = int(sys.argv[2])
print(" ".join(str(i + 1) for i in range(m) if "第 %d 页 共 %d 页" % (i + 1, m) not in pages[i]))
PY
)
  same "$bad" "" "$n: every page has its 第 N 页 共 M 页 footer"
done

# the long table: many pages, its header row on each of them, every row present once
pages=$(pdfinfo "$T/long_table.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 10 ] && pass "500 rows take many pages ($pages)" || fail "long table pages" "$pages"
bad=$(python3 - "$T/long_table.txt" <<'PY'
import sys
pages = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\f") if p.strip()]
print(" ".join(str(i + 1) for i, p in enumerate(pages) if "预约诊疗率（%）" not in p or "机构名称" not in p))
PY
)
same "$bad" "" "long table: the header row repeats on every page"
rows=$(grep -c '示例医院[0-9][0-9][0-9]（' "$T/long_table.txt")
same "$rows" 500 "long table: all 500 rows, none cut or repeated"
has "$T/long_table.txt" "示例医院500（蒙医）" "long table: the last row"
has "$T/long_table.txt" "表后段落" "long table: the paragraph after it"

# the row taller than a page is split between lines, nothing lost
lc=$(tr -d ' \n\f' <"$T/long_cell.txt")
for i in 1 45 90; do
  case $lc in *"第${i}条：二级及以上医院建立患者入出院服务中心"*) pass "long cell: line $i present" ;;
    *) fail "long cell: line $i present" ;; esac
done
pages=$(pdfinfo "$T/long_cell.pdf" | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 2 ] && pass "long cell spans pages" || fail "long cell spans pages" "$pages"
has "$T/long_cell.txt" "跨三列的合计行" "long cell: the colspan row after it"

# 避头尾 in the raw text order: no line starts with a closing mark or ends with an opening one
pdftotext -raw "$T/punct.pdf" "$T/punct.raw"
bad=$(python3 - "$T/punct.raw" <<'PY'
import sys
start = set("，。、；：？！）》」』”’〕】,.;:?!)]}")
end = set("（《「『“‘〔【([{")
bad = []
for line in open(sys.argv[1], encoding="utf-8").read().replace("\f", "\n").splitlines():
    s = line.strip()
    if s and (s[0] in start or s[-1] in end):
        bad.append(s[:30])
print(" | ".join(bad[:5]))
PY
)
same "$bad" "" "punct: no line starts with a closing mark or ends with an opening one"
has "$T/punct.raw" "……" "punct: …… kept whole"
has "$T/punct.raw" "——" "punct: —— kept whole"
has "$T/punct.raw" "improvement," "punct: Latin words whole"
has "$T/punct.raw" "12345.678" "punct: numbers whole"

# the 27 indicators, quoted from the seed into the fixture, all present in the PDF
flat=$(tr -d ' \n\f' <"$T/indicators.txt")
missing="" count=0
for name in $(sed -n 's/^  {"[^"]*", [0-9]*, "\([^"]*\)"},$/\1/p' tests/pdf/indicators.lua); do
  count=$((count + 1))
  case $flat in *"$name"*) ;; *) missing="$missing $name" ;; esac
done
same "$count" 27 "indicators: the fixture holds 27 indicators"
same "$missing" "" "indicators: every name is in the PDF text"
pdfinfo "$T/indicators.pdf" >"$T/info"
has "$T/info" "改善就医感受提升患者体验评估指标（试行）" "document info title in Chinese"
has "$T/info" "pxr" "document info creator"
has "$T/indicators.txt" "改善就医感受提升患者体验主题活动" "page header text"
has "$T/indicators.txt" "草" "watermark drawn"
qpdf --qdf --object-streams=disable "$T/indicators.pdf" "$T/ind.qdf" 2>/dev/null
outl=$(grep -a -c '/Title' "$T/ind.qdf")
[ "$outl" -ge 3 ] && pass "bookmarks for the headings" || fail "bookmarks for the headings" "$outl"

# non-BMP characters: substituted and warned about, never dropped
has "$T/nonbmp.err" "pxr: warning: $T/nonbmp.pdf: body[1] (paragraph): character U+20BB7 substituted" \
  "non-BMP character warned about"
has "$T/nonbmp.txt" "〓祥" "non-BMP character substituted with 〓"
size=$(wc -c <"$T/nonbmp.pdf")
[ "$size" -lt 61440 ] && pass "a one-page PDF is small ($size bytes)" || fail "one-page PDF size" "$size"

rm -rf "$T"
