#!/bin/sh
# nhc2023 summary compares like with like and names who is missing: 2 of the 16
# hospitals of 内蒙古自治区 report for 2025S1 (their 2024S2 values, 门诊患者预约诊疗率
# raised); the change against 2024S2 is computed over those 2, the report says the
# groups differ (本期2家、上期16家), shows 已报/应报 and lists the 14 missing hospitals
# by region and level, in the PDF and in the XML.  A period without data, or outside
# the plan's span, gives a warning and a first-page notice.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/pxr-summary.xsd
pxr init >/dev/null
pxr import "$E/institutions.csv" "$E/values.csv" || fail "import the examples" "$(head -c 300 "$T/err")"
A=H150100001 B=H150400001
awk -F, -v a=$A -v b=$B 'BEGIN { OFS = "," } NR == 1 { print; next }
  ($1 == a || $1 == b) && $2 == "2024S2" {
    $2 = "2025S1"
    if ($3 == "EI01") { $5 = int($5 * 1.1); $4 = sprintf("%.2f", $5 / $6 * 100) }
    print }' "$E/values.csv" >"$T/v2025.csv"
pxr import "$T/v2025.csv" >/dev/null || fail "import the 2025S1 fixture" "$(head -c 300 "$T/err")"
n=$(awk -F, 'NR > 1 && $3 ~ /^15/' "$E/institutions.csv" | wc -l)
[ "$n" -eq 16 ] || fail "fixture: 16 hospitals in 150000" "$n"

# the expected figures: pooled 门诊患者预约诊疗率 of A and B, 2025S1 and 2024S2, and the change
pooled() { awk -F, -v a=$A -v b=$B -v p="$2" -v f="$3" '($1 == a || $1 == b) && $2 == p && $3 == "EI01" {
  n += $5; d += $6 } END { printf f, n / d * 100 }' "$1"; }
now=$(pooled "$T/v2025.csv" 2025S1 %.2f) before=$(pooled "$E/values.csv" 2024S2 %.2f)
change=$(awk -v x="$(pooled "$T/v2025.csv" 2025S1 %.9f)" -v y="$(pooled "$E/values.csv" 2024S2 %.9f)" \
  'BEGIN { printf "%.2f", x - y }')

expect 0 "summary 150000 2025S1" -- report nhc2023 summary --region 150000 --period 2025S1 \
  -o "$T/s.pdf" --xml "$T/s.xml"
pdftotext "$T/s.pdf" - | tr -d ' \n' >"$T/s.txt"
pdftotext -l 1 "$T/s.pdf" - | tr -d ' \n' >"$T/p1.txt"
# 上期: the hospitals of 150000 that reported 门诊患者预约诊疗率 (EI01) for 2024S2
prev_n=$(awk -F, '$1 ~ /^H15/ && $2 == "2024S2" && $3 == "EI01" && $4 != ""' "$E/values.csv" | wc -l | tr -d ' ')
has "$T/p1.txt" "两期填报该项指标的机构不同：本期2家、上期${prev_n}家填报" "pdf: says the groups differ and how (of this indicator)"
has "$T/p1.txt" "两期均填报的2家机构本期合计率为${now}%，较其2024年下半年（${before}%）提高${change}个百分点" \
  "pdf: the change is over the 2 that reported in both"
hasnt "$T/p1.txt" "%，较2024年下半年提高" "pdf: no bare change against all 16"
has "$T/p1.txt" "已报2家/应报16家" "pdf: coverage 已报/应报 on the first page"
has "$T/p1.txt" "本期未报送的机构（14家，按地区和级别）：内蒙古自治区呼和浩特市三级呼和浩特市白塔蒙医医院；" \
  "pdf: the missing listed by region and level"
has "$T/p1.txt" "内蒙古自治区阿拉善盟二级阿拉善盟沙枣医院。" "pdf: the last missing one listed"
has "$T/s.txt" "合计（已报2/16）" "pdf: coverage beside the table's aggregates"
has "$T/s.txt" "三级医院（已报2/6）" "pdf: coverage per level beside the aggregates"
has "$T/s.txt" "较上期为2024年下半年和本期均填报该项指标的机构本期与上期之差（两期均有填报的机构2家" "pdf: the notes say over whom the change is"
"$PDFCHECK" "$T/s.pdf" >"$T/check.log" 2>&1 && pass "pdf: passes the PDF checks" ||
  fail "pdf: passes the PDF checks" "$(head -c 300 "$T/check.log")"

