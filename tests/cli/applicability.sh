#!/bin/sh
# Applicability: indicator 15 (中医医院以中医为主治疗的出院患者比例) applies to 中医,
# 蒙医 and other 民族医 hospitals and 中西医结合 hospitals only (our reading, in the
# catalog) — 不适用 elsewhere in the template, the evaluation, the summaries' 适用
# counts and validate; IM_PAIN_SERVICE is asked of 疼痛综合管理试点医院 only.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples

pxr init >/dev/null
pxr import "$E"/*.csv "$E"/*-narratives-*.md || fail "import the examples" "$(head -c 300 "$T/err")"

# the catalog records the scope as a reading
expect 0 "catalog nhc2023" -- catalog nhc2023 --format csv
same "$(awk -F, '$2 == "EI15" { print $7 }' "$T/out")" tcm "catalog: EI15 applicability tcm"
has "$T/out" "reading (not marked in the seed): applies to 中医医院" "catalog: EI15's scope is recorded as our reading"

# template: 综合 不适用, 蒙医 and 中西医结合 适用
for spec in "H150100001 不适用" "H150100002 适用" "H150500001 适用"; do
  set -- $spec
  expect 0 "template for $1" -- template nhc2023 --period 2024S2 --institution "$1" -o "$T/$1.csv"
  same "$(awk -F, '$3 == "EI15" { sub(/（.*/, "", $7); print $7 }' "$T/$1.csv")" "$2" "template: EI15 is $2 for $1"
done

# evaluation
for spec in "H150100001 不适用" "H150400002 已填报"; do
  set -- $spec
  expect 0 "evaluation of $1" -- report nhc2023 evaluation --period 2024S2 --institution "$1" \
    -o "$T/e$1.pdf" --xml "$T/e$1.xml"
  same "$(xmllint --xpath "string(//indicator[@code='EI15']/@status)" "$T/e$1.xml")" "$2" \
    "evaluation: EI15 of $1 is $2"
done

# summary: 适用 = the 中医/民族医/中西医结合 hospitals of 内蒙古, counted here from the CSV
ntcm=$(awk -F, 'NR > 1 && $3 ~ /^15/ && $6 ~ /^(中医|蒙医|藏医|维医|傣医|壮医|民族医|中西医结合)$/' "$E/institutions.csv" | wc -l | tr -d ' ')
expect 0 "nhc2023 summary 150000" -- report nhc2023 summary --region 150000 --period 2024S2 \
  -o "$T/s.pdf" --xml "$T/s.xml"
same "$(xmllint --xpath "string(//indicator[@code='EI15']/group[@level='合计']/@applicable)" "$T/s.xml")" \
  "$ntcm" "summary: EI15 applies to the $ntcm 中医/民族医/中西医结合 hospitals"

# validate: a 综合 hospital reporting EI15 is told it does not apply; IM_PAIN_SERVICE is
# not asked of hospitals that are not pilots, and is asked of one that is
cat >"$T/v.csv" <<'EOF'
institution,period,indicator,value,numerator,denominator
H150100001,2024S2,EI15,80,80,100
H150200001,2024S2,IM_PAIN_PILOT,是,,
EOF
pxr import "$T/v.csv"
has "$T/err" "v.csv:2:24: field 'value' = '80': indicator EI15 applies only to 中医医院" \
  "import: EI15 at a 综合 hospital is a warning, as validate says"
pxr validate --plugin innermongolia2023 --period 2024S2 -o "$T/viol.csv"
awk -F, '$5 == "EI15" && $2 == "H150100001" { print $6 }' "$T/viol.csv" >"$T/ei15"
has "$T/ei15" applicability "validate: EI15 at a 综合 hospital is flagged as not applicable"
hasnt "$T/ei15" missing "validate: EI15 is not asked of a 综合 hospital"
same "$(awk -F, '$5 == "EI15" && $2 == "H150100002" && $6 == "missing"' "$T/viol.csv" | wc -l | tr -d ' ')" 0 \
  "validate: the 蒙医 hospital reported EI15 (not missing)"
same "$(awk -F, '$5 == "IM_PAIN_SERVICE" && $6 == "missing" { print $2 }' "$T/viol.csv" | sort | tr '\n' ' ')" \
  "H150200001 " "validate: IM_PAIN_SERVICE is asked only of the pilot that has not reported it"

# import warns of exactly the values validate finds not applicable (one scope rule): an
# institution of every kind, with and without 产科 and 牵头, reporting ▲, ＃ and tcm indicators
python3 - "$T" <<'PY'
import csv, sys
T = sys.argv[1]
inst = csv.writer(open(T + "/k-inst.csv", "w", encoding="utf-8", newline=""))
# one file per indicator: an import lists 20 warnings a file, then counts them
vals = {}
for ind in ["EI15", "EI16", "EI02"]:
    vals[ind] = csv.writer(open(T + "/k-%s.csv" % ind, "w", encoding="utf-8", newline=""))
    vals[ind].writerow(["institution", "period", "indicator", "value", "numerator", "denominator"])
inst.writerow(["code", "name", "region", "level", "grade", "kind", "ownership", "obstetrics", "alliance_lead"])
n = 0
for kind in ["综合", "中医", "蒙医", "中西医结合", "妇幼", "专科"]:
    for level, obst, lead in [("三级", "否", "否"), ("二级", "是", "否"), ("二级", "否", "是")]:
        n += 1
        code = "K1501%03d" % n
        inst.writerow([code, "类别%d医院" % n, "150100", level, "甲", kind, "公立", obst, lead])
        for ind in ["EI15", "EI16", "EI02"]:
            vals[ind].writerow([code, "2025S1", ind, "50", "50", "100"])
PY
pxr import "$T/k-inst.csv" "$T"/k-EI*.csv || fail "kinds: import" "$(head -c 300 "$T/err")"
grep -o "indicator EI[0-9]* applies only to [^,]*, which K[0-9]* is not" "$T/err" |
  awk '{ print $NF == "not" ? $(NF-2) "," $2 : "" }' | sort >"$T/import-na"
pxr validate --plugin nhc2023 --period 2025S1 -o "$T/k-viol.csv"
awk -F, '$6 == "applicability" && $2 ~ /^K/ { print $2 "," $5 }' "$T/k-viol.csv" | sort >"$T/validate-na"
[ "$(wc -l <"$T/validate-na")" -ge 20 ] && pass "kinds: validate finds values that do not apply" ||
  fail "kinds: validate's applicability warnings" "$(wc -l <"$T/validate-na") only"
cmp -s "$T/import-na" "$T/validate-na" && pass "kinds: import warns of exactly what validate finds not applicable" ||
  fail "kinds: import and validate agree" "$(diff "$T/import-na" "$T/validate-na" | head -5 | tr '\n' ' ')"
rm -rf "$T"
