#!/bin/sh
# wuyuan2021, checked against the policy document itself (make check-sources SOURCES=DIR);
# moved here from tests/cli/wuyuan2021.sh, which checks the same plugin without the document.
. "$(dirname "$0")/lib.sh"
E=$ROOT/examples
SEED=$SRC_wuyuan2021
INST=H361130001
export E SEED T
catalog_csv wuyuan2021
expect 0 "wuyuan2021: import the examples" -- import "$E"/*.csv
expect 0 "wuyuan2021: progress report" -- \
  report wuyuan2021 progress --period 2022S2 --institution $INST -o "$T/p.pdf" --xml "$T/p.xml"
# The seed's numbered measures "N、title。" with the section each falls under.
python3 - "$SEED" >"$T/seed-measures" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = text[text.index("二、“五聚焦五提升”行动计划"):text.index("四、工作要求")]
section = None
for line in text.splitlines():
    line = line.strip()
    h = re.match(r"^[（(]([一二三四五])[）)]\s*(\S+?)。?$", line)
    if h:
        section = h.group(1)
    elif line.startswith("三、"):
        section = "特殊群体"
    m = re.match(r"^(\d+)、([^。]+)。", line)
    if m:
        print("%s\t%s\t%s" % (m.group(1), m.group(2), section))
EOF
same "$(wc -l <"$T/seed-measures" | tr -d ' ')" 28 "wuyuan2021: the seed numbers 28 measures"

py "wuyuan2021: 28 measures, numbers, titles and sections as the seed has them" '
import csv, os
T = os.environ["T"]
seed = [l.rstrip("\n").split("\t") for l in open(T + "/seed-measures", encoding="utf-8")]
rows = [r for r in csv.DictReader(open(T + "/catalog.csv", encoding="utf-8")) if r["kind"] == "measure"]
assert len(rows) == 28, len(rows)
cn = {"一": "（一）", "二": "（二）", "三": "（三）", "四": "（四）", "五": "（五）"}
for (n, title, sec), r in zip(seed, rows):
    assert r["code"] == n and r["name"] == title, (r["code"], r["name"], n, title)
    if sec == "特殊群体":
        assert r["section"] == "三、面向特殊群体，落实关爱举措", (n, r["section"])
    else:
        assert r["section"].startswith(cn[sec]), (n, r["section"], sec)
    assert r["source"].startswith("《婺源县妇幼保健院"), r["source"]
'

py "wuyuan2021: every measure text, indicator name and target sentence occurs in the seed" '
import csv, os, re, sqlite3
def norm(s):
    s = re.sub(r"\s", "", s)
    return re.sub("[“”\"＂「」]", "\"", s)
seed = norm(open(os.environ["SEED"], encoding="utf-8").read())
rows = list(csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")))
kinds = {}
for r in rows:
    kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    if r["kind"] in ("measure", "indicator"):
        assert norm(r["name"]) in seed, (r["kind"], r["code"], r["name"])
    if r["kind"] == "target":
        assert r["sentence"] and norm(r["sentence"]) in seed, (r["code"], r["sentence"])
assert kinds.get("indicator", 0) >= 8 and kinds.get("target", 0) >= 7, kinds
db = sqlite3.connect(os.environ["PXR_DB"])
for code, text in db.execute("SELECT code, text FROM measure WHERE plugin = ?", ("wuyuan2021",)):
    assert norm(text) in seed, (code, text[:40])
'

py "wuyuan2021: the 领导小组 in the XML is the seed appendix" '
import os, re, xml.etree.ElementTree as ET
text = open(os.environ["SEED"], encoding="utf-8").read()
members = re.search(r"^成员：(.*)$", text, re.M).group(1).rstrip("。").split("、")
lead = re.search(r"^组长：(\S+)", text, re.M).group(1)
dep = re.search(r"^副组长：(\S+)", text, re.M).group(1)
l = ET.parse(os.environ["T"] + "/p.xml").getroot().find("leadership")
assert [m.get("name") for m in l.findall("member")] == members, len(members)
assert [(x.get("role"), x.get("name")) for x in l.findall("leader")] == [("组长", lead), ("副组长", dep)]
assert l.get("office") in text
'
rm -rf "$T"
