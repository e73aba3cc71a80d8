#!/bin/sh
# shanghai2023's 阶段性工作总结 sums its indicators in SQL: its memory follows the report, not
# the values.  A generated city of 5,000 institutions (about 130,000 values), of which a group
# (申康医院发展中心) reports for 400, renders the city's 汇总, a district's summary and the
# group's under PXR_MAX_MEMORY_MB=40 (reading every value into Lua took more than 80 MB), and
# their figures are those recomputed here from the CSV: applicability (▲, ＃, 中医) included.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 3

# N institutions over Shanghai's districts; each answers the national 27 for 2024S1 but the
# last SILENT (nothing) and some left empty at random; every 25th reports the 30% target's
# indicator; the first GROUP belong to the group GEN.
gen() {
  awk -F, -v n="$1" -v silent="$2" -v group="$3" -v dir="$T" '
    NR > 1 && $4 == "county" && substr($1, 1, 2) == "31" { county[nc++] = $1 }
    END {
      srand(11)
      inst = dir "/institutions.csv"; vals = dir "/values.csv"; grp = dir "/groups.csv"
      print "code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead" > inst
      print "institution,period,indicator,value,numerator,denominator" > vals
      print "group,name,region,institution" > grp
      nb = split("EI03 EI07 EI08 EI11 EI17 EI23 EI24 EI26 EI27 SH_LOGISTICS_24H", yn, " ")
      nr = split("EI01 EI02 EI10 EI13 EI14_IN EI14_OUT EI15 EI16 EI18 EI19 EI21 EI22", rt, " ")
      nd = split("EI04 EI05 EI09 EI12", du, " ")
      for (i = 1; i <= n; i++) {
        code = sprintf("G31%06d", i)
        lv = i % 7 == 0 ? "三级" : (i % 3 ? "二级" : "一级")
        kind = i % 5 == 0 ? "中医" : (i % 13 == 0 ? "中西医结合" : "综合")
        printf "%s,生成医院%d,%s,%s,甲,%s,公立,%s,%s\n", code, i, county[i % nc], lv, kind,
          (i % 4 == 0 ? "是" : "否"), (i % 11 == 0 ? "是" : "否") > inst
        if (i <= group) printf "GEN,生成医院集团,310000,%s\n", code > grp
        if (i > n - silent) continue
        for (k = 1; k <= nb; k++) if (rand() < 0.9)
          printf "%s,2024S1,%s,%s,,\n", code, yn[k], (rand() < 0.7 ? "是" : "否") > vals
        for (k = 1; k <= nr; k++) if (rand() < 0.9) {
          den = 1000 + int(rand() * 100000); num = int(den * rand())
          printf "%s,2024S1,%s,,%d,%d\n", code, rt[k], num, den > vals
        }
        for (k = 1; k <= nd; k++) if (rand() < 0.9)
          printf "%s,2024S1,%s,%.1f,,\n", code, du[k], 1 + rand() * 50 > vals
        printf "%s,2024S1,EI06,%d,,\n", code, int(rand() * 40) > vals
        printf "%s,2024S1,EI20_OP,%d,,\n", code, int(rand() * 9000) > vals
        printf "%s,2024S1,EI20_IP,%d,,\n", code, int(rand() * 900) > vals
        printf "%s,2024S1,EI25,%d,,\n", code, int(rand() * 6) > vals
        if (i % 25 == 0) {
          den = 1000 + int(rand() * 10000); num = int(den * (0.1 + rand() * 0.4))
          printf "%s,2024S1,SH_EXPERT_DOWN,,%d,%d\n", code, num, den > vals
        }
      }
    }' "$ROOT/core/data/regions-cn-2023.csv"
}
gen 5000 40 400
expect 0 "init" -- init
expect 0 "import 5,000 generated institutions of the city, their values and a group of 400" -- \
  import -q "$T/institutions.csv" "$T/values.csv" "$T/groups.csv"

PXR_MAX_MEMORY_MB=40 expect 0 "the city's 汇总 of 5,000 institutions under 40 MB" -- \
  report shanghai2023 semiannual --period 2024S1 --region 310000 -o "$T/city.pdf" --xml "$T/city.xml"
PXR_MAX_MEMORY_MB=40 expect 0 "a district's summary under 40 MB" -- \
  report shanghai2023 semiannual --period 2024S1 --region 310104 -o "$T/district.pdf" --xml "$T/district.xml"
