# examples/scripts/trend.lua: each period's figure says over how many institutions it is, and
# 较上期 compares like with like, the institutions that reported in both of the last two
# periods (as the nhc2023 summary does), recomputed here from the CSVs; the note says so.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
cd "$T" || exit 1
expect 0 "trend.lua runs" -- run "$EX/scripts/trend.lua" 2024S2 trend.pdf
"$PDFCHECK" "$T/trend.pdf" >/dev/null && pass "trend.lua: the PDF passes pdf-check" || fail "trend.lua: pdf-check"
pdftotext -enc UTF-8 "$T/trend.pdf" - | tr -d ' \n' >"$T/trend.txt"
# paired LEVEL PREV NOW: pooled EI01 of Inner Mongolia's institutions (of LEVEL, or all) that
# reported in both PREV and NOW, NOW minus PREV, and how many; the change over everyone too
paired() {
  awk -F, -v lvl="$1" -v p="$2" -v q="$3" '
    NR == FNR { reg[$1] = $3; level[$1] = $4; next }
    $3 == "EI01" && substr(reg[$1], 1, 2) == "15" && (lvl == "" || level[$1] == lvl) && $2 == p { pa[$1] = $5; pb[$1] = $6 }
    $3 == "EI01" && substr(reg[$1], 1, 2) == "15" && (lvl == "" || level[$1] == lvl) && $2 == q { qa[$1] = $5; qb[$1] = $6 }
    END { for (u in qa) { Qa += qa[u]; Qb += qb[u]; if (u in pa) { n++; a += qa[u]; b += qb[u]; c += pa[u]; d += pb[u] } }
          for (u in pa) { Pa += pa[u]; Pb += pb[u] }
          printf "%+.2f %d %+.2f\n", 100 * a / b - 100 * c / d, n, 100 * Qa / Qb - 100 * Pa / Pb }' \
    "$EX/institutions.csv" "$EX/values.csv"
}
differ=0
for g in "全部:" "三级医院:三级" "二级医院:二级" "一级医院:一级"; do
  name=${g%%:*} level=${g#*:}
  read -r change n naive <<EOF2
$(paired "$level" 2024S1 2024S2)
EOF2
  has "$T/trend.txt" "$change（${n}家）" "$name: 较上期 is over the $n institutions that reported in both periods ($change)"
  [ "$change" != "$naive" ] && differ=$((differ + 1))
done
[ "$differ" -gt 0 ] && pass "the data has a group where pairing changes the figure ($differ)" ||
  fail "the data has a group where pairing changes the figure" "the test would not see unpaired figures"
has "$T/trend.txt" "较上期为2024年上半年和2024年下半年均填报的机构" "the note says what 较上期 compares"
has "$T/trend.txt" "只填报其中一期的机构不计入" "the note says who is left out"
# one period: nothing to compare; a group with no institution in both periods: — , not 0
expect 0 "trend.lua over one period" -- run "$EX/scripts/trend.lua" 2024S2 one.pdf EI01 150000 1
pdftotext -enc UTF-8 "$T/one.pdf" - | tr -d ' \n' >"$T/one.txt"
hasnt "$T/one.txt" "家）+" "one period: no change is shown"
hasnt "$T/one.txt" "nil" "one period: the note names no period that is not there"
expect 0 "trend.lua up to 2023S2" -- run "$EX/scripts/trend.lua" 2023S2 early.pdf EI01 150000 2
pdftotext -enc UTF-8 "$T/early.pdf" - | tr -d ' \n' >"$T/early.txt"
has "$T/early.txt" "未定级医院无数据67.61（1家）—" "a group new in the period: 较上期 is —, not a change from zero"
cd / && rm -rf "$T"
