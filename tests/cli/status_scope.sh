#!/bin/sh
# pxr status counts completeness by what pxr validate asks (issue 9): the same rule, so an
# institution's 应报指标 less its 已报指标 is exactly the number of validate's "missing"
# warnings for it, in every plugin and period of the examples.  And IM_PAIN_PILOT
# (疼痛综合管理试点医院): no list names the pilots, so no one is asked to answer it; target 15's
# IM_PAIN_SERVICE is asked of those that answered 是, and when none has, of no one, and
# validate says so.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
export T

pxr init >/dev/null
pxr import "$E"/*.csv || fail "status scope: import the examples" "$(head -c 300 "$T/err")"
sql "SELECT DISTINCT p.plugin || ' ' || v.period FROM value v JOIN plugin_indicator p
     ON p.indicator = v.indicator ORDER BY 1" >"$T/pairs"
[ "$(wc -l <"$T/pairs")" -ge 10 ] && pass "status scope: the examples have plugins and periods" ||
  fail "status scope: plugins and periods" "$(cat "$T/pairs")"
while read -r plugin per; do
  pxr status "$plugin" --period "$per" -o "$T/st.$plugin.$per.csv" ||
    fail "status scope: status $plugin $per" "$(head -c 300 "$T/err")"
  pxr validate --plugin "$plugin" --period "$per" -o "$T/v.$plugin.$per.csv"
  [ "$rc" -le 1 ] || fail "status scope: validate $plugin $per" "$(head -c 300 "$T/err")"
done <"$T/pairs"
py_lines "status scope: status's 应报−已报 is validate's count of missing indicators, everywhere" '
import csv, sys, collections
T = sys.argv[1]
n = 0
for line in open(T + "/pairs", encoding="utf-8"):
    plugin, per = line.split()
    missing = collections.Counter(r["unit"] for r in csv.DictReader(
        open("%s/v.%s.%s.csv" % (T, plugin, per), encoding="utf-8")) if r["rule"] == "missing")
    for r in csv.DictReader(open("%s/st.%s.%s.csv" % (T, plugin, per), encoding="utf-8-sig")):
        if r["status"] == "未报": continue  # validate asks nothing of who reported nothing
        n += 1
        gap = int(r["applicable"]) - int(r["reported"])
        if gap != missing[r["institution"]]:
            print("%s %s %s: status %s/%s, validate misses %d" % (plugin, per, r["institution"],
                  r["reported"], r["applicable"], missing[r["institution"]]))
if n < 30: print("only %d rows compared" % n)
' "$T"

# IM_PAIN_PILOT is asked of no one; IM_PAIN_SERVICE only of the pilot (H150100001 says 是)
v=$T/v.innermongolia2023.2024S2.csv
hasnt "$v" ",IM_PAIN_PILOT,missing," "pilot: no institution is asked whether it is a 试点医院"
same "$(grep ',IM_PAIN_SERVICE,missing,' "$v" | cut -d, -f2 | grep -v '^H150100001$' | sort -u)" "" \
  "pilot: IM_PAIN_SERVICE is asked of the pilot only"
hasnt "$T/out" "数据无法确定" "pilot: with a pilot known, no note"

# no institution answers 是: no one is asked IM_PAIN_SERVICE, and validate says why
mkdir "$T/nopilot"
export PXR_DB="$T/nopilot/pxr.db"
sed 's/,IM_PAIN_PILOT,是,/,IM_PAIN_PILOT,否,/; /,IM_PAIN_SERVICE,/d' \
  "$E/innermongolia2023-values.csv" >"$T/nopilot/im.csv"
pxr init >/dev/null
pxr import "$E/institutions.csv" "$E/values.csv" "$T/nopilot/im.csv" ||
  fail "pilot: import without pilots" "$(head -c 300 "$T/err")"
pxr validate --plugin innermongolia2023 --period 2024S2 -o "$T/nopilot/v.csv"
hasnt "$T/nopilot/v.csv" ",IM_PAIN_SERVICE,missing," "no pilot: IM_PAIN_SERVICE is asked of no one"
has "$T/out" "本期无机构在“疼痛综合管理试点医院”（IM_PAIN_PILOT）答“是”，数据无法确定疼痛综合管理试点医院，未向任何机构要求填报IM_PAIN_SERVICE" \
  "no pilot: validate says the data cannot tell who is a pilot"
pxr validate --plugin innermongolia2023 --period 2024S2 -o "$T/nopilot/v.pdf"
pdftotext -enc UTF-8 "$T/nopilot/v.pdf" - | tr -d ' \n\f' >"$T/nopilot/v.txt"
has "$T/nopilot/v.txt" "数据无法确定疼痛综合管理试点医院" "no pilot: and so does its PDF"
pxr report innermongolia2023 targets --period 2024S2 --region 150000 -o "$T/nopilot/t.pdf" \
  --xml "$T/nopilot/t.xml" || fail "no pilot: the targets report" "$(head -c 300 "$T/err")"
same "$(xmllint --xpath 'string(//target[@code="T15"]/@status)' "$T/nopilot/t.xml")|$(xmllint --xpath 'string(//target[@code="T15"]/@in_scope)' "$T/nopilot/t.xml")" \
  "不适用|0" "no pilot: the targets report judges T15 of no one"
pdftotext -enc UTF-8 "$T/nopilot/t.pdf" - | tr -d ' \n\f' >"$T/nopilot/t.txt"
has "$T/nopilot/t.txt" "本期无机构答“是”时，数据无法确定试点医院" "no pilot: the targets report says why"
pxr status innermongolia2023 --period 2024S2 --region 150100 -o "$T/nopilot/st.csv"
same "$(awk -F, '$3 == "H150100001" { print $10 }' "$T/nopilot/st.csv")" \
  "$(($(awk -F, '$3 == "H150100001" { print $10 }' "$T/st.innermongolia2023.2024S2.csv") - 1))" \
  "no pilot: status asks the former pilot one indicator less (IM_PAIN_SERVICE)"
rm -rf "$T"
