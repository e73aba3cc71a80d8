#!/bin/sh
# innermongolia2023: the catalog checked against the seed (names, sentences,
# comparators, values and deadlines read back from the seed's words), target
# statuses on a small fixture with expectations worked out by hand, and the
# targets report of the examples for 全区 and a 盟市 (pdf-check, XSD).
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/pxr-targets.xsd
export T

# xp FILE XPATH WANT NAME: the XPath's string value in the XML file.
xp() {
  got=$(xmllint --xpath "string($2)" "$1" 2>/dev/null)
  same "$got" "$3" "$4"
}

valid() {
  if xmllint --noout --schema "$XSD" "$1" 2>"$T/xmllint"; then pass "$2"; else
    fail "$2" "$(head -c 400 "$T/xmllint")"
  fi
}

pdf_ok() {
  if "$PDFCHECK" "$1" >"$T/check" 2>&1; then pass "$2"; else
    fail "$2" "$(head -c 400 "$T/check")"
  fi
}

expect 0 "im: init" -- init
expect 0 "im: catalog as CSV" -- catalog innermongolia2023 --format csv
cp "$T/out" "$T/catalog.csv"

py "im: 20 measures numbered 1-20 in 6 sections, the 27 national indicators, 21 targets" '
import csv, os, re
rows = list(csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")))
m = [r for r in rows if r["kind"] == "measure"]
assert [r["code"] for r in m] == [str(i) for i in range(1, 21)], [r["code"] for r in m]
assert len({r["section"] for r in m}) == 6
ei = {r["code"] for r in rows if r["kind"] == "indicator" and re.fullmatch(r"EI\d\d", r["code"])}
assert ei == {"EI%02d" % i for i in range(1, 28)}, sorted(ei)
assert len([r for r in rows if r["kind"] == "indicator" and r["code"].startswith("IM_")]) >= 10
assert len([r for r in rows if r["kind"] == "target"]) == 21
'




# The fixture: four institutions, 2024S1 (2024-01-01 .. 2024-06-30).
#   A H150100901 三级甲等 综合 公立, 有产科, 医联体牵头   (呼和浩特市)
#   B H150100902 三级乙等 中医 公立                       (呼和浩特市)
#   C H150200901 二级甲等 综合 非公立, 有产科             (包头市)
#   D H150200902 一级 综合 公立                           (包头市)
cat >"$T/inst.csv" <<'EOF'
code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead
H150100901,测试甲医院,150100,三级,甲,综合,公立,是,是
H150100902,测试乙中医医院,150100,三级,乙,中医,公立,否,否
H150200901,测试丙医院,150200,二级,甲,综合,非公立,是,否
H150200902,测试丁卫生院,150200,一级,,综合,公立,否,否
EOF
cat >"$T/values.csv" <<'EOF'
institution,period,indicator,value,numerator,denominator
H150100901,2024S1,EI01,60,600,1000
H150100902,2024S1,EI01,50,250,500
H150200901,2024S1,EI01,70,70,100
H150100901,2024S1,EI05,20,,
H150100902,2024S1,EI05,25.5,,
H150100901,2024S1,IM_ONESTOP,是,,
H150100902,2024S1,IM_ONESTOP,否,,
H150200901,2024S1,IM_ONESTOP,否,,
H150100901,2024S1,IM_MDT_TEAMS,2,,
H150100901,2024S1,IM_DDI,31,,
H150100901,2024S1,IM_PAIN_PILOT,否,,
H150200901,2024S1,IM_PAIN_PILOT,是,,
H150200901,2024S1,IM_PAIN_SERVICE,否,,
H150100901,2024S1,EI10,96,96,100
H150200902,2024S1,EI10,90,90,100
H150100901,2024S1,IM_BEDS_DOWN,30,30,100
H150100901,2024S1,IM_PREADMIT,是,,
150100,2024S1,IM_CITY_PLAN,是,,
150200,2024S1,IM_CITY_PLAN,否,,
150100,2024S1,IM_FIVE_CENTERS,否,,
EOF
expect 0 "im: import the fixture" -- import "$T/inst.csv" "$T/values.csv"
expect 0 "im: fixture report for 全区" -- \
  report innermongolia2023 targets --period 2024S1 --region 150000 -o "$T/f.pdf" --xml "$T/f.xml"
valid "$T/f.xml" "im: fixture XML valid"
pdf_ok "$T/f.pdf" "im: fixture pdf-check"
F=$T/f.xml
t() { echo "/targets/target[@code='$1']"; }
u() { echo "/targets/target[@code='$1']/unit[@code='$2']/@status"; }
xp "$F" "/targets/@as_of" 2024-06-30 "im: judged as of the end of 2024S1"

# T01 三级 门诊预约诊疗率 ≥60%, 2023年 (before 2024S1): A 600/1000 = 60 meets (≥);
# B 250/500 = 50 is overdue; C (二级, 70/100) is outside and stays out of the
# pooled rate: (600+250)/(1000+500) = 56.666667% -> 已逾期.
xp "$F" "$(u T01 H150100901)" 已达标 "im: T01 A at exactly 60% meets ≥60%"
xp "$F" "$(u T01 H150100902)" 已逾期 "im: T01 B below 60% after the 2023 deadline: 已逾期"
xp "$F" "$(u T01 H150200901)" 不适用 "im: T01 二级 C: 不适用"
xp "$F" "$(t T01)/@measured" 56.666667 "im: T01 pooled rate 850/1500 over 三级 only"
xp "$F" "$(t T01)/@status" 已逾期 "im: T01 overall 已逾期"
# T04 三级 门诊等候 ≤20分钟, no deadline: A 20 meets, B 25.5 未达标; 1 of 2 -> 未达标.
xp "$F" "$(u T04 H150100902)" 未达标 "im: T04 B 25.5 min: 未达标 (standing target)"
xp "$F" "$(t T04)/@met" 1 "im: T04 one of two meets"
xp "$F" "$(t T04)/@status" 未达标 "im: T04 overall 未达标"
# T05 三级公立 一站式, 2024-05-31 falls within 2024S1: B 否 -> 未达标; C 非公立 二级 -> 不适用.
xp "$F" "$(u T05 H150100902)" 未达标 "im: T05 deadline within the period: 未达标"
xp "$F" "$(u T05 H150200901)" 不适用 "im: T05 非公立 二级 C: 不适用"
# T06 二级以上 一站式, 2025-12-31: B and C 否 -> 未到期; D 一级 -> 不适用; 1 of 3 -> 未到期.
xp "$F" "$(u T06 H150200901)" 未到期 "im: T06 C not yet due"
xp "$F" "$(u T06 H150200902)" 不适用 "im: T06 一级 D: 不适用"
xp "$F" "$(t T06)/@in_scope" 3 "im: T06 three institutions in scope"
xp "$F" "$(t T06)/@status" 未到期 "im: T06 overall 未到期"
# T07 三级甲等综合 MDT ≥3 by 2025: A has 2 -> 未到期; B (乙, 中医) -> 不适用.
xp "$F" "$(u T07 H150100901)" 未到期 "im: T07 A 2 teams: 未到期"
xp "$F" "$(u T07 H150100902)" 不适用 "im: T07 三级乙等中医 B: 不适用"
# T03 预住院: A 是, B reported nothing -> undecided, 无数据 (missing is not met, not zero).
xp "$F" "$(u T03 H150100902)" 无数据 "im: T03 B without a value: 无数据"
xp "$F" "$(t T03)/@status" 无数据 "im: T03 overall 无数据 while the only other one is missing"
# T10 3分钟出车率 ≥95% by 2025, every institution: (96+90)/(100+100) = 93% -> 未到期.
xp "$F" "$(t T10)/@measured" 93 "im: T10 pooled 186/200"
xp "$F" "$(t T10)/@reported" 2 "im: T10 two of four report"
xp "$F" "$(t T10)/@status" 未到期 "im: T10 overall 未到期"
# T11 DDI ≤30, institutions with obstetrics: A 31 -> 未达标, C missing -> 无数据.
xp "$F" "$(u T11 H150100901)" 未达标 "im: T11 A 31 min: 未达标"
xp "$F" "$(u T11 H150200901)" 无数据 "im: T11 C: 无数据"
xp "$F" "$(u T11 H150100902)" 不适用 "im: T11 B without obstetrics: 不适用"
# T15 疼痛综合管理试点医院 by 2023年底: only C answered 试点 是; C 否 -> 已逾期; A (试点 否) 不适用.
xp "$F" "$(u T15 H150200901)" 已逾期 "im: T15 pilot C overdue"
xp "$F" "$(u T15 H150100901)" 不适用 "im: T15 non-pilot A: 不适用"
xp "$F" "$(t T15)/@in_scope" 1 "im: T15 one pilot hospital"
# T18 床位下沉 ≥1/4, 医联体牵头: A 30/100 -> 已达标.
xp "$F" "$(t T18)/@status" 已达标 "im: T18 A 30% meets 1/4"
# T19 盟市 报送实施方案 by 2023-08-31: 150100 是, 150200 否 -> 已逾期; 10 盟市 without data.
xp "$F" "$(u T19 150100)" 已达标 "im: T19 呼和浩特市 已达标"
xp "$F" "$(u T19 150200)" 已逾期 "im: T19 包头市 已逾期"
xp "$F" "$(u T19 150300)" 无数据 "im: T19 乌海市 无数据"
xp "$F" "$(t T19)/@in_scope" 12 "im: T19 the 12 盟市"
xp "$F" "$(t T19)/@status" 已逾期 "im: T19 overall 已逾期"
# The 19 overall statuses: 已达标 T18; 未达标 T04 T05 T11; 已逾期 T01 T15 T19;
# 未到期 T06 T07 T10 T12; 无数据 T02 T03 T08 T09 T13 T14 T16 T17 T20 T21.
xp "$F" "concat(/targets/summary/@met,' ',/targets/summary/@not_met,' ',/targets/summary/@overdue,' ',/targets/summary/@not_due,' ',/targets/summary/@no_data,' ',/targets/summary/@not_applicable)" \
  "1 3 3 4 10 0" "im: summary counts by status"
pdftotext -enc UTF-8 "$T/f.pdf" - | tr -d ' \n\r\t\f' >"$T/f.flat"
has "$T/f.flat" "合计率56.67%" "im: PDF shows the pooled rate, labelled 合计率"
has "$T/f.flat" "“2023年三级医院门诊预约诊疗率不低于60%。”" "im: PDF quotes the seed sentence"

# 包头市 alone: no 三级 hospital -> T01 不适用; T19 its own 否 -> 已逾期.
expect 0 "im: fixture report for 包头市" -- \
  report innermongolia2023 targets --period 2024S1 --region 150200 -o "$T/g.pdf" --xml "$T/g.xml"
valid "$T/g.xml" "im: 包头市 XML valid"
xp "$T/g.xml" "$(t T01)/@status" 不适用 "im: T01 不适用 where there is no 三级 hospital"
xp "$T/g.xml" "$(t T19)/@status" 已逾期 "im: T19 包头市 已逾期"
xp "$T/g.xml" "$(t T10)/@measured" 90 "im: T10 包头市 pooled over D only"
xp "$T/g.xml" "count($(t T01)/unit)" 2 "im: 包头市 report lists its 2 institutions"

expect 1 "im: a region outside 内蒙古 is refused" -- \
  report innermongolia2023 targets --period 2024S1 --region 310000 -o "$T/x.pdf"

# The examples: 全区 and a 盟市, and batch over the declared units.
export PXR_DB="$T/ex.db"
expect 0 "im: init examples db" -- init
expect 0 "im: import the examples" -- import "$E/institutions.csv" "$E/values.csv" \
  "$E/innermongolia2023-values.csv"
for R in 150000 150400; do
  expect 0 "im: examples report for $R" -- \
    report innermongolia2023 targets --period 2024S2 --region $R -o "$T/e$R.pdf" --xml "$T/e$R.xml"
  valid "$T/e$R.xml" "im: examples $R XML valid"
  pdf_ok "$T/e$R.pdf" "im: examples $R pdf-check"
done
# 赤峰市红山东路医院 (三级甲等综合) reports 2 MDT teams in 2024S2: 未到期 until 2025.
want=$(awk -F, '$1=="H150400001" && $2=="2024S2" && $3=="IM_MDT_TEAMS" {print $4}' "$E/innermongolia2023-values.csv")
xp "$T/e150400.xml" "$(t T07)/unit[@code='H150400001']/@value" "$want" "im: 赤峰 MDT teams as in the CSV"
# T01 over 全区: pooled EI01 of the 三级 institutions, computed here from the CSVs.
want=$(awk -F, 'NR==FNR { if ($4=="三级" && $1 ~ /^H15/) t[$1]=1; next }
  ($1 in t) && $2=="2024S2" && $3=="EI01" && $6 != "" { n+=$5; d+=$6 }
  END { printf "%.6f", n/d*100 }' "$E/institutions.csv" "$E/values.csv")
got=$(xmllint --xpath "string($(t T01)/@measured)" "$T/e150000.xml")
same "$(printf '%.6f' "$got")" "$want" "im: T01 全区 pooled rate equals Σnum/Σden of the 三级 rows"
n=$(awk -F, 'NR>1 && $1 ~ /^H15/ { sub(/..$/, "00", $3); print $3 }' "$E/institutions.csv" | sort -u | wc -l)
expect 0 "im: batch over 全区 and the 盟市 with institutions" -- \
  batch innermongolia2023 targets --period 2024S2 --each region -o "$T/batch"
same "$(ls "$T/batch"/*.pdf | wc -l | tr -d ' ')" $((n + 1)) "im: batch wrote 1 + $n reports"
pdftotext -enc UTF-8 "$T/e150000.pdf" - | tr -d ' \n\r\t\f' >"$T/e.flat"
has "$T/e.flat" "三级医院门诊预约诊疗率不低于60%（各盟市合计率）" "im: 全区 chart of a rate target per 盟市"
has "$T/e.flat" "各盟市目标状态" "im: 全区 table of the targets judged per 盟市"
has "$T/e.flat" "赤峰市红山东路医院（三级甲等）" "im: 全区 detail table names the institutions"
pdftotext -enc UTF-8 "$T/e150400.pdf" - | tr -d ' \n\r\t\f' >"$T/m.flat"
has "$T/m.flat" "（各机构）" "im: 盟市 chart per institution"
hasnt "$T/m.flat" "呼和浩特市青禾医院" "im: 赤峰市 report leaves out other 盟市' institutions"
