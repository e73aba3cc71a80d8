# pxr report and pxr batch: arguments, refusals, drafts and parallel batches.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
R="report nhc2023 evaluation"

expect 0 "a finished period renders" -- $R --period 2024S2 --institution H150100001 -o "$T/a.pdf" --xml "$T/a.xml"
pdftotext -enc UTF-8 "$T/a.pdf" - | tr -d '\n ' >"$T/a.txt"
hasnt "$T/a.txt" "稿" "a finished period is not marked 草稿"
expect 0 "--draft renders" -- $R --period 2024S2 --institution H150100001 -o "$T/d.pdf" --draft
pdftotext -enc UTF-8 "$T/d.pdf" - | tr -d '\n ' >"$T/d.txt"
has "$T/d.txt" "稿" "--draft marks the pages 草稿"
expect 0 "a period that has not ended renders" -- $R --period 2099S1 --institution H150100001 -o "$T/f.pdf"
pdftotext -enc UTF-8 "$T/f.pdf" - | tr -d '\n ' >"$T/f.txt"
has "$T/f.txt" "稿" "a period that has not ended is marked 草稿"
"$PDFCHECK" "$T/d.pdf" "$T/f.pdf" >/dev/null && pass "draft PDFs pass pdf-check" || fail "draft PDFs pass pdf-check"

expect 1 "an unknown institution is bad data" -- $R --period 2024S2 --institution H999 -o "$T/x.pdf"
has "$T/err" "no institution with code 'H999'" "the message names the code"
[ ! -e "$T/x.pdf" ] && pass "nothing is written for an unknown institution" || fail "nothing written"
expect 2 "a region for a per-institution report is a usage error" -- $R --period 2024S2 --region 150000 -o "$T/x.pdf"
has "$T/err" "per institution" "the message says what the report takes"
expect 2 "a bad period is a usage error" -- $R --period 2024S3 --institution H150100001 -o "$T/x.pdf"
expect 2 "an unknown report is a usage error" -- report nhc2023 nosuch --period 2024S2 --institution H150100001 -o "$T/x.pdf"
has "$T/err" "its reports: " "the message lists the plugin's reports"
expect 2 "a missing -o is a usage error" -- $R --period 2024S2 --institution H150100001
expect 2 "batch needs --each" -- batch nhc2023 evaluation --period 2024S2 -o "$T/b"

# -j 3 renders the same files as -j 1
expect 0 "batch -j 1" -- batch nhc2023 evaluation --period 2024S2 --each institution -o "$T/b1"
expect 0 "batch -j 3" -- batch nhc2023 evaluation --period 2024S2 --each institution -o "$T/b3" -j 3
n=$(($(wc -l <"$EX/institutions.csv") - 1))
same "$(ls "$T/b3"/*.pdf | wc -l)" "$n" "batch writes one PDF per institution"
same "$(ls "$T/b3"/*.xml | wc -l)" "$n" "batch writes one XML per institution"
d=0
for f in "$T/b1"/*.xml; do cmp -s "$f" "$T/b3/$(basename "$f")" || d=$((d + 1)); done
same "$d" 0 "parallel and serial batches write the same XML"