PXR_MAX_MEMORY_MB=40 expect 0 "the group's summary under 40 MB" -- \
  report shanghai2023 semiannual --period 2024S1 --unit GEN -o "$T/group.pdf" --xml "$T/group.xml"

for w in city district group; do
  [ -f "$T/$w.xml" ] || { fail "the $w's report" "not written: nothing more to check"; continue; }
  "$PDFCHECK" "$T/$w.pdf" >"$T/check.log" 2>&1 && pass "the $w's PDF passes the checks" ||
    fail "the $w's PDF: pdfcheck" "$(head -c 300 "$T/check.log")"
  xmllint --noout --schema "$ROOT/reports/schema/shanghai2023-semiannual.xsd" "$T/$w.xml" \
    2>"$T/xmllint.err" && pass "the $w's XML is valid" || fail "the $w's XML" "$(head -c 300 "$T/xmllint.err")"
  # the figures, recomputed from the generated CSV over the report's institutions
  py_lines "the $w's indicators are those of its institutions' values" '
import csv, sys, xml.etree.ElementTree as E
d, which, path = sys.argv[1:4]
insts = {r["code"]: r for r in csv.DictReader(open(d + "/institutions.csv", encoding="utf-8"))}
group = {r["institution"] for r in csv.DictReader(open(d + "/groups.csv", encoding="utf-8"))}
if which == "group": scope = [c for c in insts if c in group]
elif which == "district": scope = [c for c in insts if insts[c]["region"] == "310104" and c not in group]
else: scope = list(insts)
vals = {}
for r in csv.DictReader(open(d + "/values.csv", encoding="utf-8")):
    vals.setdefault(r["indicator"], {})[r["institution"]] = r
def applies(app, i):
    if app == "tertiary_or_lead": return i["level"] == "三级" or i["alliance_lead"] == "是"
    if app == "obstetrics": return i["obstetrics"] == "是"
    if app == "tcm": return i["kind"] in ("中医", "中西医结合")
    return True
APP = {"EI02": "tertiary_or_lead", "EI06": "tertiary_or_lead", "EI07": "tertiary_or_lead",
       "EI11": "tertiary_or_lead", "EI20_OP": "tertiary_or_lead", "EI20_IP": "tertiary_or_lead",
       "EI24": "tertiary_or_lead", "EI15": "tcm", "EI16": "obstetrics"}
root = E.parse(path).getroot()
ind = root.find("indicators")
if int(ind.get("institutions")) != len(scope):
    print("institutions: got %s, want %d" % (ind.get("institutions"), len(scope)))
n = 0
for e in ind.iter():
    if e.tag not in ("indicator", "part") or e.get("applicable") is None: continue
    code, t = e.get("code"), e.get("type")
    app = [c for c in scope if applies(APP.get(code), insts[c])]
    rows = [vals.get(code, {})[c] for c in app if c in vals.get(code, {})]
    if not rows: want = None
    elif t == "rate":
        want = sum(float(r["numerator"]) for r in rows) / sum(float(r["denominator"]) for r in rows) * 100
    elif t == "bool": want = sum(r["value"] == "是" for r in rows)
    elif t == "count": want = sum(float(r["value"]) for r in rows)
    else: want = sum(float(r["value"]) for r in rows) / len(rows)
    got = (int(e.get("applicable")), int(e.get("reported")), e.get("value"))
    if got[:2] != (len(app), len(rows)) or (want is None) != (got[2] is None) or (
            want is not None and abs(float(got[2]) - want) > 1e-6 * max(1, abs(want))):
        print("%s: got %s, want %s" % (code, got, (len(app), len(rows), want)))
    n += 1
if n != 29: print("%d indicators and parts, want 29" % n)
' "$T" "$w" "$T/$w.xml"
done

# the 24-hour target of every institution: one row each, in the XML and the PDF's table
x() { xmllint --xpath "$1" "$T/district.xml" 2>/dev/null; }
want=$(awk -F, 'NR == FNR { if (FNR > 1) g[$4] = 1; next }
  FNR > 1 && $3 == "310104" && !($1 in g) { n++ } END { print n }' "$T/groups.csv" "$T/institutions.csv")
same "$(x "count(//target[@code='SH_T02']/unit)")" "$want" "the district's 24-hour target lists its $want institutions"
same "$(x "string(//target[@code='SH_T02']/@in_scope)")" "$want" "the district's 24-hour target counts them in scope"
pdftotext "$T/city.pdf" - | tr -d ' \n' >"$T/city.txt"
has "$T/city.txt" "统计范围：辖区内医疗机构5000家" "the city's scope counts its 5,000 institutions"
