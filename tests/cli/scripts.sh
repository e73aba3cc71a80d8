# The example report script of examples/scripts, run as a statistician would.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
expect 0 "tertiary.lua runs" -- run "$EX/scripts/tertiary.lua" --out "$T" 2024S1 "$T/t.pdf"
"$PDFCHECK" "$T/t.pdf" >/dev/null && pass "tertiary.lua's PDF passes pdf-check" || fail "tertiary.lua pdf-check"
pdftotext -enc UTF-8 "$T/t.pdf" "$T/t.txt"
# the tertiary hospitals with EI01 in 2024S1, and their pooled rate, straight from the CSVs
awk -F, 'NR == FNR { if ($4 == "三级") t[$1] = 1; next }
         $2 == "2024S1" && $3 == "EI01" && ($1 in t) { n++; a += $5; b += $6 }
         END { printf "%d %.2f\n", n, 100 * a / b }' "$EX/institutions.csv" "$EX/values.csv" >"$T/want"
read -r n rate <"$T/want"
has "$T/t.txt" "本期填报的三级医院共${n}家" "the script counts the tertiary hospitals that reported"
has "$T/t.txt" "合计预约诊疗率为${rate}%" "the script's pooled rate matches the CSV"
has "$T/t.txt" "2024年上半年" "the period is labelled in Chinese"
