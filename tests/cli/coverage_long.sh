#!/bin/sh
# A long list of institutions that have not reported is summarised, not printed:
# past pxr.coverage.LIST (50) names, the nhc2023 and innermongolia2023 summaries give
# the count, the counts by region and level and the first 50 names, and say how many
# more there are, in the PDF and in the XML (missing=, listed=, <missing_group>).  A
# short list is whole.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
pxr init >/dev/null
pxr import "$E"/*.csv "$E"/*-narratives-*.md || fail "import the examples" "$(head -c 300 "$T/err")"
# 120 institutions in Inner Mongolia and 60 in Shanghai that never report
awk 'BEGIN {
  print "code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead"
  for (i = 1; i <= 120; i++)
    printf "M15%05d,未报医院%d,%s,%s,甲,综合,公立,否,否\n", i, i, (i % 2 ? "150102" : "150203"), (i % 3 ? "二级" : "三级")
  for (i = 1; i <= 60; i++)
    printf "M31%05d,上海未报医院%d,%s,二级,甲,综合,公立,否,否\n", i, i, (i % 2 ? "310101" : "310104")
}' >"$T/new.csv"
pxr import "$T/new.csv" >/dev/null || fail "import the unreported institutions" "$(head -c 300 "$T/err")"

# check NAME XSD XML PDF MISSING: the XML valid, the missing counted and 50 listed
check() {
  xmllint --noout --schema "$ROOT/reports/schema/$2" "$3" 2>"$T/xl" &&
    pass "$1: XML valid" || fail "$1: XML valid" "$(head -c 300 "$T/xl")"
  same "$(xmllint --xpath 'concat(//coverage/@missing, " ", //coverage/@listed, " ", count(//coverage/missing))' "$3")" \
    "$5 50 50" "$1: XML counts $5 missing and lists 50"
  same "$(xmllint --xpath 'sum(//coverage/missing_group/@count)' "$3")" "$5" \
    "$1: the XML's groups by region and level add up to the missing"
  pdftotext "$4" - | tr -d ' \n' >"$T/txt"
  has "$T/txt" "本期未报送的机构共$5家，按地区和级别：" "$1: the PDF gives the count, by region and level"
  has "$T/txt" "另有$(($5 - 50))家未列出。" "$1: the PDF says how many more are not listed"
  hasnt "$T/txt" "未报医院120；" "$1: the PDF does not list every one"
  "$PDFCHECK" "$4" >"$T/pc" 2>&1 && pass "$1: pdf-check" || fail "$1: pdf-check" "$(head -c 300 "$T/pc")"
}

expect 0 "nhc2023 national summary" -- report nhc2023 summary --region 100000 --period 2024S2 \
  -o "$T/cn.pdf" --xml "$T/cn.xml"
check "nhc2023 100000" pxr-summary.xsd "$T/cn.xml" "$T/cn.pdf" 180
pdftotext "$T/cn.pdf" - | tr -d ' \n' >"$T/txt"
has "$T/txt" "内蒙古自治区三级40家、内蒙古自治区二级80家、上海市二级60家" "nhc2023 100000: counted by province and level"
same "$(xmllint --xpath 'string(//coverage/missing[1]/@code)' "$T/cn.xml")" M1500003 \
  "nhc2023 100000: the first listed is the first by region, level (三级 first) and code"

expect 0 "innermongolia2023 targets 150000" -- report innermongolia2023 targets --region 150000 \
  --period 2024S2 -o "$T/im.pdf" --xml "$T/im.xml"
check "innermongolia2023 150000" pxr-targets.xsd "$T/im.xml" "$T/im.pdf" 120
has "$T/txt" "呼和浩特市三级20家、呼和浩特市二级40家、包头市三级20家、包头市二级40家" \
  "innermongolia2023 150000: counted by 盟市 and level"

# a short list is printed whole, without groups (a district of 30)
expect 0 "nhc2023 summary of 310104" -- report nhc2023 summary --region 310104 --period 2024S2 \
  -o "$T/xh.pdf" --xml "$T/xh.xml"
same "$(xmllint --xpath 'concat(count(//coverage/missing), " ", count(//coverage/missing_group), " ", count(//coverage/@listed))' "$T/xh.xml")" \
  "30 0 0" "a list of 30 is whole, without groups"
rm -rf "$T"
