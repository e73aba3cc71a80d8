#!/bin/sh
# One rounding rule for import and the reports (pxr.indicator.consistent): a value rounded to the
# digits it shows is consistent with its numerator and denominator.  Import took
# 85 for 870000/1020000 (85.29) and the evaluation then printed 数值与分子/分母不一致.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
pxr init >/dev/null
pxr import "$E"/institutions.csv >/dev/null
cat >"$T/v.csv" <<'CSV'
institution,period,indicator,value,numerator,denominator
H150100001,2024S2,EI01,85,870000,1020000
H150100001,2024S2,EI13,13.1,3053,23299
CSV
expect 0 "import 85 for 870000/1020000 and 13.1 for 3053/23299" -- import "$T/v.csv"
expect 0 "evaluation" -- report nhc2023 evaluation --period 2024S2 --institution H150100001 \
  -o "$T/e.pdf" --xml "$T/e.xml"
pdftotext "$T/e.pdf" - | tr -d ' \n' >"$T/e.txt"
hasnt "$T/e.txt" "不一致" "evaluation: a value rounded to its digits is consistent"
cat >"$T/w.csv" <<'CSV'
institution,period,indicator,value,numerator,denominator
H150100001,2024S2,EI01,85.2,870000,1020000
CSV
expect 1 "import refuses 85.2 (85.29 rounded to one decimal is 85.3)" -- import "$T/w.csv"
rm -rf "$T"
