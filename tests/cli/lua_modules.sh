# The Lua modules of lua/pxr, run in the sandbox by the real binary.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
for t in "$ROOT"/tests/lua/*_test.lua; do
  pxr run "$t"
  [ "$rc" -eq 0 ] || fail "$(basename "$t") ran" "exit $rc: $(head -c 300 "$T/err")"
  grep -E '^(PASS|FAIL): ' "$T/out"
done
printf 'print(pxr.region.within("150100", "150000"), pxr.region.within("310101", "150000"), pxr.region.within("150000", "150000"))\nprint(pxr.region.path("150100"))\nprint(#pxr.region.institutions("150000"), #pxr.region.institutions("150100"))\nprint(#pxr.region.children("150000"))\n' >"$T/region.lua"
expect 0 "region module runs" -- run "$T/region.lua"
has "$T/out" "内蒙古自治区 呼和浩特市" "region.path walks up to the province"
im=$(awk -F, '$3 ~ /^15/' "$EX/institutions.csv" | wc -l)
hh=$(awk -F, '$3 == "150100"' "$EX/institutions.csv" | wc -l)
has "$T/out" "$im	$hh" "region.institutions counts the institutions below a region"
has "$T/out" "12" "Inner Mongolia has 12 盟市"
has "$T/out" "true	false	true" "region.within: below, elsewhere, itself"
