#!/bin/sh
# Each plugin's catalog, exactly: `pxr catalog ID --format csv` against its golden
# file tests/golden/catalog/ID.csv, so that no measure, indicator, field, target
# or quoted sentence changes unnoticed.  A change made on purpose regenerates
# them (and the commit says why):  UPDATE_GOLDEN=1 sh tests/cli/catalog_golden.sh
. "$(dirname "$0")/../lib.sh"
GOLDEN=$ROOT/tests/golden/catalog

expect 0 "catalog golden: init" -- init
for id in nhc2016 nhc2023 innermongolia2023 shanghai2023 wuyuan2021; do
  if ! pxr catalog "$id" --format csv; then
    fail "$id: catalog as CSV" "exit $rc: $(head -c 300 "$T/err")"
    continue
  fi
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$T/out" "$GOLDEN/$id.csv"
    echo "wrote $GOLDEN/$id.csv"
  fi
  if cmp -s "$T/out" "$GOLDEN/$id.csv"; then
    pass "$id: catalog is its golden file ($(wc -l <"$GOLDEN/$id.csv" | tr -d ' ') lines)"
  else
    fail "$id: catalog is its golden file" \
      "$(diff "$GOLDEN/$id.csv" "$T/out" 2>&1 | head -n 6 | cut -c1-160 | tr '\n' '|')"
  fi
done
rm -rf "$T"
