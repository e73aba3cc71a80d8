#!/bin/sh
# wuyuan2021: the catalog checked against the seed (measures, indicator names,
# target sentences, the 领导小组), the progress report of the examples (statuses
# recomputed from the CSV files with awk and python), and target statuses on a
# small fixture whose expectations are worked out by hand below.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/pxr-progress.xsd
INST=H361130001
export E T

valid() {
  if xmllint --noout --schema "$XSD" "$1" 2>"$T/xmllint"; then pass "$2"; else
    fail "$2" "$(head -c 400 "$T/xmllint")"
  fi
}

pdfok() {
  if "$PDFCHECK" "$1" >"$T/check" 2>&1; then pass "$2"; else
    fail "$2" "$(head -c 400 "$T/check")"
  fi
}

expect 0 "wuyuan2021: init" -- init
expect 0 "wuyuan2021: import the examples" -- import "$E/institutions.csv" \
  "$E/wuyuan2021-departments.csv" "$E/wuyuan2021-status.csv" "$E/wuyuan2021-values.csv"
expect 0 "wuyuan2021: catalog as CSV" -- catalog wuyuan2021 --format csv
cp "$T/out" "$T/catalog.csv"

# The numbered measures "N、title。" (checked against the document by
# tests/sources/wuyuan2021.sh), with their sections, from the catalog.
python3 - "$T/catalog.csv" >"$T/seed-measures" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["kind"] == "measure":
        print("%s\t%s\t%s" % (r["code"], r["name"], r["section"]))
EOF
same "$(wc -l <"$T/seed-measures" | tr -d ' ')" 28 "wuyuan2021: 28 measures"



