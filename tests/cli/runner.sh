#!/bin/sh
# tests/run.sh counts a test file that exits non-zero, or dies part-way, as a
# failure, whatever its PASS lines say.
. "$(dirname "$0")/../lib.sh"
mkdir -p "$T/cli" "$T/unit"
printf '#!/bin/sh\necho "PASS: before the end"\nexit 0\n' >"$T/cli/fine.sh"
printf '#!/bin/sh\necho "PASS: first check"\nexit 3\necho "PASS: never printed"\n' >"$T/cli/dies.sh"
printf '#!/bin/sh\necho "PASS: first check"\nkill -9 $$\n' >"$T/cli/killed.sh"

run_files() {
  PXR_UNIT_DIR="$T/unit" PXR_CLI_TESTS="$*" sh "$ROOT/tests/run.sh" >"$T/run.out" 2>&1
}
run_files "$T/cli/fine.sh"
same "$(tail -n 1 "$T/run.out")" "1 passed, 0 failed" "runner: a file that passes and exits 0 counts its checks"
run_files "$T/cli/dies.sh"
run_rc=$?
same "$(tail -n 1 "$T/run.out")" "1 passed, 1 failed" "runner: a file that exits 3 after one check is a failure"
same "$run_rc" 1 "runner: exits 1 when a file exited non-zero"
has "$T/run.out" "dies.sh exited with 3" "runner: names the file and its exit code"
run_files "$T/cli/killed.sh"
same "$(tail -n 1 "$T/run.out")" "1 passed, 1 failed" "runner: a file killed part-way is a failure"
rm -rf "$T"
