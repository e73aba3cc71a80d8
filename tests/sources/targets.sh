#!/bin/sh
# Every sentence of a plan with a quantity or a deadline is a target: each clause
# of the document's own text (重点任务 and 工作安排) that carries a number with a
# unit, a fraction or a "月底" date is in the sentence of one of its plugin's
# targets.  The same rule as tests/cli/targets_scope.sh, against the document
# itself instead of the sentences the catalog quotes.  A reporting due date is the
# plugin's calendar (日程), not a target.
. "$(dirname "$0")/lib.sh"
for id in innermongolia2023 shanghai2023 wuyuan2021; do
  expect 0 "$id: catalog as CSV" -- catalog "$id" --format csv
  cp "$T/out" "$T/$id.csv"
  expect 0 "$id: catalog as text" -- catalog "$id"
  cp "$T/out" "$T/$id.txt"
done
export T
py "every clause of the plans with a number or a deadline is a target's" '
import csv, os, re
norm = lambda s: re.sub(r"[\s，,。；;“”\"]", "", s)
qty = re.compile(r"\d+\s*(年|月|%|％|分钟|小时|个|家|天|公里|次)|\d+/\d+|月底")
bad = []
for id, start, end in [("innermongolia2023", "二、重点任务", "四、"), ("shanghai2023", "二、", "附件"),
                       ("wuyuan2021", "三、", "五、")]:
    text = open(os.environ["SRC_" + id], encoding="utf-8").read()
    a = text.find(start)
    b = text.find(end, a + 1) if a >= 0 else -1
    body = text[a:b if b > a else None] if a >= 0 else text
    rows = list(csv.DictReader(open(os.environ["T"] + "/" + id + ".csv", encoding="utf-8")))
    targets = "".join(norm(r["sentence"]) for r in rows if r["kind"] == "target")
    txt = open(os.environ["T"] + "/" + id + ".txt", encoding="utf-8").read()
    targets += norm(txt[txt.find("日程 (calendar)"):]) if "日程 (calendar)" in txt else ""
    for clause in re.split(r"[，,。；;\n]", body):
        if qty.search(clause) and not re.match(r"^\s*[（(]?[一二三四五六七八九十\d]+[)）、．.]", clause) \
                and norm(clause) and norm(clause) not in targets:
            bad.append((id, clause.strip()[:60]))
assert not bad, bad
'
rm -rf "$T"

# A person reads a target by its name: each is the document's own words and no two
# targets of a plan share one (IM T08/T09 were both 完成三级医院麻醉门诊、疼痛门诊建设,
# two rows of the report a reader could not tell apart).
. "$(dirname "$0")/lib.sh"
for id in innermongolia2023 nhc2016 shanghai2023 wuyuan2021; do
  pxr catalog "$id" --format csv && cp "$T/out" "$T/$id.csv"
done
export T
py_lines "every target's name is in its document, and unique in its plan" '
import csv, os, re
docs = {}
for line in open(os.environ["SRCMAP"], encoding="utf-8"):
    key, cite, path = line.rstrip("\n").split("\t")
    docs[cite] = re.sub(r"[\s“”‘’\"\x27]", "", open(path, encoding="utf-8").read())
norm = lambda s: re.sub(r"[\s“”‘’\"\x27]", "", s)
for id in ["innermongolia2023", "nhc2016", "shanghai2023", "wuyuan2021"]:
    seen = {}
    for r in csv.DictReader(open(os.environ["T"] + "/" + id + ".csv", encoding="utf-8")):
        if r["kind"] != "target": continue
        if norm(r["name"]) not in docs.get(r["source"], ""):
            print("%s %s: name %s is not in %s" % (id, r["code"], r["name"], r["source"]))
        if r["name"] in seen:
            print("%s %s and %s: the same name %s" % (id, seen[r["name"]], r["code"], r["name"]))
        seen[r["name"]] = r["code"]
'
rm -rf "$T"
