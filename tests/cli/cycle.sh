# The submission cycle: a database made by the previous schema upgrades without losing a value;
# one round of 16 hospitals (14 on time, 1 late, 1 not at all) through status (CSV, XML, PDF),
# approve, a refused change, reopen, the correction and history; the sign-off block.
. "$(dirname "$0")/../lib.sh"
EX="$ROOT/examples"
dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }

# ---- upgrade: tests/fixtures/store-v2.sql is `sqlite3 .dump` of a schema-2 database holding the
# examples, made by the pxr of that schema
OLD="$T/old.db"
sqlite3 "$OLD" <"$ROOT/tests/fixtures/store-v2.sql"
same "$(sqlite3 "$OLD" 'PRAGMA user_version')" 2 "the fixture is a schema-2 database"
q_values="SELECT indicator, unit, period, quote(value), quote(numerator), quote(denominator), quote(text), import_id FROM value ORDER BY 1, 2, 3"
q_rest="SELECT * FROM institution ORDER BY code; SELECT * FROM measure_status ORDER BY 1,2,3,4;
        SELECT * FROM narrative ORDER BY 1,2,3,4; SELECT * FROM import ORDER BY id"
sqlite3 "$OLD" "$q_values" >"$T/values.before"
sqlite3 "$OLD" "$q_rest" >"$T/rest.before"
expect 0 "pxr init upgrades a schema-2 database" -- --db "$OLD" init
has "$T/out" "schema version 6" "init reports schema version 6"
same "$(sqlite3 "$OLD" 'PRAGMA user_version')" 6 "the database is at schema 6"
sqlite3 "$OLD" "$q_values" >"$T/values.after"
sqlite3 "$OLD" "$q_rest" >"$T/rest.after"
same "$(wc -l <"$T/values.before")" 5145 "the fixture holds 5145 values"
cmp -s "$T/values.before" "$T/values.after" && pass "every value survives the upgrade, bit for bit" ||
  fail "every value survives the upgrade, bit for bit" "$(diff "$T/values.before" "$T/values.after" | head -3)"
cmp -s "$T/rest.before" "$T/rest.after" && pass "institutions, status, narratives and imports survive" ||
  fail "institutions, status, narratives and imports survive"
same "$(sqlite3 "$OLD" 'SELECT count(*) FROM institution WHERE region NOT IN (SELECT code FROM region)')" 0 \
  "every institution's region is still there"
same "$(sqlite3 "$OLD" 'SELECT count(*) FROM submission')" \
  "$(sqlite3 "$OLD" 'SELECT count(*) FROM (SELECT DISTINCT unit, period FROM value)')" \
  "every unit and period with values becomes a submission"
same "$(sqlite3 "$OLD" "SELECT count(*) FROM submission s JOIN import i ON i.id = s.import_id WHERE s.received = i.time")" \
  "$(sqlite3 "$OLD" 'SELECT count(*) FROM submission')" "a migrated submission was received when its import ran"
expect 0 "the upgraded database reports" -- --db "$OLD" report nhc2023 evaluation --period 2024S1 \
  --institution H150100001 -o "$T/old-eval.pdf"

# ---- one cycle: the 16 hospitals of 内蒙古自治区, nhc2023, 2024S1, due 2024-07-15
expect 0 "init" -- init
head -1 "$EX/institutions.csv" >"$T/inst.csv"
grep '^H15' "$EX/institutions.csv" >>"$T/inst.csv"
same "$(($(wc -l <"$T/inst.csv") - 1))" 16 "16 hospitals"
expect 0 "the institutions import (the regions are built in)" -- import "$T/inst.csv"
on_time=""
for h in $(tail -n +2 "$T/inst.csv" | cut -d, -f1); do
  { head -1 "$EX/values.csv"; grep "^$h,2024S1," "$EX/values.csv"; } >"$T/$h.csv"
  case $h in
    H152500001) late="$T/$h.csv" ;;
    H152900001) ;;                         # reports nothing
    *) on_time="$on_time $T/$h.csv" ;;
  esac
