#!/bin/sh
# Every output goes through the one temp-and-rename routine (core/atomic.c): a command that
# fails leaves the user's earlier files as they were, including the XML twin of a report or
# a status whose second output (the PDF or CSV) could not be written.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
cd "$T" || exit 3

expect 0 "init" -- init
expect 0 "the example data" -- import "$E/institutions.csv" "$E/values.csv"
inst=$(sqlite3 "$PXR_DB" "SELECT code FROM institution ORDER BY code LIMIT 1")
[ -n "$inst" ] || { fail "an institution to report on" "none imported"; exit 1; }

# report: the XML is written and valid, the PDF cannot be written (its directory is missing)
printf 'an earlier file\n' >"$T/r.xml"
expect 3 "report whose PDF cannot be written fails" -- report nhc2023 evaluation --period 2024S2 \
  --institution "$inst" -o "$T/missing/r.pdf" --xml "$T/r.xml"
has "$T/err" "missing/r.pdf" "the failure names the PDF"
same "$(cat "$T/r.xml")" "an earlier file" "report: the earlier XML twin survives the failed PDF"
same "$(ls "$T" | grep -c '\.tmp\.')" 0 "report: no temporary file is left"
expect 0 "the same report with a PDF it can write" -- report nhc2023 evaluation --period 2024S2 \
  --institution "$inst" -o "$T/r.pdf" --xml "$T/r.xml"
has "$T/r.xml" "$inst" "report: then the XML is replaced"
[ -s "$T/r.pdf" ] && pass "report: and the PDF written" || fail "report: and the PDF written" "no r.pdf"

# status: the same with its CSV, and with its PDF
printf 'an earlier file\n' >"$T/s.xml"
expect 3 "status whose CSV cannot be written fails" -- status nhc2023 --period 2024S2 \
  -o "$T/missing/s.csv" --xml "$T/s.xml"
has "$T/err" "missing/s.csv" "the failure names the CSV"
same "$(cat "$T/s.xml")" "an earlier file" "status: the earlier XML survives the failed CSV"
expect 3 "status whose PDF cannot be written fails" -- status nhc2023 --period 2024S2 \
  -o "$T/missing/s.pdf" --xml "$T/s.xml"
same "$(cat "$T/s.xml")" "an earlier file" "status: the earlier XML survives the failed PDF"
same "$(ls "$T" | grep -c '\.tmp\.')" 0 "status: no temporary file is left"
expect 0 "status with outputs it can write" -- status nhc2023 --period 2024S2 -o "$T/s.csv" \
  --xml "$T/s.xml"
has "$T/s.xml" "$inst" "status: then the XML is replaced"
has "$T/s.csv" "$inst" "status: and the CSV written"
