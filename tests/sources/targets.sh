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
