#!/bin/sh
# The summaries count right (issue 9): indicators 9 and 10 (院前医疗急救) apply to the
# units that report them, as `pxr validate` asks them (pxr.asked), so their 适用 count
# is not every institution; and a value of another plan's indicator is no report to
# this one: nhc2023's summary and shanghai2023's semiannual count an institution as
# reported only for a value of the plan's own indicators (pxr.coverage.codes).
. "$(dirname "$0")/../lib.sh"
pxr init >/dev/null
cat >"$T/inst.csv" <<'CSV'
code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead
H150100901,呼和浩特市急救联网医院,150102,三级,甲,综合,公立,否,否
H150100902,呼和浩特市二级甲医院,150102,二级,甲,综合,公立,否,否
H150100903,呼和浩特市只报地方指标医院,150102,二级,甲,综合,公立,否,否
H310101901,上海市黄浦区报送医院,310101,三级,甲,综合,公立,否,否
H310101902,上海市黄浦区只报他方指标医院,310101,二级,甲,综合,公立,否,否
CSV
# 901 runs a 120 station (9, 10); 903 and 310101902 report only Inner Mongolia's IM_SLOT
{
  echo "institution,period,indicator,value,numerator,denominator"
  for p in 2024S1 2024S2; do
    echo "H150100901,$p,EI01,,600,1000"
    echo "H150100901,$p,EI09,40,,"
    echo "H150100901,$p,EI10,,95,100"
    echo "H150100902,$p,EI01,,500,1000"
    echo "H150100903,$p,IM_SLOT,30,,"
    echo "H310101901,$p,EI01,,700,1000"
    echo "H310101902,$p,IM_SLOT,30,,"
  done
} >"$T/values.csv"
expect 0 "counts: import" -- import "$T/inst.csv" "$T/values.csv"

expect 0 "counts: nhc2023 summary of 150100" -- report nhc2023 summary --region 150100 \
  --period 2024S2 -o "$T/n.pdf" --xml "$T/n.xml"
xmllint --noout --schema "$ROOT/reports/schema/pxr-summary.xsd" "$T/n.xml" 2>"$T/xl" &&
  pass "counts: nhc2023 XML valid" || fail "counts: nhc2023 XML valid" "$(head -c 300 "$T/xl")"
g() { xmllint --xpath "string(//indicator[@code='$1']/group[@level='$2']/@$3)" "$T/n.xml"; }
same "$(g EI09 合计 applicable)/$(g EI09 合计 reported)" "1/1" \
  "counts: 120呼叫反应时间 applies to the one unit that reports it, not to all 3"
same "$(g EI10 合计 applicable)" "1" "counts: 3分钟出车率 likewise"
same "$(g EI10 二级 applicable)" "0" "counts: no 二级 hospital reports 3分钟出车率: none in its scope"
same "$(g EI01 合计 applicable)/$(g EI01 合计 reported)" "3/2" \
  "counts: 门诊患者预约诊疗率 still applies to every institution"
same "$(xmllint --xpath 'concat(//coverage/@reported, "/", //coverage/@expected, "/", //coverage/@previous_reported)' "$T/n.xml")" \
  "2/3/2" "counts: nhc2023 coverage: a value of IM_SLOT alone is no report to the national plan"
same "$(xmllint --xpath 'string(//coverage/missing/@code)' "$T/n.xml")" H150100903 \
  "counts: nhc2023 lists the institution that reported only another plan's indicator"
pdftotext "$T/n.pdf" - | tr -d ' \n' >"$T/n.txt"
has "$T/n.txt" "已报2家/应报3家" "counts: nhc2023 coverage in the PDF"
has "$T/n.txt" "只报地方指标医院" "counts: nhc2023 names the one missing in the PDF"
has "$T/n.txt" "适用机构为开展该项工作、填报本项的单位" "counts: the note says whom 9 and 10 apply to"
$PDFCHECK "$T/n.pdf" >"$T/pc" 2>&1 && pass "counts: nhc2023 PDF passes the checks" ||
  fail "counts: nhc2023 PDF passes the checks" "$(head -c 300 "$T/pc")"

expect 0 "counts: shanghai2023 semiannual of 310101" -- report shanghai2023 semiannual \
  --region 310101 --period 2024S1 -o "$T/s.pdf" --xml "$T/s.xml"
xmllint --noout --schema "$ROOT/reports/schema/shanghai2023-semiannual.xsd" "$T/s.xml" 2>"$T/xl" &&
  pass "counts: shanghai XML valid" || fail "counts: shanghai XML valid" "$(head -c 300 "$T/xl")"
same "$(xmllint --xpath 'concat(//coverage/@reported, "/", //coverage/@expected, "/", //coverage/missing/@code)' "$T/s.xml")" \
  "1/2/H310101902" "counts: shanghai coverage counts only the plan's own indicators"
pdftotext "$T/s.pdf" - | tr -d ' \n' >"$T/s.txt"
has "$T/s.txt" "已报1家/应报2家" "counts: shanghai coverage in the PDF"