done
# shellcheck disable=SC2086
expect 0 "14 hospitals' files, received 2024-07-10" -- import --received 2024-07-10 $on_time
expect 0 "one hospital's file, received 2024-07-20" -- import --received 2024-07-20 "$late"
expect 2 "--received takes a date" -- import --received 2024-13-01 "$late"
same "$(sql "SELECT received FROM submission WHERE unit = 'H152500001' AND period = '2024S1'")" 2024-07-20 \
  "the late submission is received 2024-07-20"
same "$(sql "SELECT count(*) FROM submission WHERE period = '2024S1' AND received = '2024-07-10'")" 14 \
  "14 submissions received 2024-07-10"

expect 0 "status as CSV" -- status nhc2023 --period 2024S1 --region 150000 --due 2024-07-15 -o "$T/status.csv"
same "$(head -c 3 "$T/status.csv" | od -An -tx1 | tr -d ' ')" efbbbf "CSV: UTF-8 with a BOM, for Excel"
same "$(($(wc -l <"$T/status.csv") - 1))" 16 "CSV: one row per hospital"
same "$(awk -F, '$6 == "已报"' "$T/status.csv" | wc -l)" 14 "CSV: 14 已报"
same "$(awk -F, '$6 == "逾期" { print $3 "," $7 }' "$T/status.csv")" "H152500001,2024-07-20" "CSV: H152500001 逾期, received 2024-07-20"
same "$(awk -F, '$6 == "未报" { print $3 "," $7 "," $9 }' "$T/status.csv")" "H152900001,,0" "CSV: H152900001 未报, nothing received"
same "$(awk -F, '$3 == "H150100001" { print $9 "/" $10 }' "$T/status.csv")" \
  "$(sql "SELECT count(*) FROM value WHERE unit = 'H150100001' AND period = '2024S1'")/28" \
  "CSV: completeness counts the applicable indicators reported (29 less EI15, for 中医 hospitals)"
has "$T/out" "16 expected, 15 reported, 1 missing, due 2024-07-15: 14 on time, 1 late" "status prints the totals"

expect 0 "status as PDF and XML" -- status nhc2023 --period 2024S1 --region 150000 --due 2024-07-15 \
  -o "$T/status.pdf" --xml "$T/status.xml"
xmllint --noout --schema "$ROOT/reports/schema/pxr-status.xsd" "$T/status.xml" 2>"$T/xsd" &&
  pass "status XML validates against pxr-status.xsd" || fail "status XML validates against pxr-status.xsd" "$(cat "$T/xsd")"
py "XML: 14 已报, 1 逾期, 1 未报; totals 16/15/14/1/1, 及时率 87.5, 完整率 93.8" "
import xml.etree.ElementTree as E
r = E.parse('$T/status.xml').getroot()
assert r.get('due') == '2024-07-15' and r.get('due_source') == 'option', r.attrib
st = [i.get('status') for i in r.findall('institution')]
assert (st.count('已报'), st.count('逾期'), st.count('未报'), len(st)) == (14, 1, 1, 16), st
late = [i for i in r.findall('institution') if i.get('status') == '逾期'][0]
assert late.get('code') == 'H152500001' and late.get('on_time') == 'false', late.attrib
t = [x for x in r.findall('total') if x.get('kind') == 'all'][0].attrib
assert (t['expected'], t['reported'], t['on_time'], t['late'], t['missing']) == ('16', '15', '14', '1', '1'), t
assert (t['timeliness'], t['completeness']) == ('87.5', '93.8'), t
lv = {x.get('code'): x.get('expected') for x in r.findall('total') if x.get('kind') == 'level'}
assert sum(int(v) for v in lv.values()) == 16 and '三级' in lv, lv
rg = {x.get('name'): x.get('expected') for x in r.findall('total') if x.get('kind') == 'region'}
assert rg.get('呼和浩特市') == '3' and len(rg) == 12, rg
"
"$PDFCHECK" "$T/status.pdf" >"$T/check" 2>&1 && pass "status PDF passes the PDF checks" || fail "status PDF passes the PDF checks" "$(tail -3 "$T/check")"
pdftotext -layout "$T/status.pdf" - | tr -d ' ' >"$T/status.txt"
has "$T/status.txt" "应报16家，已报15家，未报1家，其中按时14家、逾期1家" "PDF: the totals in words"
has "$T/status.txt" "及时率87.5%" "PDF: 及时率"
has "$T/status.txt" "完整率93.8%" "PDF: 完整率"
has "$T/status.txt" "阿拉善盟沙枣医院" "PDF: the hospital that has not reported is listed"
grep -q '阿拉善盟沙枣医院.*未报' "$T/status.txt" && pass "PDF: it is 未报" || fail "PDF: it is 未报"
grep -q '锡林郭勒盟白音蒙医医院.*逾期.*2024-07-20' "$T/status.txt" && pass "PDF: the late one is 逾期, received 2024-07-20" ||
  fail "PDF: the late one is 逾期, received 2024-07-20"

