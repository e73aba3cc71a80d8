-- nhc2023: 国家卫健委、国家中医药管理局 改善就医感受提升患者体验主题活动 (2023-2025).
--
-- Sources (pxr.sources): the national notice 国卫医政发〔2023〕11号, whose wording
-- pxr takes from a newspaper report of it (6 aspects, 20 measures) that gives
-- some measures only in passing and others not at all.  The Inner Mongolia plan
-- follows the notice item by item: section headings and the titles the report
-- lacks are taken from it, and each measure's `source` names the document its
-- title is quoted from (`text_source` where the text is quoted from another).
-- The text is national: the report's wording where it has one (3 and 11 too);
-- where it has none, the Inner Mongolia plan's wording without its local
-- deadlines, places and pilots, and `note` (in the catalog) says so.  The 27
-- evaluation indicators are the national list shared through
-- pxr.national_indicators.
local asked = require("pxr.asked")
local coverage = require("pxr.coverage")
local doc = require("pxr.doc")
local indicator = require("pxr.indicator")
local national = require("pxr.national_indicators")
local period = require("pxr.period")
local region = require("pxr.region")
local report = require("pxr.report")

local sources = require("pxr.sources")
-- the national notice (wording from the newspaper report) and, for what the report
-- lacks, the Inner Mongolia plan that follows the notice item by item
local S004, S000 = sources.nhc2023.cite, sources.innermongolia2023.cite

local indicators = national.list()


