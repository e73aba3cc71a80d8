-- shanghai2023: 上海市改善就医感受提升患者体验主题活动实施方案(2023-2025年), issued
-- 2023年7月10日 by 上海市卫生健康委员会, 上海市中医药管理局 and 上海市卫生健康系统精神
-- 文明建设委员会 to carry out 国卫医政发〔2023〕11号 in Shanghai.
--
-- Source: pxr.sources.shanghai2023.  Catalog text is quoted as the seed prints it,
-- half-width punctuation included ("(一)", ","); the report prints it with
-- Chinese punctuation.  The seed gives no 文号 of its own, so `number` is left
-- empty; `basis` is 国卫医政发〔2023〕11号, which it implements.  The summaries go
-- "向市卫生健康委" from each 区卫生健康行政部门 and from 申康医院发展中心, a reporting unit
-- that is a group of institutions (pxr.unit; examples/shanghai2023-groups.csv); the
-- city's report is the 市卫生健康委's 汇总 of them.  Its appendix 改善就医感受提升患者体验评估指标(试行) is an image in the
-- seed, and the plan says the city evaluates "根据国家卫生健康委制定的改善就医感受
-- 提升患者体验评估指标": the indicators are the national 27, shared through
-- pxr.national_indicators (the list printed in seed 000), plus the one
-- quantified target of the text, which needs an indicator of its own (SH_).
local coverage = require("pxr.coverage")
local doc = require("pxr.doc")
local format = require("pxr.format")
local indicator = require("pxr.indicator")
local national = require("pxr.national_indicators")
local period = require("pxr.period")
local region = require("pxr.region")
local report_semiannual = require("pxr.report_semiannual")
local status_words = require("pxr.result")
local target = require("pxr.target")
local units_of = require("pxr.unit")

local sources = require("pxr.sources")
local SOURCE = sources.shanghai2023.cite
local CITY = "310000"

-- 二、重点任务: six sections, 24 numbered measures ("1.强化预约诊疗制度。…").
local SECTIONS = {
  "(一)创新理念、服务向前,提升患者诊前体验",
  "(二)简化流程、创新模式,提升患者门诊体验",
  "(三)高效衔接、分区分级,提升患者急诊急救体验",
  "(四)巩固拓展、丰富内涵,提升患者住院体验",
  "(五)服务连续、医防协同,提升患者诊后体验",
  "(六)改善贯穿医疗服务全程的基础性、支撑性工作",
}


local function measure(n, section, title, text)
  return { code = tostring(n), seq = n, section = SECTIONS[section], title = title, text = text,
           source = SOURCE }
end

