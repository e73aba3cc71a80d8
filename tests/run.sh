#!/bin/sh
# Runs every test and ends with "N passed, N failed".
#   unit tests:  $PXR_UNIT_DIR/test_*   (C, print PASS:/FAIL: lines)
#   CLI tests:   tests/cli/*.sh         (shell, use tests/lib.sh, print PASS:/FAIL: lines),
#                or the files PXR_CLI_TESTS names (make check-sources runs tests/sources/*.sh)
# A test file that exits non-zero, or dies part-way, counts as one failure more,
# whatever its PASS lines say.  VALGRIND=1 runs the pxr binary of the CLI tests
# under valgrind.
cd "$(dirname "$0")/.." || exit 3
PXR_BIN=${PXR_BIN:-pxr}
case $PXR_BIN in /*) ;; *) PXR_BIN=$(pwd)/$PXR_BIN ;; esac
export PXR_BIN VALGRIND
# sanitizer reports get their own exit code, so they never pass for an expected exit 1
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=87}
export PXR_TEST_TMP="${TMPDIR:-/tmp}/pxr-test.$$"
rm -rf "$PXR_TEST_TMP" && mkdir -p "$PXR_TEST_TMP" || exit 3
log="$PXR_TEST_TMP/log"
: >"$log"

for t in "${PXR_UNIT_DIR:-build/rel/tests}"/test_*; do
  [ -x "$t" ] || continue
  echo "== $(basename "$t")"
  out=$("$t" 2>&1)
  rc=$?
  printf '%s\n' "$out" >>"$log"
  printf '%s\n' "$out" | grep -av '^PASS: '
  # a crash with no FAIL line still counts as a failure
  if [ $rc -ne 0 ] && ! printf '%s\n' "$out" | grep -aq '^FAIL: '; then
    echo "FAIL: $(basename "$t") exited with $rc" | tee -a "$log"
  fi
done

for t in ${PXR_CLI_TESTS:-tests/cli/*.sh}; do
  [ -f "$t" ] || continue
  echo "== $t"
  sh "$t" >"$PXR_TEST_TMP/file.out" 2>&1
  rc=$?
  tee -a "$log" <"$PXR_TEST_TMP/file.out" | grep -av '^PASS: '
  if [ $rc -ne 0 ]; then
    echo "FAIL: $t exited with $rc" | tee -a "$log"
  fi
done

passed=$(grep -ac '^PASS: ' "$log")
failed=$(grep -ac '^FAIL: ' "$log")
[ "$failed" -gt 0 ] && { echo "failures:"; grep -a '^FAIL: ' "$log"; }
rm -rf "$PXR_TEST_TMP"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