if xmllint --noout --schema "$XSD" "$T/s.xml" 2>"$T/xl"; then
  x() { xmllint --xpath "$1" "$T/s.xml"; }
  same "$(x 'concat(/summary/coverage/@reported, "/", /summary/coverage/@expected, " ", /summary/coverage/@previous_reported, " ", /summary/coverage/@both_reported)')" \
    "2/16 16 2" "xml: coverage 已报/应报, the previous period and both"
  same "$(x 'count(/summary/coverage/missing)')" 14 "xml: the 14 missing listed"
  same "$(x 'string(/summary/coverage/missing[1]/@code)') $(x 'string(/summary/coverage/missing[1]/@level)')" \
    "H150100002 三级" "xml: missing by region and level"
  g='/summary/indicator[@code="EI01"]/group[@level="合计"]'
  r2() { awk -v v="$1" 'BEGIN { printf "%.2f", v }'; }
  same "$(x "string($g/@paired_reported)") $(r2 "$(x "string($g/@paired_pooled)")") $(r2 "$(x "string($g/@paired_previous_pooled)")")" \
    "2 $now $before" "xml: EI01 合计 over the 2 in both periods"
  same "$(r2 "$(x "string($g/@change_pooled)")")" "$change" "xml: EI01 change over the same 2"
else
  fail "xml: valid against pxr-summary.xsd" "$(head -c 300 "$T/xl")"
fi

# a period without data, and one outside the plan's span: a warning and a first-page notice
expect 0 "summary 150000 2025S2 (no data)" -- report nhc2023 summary --region 150000 --period 2025S2 \
  -o "$T/e.pdf" --xml "$T/e.xml"
has "$T/err" "warning: nhc2023 summary: period 2025S2 has no data for 150000" "no data: a warning"
pdftotext -l 1 "$T/e.pdf" - | tr -d ' \n' >"$T/e.txt"
has "$T/e.txt" "注意：报告期2025年下半年内蒙古自治区无任何填报数据" "no data: a notice on the first page"
expect 0 "summary 150000 2026S1 (outside the span)" -- report nhc2023 summary --region 150000 \
  --period 2026S1 -o "$T/o.pdf"
has "$T/err" "warning: nhc2023 summary: period 2026S1 lies outside the plan's span 2023-2025" \
  "outside the span: a warning"
pdftotext -l 1 "$T/o.pdf" - | tr -d ' \n' >"$T/o.txt"
has "$T/o.txt" "注意：报告期2026年上半年不在《改善就医感受提升患者体验主题活动》的实施期间（2023-2025）内" \
  "outside the span: a notice on the first page"
expect 0 "evaluation without data" -- report nhc2023 evaluation --institution H150100002 --period 2025S1 \
  -o "$T/ev.pdf"
has "$T/err" "warning: nhc2023 evaluation: period 2025S1 has no data for H150100002" "evaluation: a warning"
pdftotext -l 1 "$T/ev.pdf" - | tr -d ' \n' >"$T/ev.txt"
has "$T/ev.txt" "注意：报告期2025年上半年呼和浩特市白塔蒙医医院无任何填报数据" "evaluation: a first-page notice"
# the other summaries: coverage and the missing named (a new hospital in 150102 and one in 310104
# that have reported nothing), and the notice for a period without data or outside the span
pxr import "$E/nhc2016-values.csv" "$E"/shanghai2023-*.csv "$E"/shanghai2023-narratives-*.md \
  "$E"/wuyuan2021-*.csv >/dev/null || fail "import the other examples" "$(head -c 300 "$T/err")"
cat >"$T/new.csv" <<'CSV'
code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead
H150100777,呼和浩特市新城区未报医院,150102,二级,甲,综合,公立,否,否
H310104777,上海徐汇未报医院,310104,二级,甲,综合,公立,否,否
CSV
pxr import "$T/new.csv" >/dev/null || fail "import the new hospitals" "$(head -c 300 "$T/err")"
m16=$(awk -F, 'NR > 1 && $1 ~ /^H15/ && $2 == "2016S1" { print $1 }' "$E/nhc2016-values.csv" | sort -u | wc -l)
expect 0 "nhc2016 summary 150000 2016S1" -- report nhc2016 summary --region 150000 --period 2016S1 \
  -o "$T/n16.pdf" --xml "$T/n16.xml"
