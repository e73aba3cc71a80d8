# pxr validate: rules with left/right sides, missing-value strategies and importance; applicability;
# unreported indicators; periods outside the span; outliers by modified z-score.  Expectations by hand.
. "$(dirname "$0")/../lib.sh"
P="--plugins $ROOT/tests/plugins"
pxr $P init >/dev/null
printf 'code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\n' >"$T/inst.csv"
for i in 1 2 3 4 5 6; do
  printf 'V%s,测试医院%s,150100,二级,甲,综合,公立,%s,否\n' "$i" "$i" "$([ "$i" = 1 ] && echo 是 || echo 否)" >>"$T/inst.csv"
done
# V1: A=5 B=8 (ok); V2: A=9 B=3 (R1 error); V3: A=2 only (R1 skipped: missing B; R2 never-skip: not
# evaluable; TV_B unreported); V4: A=1 B=2 (R2 fails: 3 < 10); V5: A=5 B=5 plus TV_R although without obstetrics (applicability);
# V6: A=5 B=6 and a 2022S1 value (outside 2023-2024).  TV_A in 2023S1 over V1..V6 = 5,9,2,1,5,5:
# median 5, |dev| 0,4,3,4,0,0 -> MAD 1.5; V2: 0.6745*4/1.5 = 1.8 -> no outlier.  TV_B 2023S2 below.
cat >"$T/values.csv" <<'CSV'
institution,period,indicator,value,numerator,denominator
V1,2023S1,TV_A,5,,
V1,2023S1,TV_B,8,,
V1,2023S1,TV_R,40,4,10
V2,2023S1,TV_A,9,,
V2,2023S1,TV_B,3,,
V3,2023S1,TV_A,2,,
V4,2023S1,TV_A,1,,
V4,2023S1,TV_B,2,,
V5,2023S1,TV_A,5,,
V5,2023S1,TV_B,5,,
V5,2023S1,TV_R,50,5,10
V6,2023S1,TV_A,5,,
V6,2023S1,TV_B,6,,
V6,2022S1,TV_A,5,,
V1,2023S2,TV_B,10,,
V2,2023S2,TV_B,11,,
V3,2023S2,TV_B,12,,
V4,2023S2,TV_B,10,,
V5,2023S2,TV_B,11,,
V6,2023S2,TV_B,50,,
CSV
pxr $P import -q "$T/inst.csv" "$T/values.csv" || fail "fixture imports" "$(cat "$T/err")"
expect 1 "errors make validate exit 1" -- $P validate --plugin vtest -o "$T/v.csv"
line() { grep -F -- "$1" "$T/v.csv" | grep -F -- "$2" | grep -F -- "$3" | head -n 1; }
check() { # check NAME UNIT PERIOD RULE SEVERITY
  l=$(line ",$2," ",$3," ",$4,")
  case $l in "$5",*) pass "$1" ;; *) fail "$1" "got: ${l:-nothing}" ;; esac
}
check "high-importance rule broken is an error" V2 2023S1 R1 error
check "low-importance rule broken is a warning" V4 2023S1 R2 warning
check "never-skip rule with a missing operand is reported" V3 2023S1 R2 warning
has "$T/v.csv" "缺少 TV_B" "the missing operand is named"
[ -z "$(line ",V3," ",2023S1," ",R1,")" ] && pass "skip_if_any skips a rule with a missing operand" || fail "skip_if_any skips"
[ -z "$(line ",V1," ",2023S1," ",R1,")" ] && pass "a rule that holds is not listed" || fail "a rule that holds is not listed"
check "a value for an indicator that does not apply" V5 2023S1 applicability warning
[ -z "$(line ",V1," ",2023S1," ",applicability,")" ] && pass "an applicable value is fine" || fail "an applicable value is fine"
check "an applicable indicator left unreported" V3 2023S1 missing warning
[ -z "$(line ",V5," ",2023S1,TV_R" ",missing,")" ] && pass "an inapplicable indicator is not missing" || fail "inapplicable is not missing"
check "a period outside the plan's span" V6 2022S1 span warning
check "an outlier among institutions of the same level" V6 2023S2 outlier warning
[ -z "$(grep ',outlier,' "$T/v.csv" | grep -v ',V6,')" ] && pass "no other outliers (V2's z of 1.8 is not one)" || fail "no other outliers"
same "$(grep -c '^error,' "$T/v.csv")" 1 "exactly one error"
has "$T/out" "error(s)" "validate prints a summary"
expect 0 "validate --period 2023S2 has warnings only: exit 0" -- $P validate --plugin vtest --period 2023S2
hasnt "$T/out" "2023S1" "--period 2023S2 lists nothing from 2023S1"
expect 1 "validate writes a PDF" -- $P validate --plugin vtest -o "$T/v.pdf"
"$PDFCHECK" "$T/v.pdf" >/dev/null && pass "the violations PDF passes pdf-check" || fail "violations PDF pdf-check"
expect 2 "validate with a bad period is a usage error" -- $P validate --period 2023S9
expect 2 "validate -o with another extension is a usage error" -- $P validate -o v.txt