local measures = {
  measure(1, 1, "强化预约诊疗制度",
    "二级及以上医疗机构应进一步做实预约诊疗制度,运用人工智能等手段进一步提升预约诊疗精准度。一是提供多种途径预约服务,支持多种有效证件预约,优化分时段预约,推行检查检验集中预约。结合专业特点合理安排号源量,为医患沟通预留充足时间。二是推广诊间、跨科、复诊、诊疗团队内、医联体内等多种预约模式,二、三级医院向基层医疗机构预留一定比例专家(专病)号源,并持续优化号源结构。要求本主题活动周期各区域性医疗中心专家号源向家庭医生签约服务团队下沉比例达到30%。三是扩大应用人工智能分诊系统,并与门诊电子病历系统对接,形成智能问诊、分诊、预约、病史采集流程。四是优化预约诊疗平台,落实实名制预约,加强退号、失约管理,严厉打击“号贩子”。"),
  measure(2, 1, "探索建立预就诊模式",
    "对于诊断明确且因相同疾病就诊的复诊患者,医疗机构可通过互联网诊疗平台、互联网医院或预约诊疗平台,预约复诊所需的检查检验,并根据检查检验出结果时间合理匹配复诊号源。"),
  measure(3, 1, "缩短术前等待时间",
    "有条件的医疗机构可对诊断明确、病情相对稳定,经评估符合住院指征、行择期手术的患者,在保障医疗质量安全的前提下办理“预住院”,在患者入院前完成术前检查检验,缩短入院后术前住院天数。"),
  measure(4, 2, "精简门诊流程",
    "进一步优化门诊流程设计,缩短患者在门诊的等候时间。一是加强门诊信息化建设,压缩门诊取号、缴费、打印报告等环节。二是加强引导,明确当日回诊患者的接诊流程,简化需多次门诊诊疗、护理的就诊流程。三是在确保资金安全的前提下,推行“先诊疗后付费”“一次就诊一次付费”,为患者在门诊挂号、检查、检验等各个环节提供便捷服务,提升门诊服务效率。支持现金、线上支付等多种结算方式,费用金额设置到分位。"),
  measure(5, 2, "创新服务模式",
    "医疗机构应运用新技术、新理念,以需求为导向,不断调整、创新服务模式。一是建立门诊“一站式”服务中心,为患者提供导诊、咨询、检查检验预约、投诉建议受理、便民设备租借等服务,帮助患者熟悉就医流程。二是完善多学科诊疗(MDT)制度,鼓励医疗机构扩展多学科诊疗覆盖的专科和病种,有条件的医疗机构可设立门诊MDT岗,提供“患者不动医师动”的MDT服务。鼓励有条件的医疗机构探索开展互联网医院多学科诊疗新模式,为患者提供不受时空限制的优质诊疗服务。三是鼓励医疗机构开设麻醉、疼痛、健康管理等新型门诊,提供更加丰富的门诊诊疗服务。四是推广门诊中西医结合医疗模式,打造中西医结合团队,开展中西医联合诊疗。中医医疗机构要加强非药物疗法中心建设,总结推广中医综合治疗以及集预防、治疗、康复于一体的全链条服务模式。五是医疗机构应结合实际弹性安排门诊时间,满足上班、上学等人群的就诊需求。"),
  measure(6, 2, "优化就诊环境",
    "优化门诊全流程布局,标识清晰易懂,有效引导和分流患者。加强卫生间、候诊区等重点区域的卫生管理。针对老年人、儿童、残疾人、孕产妇等特殊群体,做好就诊环境的适老化、无障碍等改造,鼓励配备轮椅、平车、母婴室、尿布台等必要的便民设备设施。"),
  measure(7, 2, "树立老年友善服务理念",
    "推进老年友善医疗机构建设,加强互联网诊疗平台、自助预约挂号收费机等各类数字化应用的适老化改造,推动本市医疗机构多措并举为老年人就医提供方便。一是简化预约诊疗和互联网诊疗页面,设置智能语音和助老服务模块,通过自动拨号、志愿者远端协助等方式,方便老年患者获得在线诊疗服务。二是鼓励有条件的医疗机构利用互联网技术开展“云陪诊”等服务,通过建设云陪诊系统,在线上陪诊人与患者间共享协作,实现老年、视听障碍等就医困难人群安全、便捷、无障碍地完成就医流程,减少数字化发展带来的“数字鸿沟”。"),
  measure(8, 3, "提升院前医疗急救服务能力",
    "优化院前急救服务流程,提升120呼叫定位精度,缩短呼叫反应时间。加强院前医疗急救常备力量与机动力量建设,积极构建立体化的院前医疗急救体系,提高院前医疗急救的能力。"),
  measure(9, 3, "推进智慧急救信息化建设",
    "强化5G技术与急救信息系统融合应用,实现救护车辆5G信号全覆盖,拓展服务内容及范围,使急救中心、救护车辆、医疗机构急诊之间对接更加紧密,进一步完善院前接诊、检查、转运、车上医保结算和院内救治为一体的协同服务。"),
  measure(10, 3, "加强院前院内衔接",
    "二级及以上医疗机构应当加强胸痛、卒中、创伤、危重儿童救治等中心建设和危重孕产妇、新生儿救治能力建设,建立急诊急救高效衔接的流程,搭建患者数据院前院内实时交互信息系统,提高急诊急救服务效率。"),
  measure(11, 3, "做好急危重症患者救治",
    "一是建立健全急诊患者分级救治模式,坚持“就急、就重”原则,根据患者病情(濒危、危重、急症、非急症)建立分级救治流程,急危重症患者“优先救治、后补手续”。二是构建院前院内急危重症救治“三通三联”一体化救治模式,完善救护车直通导管室、手术室及重症监护室的流程,联通院前医疗急救机构、基层医疗卫生机构与医院之间的抢救绿色通道。以急诊为平台,建立急危重症患者多学科联合救治机制。"),
  measure(12, 3, "推行非急救转运服务",
    "在院前急救机构内部相对独立运行非急救业务的基础上,开展社会机构参与非急救业务试点工作,鼓励交通运营公司、汽车服务公司、汽车租赁公司等国有企业参与非急救业务。完善非急救医疗转运服务平台,规范非急救转运服务,实现统一呼叫号码、统一受理呼叫、统一指挥调度,对急救与非急救进行分类调派和管理,不断满足患者急救和非急救医疗转运需求。"),
  measure(13, 4, "完善住院医疗服务制度",
    "一是健全日间医疗服务制度,利用信息技术优势,提高运行效率、优化服务流程。三级医院普遍建立日间手术管理制度,将快速康复、疼痛管理等理念引入日间手术管理。鼓励医疗机构拓展日间医疗服务范围并完善相关制度流程。二是推进临床路径管理信息化,丰富临床路径覆盖病种数量及内涵,在医联体内建设一体化临床路径。三是全面推进检查检验结果和相关数据资料的互通共享,加强检查检验相关专业质量控制和管理,进一步完善互联互通互认范围及相关内容。四是推广应用智能中医诊疗设备和中医药技术方法,鼓励综合医院积极实施中西医结合诊疗方案,中医医院的中医优势病种应当以中医治疗为主。"),
  measure(14, 4, "加强住院患者综合服务",
    "一是鼓励三级医院积极探索建立覆盖门急诊和住院全流程服务的疼痛管理新模式。在二级及以上医疗机构推广普及分娩镇痛等疼痛管理模式。二是鼓励二级及以上医疗机构为患者提供营养筛查、评估、诊断、宣教、治疗等临床营养服务。三是提升医务人员的患者心理评估意识和能力,积极开展住院患者心理评估,及时识别患者心理风险,推广分级分层的心理干预模式。四是鼓励医疗机构将安宁疗护理念融入住院医疗护理服务中,为有需求的住院患者和家属提供疼痛及其他症状控制,舒适照护,心理、精神及社会支持等,加强与社区卫生服务中心上下联动。"),
  measure(15, 4, "改善入出院服务",
    "二级及以上医疗机构建立患者入出院服务中心,优化入出院流程,提供入院手续办理、医保审核、出院结算、检查检验预约、出院健康教育等“一站式”服务。推广住院费用预结算、床旁结算、“当日出院、当日结算”。鼓励医院对空闲床位统一管理,逐步实现全院床位集中管理、统一调配。"),
  measure(16, 5, "依托医联体提升医疗服务连续性",
    "以医联体为载体,优化医疗服务流程,畅通双向转诊渠道,下沉专家、门诊号源和住院床位资源。为居民提供优质的、一体化医疗卫生服务。推动医联体内诊疗信息共享,探索建立智慧医联体。"),
  measure(17, 5, "加强诊后管理与随访",
    "医疗机构应当建立患者随访档案和随访计划,建设基于患者服务为核心的多途径智能随访平台,为患者提供更加科学便捷专业的院外康复和延续性治疗,并通过数据分析及时发现潜在问题,提供就诊绿色通道,为患者诊后提供更好保障。鼓励有条件的医疗机构通过随访平台加强与患者的沟通互动。"),
  measure(18, 5, "拓展家庭医生签约服务内涵",
    "一是鼓励家庭医生为符合条件的签约人群提供适宜服务。对签约居民开展健康评估,制定个性化健康管理方案,利用“互联网+签约服务”平台,为签约居民提供互联网诊疗咨询和健康管理服务。二是各医疗机构要指定专人或专窗,落实签约居民“优先就诊、优先检查、优先住院”,切实提升签约居民服务感受。"),
  measure(19, 6, "丰富优质护理服务内涵",
    "强化责任制护理,严格落实分级护理、查对等护理核心制度。扎实做好基础护理,规范实施护理专科技术,推广中医护理技术,推进护理专科门诊建设。鼓励医疗机构为有护理需求的出院患者提供延续性护理服务。继续推进护士区域注册制度,推动二、三级医院优质护理资源下沉,加强与社区卫生服务中心的联动和转介,进一步提升本市护理服务能力同质化水平。"),
  measure(20, 6, "转变药学服务模式",
    "一是医疗机构加强药师配备和培养,围绕患者需求和临床治疗特点开展临床药学服务。二是二级及以上医疗机构对医联体内向基层医疗卫生机构延伸的处方进行审核,指导基层医疗卫生机构合理用药。三是三级甲等综合医院应规范开设药学门诊,鼓励其他医疗机构设置用药咨询室(窗口),有条件的医疗机构为患者提供中药用药加工等个性化服务。四是鼓励具备条件的医疗机构开展“互联网+药学服务”,推动处方流转、药品配送等服务,有条件的可探索开展用药指导信息推送服务,指导督促患者规律服药。五是依托平台载体,进一步加强中药饮片代煎配送服务和管理,持续推进溯源中药饮片在医疗机构的试点应用。"),
  measure(21, 6, "创新康复服务模式",
    "一是鼓励医疗机构建立康复科与其他专科紧密协作的服务模式,组建早期康复介入多学科团队,推进加速康复外科发展,发展中医康复服务,促进患者快速康复和功能恢复。二是借助医联体等多种形式建立康复医疗服务网络,开展示范性区域中医康复三级网络建设,增加康复医疗服务供给,医疗机构按照功能定位和患者需求,提供连续的康复医疗服务。三是鼓励具备条件的二级及以上医疗机构通过多种方式将康复医疗服务向家庭延伸,为行动不便的老年人、出院患者等人群提供康复治疗、康复训练和指导等。四是通过医工交叉,借助人工智能、虚拟现实、互联网等技术手段,为患者提供个性化、精准化、智能化的康复治疗和训练,提高康复效果和患者体验。"),
  measure(22, 6, "加强医院信息化建设",
    "一是鼓励支持有条件的医疗机构开设互联网医院。互联网医院要不断扩展服务范围,提供跨院复诊配药、开具长处方等服务内容,不断提升服务品质,优化服务流程,改善患者在线服务体验。二是二级及以上医疗机构推进云胶片服务。通过云胶片分享,使患者授权的医生查看到全量检查数据,做出更精准诊断,减少患者不必要的重复检查,有效提升患者就医体验。三是推行电子处方。定点医疗机构接入医保电子处方中心,实现电子处方在定点医药机构间流转和医保结算,优化就医购药场景,解决医院短缺药品的配药问题,为患者就诊配药提供便利。"),
  measure(23, 6, "推进高质量健康科普工作",
    "各医疗机构特别是上海市健康科普文化基地要积极组织开展内容丰富、形式多样的健康科普文化宣传教育活动,传播健康理念。鼓励医护人员发挥不同专业技术优势,为广大人民群众提供专业的科普知识,增强人民群众对于健康科普的获得感,提升卫生健康文化建设内涵。"),
  measure(24, 6, "加强医疗机构人文建设",
    "一是二级及以上医疗机构应建立医务社工和志愿者制度,鼓励有条件的医疗机构设立医务社工部门和岗位,丰富医务社工服务内涵,推动医务社工服务系统化、专业化、规范化。调动社会力量参与志愿服务,提高参与面、覆盖面。二是弘扬崇高职业精神,牢固树立“以病人为中心”的服务理念,规范医疗机构内服务用语、行为,增强医患沟通意识和能力,构建和谐的医患关系,打造“更有温度的医疗服务”。三是强化医院文化建设,鼓励支持医疗机构根据自身特色,建设医院文化阵地,打造医院文化精品,将医院文化贯穿于对患者的服务当中,提升患者就医感受。四是加强医院后勤保障,畅通后勤问题反馈渠道,提供24小时后勤保障服务。提高膳食、保洁质量,改善患者停车条件,在公共区域提供网络、阅读等服务。"),
}

