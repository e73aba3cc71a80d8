# pxr status for a plain region and the reporting units that are groups (shanghai2023's
# 申康医院发展中心, examples/shanghai2023-groups.csv): the hospitals a group reports for belong to
# the group's return, so a district does not list them (it says who reports for them) and the
# city totals them under the group; Shanghai's districts are totalled as districts, not under
# 310100 市辖区, a level that exists only in the statistical code list.  Checked against the CSVs.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
XSD=$ROOT/reports/schema/pxr-status.xsd
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/shanghai2023-groups.csv" \
  "$EX/shanghai2023-values.csv"
awk -F, 'NR > 1 && $3 ~ /^31/ { print $1, $3 }' "$EX/institutions.csv" | sort >"$T/sh_insts"
awk -F, 'NR > 1 && $1 == "SHENKANG" { print $4 }' "$EX/shanghai2023-groups.csv" | sort >"$T/members"
n_all=$(grep -c . "$T/sh_insts")
n_members=$(grep -c . "$T/members")
[ "$n_members" -gt 0 ] && pass "the example has group members ($n_members)" || fail "the example has group members"

expect 0 "status of the city" -- status shanghai2023 --period 2024S1 --region 310000 -o "$T/city.csv" --xml "$T/city.xml"
xmllint --noout --schema "$XSD" "$T/city.xml" 2>/dev/null && pass "city: the XML validates" || fail "city: the XML validates"
py_lines "city: every institution once, members under the group, the others under their district" '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
insts = dict(l.split() for l in open(sys.argv[2]))
members = set(open(sys.argv[3]).read().split())
listed = [i.get("code") for i in root.iter("institution")]
if sorted(listed) != sorted(insts): print("institutions listed:", listed)
totals = {(t.get("kind"), t.get("code")): int(t.get("expected")) for t in root.iter("total")}
want = {}
for code, reg in insts.items():
    key = ("unit", "SHENKANG") if code in members else ("region", reg)
    want[key] = want.get(key, 0) + 1
got = {k: v for k, v in totals.items() if k[0] in ("region", "unit")}
if got != want: print("totals", sorted(got.items()), "want", sorted(want.items()))
if ("region", "310100") in totals: print("a total for 310100 市辖区")
if totals.get(("all", "310000")) != len(insts): print("all:", totals.get(("all", "310000")))
' "$T/city.xml" "$T/sh_insts" "$T/members"
expect 0 "status of the city as a PDF" -- status shanghai2023 --period 2024S1 --region 310000 -o "$T/city.pdf"
"$PDFCHECK" "$T/city.pdf" >/dev/null && pass "city: the PDF passes pdf-check" || fail "city: pdf-check"
pdftotext -enc UTF-8 "$T/city.pdf" - | tr -d ' \n' >"$T/city.txt"
hasnt "$T/city.txt" "市辖区" "city: no row for 市辖区"
has "$T/city.txt" "申康医院发展中心$n_members$n_members" "city: the group's row, its members expected and reported"
for m in $(cat "$T/members"); do
  name=$(awk -F, -v c="$m" '$1 == c { print $2 }' "$EX/institutions.csv")
  has "$T/city.txt" "$name＊" "city: $m ($name) is marked as the group's"
done
has "$T/city.txt" "＊由申康医院发展中心报送的机构" "city: the note says what the mark means"

# each district: its own institutions only; the members are named as the group's
sum=0
for d in $(cut -d' ' -f2 "$T/sh_insts" | sort -u); do
  expect 0 "status of district $d" -- status shanghai2023 --period 2024S1 --region "$d" -o "$T/d.csv" --xml "$T/d.xml"
  cp "$T/out" "$T/d.out"
  xmllint --noout --schema "$XSD" "$T/d.xml" 2>/dev/null && pass "$d: the XML validates" || fail "$d: the XML validates"
  own=$(awk -v d="$d" '$2 == d { print $1 }' "$T/sh_insts" | grep -vxF -f "$T/members" | sort | tr '\n' ' ')
  mine=$(awk -v d="$d" '$2 == d { print $1 }' "$T/sh_insts" | grep -cxF -f "$T/members")
  same "$(tail -n +2 "$T/d.csv" | cut -d, -f3 | sort | tr '\n' ' ')" "$own" "$d: lists its institutions but the group's"
  if [ "$mine" -gt 0 ]; then
    has "$T/d.out" "$mine reported by 申康医院发展中心 (SHENKANG), not listed" "$d: says who reports for the $mine left out"
  else
    hasnt "$T/d.out" "reported by" "$d: nobody left out"
  fi
  sum=$((sum + $(tail -n +2 "$T/d.csv" | grep -c .)))
done
expect 0 "status of the group" -- status shanghai2023 --period 2024S1 --unit SHENKANG -o "$T/g.csv"
sum=$((sum + $(tail -n +2 "$T/g.csv" | grep -c .)))
same "$sum" "$n_all" "the districts and the group together list every institution of the city once"
expect 0 "district 310101 as a PDF" -- status shanghai2023 --period 2024S1 --region 310101 -o "$T/d.pdf"
pdftotext -enc UTF-8 "$T/d.pdf" - | tr -d ' \n' >"$T/d.txt"
has "$T/d.txt" "由申康医院发展中心报送" "310101: the PDF names the unit that reports for its hospital"
has "$T/d.txt" "--unitSHENKANG" "310101: and where to find it"
(export LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 && expect 0 "district 310101 in Chinese" -- status shanghai2023 --period 2024S1 --region 310101)
has "$T/out" "另有1家由申康医院发展中心（SHENKANG）报送，未列入" "310101: the Chinese summary line says it too"

# an institution right in the region asked for is totalled under it, not under 全国
expect 0 "status of 310115" -- status shanghai2023 --period 2024S1 --region 310115 --xml "$T/pd.xml"
same "$(grep -o '<total [^>]*kind="region"[^>]*' "$T/pd.xml" | grep -o 'code="[^"]*"')" 'code="310115"' \
  "310115: its institution is totalled under 浦东新区 itself"
pxr import -q "$EX/values.csv"
expect 0 "status of 150100" -- status nhc2023 --period 2024S2 --region 150100 --xml "$T/h.xml"
same "$(grep -o '<total [^>]*kind="region"[^>]*' "$T/h.xml" | grep -o 'code="[^"]*"' | sort -u | tr '\n' ' ')" \
  "$(awk -F, '$3 ~ /^1501/ { print "code=\"" $3 "\"" }' "$EX/institutions.csv" | sort -u | tr '\n' ' ')" \
  "150100: totals under the regions its institutions are in, not 全国"
# elsewhere nothing changes: Inner Mongolia's status totals by 盟市
expect 0 "status of 150000" -- status nhc2023 --period 2024S2 --region 150000 --xml "$T/im.xml" -o "$T/im.csv"
py_lines "150000: the totals are its 盟市, as before" '
import csv, sys, xml.etree.ElementTree as ET
want = {r["region"][:4] + "00" for r in csv.DictReader(open(sys.argv[2], encoding="utf-8-sig"))
        if r["region"].startswith("15")}
got = {t.get("code") for t in ET.parse(sys.argv[1]).getroot().iter("total") if t.get("kind") == "region"}
if got != want: print("totals", sorted(got), "want", sorted(want))
if any(t.get("kind") == "unit" for t in ET.parse(sys.argv[1]).getroot().iter("total")): print("a unit total")
' "$T/im.xml" "$EX/institutions.csv"
rm -rf "$T"
