#!/bin/sh
# nhc2016: the catalog checked against seed 003 (10 key works, every field of the
# 汇总表 by name and by count), and the summary report of the example provinces:
# figures recomputed here from the CSV files with awk and found in the XML,
# the XML validated against its XSD, the PDF through pdf-check.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/nhc2016-summary.xsd
export T

expect 0 "nhc2016: init" -- init
expect 0 "nhc2016: import regions, institutions and the 2016 values" -- \
  import "$E/institutions.csv" "$E/nhc2016-values.csv"
expect 0 "nhc2016: catalog as CSV" -- catalog nhc2016 --format csv
cp "$T/out" "$T/catalog.csv"

# The 汇总表 has 52 fields (tests/sources/nhc2016.sh counts them in the document).
same "$(grep -c '^field,' "$T/catalog.csv")" 52 "nhc2016: the catalog has the 52 fields of the form"


py "nhc2016: 10 key works numbered 1-10, 7 form sections, targets quote their sentence" '
import csv, os, sqlite3
db = sqlite3.connect(os.environ["PXR_DB"])
rows = db.execute("SELECT code FROM measure WHERE plugin = ? ORDER BY seq", ("nhc2016",)).fetchall()
assert [r[0] for r in rows] == [str(i) for i in range(1, 11)], rows
cat = list(csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")))
fields = [r for r in cat if r["kind"] == "field"]
assert len({r["section"] for r in fields if r["section"] not in ("表头", "表尾")}) == 7
t = {r["code"]: r for r in cat if r["kind"] == "target"}
assert all(r["sentence"] for r in t.values())
assert t["NURSE_BED"]["comparator"] == ">=" and float(t["NURSE_BED"]["value"]) == 0.4
assert t["APPT_HOUR"]["comparator"] == "="
'




# summary <region> <period>: renders the form; XML in $T/s.xml
summary() {
  expect 0 "nhc2016: summary $1 $2" -- report nhc2016 summary --period "$2" --region "$1" \
    -o "$T/s-$1-$2.pdf" --xml "$T/s-$1-$2.xml"
  if xmllint --noout --schema "$XSD" "$T/s-$1-$2.xml" 2>"$T/xl"; then pass "nhc2016: XML $1 $2 valid"
  else fail "nhc2016: XML $1 $2 valid" "$(head -c 300 "$T/xl")"; fi
  if "$PDFCHECK" "$T/s-$1-$2.pdf" >"$T/pc" 2>&1; then pass "nhc2016: pdf-check $1 $2"
  else fail "nhc2016: pdf-check $1 $2" "$(tail -3 "$T/pc")"; fi
}

# attr FILE CODE ATTR: an attribute of the field with that code.
attr() { xmllint --xpath "string(//field[@code='$2']/@$3)" "$1"; }

# insts PROVINCE LEVELS: codes of the province's institutions (region code starts
# with the province's first two digits) of those levels ("" = all), one a line.
insts() {
  awk -F, -v p="$(echo "$1" | cut -c1-2)" -v lv="$2" \
    'NR > 1 && substr($3, 1, 2) == p && (lv == "" || index(lv, $4)) { print $1 }' "$E/institutions.csv"
}
# yes PROVINCE PERIOD IND LEVELS: institutions answering 是.
yes() {
  insts "$1" "$4" >"$T/in"
  awk -F, -v per="$2" -v ind="$3" 'NR == FNR { want[$1] = 1; next }
    want[$1] && $2 == per && $3 == ind && $4 != "" { r++ }
    want[$1] && $2 == per && $3 == ind && $4 == "是" { n++ }
    END { if (r) print n + 0; else print "" }' "$T/in" "$E/nhc2016-values.csv"  # no report: missing, not 0
}
# agg PROVINCE PERIOD IND LEVELS mean|sum: over the institutions that report IND;
# a rate is numerator/denominator×100 (the CSV gives the parts).
agg() {
  insts "$1" "$4" >"$T/in"
  awk -F, -v per="$2" -v ind="$3" -v op="$5" 'NR == FNR { want[$1] = 1; next }
    want[$1] && $2 == per && $3 == ind { x = ($4 != "") ? $4 : $5 / $6 * 100; s += x; n++ }
    END { if (op == "sum") printf "%.6f\n", s; else printf "%.6f\n", s / n }' "$T/in" "$E/nhc2016-values.csv"
}
# close A B NAME: two numbers agree to 1e-4.
close() {
  if awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 1e-4 && d > -1e-4) }'
  then pass "$3"; else fail "$3" "got '$1', want '$2'"; fi
}