-- The national 27 (seed 000's list; Shanghai's appendix is the same list, as
-- an image) and the indicator the 30% target is measured by.
local EXPERT_DOWN = "SH_EXPERT_DOWN"
local indicators = national.list()
indicators[#indicators + 1] = {
  code = "SH_LOGISTICS_24H", name = "提供24小时后勤保障服务", dimension = "基础支撑",
  type = "bool", direction = "higher", source = SOURCE, note = "measure 24: 是 when the service is provided",
}
indicators[#indicators + 1] = {
  code = EXPERT_DOWN, asked_of = "targets", name = "专家号源向家庭医生签约服务团队下沉比例",
  dimension = "诊前",
  type = "rate", unit = "%", direction = "higher", source = SOURCE,
  note = "seed defines neither numerator nor denominator; reported as 向家庭医生签约服务团队"
      .. "下沉的专家号源数 / 专家号源总数 × 100, by each 区域性医疗中心",
}

local targets = {
  { code = "SH_T01", name = "区域性医疗中心专家号源向家庭医生签约服务团队下沉比例",
    indicator = EXPERT_DOWN, measure = "1", comparator = ">=", value = 30, unit = "%",
    -- 本主题活动周期 is the plan's span; its 实施阶段 runs to 2025年12月.
    deadline = "2025-12-31",
    -- The store has no flag for 区域性医疗中心: the institutions that report
    -- the indicator are the centres (who.reporting), and no other is asked for it.
    scope = "各区域性医疗中心", who = { reporting = true }, source = SOURCE,
    reading = "“本主题活动周期”读作实施阶段结束，即2025年12月31日；原文未列区域性医疗中心名单："
           .. "填报本指标的机构即为区域性医疗中心，其他机构不要求填报。",
    judged = "each", judged_by = "各区域性医疗中心专家号源…下沉比例达到30%",
    sentence = "要求本主题活动周期各区域性医疗中心专家号源向家庭医生签约服务团队下沉比例达到30%。" },
  { code = "SH_T02", name = "提供24小时后勤保障服务", indicator = "SH_LOGISTICS_24H",
    measure = "24", comparator = "=", value = 1, scope = "医院（原文未限级别）", source = SOURCE,
    judged = "each", judged_by = "加强医院后勤保障…提供24小时后勤保障服务",
    reading = "原文未写期限，按实施期内持续要求判定；“医院”未限级别，各医疗机构均纳入。",
    sentence = "四是加强医院后勤保障,畅通后勤问题反馈渠道,提供24小时后勤保障服务。" },
}

