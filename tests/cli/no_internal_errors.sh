#!/bin/sh
# No internal errors: every report of every plugin, for every region and
# institution of the examples, over every half-year from 2019S1 to 2025S2,
# renders or refuses with exit 1 — never exit 3 (libharu's 0x1033 hit empty
# summaries and names typeset in the fallback font). One `pxr batch` per
# report and period keeps it to a few dozen processes.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples

pxr init >/dev/null
pxr import "$E"/*.csv "$E"/*-narratives-*.md || fail "import the examples" "$(head -c 300 "$T/err")"

# A hospital in 海南省儋州市 (儋 is not in the first-choice fonts) holding the
# 2024S2 values of H310118001: its evaluation failed with 0x1033 on main.
cat >"$T/dan.csv" <<'EOF'
code,name,parent,level
460000,海南省,,province
460400,儋州市,460000,prefecture
EOF
cat >"$T/dan-inst.csv" <<'EOF'
code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead
H460400001,儋州市那大镇医院,460400,二级,甲,综合,公立,是,否
EOF
awk -F, 'NR == 1 || ($1 == "H310118001" && $2 == "2024S2") { if (NR > 1) $1 = "H460400001"; print }' OFS=, \
  "$E/values.csv" >"$T/dan-values.csv"
pxr import "$T/dan.csv" "$T/dan-inst.csv" "$T/dan-values.csv" ||
  fail "import the 儋州 fixture" "$(head -c 300 "$T/err")"
expect 0 "evaluation of a 儋州 hospital renders (fallback font, 2024S2)" -- \
  report nhc2023 evaluation --period 2024S2 --institution H460400001 -o "$T/dan.pdf" --xml "$T/dan.xml"
if [ -f "$T/dan.pdf" ]; then
  "$PDFCHECK" "$T/dan.pdf" >"$T/check" 2>&1 && pass "儋州 evaluation passes the PDF check" ||
    fail "儋州 evaluation passes the PDF check" "$(head -c 300 "$T/check")"
  pdftotext "$T/dan.pdf" - | tr -d ' \n' >"$T/dan.txt"
  has "$T/dan.txt" "儋州市那大镇医院" "the 儋 of the hospital's name is in the PDF"
fi

# every report the plugins list, with the scope it is for
pxr plugins --reports
cp "$T/out" "$T/reports"
periods=""
for y in 2019 2020 2021 2022 2023 2024 2025; do periods="$periods ${y}S1 ${y}S2"; done
bad=0 runs=0
while read -r plugin report scope _; do
  for p in $periods; do
    runs=$((runs + 1))
    pxr batch "$plugin" "$report" --period "$p" --each "$scope" -o "$T/b" -j 2
    if [ "$rc" -ge 3 ] || grep -q "libharu" "$T/err"; then
      bad=$((bad + 1))
      fail "$plugin $report $p: no internal error" "exit $rc: $(grep -m2 -v '^\[' "$T/err" | head -c 300)"
    fi
  done
done <"$T/reports"
[ "$runs" -ge 70 ] && pass "every report over 14 periods ($runs batches)" || fail "every report over 14 periods" "$runs batches"
[ "$bad" -eq 0 ] && pass "no batch exits 3" || fail "no batch exits 3" "$bad of $runs"
rm -rf "$T"
