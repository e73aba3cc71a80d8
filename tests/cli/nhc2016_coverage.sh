#!/bin/sh
# nhc2016's 报送情况 (已报/应报), its list of institutions that sent nothing and the
# 已填报/应填报 counts of its notes are one definition, pxr.coverage over the form's own
# answers: an institution that sent values for other plans only (here EI01 of the
# national evaluation) has not reported the 汇总表's answers.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
export T

cat >"$T/inst.csv" <<'CSV'
code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead
H150100099,呼和浩特市别册医院,150100,二级,甲,综合,公立,否,否
CSV
cat >"$T/other.csv" <<'CSV'
institution,period,indicator,value,numerator,denominator
H150100099,2016S1,EI01,50,50,100
CSV
pxr init >/dev/null
pxr import "$E/institutions.csv" "$E/nhc2016-values.csv" "$T/inst.csv" "$T/other.csv" ||
  fail "import" "$(head -c 300 "$T/err")"
n=$(awk -F, 'NR > 1 && $3 ~ /^15/' "$E/institutions.csv" "$T/inst.csv" | wc -l | tr -d ' ')
k=$(awk -F, '$1 ~ /^H15/ && $2 == "2016S1" && $3 ~ /^F16_/ { print $1 }' "$E/nhc2016-values.csv" | sort -u | wc -l | tr -d ' ')

expect 0 "nhc2016 summary 150000 2016S1" -- report nhc2016 summary --region 150000 --period 2016S1 \
  -o "$T/s.pdf" --xml "$T/s.xml"
pdftotext "$T/s.pdf" - | tr -d ' \n' >"$T/s.txt"
x() { xmllint --xpath "$1" "$T/s.xml" 2>/dev/null; }
same "$(x 'string(//coverage/@expected)')/$(x 'string(//coverage/@reported)')" "$n/$k" \
  "coverage: $k of $n reported the form's answers (EI01 alone is not the 汇总表)"
same "$(x 'string(//coverage/missing/@code)')" H150100099 "coverage: the institution with EI01 only is missing"
has "$T/s.txt" "已报${k}家/应报${n}家" "pdf: 已报${k}家/应报${n}家"
has "$T/s.txt" "本期未报送数据的医疗机构：呼和浩特市别册医院" "pdf: the notes name the same institution"
# the notes and the coverage line name the same institutions, whatever the data
py "the notes' 未报送 list is the coverage's missing list" '
import re, subprocess, os
t = open(os.environ["T"] + "/s.txt", encoding="utf-8").read()
notes = re.search("本期未报送数据的医疗机构：(.*?)（不计入", t).group(1).split("、")
xml = subprocess.run(["xmllint", "--xpath", "//coverage/missing/@name", os.environ["T"] + "/s.xml"],
                     capture_output=True, text=True).stdout
cov = re.findall(r"name=\"([^\"]*)\"", xml)
assert sorted(notes) == sorted(cov), (notes, cov)
'
rm -rf "$T"
