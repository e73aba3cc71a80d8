-- pxr.national_indicators: the 27 national evaluation indicators.
--
-- Source: the appendix 改善就医感受提升患者体验评估指标（试行） printed in the
-- Inner Mongolia plan (pxr.sources.innermongolia2023), which reproduces the
-- national list of 国卫医政发〔2023〕11号; Shanghai's appendix is the same list.
-- Names are exactly as the seed writes them, without the ▲/＃ marks; the marks
-- become `applicability`:
--   注：1.标注▲的指标适用于三级医院和医联体的牵头医院。  -> "tertiary_or_lead"
--       2.标注＃的指标适用于有产科的医疗机构。            -> "obstetrics"
-- The appendix states no units, definitions, numerators or denominators.  A unit
-- that follows from the name (率, 比例, 占比 -> %; 是否 -> 是/否) has no note;
-- every other unit is an assumption and its `note` starts with
-- "seed does not state the unit" (unit_assumed() tests that).
--
-- Compound indicators (14, 20) carry `parts`; values are reported on the parts,
-- which the core stores as indicators whose parent is the compound.
--
-- The module returns a fresh list on every call of list(), so that a plugin
-- may adjust its copy without touching another plugin's.
local SOURCE = require("pxr.sources").innermongolia2023.cite

local function rate(t)
  t.type, t.unit, t.direction = "rate", "%", t.direction or "higher"
  return t
end

local function bool(t)
  -- 是 is the answer the plan works towards in every 是否 indicator.
  t.type, t.unit, t.direction = "bool", nil, "higher"
  return t
end

-- Indicators 9 and 10 are figures of the 院前医疗急救 (120) system, not of every
-- hospital (Inner Mongolia's T10 is judged on the region's figure): the appendix
-- marks no scope and the store no flag, so the units that report them are the
-- ones that run 院前医疗急救; `pxr validate` asks them of no one else.
local PREHOSPITAL = "reading (not marked in the seed): a figure of the 院前医疗急救 (120) system, "
  .. "reported by the units that run it (急救中心/站, hospitals serving as its stations); "
  .. "validate does not ask it of other institutions, and a hospital that leaves it empty "
  .. "has not reported it (never 0)"

