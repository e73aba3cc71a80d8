#!/bin/sh
# Whose target it is: a target about each institution is met only when every
# institution in scope meets it (Inner Mongolia T14 日间手术占比 and T18 床位下沉 were
# 已达标 on the pooled rate while a hospital was below); T10 3分钟出车率 is the
# region's figure; every target records how it is judged, with the words quoted;
# one deadline rule, printed in the notes; every catalog sentence with a number
# or a deadline is some target's; baselines are not targets.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
export T

pxr init >/dev/null
pxr import "$E"/*.csv "$E"/*-narratives-*.md || fail "import the examples" "$(head -c 300 "$T/err")"

expect 0 "im: targets of 全区 2024S2" -- report innermongolia2023 targets --region 150000 \
  --period 2024S2 -o "$T/im.pdf" --xml "$T/im.xml"
xmllint --noout --schema "$ROOT/reports/schema/pxr-targets.xsd" "$T/im.xml" 2>"$T/xl" &&
  pass "im: XML valid" || fail "im: XML valid" "$(head -c 300 "$T/xl")"
pdftotext "$T/im.pdf" - | tr -d ' \n' >"$T/im.txt"

# per-institution figures computed here from the examples, with awk: the institutions of
# 内蒙古 of a level (or alliance leads), their lowest rate and the pooled rate
rates() { # INDICATOR FILTER(level=三级 | lead) -> "in_scope met pooled"
  awk -F, -v ind="$1" -v filter="$2" -v goal="$3" '
    FNR == 1 { f++; next }
    f == 1 && $3 ~ /^15/ && ((filter == "三级" && $4 == "三级") || (filter == "lead" && $9 == "是")) { inst[$1] = 1; n++ }
    f >= 2 && $2 == "2024S2" && $3 == ind && ($1 in inst) && $6 != "" {
      sn += $5; sd += $6; if ($5 / $6 * 100 >= goal) met++ }
    END { printf "%d %d %.2f\n", n, met, sn / sd * 100 }' "$E/institutions.csv" "$E/innermongolia2023-values.csv" "$E/values.csv"
}
xp() { # XPATH WANT NAME
  same "$(xmllint --xpath "$1" "$T/im.xml" 2>/dev/null)" "$2" "$3"
}
for spec in "T14 EI13 三级 10" "T18 IM_BEDS_DOWN lead 25"; do
  set -- $spec
  code=$1
  set -- $(rates "$2" "$3" "$4")
  xp "string(//target[@code='$code']/@judged)" each "im: $code judged for each institution"
  xp "string(//target[@code='$code']/@in_scope)" "$1" "im: $code institutions in scope"
  xp "string(//target[@code='$code']/@met)" "$2" "im: $code institutions meeting it"
  if [ "$2" -lt "$1" ]; then
    st=$(xmllint --xpath "string(//target[@code='$code']/@status)" "$T/im.xml")
    [ "$st" != 已达标 ] && pass "im: $code not 已达标 while $2 of $1 meet it" ||
      fail "im: $code not 已达标 while $2 of $1 meet it" "status $st"
  fi
  has "$T/im.txt" "达标$2/$1家合计率$3%" "im: $code shows 达标机构数/适用机构数 and the pooled rate $3%"
done
xp "string(//target[@code='T10']/@judged)" pooled "im: T10 3分钟出车率 judged on the region's figure"
has "$T/im.txt" "本地区合计率" "im: T10 says whose figure it is"

# every target of every plugin says how it is judged, with the words
for id in innermongolia2023 nhc2016 nhc2023 shanghai2023 wuyuan2021; do
  pxr catalog "$id" --format csv
  cp "$T/out" "$T/$id.csv"
done
py "every target records judged (each/pooled/region) and the words it is read from" '
import csv, os
for id in ["innermongolia2023", "nhc2016", "nhc2023", "shanghai2023", "wuyuan2021"]:
    for r in csv.DictReader(open(os.environ["T"] + "/" + id + ".csv", encoding="utf-8")):
        if r["kind"] == "target":
            assert r.get("judged") in ("each", "pooled", "region"), (id, r["code"], r.get("judged"))
            assert r.get("judged_by"), (id, r["code"])
'

# One deadline rule: "2025年前" and "7月底前" as the rule reads them, the rule in the notes.
py "deadlines by the one rule (X年前 = X-1年12月31日; 7月底前 of 2023)" '
import csv, os
by = {r["code"]: r for r in csv.DictReader(open(os.environ["T"] + "/innermongolia2023.csv", encoding="utf-8")) if r["kind"] == "target"}
assert by["T08"]["deadline"] == "2024-12-31", by["T08"]["deadline"]
assert by["T05"]["deadline"] == "2024-05-31", by["T05"]["deadline"]
assert by["T21"]["deadline"] == "2023-07-31", by["T21"]["deadline"]
'
has "$T/im.txt" "“X年前”为X年以前，即X－1年12月31日" "im: the deadline rule is in the notes"
expect 0 "wuyuan: progress 2022S2" -- report wuyuan2021 progress --institution H361130001 \
  --period 2022S2 -o "$T/wy.pdf"
pdftotext "$T/wy.pdf" - | tr -d ' \n' >"$T/wy.txt"
has "$T/wy.txt" "“X年前”为X年以前，即X－1年12月31日" "wuyuan: the same deadline rule in the notes"

# Every clause of a measure (as the catalog quotes it) with a quantity or a deadline
# is in the sentence of some target: 24小时后勤保障 (IM 19, Shanghai 24) and the 自治区's
# 7月底前 were not.
py "every catalog sentence with a number or deadline is a target's" '
import csv, os, re
norm = lambda s: re.sub(r"[\s，,。；;]", "", s)
qty = re.compile(r"\d+\s*(年|月|%|％|分钟|小时|个|家|天|公里|次)|\d+/\d+|月底")
bad, seen = [], 0
for id in ["innermongolia2023", "shanghai2023", "wuyuan2021", "nhc2023"]:
    rows = list(csv.DictReader(open(os.environ["T"] + "/" + id + ".csv", encoding="utf-8")))
    targets = "".join(norm(r["sentence"]) for r in rows if r["kind"] == "target")
    for r in rows:
        # nhc2023: where seed 004 lacks the national text, the shared wording of 000 is no target of the notice
        if r["kind"] != "measure" or (id == "nhc2023" and "不在报道" in r["note"]):
            continue
        for s in re.split(r"[，,。；;]", r["sentence"]):
            if qty.search(s):
                seen += 1
                if norm(s) not in targets:
                    bad.append((id, r["code"], s.strip()[:60]))
assert seen >= 20, "only %d sentences with numbers: the catalog quotes no measure text" % seen
assert not bad, bad
'

# Judged at the due date: Shanghai's 2024S1 summary is due 6月10日, before its period
# ends; a target due 06-20 is not yet due on 06-10 although it is by 06-30.
cat >"$T/asof.lua" <<'LUA'
local target = require("pxr.target")
local t = { code = "X", comparator = ">=", value = 30, deadline = "2024-06-20" }
print(target.status(t, 20, "2024S1") .. " " .. target.status(t, 20, "2024S1", nil, "2024-06-10"))
LUA
pxr run "$T/asof.lua"
same "$(cat "$T/out")" "未达标 未到期" "a status as of the due date (06-10) differs from the period's end"
pxr import "$E"/shanghai2023-*.csv >/dev/null
expect 0 "shanghai: semiannual 310000 2024S1" -- report shanghai2023 semiannual --region 310000 \
  --period 2024S1 -o "$T/sh.pdf"
pdftotext "$T/sh.pdf" - | tr -d ' \n' >"$T/sh.txt"
has "$T/sh.txt" "完成情况按报送时限（2024年6月10日）判断" "shanghai: the report says the date its status is as of"

# Baselines are not targets.
pxr plugins
has "$T/out" "2 targets, 16 baselines" "nhc2016: pxr plugins counts 2 targets and 16 baselines"
rm -rf "$T"
