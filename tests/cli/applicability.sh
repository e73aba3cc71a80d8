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
pxr import "$T/v.csv" >/dev/null
pxr validate --plugin innermongolia2023 --period 2024S2 -o "$T/viol.csv"
awk -F, '$5 == "EI15" && $2 == "H150100001" { print $6 }' "$T/viol.csv" >"$T/ei15"
has "$T/ei15" applicability "validate: EI15 at a 综合 hospital is flagged as not applicable"
hasnt "$T/ei15" missing "validate: EI15 is not asked of a 综合 hospital"
same "$(awk -F, '$5 == "EI15" && $2 == "H150100002" && $6 == "missing"' "$T/viol.csv" | wc -l | tr -d ' ')" 0 \
  "validate: the 蒙医 hospital reported EI15 (not missing)"
same "$(awk -F, '$5 == "IM_PAIN_SERVICE" && $6 == "missing" { print $2 }' "$T/viol.csv" | sort | tr '\n' ' ')" \
  "H150200001 " "validate: IM_PAIN_SERVICE is asked only of the pilot that has not reported it"
rm -rf "$T"
