#!/bin/sh
# make demo: loads examples/ into out/demo.db and renders every report of every
# plugin, for every institution or region it covers, into out/.
set -e
cd "$(dirname "$0")/.."
PXR=${1:-./pxr}
PERIOD=${PXR_DEMO_PERIOD:-2024S2}
mkdir -p out
rm -f out/demo.db out/demo.db-wal out/demo.db-shm
export PXR_DB=out/demo.db
"$PXR" init
"$PXR" import examples/regions.csv examples/institutions.csv examples/values.csv
"$PXR" plugins --reports | while read -r plugin report scope; do
  "$PXR" batch "$plugin" "$report" --period "$PERIOD" --each "$scope" -o out -j 2
done
echo "demo: $(ls out/*.pdf | wc -l) PDF and $(ls out/*.xml | wc -l) XML files in out/"
