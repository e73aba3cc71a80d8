#!/bin/sh
# make demo: loads every CSV of examples/ into OUT/demo.db and renders every
# report of every plugin, for every unit it covers, into OUT (default out/).
# Each plugin names the period its example data is for (example_period).  The
# regions are built in (pxr init); the regions batch includes 100000 全国, the
# national summary by province.
set -e
cd "$(dirname "$0")/.."
PXR=${1:-./pxr}
OUT=${PXR_DEMO_OUT:-out}
mkdir -p "$OUT"
rm -f "$OUT/demo.db" "$OUT/demo.db-wal" "$OUT/demo.db-shm"
export PXR_DB="$OUT/demo.db"
"$PXR" init
"$PXR" import examples/*.csv examples/*-narratives-*.md
"$PXR" plugins --reports | while read -r plugin report scope period; do
  "$PXR" batch "$plugin" "$report" --period "${period:-2024S2}" --each "$scope" -o "$OUT" -j 2
done
# the example report scripts and the one-page overviews, into OUT/scripts/
mkdir -p "$OUT/scripts"
for s in examples/scripts/*.lua; do
  "$PXR" run "$s" --out "$OUT/scripts" 2024S2 "$(basename "$s" .lua).pdf"
done
for r in 150000 310000; do
  "$PXR" run reports/overview.lua --out "$OUT/scripts" "$r" 2024S2 "overview-$r.pdf"
done
echo "demo: $(ls "$OUT"/*.pdf | wc -l) PDF and $(ls "$OUT"/*.xml | wc -l) XML files in $OUT/, $(ls "$OUT"/scripts/*.pdf | wc -l) script PDFs in $OUT/scripts/"
