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

out=$("$PDFCHECK" "$T"/*.pdf 2>&1)
if [ $? -eq 0 ]; then pass "pdf-check passes on every PDF"; else fail "pdf-check" "$out"; fi

# every page has its footer "第 N 页 共 M 页" (gongwen numbers its pages "— N —", below)
for f in "$T"/*.pdf; do
  n=$(basename "$f" .pdf)
  [ "$n" = gongwen ] && continue
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

# charts: every label drawn, the figure kept whole on one page with its heading
pg1=$(pdftotext -f 1 -l 1 -raw "$T/chart.pdf" - | tr -d ' \n')
pg2=$(pdftotext -f 2 -l 2 -raw "$T/chart.pdf" - | tr -d ' \n')
missing=""
for w in $(sed -n 's/^local regions = { \(.*\)$/\1/p; s/^                  \(".*\) }$/\1/p' tests/pdf/chart.lua | tr -d '",'); do
  case $pg1 in *"$w"*) ;; *) missing="$missing $w" ;; esac
done
same "$missing" "" "chart: all 12 category labels (turned) are on page 1"
for w in 图1各盟市门诊患者预约诊疗率 2024年上半年 2024年下半年 目标≥60% 已达标 未到期 已逾期 不适用 无数据; do
  case $pg1 in *"$w"*) pass "chart: page 1 shows $w" ;; *) fail "chart: page 1 shows $w" ;; esac
done
case $pg1 in *图2*) fail "chart: figure 2 not split from page 1" ;; *) pass "chart: figure 2 not split from page 1" ;; esac
for w in 二、满意度 图2 三级医院 目标90分 2023年上半年 2025年上半年 92.5 折线断开处; do
  case $pg2 in *"$w"*) pass "chart: page 2 shows $w" ;; *) fail "chart: page 2 shows $w" ;; esac
done
# the value axis of the bar chart: 0 to 100 by 20 for rates of 44 to 82.6 with a target of 60
ticks=$(pdftotext -f 1 -l 1 -raw "$T/chart.pdf" - | grep -xE '(0|20|40|60|80|100)' | sort -n | tr '\n' ' ')
same "$ticks" "0 20 40 60 80 100 " "chart: nice ticks 0..100"

# charts from a sandboxed script: pxr.chart through pxr.pdf
cat >"$T/charts.lua" <<'LUA'
local b = pxr.chart.bars{ title = "沙箱图表", categories = { "锡林郭勒盟", "阿拉善盟" },
  series = { { name = "本期", values = { 61.5, nil } } }, unit = "%",
  target = { value = 60, label = "目标 ≥60%" }, marks = { "met", "na" } }
local l = pxr.doc.chart("lines", { categories = { "2023年上半年", "2023年下半年" },
  series = { { name = "满意度", values = { 90, 91.5 } } } })
assert(pxr.pdf(pxr.doc.document{ title = "沙箱", body = { b, l } }, arg[1]))
LUA
if pxr run "$T/charts.lua" --out "$T" "$T/sandbox-chart.pdf"; then pass "chart: a sandboxed script renders charts"; else
  fail "chart: a sandboxed script renders charts" "$(head -c 300 "$T/err")"; fi
out=$("$PDFCHECK" "$T/sandbox-chart.pdf" 2>&1) && pass "chart: sandboxed PDF passes pdf-check" ||
  fail "chart: sandboxed PDF passes pdf-check" "$out"
pdftotext "$T/sandbox-chart.pdf" - | tr -d ' \n' >"$T/sbc.txt"
has "$T/sbc.txt" "锡林郭勒盟" "chart: sandboxed labels drawn"
has "$T/sbc.txt" "61.5" "chart: a value over its bar"
echo 'pxr.chart.bars{ categories = { "a" }, series = { { name = "x", values = { "85" } } } }' >"$T/bad.lua"
pxr run "$T/bad.lua"
grep -q 'values\[1\] must be a number or nil' "$T/err" && pass "chart: a text value is refused with its place" ||
  fail "chart: a text value is refused with its place" "$(head -c 300 "$T/err")"

# gongwen (GB/T 9704-2012): measured from the text boxes poppler reads back.
# A full page of body text: 22 lines on a 225/22 mm pitch; lines start 28 mm from
# the left; justified lines end 156 mm further; the type area begins 37 mm from
# the top; "— N —" 7 mm below it, odd pages right and even pages left, one
# character (14 pt) in from the type area's edge.
pdftotext -bbox-layout "$T/gongwen.pdf" "$T/gw.html"
bad=$(python3 - "$T/gw.html" <<'PY'
import re, sys
mm = 72 / 25.4
pages = open(sys.argv[1], encoding="utf-8").read().split("<page ")[1:]
bad = []
def near(a, b, tol, what):
    if abs(a - b) > tol:
        bad.append("%s: %.2f mm, want %.2f" % (what, a / mm, b / mm))
for n, pg in enumerate(pages, 1):
    lines = [tuple(float(v) for v in m) for m in
             re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', pg)]
    words = re.findall(r'<word [^>]*>([^<]*)</word>', pg)
    body, foot = lines[:-1], lines[-1]
    near(min(l[0] for l in body), 28 * mm, 0.3, "page %d left edge" % n)
    near(max(l[2] for l in body), (28 + 156) * mm, 0.3, "page %d right edge" % n)
    # the page number: centred 7 mm below the type area (37 + 225 mm)
    near((foot[1] + foot[3]) / 2, (37 + 225 + 7) * mm, 1.0, "page %d number height" % n)
    if n % 2:
        near(foot[2], (28 + 156) * mm - 14, 0.5, "page %d number right" % n)
    else:
        near(foot[0], 28 * mm + 14, 0.5, "page %d number left" % n)
    if n == 2:
        if len(body) != 22:
            bad.append("page 2 has %d lines, want 22" % len(body))
        pitch = (body[-1][1] - body[0][1]) / (len(body) - 1)
        near(pitch, 225 * mm / 22, 0.05, "line pitch")
        # 3号 = 16 pt boxes centred on the grid: the type area spans 37 .. 262 mm
        near(body[0][1] - (pitch - 16) / 2, 37 * mm, 0.5 * mm, "top of the type area")
        near(body[-1][3] + (pitch - 16) / 2, (37 + 225) * mm, 0.5 * mm, "foot of the type area")
print("; ".join(bad))
PY
)
same "$bad" "" "gongwen: margins, type area 156 x 225 mm, 22 lines, page numbers"
gw=$(pdftotext -raw "$T/gongwen.pdf" -)
for p in "— 1 —" "— 2 —" "— 3 —"; do
  case $gw in *"$p"*) pass "gongwen: page number $p" ;; *) fail "gongwen: page number $p" ;; esac
done
full=$(echo "$gw" | python3 -c 'import sys; print(sum(len(l.rstrip("\n")) == 28 for l in sys.stdin))')
[ "$full" -ge 15 ] && pass "gongwen: full lines hold 28 characters ($full lines)" ||
  fail "gongwen: full lines hold 28 characters" "$full"
last2=$(echo "$gw" | tr -d '\f' | grep -v -e '^— ' -e '^$' | tail -2 | tr '\n' '|')
same "$last2" "某某市卫生健康委员会|2024年7月15日|" "gongwen: the unit and date close the document"
pdffonts "$T/gongwen.pdf" >"$T/gwf"
pdfinfo "$T/gongwen.pdf" >"$T/gwi"
has "$T/gwi" "某某市卫生健康委员会" "gongwen: author in the document info"

# number columns: thousands separators and fixed decimals, in all three styles
tf=$(pdftotext -raw "$T/table_format.pdf" -)
for v in "1,234,567" "61.50" "9,876,543.21" "-1,234.50" "58.33" "0.00" "60.10%" "12,345,678.00"; do
  n=$(printf '%s\n' "$tf" | grep -c -- " $v\$\| $v ")
  same "$n" 3 "table format: $v in each of the 3 tables"
done

# contents (toc = true): every level-1/2 heading listed with the page it is on
pdftotext -layout "$T/toc.pdf" "$T/toc.txt"
bad=$(python3 - "$T/toc.txt" tests/pdf/toc.lua <<'PY'
import re, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
flat = [re.sub(r"\s", "", p) for p in pages]
src = open(sys.argv[2], encoding="utf-8").read()
lines = re.findall(r'^  "(.*)",$', src.split("local lines = {")[1].split("}")[0], re.M)
want = [t + (lines[int(i) - 1] if i else "") for t, i in
        re.findall(r'level = [12], text = "([^"]*)"(?: \.\. lines\[(\d)\])?', src)]
bad = []
if "目录" not in flat[0]:
    bad.append("no 目录 on page 1")
entries = re.findall(r"^\s*(\S.*?)\s*\.{4,}\s*(\d+)\s*$", pages[0], re.M)
if len(entries) != len(want):
    bad.append("%d entries, want %d" % (len(entries), len(want)))
for (title, num), w in zip(entries, want):
    t = re.sub(r"\s", "", title)
    if t != re.sub(r"\s", "", w):
        bad.append("entry %s, want %s" % (t, w))
    on = [i + 1 for i, p in enumerate(flat) if i > 0 and t in p]
    if not on or on[0] != int(num):
        bad.append("%s: listed on page %s, found on %s" % (t, num, on))
print("; ".join(bad))
PY
)
same "$bad" "" "toc: every level-1/2 heading listed with its page number"
qpdf --json --json-key=outlines "$T/toc.pdf" >"$T/toc.json"
has "$T/toc.json" '"title": "目录"' "toc: the contents page has a bookmark"
has "$T/toc.json" '"title": "（一）二级及以上医院应普遍建立预约诊疗制度"' "toc: the headings keep their bookmarks"

# a landscape table in a portrait document: its pages turned, the header on each
sizes=$(pdfinfo -f 1 -l 99 "$T/toc.pdf" | awk '/^Page .* size:/ { print ($4 > $6) ? "L" : "P" }' | tr -d '\n')
same "$sizes" "PPLLP" "landscape: the table's pages turned, the rest portrait"
for p in 3 4; do
  pg=$(pdftotext -f $p -l $p -raw "$T/toc.pdf" - | tr -d ' \n')
  case $pg in *盟市指标1指标2*指标14*) pass "landscape: header row on page $p" ;; *) fail "landscape: header row on page $p" ;; esac
done
rows=$(pdftotext -f 3 -l 4 -raw "$T/toc.pdf" - | grep -cE '^(呼和浩特市|包头市|乌海市|赤峰市|通辽市|鄂尔多斯市|呼伦贝尔市|巴彦淖尔市|乌兰察布市|兴安盟|锡林郭勒盟|阿拉善盟) ')
same "$rows" 40 "landscape: all 40 rows on the turned pages"

# hanging punctuation: the comma that ends a full first line lies past the margin
# (A4 minus 25 mm), by less than one character; no other text crosses the margin
pdftotext -f 2 -l 2 -bbox-layout "$T/toc.pdf" "$T/hang.html"
bad=$(python3 - "$T/hang.html" <<'PY'
import re, sys
x1 = 595.276 - 25 * 72 / 25.4
html = open(sys.argv[1], encoding="utf-8").read()
hung, over = 0, []
for m in re.finditer(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>', html, re.S):
    xmax, text = float(m.group(1)), "".join(re.findall(r">([^<]*)</word>", m.group(2)))
    if xmax > x1 + 1:
        if text[-1] in "，。、" and xmax < x1 + 10.5 + 0.5:
            hung += 1
        else:
            over.append(text[-8:])
print("hung=%d over=%s" % (hung, over))
PY
)
case $bad in "hung=0 "*) fail "hang: a closing mark hangs past the margin" "$bad" ;; *) pass "hang: a closing mark hangs past the margin" ;; esac
case $bad in *"over=[]") pass "hang: nothing else crosses the margin" ;; *) fail "hang: nothing else crosses the margin" "$bad" ;; esac

# size: one subset per face per document, one-page documents small
dup=""
for f in "$T"/*.pdf; do
  d=$(pdffonts "$f" | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort | uniq -d)
  [ -n "$d" ] && dup="$dup $(basename "$f"):$d"
done
same "$dup" "" "every face is embedded once per document"
for n in nonbmp table_format; do
  size=$(wc -c <"$T/$n.pdf")
  [ "$size" -lt 61440 ] && pass "one-page $n.pdf under 60 KB ($size bytes)" || fail "one-page $n.pdf under 60 KB" "$size"
done
pxr init >/dev/null 2>&1
if pxr import examples/institutions.csv examples/values.csv; then
  cat >"$T/onepage.lua" <<'LUA'
-- one institution's 27 national indicators for one period, on one page
local rows = {}
for _, r in ipairs(pxr.db.query([[SELECT i.code, i.name, v.value FROM indicator i
    JOIN value v ON v.indicator = i.code WHERE v.unit = ? AND v.period = ?
    ORDER BY i.code]], "H150100001", "2024S2")) do
  rows[#rows + 1] = { r.code, r.name, r.value }
end
assert(#rows >= 20, "want the indicators of H150100001")
assert(pxr.pdf(pxr.doc.document { title = "呼和浩特市青禾医院评估指标（2024年下半年）",
  body = { pxr.doc.table { columns = { { title = "代码" }, { title = "指标", width = 5 },
    { title = "数值", align = "right" } }, rows = rows } } }, arg[1]))
LUA
  pxr run "$T/onepage.lua" --out "$T" "$T/onepage.pdf"
  pages=$(pdfinfo "$T/onepage.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  size=$(wc -c <"$T/onepage.pdf")
  [ "$pages" = 1 ] && [ "$size" -lt 61440 ] && pass "a one-page report on real data is under 60 KB ($size bytes)" ||
    fail "a one-page report on real data is under 60 KB" "$pages pages, $size bytes: $(head -c 200 "$T/err")"
  pxr report nhc2023 evaluation --period 2024S2 --institution H150100001 -o "$T/eval.pdf"
  d=$(pdffonts "$T/eval.pdf" | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1 }' | sort | uniq -d)
  same "$d" "" "nhc2023 evaluation: every face embedded once"
else
  fail "import the examples for the size checks" "$(head -c 300 "$T/err")"
fi

# a signature inside the body (a 公文 signs before its attachments), kept with the paragraph above it
cat >"$T/signed.lua" <<'LUA'
local d = pxr.doc
local body = {}
for i = 1, 13 do body[#body + 1] = d.paragraph("第" .. i .. "段：各区卫生健康行政部门应当及时总结主题活动实施情况，定期报送阶段性工作总结。") end
body[#body + 1] = d.signature("某区卫生健康委员会", "2024年6月10日")
body[#body + 1] = d.pagebreak()
body[#body + 1] = d.heading(1, "附件1")
body[#body + 1] = d.paragraph("附件正文。")
assert(pxr.pdf(d.document { title = "阶段性工作总结", style = "gongwen", body = body }, arg[1]))
LUA
if pxr run "$T/signed.lua" --out "$T" "$T/signed.pdf"; then
  n=$(pdfinfo "$T/signed.pdf" | awk '/^Pages:/ { print $2 }')
  sig=0 att=0 p=1
  while [ "$p" -le "$n" ]; do
    t=$(pdftotext -f "$p" -l "$p" -enc UTF-8 "$T/signed.pdf" - | tr -d ' \n')
    case $t in *某区卫生健康委员会*2024年6月10日*) sig=$p ;; esac
    case $t in *附件正文*) att=$p ;; esac
    case $t in *某区卫生健康委员会*) case $t in *第13段*) keep=yes ;; *) keep=no ;; esac ;; esac
    p=$((p + 1))
  done
  [ "$sig" -gt 0 ] && [ "$att" -gt "$sig" ] && pass "signature block: unit and date before the attachment" ||
    fail "signature block: unit and date before the attachment" "signature on page $sig, attachment on $att"
  same "${keep:-}" yes "signature block: the last paragraph stays with the signature"
  "$PDFCHECK" "$T/signed.pdf" >/dev/null && pass "signature block: pdf-check" || fail "signature block: pdf-check"
else
  fail "signature block renders" "$(head -c 300 "$T/err")"
fi

# a column given too little weight for its numbers still holds each number whole: the width
# it lacks is taken from the columns with room (nhc2016's 志愿者总数 printed "2,511,3" / "16")
cat >"$T/weights.lua" <<'LUA'
local rows = {}
for i = 1, 6 do rows[i] = { "开展志愿服务的医疗机构数量" .. i, string.format("%d,%03d,%03d", i, 511, 316) } end
assert(pxr.pdf(pxr.doc.document { title = "窄列中的数字",
  body = { pxr.doc.table { columns = { { title = "项目", width = 14 }, { title = "人数", width = 1 } },
    rows = rows } } }, arg[1]))
LUA
pxr run "$T/weights.lua" --out "$T" "$T/weights.pdf" ||
  fail "the narrow-column table renders" "$(head -c 300 "$T/err")"
whole=$(pdftotext -layout "$T/weights.pdf" - 2>/dev/null | grep -c -E '[1-6],511,316')
same "$whole" 6 "a narrow weighted column holds each number whole (6 of 6 on one line)"
"$PDFCHECK" "$T/weights.pdf" >"$T/wcheck.log" 2>&1 && pass "the narrow-column PDF passes the checks" ||
  fail "the narrow-column PDF passes the checks" "$(head -c 300 "$T/wcheck.log")"

rm -rf "$T"