# The targets the seed quantifies, each with its number and deadline in its sentence.
py "wuyuan2021: targets carry the seed numbers and deadlines of their sentences" '
import csv, os, re
rows = [r for r in csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")) if r["kind"] == "target"]
by_ind = {}
for r in rows:
    s = re.sub(r"\s", "", r["sentence"])
    if r["comparator"] != "=":
        assert r["value"] in s or (r["value"] == "1" and "一次" in s), (r["code"], r["value"], s)
    if r["deadline"]:
        assert r["deadline"].endswith("-12-31") and r["deadline"][:4] + "年" in s, (r["code"], r["deadline"])
    by_ind[r["section"]] = (r["comparator"], r["value"], r["unit"], r["deadline"])
want = {
    "WY_INPAT_APPT": (">=", "30", "%", "2023-12-31"),
    "WY_EXAM_APPT": (">=", "100", "%", "2023-12-31"),
    "WY_APPT_SLOT": ("<=", "30", "分钟", ""),
    "WY_WAIT": ("<=", "15", "分钟", ""),
    "WY_PATHWAY": (">=", "70", "%", "2022-12-31"),
    "WY_EMS_RADIUS": ("<=", "30", "公里", "2023-12-31"),
    "WY_TRAINING": (">=", "1", "次", ""),
}
for k, v in want.items():
    assert by_ind.get(k) == v, (k, by_ind.get(k), v)
'

# The report of the example period (2022S2).
expect 0 "wuyuan2021: progress report" -- \
  report wuyuan2021 progress --period 2022S2 --institution $INST -o "$T/p.pdf" --xml "$T/p.xml"
pdfok "$T/p.pdf" "wuyuan2021: pdf-check"
valid "$T/p.xml" "wuyuan2021: XML valid"
# -raw: content-stream order, one table row after another
pdftotext -raw -enc UTF-8 "$T/p.pdf" - | tr -d ' \n\r\t\f' >"$T/p.flat"
has "$T/p.flat" "改善群众就医体验主题活动推进情况" "wuyuan2021: PDF title"
has "$T/p.flat" "婺源县星江妇幼保健院" "wuyuan2021: PDF names the hospital"
has "$T/p.flat" "2022年下半年" "wuyuan2021: PDF period label"
has "$T/p.flat" "婺妇幼字〔2021〕58号" "wuyuan2021: PDF basis"
has "$T/p.flat" "组长方忠伟（党支部书记）" "wuyuan2021: PDF 组长"
has "$T/p.flat" "副组长张长江（支部副书记）" "wuyuan2021: PDF 副组长"
has "$T/p.flat" "领导下组下设办公室，党办主任石维同志兼任办公室主任" "wuyuan2021: PDF 办公室 quoted"
has "$T/p.flat" "（五）聚焦费用体验，提升控费质量" "wuyuan2021: PDF section heading row"
has "$T/p.flat" "2022年底前，70%出院患者要按照临床路径管理。" "wuyuan2021: PDF quotes a target sentence"

# Statuses of 2022S2 from the CSV, with awk: measure -> status, department.
awk -F, -v p=2022S2 -v u=$INST '$1 == "wuyuan2021" && $3 == u && $4 == p { print $2 "\t" $5 "\t" $6 }' \
  "$E/wuyuan2021-status.csv" >"$T/st"
unreported=$(awk -F'\t' '{ seen[$1] = 1 } END { for (i = 1; i <= 28; i++) if (!(i in seen)) printf "%s ", i }' "$T/st")
[ -n "$unreported" ] && pass "wuyuan2021: the examples leave a measure unreported in 2022S2 ($unreported)" ||
  fail "wuyuan2021: the examples leave a measure unreported in 2022S2"
ST=$T/st UNREP=$unreported py "wuyuan2021: every measure in the XML with its status from the CSV" '
import os, xml.etree.ElementTree as ET
want = {}
for line in open(os.environ["ST"], encoding="utf-8"):
    m, s, d = line.rstrip("\n").split("\t")
    want[m] = (s, d)
unrep = os.environ["UNREP"].split()
root = ET.parse(os.environ["T"] + "/p.xml").getroot()
ms = root.findall("measure")
assert [m.get("code") for m in ms] == [str(i) for i in range(1, 29)], [m.get("code") for m in ms]
for m in ms:
    c = m.get("code")
    if c in unrep:
        assert m.get("status") == "未报告" and m.get("department") is None, m.attrib
    else:
        assert (m.get("status"), m.get("department")) == want[c], (c, m.attrib, want[c])
s = root.find("summary").attrib
for k, v in (("done", "已完成"), ("progressing", "推进中"), ("not_started", "未启动")):
    assert int(s[k]) == sum(1 for x in want.values() if x[0] == v), (k, s)
assert int(s["unreported"]) == len(unrep), s
'
# Each row of the PDF table reads: number, title, department name, status.
n=0
for m in $(seq 1 28); do
  title=$(awk -F'\t' -v m=$m '$1 == m { print $2 }' "$T/seed-measures")
  row=$(awk -F, -v m=$m -v u=$INST 'FNR == 1 { f++ } f == 1 && $1 == u { name[$2] = $3 }
    f == 2 && $2 == m && $3 == u && $4 == "2022S2" { print name[$6] $5 }' \
    "$E/wuyuan2021-departments.csv" "$E/wuyuan2021-status.csv")
  [ -n "$row" ] || row="—未报告"
  grep -qF -- "$m$title$row" "$T/p.flat" || { fail "wuyuan2021: PDF row of measure $m" "no '$m$title$row'"; n=1; }
done
[ $n = 0 ] && pass "wuyuan2021: PDF rows of the 28 measures: title, department and status from the CSV"
has "$T/p.flat" "未报告" "wuyuan2021: PDF shows 未报告"

# Department summary: counts of one department from the CSV, with awk.
awk -F, 'NR > 1 && $4 == "2022S2" && $6 == "MZ" { n++; c[$5]++ } END { print n, c["已完成"] + 0, c["推进中"] + 0, c["未启动"] + 0 }' \
  "$E/wuyuan2021-status.csv" >"$T/mz"
got=$(python3 -c '
import sys, xml.etree.ElementTree as ET
d = [d for d in ET.parse(sys.argv[1]).getroot().findall("department") if d.get("code") == "MZ"][0]
print(d.get("measures"), d.get("done"), d.get("progressing"), d.get("not_started"))' "$T/p.xml")
same "$got" "$(cat "$T/mz")" "wuyuan2021: department 门诊 counts match the CSV"
py "wuyuan2021: department rows add up to the 28 measures" '
import os, xml.etree.ElementTree as ET
root = ET.parse(os.environ["T"] + "/p.xml").getroot()
items = sorted(int(i) for d in root.findall("department") for i in d.get("items").split())
assert items == list(range(1, 29)), items
'


# Target statuses of the examples at 2022S2, from the value CSV (awk) and the plan's dates.
val() { awk -F, -v i="$1" -v p="$2" '$3 == i && $2 == p { print $4 }' "$E/wuyuan2021-values.csv"; }
tstatus() { python3 -c '
import sys, xml.etree.ElementTree as ET
print([t.get("status") for t in ET.parse(sys.argv[1]).getroot().findall("target") if t.get("indicator") == sys.argv[2]][0])' "$1" "$2"; }
pw=$(val WY_PATHWAY 2022S2)
want=$(awk -v x="$pw" 'BEGIN { print (x >= 70 ? "已达标" : "未达标") }') # deadline 2022-12-31 within 2022S2
same "$(tstatus "$T/p.xml" WY_PATHWAY)" "$want" "wuyuan2021: 临床路径 $pw% at the 2022 deadline: $want"
ia=$(val WY_INPAT_APPT 2022S2)
want=$(awk -v x="$ia" 'BEGIN { print (x >= 30 ? "已达标" : "未到期") }') # deadline 2023-12-31 after
same "$(tstatus "$T/p.xml" WY_INPAT_APPT)" "$want" "wuyuan2021: 住院预约 $ia% before 2023: $want"
el=$(val WY_ELDERLY_CHANNEL 2022S2)
want=$([ "$el" = 是 ] && echo 已达标 || echo 已逾期) # deadline 2021-12-31 before
same "$(tstatus "$T/p.xml" WY_ELDERLY_CHANNEL)" "$want" "wuyuan2021: 老年人绿色通道 $el after 2021: $want"

# Batch: the units are the 妇幼 institutions of 婺源县 in institutions.csv.
awk -F, '$3 == "361130" && $6 == "妇幼" { print "wuyuan2021-progress-" $1 "-2022S2.pdf" }' \
  "$E/institutions.csv" | sort >"$T/want-units"
expect 0 "wuyuan2021: batch" -- batch wuyuan2021 progress --period 2022S2 --each institution -o "$T/b"
(cd "$T/b" && ls *.pdf) >"$T/got-units"
same "$(cat "$T/got-units")" "$(cat "$T/want-units")" "wuyuan2021: batch renders the 婺源县 妇幼 hospital only"

# A period with no status at all: all 28 未报告.
expect 0 "wuyuan2021: report of 2021S1" -- \
  report wuyuan2021 progress --period 2021S1 --institution $INST -o "$T/q.pdf" --xml "$T/q.xml"
valid "$T/q.xml" "wuyuan2021: 2021S1 XML valid"
n=$(grep -o 'status="未报告"' "$T/q.xml" | wc -l | tr -d ' ')
same "$n" 28 "wuyuan2021: 2021S1 has no status: 28 measures 未报告"
pdfok "$T/q.pdf" "wuyuan2021: 2021S1 pdf-check"

pxr report wuyuan2021 progress --period 2022 --institution $INST -o "$T/y.pdf"
if [ "$rc" -ne 0 ] && grep -qF "half-year" "$T/err" && [ ! -e "$T/y.pdf" ]; then
  pass "wuyuan2021: a year period is refused"
else fail "wuyuan2021: a year period is refused" "exit $rc: $(head -c 200 "$T/err")"; fi

# Fixture: values chosen at the targets' edges; expected statuses worked out by hand.
FIX=$T/fix.db
cat >"$T/fix-inst.csv" <<'EOF'
code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead
HWYFIX001,婺源县测试妇幼保健院,361130,二级,乙,妇幼,公立,是,否
EOF
cat >"$T/fix-values.csv" <<'EOF'
institution,period,indicator,value,numerator,denominator
HWYFIX001,2022S1,WY_PATHWAY,69.99,,
HWYFIX001,2022S2,WY_PATHWAY,69.99,,
HWYFIX001,2023S1,WY_PATHWAY,69.99,,
HWYFIX001,2023S2,WY_PATHWAY,70,,
HWYFIX001,2023S1,WY_INPAT_APPT,30,300,1000
HWYFIX001,2023S2,WY_INPAT_APPT,29.9,299,1000
HWYFIX001,2023S1,WY_WAIT,15,,
HWYFIX001,2023S2,WY_WAIT,15.1,,
HWYFIX001,2021S2,WY_ELDERLY_CHANNEL,否,,
HWYFIX001,2022S1,WY_ELDERLY_CHANNEL,是,,
HWYFIX001,2023S1,WY_TRAINING,0,,
HWYFIX001,2023S2,WY_TRAINING,1,,
EOF
expect 0 "wuyuan2021: fixture database" -- --db "$FIX" init
expect 0 "wuyuan2021: fixture import" -- --db "$FIX" import "$T/fix-inst.csv" "$T/fix-values.csv"
for p in 2021S2 2022S1 2022S2 2023S1 2023S2; do
  pxr --db "$FIX" report wuyuan2021 progress --period $p --institution HWYFIX001 -o "$T/f$p.pdf" --xml "$T/f$p.xml"
done
check_t() { # period indicator want why
  same "$(tstatus "$T/f$1.xml" "$2")" "$3" "wuyuan2021: fixture $1 $2 → $3 ($4)"
}
check_t 2022S1 WY_PATHWAY 未到期 "69.99 < 70, deadline 2022-12-31 after the period"
check_t 2022S2 WY_PATHWAY 未达标 "69.99 < 70, deadline within the period"
check_t 2023S1 WY_PATHWAY 已逾期 "69.99 < 70, deadline passed"
check_t 2023S2 WY_PATHWAY 已达标 "70 reaches 70%"
check_t 2023S1 WY_INPAT_APPT 已达标 "30% is 30%以上"
check_t 2023S2 WY_INPAT_APPT 未达标 "29.9 < 30 in the deadline's period"
check_t 2022S2 WY_INPAT_APPT 无数据 "no value is not zero"
check_t 2023S1 WY_WAIT 已达标 "15 is 不超过15分"
check_t 2023S2 WY_WAIT 未达标 "15.1 > 15, no deadline: standing"
check_t 2021S2 WY_ELDERLY_CHANNEL 未达标 "否 in the deadline's period"
check_t 2022S1 WY_ELDERLY_CHANNEL 已达标 "是, late but done"
check_t 2022S2 WY_ELDERLY_CHANNEL 无数据 "not reported"
check_t 2023S1 WY_TRAINING 未达标 "0 training in a half-year"
check_t 2023S2 WY_TRAINING 已达标 "1 training in a half-year"
valid "$T/f2023S2.xml" "wuyuan2021: fixture XML valid"
rm -rf "$T"