-- 三、工作安排.  The seed does not say which half-year each summary covers; the
-- summary due within a half-year (6月10日 in the first, 12月10日 in the
-- second) is taken to report on that half-year.
local SUMMARY_TEXT = "各区卫生健康行政部门、申康医院发展中心应当及时总结改善就医感受、提升患者体验"
  .. "主题活动实施情况,定期(每年6月10日、12月10日前)向市卫生健康委报送阶段性工作总结(包括落实"
  .. "的情况、取得的成效、突出的亮点、存在的问题、下一步工作设想等)。"
local calendar = {
  { from = "2023-06-01", to = "2023-07-31", title = "启动阶段", source = SOURCE,
    text = "(一)启动阶段(2023年6月-7月)。" },
  { from = "2023-08-01", to = "2025-12-31", title = "实施阶段", source = SOURCE,
    text = "(二)实施阶段(2023年8月-2025年12月)。" },
  { date = "06-10", every = "year", report = "semiannual", covers = "S1", title = "阶段性工作总结",
    source = SOURCE, text = SUMMARY_TEXT },
  { date = "12-10", every = "year", report = "semiannual", covers = "S2", title = "阶段性工作总结",
    source = SOURCE, text = SUMMARY_TEXT },
}

-- The five parts of a 阶段性工作总结, in the seed's order and words.
local PARTS = { "落实的情况", "取得的成效", "突出的亮点", "存在的问题", "下一步工作设想" }
local CN = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" }

