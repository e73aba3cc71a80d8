# The manual page: well-formed for groff, and it describes every command pxr has.
. "$(dirname "$0")/../lib.sh"
if groff -man -Tutf8 -ww -P-cbou "$ROOT/man/pxr.1" >"$T/man.txt" 2>"$T/groff.err" && [ ! -s "$T/groff.err" ]; then
  pass "groff reads the man page without a warning"
else
  fail "groff reads the man page without a warning" "$(head -n 3 "$T/groff.err")"
fi
expect 0 "pxr --help" -- --help
for cmd in $(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ && $1 != "help" { print $1 }' "$T/out"); do
  grep -q "^ *$cmd" "$T/man.txt" && pass "the man page describes '$cmd'" || fail "the man page describes '$cmd'"
  expect 0 "pxr help $cmd" -- help "$cmd"
done
