#!/bin/sh
# The facts the tests take from the documents (tests/sources/facts/) are what
# the documents say: each is extracted again here and compared.
. "$(dirname "$0")/lib.sh"
export T

python3 - "$SRC_innermongolia2023" >"$T/national" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
appendix = text[text.rindex("改善就医感受提升患者体验评估指标（试行）"):text.rindex("注：")]
for n, name, mark in re.findall(r"^\s*(\d+)\.(\S+?)([▲＃]?)\s*$", appendix, re.M):
    print("%s\t%s\t%s" % (n, name, mark))
PY
grep -v '^#' "$ROOT/tests/sources/facts/national-indicators.tsv" >"$T/national.want"
if cmp -s "$T/national" "$T/national.want"; then
  pass "facts: the 27 national indicators, names and marks, as the appendix writes them"
else
  fail "facts: the 27 national indicators, names and marks, as the appendix writes them" \
    "$(diff "$T/national.want" "$T/national" | head -c 400)"
fi
rm -rf "$T"
