#!/bin/sh
# Reporting units that are groups of institutions (issue 9, Shanghai): 申康医院发展中心 reports
# for the municipal hospitals (examples/shanghai2023-groups.csv); the city's report is the
# 市卫生健康委's 汇总 of what the districts and 申康 sent; measure status as of the due date;
# the plans' 文号 and 依据 with their own labels.  Also the upgrade of a schema-4 database.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/shanghai2023-semiannual.xsd
export E T

# report ARGS... NAME: renders semiannual into $T/NAME.{pdf,xml,txt} and checks PDF and XML.
report() {
  out=$1 per=$2
  shift 2
  expect 0 "units: report $out $per" -- report shanghai2023 semiannual --period "$per" "$@" \
    -o "$T/$out.pdf" --xml "$T/$out.xml"
  "$PDFCHECK" "$T/$out.pdf" >"$T/check" 2>&1 && pass "units: pdf-check $out" ||
    fail "units: pdf-check $out" "$(head -c 300 "$T/check")"
  xmllint --noout --schema "$XSD" "$T/$out.xml" 2>"$T/xmllint" && pass "units: XML of $out valid" ||
    fail "units: XML of $out valid" "$(head -c 300 "$T/xmllint")"
  pdftotext -enc UTF-8 "$T/$out.pdf" - | tr -d ' \n\f' | sed -E 's/—[0-9]+—//g' >"$T/$out.txt"
}

# ---- upgrade: a database made by pxr at schema 4 (tests/fixtures/store-v4.sql) gets the
# group tables, keeps its data, and takes a groups file
OLD=$T/old.db
sqlite3 "$OLD" <"$ROOT/tests/fixtures/store-v4.sql"
same "$(sqlite3 "$OLD" 'PRAGMA user_version')" 4 "units: the fixture is a schema-4 database"
q="SELECT * FROM institution ORDER BY code; SELECT * FROM measure_status ORDER BY 1,2,3,4;
   SELECT * FROM narrative ORDER BY 1,2,3,4; SELECT * FROM value ORDER BY 1,2,3"
sqlite3 "$OLD" "$q" >"$T/before"
expect 0 "units: init upgrades a schema-4 database" -- --db "$OLD" init
same "$(sqlite3 "$OLD" 'PRAGMA user_version')" 6 "units: the database is at schema 6"
sqlite3 "$OLD" "$q" >"$T/after"
cmp -s "$T/before" "$T/after" && pass "units: institutions, status, narratives and values survive" ||
  fail "units: data survives the upgrade" "$(diff "$T/before" "$T/after" | head -3)"
expect 0 "units: the upgraded database takes a groups file" -- --db "$OLD" import "$E/shanghai2023-groups.csv"
same "$(sqlite3 "$OLD" "SELECT count(*) FROM unit_group_member WHERE grp = 'SHENKANG'")" \
  "$(grep -c '^SHENKANG,' "$E/shanghai2023-groups.csv")" "units: the members are stored"

