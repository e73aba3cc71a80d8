#!/bin/sh
# tests/pdfcheck.py, the checker every PDF test relies on, passes what pxr
# writes and fails each fault it exists to catch.
. "$(dirname "$0")/../lib.sh"
MK="python3 $ROOT/tests/tools/mkpdf.py"

# check NAME WANT-RC FILE [PATTERN]: runs the checker; PATTERN must be in its output.
check() {
  "$PDFCHECK" "$3" >"$T/pc" 2>&1
  got=$?
  if [ $got -ne "$2" ]; then fail "$1" "exit $got, want $2: $(head -c 300 "$T/pc")"
  elif [ -n "${4:-}" ] && ! grep -qF -- "$4" "$T/pc"; then fail "$1" "no '$4' in: $(head -c 300 "$T/pc")"
  else pass "$1"; fi
}

expect 0 "pdfcheck: init" -- init
expect 0 "pdfcheck: import the examples" -- import "$ROOT/examples/institutions.csv" "$ROOT/examples/values.csv"
expect 0 "pdfcheck: an evaluation report" -- report nhc2023 evaluation --period 2024S1 --institution H150100001 -o "$T/good.pdf"
check "pdfcheck: passes pxr's own PDF" 0 "$T/good.pdf" "ok "

$MK "$T/blank.pdf" blank-glyph
check "pdfcheck: a glyph that draws nothing fails" 1 "$T/blank.pdf" "1 glyph(s) draw nothing"
$MK "$T/drawn.pdf" drawn
check "pdfcheck: a font that is not subset fails" 1 "$T/drawn.pdf" "subset no"
"$PDFCHECK" "$T/drawn.pdf" >"$T/pc" 2>&1
hasnt "$T/pc" "draw nothing" "pdfcheck: drawn glyphs are not reported blank"
$MK "$T/nouni.pdf" no-unicode
check "pdfcheck: a font without a Unicode map fails" 1 "$T/nouni.pdf" "unicode no"
$MK "$T/notext.pdf" no-text
check "pdfcheck: a PDF without text fails" 1 "$T/notext.pdf" "0 characters of text"
head -c 3000 "$T/good.pdf" >"$T/cut.pdf"
check "pdfcheck: a truncated PDF fails" 1 "$T/cut.pdf" "FAIL"
check "pdfcheck: a missing file fails" 1 "$T/none.pdf" "no such file"
if "$PDFCHECK" --min-chars 1000000 "$T/good.pdf" >"$T/pc" 2>&1; then
  fail "pdfcheck: --min-chars counts the text" "passed with a million characters asked"
else has "$T/pc" "want at least 1000000" "pdfcheck: --min-chars counts the text"; fi
rm -rf "$T"
