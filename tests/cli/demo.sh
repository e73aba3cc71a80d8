# make demo's output, checked as officials would receive it: every PDF sound and readable,
# every XML valid against its report's schema.
. "$(dirname "$0")/../lib.sh"
out="$T/out"
printf 'for _, p in ipairs(pxr.plugins()) do\n  for name, r in pairs(p.reports or {}) do print(p.id .. "-" .. name, r.schema) end\nend\n' >"$T/schemas.lua"
if [ "${VALGRIND:-}" = 1 ]; then
  echo "demo.sh: skipped under valgrind (the renderer's memory is checked by the other CLI tests)"
  exit 0
fi
if PXR_DEMO_OUT="$out" sh "$ROOT/examples/demo.sh" "$PXR_BIN" >"$T/demo.log" 2>&1; then
  pass "make demo's script runs"
else
  fail "make demo's script runs" "$(tail -n 3 "$T/demo.log")"
fi
npdf=$(ls "$out"/*.pdf 2>/dev/null | wc -l)
ninst=$(($(wc -l <"$ROOT/examples/institutions.csv") - 1))
[ "$npdf" -ge "$ninst" ] && pass "demo renders at least one PDF per institution ($npdf)" || fail "demo PDFs" "$npdf < $ninst"
"$PDFCHECK" "$out"/*.pdf >"$T/check.log" 2>&1 && pass "pdf-check passes on every demo PDF" \
  || fail "pdf-check on demo PDFs" "$(grep FAIL "$T/check.log" | head -n 3)"

# every example script and the overview ran, and their PDFs are sound
for s in "$ROOT"/examples/scripts/*.lua "$ROOT"/reports/overview.lua; do
  b=$(basename "$s" .lua)
  ls "$out/scripts/$b"*.pdf >/dev/null 2>&1 && "$PDFCHECK" "$out/scripts/$b"*.pdf >/dev/null 2>&1 &&
    pass "demo runs $b.lua (pdf-check passes)" || fail "demo runs $b.lua"
done

# every plugin's every report is in the demo
"$PXR_BIN" plugins --reports | while read -r plugin report scope period; do
  n=$(ls "$out/$plugin-$report-"*.pdf 2>/dev/null | wc -l)
  [ "$n" -gt 0 ] && pass "demo has $plugin $report ($n)" || fail "demo has $plugin $report"
done

# typesetting rules on the extracted text, page numbers and bookmarks, per PDF
open_marks='（《「『“‘〔【'
close_marks='，。、；：？！）》」』”’〕】'
bad_start=0 bad_end=0 no_number=0 no_outline=0 bad_xml=0
PXR_DB="$out/demo.db" "$PXR_BIN" run "$T/schemas.lua" --out "$T" >"$T/schemas"
for pdf in "$out"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  pdftotext -raw -enc UTF-8 "$pdf" "$T/raw.txt" 2>/dev/null
  if grep -qE "^[[:space:]]*[$close_marks]" "$T/raw.txt"; then
    bad_start=$((bad_start + 1)); echo "  $name: a line starts with: $(grep -m1 -E "^[[:space:]]*[$close_marks]" "$T/raw.txt")"
  fi
  if grep -qE "[$open_marks][[:space:]]*$" "$T/raw.txt"; then
    bad_end=$((bad_end + 1)); echo "  $name: a line ends with: $(grep -m1 -E "[$open_marks][[:space:]]*$" "$T/raw.txt")"
  fi
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  p=1
  while [ "$p" -le "$pages" ]; do
    pdftotext -f "$p" -l "$p" -enc UTF-8 "$pdf" - 2>/dev/null | tr -d ' \n' | grep -qE "第${p}页共${pages}页|—${p}—" \
      || { no_number=$((no_number + 1)); echo "  $name: page $p carries no page number"; }
    p=$((p + 1))
  done
  if [ "$pages" -ge 3 ] && ! qpdf --json --json-key=outlines "$pdf" | grep -q '"title"'; then
    no_outline=$((no_outline + 1)); echo "  $name: $pages pages but no bookmarks"
  fi
  xml="$out/$name.xml"
  plugin_report=$(echo "$name" | cut -d- -f1,2)
  # the schema the report declares (reports of one shape share one)
  xsd=$(awk -v k="$plugin_report" '$1 == k { print $2 }' "$T/schemas")
  if [ ! -f "$xml" ] || [ -z "$xsd" ] || ! xmllint --noout --schema "$ROOT/reports/schema/$xsd" "$xml" 2>/dev/null; then
    bad_xml=$((bad_xml + 1)); echo "  $name: XML twin missing or invalid against ${xsd:-(no schema)}"
  fi
done
same "$bad_start" 0 "no line of any demo PDF starts with a closing mark"
same "$bad_end" 0 "no line of any demo PDF ends with an opening mark"
same "$no_number" 0 "every page of every demo PDF carries its number"
same "$no_outline" 0 "every demo PDF of three or more pages has bookmarks"
same "$bad_xml" 0 "every demo PDF has an XML twin valid against its report's schema"
