#!/bin/sh
# innermongolia2023, checked against the policy document itself (make check-sources SOURCES=DIR);
# moved here from tests/cli/innermongolia2023.sh, which checks the same plugin without the document.
. "$(dirname "$0")/lib.sh"
E=$ROOT/examples
S000=$SRC_innermongolia2023
export S000 T
catalog_csv innermongolia2023
py "im: 20 measures in 6 sections, numbered 1-20, titles and texts in the seed" '
import csv, os, re
norm = lambda s: re.sub(r"[\s“”‘’\"\x27]", "", s)
seed = norm(open(os.environ["S000"], encoding="utf-8").read())
rows = [r for r in csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")) if r["kind"] == "measure"]
assert [r["code"] for r in rows] == [str(i) for i in range(1, 21)], [r["code"] for r in rows]
assert len({r["section"] for r in rows}) == 6
for r in rows:
    assert norm(r["code"] + "." + r["name"] + "。") in seed, r["name"]
    assert norm(r["section"]) in seed, r["section"]
    assert r["source"].startswith("《内蒙古自治区"), r
'

py "im: the 27 national indicators and every own indicator name occur in the seed" '
import csv, os, re
norm = lambda s: re.sub(r"[\s“”‘’\"\x27]", "", s)
seed = norm(open(os.environ["S000"], encoding="utf-8").read())
rows = [r for r in csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")) if r["kind"] == "indicator"]
ei = {r["code"] for r in rows if re.fullmatch(r"EI\d\d", r["code"])}
assert ei == {"EI%02d" % i for i in range(1, 28)}, sorted(ei)
own = [r for r in rows if r["code"].startswith("IM_")]
assert len(own) >= 10, len(own)
for r in rows:
    if r["code"] in ("EI14_IN", "EI14_OUT", "EI20_OP", "EI20_IP"):
        continue
    assert norm(r["name"]) in seed, (r["code"], r["name"])
'

# Comparator, value and deadline of every target, read again from its seed
# words: the number in the name, and the last date written before the name's
# end in its sentence ("2023年" -> 12-31, "2024年5月底" -> 05-31, "2025年前" ->
# the end of 2024).
py "im: every target: name and sentence in the seed; comparator, value, deadline as the seed words say" '
import csv, os, re, calendar
norm = lambda s: re.sub(r"[\s“”‘’\"\x27]", "", s)
seed = norm(open(os.environ["S000"], encoding="utf-8").read())
rows = [r for r in csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")) if r["kind"] == "target"]
assert len(rows) == 21, len(rows)
rules = [(r"不低于(\d+)%", ">="), (r"不超过(\d+)分钟", "<="), (r"达(\d+)%", ">="), (r"不少于(\d+)个", ">="),
         (r"(\d+)分钟以内", "<="), (r"精确到(\d+)分钟", "<=")]
for r in rows:
    name, sentence = norm(r["name"]), norm(r["sentence"])
    assert name in seed and sentence in seed and name in sentence, (r["code"], name)
    want = ("=", 1.0)
    for pat, cmp in rules:
        m = re.search(pat, name)
        if m:
            want = (cmp, float(m.group(1)))
    m = re.search(r"(\d)/(\d)的", name)
    if m:
        want = (">=", 100 * int(m.group(1)) / int(m.group(2)))
    got = (r["comparator"], float(r["value"]))
    assert got[0] == want[0] and abs(got[1] - want[1]) < 1e-9, (r["code"], got, want)
    head = sentence[:sentence.index(name) + len(name)]
    dates = re.findall(r"(\d{4})年(?:(\d{1,2})月底|(前)|底)?", head)
    deadline = ""
    if dates:
        y, mon, before = dates[-1]
        y = int(y)
        if mon:
            deadline = "%d-%02d-%02d" % (y, int(mon), calendar.monthrange(y, int(mon))[1])
        elif before:
            deadline = "%d-12-31" % (y - 1)
        else:
            deadline = "%d-12-31" % y
    elif re.search(r"(\d{1,2})月底", head):  # "7月底前": in the year the plan starts, 2023
        mon = int(re.search(r"(\d{1,2})月底", head).group(1))
        deadline = "2023-%02d-%02d" % (mon, calendar.monthrange(2023, mon)[1])
    assert r["deadline"] == deadline, (r["code"], r["deadline"], deadline)
'
rm -rf "$T"
