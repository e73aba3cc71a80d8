#!/bin/sh
# Reporting units that are groups of institutions in status, approve and import (issue 9):
# `pxr status --unit G` lists the group's members (who submitted, on time, complete);
# `pxr approve --unit G` approves its members that reported, as a region's approval does;
# a groups file states the whole membership of each group it names: members it does not list
# are removed, the import says how many were added and removed per group, other groups are
# untouched, and a failed import changes nothing.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/pxr-status.xsd
zh() { (export LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 && expect "$@"); }

pxr init >/dev/null
pxr import "$E"/*.csv || fail "groups: import the examples" "$(head -c 300 "$T/err")"
members=$(grep -c '^SHENKANG,' "$E/shanghai2023-groups.csv")

# ---- status of a group
expect 0 "status --unit SHENKANG" -- status shanghai2023 --period 2024S2 --unit SHENKANG \
  -o "$T/sk.csv" --xml "$T/sk.xml"
same "$(tail -n +2 "$T/sk.csv" | cut -d, -f3 | sort | tr '\n' ' ')" \
  "$(grep '^SHENKANG,' "$E/shanghai2023-groups.csv" | cut -d, -f4 | sort | tr '\n' ' ')" \
  "status: a group lists exactly its members"
xmllint --noout --schema "$XSD" "$T/sk.xml" 2>"$T/xmllint" && pass "status: the group's XML is valid" ||
  fail "status: the group's XML is valid" "$(head -c 300 "$T/xmllint")"
same "$(xmllint --xpath 'string(/status/@unit)' "$T/sk.xml")|$(xmllint --xpath 'string(/status/@unit_name)' "$T/sk.xml")" \
  "SHENKANG|申康医院发展中心" "status: the XML names the group"
same "$(xmllint --xpath 'string(/status/total[@kind="all"]/@expected)' "$T/sk.xml")" "$members" \
  "status: the group's 应报 is its member count"
expect 0 "status --region SHENKANG (a group's code)" -- status shanghai2023 --period 2024S2 --region SHENKANG
has "$T/out" "SHENKANG: $members expected" "status: --region takes a group's code"
expect 0 "status --unit SHENKANG as PDF" -- status shanghai2023 --period 2024S2 --unit SHENKANG -o "$T/sk.pdf"
"$PDFCHECK" "$T/sk.pdf" >"$T/check" 2>&1 && pass "status: pdf-check of the group's PDF" ||
  fail "status: pdf-check" "$(head -c 300 "$T/check")"
pdftotext -enc UTF-8 "$T/sk.pdf" - | tr -d ' \n\f' >"$T/sk.txt"
has "$T/sk.txt" "申康医院发展中心（上海市，成员${members}家）" "status: the PDF names the group and its members' count"
has "$T/sk.txt" "上海外滩仁和医院" "status: the PDF lists a member"
hasnt "$T/sk.txt" "上海长宁新泾专科医院" "status: the PDF lists no institution outside the group"
expect 1 "status --unit of a region's code" -- status shanghai2023 --period 2024S2 --unit 310000
has "$T/err" "--unit 310000: unknown reporting unit" "status: --unit takes a group only"
zh 1 "status --unit unknown, in Chinese" -- status shanghai2023 --period 2024S2 --unit NOSUCH
has "$T/err" "--unit NOSUCH：未知的报送单位" "status: the refusal in Chinese"

# ---- approve a group's report: its members that reported, like a region's
sql "DELETE FROM value WHERE unit = 'H310115001' AND period = '2024S2'"
expect 0 "approve --unit SHENKANG" -- approve shanghai2023 --period 2024S2 --unit SHENKANG
has "$T/out" "$((members - 1)) approved (已审核)" "approve: the members that reported are approved"
has "$T/out" "1 not reported" "approve: the member that did not report is counted"
same "$(sql "SELECT group_concat(unit || ':' || scope, ' ') FROM (SELECT unit, scope FROM approval
             WHERE plugin = 'shanghai2023' AND period = '2024S2' ORDER BY unit)")" \
  "$(grep '^SHENKANG,' "$E/shanghai2023-groups.csv" | cut -d, -f4 | grep -v H310115001 | sort |
     sed 's/$/:SHENKANG/' | tr '\n' ' ' | sed 's/ $//')" \
  "approve: one row per member, the group as its scope, no one else"
expect 0 "status after the approval" -- status shanghai2023 --period 2024S2 --unit SHENKANG -o "$T/sk2.csv"
same "$(awk -F, '$3 == "H310101001" { print $6 }' "$T/sk2.csv")" "已审核" "status: a member shows 已审核"
expect 0 "approve --region SHENKANG again" -- approve shanghai2023 --period 2024S2 --region SHENKANG
has "$T/out" "0 approved (已审核)" "approve: --region takes a group's code; nothing twice"
expect 1 "approve a period no member reported" -- approve shanghai2023 --period 2019S1 --unit SHENKANG
has "$T/err" "--unit SHENKANG: no member has reported shanghai2023 for 2019S1" "approve: says no member reported"
zh 1 "approve, in Chinese" -- approve shanghai2023 --period 2019S1 --unit SHENKANG
has "$T/err" "--unit SHENKANG：成员机构均未填报" "approve: the refusal in Chinese"
expect 2 "approve with --unit and --region" -- approve shanghai2023 --period 2024S2 --unit SHENKANG --region 310000
expect 1 "approve --unit of an unknown group" -- approve shanghai2023 --period 2024S2 --unit NOSUCH

# ---- a groups file states the whole membership of the groups it names
cat >"$T/g1.csv" <<'EOF'
group,name,region,institution
SHENKANG,申康医院发展中心,310000,H310101001
SHENKANG,申康医院发展中心,310000,H310105001
EOF
cat >"$T/other.csv" <<'EOF'
group,name,region,institution
JIEDAO,某街道医疗联合体,310000,H310107001
JIEDAO,某街道医疗联合体,310000,H310110001
EOF
expect 0 "another group" -- import "$T/other.csv"
mem() { sql "SELECT group_concat(institution, ' ') FROM (SELECT institution FROM unit_group_member
             WHERE grp = '$1' ORDER BY institution)"; }
before=$(mem SHENKANG)
imports=$(sql "SELECT count(*) FROM import")
expect 0 "a groups file, dry run" -- import --dry-run "$T/g1.csv"
same "$(mem SHENKANG)" "$before" "membership: a dry run changes nothing"
expect 0 "a groups file with one member dropped and one added" -- import "$T/g1.csv"
has "$T/out" "group SHENKANG 申康医院发展中心: 2 members, 1 added, $((members - 1)) removed" \
  "membership: the import says what it added and removed per group"
same "$(mem SHENKANG)" "H310101001 H310105001" "membership: the members are exactly the file's"
same "$(mem JIEDAO)" "H310107001 H310110001" "membership: a group the file does not name is untouched"
same "$(sql "SELECT kind || ' ' || changed FROM import ORDER BY id DESC LIMIT 1")" "groups $members" \
  "membership: the import is recorded with its changes (1 added + the removed)"
same "$(sql "SELECT count(*) FROM unit_group_member m JOIN import i ON i.id = m.import_id
             WHERE m.institution = 'H310105001' AND i.file = '$T/g1.csv'")" 1 \
  "membership: the added member knows the file it came from"
expect 0 "the same file again" -- import "$T/g1.csv"
has "$T/out" "2 members, 0 added, 0 removed" "membership: importing it again changes nothing"
same "$(sql "SELECT count(*) FROM import")" "$((imports + 1))" "membership: no import row for no change"
zh 0 "a groups file, in Chinese" -- import "$E/shanghai2023-groups.csv"
has "$T/out" "报送单位 SHENKANG 申康医院发展中心：成员${members}家，新增$((members - 1))家，移除1家" \
  "membership: the counts in Chinese"
# all or nothing: a groups file that would remove members, with a broken file beside it
before=$(mem SHENKANG)
printf 'institution,period,indicator,value,numerator,denominator\nH310101001,2024S1,EI99X,1,,\n' >"$T/bad.csv"
expect 1 "a groups file with a broken values file" -- import "$T/g1.csv" "$T/bad.csv"
same "$(mem SHENKANG)" "$before" "membership: a failed import removes no member"
printf 'group,name,region,institution\nSHENKANG,申康医院发展中心,310000,H310101001\nSHENKANG,申康医院发展中心,310000,NOSUCH\n' >"$T/g2.csv"
expect 1 "a groups file with an unknown member" -- import "$T/g2.csv"
same "$(mem SHENKANG)" "$before" "membership: a broken groups file removes no member"
rm -rf "$T"
