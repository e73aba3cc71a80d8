#!/bin/sh
# Missing is never zero, and the 2016 form at year end is the annual form:
# nhc2016 summary for a province without data printed 开展日间手术总例数 0 (XML
# reported="0" value="0"); the 12/31 form was filed as 2016S2, and --period 2016
# printed — everywhere.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/nhc2016-summary.xsd

pxr init >/dev/null
pxr import "$E"/*.csv "$E"/*-narratives-*.md || fail "import the examples" "$(head -c 300 "$T/err")"

# 北京市 has no institution in the examples: every computed cell is missing
expect 0 "nhc2016: 北京市 2016" -- report nhc2016 summary --region 110000 --period 2016 \
  -o "$T/bj.pdf" --xml "$T/bj.xml"
xmllint --noout --schema "$XSD" "$T/bj.xml" 2>"$T/xl" && pass "nhc2016: XML valid" ||
  fail "nhc2016: XML valid" "$(head -c 300 "$T/xl")"
same "$(xmllint --xpath 'count(//field[@reported="0" and @value])' "$T/bj.xml")" 0 \
  "nhc2016: no figure over no reports has a value"
same "$(xmllint --xpath 'string(//field[@code="HZ03"]/@status)' "$T/bj.xml")" 未填报 \
  "nhc2016: a count over no reports is 未填报 in the XML"
pdftotext -layout "$T/bj.pdf" - >"$T/bj.txt"
same "$(grep -c '开展日间手术总例数（例） *—' "$T/bj.txt")" 1 "nhc2016: 开展日间手术总例数 shows — in the PDF"
same "$(grep -cE '（(个|例|家)） +0$' "$T/bj.txt" | tr -d ' ')" 0 "nhc2016: no count of the empty form prints 0"

# the annual form: period 2016, as of 12-31, due 2017-01-15, with the year's figures
expect 0 "nhc2016: 内蒙古 annual 2016" -- report nhc2016 summary --region 150000 --period 2016 \
  -o "$T/im.pdf" --xml "$T/im.xml"
same "$(xmllint --xpath 'concat(/summary/@as_of, " ", /summary/@due)' "$T/im.xml")" "2016-12-31 2017-01-15" \
  "nhc2016: the annual form is as of 2016-12-31, due 2017-01-15"
want=$(awk -F, '$1 ~ /^H15/ && $2 == "2016" && $3 == "F16_APPT" && $4 == "是"' "$E/nhc2016-values.csv" | wc -l | tr -d ' ')
same "$(xmllint --xpath 'string(//field[@code="HZ03"]/@value)' "$T/im.xml")" "$want" \
  "nhc2016: the annual form counts the year's answers ($want 是)"
pdftotext "$T/im.pdf" - | tr -d ' \n' >"$T/im.flat"
has "$T/im.flat" "2016年（年度）" "nhc2016: the PDF says it is the annual form"
expect 0 "nhc2016: half-year 2016S1" -- report nhc2016 summary --region 150000 --period 2016S1 \
  -o "$T/h.pdf" --xml "$T/h.xml"
same "$(xmllint --xpath 'concat(/summary/@as_of, " ", /summary/@due)' "$T/h.xml")" "2016-06-30 2016-07-15" \
  "nhc2016: the half-year form is as of 2016-06-30, due 2016-07-15"
expect 1 "nhc2016: there is no 2016S2 form" -- report nhc2016 summary --region 150000 --period 2016S2 -o "$T/x.pdf"
has "$T/err" "2016 (the annual form, due 2017-01-15)" "nhc2016: the refusal names the annual form"
pxr plugins --reports
has "$T/out" "nhc2016 summary region 2016" "nhc2016: the example period is the annual form"
rm -rf "$T"