# ---- the groups file
expect 0 "units: init" -- init
expect 0 "units: import the examples" -- import "$E"/*.csv "$E"/*-narratives-*.md
has "$T/out" "shanghai2023-groups.csv: groups" "units: a groups file is told by its header"
expect 0 "units: importing it again" -- import "$E/shanghai2023-groups.csv"
has "$T/out" "0 new, 0 changed, 3 unchanged" "units: importing the same groups again changes nothing"
dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }
before=$(dump)
printf 'group,name,region,institution\n310101,黄浦区医院组,310000,H310101001\n' >"$T/g1.csv"
expect 1 "units: a group may not take a region's code" -- import "$T/g1.csv"
has "$T/err" "g1.csv:2:1: field 'group' = '310101': already a region's code" "units: the error names file, line, field and value"
printf 'group,name,region,institution\nSHENKANG,申康医院发展中心,310000,H310101009\n' >"$T/g2.csv"
expect 1 "units: an unknown member is refused" -- import "$T/g2.csv"
has "$T/err" "field 'institution' = 'H310101009': unknown institution" "units: the error names the member"
printf 'group,name,region,institution\nCITYX,市属医院,310000,H310101001\nCITYX,区属医院,310000,H310104001\n' >"$T/g3.csv"
expect 1 "units: a group named two ways in one file is refused" -- import "$T/g3.csv"
has "$T/err" "g3.csv:3:" "units: the second name's line is named"
same "$(dump)" "$before" "units: refused groups files change nothing"
printf 'plugin,measure,unit,period,status\nshanghai2023,1,SHENKANX,2024S1,推进中\n' >"$T/s.csv"
expect 1 "units: status of an unknown unit is refused" -- import "$T/s.csv"
has "$T/err" "did you mean 'SHENKANG'?" "units: a near group code is suggested"

# ---- 申康医院发展中心's own summary: its members only, sent to 市卫生健康委
report shenkang 2024S1 --unit SHENKANG
has "$T/shenkang.txt" "申康医院发展中心改善就医感受提升患者体验主题活动2024年上半年阶段性工作总结" "units: 申康's title"
has "$T/shenkang.txt" "市卫生健康委：根据" "units: 申康's summary is addressed to 市卫生健康委"
has "$T/shenkang.txt" "统计范围：所属医疗机构3家" "units: 申康's figures are over its member hospitals"
has "$T/shenkang.txt" "所属医疗机构均已报送本期数据" "units: 申康's coverage speaks of its members, not a region"
py "units: 申康's XML: a group, its sender, its members' figures and status units" '
import csv, os, xml.etree.ElementTree as ET
T, E = os.environ["T"], os.environ["E"]
r = ET.parse(T + "/shenkang.xml").getroot()
assert (r.get("kind"), r.get("unit"), r.get("sender"), r.get("recipient")) == \
    ("group", "SHENKANG", "申康医院发展中心", "上海市卫生健康委员会"), r.attrib
members = [x["institution"] for x in csv.DictReader(open(E + "/shanghai2023-groups.csv", encoding="utf-8"))]
assert r.find("indicators").get("institutions") == str(len(members)), r.find("indicators").attrib
assert r.find("measures").get("units") == str(len(members) + 1)
reported = sorted(v["institution"] for v in csv.DictReader(open(E + "/shanghai2023-values.csv", encoding="utf-8"))
                  if v["period"] == "2024S1" and v["indicator"] == "SH_EXPERT_DOWN" and v["institution"] in members)
t = r.find("target")
assert reported and sorted(u.get("code") for u in t) == reported, ([u.get("code") for u in t], reported)
assert int(r.get("parts_submitted")) == 5
'
expect 0 "units: --region takes the group's code too" -- report shanghai2023 semiannual --period 2024S1 \
  --region SHENKANG -o "$T/sk2.pdf"
expect 2 "units: a report that takes regions refuses a group" -- report nhc2023 summary --period 2024S1 \
  --unit SHENKANG -o "$T/x.pdf"
has "$T/err" "'SHENKANG' is a reporting unit that is a group of institutions, not a region" "units: and says why"
expect 1 "units: --unit takes only a group's code" -- report shanghai2023 semiannual --period 2024S1 \
  --unit 310101 -o "$T/x.pdf"
expect 2 "units: --unit with --region is refused" -- report shanghai2023 semiannual --period 2024S1 \
  --unit SHENKANG --region 310000 -o "$T/x.pdf"

# ---- a district leaves out the municipal hospital that 申康 reports for
report huangpu 2024S1 --region 310101
has "$T/huangpu.txt" "位于本区的上海外滩仁和医院由申康医院发展中心报送，不在本总结统计范围内。" \
  "units: 黄浦区 says which hospital 申康 reports for"
same "$(python3 -c '
import sys, xml.etree.ElementTree as ET
print(ET.parse(sys.argv[1]).getroot().find("indicators").get("institutions"))' "$T/huangpu.xml")" \
  "$(awk -F, '$3 == "310101"' "$E/institutions.csv" | grep -cv -f "$(cut -d, -f4 "$E/shanghai2023-groups.csv" | sed 1d >"$T/m"; echo "$T/m")")" \
  "units: 黄浦区's figures leave the group's member out"

# ---- the city: the 市卫生健康委's 汇总 of what it received
report city 2024S1 --region 310000
has "$T/city.txt" "上海市改善就医感受提升患者体验主题活动2024年上半年阶段性工作总结汇总" "units: the city's title says 汇总"
hasnt "$T/city.txt" "市卫生健康委：" "units: the 汇总 is not addressed to its own compiler"
has "$T/city.txt" "上海市卫生健康委员会（汇总）" "units: the sign-off says who compiled it"
has "$T/city.txt" "应报送单位17个（16个区卫生健康委、申康医院发展中心）" "units: 16 districts and 申康 owe a summary"
py "units: the 汇总 lists who reported (CSV and Markdown narratives) and who has not" '
import csv, glob, os, re, xml.etree.ElementTree as ET
T, E = os.environ["T"], os.environ["E"]
sent = {r["unit"] for r in csv.DictReader(open(E + "/shanghai2023-narratives.csv", encoding="utf-8"))
        if r["period"] == "2024S1"}
for md in glob.glob(E + "/shanghai2023-narratives-*.md"):
    sent.add(re.search(r"^unit:\s*(\S+)", open(md, encoding="utf-8").read(), re.M).group(1))
sent.discard("310000")
rep = ET.parse(T + "/city.xml").getroot().find("reporting")
units = {u.get("code"): u for u in rep}
assert len(units) == 17 and rep.get("expected") == "17", len(units)
assert {c for c, u in units.items() if u.get("reported") == "true"} == sent, sent
assert rep.get("reported") == str(len(sent))
assert units["SHENKANG"].get("kind") == "group" and units["310112"].get("parts_submitted") == "4"
flat = open(T + "/city.txt", encoding="utf-8").read()
head = flat[:flat.index("一、落实的情况")]
for c, u in units.items():
    assert u.get("name") in head, u.get("name")
assert "未报送11个（" in head or "未报送%d个（" % (17 - len(sent)) in head
'
has "$T/city.txt" "已报送单位中未报送本部分的：闵行区卫生健康委。" "units: the part 闵行区 left out is named under it"

# ---- batch: the city, each district with institutions, and 申康
expect 0 "units: batch" -- batch shanghai2023 semiannual --period 2024S1 --each region -o "$T/batch"
[ -f "$T/batch/shanghai2023-semiannual-SHENKANG-2024S1.pdf" ] && pass "units: batch renders 申康's report" ||
  fail "units: batch renders 申康's report" "$(ls "$T/batch" | head -3)"

# ---- status and targets as of the due date, both halves
has "$T/city.xml" 'as_of="2024-06-10"' "units: 2024S1 status is as of 6月10日"
has "$T/city.txt" "推进状态为各单位截至报送时限（2024年6月10日）报送的状态，不是2024年6月30日的状态。" \
  "units: the PDF says which date the status is as of (first half)"
report city2 2024S2 --region 310000
has "$T/city2.xml" 'as_of="2024-12-10"' "units: 2024S2 status is as of 12月10日"
has "$T/city2.txt" "截至报送时限（2024年12月10日）" "units: the PDF says which date the status is as of (second half)"
# 2025S2: the 30% is due 2025-12-31; judged at the due date 2025-12-10 a centre below it is 未到期
printf 'institution,period,indicator,value,numerator,denominator\nH310101001,2025S2,SH_EXPERT_DOWN,,200,1000\n' >"$T/v.csv"
expect 0 "units: a 2025S2 value below 30%" -- import "$T/v.csv"
report city3 2025S2 --region 310000
has "$T/city3.xml" 'as_of="2025-12-10"' "units: 2025S2 is as of 2025-12-10"
same "$(python3 -c '
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]).getroot().find("target")
print(t.get("status"), [u.get("status") for u in t if u.get("code") == "H310101001"][0])' "$T/city3.xml")" \
  "未到期 未到期" "units: judged at 2025-12-10, before the 2025-12-31 deadline, 20% is 未到期"
has "$T/city3.txt" "完成情况按报送时限（2025年12月10日）判断" "units: the PDF says the date it judges at"

# ---- 文号 and 依据, each with its label, in the PDF and the XML
has "$T/city.txt" "文号：（文件未载明）；依据：国卫医政发〔2023〕11号" "units: shanghai2023 prints 文号 and 依据"
has "$T/city.xml" 'basis="国卫医政发〔2023〕11号"' "units: shanghai2023's XML carries the basis"
same "$(python3 -c 'import sys, xml.etree.ElementTree as ET; print(ET.parse(sys.argv[1]).getroot().get("number"))' "$T/city.xml")" \
  None "units: shanghai2023 has no 文号 of its own"
expect 0 "units: nhc2016 summary" -- report nhc2016 summary --period 2016 --region 150000 \
  -o "$T/n16.pdf" --xml "$T/n16.xml"
pdftotext -enc UTF-8 "$T/n16.pdf" - | tr -d ' \n\f' >"$T/n16.txt"
has "$T/n16.txt" "文号：（文件未载明）；依据：国卫医发〔2015〕2号、国卫办医发〔2015〕33号" "units: nhc2016 prints 文号 and 依据"
has "$T/n16.xml" 'basis="国卫医发〔2015〕2号、国卫办医发〔2015〕33号"' "units: nhc2016's XML carries the basis"
xmllint --noout --schema "$ROOT/reports/schema/nhc2016-summary.xsd" "$T/n16.xml" 2>"$T/xmllint" &&
  pass "units: nhc2016's XML valid" || fail "units: nhc2016's XML valid" "$(head -c 300 "$T/xmllint")"
