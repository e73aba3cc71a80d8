#!/bin/sh
# shanghai2023, checked against the policy document itself (make check-sources SOURCES=DIR);
# moved here from tests/cli/shanghai2023.sh, which checks the same plugin without the document.
. "$(dirname "$0")/lib.sh"
E=$ROOT/examples
S002=$SRC_shanghai2023
export E S002 T SRCMAP
catalog_csv shanghai2023
same "$(grep -c '^target,[^,]*,[^,]*,[^,]*,%,' "$T/catalog.csv")" "$(grep -o '[0-9]\+%' "$S002" | wc -l | tr -d ' ')" \
  "shanghai2023: one target per percentage in the seed"

py "shanghai2023: every name, section and target sentence is in the seed it names" '
import csv, os, re, sqlite3
def norm(s):
    s = re.sub(r"\s", "", s)
    for a, b in (("“", "\""), ("”", "\""), ("‘", "\x27"), ("’", "\x27"), ("（", "("), ("）", ")"),
                 ("，", ","), ("：", ":"), ("；", ";"), ("＃", "#")):
        s = s.replace(a, b)
    return s
db = sqlite3.connect(os.environ["PXR_DB"])
parent = dict(db.execute("SELECT code, parent FROM indicator WHERE parent IS NOT NULL"))
names = dict(db.execute("SELECT code, name FROM indicator"))
seeds = {}
DOCS = dict(l.rstrip("\n").split("\t")[1:] for l in open(os.environ["SRCMAP"], encoding="utf-8"))
rows = list(csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")))
assert rows, "empty catalog"
for r in rows:
    src = r["source"]
    if src not in seeds:
        seeds[src] = norm(open(DOCS[src], encoding="utf-8").read())
    if r["code"] in parent:
        # a part (临床路径出径率) is named inside its compound (临床路径入径率和出径率)
        name, whole = norm(r["name"]), norm(names[parent[r["code"]]])
        k = 0
        while k < min(len(name), len(whole)) and name[k] == whole[k]:
            k += 1
        assert whole in seeds[src] and k > 0 and name[k:] in whole, (r["code"], name, whole)
        continue
    for col in ("name", "sentence") + (("section",) if r["kind"] == "measure" else ()):
        if r[col] and not (r["kind"] == "indicator" and col == "sentence"):
            assert norm(r[col]) in seeds[src], (r["kind"], r["code"], col, r[col], src)
'

py "shanghai2023: measures 1-24 numbered, titled and sectioned as in the seed" '
import csv, os, re
seed = open(os.environ["S002"], encoding="utf-8").read()
body = seed[seed.index("二、重点任务"):seed.index("三、工作安排")]
want, section = [], None
for line in body.splitlines():
    line = line.strip()
    if re.match(r"^\([一二三四五六七八九十]+\)", line): section = line
    m = re.match(r"^(\d+)\.([^。]+)。", line)
    if m: want.append((m.group(1), m.group(2), section))
got = [(r["code"], r["name"], r["section"])
       for r in csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8"))
       if r["kind"] == "measure"]
assert len(want) == 24, len(want)
assert got == want, [(g, w) for g, w in zip(got, want) if g != w][:3]
'
# The five parts as the plan lists them: "(包括落实的情况、…、下一步工作设想等)".
tr -d ' \n' <"$S002" | sed -n 's/.*阶段性工作总结(包括\([^)]*\)等).*/\1/p' | sed 's/、/\n/g' | awk 1 >"$T/parts"
same "$(wc -l <"$T/parts" | tr -d ' ')" 5 "shanghai2023: the document lists five parts"
same "$(sql "SELECT section FROM plugin_section WHERE plugin = 'shanghai2023' ORDER BY seq")" \
  "$(cat "$T/parts")" "shanghai2023: narrative_sections are the document's five parts, in order"
grep -q '每年6月10日、12月10日前' "$S002" && pass "shanghai2023: the document sets 6月10日 and 12月10日" ||
  fail "shanghai2023: the document sets 6月10日 and 12月10日"
rm -rf "$T"
