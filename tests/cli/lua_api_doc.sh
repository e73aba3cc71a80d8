# docs/lua-api.md: every lua block runs on the example data; the tutorial's report (under 30
# lines) renders a PDF that passes the checks and an XML valid against its schema; every
# function of the documented modules is in the reference.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
DOC=$ROOT/docs/lua-api.md
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
mkdir -p "$T/w"
python3 - "$DOC" "$T/w" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"(<!-- tutorial -->\n)?```lua\n(.*?)```", text, re.S)
for i, (mark, code) in enumerate(blocks, 1):
    name = "tutorial" if mark else "block%02d" % i
    open("%s/%s.lua" % (sys.argv[2], name), "w", encoding="utf-8").write(code)
PY
n=0
for f in "$T"/w/*.lua; do
  n=$((n + 1))
  b=$(basename "$f" .lua)
  (cd "$T/w" && expect 0 "lua-api.md $b runs" -- run "$f" --out "$T/w")
done
[ "$n" -ge 12 ] && pass "lua-api.md has a runnable example per module ($n blocks)" || fail "lua-api.md examples" "$n blocks"
lines=$(wc -l <"$T/w/tutorial.lua")
[ "$lines" -lt 30 ] && pass "the tutorial's report is under 30 lines ($lines)" || fail "tutorial length" "$lines lines"
"$PDFCHECK" "$T/w/ranking.pdf" >"$T/check.log" 2>&1 && pass "tutorial: the PDF passes pdf-check" || fail "tutorial: pdf-check" "$(head -c 300 "$T/check.log")"
pdftotext -enc UTF-8 "$T/w/ranking.pdf" - | tr -d ' \n' >"$T/ranking.txt"
has "$T/ranking.txt" "各盟市门诊患者预约诊疗率" "tutorial: the PDF has its title"
has "$T/ranking.txt" "锡林郭勒盟" "tutorial: the PDF lists the 盟市"
xmllint --noout --schema "$ROOT/reports/schema/pxr-figures.xsd" "$T/w/ranking.xml" 2>"$T/xmllint.err" &&
  pass "tutorial: the XML validates against pxr-figures.xsd" || fail "tutorial: XML" "$(head -c 300 "$T/xmllint.err")"
rows=$(grep -c '<row ' "$T/w/ranking.xml")
same "$rows" 12 "tutorial: one XML row per 盟市"
# every public function of the documented modules appears in the reference
for m in data doc chart indicator target period region report report_summary format result; do
  for f in $(sed -n 's/^function M\.\([a-z_]*\)(.*/\1/p' "$ROOT/lua/pxr/$m.lua"); do
    grep -q "$f[({]" "$DOC" && pass "lua-api.md documents pxr.$m.$f" || fail "lua-api.md documents pxr.$m.$f"
  done
done
