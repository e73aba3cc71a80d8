#!/bin/sh
# nhc2016's 汇总表 of a province is aggregated in SQL: its memory follows the form, not the
# number of institutions.  A generated province of 12,000 institutions (324,000 answers)
# renders under PXR_MAX_MEMORY_MB=24, as a province of 300 does (reading every answer into
# Lua took more than 64 MB), and its figures are those recomputed here from the CSV.
. "$(dirname "$0")/../lib.sh"
cd "$T" || exit 3

# gen N PREFIX DIR SILENT: N institutions over the counties of the province PREFIX, each with
# the 27 institution answers of the form for 2016 but the last SILENT, which send nothing
gen() {
  mkdir -p "$3"
  awk -F, -v n="$1" -v pre="$2" -v dir="$3" -v silent="$4" '
    NR > 1 && $4 == "county" && substr($1, 1, 2) == pre { county[nc++] = $1 }
    END {
      srand(7)
      inst = dir "/institutions.csv"; vals = dir "/values.csv"
      print "code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead" > inst
      print "institution,period,indicator,value,numerator,denominator" > vals
      nb = split("APPT TIMED_APPT APPT_HOUR DAY_SURGERY CLINIC_SETTLE BEDSIDE_SETTLE MOBILE_PAY " \
                 "RESULT_QUERY TELEMEDICINE DRUG_QUERY QUALITY_NURSING CLINICAL_PATHWAY " \
                 "RESULT_MUTUAL SOCIAL_WORK VOLUNTEER LIABILITY_INS DAY_SURGERY_CENTER " \
                 "WARD_COVERAGE", yn, " ")
      nr = split("APPT_RATE REVISIT_APPT_RATE TIMED_APPT_RATE NURSE_BED_RATIO PATHWAY_COMPLETION", rt, " ")
      for (i = 1; i <= n; i++) {
        code = sprintf("G%s%06d", pre, i)
        lv = i % 7 == 0 ? "三级" : (i % 3 ? "二级" : "一级")
        printf "%s,生成医院%d,%s,%s,甲,综合,公立,是,否\n", code, i, county[i % nc], lv > inst
        if (i > n - silent) continue
        for (k = 1; k <= nb; k++)
          printf "%s,2016,F16_%s,%s,,\n", code, yn[k], (rand() < 0.7 ? "是" : "否") > vals
        for (k = 1; k <= nr; k++) {
          den = 1000 + int(rand() * 100000); num = int(den * rand())
          printf "%s,2016,F16_%s,,%d,%d\n", code, rt[k], num, den > vals
        }
        printf "%s,2016,F16_REPORT_TIME_LAB,%.1f,,\n", code, 10 + rand() * 50 > vals
        printf "%s,2016,F16_REPORT_TIME_BIO,%.1f,,\n", code, 60 + rand() * 100 > vals
        printf "%s,2016,F16_PATHWAY_CASES,%d,,\n", code, int(rand() * 9000) > vals
        printf "%s,2016,F16_VOLUNTEERS,%d,,\n", code, int(rand() * 600) > vals
      }
    }' "$ROOT/core/data/regions-cn-2023.csv"
}
gen 12000 15 "$T/big" 60
gen 300 31 "$T/small" 0
expect 0 "init" -- init
expect 0 "import 12,300 generated institutions and their answers" -- import -q \
  "$T/big/institutions.csv" "$T/big/values.csv" "$T/small/institutions.csv" "$T/small/values.csv"

PXR_MAX_MEMORY_MB=24 expect 0 "a province of 300 institutions under 24 MB" -- \
  report nhc2016 summary --period 2016 --region 310000 -o "$T/small.pdf" --xml "$T/small.xml"
PXR_MAX_MEMORY_MB=24 expect 0 "a province of 12,000 institutions under the same 24 MB" -- \
  report nhc2016 summary --period 2016 --region 150000 -o "$T/big.pdf" --xml "$T/big.xml"
[ -f "$T/big.xml" ] || { fail "the big province's report" "not written: nothing more to check"; exit 0; }
"$PDFCHECK" "$T/big.pdf" >"$T/check.log" 2>&1 && pass "the big province's PDF passes the checks" ||
  fail "the big province's PDF: pdfcheck" "$(head -c 300 "$T/check.log")"

# the figures, recomputed from the generated CSV
py_lines "the big province's figures are those of its answers" '
import csv, sys, xml.etree.ElementTree as E
d = sys.argv[1]
level = {r["code"]: r["level"] for r in csv.DictReader(open(d + "/institutions.csv", encoding="utf-8"))}
ans = {}
for r in csv.DictReader(open(d + "/values.csv", encoding="utf-8")):
    ans.setdefault(r["indicator"], {})[r["institution"]] = r
def yes(ind, u): return ans[ind].get(u, {}).get("value") == "是"
def rate(r): return float(r["numerator"]) / float(r["denominator"]) * 100
f = {e.get("code"): e for e in E.parse(sys.argv[2]).iter("field")}
def check(code, want, reported, population):
    e = f[code]
    got = (e.get("display"), int(e.get("reported")), int(e.get("population")))
    if got != (want, reported, population):
        print("%s: got %s, want %s" % (code, got, (want, reported, population)))
t3 = [u for u in level if level[u] == "三级"]
check("HZ03", "{:,}".format(sum(yes("F16_APPT", u) for u in level)), len(ans["F16_APPT"]), len(level))
check("HZ04", "{:,}".format(sum(yes("F16_APPT", u) for u in t3)),
      sum(u in ans["F16_APPT"] for u in t3), len(t3))
among = [u for u in t3 if yes("F16_APPT", u)]
xs = [rate(ans["F16_APPT_RATE"][u]) for u in among]
check("HZ07", "%.2f" % (sum(xs) / len(xs)), len(xs), len(among))
xs = [float(r["value"]) for r in ans["F16_REPORT_TIME_LAB"].values()]
check("HZ12", "%.1f" % (sum(xs) / len(xs)), len(xs), len(level))
' "$T/big" "$T/big.xml"

x() { xmllint --xpath "$1" "$T/big.xml" 2>/dev/null; }
same "$(x 'string(//coverage/@expected)')/$(x 'string(//coverage/@reported)')" "12000/11940" \
  "coverage: 11,940 of 12,000 reported"
same "$(x 'string(//coverage/@missing)')/$(x 'string(//coverage/@listed)')/$(x 'count(//coverage/missing)')" \
  "60/50/50" "coverage: 60 missing, the first 50 listed in the XML"
pdftotext "$T/big.pdf" - | tr -d ' \n' >"$T/big.txt"
has "$T/big.txt" "本期未报送的机构共60家" "the coverage line counts the 60 silent institutions"
has "$T/big.txt" "等60家（不计入数量" "the note names the first ones of the 60, and how many"
xmllint --noout --schema "$ROOT/reports/schema/nhc2016-summary.xsd" "$T/big.xml" 2>"$T/xmllint.err" &&
  pass "the big province's XML is valid" || fail "the big province's XML" "$(head -c 300 "$T/xmllint.err")"