for P in 150000 310000 360000; do
  for PER in 2016S1 2016; do
    summary $P $PER
    X=$T/s-$P-$PER.xml
    same "$(attr "$X" HZ03 value)" "$(yes $P $PER F16_APPT "")" \
      "nhc2016: $P $PER 开展预约诊疗的医疗机构 = count of 是"
    same "$(attr "$X" HZ04 value)" "$(yes $P $PER F16_APPT 三级)" "nhc2016: $P $PER 其中三级医院数量"
    n3=$(insts $P 三级 | wc -l)
    q=$(yes $P $PER F16_QUALITY_NURSING 三级)
    if [ "$n3" -gt 0 ]; then
      close "$(attr "$X" HZ27 value)" "$(awk -v a="$q" -v b="$n3" 'BEGIN { print a / b * 100 }')" \
        "nhc2016: $P $PER 优质护理 占三级医院比例 = yes / all tertiary"
      same "$(attr "$X" HZ27 denominator)" "$n3" "nhc2016: $P $PER share's denominator = tertiary count"
    fi
    close "$(attr "$X" HZ12 value)" "$(agg $P $PER F16_REPORT_TIME_LAB "" mean)" \
      "nhc2016: $P $PER 急诊临检项目 = mean of institutions"
    same "$(attr "$X" HZ44 value)" "$(agg $P $PER F16_VOLUNTEERS "" sum | awk '{ printf "%d", $1 }')" \
      "nhc2016: $P $PER 志愿者总数 = sum"
  done
done

X=$T/s-150000-2016.xml
close "$(attr "$X" HZ07 value)" "$(agg 150000 2016 F16_APPT_RATE 三级 mean)" \
  "nhc2016: 三级医院平均预约诊疗率 = mean of institution rates (not pooled)"
close "$(attr "$X" HZ37 value)" "$(agg 150000 2016 F16_PATHWAY_CASES "" sum)" "nhc2016: 临床路径管理病例总数 = sum"
# 医疗纠纷人民调解: the 盟市 rows below 150000, numerators summed
cov=$(awk -F, '$1 ~ /^15/ && $2 == "2016" && $3 == "F16_MEDIATION" { n += $5; d += $6 } END { print n, n / d * 100 }' "$E/nhc2016-values.csv")
same "$(attr "$X" HZ45 value)" "${cov% *}" "nhc2016: 覆盖县 数量 = Σ numerators of the 盟市"
close "$(attr "$X" HZ46 value)" "${cov#* }" "nhc2016: 覆盖县 占比 = Σ numerators / Σ denominators"
same "$(attr "$X" HZ18 display)" "是" "nhc2016: the province's own 是否已协调医保 answer"
same "$(attr "$X" HZ51 value)" "" "nhc2016: 联系人 is left to fill in by hand"
same "$(xmllint --xpath 'string(/summary/@due)' "$X")" "2017-01-15" "nhc2016: the annual form 2016 is due 2017-01-15"

# H150500001 sent no 预约诊疗率 in 2016S1: the mean is over the other 5, and the
# form says so rather than counting a 0.
X=$T/s-150000-2016S1.xml
same "$(attr "$X" HZ07 reported)/$(attr "$X" HZ07 population)" "5/6" "nhc2016: a missing rate is not a 0"
pdftotext "$T/s-150000-2016S1.pdf" - | tr -d '\n' >"$T/s.txt"
has "$T/s.txt" "三级医院平均预约诊疗率5/6" "nhc2016: the PDF names the partly reported field"
has "$T/s.txt" "改善医疗服务行动计划工作信息汇总表" "nhc2016: PDF title"
has "$T/s.txt" "省（区、市）卫生计生委盖章" "nhc2016: PDF header line"
has "$T/s.txt" "联系人" "nhc2016: PDF footer line"
# H310118001 (二级) sent nothing in 2016S1: it stays in the denominator of the
# share of secondary hospitals, and is named in the notes
n2=$(insts 310000 二级 | wc -l)
close "$(attr "$T/s-310000-2016S1.xml" HZ29 value)" \
  "$(awk -v a="$(yes 310000 2016S1 F16_QUALITY_NURSING 二级)" -v b="$n2" 'BEGIN { print a / b * 100 }')" \
  "nhc2016: 占二级医院比例 counts a silent hospital in the denominator"

pdftotext "$T/s-310000-2016S1.pdf" - | tr -d '\n' >"$T/s.txt"
has "$T/s.txt" "本期未报送数据的医疗机构：上海青浦珠溪医院" "nhc2016: a silent institution is named"

expect 1 "nhc2016: summary refuses a prefecture" -- report nhc2016 summary --period 2016S1 \
  --region 150100 -o "$T/x.pdf"
has "$T/err" "filled by a province" "nhc2016: the error says why"
expect 0 "nhc2016: batch over the provinces with institutions" -- batch nhc2016 summary \
  --period 2016 --each region -o "$T/batch"
nprov=$(awk -F, 'NR > 1 { print substr($3, 1, 2) }' "$E/institutions.csv" | sort -u | wc -l | tr -d ' ')
same "$(ls "$T/batch"/*.pdf | wc -l | tr -d ' ')" "$nprov" "nhc2016: batch renders the $nprov provinces with institutions"
