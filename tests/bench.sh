#!/bin/sh
# make bench: pxr's speed against a peer measured in the same run, as ratios.
#   import: `pxr import` of a values CSV (validated, upserted, provenance recorded) against
#           sqlite3's own `.import` of the same file into a bare table (no checks at all).
#   batch:  rendering evaluation reports with `pxr batch -j 2`, per report, against
#           `pdftoppm -r 30` rasterising the same reports (a PDF consumer as the yardstick).
# BENCH_INSTITUTIONS sets the scale (default 3,700: a tenth of China's 37,000 hospitals;
# 37000 is the national run: 37k x 27 indicators x 6 half-years, about 6 million values).
set -eu
cd "$(dirname "$0")/.."
PXR=$(pwd)/${1:-pxr}
N=${BENCH_INSTITUTIONS:-3700}
T=$(mktemp -d "${TMPDIR:-/tmp}/pxr-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

echo "generating $N institutions x 27 indicators x 6 half-years ..."
awk -v n="$N" 'BEGIN {
  srand(42)
  print "code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead" > "'"$T"'/inst.csv"
  print "institution,period,indicator,value,numerator,denominator" > "'"$T"'/values.csv"
  split("150100 150200 150300 150400 150500 150600 150700 150800 150900 152200 152500 152900", reg, " ")
  split("2023S1 2023S2 2024S1 2024S2 2025S1 2025S2", per, " ")
  for (i = 1; i <= n; i++) {
    code = sprintf("B%06d", i)
    printf "%s,基准医院%d,%s,%s,甲,综合,公立,是,是\n", code, i, reg[1 + i % 12], (i % 3 ? "二级" : "三级") > "'"$T"'/inst.csv"
    for (p = 1; p <= 6; p++) for (k = 1; k <= 27; k++) {
      ind = sprintf("EI%02d", k)
      if (k == 14) { ind = "EI14_IN" } else if (k == 20) { ind = "EI20_OP" }
      if (k == 3 || k == 7 || k == 8 || k == 11 || k == 17 || k == 23 || k == 24 || k == 26 || k == 27) {
        printf "%s,%s,%s,%s,,\n", code, per[p], ind, (rand() < 0.7 ? "是" : "否") > "'"$T"'/values.csv"
      } else if (k == 4 || k == 5 || k == 9 || k == 12) {
        printf "%s,%s,%s,%.1f,,\n", code, per[p], ind, 1 + rand() * 30 > "'"$T"'/values.csv"
      } else if (k == 6 || k == 20 || k == 25) {
        printf "%s,%s,%s,%d,,\n", code, per[p], ind, int(rand() * 5) > "'"$T"'/values.csv"
      } else {
        den = 1000 + int(rand() * 100000); num = int(den * rand())
        printf "%s,%s,%s,,%d,%d\n", code, per[p], ind, num, den > "'"$T"'/values.csv"
      }
    }
  }
}'
rows=$(($(wc -l <"$T/values.csv") - 1))
export PXR_DB="$T/bench.db"
"$PXR" init >/dev/null
"$PXR" import -q "$T/inst.csv"

t0=$(now); "$PXR" import -q "$T/values.csv"; t1=$(now)
sqlite3 "$T/peer.db" "CREATE TABLE v(institution, period, indicator, value, numerator, denominator);"
t2=$(now); sqlite3 "$T/peer.db" ".mode csv" ".import --skip 1 $T/values.csv v"; t3=$(now)
pxr_s=$(secs "$t0" "$t1"); peer_s=$(secs "$t2" "$t3")
printf 'import   %d values: pxr %.2f s (%.0f rows/s), sqlite3 .import %.2f s; ratio pxr/peer %.2f\n' \
  "$rows" "$pxr_s" "$(echo "$rows / $pxr_s" | bc -l)" "$peer_s" "$(echo "$pxr_s / $peer_s" | bc -l)"

t0=$(now); "$PXR" import -q "$T/values.csv"; t1=$(now)
printf 're-import (nothing changes): %.2f s\n' "$(secs "$t0" "$t1")"

m=${BENCH_REPORTS:-200}
sqlite3 "$PXR_DB" "DELETE FROM value WHERE unit NOT IN (SELECT code FROM institution ORDER BY code LIMIT $m);
                   DELETE FROM institution WHERE code NOT IN (SELECT code FROM institution ORDER BY code LIMIT $m);"
t0=$(now); "$PXR" batch nhc2023 evaluation --period 2024S2 --each institution -o "$T/pdf" -j 2 2>/dev/null >/dev/null; t1=$(now)
t2=$(now); for f in "$T"/pdf/*.pdf; do pdftoppm -r 30 -png "$f" "$T/ras"; done; t3=$(now)
pxr_s=$(secs "$t0" "$t1"); peer_s=$(secs "$t2" "$t3")
printf 'batch    %d reports (PDF+XML, -j 2): pxr %.2f s (%.1f ms each), pdftoppm -r 30 %.2f s; ratio pxr/peer %.2f\n' \
  "$m" "$pxr_s" "$(echo "$pxr_s * 1000 / $m" | bc -l)" "$peer_s" "$(echo "$pxr_s / $peer_s" | bc -l)"
printf 'national estimate (37,000 reports at this rate): %.0f s\n' "$(echo "$pxr_s / $m * 37000" | bc -l)"
