#!/bin/sh
# nhc2023, checked against the policy document itself (make check-sources SOURCES=DIR);
# moved here from tests/cli/nhc2023.sh, which checks the same plugin without the document.
. "$(dirname "$0")/lib.sh"
E=$ROOT/examples
S000=$SRC_innermongolia2023
export E S000 T SRCMAP
catalog_csv nhc2023
python3 - "$S000" >"$T/names" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
appendix = text[text.rindex("改善就医感受提升患者体验评估指标（试行）"):text.rindex("注：")]
for n, name in re.findall(r"^\s*(\d+)\.(\S+?)[▲＃]?\s*$", appendix, re.M):
    print(n + "\t" + name)
EOF
same "$(wc -l <"$T/names" | tr -d ' ')" 27 "nhc2023: the seed's appendix lists 27 indicators"

py "nhc2023: every indicator name of the catalog is in the seed (parts: in their compound)" '
import csv, os, re, sqlite3
T = os.environ["T"]
seed = re.sub(r"\s", "", open(os.environ["S000"], encoding="utf-8").read())
db = sqlite3.connect(os.environ["PXR_DB"])
names = dict(db.execute("SELECT code, name FROM indicator"))
rows = [r for r in csv.DictReader(open(T + "/catalog.csv", encoding="utf-8")) if r["code"] in names]
mine = {r["code"] for r in rows}
parent = {c: p for c, p in db.execute("SELECT code, parent FROM indicator WHERE parent IS NOT NULL")
          if c in mine}
assert sorted(parent) == ["EI14_IN", "EI14_OUT", "EI20_IP", "EI20_OP"], parent
assert len(rows) >= 27, len(rows)
for r in rows:
    name = r["name"]
    if r["code"] not in parent:
        assert name in seed, name
        continue
    whole = names[parent[r["code"]]]
    assert whole in seed, whole
    k = 0
    while k < min(len(name), len(whole)) and name[k] == whole[k]:
        k += 1
    assert k > 0 and name[k:] in whole, (name, whole)
'

py "nhc2023: 20 measures in 6 sections, titles found in their recorded seeds" '
import os, re, sqlite3
db = sqlite3.connect(os.environ["PXR_DB"])
rows = db.execute("SELECT code, title, source, section FROM measure WHERE plugin = ? ORDER BY seq", ("nhc2023",)).fetchall()
assert len(rows) == 20, len(rows)
assert len({r[3] for r in rows}) == 6, {r[3] for r in rows}
seeds = {}
DOCS = dict(l.rstrip("\n").split("\t")[1:] for l in open(os.environ["SRCMAP"], encoding="utf-8"))
for code, title, source, section in rows:
    assert source, (code, "no source")
    if source not in seeds:
        seeds[source] = re.sub(r"\s", "", open(DOCS[source], encoding="utf-8").read())
    assert re.sub(r"\s", "", title) in seeds[source], (code, title, source)
assert {r[2] for r in rows} <= set(DOCS), {r[2] for r in rows}
'
rm -rf "$T"