local measures = {
  { code = "1", seq = 1, title = "完善预约诊疗制度", source = S004,
    section = "（一）创新理念、服务向前，提升患者诊前体验",
    text = "二级及以上医院应普遍建立预约诊疗制度，运用人工智能等手段提升预约诊疗精准度。一是提供多种途径、多种有效证件的预约，落实分时段预约，推行检查检验集中预约等多种预约模式。结合专业特点合理安排号源量，为医患沟通预留充足时间。二是推广门诊、跨科、复诊、诊疗团队内、医联体内等多种预约模式，二三级医院向基层医疗机构开放一定比例号源，发挥家庭医生在预约转诊、预约检查等方面的积极作用，提升服务连续性。三是探索应用人工智能分诊系统，并与门诊电子病历系统对接，形成智能问诊—分诊—预约—病史采集流程。四是优化预约诊疗平台，推行实名制预约，加强退号、失约管理，严厉打击“号贩子”。" },
  { code = "2", seq = 2, title = "探索建立预就诊模式", source = S000,
    section = "（一）创新理念、服务向前，提升患者诊前体验",
    text = "对于诊断明确且因相同疾病就诊的复诊患者，医疗机构可通过互联网诊疗平台、互联网医院或预约诊疗平台，预约复诊所需的检查检验，并根据检查检验出结果时间匹配复诊号源。" },
  { code = "3", seq = 3, title = "缩短术前等待时间", source = S000, text_source = S004,
    section = "（一）创新理念、服务向前，提升患者诊前体验",
    text = "有条件的地方，医疗机构可对诊断明确、病情相对稳定、经评估符合住院指征、择期手术的患者，在保障医疗质量安全的前提下办理“预住院”，在患者入院前完成术前检查检验，缩短入院后术前等待时间。",
    note = "国家通知措辞（报道“通知提出”段）；标题取自内蒙古方案。内蒙古方案的“到2023年底三级医疗机构应全部开展”是地方要求，不属国家通知。" },
  { code = "4", seq = 4, title = "再造门诊流程", source = S004,
    section = "（二）简化流程、创新模式，提升患者门诊体验",
    text = "进一步优化门诊流程设计，缩短患者在门诊的滞留时间。一是压缩门诊取号、缴费、打印报告等环节，缩短患者在门诊的等候时间。二是加强引导，明确当日检查检验结果回报患者的接诊流程，简化需要多次门诊诊疗、护理的流程，减少无序流动。三是提供多种付费渠道，在确保资金安全的前提下，探索推行“先诊疗后付费”“一次就诊一次付费”。" },
  { code = "5", seq = 5, title = "创新服务模式", source = S004,
    section = "（二）简化流程、创新模式，提升患者门诊体验",
    text = "医疗机构应运用新技术、新理念，以需求为导向，不断调整、创新服务模式。一是建立门诊“一站式”服务中心，为患者提供导诊、咨询、检查检验预约、投诉建议受理、便民设备租借等服务，帮助患者熟悉就医流程。二是完善多学科诊疗（MDT）制度，鼓励医疗机构扩展多学科诊疗覆盖的专科和病种，有条件的医疗机构可设立门诊MDT岗，提供“患者不动医师动”的MDT服务。三是鼓励医疗机构开设麻醉、疼痛、健康管理等新型门诊，提供更加丰富的门诊诊疗服务。四是推广门诊中西医结合诊疗模式，打造中西医结合团队，开展中西医结合联合诊疗。中医医疗机构要总结推广中医综合治疗以及集预防、治疗、康复于一体的全链条服务模式。五是鼓励有条件的医疗机构结合实际弹性安排门诊时间，满足上班、上学等人群的就诊需求。六是鼓励家庭医生为符合条件的签约人群提供适宜的服务。" },
  { code = "6", seq = 6, title = "优化就诊环境", source = S000,
    section = "（二）简化流程、创新模式，提升患者门诊体验",
    text = "优化门诊全流程布局，标识清晰易懂，有效引导和分流患者。加强卫生间、候诊区等重点区域的卫生管理。针对老年人、儿童、残疾人、孕产妇等特殊群体，做好就诊环境的适老化、无障碍等改造，鼓励配备轮椅、平车、母婴室、尿布台等必要的便民设备设施。树立老年友善服务理念，解决影响老年患者就诊的“数字鸿沟”等问题。" },
  { code = "7", seq = 7, title = "提升院前医疗急救服务能力", source = S004,
    section = "（三）高效衔接、分区分级，提升患者急诊急救体验",
    text = "优化院前急救服务流程，提升120呼叫定位精度，缩短呼叫反应时间。加强院前医疗急救常备力量与机动力量建设，积极构建立体化的院前医疗急救体系，提高院前医疗急救的能力。" },
  { code = "8", seq = 8, title = "加强院前院内衔接", source = S004,
    section = "（三）高效衔接、分区分级，提升患者急诊急救体验",
    text = "二级及以上医疗机构应当加强胸痛、卒中、创伤、危重孕产妇救治、危重儿童和新生儿救治等中心建设，建立急诊急救高效衔接的流程，搭建患者数据院前院内实时交互信息系统，提高急诊急救服务效率。" },
  { code = "9", seq = 9, title = "做好急危重症患者救治", source = S004,
    section = "（三）高效衔接、分区分级，提升患者急诊急救体验",
    text = "一是建立健全急诊患者分级救治模式，坚持“就急、就重”原则，根据患者病情建立分级救治流程，急危重症患者“优先救治、后补手续”。二是探索构建院前院内急危重症救治“三通三联”一体化救治模式，形成救护车直通导管室、手术室及重症监护室的流程，联通院前医疗急救机构、基层医疗卫生机构与医院之间的抢救绿色通道。以急诊为平台，建立急危重症患者多学科联合救治机制。" },
  { code = "10", seq = 10, title = "完善住院医疗服务制度", source = S004,
    section = "（四）巩固拓展、丰富内涵，提升患者住院体验",
    text = "一是建立健全日间医疗服务制度，三级医院普遍建立日间手术管理制度，鼓励医疗机构拓展日间医疗服务范围并完善相关制度。二是推进临床路径管理信息化，丰富临床路径覆盖病种数量及内涵，在医联体内建设一体化临床路径。三是全面推进检查检验结果和相关数据资料的互通共享，加强检查检验相关专业质量控制和管理。四是推广应用中医药适宜技术，中医医院的中医优势病种应当以中医治疗为主。" },
  { code = "11", seq = 11, title = "加强住院患者综合服务", source = S000, text_source = S004,
    section = "（四）巩固拓展、丰富内涵，提升患者住院体验",
    text = "鼓励三级医院积极探索建立覆盖门诊急诊和住院全流程服务的疼痛管理新模式。在二级及以上医院推广普及分娩镇痛等疼痛管理模式。",
    note = "国家通知措辞：报道此项开头跨栏残缺（“加强住院患者综合服……务”），仅录其后两句；标题取自内蒙古方案。内蒙古方案的“到2023年底”“到2025年底，全区”是地方期限，不属国家通知。" },
  { code = "12", seq = 12, title = "改善入出院服务", source = S000,
    section = "（四）巩固拓展、丰富内涵，提升患者住院体验",
    text = "二级及以上医院建立患者入出院服务中心，优化入出院流程，提供入院手续办理、医保审核、出院结算、检查检验预约、出院患者健康教育等“一站式”服务。推广住院费用预结算、床旁结算、“当日出院、当日结算”。鼓励医院对闲置床位统一管理，逐步实现全院床位集中管理、统一调配。" },
  { code = "13", seq = 13, title = "依托医联体提升医疗服务连续性", source = S004,
    section = "（五）服务连续、医防协同，提升患者诊后体验",
    text = "以网格化布局的城市医疗集团、县域医共体为载体，优化医疗服务流程，畅通双向转诊渠道，下沉专家、门诊号源和住院床位资源，为网格内居民提供一体化的医疗卫生服务。推动医联体内诊疗信息共享，探索建立智慧医联体。" },
  { code = "14", seq = 14, title = "加强诊后管理与随访", source = S004,
    section = "（五）服务连续、医防协同，提升患者诊后体验",
    text = "医疗机构应当建立患者随访档案和随访计划，建设基于患者服务为核心的多途径智能随访平台，为患者提供更加科学便捷专业的院外康复和延续性治疗，并通过数据分析和及时发现潜在问题，提供就诊绿色通道，为患者诊后提供更好保障。鼓励有条件的医疗机构通过随访平台加强与患者的沟通互动。" },
  { code = "15", seq = 15, title = "积极探索非急救转运服务", source = S000,
    section = "（五）服务连续、医防协同，提升患者诊后体验",
    text = "建立非急救医疗转运服务体系（包括统一标识的车辆，配备医疗服务人员），搭建非急救医疗转运服务平台，实现统一呼叫号码、统一受理呼叫、统一指挥调度，对急救与非急救进行分类调派和管理，不断满足患者急救和非急救医疗转运需求。",
    note = "国家通知此项原文不在报道（种子004）中：措辞取自内蒙古方案，仅录各地共用的表述，删去其地方主体和试点（“呼和浩特市要率先开展非急救医疗转运服务试点”“鼓励其他盟市结合实际开展试点工作”）。" },
  { code = "16", seq = 16, title = "丰富优质护理服务内涵", source = S004,
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "强化责任制护理，严格落实分级护理、查对等护理核心制度。扎实做好基础护理，规范实施护理专科技术，提供身心整体护理。鼓励医疗机构为有护理需求的出院患者提供延续性护理服务。推动大型医院优质护理资源下沉。" },
  { code = "17", seq = 17, title = "转变药学服务模式", source = S000,
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是二级及以上医院对医联体内向基层医疗卫生机构延伸的处方进行审核，指导基层医疗卫生机构合理用药。二是三级甲等综合医院应规范开设药学门诊，鼓励其他医疗机构设置用药咨询室（窗口），有条件的医疗机构为患者提供中药用药加工等个性化服务。三是鼓励具备条件的医疗机构开展“互联网+药学服务”，推动处方流转、药品配送等服务，有条件的可探索开展用药指导信息推送服务，指导督促患者规律服药。" },
  { code = "18", seq = 18, title = "创新康复服务模式", source = S000,
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是鼓励医疗机构建立康复科与其他专科紧密协作的服务模式，组建早期康复介入多学科团队，推进加速康复外科发展，促进患者快速康复和功能恢复。二是借助医联体等多种形式建立康复医疗服务网络，增加康复医疗服务供给，医疗机构按照功能定位和患者需求，提供连续的康复医疗服务。三是鼓励具备条件的二级及以上医院通过多种方式将康复医疗服务向家庭延伸，为行动不便的老年人、出院患者等人群提供康复治疗、康复训练和指导等。" },
  { code = "19", seq = 19, title = "加强医院信息化建设和后勤保障", source = S000,
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是在确保信息安全的基础上，加大智慧医院建设力度，为改善医疗服务提供必要的信息化支撑。简化预约诊疗和互联网诊疗页面，设置智能语音和助老服务模块，通过自动拨号、志愿者远端协助等方式，方便老年患者获得在线诊疗服务。完善收费系统，支持现金、线上支付等多种收费方式，费用金额要设置到分位。二是积极探索运用人工智能技术改善患者就医体验，并为临床诊疗服务提供高质量辅助，提升医疗服务质量和效率。三是加强医院后勤保障，畅通后勤问题反馈渠道，提供24小时的后勤保障服务。提高膳食、保洁质量，改善患者停车条件，在公共区域提供网络、阅读等服务。" },
  { code = "20", seq = 20, title = "加强医疗机构人文建设", source = S004,
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是二级及以上医院应建立医务社工和志愿者制度，鼓励有条件的医疗机构设立医务社工部门和岗位，丰富医务社工服务内涵，推动医务社工服务系统化、专业化、规范化。二是弘扬崇高职业精神，规范医疗机构内服务用语、行为，增强医患沟通意识和能力，构建和谐医患关系，打造“更有温度的医疗服务”。" },
}

for _, m in ipairs(measures) do
  if m.source == S000 and not m.note then
    m.note = "国家通知此项原文不在报道（种子004）中：标题和措辞取自内蒙古方案，其中无地方期限、地名。"
  end
end

-- The evaluation report: one institution, one period, the 27 indicators
-- (pxr.report.evaluation, with the national list's marks and notes).
local evaluation = report.evaluation {
  -- The title is the appendix heading 改善就医感受提升患者体验评估指标（试行） of
  -- seed 000 with 填报表 added: the form an institution fills in.
  title = "改善就医感受提升患者体验评估指标（试行）填报表",
  keywords = "改善就医感受,提升患者体验,评估指标,",
  marks = national.marks,
  notes = { national.notes[1], "　　" .. national.notes[2] },
  unit_assumed = national.unit_assumed,
  closing = "依据：国家卫健委、国家中医药管理局《关于开展改善就医感受提升患者体验主题活动的通知》"
            .. "（国卫医政发〔2023〕11号）；指标目录见内蒙古自治区实施方案附件"
            .. "《改善就医感受提升患者体验评估指标（试行）》。",
}

local function marked(ind)
  return ind.name .. (national.marks[ind.applicability] or "")
end

-- The summary report: a region, one period, the indicators by hospital level
-- against the previous period.

local TOTAL = "合计"
local GROUPS = { indicator.LEVELS[1], indicator.LEVELS[2], indicator.LEVELS[3],
                 indicator.LEVELS[4], TOTAL }

-- Rates whose course over four periods the line chart shows: the first of
-- each stage of a visit (诊前, 急诊急救, 住院, 诊后) that every institution reports.
local TREND = { "EI01", "EI10", "EI13", "EI19", "EI21" }

-- The entries that carry values: indicators, and the parts of compound ones.
local function leaves()
  local out = {}
  for _, ind in ipairs(indicators) do
    for _, p in ipairs(ind.parts or { ind }) do out[#out + 1] = p end
  end
  return out
end

-- The institutions of the region (and below), in order of code, each with its group
-- g (below): `sid` is the rowid of the region's child it lies under (`sub`), 0 for the
-- region itself.  Only the national summary shows the sub-regions: the provinces, never
-- a statistical middle level.  The plan's indicators are constants of the catalog.
-- applicability "tcm" as pxr.indicator reads it: the kinds of indicator.TCM_KINDS
local TCM_KINDS = "'" .. table.concat(indicator.TCM_KINDS, "', '") .. "'"
local LEAVES = leaves()
local function quoted(list)
  local q = {}
  for i, c in ipairs(list) do q[i] = "'" .. c .. "'" end
  return table.concat(q, ", ")
end
-- what counts as a report to this plan: a value of one of its indicators
local PLAN_CODES = coverage.codes({ indicators = indicators })
local INSTITUTIONS = [[
WITH RECURSIVE below(code, sub, sid) AS (
  SELECT ?1, NULL, 0
  UNION SELECT r.code, coalesce(b.sub, r.code), CASE WHEN b.sub IS NULL THEN r.rowid ELSE b.sid END
  FROM region r JOIN below b ON r.parent = b.code),
inst AS MATERIALIZED (
  SELECT i.code, b.sid * 64 + CASE i.level WHEN '三级' THEN 0 WHEN '二级' THEN 1 WHEN '一级' THEN 2
    ELSE 3 END * 16 + (i.level = '三级' OR i.alliance_lead = 1) * 4 + (i.obstetrics = 1) * 2
    + (i.kind IN (]] .. TCM_KINDS .. [[)) AS g
  FROM institution i JOIN below b ON i.region = b.code ORDER BY i.code)
]]

-- the two periods before the last are drawn only in the trend chart
local TREND_SET = {}
for _, c in ipairs(TREND) do TREND_SET[c] = true end

local APPLICABLE = { tertiary_or_lead = "lead", obstetrics = "obst", tcm = "tcm" }
local LEAF = {}
for _, p in ipairs(LEAVES) do LEAF[p.code] = p end

-- Per indicator, period and institution group (sub-region, level, `both`: reported
-- this indicator in ?4 and ?5, so that a change between periods compares like with
-- like, indicator by indicator, and the ▲/＃/tcm flags that admit it), the values'
-- sums, and per institution group how many reported (a value of one of the plan's
-- indicators, as pxr.coverage counts them) in ?4 (was) and ?5 (now):
-- pxr_summary_sums (core/store_summary.c) in one pass over the institutions' values
-- of ?4 and ?5 by key, paired in C unit by unit, and over the trend chart's rates of
-- ?2 and ?3; Lua never sees a value.  It reads each value every way
-- pxr.indicator.value_of may read it (xv: a number; yes: a number not 0; tb: a 是/否
-- answer where no number is; xr: a rate of its numerator and denominator where no
-- number is), and n, d where a rate's x is not NULL; figure_sums picks what the
-- indicator's type takes.  The institution group is g = sid * 64 + level * 16 + lead
-- * 4 + obst * 2 + tcm; a figure's key k = period * 2^32 + g + both * 8.  The rows
-- with no indicator are the counts: of each institution group, n institutions (the
-- region's every one), the ▲/＃/tcm ones admitted, was, now and both.
local GROUP_BASE = 4294967296 -- 2^32: the period above the institution group in the key
local SUMS = INSTITUTIONS .. [[,
s(j) AS MATERIALIZED (
  SELECT pxr_summary_sums(']] .. table.concat(PLAN_CODES, ",") .. [[', inst.code, inst.g,
    CASE v.period WHEN ?4 THEN 2 WHEN ?5 THEN 3 END, v.indicator, v.value, v.numerator,
    v.denominator, v.text)
  FROM inst LEFT JOIN value v ON v.unit = inst.code AND v.period IN (?4, ?5)
  UNION ALL
  SELECT pxr_summary_sums(']] .. table.concat(PLAN_CODES, ",") .. [[', inst.code, inst.g,
    CASE v.period WHEN ?2 THEN 0 ELSE 1 END, v.indicator, v.value, v.numerator,
    v.denominator, v.text)
  FROM inst CROSS JOIN value v ON v.unit = inst.code AND v.period IN (?2, ?3)
    AND v.indicator IN (]] .. quoted(TREND) .. [[))
SELECT j.value ->> 0 AS indicator, j.value ->> 1 AS k, j.value ->> 3 AS cv, j.value ->> 4 AS sv,
  j.value ->> 5 AS yes, j.value ->> 7 AS ct, j.value ->> 8 AS st, j.value ->> 9 AS cr,
  j.value ->> 10 AS sr, j.value ->> 11 AS pn, j.value ->> 12 AS sn, j.value ->> 14 AS sd,
  NULL AS level, NULL AS sub, NULL AS sid, NULL AS n, NULL AS lead, NULL AS obst, NULL AS tcm,
  NULL AS was, NULL AS now, NULL AS both
FROM s, json_each(s.j) j WHERE j.value ->> 0 IS NOT NULL
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  CASE c.k >> 6 & 3 WHEN 0 THEN '三级' WHEN 1 THEN '二级' WHEN 2 THEN '一级' ELSE '未定级' END,
  r.code, c.k >> 8, c.n, c.n * (c.k >> 4 & 1), c.n * (c.k >> 3 & 1), c.n * (c.k >> 2 & 1),
  c.n * (c.k >> 1 & 1), c.n * (c.k & 1), c.n * (c.k & 3 = 3)
FROM (SELECT j.value ->> 1 AS k, j.value ->> 2 AS n FROM s, json_each(s.j) j
      WHERE j.value ->> 0 IS NULL) c LEFT JOIN region r ON r.rowid = c.k >> 8
]]

-- A group's sums as the leaf's type reads its values: reported (x not NULL), sx, pn, sn, sd.
local function figure_sums(ind, r)
  if ind.type == "bool" then
    return { reported = r.cv + r.ct, sx = r.yes + r.st, pn = 0, sn = 0, sd = 0 } -- yes: a count
  elseif ind.type == "rate" then
    return { reported = r.cv + r.cr, sx = r.sv + r.sr, pn = r.pn, sn = r.sn, sd = r.sd }
  end
  return { reported = r.cv, sx = r.sv, pn = 0, sn = 0, sd = 0 }
end

-- The group keys a row of level lv and sub-region sub adds to: its level, 合计,
-- and (when there is one) "sub:" .. sub.
local function keys_of(lv, sub)
  if sub == nil then return { lv, TOTAL } end
  return { lv, TOTAL, "sub:" .. sub }
end

local function add(acc, key, row)
  local a = acc[key]
  if a == nil then
    a = { reported = 0, sx = 0, pn = 0, sn = 0, sd = 0 }
    acc[key] = a
  end
  for _, k in ipairs({ "reported", "sx", "pn", "sn", "sd" }) do a[k] = a[k] + row[k] end
end

-- One figure, as pxr.indicator.summarize computes it from the institutions' rows.  An
-- indicator asked only of those who report it (pxr.asked) applies to its reporters.
local function figure(ind, acc, applicable)
  local s = { applicable = applicable or 0, reported = acc and acc.reported or 0 }
  if asked.by_reporting(ind) then s.applicable = s.reported end
  if s.reported == 0 then return s end
  s.mean = acc.sx / acc.reported
  if ind.type == "rate" then
    s.pooled, s.pooled_n = indicator.rate(acc.sn, acc.sd), acc.pn
  elseif ind.type == "bool" then
    s.yes, s.mean = math.tointeger(acc.sx) or acc.sx, nil
  elseif ind.type == "count" then
    s.sum = acc.sx
  end
  return s
end

-- figures[period][indicator][group] for the groups of GROUPS and "sub:CODE", and
-- paired[period][indicator][group] over the institutions that reported in both
-- periods[3] and periods[4]; counts[group] = { n=, was=, now=, both= } institutions
-- (n: all of them; was, now: reported in periods[3], periods[4]); subs = the
-- sub-regions with institutions.  One pass over the values.
local function aggregate(code, periods)
  local counts, subs, sub_of = {}, {}, {} -- sub_of: sid -> sub-region code
  local admitted = {} -- group -> { n=, lead=, obst=, tcm= }
  for _, g in ipairs(GROUPS) do counts[g] = { n = 0, was = 0, now = 0, both = 0 } end
  local rows, count_rows = {}, {} -- SUMS: the figures' rows, and the counts' (no indicator)
  for _, r in ipairs(pxr.db.query(SUMS, code, periods[1], periods[2], periods[3], periods[4])) do
    table.insert(r.indicator and rows or count_rows, r)
  end
  for _, r in ipairs(count_rows) do
    for _, k in ipairs(keys_of(r.level, r.sub)) do
      local a = admitted[k] or { n = 0, lead = 0, obst = 0, tcm = 0 }
      a.n, a.lead, a.obst, a.tcm = a.n + r.n, a.lead + r.lead, a.obst + r.obst, a.tcm + r.tcm
      admitted[k] = a
      local c = counts[k] or { n = 0, was = 0, now = 0, both = 0 }
      for _, f in ipairs({ "n", "was", "now", "both" }) do c[f] = c[f] + math.tointeger(r[f]) end
      counts[k] = c
    end
    if r.sub ~= nil and not subs[r.sub] then
      subs[r.sub] = true
      subs[#subs + 1] = r.sub
      sub_of[r.sid] = r.sub
    end
  end
  table.sort(subs)
  local acc, pacc = {}, {} -- period -> indicator -> group -> sums
  for _, p in ipairs(periods) do acc[p], pacc[p] = {}, {} end
  local flag = { lead = 4, obst = 2, tcm = 1 } -- the ▲/＃/tcm bits of the key
  for _, r in ipairs(rows) do
    -- k = period * GROUP_BASE + sid * 64 + level * 16 + both * 8 + lead * 4 + obst * 2 + tcm
    local leaf, pi, low = LEAF[r.indicator], r.k // GROUP_BASE, r.k % GROUP_BASE
    local p = periods[pi + 1]
    local scope = leaf and leaf.applicability and flag[APPLICABLE[leaf.applicability]]
    if leaf and (pi >= 2 or TREND_SET[leaf.code]) and (not scope or (low // scope) % 2 == 1) then
      local both, lv, sub = (low // 8) % 2, indicator.LEVELS[(low // 16) % 4 + 1], sub_of[low // 64]
      local row = figure_sums(leaf, r)
      if row.reported > 0 then
        local targets = { acc }
        if both == 1 and pi >= 2 then targets[2] = pacc end
        for _, t in ipairs(targets) do
          local by_ind = t[p]
          by_ind[leaf.code] = by_ind[leaf.code] or {}
          for _, key in ipairs(keys_of(lv, sub)) do add(by_ind[leaf.code], key, row) end
        end
      end
    end
  end
  local groups = { table.unpack(GROUPS) }
  for _, sub in ipairs(subs) do groups[#groups + 1] = "sub:" .. sub end
  local function build(a)
    local figures = {}
    for _, p in ipairs(periods) do
      figures[p] = {}
      for _, ind in ipairs(LEAVES) do
        local g, sums = {}, a[p][ind.code] or {}
        local field = ind.applicability and APPLICABLE[ind.applicability] or "n"
        for _, name in ipairs(groups) do
          g[name] = figure(ind, sums[name], admitted[name] and math.tointeger(admitted[name][field]))
        end
        figures[p][ind.code] = g
      end
    end
    return figures
  end
  return build(acc), build(pacc), counts, subs
end

-- The statistic rows of an indicator (below its 填报/适用 row); a change
-- against the previous period is shown for each.
local function stats_of(ind)
  local unit = ind.unit and ("（" .. ind.unit .. "）") or ""
  if ind.type == "rate" then
    return { { key = "pooled", label = "合计率（%）" }, { key = "mean", label = "平均率（%）" } }
  elseif ind.type == "bool" then
    return { { key = "yes", label = "其中答“是”（家）" } }
  elseif ind.type == "count" then
    return { { key = "sum", label = "合计" .. unit } }
  elseif ind.type == "level" then
    return { { key = "mean", label = "平均级别" } }
  end
  return { { key = "mean", label = "平均值" .. unit } }
end

-- Two decimals, half away from zero (四舍五入).  SQLite sums in no fixed order,
-- so a mean that is exactly x.xx5 must not round up or down with the last bit.
local function fixed2(x)
  local k = math.floor(math.abs(x) * 100 + 0.5 + 1e-7)
  local s = string.format("%s%d.%02d", x < 0 and k > 0 and "-" or "", k // 100, k % 100)
  return s
end

-- Sums and 是 counts are whole numbers; rates and means keep two decimals.
local function shown(key, x)
  if x == nil then return nil end
  if key == "sum" or key == "yes" then return indicator.thousands(x) end
  return fixed2(x)
end

local function signed(key, d)
  if d == nil then return "" end
  local s = shown(key, d)
  if s:sub(1, 1) ~= "-" and s:match("[1-9]") then s = "+" .. s end
  return s
end

-- The text of one cell pair (本期, 较上期) of a statistic row; the change is
-- over the institutions that reported in both periods (pn: this period, pp: the last).
local function cells(key, now, pn, pp)
  if now.applicable == 0 then return "—", "" end
  if key == "reporting" then return now.reported .. "/" .. now.applicable, "" end
  local x = now[key]
  if x == nil then return "无数据", "" end
  return shown(key, x), signed(key, indicator.change(pn[key], pp[key]))
end

local function group_element(name, now, before, pn, pp)
  local a = { level = name, applicable = now.applicable, reported = now.reported,
              previous_reported = before.reported, paired_reported = pn.reported }
  for _, k in ipairs({ "pooled", "mean", "sum", "yes" }) do
    if now[k] ~= nil then a[k] = indicator.decimal(now[k]) end
    if before[k] ~= nil then a["previous_" .. k] = indicator.decimal(before[k]) end
    if pn[k] ~= nil then a["paired_" .. k] = indicator.decimal(pn[k]) end
    if pp[k] ~= nil then a["paired_previous_" .. k] = indicator.decimal(pp[k]) end
    local d = indicator.change(pn[k], pp[k])
    if d ~= nil then a["change_" .. k] = indicator.decimal(d) end
  end
  if now.pooled_n then a.pooled_n = now.pooled_n end
  return { tag = "group", attrs = a }
end

local function summary(ctx)
  local code = ctx.region
  if code == nil then error("nhc2023 summary is a report on a region: give --region", 0) end
  local reg = region.get(code)
  local now_p, prev_p = ctx.period, period.previous(ctx.period)
  local periods = { period.previous(period.previous(prev_p)), period.previous(prev_p), prev_p, now_p }
  local figures, paired, tally, subs = aggregate(code, periods)
  -- who has reported (pxr.coverage: a value of one of the plan's indicators), this period
  -- and the last;
  -- the missing are listed up to coverage.LIST, then counted by province and level
  local cov = coverage.region(code, now_p, PLAN_CODES)
  local cov_prev = { expected = tally[TOTAL].n, reported = tally[TOTAL].was }
  local members, by_level = {}, {} -- group -> { expected, reported, both }
  for k, c in pairs(tally) do members[k] = c.n end
  for _, g in ipairs(GROUPS) do
    by_level[g] = { expected = tally[g].n, reported = tally[g].now, both = tally[g].both }
  end
  local n_both = by_level[TOTAL].both
  local same_group = n_both == cov.reported and n_both == cov_prev.reported
  local present = {}
  for _, lv in ipairs(indicator.LEVELS) do
    if members[lv] > 0 then present[#present + 1] = lv end
  end
  present[#present + 1] = TOTAL

  local label, prev_label = period.label(now_p), period.label(prev_p)
  local path = region.path(code, "")
  local counts = {}
  for _, lv in ipairs(indicator.LEVELS) do counts[#counts + 1] = lv .. members[lv] .. "家" end
  local n_insts, n_reporting = members[TOTAL], tally[TOTAL].now

  local result = { tag = "summary", attrs = {
    plugin = "nhc2023", period = now_p, period_label = label, previous = prev_p,
    previous_label = prev_label, region = code, region_name = path,
    institutions = n_insts, reporting = n_reporting } }
  for _, name in ipairs(GROUPS) do
    result[#result + 1] = { tag = "institutions", attrs = { level = name, count = members[name] } }
  end
  local cov_el = coverage.element(cov)
  cov_el.attrs.previous_reported, cov_el.attrs.both_reported = cov_prev.reported, n_both
  result[#result + 1] = cov_el

  -- The table: a dimension row, then per indicator (or part) one row of
  -- 填报/适用 and one per statistic; 序号 and 指标 cells span them.
  local rows, dim = {}, nil
  local width = 3 + 2 * #present
  local function add_rows(it, number, name)
    local ind = it.ind
    local st = stats_of(ind)
    local block = { { key = "reporting", label = "填报/适用（家）" } }
    for _, s in ipairs(st) do block[#block + 1] = s end
    for i, s in ipairs(block) do
      local r = {}
      if i == 1 then
        r[1] = { text = number, rowspan = #block, align = "center" }
        r[2] = { text = name, rowspan = #block }
      end
      r[#r + 1] = s.label
      for _, g in ipairs(present) do
        local a, b = cells(s.key, figures[now_p][ind.code][g], paired[now_p][ind.code][g],
                           paired[prev_p][ind.code][g])
        r[#r + 1], r[#r + 2] = a, b
      end
      rows[#rows + 1] = r
    end
  end

  for _, ind in ipairs(indicators) do
    if ind.dimension ~= dim then
      dim = ind.dimension
      rows[#rows + 1] = { { text = dim, colspan = width, bold = true } }
    end
    local el = { tag = "indicator", attrs = { code = ind.code, number = ind.number, name = ind.name,
      dimension = ind.dimension, type = ind.type, unit = ind.unit, applicability = ind.applicability } }
    if ind.parts then
      rows[#rows + 1] = { { text = tostring(ind.number), align = "center" },
                          { text = marked(ind), colspan = width - 1 } }
      for i, p in ipairs(ind.parts) do
        local it = { ind = p }
        add_rows(it, ind.number .. "." .. i, "其中：" .. p.name)
        local pe = { tag = "part", attrs = { code = p.code, name = p.name, type = p.type,
                                             unit = p.unit } }
        for _, g in ipairs(GROUPS) do
          pe[#pe + 1] = group_element(g, figures[now_p][p.code][g], figures[prev_p][p.code][g],
                                      paired[now_p][p.code][g], paired[prev_p][p.code][g])
        end
        el[#el + 1] = pe
      end
    else
      add_rows({ ind = ind }, tostring(ind.number), marked(ind))
      for _, g in ipairs(GROUPS) do
        el[#el + 1] = group_element(g, figures[now_p][ind.code][g], figures[prev_p][ind.code][g],
                                    paired[now_p][ind.code][g], paired[prev_p][ind.code][g])
      end
    end
    result[#result + 1] = el
  end

  local columns = { { title = "序号", width = 3, align = "center" },
                    { title = "指标", width = 14 },
                    { title = "统计项", width = 10 } }
  local head1 = { { text = "序号", rowspan = 2 }, { text = "指标", rowspan = 2 },
                  { text = "统计项", rowspan = 2 } }
  local head2 = {}
  for _, g in ipairs(present) do
    columns[#columns + 1] = { title = "本期", width = 5, align = "right" }
    columns[#columns + 1] = { title = "较上期", width = 5, align = "right" }
    local c = by_level[g]
    head1[#head1 + 1] = { text = (g == TOTAL and "合计" or g .. "医院") .. "（已报" .. c.reported
                                 .. "/" .. c.expected .. "）", colspan = 2 }
    head2[#head2 + 1], head2[#head2 + 2] = "本期", "较上期"
  end

  local absent = {}
  for _, lv in ipairs(indicator.LEVELS) do
    if members[lv] == 0 then absent[#absent + 1] = lv end
  end
  local notes = {
    "注：1.“填报/适用”为填报本项的机构数与本项适用的机构数；未填报的机构不计入合计、平均，不按零计。",
    "　　2.合计率＝各机构分子之和÷分母之和×100%；平均率＝各机构率的算术平均值。"
    .. "较上期为" .. prev_label .. "和本期均填报该项指标的机构本期与上期之差（两期均有填报的机构"
    .. n_both .. "家，各项指标另计），率以百分点计"
    .. (same_group and "。" or ("；本期" .. cov.reported .. "家、上期" .. cov_prev.reported
                               .. "家填报，两期填报的机构不同，未同时填报两期的机构不计入较上期。")),
    "　　3.“—”表示该级别无适用机构；“无数据”表示适用机构均未填报；表头括号内为该级别已报/应报的机构数。",
    "　　4." .. national.notes[1]:gsub("^注：1%.", "") .. national.notes[2]:gsub("^2%.", ""),
  }
  local by_reporting = {}
  for _, ind in ipairs(indicators) do
    if asked.by_reporting(ind) then by_reporting[#by_reporting + 1] = tostring(ind.number) end
  end
  if #by_reporting > 0 then
    notes[#notes + 1] = "　　" .. (#notes + 1) .. ".指标" .. table.concat(by_reporting, "、")
      .. "为院前医疗急救（120）体系的数据，适用机构为开展该项工作、填报本项的单位。"
  end
  if #absent > 0 then
    notes[#notes + 1] = "　　" .. (#notes + 1) .. ".本地区无" .. table.concat(absent, "、") .. "医疗机构，表中不列。"
  end

  -- Charts: 门诊患者预约诊疗率 by level, this period against the last; key rates over four periods.
  local cats, s_now, s_prev = {}, {}, {}
  for i, g in ipairs(present) do
    cats[i] = g == TOTAL and "合计" or g .. "医院"
    s_now[i] = figures[now_p].EI01[g].pooled
    s_prev[i] = figures[prev_p].EI01[g].pooled
  end
  local bars = pxr.chart.bars {
    title = "门诊患者预约诊疗率（合计率）", categories = cats, unit = "%",
    series = { { name = prev_label, values = s_prev }, { name = label, values = s_now } },
  }
  local pcats, series = {}, {}
  for i, p in ipairs(periods) do pcats[i] = period.label(p) end
  for _, c in ipairs(TREND) do
    local vals = {}
    for i, p in ipairs(periods) do vals[i] = figures[p][c][TOTAL].pooled end
    local name
    for _, ind in ipairs(indicators) do if ind.code == c then name = ind.name end end
    series[#series + 1] = { name = name, values = vals }
  end
  local lines = pxr.chart.lines {
    title = "主要指标近四期变化（全部机构合计率）", categories = pcats, unit = "%", series = series,
    width = 200, -- the landscape page: five series keep their legend on one line
  }

  local e1n = figures[now_p].EI01[TOTAL].pooled
  local e1pn, e1pp = paired[now_p].EI01[TOTAL].pooled, paired[prev_p].EI01[TOTAL].pooled
  local e1_both = paired[now_p].EI01[TOTAL].reported -- reported EI01 in both periods
  local e1_same = e1_both == figures[now_p].EI01[TOTAL].reported
    and e1_both == figures[prev_p].EI01[TOTAL].reported
  local overview = string.format("%s共有医疗机构%d家（%s），", path, n_insts,
                                 table.concat(counts, "、"))
  if n_reporting == 0 then
    overview = overview .. label .. "无机构填报评估指标。"
  else
    overview = overview .. string.format("%s有%d家填报了评估指标（%s）。", label, n_reporting,
                                         coverage.text(cov))
  end
  if e1n then
    overview = overview .. string.format("门诊患者预约诊疗率合计率为%s%%（%s）", fixed2(e1n),
                                         coverage.text(cov))
    local d = indicator.change(e1pn, e1pp)
    local cmp
    if not e1_same then
      overview = overview .. string.format("。两期填报该项指标的机构不同：本期%d家、上期%d家填报，",
                                           figures[now_p].EI01[TOTAL].reported,
                                           figures[prev_p].EI01[TOTAL].reported)
      cmp = d == nil and "" or string.format("两期均填报的%d家机构本期合计率为%s%%，较其%s（%s%%）",
                                            e1_both, fixed2(e1pn), prev_label, fixed2(e1pp))
    else
      cmp = "较" .. prev_label
    end
    if d == nil then
      overview = overview .. (e1_same and "，" or "") .. "两期均填报的机构无可比数据，不计算较上期变化。"
    elseif math.abs(d) < 0.005 then
      overview = overview .. (e1_same and "，" or "") .. cmp .. "持平。"
    else
      overview = overview .. string.format("%s%s%s%s个百分点。", e1_same and "，" or "", cmp,
                                           d > 0 and "提高" or "降低", fixed2(math.abs(d)))
    end
  end

  -- The national summary: each province with institutions, its counts and the key rates.
  local by_province = {}
  if reg.level == "country" then
    local pcols = { { title = "省份", width = 9 }, { title = "机构数（家）", width = 5, align = "right" },
                    { title = "本期填报（家）", width = 5, align = "right" } }
    local names = {}
    for _, ind in ipairs(indicators) do names[ind.code] = ind.name end
    for _, c in ipairs(TREND) do
      pcols[#pcols + 1] = { title = names[c] .. "（%）", width = 7, align = "right" }
    end
    local prows = {}
    for _, sub in ipairs(subs) do
      local key, r = "sub:" .. sub, region.get(sub)
      local row = { r.name, tostring(members[key]), tostring(tally[key].now) }
      local el = { tag = "subregion", attrs = { code = sub, name = r.name,
        institutions = members[key], reporting = tally[key].now } }
      for _, c in ipairs(TREND) do
        local f = figures[now_p][c][key]
        row[#row + 1] = f.pooled and fixed2(f.pooled) or "无数据"
        el[#el + 1] = { tag = "rate", attrs = { code = c, reported = f.reported,
          pooled = f.pooled and indicator.decimal(f.pooled) or nil } }
      end
      prows[#prows + 1] = row
      result[#result + 1] = el
    end
    by_province = {
      doc.heading(2, "三、分省情况"),
      doc.table { columns = pcols, rows = prows, notes = {
        "注：列出有医疗机构的省份；率为" .. label .. "合计率（各机构分子之和÷分母之和×100%），"
        .. "“无数据”表示该省适用机构均未填报。" } },
    }
  end

  local d = doc.document {
    title = ctx.plugin.reports.summary.title,
    subtitle = path .. "　" .. label,
    author = path,
    subject = ctx.plugin.title,
    keywords = "改善就医感受,提升患者体验,评估指标,汇总," .. now_p,
    orientation = "landscape",
    body = {
      doc.kv({ { "地区", path }, { "地区代码", code },
               { "报告期", label }, { "对比期", prev_label .. "（上期）" },
               { "机构数", table.concat(counts, "、") .. "，共" .. n_insts .. "家" },
               { "本期填报机构数", n_reporting .. "家" },
               { "报送情况", coverage.text(cov) },
               { "上期报送情况", coverage.text(cov_prev) } }, 2),
      doc.heading(2, "一、总体情况"),
      doc.paragraph(overview),
      doc.paragraph(coverage.missing_text(cov) or "本地区机构均已报送本期数据。"),
      bars,
      lines,
      doc.heading(2, "二、评估指标分级汇总"),
      doc.table { columns = columns, header = { head1, head2 }, rows = rows, notes = notes },
      doc.paragraph("依据：国家卫健委、国家中医药管理局《关于开展改善就医感受提升患者体验主题活动的通知》"
                    .. "（国卫医政发〔2023〕11号）；指标目录见内蒙古自治区实施方案附件"
                    .. "《改善就医感受提升患者体验评估指标（试行）》。", { size = 9 }),
    },
  }
  local at = #d.body -- before the closing 依据 paragraph
  for i, block in ipairs(by_province) do table.insert(d.body, at + i - 1, block) end
  local notice = coverage.notice(ctx, {}, path, code)
  if notice then table.insert(d.body, 1, notice) end
  return d, result
end

-- Every region that has institutions in it or below it: 区/县, 盟市/地级市, 省 and 全国;
-- not the statistical middle levels (310100 市辖区), whose summary is their parent's.
local function regions_with_institutions()
  local codes = {}
  for _, r in ipairs(pxr.db.query([[
    WITH RECURSIVE up(code) AS (
      SELECT region FROM institution
      UNION SELECT r.parent FROM region r JOIN up ON r.code = up.code WHERE r.parent IS NOT NULL)
    SELECT r.code, r.name, r.level FROM up JOIN region r ON r.code = up.code ORDER BY r.code]])) do
    if not region.statistical(r) then codes[#codes + 1] = r.code end
  end
  return codes
end

return {
  id = "nhc2023",
  validation_rules = require("pxr.national_rules"),
  title = "改善就医感受提升患者体验主题活动",
  issuer = "国家卫健委、国家中医药管理局",
  -- the plan's own 文号 and the document(s) it implements, as pxr.sources records them
  number = require("pxr.sources").nhc2023.number,
  basis = require("pxr.sources").nhc2023.basis,
  span = "2023-2025",
  source = S004,
  example_period = "2024S2",
  -- 004 gives only the span ("于2023—2025年在全国实施"); 000 adds 基线调查、年度评估
  -- for its own region.  No national due date is stated, so none is invented.
  calendar = {
    { from = "2023-01-01", to = "2025-12-31", source = S004,
      text = "于2023—2025年在全国实施改善就医感受、提升患者体验主题活动" },
  },
  measures = measures,
  indicators = indicators,
  -- The national notice, as the seed abridges it, sets no quantified target for
  -- any indicator (only 普遍建立 duties); regional plans add their own targets.
  targets = {},
  reports = {
    evaluation = evaluation,
    summary = {
      -- The appendix heading of seed 000 with 汇总: the figures of a region.
      title = "改善就医感受提升患者体验评估指标汇总",
      scope = "region",
      schema = "nhc2023-summary.xsd",
      units = regions_with_institutions,
      build = summary,
    },
  },
}
