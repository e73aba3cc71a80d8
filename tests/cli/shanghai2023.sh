#!/bin/sh
# shanghai2023: the catalog (its comparison with the plan itself is
# tests/sources/shanghai2023.sh), and the semiannual report of the examples: the five
# parts read back with pdftotext, measure status counts and pooled rates
# recomputed here from the CSV files with awk, the XML checked with xmllint.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/shanghai2023-semiannual.xsd
export E T

# py NAME SCRIPT: runs a python check that prints nothing on success.

# report UNIT PERIOD: renders the summary into $T/UNIT-PERIOD.{pdf,xml,txt,lay}: txt is the
# text without white space or page numbers (a paragraph may run across pages), lay keeps
# table rows on a line (pdftotext -layout) with runs of spaces squeezed to one.
report() {
  expect 0 "shanghai2023: report $1 $2" -- report shanghai2023 semiannual --period "$2" --region "$1" \
    -o "$T/$1-$2.pdf" --xml "$T/$1-$2.xml"
  if "$PDFCHECK" "$T/$1-$2.pdf" >"$T/check" 2>&1; then pass "shanghai2023: pdf-check $1 $2"
  else fail "shanghai2023: pdf-check $1 $2" "$(head -c 400 "$T/check")"; fi
  if xmllint --noout --schema "$XSD" "$T/$1-$2.xml" 2>"$T/xmllint"; then
    pass "shanghai2023: XML of $1 $2 valid"
  else fail "shanghai2023: XML of $1 $2 valid" "$(head -c 400 "$T/xmllint")"; fi
  pdftotext -enc UTF-8 "$T/$1-$2.pdf" - | tr -d ' \n\f' |
    sed -E 's/—[0-9]+—//g; s/第[0-9]+页共[0-9]+页//g' >"$T/$1-$2.txt"
  pdftotext -layout -enc UTF-8 "$T/$1-$2.pdf" - | tr -s ' ' >"$T/$1-$2.lay"
}

expect 0 "shanghai2023: init" -- init
expect 0 "shanghai2023: catalog as CSV" -- catalog shanghai2023 --format csv
cp "$T/out" "$T/catalog.csv"

same "$(grep -c '^measure,' "$T/catalog.csv")" 24 "shanghai2023: 24 measures"

