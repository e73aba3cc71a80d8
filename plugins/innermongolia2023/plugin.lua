-- innermongolia2023: 内蒙古自治区改善就医感受提升患者体验主题活动实施方案（2023-2025年）.
--
-- Source: pxr.sources.innermongolia2023.  The plan follows the national notice
-- (国卫医政发〔2023〕11号) item by item and adds its own quantified targets and
-- deadlines; its appendix is the national list of 27 evaluation indicators,
-- shared through pxr.national_indicators.  Measures, target names and target
-- sentences are quoted from the seed; the plan-specific indicators (IM_*) are
-- named with the seed's own words so that every name can be found in it.
--
-- Targets: every sentence of the plan with a number or a deadline.  Duties with
-- neither are not targets here, because nothing can be judged met or overdue:
-- 全区二级及以上医院普遍建立预约诊疗制度 (1), 符合条件的三级医院要全部开展日间手术和
-- 日间服务 (10), 二级及以上医院建立患者入出院服务中心 (12), 呼和浩特市要率先开展非急救
-- 医疗转运服务试点 (15), 三级甲等综合医院应规范开设药学门诊 (17), 二级及以上医院应建立
-- 医务社工和志愿者制度 (20).
local national = require("pxr.national_indicators")
local report_targets = require("pxr.report").targets
local target = require("pxr.target")

local SOURCE = require("pxr.sources").innermongolia2023.cite
local PROVINCE = "150000"

