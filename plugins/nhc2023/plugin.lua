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
local national = require("pxr.national_indicators")
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

-- The 依据 paragraph of the evaluation and the summary.
local CLOSING = "依据：国家卫健委、国家中医药管理局《关于开展改善就医感受提升患者体验主题活动的通知》"
  .. "（国卫医政发〔2023〕11号）；指标目录见内蒙古自治区实施方案附件"
  .. "《改善就医感受提升患者体验评估指标（试行）》。"

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
  closing = CLOSING,
}

-- The summary report: a region, one period, the indicators by hospital level
-- against the previous period (pxr.report.summary).
local summary = report.summary {
  -- The appendix heading of seed 000 with 汇总: the figures of a region.
  title = "改善就医感受提升患者体验评估指标汇总",
  keywords = "改善就医感受,提升患者体验,评估指标,汇总,",
  indicators = "评估指标",
  marks = national.marks,
  -- Rates whose course over four periods the line chart shows: the first of
  -- each stage of a visit (诊前, 急诊急救, 住院, 诊后) that every institution reports.
  trend = { "EI01", "EI10", "EI13", "EI19", "EI21" },
  notes = { national.notes[1]:gsub("^注：1%.", "") .. national.notes[2]:gsub("^2%.", "") },
  asked_note = "为院前医疗急救（120）体系的数据，适用机构为开展该项工作、填报本项的单位。",
  closing = CLOSING,
}

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
    summary = summary,
  },
}