py "shanghai2023: measures numbered 1-24 in their sections; every entry quotes a cited document" '
import csv, os
rows = list(csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8")))
m = [r for r in rows if r["kind"] == "measure"]
assert [r["code"] for r in m] == [str(i) for i in range(1, 25)], [r["code"] for r in m]
assert all(r["section"] for r in m)
assert all(r["source"].startswith("《") for r in rows), [r["source"] for r in rows if not r["source"].startswith("《")][:3]
'



py "shanghai2023: the 30% target: value, deadline at the end of the plan span, its indicator" '
import csv, os
rows = {r["code"]: r for r in csv.DictReader(open(os.environ["T"] + "/catalog.csv", encoding="utf-8"))}
t = [r for r in rows.values() if r["kind"] == "target"][0]
assert "达到30%" in t["sentence"] and "本主题活动周期" in t["sentence"], t
assert (t["comparator"], t["value"], t["unit"]) == (">=", "30", "%"), t
# 本主题活动周期: the seed title says (2023-2025年); 实施阶段 ends 2025年12月
assert t["deadline"] == "2025-12-31", t["deadline"]
assert rows[t["section"]]["kind"] == "indicator" and rows[t["section"]]["unit"] == "%", t["section"]
assert t["applicability"] == "各区域性医疗中心", t["applicability"]
'

# The five parts the plan lists: "(包括落实的情况、…、下一步工作设想等)" (that these are the
# document's words is checked by tests/sources/shanghai2023.sh).
sql "SELECT section FROM plugin_section WHERE plugin = 'shanghai2023' ORDER BY seq" >"$T/parts"
same "$(wc -l <"$T/parts" | tr -d ' ')" 5 "shanghai2023: five narrative parts"

expect 0 "shanghai2023: import the examples" -- import "$E/institutions.csv" \
  "$E/values.csv" "$E/shanghai2023-values.csv" "$E/shanghai2023-status.csv" \
  "$E/shanghai2023-narratives.csv"

# An unknown section is refused, and the import changes nothing.
before=$(sql "SELECT count(*) FROM narrative")
printf 'plugin,unit,period,section,text\nshanghai2023,310101,2024S2,落实的情况,区卫生健康委制定工作方案。\nshanghai2023,310101,2024S2,工作亮点,开设新型门诊。\n' \
  >"$T/bad.csv"
expect 1 "shanghai2023: narratives with an unknown section are refused" -- import "$T/bad.csv"
has "$T/err" "bad.csv:3" "shanghai2023: the error names the file and line"
has "$T/err" "工作亮点" "shanghai2023: the error names the section"
same "$(sql "SELECT count(*) FROM narrative")" "$before" "shanghai2023: refused import changes nothing"

# The units of `batch --each region`: 上海市 and each district with institutions.
expect 0 "shanghai2023: batch over the city and its districts" -- batch shanghai2023 semiannual \
  --period 2024S1 --each region -o "$T/batch"
same "$(ls "$T/batch" | grep -c '\.pdf$')" \
  "$(awk -F, '$3 ~ /^31/ {print $3}' "$E/institutions.csv" | sort -u | wc -l | awk '{print $1 + 1}')" \
  "shanghai2023: batch renders 上海市 and every district with institutions"

expect 1 "shanghai2023: a region outside 上海市 is refused" -- report shanghai2023 semiannual \
  --period 2024S1 --region 150000 -o "$T/x.pdf"
has "$T/err" "not in 上海市" "shanghai2023: the refusal says why"

# 闵行区 (310112) sent four of five parts; 上海市 and 黄浦区 sent all five.
report 310000 2024S1
report 310112 2024S1
report 310101 2024S2

for u in 310000 310112; do
  set -- 一 二 三 四 五
  while read -r part; do
    has "$T/$u-2024S1.txt" "$1、$part" "shanghai2023: $u heading $1、$part"
    shift
  done <"$T/parts"
done

py "shanghai2023: every narrative in the CSV is printed; a missing part shows （未提交）" '
import csv, os, re
import xml.etree.ElementTree as ET
T = os.environ["T"]
parts = open(T + "/parts", encoding="utf-8").read().split()
cn = "一二三四五"
rows = [r for r in csv.DictReader(open(os.environ["E"] + "/shanghai2023-narratives.csv", encoding="utf-8"))
        if r["period"] == "2024S1"]
missing_seen = 0
for unit in ("310000", "310112"):
    flat = open(T + "/%s-2024S1.txt" % unit, encoding="utf-8").read()
    texts = {r["section"]: r["text"] for r in rows if r["unit"] == unit}
    xml = {p.get("name"): p for p in ET.parse(T + "/%s-2024S1.xml" % unit).getroot().findall("part")}
    for i, part in enumerate(parts):
        start = flat.index(cn[i] + "、" + part)
        end = flat.index(cn[i + 1] + "、" + parts[i + 1]) if i + 1 < 5 else flat.index("附件")
        between = flat[start:end]
        if part in texts:
            assert re.sub(r"\s", "", texts[part]) in between, (unit, part)
            assert xml[part].get("submitted") == "true" and xml[part].text == texts[part], (unit, part)
        else:
            missing_seen += 1
            assert "（未提交）" in between, (unit, part, between[:80])
            assert xml[part].get("submitted") == "false" and not xml[part].text, (unit, part)
assert missing_seen == 1, missing_seen
'
same "$(grep -o '（未提交）' "$T/310101-2024S2.txt" | wc -l | tr -d ' ')" 5 \
  "shanghai2023: a period without narratives shows five （未提交）"

# Due dates: "每年6月10日、12月10日前" in the seed; the summary due within the half-year.
has "$T/310112-2024S1.xml" 'due="2024-06-10"' "shanghai2023: 2024S1 is due 2024-06-10"
has "$T/310101-2024S2.xml" 'due="2024-12-10"' "shanghai2023: 2024S2 is due 2024-12-10"
has "$T/310112-2024S1.txt" "报送时限：2024年6月10日前" "shanghai2023: the PDF shows the due date"
has "$T/310112-2024S1.txt" "闵行区改善就医感受提升患者体验主题活动2024年上半年阶段性工作总结" \
  "shanghai2023: the title names the district and the half-year"

# Status counts per measure, recomputed with awk from the CSV files: units are the
# region, its districts with institutions (for the city) and the institutions below.
status_awk() { # REGION -> "measure done progressing not_started unreported" lines
  awk -F, -v R="$1" '
    FNR == 1 { f++; next }
    f == 1 && ($3 == R || substr($3, 1, 2) == substr(R, 1, 2) && R ~ /0000$/) {
      unit[$1] = 1; if (R ~ /0000$/) unit[$3] = 1 }
    f == 2 && $4 == "2024S1" && ($3 == R || ($3 in unit)) { c[$2, $5]++ }
    END {
      unit[R] = 1; n = 0; for (u in unit) n++
      for (m = 1; m <= 24; m++)
        print m, c[m, "已完成"] + 0, c[m, "推进中"] + 0, c[m, "未启动"] + 0,
          n - c[m, "已完成"] - c[m, "推进中"] - c[m, "未启动"]
    }' "$E/institutions.csv" "$E/shanghai2023-status.csv"
}
for u in 310000 310112; do
  status_awk "$u" >"$T/want-$u"
  python3 -c '
import sys, xml.etree.ElementTree as ET
for m in ET.parse(sys.argv[1]).getroot().find("measures"):
    print(m.get("code"), m.get("done"), m.get("progressing"), m.get("not_started"), m.get("unreported"))
' "$T/$u-2024S1.xml" >"$T/got-$u"
  if cmp -s "$T/want-$u" "$T/got-$u"; then pass "shanghai2023: $u status counts match the CSV"
  else fail "shanghai2023: $u status counts match the CSV" "$(diff "$T/want-$u" "$T/got-$u" | head -5)"; fi
done
# the table in the PDF: measure 1's row as "1强化预约诊疗制度" followed by its four counts
has "$T/310000-2024S1.lay" " 1 强化预约诊疗制度 $(sed -n 1p "$T/want-310000" | cut -d' ' -f2-)" \
  "shanghai2023: the PDF's status table shows measure 1's counts"

# The 30% target: the pooled rate of the centres below the region, with awk; the
# target is each centre's, met when the lowest centre meets it.
pooled_awk() { # REGION-PREFIX -> "pooled centres lowest"
  awk -F, -v P="$1" '
    FNR == 1 { f++; next }
    f == 1 && index($3, P) == 1 { inst[$1] = 1 }
    f == 2 && $2 == "2024S1" && $3 == "SH_EXPERT_DOWN" && ($1 in inst) {
      n += $5; d += $6; k++; r = $5 / $6 * 100; if (k == 1 || r < lo) lo = r }
    END { printf "%.2f %d %.4f\n", n / d * 100, k, lo }' "$E/institutions.csv" "$E/shanghai2023-values.csv"
}
for u in 310000:31 310112:310112; do
  code=${u%%:*}
  set -- $(pooled_awk "${u#*:}")
  want_status=$(awk -v x="$3" 'BEGIN { print (x >= 30 ? "已达标" : "未到期") }')
  got=$(python3 -c '
import sys, xml.etree.ElementTree as ET
t = ET.parse(sys.argv[1]).getroot().find("target")
print("%.2f %s %s" % (float(t.get("pooled")), t.get("centres"), t.get("status")))
' "$T/$code-2024S1.xml")
  same "$got" "$1 $2 $want_status" "shanghai2023: $code pooled 专家号源下沉比例 and status"
  has "$T/$code-2024S1.txt" "下沉比例（合计率）为$1%" "shanghai2023: $code PDF shows the 合计率"
  has "$T/$code-2024S1.txt" "全部中心达到方为达标，状态：$want_status" \
    "shanghai2023: $code PDF shows the 合计率 and status"
done

# The national indicators over 上海市's institutions: EI01 pooled, EI08 counted.
ei01=$(awk -F, 'FNR == 1 { f++; next } f == 1 && $3 ~ /^31/ { i[$1] = 1 }
  f == 2 && $2 == "2024S1" && $3 == "EI01" && ($1 in i) && $5 != "" { n += $5; d += $6; k++ }
  END { printf "%.2f %d", n / d * 100, k }' "$E/institutions.csv" "$E/values.csv")
ei08=$(awk -F, 'FNR == 1 { f++; next } f == 1 && $3 ~ /^31/ { i[$1] = 1 }
  f == 2 && $2 == "2024S1" && $3 == "EI08" && ($1 in i) { k++; if ($4 == "是") y++ }
  END { printf "%d %d", y, k }' "$E/institutions.csv" "$E/values.csv")
got=$(python3 -c '
import sys, xml.etree.ElementTree as ET
ind = {i.get("code"): i for i in ET.parse(sys.argv[1]).getroot().find("indicators")}
print("%.2f %s" % (float(ind["EI01"].get("value")), ind["EI01"].get("reported")),
      "%d %s" % (float(ind["EI08"].get("value")), ind["EI08"].get("reported")),
      ind["EI01"].get("basis"))
' "$T/310000-2024S1.xml")
same "$got" "$ei01 $ei08 合计率" "shanghai2023: 上海市 EI01 合计率 and EI08 是-count match values.csv"
has "$T/310000-2024S1.lay" " 1 门诊患者预约诊疗率 合计率 ${ei01%% *} % " "shanghai2023: the PDF shows EI01's 合计率"