local DEFS = {
  rate { number = 1, name = "门诊患者预约诊疗率", dimension = "诊前" },
  rate { number = 2, name = "门诊号源下放比例", dimension = "诊前",
         applicability = "tertiary_or_lead" },
  bool { number = 3, name = "是否提供预就诊服务", dimension = "诊前" },
  { number = 4, name = "择期手术患者术前等待时间", dimension = "诊前",
    type = "duration", unit = "天", direction = "lower",
    note = "seed does not state the unit; 天 assumed because pre-operative waits are "
        .. "counted in days of stay, like 平均住院日" },
  { number = 5, name = "门诊患者预约到院后平均等待时间", dimension = "门诊",
    type = "duration", unit = "分钟", direction = "lower",
    note = "seed does not state the unit; 分钟 assumed, the unit of the plan's target "
        .. "'三级医院门诊等候时间不超过20分钟'" },
  { number = 6, name = "门诊提供MDT服务的病种数", dimension = "门诊",
    type = "count", unit = "个", direction = "higher", applicability = "tertiary_or_lead",
    note = "seed does not state the unit; 个 (病种) assumed" },
  bool { number = 7, name = "是否设置新型门诊（麻醉、疼痛、药学等）服务", dimension = "门诊",
         applicability = "tertiary_or_lead" },
  bool { number = 8, name = "是否开展“先诊疗、后付费”", dimension = "门诊" },
  { number = 9, name = "120呼叫反应时间", dimension = "急诊急救",
    type = "duration", unit = "秒", direction = "lower", asked_of = "reporting",
    note = "seed does not state the unit; 秒 assumed because a 120 call is answered and "
        .. "dispatched in well under the 3 minutes of 3分钟出车率; " .. PREHOSPITAL },
  rate { number = 10, name = "院前医疗急救3分钟出车率", dimension = "急诊急救",
         asked_of = "reporting", note = PREHOSPITAL },
  bool { number = 11, name = "是否设置急诊急救五大中心", dimension = "急诊急救",
         applicability = "tertiary_or_lead" },
  { number = 12, name = "急诊留观患者平均滞留时间", dimension = "急诊急救",
    type = "duration", unit = "小时", direction = "lower",
    note = "seed does not state the unit; 小时 assumed because stays under emergency "
        .. "observation last hours, not minutes or days" },
  rate { number = 13, name = "日间手术占择期手术比例", dimension = "住院" },
  { number = 14, name = "临床路径入径率和出径率", dimension = "住院",
    type = "rate", unit = "%",
    note = "the seed names two rates in one line; they are reported as two parts",
    parts = {
      rate { code = "EI14_IN", name = "临床路径入径率" },
      -- 出径 may mean completing the pathway or leaving it; the seed does not say which.
      { code = "EI14_OUT", name = "临床路径出径率", type = "rate", unit = "%",
        note = "seed does not define 出径率 (completion or exit), so no direction is assumed" },
    } },
  rate { number = 15, name = "中医医院以中医为主治疗的出院患者比例", dimension = "住院",
         applicability = "tcm",
         note = "reading (not marked in the seed): applies to 中医医院 — in Inner Mongolia's "
             .. "wording 中医（蒙医）医院, so 中医, 蒙医 and other 民族医 hospitals — and to "
             .. "中西医结合 hospitals; 不适用 elsewhere" },
  rate { number = 16, name = "分娩镇痛率", dimension = "住院", applicability = "obstetrics" },
  bool { number = 17, name = "是否建立“一站式”入出院服务中心", dimension = "住院" },
  rate { number = 18, name = "开展责任制整体护理的病区占比", dimension = "住院" },
  rate { number = 19, name = "出院患者当日结算率", dimension = "住院" },
  { number = 20, name = "下转患者人次数（门急诊、住院）", dimension = "诊后",
    type = "count", unit = "人次", direction = "higher", applicability = "tertiary_or_lead",
    note = "the seed counts 门急诊 and 住院 separately; they are reported as two parts",
    parts = {
      { code = "EI20_OP", name = "下转患者人次数（门急诊）", type = "count", unit = "人次",
        direction = "higher" },
      { code = "EI20_IP", name = "下转患者人次数（住院）", type = "count", unit = "人次",
        direction = "higher" },
    } },
  rate { number = 21, name = "出院患者随访比例", dimension = "诊后" },
  rate { number = 22, name = "提供延续性护理服务的病区占比", dimension = "诊后" },
  bool { number = 23, name = "是否提供“互联网+护理服务”", dimension = "全程" },
  bool { number = 24, name = "是否提供加速康复外科服务", dimension = "全程",
         applicability = "tertiary_or_lead" },
  { number = 25, name = "智慧医院建设分级", dimension = "全程",
    type = "level", unit = "级", direction = "higher",
    note = "seed does not state the unit; 级 assumed: the value is a grade number, and the "
        .. "seed does not say which grading (电子病历, 智慧服务 or 智慧管理)" },
  bool { number = 26, name = "是否建成老年友善医疗机构", dimension = "全程" },
  bool { number = 27, name = "是否建成残疾人友好医疗机构", dimension = "全程" },
}

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = type(v) == "table" and copy(v) or v end
  return c
end

local M = {}

-- The seed's notes on ▲ and ＃, quoted, for reports that explain applicability.
M.notes = {
  "注：1.标注▲的指标适用于三级医院和医联体的牵头医院。",
  "2.标注＃的指标适用于有产科的医疗机构。",
}
M.marks = { tertiary_or_lead = "▲", obstetrics = "＃" } -- tcm: the seed marks none
M.source = SOURCE

function M.unit_assumed(ind)
  return ind.note ~= nil and ind.note:find("seed does not state the unit", 1, true) == 1
end

-- list(): the 27 indicators in the seed's order, as fresh tables.
function M.list()
  local out = {}
  for i, d in ipairs(DEFS) do
    local t = copy(d)
    t.code = string.format("EI%02d", d.number)
    t.source = SOURCE
    -- the seed writes 14 and 20 as one line each; the names of their parts are
    -- pxr's, so each part says which line of the seed it comes from
    for _, p in ipairs(t.parts or {}) do
      p.dimension, p.applicability, p.source = t.dimension, t.applicability, SOURCE
      p.parent = t.code
      local from = "part of " .. t.code .. " " .. t.name .. ", as the seed writes it"
      p.note = p.note and (from .. "; " .. p.note) or from
    end
    out[i] = t
  end
  return out
end

return M
