# A statistician's new policy: a plugin of under 60 lines in a directory of its
# own (a data table copied and changed, two hooks on pxr.report.progress),
# loaded with --plugins DIR, rendered as PDF and XML like the shipped ones.
. "$(dirname "$0")/../lib.sh"
P=$T/plugins
mkdir -p "$P/county2025"
cat >"$P/county2025/plugin.lua" <<'LUA'
-- 某县人民医院改善就医体验工作方案（2025年）: copied from wuyuan2021, data changed.
local doc = require("pxr.doc")
local report = require("pxr.report")
local target = require("pxr.target")

local WAIT, CARE = "（一）缩短等待时间", "（二）改善诊疗服务"
local measures = {
  { code = "1", section = WAIT, title = "推行分时段预约", text = "分时段预约精确到30分钟。" },
  { code = "2", section = WAIT, title = "缩短候诊时间", text = "患者平均候诊时间不超过20分钟。" },
  { code = "3", section = CARE, title = "开设便民门诊", text = "2025年6月底前开设便民门诊。" },
}
local indicators = {
  { code = "CT_APPT", name = "门诊预约诊疗率", unit = "%", type = "rate", direction = "higher" },
  { code = "CT_WAIT", name = "患者平均候诊时间", unit = "分钟", type = "duration",
    direction = "lower" },
}
local targets = {
  { code = "T1", measure_no = "1", indicator = "CT_APPT", name = "门诊预约诊疗率",
    comparator = ">=", value = 50, unit = "%", due = "2025年底", scope = "本院",
    sentence = "到2025年底，门诊预约诊疗率达到50%以上。" },
  { code = "T2", measure_no = "2", indicator = "CT_WAIT", name = "患者平均候诊时间",
    comparator = "<=", value = 20, unit = "分钟", due = "2025年6月底", scope = "本院",
    sentence = "2025年6月底前，患者平均候诊时间不超过20分钟。" },
}
for _, t in ipairs(targets) do t.judged, t.deadline = "each", target.deadline(t.due) end

