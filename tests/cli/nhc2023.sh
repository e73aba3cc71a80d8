#!/bin/sh
# nhc2023: the catalog, and the evaluation report of
# the examples (PDF read back with pdftotext, XML checked with xmllint and
# against statuses computed here from the appendix's ▲/＃ marks and the CSV files).
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
FACTS=$ROOT/tests/sources/facts/national-indicators.tsv
XSD=$ROOT/reports/schema/pxr-evaluation.xsd
export E FACTS T

# py NAME SCRIPT: runs a python check that prints nothing on success.

expect 0 "nhc2023: init" -- init
expect 0 "nhc2023: import the examples" -- import "$E/institutions.csv" "$E/values.csv"
expect 0 "nhc2023: catalog as CSV" -- catalog nhc2023 --format csv
cp "$T/out" "$T/catalog.csv"
head -n 1 "$T/catalog.csv" >"$T/header"
has "$T/header" "kind,code,name,section,unit,type,applicability" "nhc2023: catalog columns"

# The 27 names as the seed's appendix writes them (▲/＃ marks removed).
# The 27 names as the appendix writes them (▲/＃ marks removed), from the facts
# checked against the document by tests/sources/facts.sh.
grep -v '^#' "$ROOT/tests/sources/facts/national-indicators.tsv" | cut -f1,2 >"$T/names"
same "$(wc -l <"$T/names" | tr -d ' ')" 27 "nhc2023: the appendix lists 27 indicators"

py "nhc2023: catalog has the seed's 27 indicators, names exact" '
import csv, os
T = os.environ["T"]
seed = dict(l.rstrip("\n").split("\t")[::-1] for l in open(T + "/names", encoding="utf-8"))
rows = list(csv.DictReader(open(T + "/catalog.csv", encoding="utf-8")))
got = {r["name"]: r["code"] for r in rows if r["code"].startswith("EI") and "_" not in r["code"]}
missing = sorted(set(seed) - set(got))
extra = sorted(set(got) - set(seed))
assert not missing and not extra, ("missing", missing, "not in seed", extra)
for name, code in got.items():
    assert code == "EI%02d" % int(seed[name]), (name, code, seed[name])
'



# H150800001: 二级, no obstetrics, not an alliance lead; its 2024S1 values for
# EI03 and EI21 are missing on purpose (see examples/README.md).
INST=H150800001
expect 0 "nhc2023: evaluation report of a secondary hospital" -- \
  report nhc2023 evaluation --period 2024S1 --institution $INST -o "$T/e.pdf" --xml "$T/e.xml"
if "$PDFCHECK" "$T/e.pdf" >"$T/check" 2>&1; then pass "nhc2023: pdf-check"; else
  fail "nhc2023: pdf-check" "$(head -c 400 "$T/check")"
fi
if xmllint --noout --schema "$XSD" "$T/e.xml" 2>"$T/xmllint"; then pass "nhc2023: XML valid"; else
  fail "nhc2023: XML valid" "$(head -c 400 "$T/xmllint")"
fi
pdftotext -enc UTF-8 "$T/e.pdf" "$T/e.txt"
tr -d ' \n\r\t\f' <"$T/e.txt" >"$T/e.flat"
n=0
while IFS="$(printf '\t')" read -r num name; do
  grep -qF -- "$name" "$T/e.flat" || { fail "nhc2023: PDF names indicator $num" "no '$name'"; n=1; }
done <"$T/names"
[ $n = 0 ] && pass "nhc2023: PDF shows the 27 names as the seed writes them"
has "$T/e.flat" "不适用" "nhc2023: 不适用 for ▲/＃ at a secondary hospital without obstetrics"
has "$T/e.flat" "未填报" "nhc2023: 未填报 for a missing value"
has "$T/e.flat" "巴彦淖尔市河套仁济医院" "nhc2023: institution name"
has "$T/e.flat" "内蒙古自治区巴彦淖尔市" "nhc2023: region path"
has "$T/e.flat" "2024年上半年" "nhc2023: period label"
has "$T/e.flat" "二级甲等" "nhc2023: level and grade"
has "$T/e.flat" "注：1.标注▲的指标适用于三级医院和医联体的牵头医院。" "nhc2023: the seed's note 1"

