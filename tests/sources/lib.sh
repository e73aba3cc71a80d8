# Sourced by tests/sources/*.sh, the checks of the catalogs against the policy
# documents themselves.  They are not part of `make test` (pxr quotes policies; it
# does not ship them): a developer runs them with the documents at hand,
#   make check-sources SOURCES=DIR
# DIR holds the documents as UTF-8 text files, under any names: each of
# pxr.sources' records is matched to the file whose text holds its `find` phrase
# (white space ignored).  Sets $SRCMAP, a file of "key<TAB>cite<TAB>path" lines,
# and SRC_<key> for each record, e.g. $SRC_innermongolia2023.
. "$(dirname "$0")/../lib.sh"
if [ -z "${SOURCES:-}" ] || [ ! -d "$SOURCES" ]; then
  fail "$(basename "$0"): SOURCES names a directory of the source documents" "SOURCES='${SOURCES:-}'"
  exit 1
fi
cat >"$T/sources.lua" <<'LUA'
local s = require("pxr.sources")
for key, r in pairs(s) do
  if type(r) == "table" then print(key .. "\t" .. r.cite .. "\t" .. (r.find or "")) end
end
LUA
"$PXR_BIN" run "$T/sources.lua" >"$T/records" 2>"$T/records.err" || {
  fail "pxr.sources loads" "$(head -c 300 "$T/records.err")"
  exit 1
}
SRCMAP=$T/srcmap
python3 - "$SOURCES" "$T/records" >"$SRCMAP" <<'PY' || { fail "every source record matches one document in $SOURCES" "$(cat "$SRCMAP")"; exit 1; }
import os, re, sys
d = sys.argv[1]
texts = {}
for name in sorted(os.listdir(d)):
    p = os.path.join(d, name)
    if os.path.isfile(p):
        try:
            texts[p] = re.sub(r"\s", "", open(p, encoding="utf-8").read())
        except UnicodeDecodeError:
            pass
bad = False
for line in open(sys.argv[2], encoding="utf-8"):
    key, cite, find = line.rstrip("\n").split("\t")
    hits = [p for p, t in texts.items() if find and re.sub(r"\s", "", find) in t]
    if len(hits) != 1:
        print("%s: %d documents hold '%s'" % (key, len(hits), find))
        bad = True
        continue
    print("%s\t%s\t%s" % (key, cite, hits[0]))
sys.exit(1 if bad else 0)
PY
pass "every source record matches one document in $SOURCES"
while IFS="$(printf '\t')" read -r key cite path; do
  eval "SRC_$key=\$path"
  export "SRC_$key"
done <"$SRCMAP"
export SRCMAP

# catalog_csv PLUGIN: a fresh database ($PXR_DB) and the plugin's catalog in $T/catalog.csv.
catalog_csv() {
  expect 0 "$1: init" -- init
  expect 0 "$1: catalog as CSV" -- catalog "$1" --format csv
  cp "$T/out" "$T/catalog.csv"
}
