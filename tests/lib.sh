# Helpers for CLI tests (sourced).  Each check prints "PASS: name" or "FAIL: name ...".
# Use $T (a fresh directory per test file) for databases and outputs.
set -u
export LC_ALL=C.UTF-8  # grep must see characters, not bytes, in the punctuation checks
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# the PDF checker the tests use, written here (tests/pdfcheck.py)
PDFCHECK=$ROOT/tests/pdfcheck.py
T=$(mktemp -d "${PXR_TEST_TMP:-/tmp}/t.XXXXXX")
PXR_BIN=${PXR_BIN:-$ROOT/pxr}
export PXR_DB="$T/pxr.db"

# pxr ARGS...: runs the binary (under valgrind when VALGRIND=1), output in $T/out and $T/err.
pxr() {
  if [ "${VALGRIND:-}" = 1 ]; then
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
      "$PXR_BIN" "$@" >"$T/out" 2>"$T/err"
  else
    "$PXR_BIN" "$@" >"$T/out" 2>"$T/err"
  fi
  rc=$?
  # a sanitizer or valgrind report is a failure whatever the exit code says
  if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|== Invalid|definitely lost' "$T/err"; then
    fail "memory error in: pxr $*" "$(grep -m1 -E 'Sanitizer|runtime error|Invalid|lost' "$T/err")"
  fi
  return $rc
}

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1${2:+ ($2)}"; }

# expect RC NAME -- ARGS...: runs pxr ARGS and checks the exit code.
expect() {
  _expect_want=$1 _expect_name=$2
  shift 3
  pxr "$@"
  if [ "$rc" -eq "$_expect_want" ]; then pass "$_expect_name"; else
    fail "$_expect_name" "exit $rc, want $_expect_want: $(head -c 300 "$T/err")"
  fi
}

# grep_out FILE PATTERN NAME: the file contains the fixed string.
has() {
  if grep -qF -- "$2" "$1"; then pass "$3"; else fail "$3" "no '$2' in $(basename "$1"): $(head -c 300 "$1")"; fi
}
hasnt() {
  if grep -qF -- "$2" "$1"; then fail "$3" "unexpected '$2' in $(basename "$1")"; else pass "$3"; fi
}

# same A B NAME: two strings are equal.
same() {
  if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got '$1', want '$2'"; fi
}

# py NAME SCRIPT: a check written in Python (it exits non-zero and says why on failure).
py() {
  name=$1
  shift
  if python3 -c "$1" >"$T/py" 2>&1; then pass "$name"; else fail "$name" "$(head -c 600 "$T/py")"; fi
}

# py_lines NAME SCRIPT ARGS...: a python check that prints nothing on success and one
# line per problem otherwise; every line it prints is a FAIL line of its own.
py_lines() {
  name=$1 script=$2
  shift 2
  if python3 -c "$script" "$@" >"$T/py" 2>&1 && [ ! -s "$T/py" ]; then pass "$name"; else
    [ -s "$T/py" ] || echo "python failed" >"$T/py"
    while IFS= read -r line; do fail "$name" "$line"; done <"$T/py"
  fi
}

# sql QUERY: prints the result of a query on the test database.
sql() { sqlite3 "$PXR_DB" "$1"; }