# A reported rate: value with 2 decimals and "numerator/denominator" with separators.
python3 - "$E/values.csv" $INST 2024S1 >"$T/rate" <<'EOF'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if r["institution"] == sys.argv[2] and r["period"] == sys.argv[3] and r["denominator"]:
        print("%.2f" % float(r["value"]))
        print("{:,}/{:,}".format(int(r["numerator"]), int(r["denominator"])))
        break
EOF
has "$T/e.flat" "$(sed -n 1p "$T/rate")" "nhc2023: a rate shown with 2 decimals"
has "$T/e.flat" "$(sed -n 2p "$T/rate")" "nhc2023: numerator/denominator with thousands separators"

# Statuses recomputed from the seed's marks and the CSV files, for three institutions.
for inst in H150800001 H150300001 H150100001; do
  expect 0 "nhc2023: evaluation XML of $inst" -- \
    report nhc2023 evaluation --period 2024S1 --institution $inst -o "$T/$inst.pdf" --xml "$T/$inst.xml"
  INST=$inst py "nhc2023: statuses of $inst follow ▲/＃ and the data" '
import csv, os, re, xml.etree.ElementTree as ET
T, E, inst = os.environ["T"], os.environ["E"], os.environ["INST"]
marks = {int(l.split("\t")[0]): l.rstrip("\n").split("\t")[2]
         for l in open(os.environ["FACTS"], encoding="utf-8") if not l.startswith("#")}
row = next(r for r in csv.DictReader(open(E + "/institutions.csv", encoding="utf-8")) if r["code"] == inst)
have = {r["indicator"] for r in csv.DictReader(open(E + "/values.csv", encoding="utf-8"))
        if r["institution"] == inst and r["period"] == "2024S1" and (r["value"] or r["denominator"])}
root = ET.parse(T + "/" + inst + ".xml").getroot()
assert root.get("period") == "2024S1" and root.get("institution") == inst, root.attrib
inds = root.findall("indicator")
assert [int(i.get("number")) for i in inds] == list(range(1, 28))
counts = {"已填报": 0, "未填报": 0, "不适用": 0, "部分填报": 0}
for i in inds:
    m = marks[int(i.get("number"))]
    ok = (m == "" or (m == "▲" and (row["level"] == "三级" or row["alliance_lead"] == "是"))
          or (m == "＃" and row["obstetrics"] == "是"))
    # 15 (中医医院…): 中医, 民族医 and 中西医结合 hospitals only (our reading)
    if int(i.get("number")) == 15:
        ok = row["kind"] in ("中医", "蒙医", "藏医", "维医", "傣医", "壮医", "民族医", "中西医结合")
    parts = i.findall("part")
    codes = [p.get("code") for p in parts] or [i.get("code")]
    k = sum(c in have for c in codes)
    want = "不适用" if not ok else "已填报" if k == len(codes) else "未填报" if k == 0 else "部分填报"
    assert i.get("status") == want, (i.get("code"), i.get("status"), want)
    assert (i.get("value") is not None) == (want == "已填报" and not parts), i.attrib
    counts[want] += 1
s = root.find("summary").attrib
assert int(s["not_applicable"]) == counts["不适用"] and int(s["missing"]) == counts["未填报"], (s, counts)
assert int(s["reported"]) == counts["已填报"] and int(s["applicable"]) == 27 - counts["不适用"], (s, counts)
'
done
pdftotext -enc UTF-8 "$T/H150100001.pdf" - | tr -d ' \n' >"$T/t.flat"
has "$T/t.flat" "不适用1项（第15项）" \
  "nhc2023: at a tertiary 综合 alliance lead with obstetrics only indicator 15 (中医医院) is 不适用"

pxr report nhc2023 evaluation --period 2024S1 --institution H000000000 -o "$T/x.pdf" --xml "$T/x.xml"
if [ "$rc" -ne 0 ] && grep -qF H000000000 "$T/err" && [ ! -e "$T/x.pdf" ]; then
  pass "nhc2023: unknown institution refused"
else
  fail "nhc2023: unknown institution refused" "exit $rc: $(head -c 200 "$T/err")"
fi
rm -rf "$T"