# no due date: the calendar of nhc2023 gives none and no --due: no timeliness, and why
expect 0 "status without a due date" -- status nhc2023 --period 2024S1 --region 150000 --xml "$T/nodue.xml"
has "$T/out" "no due date" "without a due date status says so"
has "$T/nodue.xml" "no_due_reason=" "XML: the reason there is no timeliness"
hasnt "$T/nodue.xml" "on_time=" "XML: no on-time judgement without a due date"
# nhc2016's calendar: 于2016年7月15日…前 for 2016S1
expect 0 "status with the plugin's calendar" -- status nhc2016 --period 2016S1 --xml "$T/cal.xml"
has "$T/cal.xml" 'due="2016-07-15"' "nhc2016 2016S1 is due 2016-07-15 by its calendar"
has "$T/cal.xml" 'due_source="calendar"' "the due date's source is the calendar"
expect 0 "shanghai2023 2024S1 status" -- status shanghai2023 --period 2024S1 --xml "$T/sh.xml"
has "$T/sh.xml" 'due="2024-06-10"' "shanghai2023 2024S1 is due 6月10日"

# ---- approve, a refused change, reopen, the correction, history
expect 1 "approving a hospital that has not reported" -- approve nhc2023 --period 2024S1 --institution H152900001
expect 0 "approve the region" -- approve nhc2023 --period 2024S1 --region 150000 --by 统计科
has "$T/out" "15 approved" "15 approved"
expect 0 "status after approval" -- status nhc2023 --period 2024S1 --region 150000 --due 2024-07-15 -o "$T/approved.csv"
same "$(awk -F, '$6 == "已审核"' "$T/approved.csv" | wc -l)" 15 "15 已审核"
old=$(grep '^H150100001,2024S1,EI01,' "$EX/values.csv")
sed 's/^H150100001,2024S1,EI01,.*/H150100001,2024S1,EI01,60,600,1000/' "$T/H150100001.csv" >"$T/fix.csv"
before=$(dump)
expect 1 "a changed re-import of approved data is refused" -- import "$T/fix.csv"
has "$T/err" "H150100001 2024S1 EI01 is approved (nhc2023, approved by 统计科" "the refusal names institution, period, indicator and approval"
same "$(dump)" "$before" "the refused import changes nothing (sqlite3 .dump)"
expect 0 "an identical re-import passes" -- import "$T/H150100001.csv"
has "$T/out" "0 new, 0 changed" "identical re-import: nothing changed"
same "$(dump)" "$before" "identical re-import: database unchanged"
expect 2 "reopen needs a reason" -- reopen nhc2023 --period 2024S1 --institution H150100001
expect 0 "reopen" -- reopen nhc2023 --period 2024S1 --institution H150100001 --reason "EI01 分子有误"
expect 0 "status after reopening" -- status nhc2023 --period 2024S1 --region 150000 --due 2024-07-15 -o "$T/reopened.csv"
same "$(awk -F, '$3 == "H150100001" { print $6 }' "$T/reopened.csv")" 退回 "the reopened hospital is 退回"
expect 0 "the correction imports" -- import --received 2024-07-25 "$T/fix.csv"
same "$(sql "SELECT value, numerator, denominator FROM value WHERE unit = 'H150100001' AND period = '2024S1' AND indicator = 'EI01'")" \
  "60.0|600.0|1000.0" "the corrected value is stored"
