#!/bin/sh
# One rounding rule, run through import, validate and the evaluation over a table of cases:
# a rate's value is consistent with its numerator/denominator when it is the computed
# figure rounded to the digits written (85 for 870000/1020000 = 85.29).  import (C) and
# pxr.indicator.consistent (validate, the reports) must split the table the same way.
# Refused rows are put in the store by hand (as an older database or another tool
# might hold them) so that validate and the evaluation can be asked about them too.
. "$(dirname "$0")/../lib.sh"
export T

# value numerator denominator expected (ok: consistent, no: not)
cat >"$T/cases" <<'EOF2'
85 870000 1020000 ok
85.3 870000 1020000 ok
85.29 870000 1020000 ok
85.294 870000 1020000 ok
85.2 870000 1020000 no
86 870000 1020000 no
85.295 870000 1020000 no
33 1 3 ok
33.33 1 3 ok
33.3333 1 3 ok
33.34 1 3 no
34 1 3 no
49 99 200 ok
50 99 200 ok
49.5 99 200 ok
48 99 200 no
49.4 99 200 no
100 1999 2000 ok
99.95 1999 2000 ok
99.9 1999 2000 ok
99.8 1999 2000 no
0 1 1000 ok
0.1 1 1000 ok
0.2 1 1000 no
EOF2

pxr init >/dev/null
i=0
{ echo "code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead"
  while read -r v n d want; do
    i=$((i + 1))
    printf 'H1501%05d,呼和浩特市算例%d医院,150100,二级,甲,综合,公立,否,否\n' "$i" "$i"
  done <"$T/cases"; } >"$T/inst.csv"
pxr import "$T/inst.csv" || fail "import institutions" "$(head -c 300 "$T/err")"
imp=$(sql "SELECT max(id) FROM import")

i=0
while read -r v n d want; do
  i=$((i + 1))
  code=$(printf 'H1501%05d' "$i")
  printf 'institution,period,indicator,value,numerator,denominator\n%s,2024S2,EI01,%s,%s,%s\n' \
    "$code" "$v" "$n" "$d" >"$T/v$i.csv"
  if pxr import "$T/v$i.csv"; then got=ok; else
    got=no
    sql "INSERT INTO value(indicator, unit, period, value, numerator, denominator, import_id)
         VALUES ('EI01', '$code', '2024S2', $v, $n, $d, $imp)"
  fi
  same "$got" "$want" "import: $v for $n/$d is $want"
  echo "$code $v $n $d $want" >>"$T/stored"
done <"$T/cases"

pxr validate --plugin nhc2023 --period 2024S2 -o "$T/viol.csv"
py_lines "validate flags exactly the rows import refuses (rule consistency)" '
import csv, sys
flagged = {r["unit"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
           if r["rule"] == "consistency" and r["indicator"] == "EI01"}
for line in open(sys.argv[2]):
    code, v, n, d, want = line.split()
    if (code in flagged) != (want == "no"):
        print("%s/%s stated %s: import says %s, validate %s" % (n, d, v, want,
              "flags it" if code in flagged else "does not"))
' "$T/viol.csv" "$T/stored"

while read -r code v n d want; do
  pxr report nhc2023 evaluation --period 2024S2 --institution "$code" -o "$T/e.pdf" --xml "$T/e.xml" ||
    fail "evaluation of $code" "$(head -c 300 "$T/err")"
  chk=$(xmllint --xpath "string(//indicator[@code='EI01']/@check)" "$T/e.xml")
  if [ "$want" = ok ]; then same "$chk" "" "evaluation: $v for $n/$d is consistent"
  else same "$chk" "数值与分子/分母不一致" "evaluation: $v for $n/$d is flagged"; fi
done <"$T/stored"
rm -rf "$T"