pdftotext -l 1 "$T/n16.pdf" - | tr -d ' \n' >"$T/n16.txt"
has "$T/n16.txt" "本期已报${m16}家/应报17家。本期未报送的机构（$((17 - m16))家，按地区和级别）：" "nhc2016: coverage on the first page"
has "$T/n16.txt" "内蒙古自治区呼和浩特市新城区二级呼和浩特市新城区未报医院" "nhc2016: the missing named with region and level"
if xmllint --noout --schema "$ROOT/reports/schema/nhc2016-summary.xsd" "$T/n16.xml" 2>"$T/xl"; then
  same "$(xmllint --xpath 'concat(/summary/coverage/@reported, "/", /summary/coverage/@expected, " ", /summary/coverage/missing[@code="H150100777"]/@level)' "$T/n16.xml")" \
    "$m16/17 二级" "nhc2016: coverage and the missing in the XML"
else
  fail "nhc2016: XML valid" "$(head -c 300 "$T/xl")"
fi
expect 0 "nhc2016 summary 110000 2016S1" -- report nhc2016 summary --region 110000 --period 2016S1 -o "$T/n16b.pdf"
has "$T/err" "warning: nhc2016 summary: period 2016S1 has no data for 110000" "nhc2016: no data: a warning"
pdftotext -l 1 "$T/n16b.pdf" - | tr -d ' \n' >"$T/n16b.txt"
has "$T/n16b.txt" "注意：报告期2016年上半年北京市无任何填报数据" "nhc2016: no data: a first-page notice"

msh=$(awk -F, 'NR > 1 && $1 ~ /^H31/ && $2 == "2024S2" { print $1 }' "$E/shanghai2023-values.csv" | sort -u | wc -l)
expect 0 "shanghai2023 semiannual 310000 2024S2" -- report shanghai2023 semiannual --region 310000 \
  --period 2024S2 -o "$T/sh.pdf" --xml "$T/sh.xml"
pdftotext "$T/sh.pdf" - | tr -d ' \n' >"$T/sh.txt"
has "$T/sh.txt" "本期已报${msh}家/应报13家。本期未报送的机构（" "shanghai: coverage beside the indicator summary"
has "$T/sh.txt" "上海市徐汇区二级上海徐汇未报医院" "shanghai: the missing named with region and level"
if xmllint --noout --schema "$ROOT/reports/schema/shanghai2023-semiannual.xsd" "$T/sh.xml" 2>"$T/xl"; then
  same "$(xmllint --xpath 'concat(/semiannual/coverage/@reported, "/", /semiannual/coverage/@expected, " ", /semiannual/coverage/missing[@code="H310104777"]/@region)' "$T/sh.xml")" \
    "$msh/13 310104" "shanghai: coverage and the missing in the XML"
else
  fail "shanghai: XML valid" "$(head -c 300 "$T/xl")"
fi
expect 0 "shanghai2023 semiannual 310000 2025S2" -- report shanghai2023 semiannual --region 310000 \
  --period 2025S2 -o "$T/sh2.pdf"
has "$T/err" "warning: shanghai2023 semiannual: period 2025S2 has no data for 310000" "shanghai: no data: a warning"
pdftotext -l 1 "$T/sh2.pdf" - | tr -d ' \n' >"$T/sh2.txt"
has "$T/sh2.txt" "注意：报告期2025年下半年上海市无任何填报数据" "shanghai: no data: a first-page notice"

expect 0 "wuyuan2021 progress 2025S1" -- report wuyuan2021 progress --institution H361130001 \
  --period 2025S1 -o "$T/wy.pdf"
has "$T/err" "warning: wuyuan2021 progress: period 2025S1 lies outside the plan's span 2021-2023" \
  "wuyuan: outside the span: a warning"
pdftotext -l 1 "$T/wy.pdf" - | tr -d ' \n' >"$T/wy.txt"
has "$T/wy.txt" "的实施期间（2021-2023）内，本报告无可依据的填报要求" "wuyuan: outside the span: a first-page notice"
expect 0 "innermongolia2023 targets 2026S1" -- report innermongolia2023 targets --region 150000 \
  --period 2026S1 -o "$T/im.pdf"
has "$T/err" "warning: innermongolia2023 targets: period 2026S1 lies outside the plan's span 2023-2025" \
  "innermongolia: outside the span: a warning"
pdftotext -l 1 "$T/im.pdf" - | tr -d ' \n' >"$T/im.txt"
has "$T/im.txt" "注意：报告期2026年上半年不在《" "innermongolia: outside the span: a first-page notice"
rm -rf "$T"