-- The seed's half-width punctuation, as a Chinese document prints it.
local FULL = { [","] = "，", [";"] = "；", [":"] = "：", ["("] = "（", [")"] = "）" }
local function cn_punct(s)
  return (s:gsub("[,;:()]", FULL))
end

-- The summary's due date: the last 6月10日/12月10日 within the period, or the
-- first one after it (a quarter before June is reported on 6月10日).
local function due_date(period_id)
  local first, last = period.bounds(period_id)
  local year = tonumber(first:sub(1, 4))
  local within, after
  for y = year, year + 1 do
    for _, c in ipairs(calendar) do
      if c.report == "semiannual" then
        local d = string.format("%04d-%s", y, c.date)
        if d >= first and d <= last then
          within = d
        elseif d > last and after == nil then
          after = d
        end
      end
    end
  end
  return within or after
end

local function in_city(code)
  return region.within(code, CITY)
end

-- The districts of the city that have institutions (the units that report).
local function districts_with_institutions(code)
  local out = {}
  for _, r in ipairs(region.children(code)) do
    if #pxr.db.query(region.BELOW .. "SELECT 1 AS x FROM institution i JOIN below b "
                     .. "ON i.region = b.code LIMIT 1", r.code) > 0 then out[#out + 1] = r end
  end
  return out
end

-- The units of a batch: the city's 汇总, each district with institutions, and
-- each group of institutions that reports to the city (申康医院发展中心).
local function units()
  if region.get(CITY) == nil then return {} end
  local out = { CITY }
  for _, r in ipairs(districts_with_institutions(CITY)) do out[#out + 1] = r.code end
  for _, g in ipairs(units_of.groups_in(CITY)) do out[#out + 1] = g.code end
  return out
end

local paragraphs = report_semiannual.paragraphs

local MARK = status_words.TARGET_MARK

-- The 30% target: each centre that reported, the pooled rate of the region,
-- and a chart (by centre for a district, by district for the city).  The store
-- gives the centres that reported the indicator and, for the city's chart, each
-- district's sums: not every institution of the scope.
local function target_part(ctx, t, reg, district_list)
  local ind
  for _, i in ipairs(ctx.plugin.indicators) do if i.code == t.indicator then ind = i end end
  local rows, xml_units, reported, entries = {}, {}, {}, {}
  local scope, args = report_semiannual.scope_sql(reg, ctx.period)
  args[#args + 1] = t.indicator
  local ic = "?" .. #args
  for _, row in ipairs(pxr.db.query(scope .. "SELECT i.code, i.name, i.region, i.level, i.grade, "
      .. "i.kind, i.ownership, i.obstetrics, i.alliance_lead, r.name AS region_name, v.value, "
      .. "v.numerator, v.denominator, v.text FROM scope i JOIN value v ON v.unit = i.code "
      .. "AND v.period = ?2 AND v.indicator = " .. ic .. " LEFT JOIN region r ON r.code = i.region "
      .. "ORDER BY i.code", table.unpack(args))) do
    local x = indicator.value_of(ind, row)
    if x ~= nil then
      local st = target.status(t, x, ctx.period, row, due_date(ctx.period))
      reported[#reported + 1] = row
      entries[#entries + 1] = { x = x, row = row, status = st }
      rows[#rows + 1] = { row.region_name or row.region, row.name,
                          { text = format.count(row.numerator), align = "right" },
                          { text = format.count(row.denominator), align = "right" },
                          { text = format.percent(x), align = "right" }, { text = st, align = "center" } }
      xml_units[#xml_units + 1] = { tag = "unit", attrs = {
        code = row.code, name = row.name, region = row.region,
        numerator = row.numerator and indicator.decimal(row.numerator) or nil,
        denominator = row.denominator and indicator.decimal(row.denominator) or nil,
        value = indicator.decimal(x), status = st } }
    end
  end
  local pooled, pooled_n = indicator.pooled(reported)
  -- whose target: each centre's (judged "each"), met only when every centre is
  local pooled_status = target.overall(t, entries, ctx.period, true, due_date(ctx.period)).status
  rows[#rows + 1] = { { text = "合计率（参考）", colspan = 4, align = "center", bold = true },
                      { text = format.percent(pooled), align = "right", bold = true },
                      { text = pooled_status, align = "center" } }
  local xml = { tag = "target", attrs = {
    code = t.code, indicator = t.indicator, name = t.name, comparator = t.comparator,
    value = t.value, unit = t.unit, deadline = t.deadline, scope = t.scope, sentence = t.sentence,
    judged = t.judged, judged_by = t.judged_by,
    centres = #reported, pooled = pooled and indicator.decimal(pooled) or nil,
    status = pooled_status } }
  for i, u in ipairs(xml_units) do xml[i] = u end

  local met = 0
  for _, u in ipairs(xml_units) do if u.attrs.status == target.MET then met = met + 1 end end
  local goal = target.describe(t)
  local blocks = {
    doc.paragraph("实施方案规定：“" .. t.sentence .. "”目标值" .. goal .. "，时限为本主题活动周期结束（"
                  .. format.date(t.deadline) .. "）。本期为" .. period.label(ctx.period)
                  .. "，完成情况按报送时限（" .. format.date(due_date(ctx.period)) .. "）判断，数据为本期填报值。"),
  }
  if #reported == 0 then
    blocks[#blocks + 1] = doc.paragraph("本期无区域性医疗中心填报该指标（无数据），不按零计。")
    return blocks, xml
  end
  blocks[#blocks + 1] = doc.paragraph(string.format(
    "本期填报该指标的区域性医疗中心%d家，其中达到目标值的%d家（达标%d/%d家）；按%d家中心号源合计"
    .. "计算，下沉比例（合计率）为%s%%。目标对每家中心提出（“%s”），全部中心达到方为达标，"
    .. "状态：%s。", #reported, met, met, #reported, pooled_n, format.percent(pooled), t.judged_by,
    pooled_status))
  blocks[#blocks + 1] = doc.table {
    columns = { { title = "所在区", width = 4, align = "center" }, { title = "区域性医疗中心", width = 10 },
                { title = "下沉号源数", width = 4 }, { title = "专家号源数", width = 4 },
                { title = "下沉比例（%）", width = 4 }, { title = "状态", width = 3 } },
    rows = rows,
    notes = { "注：下沉比例＝向家庭医生签约服务团队下沉的专家号源数÷专家号源总数×100；合计率"
              .. "以各中心号源数合计计算，不是比例的平均值。实施方案未给出该比例的计算口径，"
              .. "机构库亦未标注区域性医疗中心，表中以本期填报该指标的机构为准。" },
  }

  -- The chart: centres of a district, or districts of the city (pooled).
  local cats, vals, marks = {}, {}, {}
  if #district_list > 0 then
    -- each district's pooled rate over its centres whose rate counts (value_of of a rate:
    -- a value, or a numerator over a denominator that is not 0) with both parts given
    local by_region = {}
    for _, d in ipairs(pxr.db.query(scope .. "SELECT i.region, sum(v.numerator) AS sn, "
        .. "sum(v.denominator) AS sd FROM scope i JOIN value v ON v.unit = i.code AND v.period = ?2 "
        .. "AND v.indicator = " .. ic .. " WHERE typeof(v.numerator) IN ('integer', 'real') "
        .. "AND typeof(v.denominator) IN ('integer', 'real') AND (typeof(v.value) IN "
        .. "('integer', 'real') OR v.denominator <> 0) GROUP BY i.region", table.unpack(args))) do
      by_region[d.region] = indicator.rate(d.sn, d.sd)
    end
    for i, d in ipairs(district_list) do
      local x = by_region[d.code]
      cats[i], vals[i] = d.name, x -- vals keeps its holes: no bar, not zero
      marks[i] = x ~= nil and MARK[target.status(t, x, ctx.period, nil, due_date(ctx.period))] or false
    end
  else
    for _, r in ipairs(xml_units) do
      cats[#cats + 1] = r.attrs.name
      vals[#vals + 1] = tonumber(r.attrs.value)
      marks[#marks + 1] = MARK[r.attrs.status] or false
    end
  end
  blocks[#blocks + 1] = pxr.chart.bars {
    title = (#district_list > 0 and "各区" or reg.name .. "各区域性医疗中心")
            .. "专家号源下沉比例（" .. period.label(ctx.period) .. "）",
    categories = cats, series = { { name = period.label(ctx.period), values = vals } },
    unit = "%", target = { value = t.value, label = "目标 " .. goal }, marks = marks, height = 70,
  }
  return blocks, xml
end

-- Every 阶段性工作总结 goes to one recipient: "向市卫生健康委报送".
local RECIPIENT = "上海市卫生健康委员会"

local names_of = report_semiannual.names

-- Who a report is for.  kind "district": a 区卫生健康行政部门's summary of the
-- district's institutions but those a group reports for (its "所属所管医疗机构");
-- "group": a unit such as 申康医院发展中心, for its member institutions; "city":
-- the 市卫生健康委's 汇总 of what the districts and groups sent it.
local function scope_of(code)
  local g = units_of.group(code)
  if g then
    if not in_city(g.region) then
      error("shanghai2023 semiannual: the reporting unit " .. code .. " (" .. g.name
            .. ") reports in " .. region.path(g.region) .. ", not in 上海市", 0)
    end
    return { kind = "group", code = code, name = g.name, sender = g.name, left = {}, districts = {},
             region = g.region }
  end
  if not in_city(code) then
    local groups = names_of(units_of.groups_in(CITY), "code")
    if groups == "" then
      error("shanghai2023 semiannual is the summary of 上海市 or one of its districts: " .. code
            .. " (" .. region.path(code) .. ") is not in 上海市", 0)
    end
    error("shanghai2023 semiannual is the summary of 上海市, one of its districts or a reporting "
          .. "unit of the city (" .. groups .. "): " .. code .. " (" .. region.path(code)
          .. ") is not in 上海市", 0)
  end
  local reg = region.get(code)
  if code == CITY then
    return { kind = "city", code = code, name = reg.name, sender = RECIPIENT,
             left = {},
             districts = districts_with_institutions(code), region = code }
  end
  -- the district's institutions a group of the city reports for (units_of.grouped), asked
  -- of the store: the rest are the scope (report_semiannual.scope_sql, left_of)
  local member = "SELECT m.institution FROM unit_group_member m JOIN unit_group g ON g.code = m.grp "
    .. "WHERE g.region = ?2"
  local left = pxr.db.query(region.BELOW .. "SELECT i.* FROM institution i JOIN below b "
    .. "ON i.region = b.code WHERE i.code IN (" .. member .. ") ORDER BY i.code", code, CITY)
  local by = {}
  for _, m in ipairs(pxr.db.query(region.BELOW .. "SELECT m.institution, g.code, g.name, g.region "
      .. "FROM unit_group_member m JOIN unit_group g ON g.code = m.grp JOIN institution i "
      .. "ON i.code = m.institution JOIN below b ON i.region = b.code WHERE g.region = ?2 "
      .. "ORDER BY g.code", code, CITY)) do
    by[m.institution] = { code = m.code, name = m.name, region = m.region }
  end
  return { kind = "district", code = code, name = reg.name, sender = reg.name .. "卫生健康委",
           left = left, by = by, left_of = CITY, districts = {}, region = code }
end

-- The units that owe the city a summary: "各区卫生健康行政部门、申康医院发展中心".
local function owing_units()
  local out = {}
  for _, r in ipairs(region.children(CITY)) do
    out[#out + 1] = { code = r.code, name = r.name .. "卫生健康委", kind = "district" }
  end
  for _, g in ipairs(units_of.groups_in(CITY)) do
    out[#out + 1] = { code = g.code, name = g.name, kind = "group" }
  end
  return out
end

local function narratives_of(ctx, code)
  return report_semiannual.narratives(ctx, code)
end

-- The city's 汇总: who has sent its summary (and which parts), then each part as
-- the 市卫生健康委's own overview (when it wrote one) and each unit's text.
local function compiled_parts(ctx, due, body, result)
  local owing = owing_units()
  local sent, silent = {}, {}
  local reporting = { tag = "reporting", attrs = { due = due } }
  local rows = {}
  for n, u in ipairs(owing) do
    u.narr = narratives_of(ctx, u.code)
    local have, lack = 0, {}
    for _, part in ipairs(PARTS) do
      if u.narr[part] then have = have + 1 else lack[#lack + 1] = part end
    end
    u.have = have
    if have == 0 then silent[#silent + 1] = u else sent[#sent + 1] = u end
    rows[#rows + 1] = { { text = tostring(n), align = "center" }, u.name,
                        { text = have == 0 and "未报送" or (have .. "/" .. #PARTS), align = "center" },
                        have == 0 and "—" or (#lack > 0 and table.concat(lack, "、") or "无") }
    local el = { tag = "unit", attrs = { code = u.code, name = u.name, kind = u.kind,
                                         reported = have > 0 and "true" or "false",
                                         parts_submitted = have } }
    for i, part in ipairs(PARTS) do
      if u.narr[part] then
        el[#el + 1] = { tag = "part", attrs = { seq = i, name = part, submitted = "true" },
                        text = u.narr[part] }
      end
    end
    reporting[#reporting + 1] = el
  end
  reporting.attrs.expected, reporting.attrs.reported = #owing, #sent

  local districts, groups = 0, 0
  for _, u in ipairs(owing) do
    if u.kind == "district" then districts = districts + 1 else groups = groups + 1 end
  end
  body[#body + 1] = doc.paragraph("根据《上海市改善就医感受提升患者体验主题活动实施方案（2023-2025年）》"
    .. "“各区卫生健康行政部门、申康医院发展中心……定期（每年6月10日、12月10日前）向市卫生健康委报送"
    .. "阶段性工作总结”的要求，本期（" .. period.label(ctx.period) .. "，报送时限" .. format.date(due)
    .. "）应报送单位" .. #owing .. "个（" .. districts .. "个区卫生健康委"
    .. (groups > 0 and ("、" .. names_of(units_of.groups_in(CITY))) or "") .. "），已报送" .. #sent
    .. "个" .. (#sent > 0 and ("（" .. names_of(sent) .. "）") or "") .. "，未报送" .. #silent .. "个"
    .. (#silent > 0 and ("（" .. names_of(silent) .. "）") or "") .. "。现将市卫生健康委收到的"
    .. "阶段性工作总结汇总如下；报送五个部分中至少一部分的单位计为已报送。")
  body[#body + 1] = doc.table {
    columns = { { title = "序号", width = 3, align = "center" }, { title = "报送单位", width = 10 },
                { title = "已报送部分", width = 5 }, { title = "未报送的部分", width = 14 } },
    rows = rows,
  }

  local city = narratives_of(ctx, CITY)
  for i, part in ipairs(PARTS) do
    body[#body + 1] = doc.heading(1, CN[i] .. "、" .. part)
    local k = 0
    if city[part] then
      k = k + 1
      body[#body + 1] = doc.heading(2, "（" .. CN[k] .. "）市卫生健康委综述")
      for _, p in ipairs(paragraphs(city[part])) do body[#body + 1] = p end
    end
    local lacking = {}
    for _, u in ipairs(sent) do
      if u.narr[part] then
        k = k + 1
        body[#body + 1] = doc.heading(2, "（" .. (CN[k] or tostring(k)) .. "）" .. u.name)
        for _, p in ipairs(paragraphs(u.narr[part])) do body[#body + 1] = p end
      else
        lacking[#lacking + 1] = u
      end
    end
    if k == 0 then body[#body + 1] = doc.paragraph("（本期无单位报送本部分）", { font = "kai" }) end
    if #lacking > 0 then
      body[#body + 1] = doc.paragraph("已报送单位中未报送本部分的：" .. names_of(lacking) .. "。",
                                      { font = "kai" })
    end
    result[#result + 1] = { tag = "part", attrs = { seq = i, name = part,
                                                    submitted = city[part] and "true" or "false" },
                            text = city[part] }
  end
  result[#result + 1] = reporting
  local own = 0
  for _, part in ipairs(PARTS) do if city[part] then own = own + 1 end end
  return own
end

-- The 阶段性工作总结 (pxr.report.semiannual) of a district, of 申康医院发展中心 or, for
-- the city, the 市卫生健康委's 汇总: the 30% target with its centres and chart, the
-- city's compiled parts and the units it counts are this plan's own.
local function scope(code)
  local sc = scope_of(code)
  if sc.kind == "city" then
    sc.compiled, sc.signer = true, RECIPIENT .. "（汇总）"
    sc.groups = units_of.groups_in(CITY)
    sc.who = "市卫生健康委、有医疗机构的各区卫生健康委"
             .. (#sc.groups > 0 and ("、" .. names_of(sc.groups)) or "") .. "及全市医疗机构"
  end
  return sc
end

local semiannual = report_semiannual.semiannual {
  title = "阶段性工作总结",
  plan = sources.shanghai2023.title,
  activity = "改善就医感受提升患者体验主题活动",
  short = "主题活动",
  indicators = "改善就医感受提升患者体验评估指标",
  recipient = RECIPIENT,
  salutation = "市卫生健康委：",
  schema = "shanghai2023-semiannual.xsd",
  units = units,
  due = due_date,
  scope = scope,
  -- a value of another plan's indicator is no report to this one
  -- (the city's, counted in SQL over the institutions below it; a district's and a
  -- group's over the institutions they report for)
  coverage = function(ctx, r)
    if r.scope.kind == "city" then return coverage.region(CITY, ctx.period, coverage.codes(ctx.plugin)) end
    local sql, args = report_semiannual.scope_sql(r.scope, ctx.period)
    return coverage.scope(sql, args, coverage.codes(ctx.plugin))
  end,
  marks = national.marks,
  notes = { national.notes[1], "　　" .. national.notes[2] },
  attachments = { targets = "专家号源下沉比例目标完成情况" },
  hooks = {
    parts = function(_, ctx, r)
      if not r.scope.compiled then return nil end
      local blocks, elements = {}, {}
      local n = compiled_parts(ctx, r.due, blocks, elements)
      return { blocks = blocks, elements = elements, submitted = n }
    end,
    section = function(text) return cn_punct(text) end,
    target_part = function(_, t, ctx, r)
      if t.indicator ~= EXPERT_DOWN then return nil end
      local blocks, element = target_part(ctx, t, r.scope, r.districts)
      return { blocks = blocks, element = element }
    end,
  },
}

return {
  id = "shanghai2023",
  validation_rules = require("pxr.national_rules"),
  -- the institutions the plan addresses (pxr validate checks only these)
  covers = function(inst) return inst.region:sub(1, 2) == "31" end,
  title = "上海市改善就医感受提升患者体验主题活动实施方案",
  issuer = "上海市卫生健康委员会、上海市中医药管理局、上海市卫生健康系统精神文明建设委员会",
  -- the plan's own 文号 and the document(s) it implements, as pxr.sources records them
  number = require("pxr.sources").shanghai2023.number,
  basis = require("pxr.sources").shanghai2023.basis,
  span = "2023-2025",
  source = SOURCE,
  example_period = "2024S1",
  calendar = calendar,
  measures = measures,
  indicators = indicators,
  targets = targets,
  narrative_sections = PARTS,
  reports = {
    -- also for a reporting unit that is a group of institutions (pxr.unit)
    semiannual = semiannual,
  },
}
