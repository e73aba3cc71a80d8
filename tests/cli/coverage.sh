#!/bin/sh
# A summary names who is missing: the Inner Mongolia targets report shows its
# coverage (已报/应报) and lists, by region and level, the institutions in scope
# that have not reported, in the PDF and in the XML; a period without data says so
# on its first page.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
pxr init >/dev/null
pxr import "$E"/*.csv "$E"/*-narratives-*.md || fail "import the examples" "$(head -c 300 "$T/err")"
cat >"$T/new.csv" <<'CSV'
code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead
H150100777,呼和浩特市新城区未报医院,150102,二级,甲,综合,公立,否,否
CSV
pxr import "$T/new.csv" >/dev/null
n=$(($(awk -F, 'NR > 1 && $3 ~ /^15/' "$E/institutions.csv" | wc -l) + 1))
expect 0 "im: targets 2024S2" -- report innermongolia2023 targets --region 150000 --period 2024S2 \
  -o "$T/im.pdf" --xml "$T/im.xml"
xmllint --noout --schema "$ROOT/reports/schema/pxr-targets.xsd" "$T/im.xml" 2>"$T/xl" &&
  pass "im: XML valid" || fail "im: XML valid" "$(head -c 300 "$T/xl")"
same "$(xmllint --xpath 'concat(/targets/coverage/@reported, "/", /targets/coverage/@expected)' "$T/im.xml")" \
  "$((n - 1))/$n" "im: coverage 已报/应报 in the XML"
same "$(xmllint --xpath 'string(/targets/coverage/missing/@code)' "$T/im.xml")" H150100777 \
  "im: the institution that has not reported is listed in the XML"
pdftotext "$T/im.pdf" - | tr -d ' \n' >"$T/im.txt"
has "$T/im.txt" "已报$((n - 1))家/应报${n}家" "im: coverage on the first page"
has "$T/im.txt" "内蒙古自治区呼和浩特市新城区二级呼和浩特市新城区未报医院" "im: the missing one named with its region and level"
expect 0 "im: targets 2025S1 (no data)" -- report innermongolia2023 targets --region 150000 \
  --period 2025S1 -o "$T/e.pdf" --xml "$T/e.xml"
pdftotext -l 1 "$T/e.pdf" - | tr -d ' \n' >"$T/e.txt"
has "$T/e.txt" "家机构均未报送数据" "im: a period without data says so on its first page"
rm -rf "$T"
