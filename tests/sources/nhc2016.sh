#!/bin/sh
# nhc2016, checked against the policy document itself (make check-sources SOURCES=DIR);
# moved here from tests/cli/nhc2016.sh, which checks the same plugin without the document.
. "$(dirname "$0")/lib.sh"
E=$ROOT/examples
SEED=$SRC_nhc2016
export SEED T
catalog_csv nhc2016
# How many cells the seed's form has, counted from the seed itself: split the
# attachment (from 填报时间 to 联系人) into its non-empty cells (a line that
# starts with （ continues the cell above: （分钟）).  Of those, the first cell
# holds two header fields (填报时间, 省（区、市）卫生计生委盖章), 7 cells are the
# section titles, and each 数量（个） cell is the measure of the item beside it,
# not a field of its own; 联系人 and 手机号 add two footer fields.
# 73 cells - 1 - 7 - 17 数量（个） + 2 + 2 = 52.
want=$(python3 - "$SEED" <<'EOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
form = re.sub(r"\n（", "（", t[t.rindex("填报时间"):t.rindex("联系人")])
cells = [c.strip() for c in re.split(r"[\t\n]", form) if c.strip()]
sections = [c for c in cells if re.fullmatch(r"[^，（]+，[^，（]+", c)]
assert len(sections) == 7, sections
print(len(cells) - 1 - len(sections) - cells.count("数量（个）") + 2 + 2)
EOF
)
same "$want" 52 "nhc2016: the seed's form has 52 fields (counted from the seed)"
same "$(grep -c '^field,' "$T/catalog.csv")" "$want" "nhc2016: the catalog has every field of the form"

py "nhc2016: 10 key works numbered 1-10, titles and texts in the seed" '
import csv, os, re, sqlite3
seed = re.sub(r"\s", "", open(os.environ["SEED"], encoding="utf-8").read())
db = sqlite3.connect(os.environ["PXR_DB"])
rows = db.execute("SELECT code, title, text FROM measure WHERE plugin = ? ORDER BY seq", ("nhc2016",)).fetchall()
assert [r[0] for r in rows] == [str(i) for i in range(1, 11)], rows
assert "10项工作" in seed
for code, title, text in rows:
    assert code + "." + title in seed, (code, title)
    assert re.sub(r"\s", "", text) in seed, (code, text[:20])
'

py "nhc2016: field, indicator and section names occur in the seed; fields in form order" '
import csv, os, re
norm = lambda s: re.sub(r"\s", "", s).replace("％", "%").replace("\u201c", "\"").replace("\u201d", "\"")
raw = open(os.environ["SEED"], encoding="utf-8").read()
seed = norm(raw)
rows = list(csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")))
fields = [r for r in rows if r["kind"] == "field"]
form = norm(raw[raw.rindex("附件"):])
pos = 0
for r in fields:
    assert norm(r["name"]) in seed, r["name"]
    i = form.find(norm(r["name"]), pos)
    assert i >= 0, ("out of form order", r["name"])
    pos = i
    if r["section"] not in ("表头", "表尾"):
        assert norm(r["section"]) in form, r["section"]
assert len({r["section"] for r in fields if r["section"] not in ("表头", "表尾")}) == 7
# institution-level inputs: the form words for one institution; a rate the form
# averages is named without its 平均 (三级医院平均预约诊疗率 -> 预约诊疗率)
for r in rows:
    if r["kind"] == "indicator":
        assert norm(r["name"]) in seed or norm(r["name"]) in seed.replace("平均", ""), r["name"]
'

py "nhc2016: targets 0.4:1 and 精确到小时, 2015 baselines, sentences quoted" '
import csv, os, re
seed = re.sub(r"\s", "", open(os.environ["SEED"], encoding="utf-8").read())
rows = [r for r in csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")) if r["kind"] in ("target", "baseline")]
for r in rows:
    assert r["sentence"] and re.sub(r"\s", "", r["sentence"]) in seed, r
assert sorted(r["code"] for r in rows if r["kind"] == "target") == ["APPT_HOUR", "NURSE_BED"]
by = {r["code"]: r for r in rows}
assert by["NURSE_BED"]["comparator"] == ">=" and float(by["NURSE_BED"]["value"]) == 0.4
assert by["APPT_HOUR"]["comparator"] == "="
# every 2015 figure of 一、工作背景 (numbers before 二、) is some baseline value
background = seed[seed.index("一、工作背景"):seed.index("二、2016年")]
figures = set(re.findall(r"(?<![0-9.])(\d+(?:\.\d+)?)(?=家|所|%|％|万起)", background))
values = {("%g" % float(r["value"])) for r in rows}
values |= {("%g" % -float(r["value"])) for r in rows}
missing = sorted(f for f in figures if "%g" % float(f) not in values)
assert not missing, missing
'
rm -rf "$T"