-- The 20 measures of 二、重点任务, numbered, titled and worded as the seed writes them.
local measures = {
  { code = "1", seq = 1, title = "完善预约诊疗制度",
    section = "（一）创新理念、服务向前，提升患者诊前体验",
    text = "全区二级及以上医院普遍建立预约诊疗制度，运用人工智能等手段提升预约诊疗精准度。一是提供多种途径、多种有效证件的预约，落实门诊分时段预约精确到30分钟，推行住院预约、择期手术预约和检查检验集中预约等多种预约模式。结合专业特点合理安排号源量，为医患沟通预留充足时间。二是推广诊间、跨科、复诊、诊疗团队内、医联体内等多种预约模式，二、三级医院向基层医疗机构开放一定比例号源，发挥家庭医生在预约转诊、预约检查等方面的积极作用，提升服务连续性。三是探索应用人工智能分诊系统，并与门诊电子病历系统对接，形成智能问诊—分诊—预约—病史采集流程。四是优化预约诊疗平台，推行实名制预约，加强退号、失约管理，严厉打击“号贩子”。2023年三级医院门诊预约诊疗率不低于60%。" },
  { code = "2", seq = 2, title = "探索建立预就诊模式",
    section = "（一）创新理念、服务向前，提升患者诊前体验",
    text = "对于诊断明确且因相同疾病就诊的复诊患者，医疗机构可通过互联网诊疗平台、互联网医院或预约诊疗平台，预约复诊所需的检查检验，并根据检查检验出结果时间匹配复诊号源。" },
  { code = "3", seq = 3, title = "缩短术前等待时间",
    section = "（一）创新理念、服务向前，提升患者诊前体验",
    text = "到2023年底三级医疗机构应全部开展“预住院”服务，对诊断明确、病情相对稳定，经评估符合住院指征、行择期手术的患者，在保障医疗质量安全的前提下办理“预住院”，在患者入院前完成术前检查检验，缩短入院后术前等待时间。" },
  { code = "4", seq = 4, title = "再造门诊流程",
    section = "（二）简化流程、创新模式，提升患者门诊体验",
    text = "进一步优化门诊流程设计，缩短患者在门诊的滞留时间。一是压缩门诊取号、缴费、打印报告等环节，缩短患者在门诊的等候时间。三级医院门诊等候时间不超过20分钟。二是加强引导，明确当日检查检验结果回报患者的接诊流程，简化需要多次门诊诊疗、护理的流程，减少无序流动。三是提供多种付费渠道，在确保资金安全的前提下，探索推行“先诊疗后付费”“一次就诊一次付费”。" },
  { code = "5", seq = 5, title = "创新服务模式",
    section = "（二）简化流程、创新模式，提升患者门诊体验",
    text = "医疗机构应运用新技术、新理念，以需求为导向，不断调整、创新服务模式。一是建立门诊“一站式”服务中心，为患者提供导诊、咨询、检查检验预约、投诉建议受理、便民设备租借等服务，帮助患者熟悉就医流程。到2024年5月底前，三级公立医院要完成“一站式”服务中心建设；到2025年底，全区二级以上医疗机构全部建立“一站式”服务中心。二是完善多学科诊疗（MDT）制度，到2025年底，全区三级甲等综合医院建立不少于3个专科或病种的多学科诊疗团队。鼓励医疗机构扩展多学科诊疗覆盖的专科和病种，有条件的医疗机构可设立门诊MDT岗，提供“患者不动医师动”的MDT服务。三是2025年前，完成三级医院麻醉门诊、疼痛门诊建设，鼓励其他医疗机构开设麻醉、疼痛、健康管理等新型门诊，提供更加丰富的门诊诊疗服务。四是推广门诊中（蒙）西医结合医疗模式，打造中（蒙）西医结合团队，开展中（蒙）西医联合诊疗。中医（蒙医）医疗机构要总结推广中医（蒙医）综合治疗以及集预防、治疗、康复于一体的全链条服务模式。五是鼓励有条件的医疗机构结合实际弹性安排门诊时间，满足上班、上学等人群的就诊需求。六是鼓励家庭医生为符合条件的签约人群提供适宜的服务。紧密型城市医疗集团为签约居民提供“一站式”全专结合服务。" },
  { code = "6", seq = 6, title = "优化就诊环境",
    section = "（二）简化流程、创新模式，提升患者门诊体验",
    text = "优化门诊全流程布局，标识清晰易懂，有效引导和分流患者。加强卫生间、候诊区等重点区域的卫生管理。针对老年人、儿童、残疾人、孕产妇等特殊群体，做好就诊环境的适老化、无障碍等改造，鼓励配备轮椅、平车、母婴室、尿布台等必要的便民设备设施。树立老年友善服务理念，解决影响老年患者就诊的“数字鸿沟”等问题。" },
  { code = "7", seq = 7, title = "提升院前医疗急救服务能力",
    section = "（三）高效衔接、分区分级，提升患者急诊急救体验",
    text = "优化院前急救服务流程，提升120呼叫定位精度，缩短呼叫反应时间。到2025年，3分钟出车率达95%。加强院前医疗急救常备力量与机动力量建设，积极构建立体化的院前医疗急救体系，提高院前医疗急救的能力。" },
  { code = "8", seq = 8, title = "加强院前院内衔接",
    section = "（三）高效衔接、分区分级，提升患者急诊急救体验",
    text = "二级及以上医疗机构应当加强胸痛、卒中、创伤、危重孕产妇救治、危重儿童和新生儿救治等中心建设，建立急诊急救高效衔接的流程，搭建患者数据院前院内实时交互信息系统，提高急诊急救服务效率。危重孕产妇紧急剖宫产自决定手术至胎儿娩出时间（DDI）应当努力控制在30分钟以内并逐步缩短。到2025年，各盟市建立基于“五大中心”的急危重症患者救治体系和院前院内信息共享网络。" },
  { code = "9", seq = 9, title = "做好急危重症患者救治",
    section = "（三）高效衔接、分区分级，提升患者急诊急救体验",
    text = "一是建立健全急诊患者分级救治模式，坚持“就急、就重”原则，根据患者病情（濒危、危重、急症、非急症）建立分级救治流程，急危重症患者“优先救治、后补手续”。二是探索构建院前院内急危重症救治“三通三联”一体化救治模式，形成救护车直通导管室、手术室及重症监护室的流程，联通院前医疗急救机构、基层医疗卫生机构与医院之间的抢救绿色通道。以急诊为平台，建立急危重症患者多学科联合救治机制。" },
  { code = "10", seq = 10, title = "完善住院医疗服务制度",
    section = "（四）巩固拓展、丰富内涵，提升患者住院体验",
    text = "一是建立健全日间医疗服务制度，符合条件的三级医院要全部开展日间手术和日间服务，完善日间手术和服务管理制度，日间手术占择期手术比例达10%。鼓励医疗机构拓展日间医疗服务范围并完善相关制度。二是推进临床路径管理信息化，丰富临床路径覆盖病种数量及内涵，在医联体内建设一体化临床路径。三是全面推进检查检验结果和相关数据资料的互通共享，加强检查检验相关专业质量控制和管理。四是推广应用中医药适宜技术，中医（蒙医）医院的优势病种应当以中医（蒙医）治疗为主。" },
  { code = "11", seq = 11, title = "加强住院患者综合服务",
    section = "（四）巩固拓展、丰富内涵，提升患者住院体验",
    text = "一是到2023年底，疼痛综合管理试点医院提供门急诊和住院疼痛诊疗服务。鼓励三级医院积极探索建立覆盖门急诊和住院全流程服务的疼痛管理新模式。到2025年底，全区二级及以上医院推广普及分娩镇痛等疼痛管理模式。二是鼓励二级及以上医院为患者提供营养筛查、评估、诊断、宣教、治疗等临床营养服务。三是提升医务人员的患者心理评估意识和能力，积极开展住院患者心理评估，及时识别患者心理风险，推广分级分层的心理干预模式。" },
  { code = "12", seq = 12, title = "改善入出院服务",
    section = "（四）巩固拓展、丰富内涵，提升患者住院体验",
    text = "二级及以上医院建立患者入出院服务中心，优化入出院流程，提供入院手续办理、医保审核、出院结算、检查检验预约、出院患者健康教育等“一站式”服务。推广住院费用预结算、床旁结算、“当日出院、当日结算”。鼓励医院对闲置床位统一管理，逐步实现全院床位集中管理、统一调配。" },
  { code = "13", seq = 13, title = "依托医联体提升医疗服务连续性",
    section = "（五）服务连续、医防协同，提升患者诊后体验",
    text = "以网格化布局的城市医疗集团、县域医共体为载体，优化医疗服务流程，畅通双向转诊渠道，下沉专家、门诊号源和住院床位资源，为网格内居民提供一体化的医疗卫生服务。原则上紧密型城市医疗集团牵头医院要将1/3的门诊号源和1/4的住院床位向家庭医生签约团队或基层医疗卫生机构下沉。推动医联体内诊疗信息共享，探索建立智慧医联体。" },
  { code = "14", seq = 14, title = "加强诊后管理与随访",
    section = "（五）服务连续、医防协同，提升患者诊后体验",
    text = "医疗机构应当建立患者随访档案和随访计划，建设基于患者服务为核心的多途径智能随访平台，为患者提供更加科学便捷专业的院外康复和延续性治疗，并通过数据分析及时发现潜在问题，提供就诊绿色通道，为患者诊后提供更好保障。鼓励有条件的医疗机构通过随访平台加强与患者的沟通互动。" },
  { code = "15", seq = 15, title = "积极探索非急救转运服务",
    section = "（五）服务连续、医防协同，提升患者诊后体验",
    text = "呼和浩特市要率先开展非急救医疗转运服务试点，建立非急救医疗转运服务体系（包括统一标识的车辆，配备医疗服务人员），搭建非急救医疗转运服务平台，实现统一呼叫号码、统一受理呼叫、统一指挥调度，对急救与非急救进行分类调派和管理，不断满足患者急救和非急救医疗转运需求。鼓励其他盟市结合实际开展试点工作。" },
  { code = "16", seq = 16, title = "丰富优质护理服务内涵",
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "强化责任制护理，严格落实分级护理、查对等护理核心制度。扎实做好基础护理，规范实施护理专科技术，提供身心整体护理。鼓励医疗机构为有护理需求的出院患者提供延续性护理服务。推动大型医院优质护理资源下沉。" },
  { code = "17", seq = 17, title = "转变药学服务模式",
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是二级及以上医院对医联体内向基层医疗卫生机构延伸的处方进行审核，指导基层医疗卫生机构合理用药。二是三级甲等综合医院应规范开设药学门诊，鼓励其他医疗机构设置用药咨询室（窗口），有条件的医疗机构为患者提供中药用药加工等个性化服务。三是鼓励具备条件的医疗机构开展“互联网+药学服务”，推动处方流转、药品配送等服务，有条件的可探索开展用药指导信息推送服务，指导督促患者规律服药。" },
  { code = "18", seq = 18, title = "创新康复服务模式",
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是鼓励医疗机构建立康复科与其他专科紧密协作的服务模式，组建早期康复介入多学科团队，推进加速康复外科发展，促进患者快速康复和功能恢复。二是借助医联体等多种形式建立康复医疗服务网络，增加康复医疗服务供给，医疗机构按照功能定位和患者需求，提供连续的康复医疗服务。三是鼓励具备条件的二级及以上医院通过多种方式将康复医疗服务向家庭延伸，为行动不便的老年人、出院患者等人群提供康复治疗、康复训练和指导等。" },
  { code = "19", seq = 19, title = "加强医院信息化建设和后勤保障",
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是在确保信息安全的基础上，加大智慧医院建设力度，为改善医疗服务提供必要的信息化支撑。简化预约诊疗和互联网诊疗页面，设置智能语音和助老服务模块，通过自动拨号、志愿者远端协助等方式，方便老年患者获得在线诊疗服务。完善收费系统，支持现金、线上支付等多种收费方式，费用金额要设置到分位。二是积极探索运用人工智能技术改善患者就医体验，并为临床诊疗服务提供高质量辅助，提升医疗服务质量和效率。三是加强医院后勤保障，畅通后勤问题反馈渠道，提供24小时的后勤保障服务。提高膳食、保洁质量，改善患者停车条件，在公共区域提供网络、阅读等服务。" },
  { code = "20", seq = 20, title = "加强医疗机构人文建设",
    section = "（六）改善贯穿医疗服务全程的基础性、支撑性工作",
    text = "一是二级及以上医院应建立医务社工和志愿者制度，鼓励有条件的医疗机构设立医务社工部门和岗位，丰富医务社工服务内涵，推动医务社工服务系统化、专业化、规范化。调动社会力量参与志愿服务，提高志愿服务的参与面、覆盖面。二是弘扬崇高职业精神，牢固树立“以病人为中心”的服务理念，规范医疗机构内服务用语、行为，增强医患沟通意识和能力，构建和谐的医患关系，打造“更有温度的医疗服务”。" },
}

-- Indicators the targets need beyond the 27: each `name` is the seed's own
-- phrase for the thing measured, `measure` the item it comes from.  The seed
-- defines none of them; units and types follow from the target sentence.
-- asked_of = "targets": an institution is asked for it (template aside: `pxr
-- validate`'s missing check) only where one of its targets' scope (`who`) holds;
-- the 27 keep the appendix's ▲/＃ scope whatever the plan's targets on them say.
local function own(t)
  t.source = SOURCE
  return t
end

local own_indicators = {
  own { code = "IM_SLOT", asked_of = "targets", name = "门诊分时段预约", measure = "1", dimension = "诊前",
        type = "duration", unit = "分钟", direction = "lower",
        note = "the length of one outpatient appointment slot; target: 落实门诊分时段预约精确到30分钟" },
  own { code = "IM_PREADMIT", asked_of = "targets", name = "开展“预住院”服务", measure = "3", dimension = "诊前",
        type = "bool", direction = "higher" },
  own { code = "IM_ONESTOP", asked_of = "targets", name = "建立门诊“一站式”服务中心", measure = "5", dimension = "门诊",
        type = "bool", direction = "higher",
        note = "the outpatient centre of measure 5, not the 入出院 centre of indicator 17" },
  own { code = "IM_MDT_TEAMS", asked_of = "targets", name = "专科或病种的多学科诊疗团队", measure = "5", dimension = "门诊",
        type = "count", unit = "个", direction = "higher",
        note = "number of MDT teams (by 专科 or 病种); indicator 6 counts 病种 with outpatient "
            .. "MDT service, which the seed's target does not use" },
  own { code = "IM_ANESTHESIA_CLINIC", asked_of = "targets", name = "麻醉门诊", measure = "5", dimension = "门诊",
        type = "bool", direction = "higher", note = "是 when the clinic is built (完成…建设)" },
  own { code = "IM_PAIN_CLINIC", asked_of = "targets", name = "疼痛门诊", measure = "5", dimension = "门诊",
        type = "bool", direction = "higher", note = "是 when the clinic is built (完成…建设)" },
  own { code = "IM_DDI", asked_of = "targets", name = "危重孕产妇紧急剖宫产自决定手术至胎儿娩出时间（DDI）", measure = "8",
        dimension = "急诊急救", type = "duration", unit = "分钟", direction = "lower",
        applicability = "obstetrics",
        note = "seed does not say over which cases; the value is the institution's mean DDI "
            .. "of the period" },
  own { code = "IM_FIVE_CENTERS", name = "基于“五大中心”的急危重症患者救治体系", measure = "8",
        dimension = "急诊急救", type = "bool", direction = "higher",
        reporter = "region",
        note = "reported by a 盟市 (its region code), not by an institution" },
  own { code = "IM_INFO_NETWORK", name = "院前院内信息共享网络", measure = "8",
        dimension = "急诊急救", type = "bool", direction = "higher",
        reporter = "region",
        note = "reported by a 盟市 (its region code), not by an institution" },
  own { code = "IM_PAIN_PILOT", asked_of = "self", name = "疼痛综合管理试点医院", measure = "11",
        dimension = "住院", type = "bool", direction = "higher",
        note = "是 for the pilot hospitals; the seed does not list them and the store has no "
            .. "attribute for them, so a pilot says so itself; asked of no one (a non-pilot may "
            .. "leave it empty); target 15 applies to those that answer 是, and when none has, "
            .. "to no one (pxr validate says so)" },
  own { code = "IM_PAIN_SERVICE", asked_of = "targets", name = "提供门急诊和住院疼痛诊疗服务", measure = "11",
        dimension = "住院", type = "bool", direction = "higher" },
  own { code = "IM_LABOR_ANALGESIA", asked_of = "targets", name = "推广普及分娩镇痛等疼痛管理模式", measure = "11",
        dimension = "住院", type = "bool", direction = "higher" },
  own { code = "IM_BEDS_DOWN", asked_of = "targets", name = "住院床位向家庭医生签约团队或基层医疗卫生机构下沉",
        measure = "13", dimension = "诊后", type = "rate", unit = "%", direction = "higher",
        note = "numerator: 住院床位 made available to 家庭医生签约团队 or 基层医疗卫生机构; "
            .. "denominator: the lead hospital's 住院床位 (the seed's 1/4 is of these)" },
  own { code = "IM_LOGISTICS_24H", asked_of = "targets", name = "提供24小时的后勤保障服务", measure = "19",
        dimension = "基础支撑", type = "bool", direction = "higher" },
  own { code = "IM_REGION_PLAN", name = "制定实施方案", dimension = "工作安排",
        type = "bool", direction = "higher", reporter = "province",
        note = "reported by the 自治区 (150000): 是 once its 实施方案 is made" },
  own { code = "IM_CITY_PLAN", name = "将实施方案报自治区卫生健康委", dimension = "工作安排",
        type = "bool", direction = "higher",
        reporter = "region",
        note = "reported by a 盟市 (its region code): 是 once its 实施方案 has been sent" },
}

local indicators = national.list()

for _, ind in ipairs(own_indicators) do indicators[#indicators + 1] = ind end

-- Every quantified target of the plan.  name: the seed's words for it;
-- sentence: the seed sentence quoted whole; due: the seed's words for the
-- deadline, which pxr.target.deadline reads by the one rule of all plugins
-- (target.DEADLINE_RULE, printed in the notes); no due: the seed gives none and
-- the target holds throughout the plan.  judged: whose target it is (see
-- pxr.target), judged_by: the words that say so.  by = "region": regions are
-- judged on values reported under their codes (the 盟市, or with level =
-- "province" the 自治区).  who: as pxr.target.applies reads it (who.flag: an
-- indicator the institution must answer 是).  reading: how pxr reads the seed where it is silent or loose,
-- printed under the report's table.
local targets = {
  { code = "T01", judged = "each", judged_by = "2023年三级医院门诊预约诊疗率不低于60%：对每家三级医院的要求", measure = "1", indicator = "EI01", comparator = ">=", value = 60, unit = "%",
    due = "2023年", scope = "三级医院", who = { level = { "三级" } },
    name = "三级医院门诊预约诊疗率不低于60%", short = "预约诊疗率",
    sentence = "2023年三级医院门诊预约诊疗率不低于60%。" },
  { code = "T02", judged = "each", judged_by = "全区二级及以上医院普遍建立…落实门诊分时段预约精确到30分钟", measure = "1", indicator = "IM_SLOT", comparator = "<=", value = 30,
    unit = "分钟", scope = "全区二级及以上医院", who = { level = { "三级", "二级" } },
    name = "落实门诊分时段预约精确到30分钟", short = "分时段预约",
    reading = "实测值为分时段预约的时段长度（分钟）；适用范围取本条首句“全区二级及以上医院”。",
    sentence = "全区二级及以上医院普遍建立预约诊疗制度，运用人工智能等手段提升预约诊疗精准度。"
            .. "一是提供多种途径、多种有效证件的预约，落实门诊分时段预约精确到30分钟，推行住院预约、"
            .. "择期手术预约和检查检验集中预约等多种预约模式。" },
  { code = "T03", judged = "each", judged_by = "三级医疗机构应全部开展", measure = "3", indicator = "IM_PREADMIT", comparator = "=", value = 1,
    due = "到2023年底", scope = "三级医疗机构",
    who = { level = { "三级" } }, name = "三级医疗机构应全部开展“预住院”服务", short = "预住院",
    sentence = "到2023年底三级医疗机构应全部开展“预住院”服务，对诊断明确、病情相对稳定，经评估符合"
            .. "住院指征、行择期手术的患者，在保障医疗质量安全的前提下办理“预住院”，在患者入院前完成"
            .. "术前检查检验，缩短入院后术前等待时间。" },
  { code = "T04", judged = "each", judged_by = "三级医院门诊等候时间不超过20分钟：对每家三级医院的要求", measure = "4", indicator = "EI05", comparator = "<=", value = 20, unit = "分钟",
    scope = "三级医院", who = { level = { "三级" } },
    name = "三级医院门诊等候时间不超过20分钟", short = "门诊等候",
    sentence = "三级医院门诊等候时间不超过20分钟。",
    reading = "以评估指标第5项“门诊患者预约到院后平均等待时间”衡量。" },
  { code = "T05", judged = "each", judged_by = "三级公立医院要完成", measure = "5", indicator = "IM_ONESTOP", comparator = "=", value = 1,
    due = "到2024年5月底前", scope = "三级公立医院",
    who = { level = { "三级" }, ownership = { "公立" } },
    name = "三级公立医院要完成“一站式”服务中心建设", short = "一站式（三级公立）",
    sentence = "到2024年5月底前，三级公立医院要完成“一站式”服务中心建设；到2025年底，全区二级以上"
            .. "医疗机构全部建立“一站式”服务中心。" },
  { code = "T06", judged = "each", judged_by = "全区二级以上医疗机构全部建立", measure = "5", indicator = "IM_ONESTOP", comparator = "=", value = 1,
    due = "到2025年底", scope = "全区二级以上医疗机构",
    who = { level = { "三级", "二级" } },
    name = "全区二级以上医疗机构全部建立“一站式”服务中心", short = "一站式（二级以上）",
    sentence = "到2024年5月底前，三级公立医院要完成“一站式”服务中心建设；到2025年底，全区二级以上"
            .. "医疗机构全部建立“一站式”服务中心。",
    reading = "“二级以上”含二级，与方案他处“二级及以上”一致。" },
  { code = "T07", judged = "each", judged_by = "全区三级甲等综合医院建立不少于3个", measure = "5", indicator = "IM_MDT_TEAMS", comparator = ">=", value = 3,
    unit = "个", due = "到2025年底", scope = "全区三级甲等综合医院",
    who = { level = { "三级" }, grade = { "甲" }, kind = { "综合" } },
    name = "全区三级甲等综合医院建立不少于3个专科或病种的多学科诊疗团队", short = "MDT团队",
    sentence = "二是完善多学科诊疗（MDT）制度，到2025年底，全区三级甲等综合医院建立不少于3个专科或"
            .. "病种的多学科诊疗团队。" },
  { code = "T08", judged = "each", judged_by = "完成三级医院麻醉门诊、疼痛门诊建设", measure = "5", indicator = "IM_ANESTHESIA_CLINIC", comparator = "=", value = 1,
    due = "2025年前", scope = "三级医院", who = { level = { "三级" } },
    name = "完成三级医院麻醉门诊", short = "麻醉门诊",
    sentence = "三是2025年前，完成三级医院麻醉门诊、疼痛门诊建设，鼓励其他医疗机构开设麻醉、疼痛、"
            .. "健康管理等新型门诊，提供更加丰富的门诊诊疗服务。",
    reading = "“2025年前”按期限规则读作2025年以前，即2024年12月31日。" },
  { code = "T09", judged = "each", judged_by = "完成三级医院麻醉门诊、疼痛门诊建设", measure = "5", indicator = "IM_PAIN_CLINIC", comparator = "=", value = 1,
    due = "2025年前", scope = "三级医院", who = { level = { "三级" } },
    name = "疼痛门诊建设", short = "疼痛门诊",
    sentence = "三是2025年前，完成三级医院麻醉门诊、疼痛门诊建设，鼓励其他医疗机构开设麻醉、疼痛、"
            .. "健康管理等新型门诊，提供更加丰富的门诊诊疗服务。",
    reading = "“2025年前”按期限规则读作2025年以前，即2024年12月31日。" },
  { code = "T10", judged = "pooled", judged_by = "3分钟出车率：院前医疗急救（120）体系的指标，不是某家医院的", measure = "7", indicator = "EI10", comparator = ">=", value = 95, unit = "%",
    due = "到2025年", scope = "院前医疗急救（本地区）",
    name = "3分钟出车率达95%", short = "3分钟出车率",
    sentence = "到2025年，3分钟出车率达95%。",
    reading = "3分钟出车率是院前医疗急救（120）体系的指标：按本地区合计率判定，即本地区填报评估指标"
           .. "第10项的各单位3分钟内出车数之和÷出车总数之和，不按单家医院判定。" },
  { code = "T11", judged = "each", judged_by = "危重孕产妇紧急剖宫产…应当努力控制在30分钟以内：每例手术所在机构", measure = "8", indicator = "IM_DDI", comparator = "<=", value = 30, unit = "分钟",
    scope = "有产科的医疗机构（原文未写主体）", who = { obstetrics = true },
    name = "危重孕产妇紧急剖宫产自决定手术至胎儿娩出时间（DDI）应当努力控制在30分钟以内",
    short = "DDI",
    sentence = "危重孕产妇紧急剖宫产自决定手术至胎儿娩出时间（DDI）应当努力控制在30分钟以内并逐步缩短。",
    reading = "原文未写主体，按有产科的医疗机构（附件标注＃者）计；“30分钟以内”含30分钟。" },
  { code = "T12", judged = "region", judged_by = "各盟市建立", measure = "8", indicator = "IM_FIVE_CENTERS", comparator = "=", value = 1,
    due = "到2025年", scope = "各盟市", by = "region",
    name = "各盟市建立基于“五大中心”的急危重症患者救治体系", short = "五大中心救治体系",
    sentence = "到2025年，各盟市建立基于“五大中心”的急危重症患者救治体系和院前院内信息共享网络。" },
  { code = "T13", judged = "region", judged_by = "各盟市建立", measure = "8", indicator = "IM_INFO_NETWORK", comparator = "=", value = 1,
    due = "到2025年", scope = "各盟市", by = "region",
    name = "院前院内信息共享网络", short = "信息共享网络",
    sentence = "到2025年，各盟市建立基于“五大中心”的急危重症患者救治体系和院前院内信息共享网络。" },
  { code = "T14", judged = "each", judged_by = "符合条件的三级医院要全部开展日间手术…日间手术占择期手术比例达10%", measure = "10", indicator = "EI13", comparator = ">=", value = 10, unit = "%",
    scope = "符合条件的三级医院", who = { level = { "三级" } },
    name = "日间手术占择期手术比例达10%", short = "日间手术占比",
    sentence = "一是建立健全日间医疗服务制度，符合条件的三级医院要全部开展日间手术和日间服务，完善日间"
            .. "手术和服务管理制度，日间手术占择期手术比例达10%。",
    reading = "“符合条件”无数据可判，三级医院均纳入。" },
  { code = "T15", judged = "each", judged_by = "疼痛综合管理试点医院提供", measure = "11", indicator = "IM_PAIN_SERVICE", comparator = "=", value = 1,
    due = "到2023年底", scope = "疼痛综合管理试点医院",
    who = { flag = "IM_PAIN_PILOT" },
    name = "疼痛综合管理试点医院提供门急诊和住院疼痛诊疗服务", short = "疼痛诊疗服务",
    reading = "原文未列试点医院名单，以本期填报“疼痛综合管理试点医院”为“是”的机构计；本期无机构答“是”时，"
            .. "数据无法确定试点医院，本项显示“无适用机构”，pxr validate 亦不向任何机构要求填报。",
    sentence = "一是到2023年底，疼痛综合管理试点医院提供门急诊和住院疼痛诊疗服务。" },
  { code = "T16", judged = "each", judged_by = "全区二级及以上医院推广普及", measure = "11", indicator = "IM_LABOR_ANALGESIA", comparator = "=", value = 1,
    due = "到2025年底", scope = "全区二级及以上医院",
    who = { level = { "三级", "二级" } },
    name = "全区二级及以上医院推广普及分娩镇痛等疼痛管理模式", short = "分娩镇痛等",
    reading = "“分娩镇痛等疼痛管理模式”不限于分娩镇痛：无产科的二级及以上医院亦纳入。",
    sentence = "到2025年底，全区二级及以上医院推广普及分娩镇痛等疼痛管理模式。" },
  { code = "T17", judged = "each", judged_by = "紧密型城市医疗集团牵头医院要将1/3的门诊号源", measure = "13", indicator = "EI02", comparator = ">=", value = 100 / 3,
    unit = "%", shown = "≥1/3", scope = "紧密型城市医疗集团牵头医院",
    who = { alliance_lead = true },
    name = "紧密型城市医疗集团牵头医院要将1/3的门诊号源", short = "号源下沉",
    sentence = "原则上紧密型城市医疗集团牵头医院要将1/3的门诊号源和1/4的住院床位向家庭医生签约团队或"
            .. "基层医疗卫生机构下沉。",
    reading = "以评估指标第2项“门诊号源下放比例”衡量；紧密型城市医疗集团牵头医院按医联体牵头医院计。" },
  { code = "T18", judged = "each", judged_by = "紧密型城市医疗集团牵头医院要将…1/4的住院床位", measure = "13", indicator = "IM_BEDS_DOWN", comparator = ">=", value = 25,
    unit = "%", shown = "≥1/4", scope = "紧密型城市医疗集团牵头医院",
    who = { alliance_lead = true },
    name = "1/4的住院床位向家庭医生签约团队或基层医疗卫生机构下沉", short = "床位下沉",
    sentence = "原则上紧密型城市医疗集团牵头医院要将1/3的门诊号源和1/4的住院床位向家庭医生签约团队或"
            .. "基层医疗卫生机构下沉。",
    reading = "紧密型城市医疗集团牵头医院按医联体牵头医院计。" },
  { code = "T19", judged = "region", judged_by = "各盟市卫生健康委…将实施方案报自治区卫生健康委", indicator = "IM_CITY_PLAN", comparator = "=", value = 1,
    due = "2023年8月底前", scope = "各盟市卫生健康委", by = "region",
    name = "于2023年8月底前将实施方案报自治区卫生健康委", short = "报送实施方案",
    sentence = "自治区卫生健康行政部门于7月底前制定实施方案，各盟市卫生健康委结合本地区实际制定实施"
            .. "方案，并于2023年8月底前将实施方案报自治区卫生健康委。" },
  { code = "T20", judged = "each", judged_by = "加强医院后勤保障…提供24小时的后勤保障服务",
    measure = "19", indicator = "IM_LOGISTICS_24H", comparator = "=", value = 1,
    scope = "医院（原文未限级别）", name = "提供24小时的后勤保障服务", short = "24小时后勤",
    reading = "原文未写期限，按实施期内持续要求判定；“医院”未限级别，各医院均纳入。",
    sentence = "三是加强医院后勤保障，畅通后勤问题反馈渠道，提供24小时的后勤保障服务。" },
  { code = "T21", judged = "region", judged_by = "自治区卫生健康行政部门于7月底前制定实施方案",
    level = "province", indicator = "IM_REGION_PLAN", comparator = "=", value = 1,
    due = "7月底前", scope = "自治区卫生健康行政部门", by = "region",
    name = "自治区卫生健康行政部门于7月底前制定实施方案", short = "自治区实施方案",
    reading = "“7月底前”为方案启动之年（2023年）的7月31日；以自治区（150000）报送值判定。",
    sentence = "自治区卫生健康行政部门于7月底前制定实施方案，各盟市卫生健康委结合本地区实际制定实施"
            .. "方案，并于2023年8月底前将实施方案报自治区卫生健康委。" },
}

-- 三、工作安排: the start-up deadlines and the span, quoted.
local calendar = {
  { date = "2023-07-31", source = SOURCE, text = "自治区卫生健康行政部门于7月底前制定实施方案" },
  { date = "2023-08-31", source = SOURCE,
    text = "各盟市卫生健康委结合本地区实际制定实施方案，并于2023年8月底前将实施方案报自治区卫生健康委" },
  { from = "2023-07-01", to = "2023-07-31", source = SOURCE, text = "启动阶段（2023年7月）" },
  { from = "2023-07-01", to = "2025-12-31", source = SOURCE,
    text = "实施阶段（2023年7月-2025年12月）。组织医疗机构开展基线调查、年度评估，调查评估结果以"
        .. "适当形式在行业内和社会范围公布。" },
}

-- The targets report: 全区 or one 盟市, every target as of the end of a period
-- (pxr.report.targets; the plan's words for its prefectures and its reading of the targets).

for _, t in ipairs(targets) do
  t.deadline = target.deadline(t.due, 2023)
end

local report = report_targets {
  title = "改善就医感受提升患者体验主题活动量化目标完成情况",
  region = PROVINCE,
  keywords = "改善就医感受,提升患者体验,量化目标,",
  words = { prefecture = "盟市", province = "自治区" },
  unplaced = "工作安排",
  method = "对每家机构提出的目标，实测值为达标机构数/适用机构数，全部适用机构达标方为达标；"
           .. "率类目标另列适用机构的合计率（Σ分子/Σ分母×100，不是各机构率的平均值）供参考。"
           .. "对地区整体提出的目标（3分钟出车率）按本地区合计率判定；按盟市考核的目标按盟市报送值"
           .. "判定。未报送的数据不按零计，也不计为达标。",
}

return {
  id = "innermongolia2023",
  validation_rules = require("pxr.national_rules"),
  -- the institutions the plan addresses (pxr validate checks only these)
  covers = function(inst) return inst.region:sub(1, 2) == "15" end,
  title = "内蒙古自治区改善就医感受提升患者体验主题活动实施方案（2023-2025年）",
  -- The seed prints no 文号 or issuer of its own: it is the plan of the 自治区卫生健康委
  -- (三、工作安排) made "按照…（国卫医政发〔2023〕11号）", its basis.
  issuer = "内蒙古自治区卫生健康委",
  -- the plan's own 文号 and the document(s) it implements, as pxr.sources records them
  number = require("pxr.sources").innermongolia2023.number,
  basis = require("pxr.sources").innermongolia2023.basis,
  span = "2023-2025",
  source = SOURCE,
  example_period = "2024S2",
  calendar = calendar,
  measures = measures,
  indicators = indicators,
  targets = targets,
  reports = { targets = report },
}