same "$(sql "SELECT received FROM submission WHERE unit = 'H150100001' AND period = '2024S1'")" 2024-07-10 \
  "a correction keeps the first receipt"
expect 0 "history" -- history --institution H150100001 --indicator EI01
oldv=$(echo "$old" | cut -d, -f4) oldn=$(echo "$old" | cut -d, -f5) oldd=$(echo "$old" | cut -d, -f6)
has "$T/out" "2024S1	EI01	$oldv ($oldn/$oldd) -> 60 (600/1000)" "history shows the old and the new value"
has "$T/out" "H150100001.csv" "history names the old value's file"
has "$T/out" "fix.csv" "history names the new value's file"
has "$T/out" "EI01 分子有误" "history keeps the reopening's reason"
sed 's/^H150100001,2024S1,EI01,.*/H150100001,2024S1,EI01,61,610,1000/' "$T/H150100001.csv" >"$T/fix2.csv"
expect 0 "a second correction with --reason" -- import --reason "复核后再次更正" "$T/fix2.csv"
expect 0 "history after two corrections" -- history --institution H150100001 --period 2024S1
same "$(grep -c '	EI01	' "$T/out")" 2 "history lists both replacements"
has "$T/out" "60 (600/1000) -> 61 (610/1000)" "history: the second version replaced by the third"
has "$T/out" "复核后再次更正" "history keeps the --reason"
expect 0 "approve again after the correction" -- approve nhc2023 --period 2024S1 --institution H150100001 --by 统计科
expect 1 "approved again: locked again" -- import "$T/fix.csv"
expect 0 "export" -- export --format csv --period 2024S1 -o "$T/export.csv"
has "$T/export.csv" "H150100001,2024S1,EI01,61,610,1000" "export uses the current value"

# ---- the sign-off block of the evaluation report
expect 0 "a form for the hospital that had not reported" -- template nhc2023 --period 2024S1 --institution H152900001 -o "$T/form.csv"
same "$(sed -n 3,6p "$T/form.csv" | cut -d, -f3 | tr '\n' ' ')" "填报人 联系电话 填报日期 审核人（负责人） " \
  "the form starts with the sign-off rows"
awk -F, -v OFS=, '$3 == "填报人" { $9 = "王小明" } $3 == "联系电话" { $9 = "0483-8123456" }
  $3 == "填报日期" { $9 = "2024-07-30" } $3 == "EI01" { $10 = 50; $11 = 200 } { print }' "$T/form.csv" >"$T/form-filled.csv"
expect 0 "the filled form imports" -- import "$T/form-filled.csv"
expect 0 "evaluation with a sign-off" -- report nhc2023 evaluation --period 2024S1 --institution H152900001 \
  -o "$T/eval.pdf" --xml "$T/eval.xml"
"$PDFCHECK" "$T/eval.pdf" >"$T/check" 2>&1 && pass "the evaluation PDF passes the PDF checks" || fail "the evaluation PDF passes the PDF checks" "$(tail -3 "$T/check")"
pdftotext -layout "$T/eval.pdf" - | tr -d ' ' >"$T/eval.txt"
for w in 填报人王小明 联系电话0483-8123456 填报日期2024-07-30 "单位（盖章）：阿拉善盟沙枣医院"; do
  has "$T/eval.txt" "$w" "the evaluation prints $w"
done
has "$T/eval.txt" "审核人（负责" "the evaluation has the 审核人（负责人） line, blank"
has "$T/eval.xml" 'filled_by="王小明"' "the evaluation XML carries the sign-off"
expect 0 "evaluation without a sign-off" -- report nhc2023 evaluation --period 2024S1 --institution H150300001 -o "$T/blank.pdf"
pdftotext -layout "$T/blank.pdf" - | tr -d ' ' >"$T/blank.txt"
has "$T/blank.txt" "填报人" "without a sign-off the lines to sign on are there"
has "$T/blank.txt" "单位（盖章）" "and the seal line"