return {
  id = "county2025", title = "某县人民医院改善就医体验工作方案（2025年）",
  issuer = "某县人民医院", number = "某医字〔2025〕1号", basis = "国卫医政发〔2023〕11号",
  span = "2025", measures = measures, indicators = indicators, targets = targets,
  reports = {
    progress = report.progress {
      title = "改善就医体验工作进展",
      units = function() return { "H9001" } end,
      hooks = {
        -- the head of the report names the hospital's own office
        header = function(kv)
          kv.items[#kv.items + 1] = { "牵头科室", "医务科" }
        end,
        -- a measure not started is printed in bold, and says so in its note
        measure_row = function(row, _, s)
          if s and s.status == "未启动" then
            row[4].bold, row[5] = true, "（未启动）" .. (s.note or "")
          end
          return row
        end,
      },
    },
  },
}
LUA
lines=$(wc -l <"$P/county2025/plugin.lua")
[ "$lines" -lt 60 ] && pass "new plugin: under 60 lines ($lines)" || fail "new plugin: length" "$lines lines"
# A province's plan with two targets: pxr.report.targets and two hooks; its summary by
# level (pxr.report.summary) and two hooks.
mkdir -p "$P/prov2025"
cat >"$P/prov2025/plugin.lua" <<'LUA'
local report = require("pxr.report")
local target = require("pxr.target")

local indicators = {
  { code = "PV_APPT", name = "门诊预约诊疗率", unit = "%", type = "rate", direction = "higher" },
  { code = "PV_DAY", name = "开展日间手术", type = "bool", direction = "higher" },
}
local targets = {
  { code = "P1", indicator = "PV_APPT", name = "三级医院门诊预约诊疗率达到60%", short = "预约诊疗率",
    comparator = ">=", value = 60, unit = "%", due = "2025年底", scope = "三级医院",
    who = { level = { "三级" } }, judged = "each", judged_by = "三级医院",
    sentence = "到2025年底，三级医院门诊预约诊疗率达到60%以上。" },
  { code = "P2", indicator = "PV_DAY", name = "二级及以上医院开展日间手术", short = "日间手术",
    comparator = "=", value = 1, due = "2025年6月底", scope = "二级及以上医院",
    who = { level = { "三级", "二级" } }, judged = "each", judged_by = "二级及以上医院",
    sentence = "2025年6月底前，二级及以上医院普遍开展日间手术。" },
}
for _, t in ipairs(targets) do t.deadline = target.deadline(t.due) end

return {
  id = "prov2025", title = "江西省改善就医体验实施方案（2025年）", issuer = "江西省卫生健康委",
  number = "赣卫医字〔2025〕1号", span = "2025", measures = {}, indicators = indicators,
  targets = targets,
  reports = {
    targets = report.targets {
      title = "改善就医体验量化目标完成情况",
      region = "360000",
      hooks = {
        -- the table numbers the targets with the plan's own codes
        target_row = function(row, t) row[1] = { text = t.code, align = "center" } end,
        -- an institution that has not answered is marked for follow-up
        unit_cell = function(cell, _, e)
          if e.status == "无数据" then return { text = "无数据（待催报）", align = "center" } end
        end,
      },
    },
    -- the province's indicators by level against the last half-year: one call, two hooks
    summary = report.summary {
      title = "改善就医体验指标汇总",
      hooks = {
        overview = function(text) return text .. "请各地市对照目标抓好落实。" end,
        chart = function(_, name) if name == "trend" then return false end end,
      },
    },
  },
}
LUA
lines=$(wc -l <"$P/prov2025/plugin.lua")
[ "$lines" -lt 60 ] && pass "new plugin: the province's plan is under 60 lines ($lines)" ||
  fail "new plugin: province length" "$lines lines"
printf 'code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\nH9001,某县人民医院,361130,二级,甲,综合,公立,否,否\nH9002,某市第一医院,361102,三级,甲,综合,公立,是,否\n' >"$T/inst.csv"
printf 'plugin,measure,unit,period,status,department,note\ncounty2025,1,H9001,2025S1,已完成,,已开通\ncounty2025,2,H9001,2025S1,推进中,,\ncounty2025,3,H9001,2025S1,未启动,,待场地\n' >"$T/status.csv"
printf 'institution,period,indicator,value,numerator,denominator\nH9001,2025S1,CT_APPT,,620,1000\nH9001,2025S1,CT_WAIT,25,,\nH9002,2025S1,PV_APPT,,700,1000\nH9002,2025S1,PV_DAY,1,,\nH9002,2024S2,PV_APPT,,600,1000\n' >"$T/values.csv"
expect 0 "new plugin: init with --plugins DIR" -- --plugins "$P" init
expect 0 "new plugin: its data imports" -- --plugins "$P" import "$T/inst.csv" "$T/status.csv" "$T/values.csv"
expect 0 "new plugin: listed by pxr plugins" -- --plugins "$P" plugins
has "$T/out" "county2025" "new plugin: pxr plugins names it"
expect 0 "new plugin: report renders" -- --plugins "$P" report county2025 progress --period 2025S1 \
  --institution H9001 -o "$T/p.pdf" --xml "$T/p.xml"
"$PDFCHECK" "$T/p.pdf" >"$T/check" 2>&1 && pass "new plugin: the PDF passes the checker" ||
  fail "new plugin: PDF check" "$(head -c 300 "$T/check")"
xmllint --noout --schema "$ROOT/reports/schema/pxr-progress.xsd" "$T/p.xml" 2>"$T/xmllint" &&
  pass "new plugin: the XML validates against pxr-progress.xsd" || fail "new plugin: XML" "$(head -c 300 "$T/xmllint")"
pdftotext -enc UTF-8 -layout "$T/p.pdf" "$T/p.txt"
has "$T/p.txt" "改善就医体验工作进展" "new plugin: the PDF has the report's title"
has "$T/p.txt" "牵头科室" "new plugin: the header hook added its line"
has "$T/p.txt" "（未启动）待场地" "new plugin: the measure_row hook changed the row"
has "$T/p.txt" "3项举措推进情况" "new plugin: the measures section counts the plugin's measures"
has "$T/p.txt" "62.00%" "new plugin: the rate is computed from numerator and denominator"
py "new plugin: XML figures" "
import xml.etree.ElementTree as E
r = E.parse('$T/p.xml').getroot()
assert r.get('plugin') == 'county2025', r.attrib
st = {m.get('code'): m.get('status') for m in r.findall('measure')}
assert st == {'1': '已完成', '2': '推进中', '3': '未启动'}, st
t = {t.get('code'): (t.get('status'), t.get('value')) for t in r.findall('target')}
# T1: 62% ≥ 50%: met; T2: 25 minutes > 20, due 2025-06-30 within 2025S1: not met
assert t == {'T1': ('已达标', '62'), 'T2': ('未达标', '25')}, t
s = r.find('summary').attrib
assert (s['done'], s['progressing'], s['not_started'], s['met'], s['not_met']) == ('1', '1', '1', '1', '1'), s
"
expect 0 "new plugin: a period without data still renders" -- --plugins "$P" report county2025 progress \
  --period 2025S2 --institution H9001 -o "$T/q.pdf" --xml "$T/q.xml"
pdftotext -enc UTF-8 "$T/q.pdf" - | tr -d ' \n' >"$T/q.txt"
has "$T/q.txt" "未报告3项" "new plugin: unreported measures are counted, not zero"

expect 0 "new plugin: the province's targets report renders" -- --plugins "$P" report prov2025 targets \
  --period 2025S1 --region 360000 -o "$T/r.pdf" --xml "$T/r.xml"
"$PDFCHECK" "$T/r.pdf" >"$T/check" 2>&1 && pass "new plugin: the targets PDF passes the checker" ||
  fail "new plugin: targets PDF check" "$(head -c 300 "$T/check")"
xmllint --noout --schema "$ROOT/reports/schema/pxr-targets.xsd" "$T/r.xml" 2>"$T/xmllint" &&
  pass "new plugin: the targets XML validates against pxr-targets.xsd" ||
  fail "new plugin: targets XML" "$(head -c 300 "$T/xmllint")"
pdftotext -enc UTF-8 "$T/r.pdf" - | tr -d ' \n' >"$T/r.txt"
has "$T/r.txt" "江西省改善就医体验量化目标完成情况" "new plugin: the title names the region"
has "$T/r.txt" "P1三级医院门诊预约诊疗率" "new plugin: the target_row hook changed the row"
has "$T/r.txt" "无数据（待催报）" "new plugin: the unit_cell hook marks the unanswered"
py "new plugin: targets judged" "
import xml.etree.ElementTree as E
r = E.parse('$T/r.xml').getroot()
t = {t.get('code'): t for t in r.findall('target')}
# P1: the one 三级 hospital at 70% meets 60%: met; P2: H9002 是, H9001 no answer: undecided
assert t['P1'].get('status') == '已达标' and t['P1'].get('met') == '1', t['P1'].attrib
assert t['P2'].get('status') == '无数据' and t['P2'].get('in_scope') == '2', t['P2'].attrib
u = {x.get('code'): x.get('status') for x in t['P2'].findall('unit')}
assert u == {'H9001': '无数据', 'H9002': '已达标'}, u
"
expect 1 "new plugin: a region outside the plan is refused" -- --plugins "$P" report prov2025 targets \
  --period 2025S1 --region 150000 -o "$T/x.pdf"
has "$T/err" "prov2025 targets: region 150000 is not in 江西省 (360000)" "new plugin: the refusal names the plan's region"
[ ! -e "$T/x.pdf" ] && pass "new plugin: nothing written for a refused region" || fail "new plugin: refused region wrote a PDF"

# The summary of any plugin with indicators: the same machine as nhc2023's, the shared XSD
expect 0 "new plugin: the province's summary renders" -- --plugins "$P" report prov2025 summary \
  --period 2025S1 --region 360000 -o "$T/s.pdf" --xml "$T/s.xml"
"$PDFCHECK" "$T/s.pdf" >"$T/check" 2>&1 && pass "new plugin: the summary PDF passes the checker" ||
  fail "new plugin: summary PDF check" "$(head -c 300 "$T/check")"
xmllint --noout --schema "$ROOT/reports/schema/pxr-summary.xsd" "$T/s.xml" 2>"$T/xmllint" &&
  pass "new plugin: the summary XML validates against pxr-summary.xsd" ||
  fail "new plugin: summary XML" "$(head -c 300 "$T/xmllint")"
pdftotext -enc UTF-8 "$T/s.pdf" - | tr -d ' \n' >"$T/s.txt"
has "$T/s.txt" "改善就医体验指标汇总" "new plugin: the summary has its title"
# H9002 (三级) 700/1000 against its own 600/1000 of 2024S2; H9001 sent no value of this plan
has "$T/s.txt" "门诊预约诊疗率合计率为70.00%（已报1家/应报2家），较2024年下半年提高10.00个百分点。" \
  "new plugin: the overview pairs the rate with the last half-year"
has "$T/s.txt" "请各地市对照目标抓好落实。" "new plugin: the overview hook added its sentence"
hasnt "$T/s.txt" "主要指标近四期变化" "new plugin: the chart hook left the trend chart out"
has "$T/s.txt" "门诊预约诊疗率（合计率）" "new plugin: the bar chart of the first rate is kept"
py "new plugin: summary figures" "
import xml.etree.ElementTree as E
r = E.parse('$T/s.xml').getroot()
assert (r.get('plugin'), r.get('institutions'), r.get('reporting')) == ('prov2025', '2', '1'), r.attrib
ind = {i.get('code'): {g.get('level'): g.attrib for g in i.findall('group')} for i in r.findall('indicator')}
assert list(ind) == ['PV_APPT', 'PV_DAY'], list(ind)
a = ind['PV_APPT']['三级']
assert (a['pooled'], a['previous_pooled'], a['change_pooled'], a['paired_reported']) == ('70', '60', '10', '1'), a
t = ind['PV_APPT']['二级']
assert (t['applicable'], t['reported']) == ('1', '0') and 'pooled' not in t, t  # missing is not zero
d = ind['PV_DAY']['合计']
assert (d['yes'], d['reported'], d['applicable'], d['paired_reported']) == ('1', '1', '2', '0'), d
"
rm -rf "$T"
