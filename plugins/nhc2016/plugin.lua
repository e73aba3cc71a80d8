-- nhc2016: 2016年深入落实进一步改善医疗服务行动计划重点工作方案 and its attachment
-- 《改善医疗服务行动计划工作信息汇总表》, which every 省级卫生计生行政部门 fills in as
-- of 6/30 and 12/31.
--
-- Source: pxr.sources.nhc2016.  The plan itself has no 文号 in the seed; it
-- implements 国卫医发〔2015〕2号 and 国卫办医发〔2015〕33号, which `basis` names.
-- Nor does it name its issuer: it speaks as 我委 and has the forms sent to 我委医政医管局,
-- and the 汇总表 is stamped by 省（区、市）卫生计生委, so `issuer` is 国家卫生计生委.
--
-- The 汇总表 is a province's form; hospitals do not fill it.  So the catalog has
-- two layers: `indicators` are the institution-level (F16_) answers a province
-- collects, named with the form's own words where the seed has them; `fields`
-- are the form's cells in form order, each with `compute`, a small description
-- of how the cell follows from those answers.  The report interprets `compute`
-- generically (see `evaluate` below); the data stays data.
local coverage = require("pxr.coverage")
local doc = require("pxr.doc")
local form = require("pxr.report_form")
local format = require("pxr.format")
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local region = require("pxr.region")

local SOURCE = require("pxr.sources").nhc2016.cite

-- The 10 重点工作 of 二（二）: number, title and text as the seed writes them.
local KEY_WORKS = "二、2016年改善医疗服务行动重点工作（二）重点工作内容"
local measures = {
  { code = "1", seq = 1, section = KEY_WORKS, title = "全面实施预约诊疗", source = SOURCE,
    text = "三级医院全面实施预约诊疗服务，不断提高预约诊疗率，有效分流患者，改善患者就医体验。一是提供多种预约诊疗方式。通过网络、电话、窗口、诊间、社区卫生服务机构等多种方式、多种途径，为患者提供便捷的预约诊疗服务，患者预约就诊更为方便。二是实现分时段预约。合理安排预约患者就诊时间，在“预约优先”的基础上，通过精细测算就诊时间，不断提升预约就诊的精确度，争取预约时间精确到小时，预约患者候诊时间得到有效缩短。三是探索开展实名制预约诊疗。加强身份识别，逐步实施注册式管理，有效加强号源管理，遏制倒卖号源现象，患者挂号体验有效改善。四是加强复诊患者预约管理。提供便捷的诊间预约、复诊预约途径，合理安排复诊患者就诊时间，实现与首诊预约患者错峰就诊，提高预约诊疗效率。" },
  { code = "2", seq = 2, section = KEY_WORKS, title = "逐步推行日间手术", source = SOURCE,
    text = "三级医院逐步推行日间手术，优化诊疗服务流程，提高医疗服务效率，在保障医疗质量与安全的前提下，为患者提供高效的日间手术服务，缓解患者“住院难”和“手术难”问题。一是主动公开日间手术病种和术式清单，为患者提供公开、透明的日间手术信息。坚持患者自愿原则，在患者知情同意情况下，为患者实施日间手术。加强对患者健康知识宣传，引导患者逐步接受日间手术模式。二是理顺内部业务流程。为开展日间手术提供必要的设备设施、人力与物力支持，探索建立日间手术中心，统筹调配医疗资源，完善相关管理制度，优化患者就诊流程，提高医疗资源利用效率。三是以医联体为切入点，衔接分级诊疗制度。在医联体内部形成三级医院与二级医院、基层医疗卫生机构分工协作机制，建立术后患者随访制度，指导下级医疗机构做好患者术后康复，并为基层医疗卫生机构开通日间手术绿色通道，逐步形成“手术在医院，康复在社区”的“急慢分治、上下联动”分级诊疗模式。我委将会同有关部门制定专项工作方案。" },
  { code = "3", seq = 3, section = KEY_WORKS, title = "持续改善医疗质量", source = SOURCE,
    text = "紧紧围绕深化医药卫生体制改革工作要求，开展提升医疗质量专项活动。在完善医疗服务体系和推进分级诊疗制度建设工作中，以强化重点病种及医疗技术质量管理和费效比控制、加强平台专业医疗质量管理与控制、推行疾病分级诊疗过程中医疗质量连续化管理、加强日间手术质量管理和逐步提升基层医疗质量安全水平为重点，进一步建立完善医疗质量管理与控制长效工作机制，落实住院医师规范化培训制度，创新医疗质量持续改进方式方法，形成政府监管、机构自治、行业自律、社会监督的多元共治新格局，提升医疗质量，保障医疗安全，维护人民群众健康权益。具体实施方案另行下发。" },
  { code = "4", seq = 4, section = KEY_WORKS, title = "多种形式信息推送", source = SOURCE,
    text = "加强信息化建设，通过新媒体、微平台、手机信息、电话等途径提供诊疗信息推送服务，患者获取信息更加公开、透明。对门诊等候、预约诊疗的患者提供就诊相关信息，对接受特殊检查、特殊治疗和手术前后的患者提供围手术期诊疗相关信息。推广利用微信、短信等形式向患者提示异常检查检验结果信息。在保障患者隐私的前提下，通过自助打印、手机信息、电话告知、网络查询等多种形式，为患者提供检查检验结果，以及就诊项目、药品、单价、总费用等查询服务。" },
  { code = "5", seq = 5, section = KEY_WORKS, title = "费用结算方便快捷", source = SOURCE,
    text = "一是优化费用结算流程。做好入、出院手续办理及结算时间预约安排，减少患者等候。为住院患者提供床旁、护士站、结算窗口等不同出院费用结算途径，逐步提升床旁结算比例。加强部门协调，争取医保等部门支持，在医保实时结算的基础上，逐步实现患者缴纳自付部分费用即可办理入出院手续，患者入出院更加便捷。二是提供便捷结算支付方式。探索使用就诊卡预存、银联等多种支付方式，通过诊室内记账、诊间结算、手机等移动设备支付医疗费用，减少患者排队缴费次数，缩短排队等候时间，患者结算更为便捷。" },
  { code = "6", seq = 6, section = KEY_WORKS, title = "药事服务保障安全", source = SOURCE,
    text = "利用信息化手段加强合理用药指导。通过多媒体、人工窗口等多种渠道，为患者提供合理用药指导，患者用药更加安全。探索提供自助查询机、微信平台等多种方式，扫描药品条形码或者二维码等即可查询药品用法、用量、使用注意事项等信息，指导患者合理用药。在取药窗口、门诊大厅等区域设置各种类型多媒体设备，使用通俗易懂的语言加强合理用药宣传。" },
  { code = "7", seq = 7, section = KEY_WORKS, title = "急诊急救无缝衔接", source = SOURCE,
    text = "急救中心（站）要充分发挥在院前医疗急救工作中的指挥和调度作用，合理调派救护车，强化院前急救快速反应，缩短急救反应时间。规范医疗急救行为，严格按照“就近、就急、满足专业需要、兼顾患者意愿”原则转运患者。医院要加强急诊力量，提高急诊服务能力。接诊医院要为院前急救开通绿色通道，并加强院内急诊与院前急救的医疗信息共享与医疗服务衔接，实现无缝衔接，不推诿、拒诊急诊患者。" },
  { code = "8", seq = 8, section = KEY_WORKS, title = "深入推进优质护理", source = SOURCE,
    text = "各级各类医疗机构继续深化“以病人为中心”的服务理念，落实责任制整体护理，持续改善护理服务。护士运用专业知识和技能为群众提供医学照顾、病情观察、健康指导、慢病管理、康复促进、心理护理等服务，体现人文关怀和护理专业内涵，不断提高护理质量。同时，医疗机构要根据功能定位、服务半径、床位规模、临床工作量等科学合理配置护士人力，满足临床工作需求。普通病房护士总数与实际开放床位比不低于0.4:1；非住院部门要根据患者诊疗量、手术量等合理配置护士，保障护理质量和医疗安全。" },
  { code = "9", seq = 9, section = KEY_WORKS, title = "发挥中医特色优势", source = SOURCE,
    text = "中医医疗机构要积极推进中医诊疗模式创新，探索建立符合中医学术特点、有利于发挥中医特色优势和提高中医临床疗效、方便群众看病就医的中医综合治疗、多专业联合诊疗等模式。医疗机构要提高中医药服务能力，充分发挥中医药在疾病防治中的作用，加强中医临床科室和中药房建设，满足患者中医医疗服务需求；鼓励根据中医诊疗特点优化诊疗服务流程，缩短患者取药等环节等候时间；鼓励为患者提供中药个体化用药加工等个性化服务。" },
  { code = "10", seq = 10, section = KEY_WORKS, title = "构建和谐医患关系", source = SOURCE,
    text = "大力推动医院文化建设，以多种形式开展健康教育和风险沟通等，发挥医院文化对构建和谐医患关系的引导作用。提高医务人员对医患沟通和人文关怀重要性的认识，加强医务人员人文教育和培训，提高沟通能力和服务意识。及时了解患者心理需求和变化，做好宣教、解释和沟通。针对儿童、产妇、重大慢性病住院患者建立健全医患沟通机制，提供专科特色的社工和志愿者服务，增强心理疏导和人文关怀相关服务，充分发挥社工和志愿者在医患沟通中的桥梁和纽带作用。" },
}

-- The form's 7 sections, as its first column writes them.
local SEC = {
  "推进预约诊疗服务，有效分流就诊患者",
  "合理调配诊疗资源，畅通急诊绿色通道",
  "发挥信息技术优势，改善患者就医体验",
  "持续改进护理服务，落实优质护理要求",
  "规范诊疗行为，保障医疗安全",
  "注重医学人文关怀，促进社工志愿服务",
  "妥善化解医疗纠纷，构建和谐医患关系",
}

-- Institution-level answers (unit = an institution, except where `reporter`
-- says a province or a region below it reports).  Names are the form's words
-- for what one institution does; for the rates the form averages, the name is
-- the form's with 平均 left out (三级医院平均预约诊疗率 → 预约诊疗率).
local indicators = {
  { code = "F16_APPT", name = "开展预约诊疗", dimension = SEC[1], type = "bool", source = SOURCE,
    note = "本机构是否开展预约诊疗服务（是/否）" },
  { code = "F16_APPT_RATE", name = "预约诊疗率", dimension = SEC[1], unit = "%", type = "rate",
    direction = "higher", source = SOURCE, note = "预约诊疗人次/门诊总人次×100" },
  { code = "F16_REVISIT_APPT_RATE", name = "复诊预约率", dimension = SEC[1], unit = "%",
    type = "rate", direction = "higher", source = SOURCE, note = "复诊预约人次/复诊总人次×100" },
  { code = "F16_TIMED_APPT", name = "实现分时预约", dimension = SEC[1], type = "bool", source = SOURCE,
    note = "本机构是否实现分时段预约（是/否）" },
  { code = "F16_TIMED_APPT_RATE", name = "分时预约就诊率", dimension = SEC[1], unit = "%",
    type = "rate", direction = "higher", source = SOURCE,
    note = "按分时段预约时间就诊人次/预约就诊总人次×100" },
  -- Not a cell of the form: the answer to the plan's 争取预约时间精确到小时.
  { code = "F16_APPT_HOUR", asked_of = "targets", name = "预约时间精确到小时", dimension = SEC[1], type = "bool",
    source = SOURCE, note = "本机构预约时段是否精确到小时（是/否）；汇总表未设此项，供目标核对" },
  { code = "F16_REPORT_TIME", name = "医疗机构出具报告单的平均时间", dimension = SEC[2], unit = "分钟",
    type = "duration", direction = "lower", source = SOURCE,
    note = "本机构急诊检验自标本接收至出具报告单的平均时间",
    parts = {
      { code = "F16_REPORT_TIME_LAB", name = "急诊临检项目", unit = "分钟", type = "duration",
        direction = "lower", source = SOURCE },
      { code = "F16_REPORT_TIME_BIO", name = "急诊生化、免疫项目", unit = "分钟", type = "duration",
        direction = "lower", source = SOURCE },
    } },
  { code = "F16_DAY_SURGERY", name = "开展日间手术", dimension = SEC[2], type = "bool", source = SOURCE },
  { code = "F16_DAY_SURGERY_CENTER", name = "独立设置日间手术中心", dimension = SEC[2], type = "bool",
    source = SOURCE },
  { code = "F16_DAY_SURGERY_CASES", name = "开展日间手术总例数", dimension = SEC[2], unit = "例",
    type = "count", direction = "higher", source = SOURCE, note = "本报告期内本机构日间手术例数" },
  -- The form's average holds the institutions' own rates: the seed names only the
  -- average, so the institution's rate is a part of it (no value of its own).
  { code = "F16_DAY_SURGERY_AVG", name = "日间手术占择期手术的平均比例", dimension = SEC[2], unit = "%",
    type = "rate", direction = "higher", source = SOURCE, note = "各机构日间手术占择期手术比例的算术平均",
    parts = {
      { code = "F16_DAY_SURGERY_SHARE", name = "日间手术占择期手术的比例", unit = "%", type = "rate",
        direction = "higher", source = SOURCE,
        note = "本机构日间手术例数/择期手术例数×100；汇总为日间手术占择期手术的平均比例" },
    } },
  { code = "F16_INSURANCE", name = "是否已协调医保等部门将院外术前检查、术后康复费用纳入报销",
    dimension = SEC[2], type = "bool", source = SOURCE, reporter = "province",
    note = "由省级卫生计生委填报（单位为省级区划代码）" },
  { code = "F16_CLINIC_SETTLE", name = "开展诊间结算等服务", dimension = SEC[3], type = "bool",
    source = SOURCE },
  { code = "F16_BEDSIDE_SETTLE", name = "提供护士站、床旁结算服务", dimension = SEC[3], type = "bool",
    source = SOURCE },
  { code = "F16_MOBILE_PAY", name = "提供移动设备支付", dimension = SEC[3], type = "bool", source = SOURCE },
  { code = "F16_RESULT_QUERY", name = "提供多种形式检查检验结果查询服务", dimension = SEC[3],
    type = "bool", source = SOURCE },
  { code = "F16_TELEMEDICINE", name = "开展远程医疗", dimension = SEC[3], type = "bool", source = SOURCE },
  { code = "F16_DRUG_QUERY", name = "为患者提供自助查询、微信平台等药品使用信息查询", dimension = SEC[3],
    type = "bool", source = SOURCE },
  { code = "F16_QUALITY_NURSING", name = "实施优质护理服务", dimension = SEC[4], type = "bool",
    source = SOURCE },
  { code = "F16_WARD_COVERAGE", name = "实现病房全覆盖", dimension = SEC[4], type = "bool", source = SOURCE,
    note = "优质护理服务是否覆盖全部病房（是/否）" },
  -- Not a cell of the form: the plan's staffing floor (重点工作8).
  { code = "F16_NURSE_BED_RATIO", asked_of = "targets", name = "普通病房护士总数与实际开放床位比", dimension = SEC[4],
    unit = ":1", type = "ratio", direction = "higher", source = SOURCE,
    note = "普通病房护士总数/实际开放床位数；汇总表未设此项，供目标核对" },
  { code = "F16_CLINICAL_PATHWAY", name = "实施临床路径", dimension = SEC[5], type = "bool",
    source = SOURCE },
  { code = "F16_PATHWAY_CASES", name = "临床路径管理病例总数", dimension = SEC[5], unit = "例",
    type = "count", source = SOURCE, note = "本报告期内本机构纳入临床路径管理的病例数" },
  { code = "F16_PATHWAY_AVG", name = "临床路径平均完成率", dimension = SEC[5], unit = "%",
    type = "rate", direction = "higher", source = SOURCE, note = "各机构临床路径完成率的算术平均",
    parts = {
      { code = "F16_PATHWAY_COMPLETION", name = "临床路径完成率", unit = "%", type = "rate",
        direction = "higher", source = SOURCE,
        note = "本机构完成临床路径例数/入径例数×100；汇总为临床路径平均完成率" },
    } },
  { code = "F16_RESULT_MUTUAL", name = "实施检查检验结果互认", dimension = SEC[5], type = "bool",
    source = SOURCE },
  { code = "F16_SOCIAL_WORK", name = "开展社工服务", dimension = SEC[6], type = "bool", source = SOURCE },
  { code = "F16_VOLUNTEER", name = "开展志愿服务", dimension = SEC[6], type = "bool", source = SOURCE },
  { code = "F16_VOLUNTEERS", name = "志愿者总数", dimension = SEC[6], unit = "人", type = "count",
    source = SOURCE, note = "在本机构登记服务的志愿者人数" },
  -- The seed does not say whether 县 means every 县级区划 (县、县级市、市辖区、旗);
  -- pxr counts the 县级区划 a region reports on.  Reported by a prefecture for
  -- its 县级区划, or by a 县级 region for itself: numerator = 覆盖的县级区划数,
  -- denominator = 县级区划总数.
  { code = "F16_MEDIATION", name = "医疗纠纷人民调解工作覆盖县", dimension = SEC[7], unit = "%",
    type = "rate", direction = "higher", source = SOURCE, reporter = "region",
    note = "分子：人民调解工作覆盖的县级区划数；分母：县级区划总数（由地市或县级区划填报）" },
  { code = "F16_LIABILITY_INS", name = "医责险和医疗风险互助金参保", dimension = SEC[7], type = "bool",
    source = SOURCE, note = "本机构是否参加医疗责任保险或医疗风险互助金（是/否）" },
}

-- compute, interpreted by `evaluate`:
--   { op = "count", of = F16_x, level = {...} }  institutions (of those levels) answering 是
--   { op = "share", of = F16_x, level = {...} }  that count / all institutions of those
--                                                 levels in the province × 100
--   { op = "mean",  of = F16_x, level = {...} }  mean of the institutions' values (the
--                                                 form's 平均: not a pooled rate)
--   { op = "sum",   of = F16_x, level = {...} }  sum of the institutions' values
--   { op = "own",   of = F16_x }                 the province's own answer
--   { op = "region_sum", of = F16_x }            Σ numerators reported by regions below
--   { op = "region_pooled", of = F16_x }         Σ numerators / Σ denominators × 100
-- level omitted = every institution; "其他" = neither 三级 nor 二级.
-- among = F16_y: only institutions answering 是 to y are in scope (a hospital
-- without day surgery has no day-surgery share: it is not a missing answer).
-- A field with `group = true` only heads its sub-fields; `manual = true`
-- marks the header and footer cells a person fills in by hand.
local T3, T2, OTHER, T23 = { "三级" }, { "二级" }, { "一级", "未定级" }, { "三级", "二级" }
local fields = {
  { code = "HZ01", name = "填报时间", section = "表头", type = "text", manual = true },
  { code = "HZ02", name = "省（区、市）卫生计生委盖章", section = "表头", type = "text", manual = true },

  { code = "HZ03", name = "开展预约诊疗的医疗机构", section = SEC[1], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_APPT" } },
  { code = "HZ04", name = "其中三级医院数量（个）", parent = "HZ03", section = SEC[1], unit = "个",
    type = "count", compute = { op = "count", of = "F16_APPT", level = T3 } },
  { code = "HZ05", name = "其中二级医院数量（个）", parent = "HZ03", section = SEC[1], unit = "个",
    type = "count", compute = { op = "count", of = "F16_APPT", level = T2 } },
  { code = "HZ06", name = "其他医疗机构数量（个）", parent = "HZ03", section = SEC[1], unit = "个",
    type = "count", compute = { op = "count", of = "F16_APPT", level = OTHER } },
  { code = "HZ07", name = "三级医院平均预约诊疗率（%）", section = SEC[1], unit = "%", type = "rate",
    compute = { op = "mean", of = "F16_APPT_RATE", level = T3, among = "F16_APPT" } },
  { code = "HZ08", name = "三级医院平均复诊预约率（%）", section = SEC[1], unit = "%", type = "rate",
    compute = { op = "mean", of = "F16_REVISIT_APPT_RATE", level = T3,
                                                    among = "F16_APPT" } },
  { code = "HZ09", name = "实现分时预约的医疗机构", section = SEC[1], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_TIMED_APPT" } },
  { code = "HZ10", name = "三级医院平均分时预约就诊率（%）", section = SEC[1], unit = "%", type = "rate",
    compute = { op = "mean", of = "F16_TIMED_APPT_RATE", level = T3, among = "F16_TIMED_APPT" } },

  { code = "HZ11", name = "医疗机构出具报告单的平均时间（分钟）", section = SEC[2], unit = "分钟",
    type = "duration", group = true },
  { code = "HZ12", name = "急诊临检项目", parent = "HZ11", section = SEC[2], unit = "分钟",
    type = "duration", compute = { op = "mean", of = "F16_REPORT_TIME_LAB" } },
  { code = "HZ13", name = "急诊生化、免疫项目", parent = "HZ11", section = SEC[2], unit = "分钟",
    type = "duration", compute = { op = "mean", of = "F16_REPORT_TIME_BIO" } },
  { code = "HZ14", name = "开展日间手术的医疗机构", section = SEC[2], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_DAY_SURGERY" } },
  { code = "HZ15", name = "独立设置日间手术中心的医疗机构", section = SEC[2], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_DAY_SURGERY_CENTER" } },
  { code = "HZ16", name = "开展日间手术总例数（例）", section = SEC[2], unit = "例", type = "count",
    compute = { op = "sum", of = "F16_DAY_SURGERY_CASES", among = "F16_DAY_SURGERY" } },
  { code = "HZ17", name = "日间手术占择期手术的平均比例（%）", section = SEC[2], unit = "%", type = "rate",
    compute = { op = "mean", of = "F16_DAY_SURGERY_SHARE", among = "F16_DAY_SURGERY" } },
  { code = "HZ18", name = "是否已协调医保等部门将院外术前检查、术后康复费用纳入报销", section = SEC[2],
    type = "bool", compute = { op = "own", of = "F16_INSURANCE" } },

  { code = "HZ19", name = "开展诊间结算等服务的医疗机构", section = SEC[3], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_CLINIC_SETTLE" } },
  { code = "HZ20", name = "提供护士站、床旁结算服务的医疗机构", section = SEC[3], unit = "个",
    type = "count", label = "数量（个）", compute = { op = "count", of = "F16_BEDSIDE_SETTLE" } },
  { code = "HZ21", name = "提供移动设备支付的医疗机构", section = SEC[3], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_MOBILE_PAY" } },
  { code = "HZ22", name = "提供多种形式检查检验结果查询服务的医疗机构", section = SEC[3], unit = "个",
    type = "count", label = "数量（个）", compute = { op = "count", of = "F16_RESULT_QUERY" } },
  { code = "HZ23", name = "开展远程医疗的医疗机构", section = SEC[3], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_TELEMEDICINE" } },
  { code = "HZ24", name = "为患者提供自助查询、微信平台等药品使用信息查询的医疗机构", section = SEC[3],
    unit = "个", type = "count", label = "数量（个）", compute = { op = "count", of = "F16_DRUG_QUERY" } },

  { code = "HZ25", name = "实施优质护理服务的医疗机构", section = SEC[4], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_QUALITY_NURSING" } },
  { code = "HZ26", name = "其中三级医院数量（个）", parent = "HZ25", section = SEC[4], unit = "个",
    type = "count", compute = { op = "count", of = "F16_QUALITY_NURSING", level = T3 } },
  { code = "HZ27", name = "占三级医院比例（%）", parent = "HZ25", section = SEC[4], unit = "%",
    type = "rate", compute = { op = "share", of = "F16_QUALITY_NURSING", level = T3 } },
  { code = "HZ28", name = "其中二级医院数量（个）", parent = "HZ25", section = SEC[4], unit = "个",
    type = "count", compute = { op = "count", of = "F16_QUALITY_NURSING", level = T2 } },
  { code = "HZ29", name = "占二级医院比例（%）", parent = "HZ25", section = SEC[4], unit = "%",
    type = "rate", compute = { op = "share", of = "F16_QUALITY_NURSING", level = T2 } },
  { code = "HZ30", name = "实现病房全覆盖的三级医院数量（个）", section = SEC[4], unit = "个",
    type = "count", compute = { op = "count", of = "F16_WARD_COVERAGE", level = T3 } },
  { code = "HZ31", name = "占三级医院总数比例（%）", section = SEC[4], unit = "%", type = "rate",
    compute = { op = "share", of = "F16_WARD_COVERAGE", level = T3 } },

  { code = "HZ32", name = "实施临床路径的医疗机构", section = SEC[5], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_CLINICAL_PATHWAY" } },
  -- the form prints these four without units; they are counts (个) and shares (%)
  { code = "HZ33", name = "其中三级医院数量", parent = "HZ32", section = SEC[5], unit = "个",
    type = "count", compute = { op = "count", of = "F16_CLINICAL_PATHWAY", level = T3 } },
  { code = "HZ34", name = "占三级医院比例", parent = "HZ32", section = SEC[5], unit = "%",
    type = "rate", compute = { op = "share", of = "F16_CLINICAL_PATHWAY", level = T3 } },
  { code = "HZ35", name = "其中二级医院数量", parent = "HZ32", section = SEC[5], unit = "个",
    type = "count", compute = { op = "count", of = "F16_CLINICAL_PATHWAY", level = T2 } },
  { code = "HZ36", name = "占二级医院比例", parent = "HZ32", section = SEC[5], unit = "%",
    type = "rate", compute = { op = "share", of = "F16_CLINICAL_PATHWAY", level = T2 } },
  { code = "HZ37", name = "临床路径管理病例总数（例）", section = SEC[5], unit = "例", type = "count",
    compute = { op = "sum", of = "F16_PATHWAY_CASES", among = "F16_CLINICAL_PATHWAY" } },
  { code = "HZ38", name = "临床路径平均完成率（%）", section = SEC[5], unit = "%", type = "rate",
    group = true },
  { code = "HZ39", name = "三级医院", parent = "HZ38", section = SEC[5], unit = "%", type = "rate",
    compute = { op = "mean", of = "F16_PATHWAY_COMPLETION", level = T3,
                                                    among = "F16_CLINICAL_PATHWAY" } },
  { code = "HZ40", name = "二级医院", parent = "HZ38", section = SEC[5], unit = "%", type = "rate",
    compute = { op = "mean", of = "F16_PATHWAY_COMPLETION", level = T2,
                                                    among = "F16_CLINICAL_PATHWAY" } },
  { code = "HZ41", name = "实施检查检验结果互认的医疗机构", section = SEC[5], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_RESULT_MUTUAL" } },

  { code = "HZ42", name = "开展社工服务的医疗机构", section = SEC[6], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_SOCIAL_WORK" } },
  { code = "HZ43", name = "开展志愿服务的医疗机构", section = SEC[6], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "count", of = "F16_VOLUNTEER" } },
  { code = "HZ44", name = "志愿者总数（人）", parent = "HZ43", section = SEC[6], unit = "人",
    type = "count", compute = { op = "sum", of = "F16_VOLUNTEERS", among = "F16_VOLUNTEER" } },

  -- In the form 数量（个） and 占比（%） both stand under the 覆盖县 label.
  { code = "HZ45", name = "医疗纠纷人民调解工作覆盖县", section = SEC[7], unit = "个", type = "count",
    label = "数量（个）", compute = { op = "region_sum", of = "F16_MEDIATION" } },
  { code = "HZ46", name = "占比（%）", parent = "HZ45", sibling = true, section = SEC[7], unit = "%",
    type = "rate", compute = { op = "region_pooled", of = "F16_MEDIATION" } },
  { code = "HZ47", name = "医责险和医疗风险互助金参保医疗机构", section = SEC[7], unit = "个",
    type = "count", label = "数量（个）", compute = { op = "count", of = "F16_LIABILITY_INS" } },
  { code = "HZ48", name = "其中三级医院数（个）", parent = "HZ47", section = SEC[7], unit = "个",
    type = "count", compute = { op = "count", of = "F16_LIABILITY_INS", level = T3 } },
  { code = "HZ49", name = "其中二级医院数（个）", parent = "HZ47", section = SEC[7], unit = "个",
    type = "count", compute = { op = "count", of = "F16_LIABILITY_INS", level = T2 } },
  -- 二级以上 read as 二级及以上 (三级 and 二级), the usual reading; the seed does not define it.
  { code = "HZ50", name = "占二级以上医院比例（%）", parent = "HZ47", sibling = true, section = SEC[7],
    unit = "%", type = "rate", compute = { op = "share", of = "F16_LIABILITY_INS", level = T23 } },

  { code = "HZ51", name = "联系人", section = "表尾", type = "text", manual = true },
  { code = "HZ52", name = "手机号", section = "表尾", type = "text", manual = true },
}
local by_code = {}
for _, f in ipairs(fields) do
  by_code[f.code] = f
  f.source = SOURCE
  if f.compute then
    f.note = f.compute.op .. " " .. f.compute.of
             .. (f.compute.level and (" " .. table.concat(f.compute.level, "/")) or "")
  end
end

-- Who is asked for an answer (`pxr validate`'s missing check): the institutions
-- of the cells that use it, by the cell's level and `among` (asked_of = "fields":
-- 三级医院平均预约诊疗率 asks 三级医院 that answered 开展预约诊疗 是); an answer no
-- cell uses but a target of the plan does is asked where the target applies.
for _, ind in ipairs(indicators) do
  for _, leaf in ipairs(ind.parts or { ind }) do
    for _, f in ipairs(fields) do
      if f.compute and f.compute.of == leaf.code then leaf.asked_of = "fields" end
    end
  end
end

-- Quantified targets of the plan.
local B2015 = "截至2015年底"
local targets = {
  { code = "NURSE_BED", name = "普通病房护士总数与实际开放床位比不低于0.4:1",
    indicator = "F16_NURSE_BED_RATIO", comparator = ">=", value = 0.4, unit = ":1",
    scope = "各级各类医疗机构的普通病房", measure = "8",
    sentence = "普通病房护士总数与实际开放床位比不低于0.4:1" },
  { code = "APPT_HOUR", name = "争取预约时间精确到小时", indicator = "F16_APPT_HOUR",
    comparator = "=", value = 1, scope = "三级医院", who = { level = { "三级" } }, measure = "1",
    sentence = "通过精细测算就诊时间，不断提升预约就诊的精确度，争取预约时间精确到小时" },
}
for _, t in ipairs(targets) do
  t.judged, t.judged_by = "each", t.scope
end

-- The 2015 national figures of 一、工作背景: baselines (基线), a value and its
-- sentence, no comparator, nothing to judge; not targets.
local baselines = {
  { code = "B2015_INFO_DB", name = "2015年底建立信息库的三级医院（家）", value = 1238, unit = "家",
    measure = "4", scope = "全国三级医院", as_of = "2015-12-31",
    sentence = B2015 .. "，全国有1238家三级医院建立信息库，为患者提供信息查询和推送服务" },
  { code = "B2015_MOBILE_PAY", name = "2015年底通过手机APP、微信支付等方式结算的三级医院（家）",
    indicator = "F16_MOBILE_PAY", value = 660, unit = "家", scope = "全国三级医院", as_of = "2015-12-31",
    sentence = "660家三级医院通过手机APP、微信支付等方式结算" },
  { code = "B2015_DAY_CENTER", name = "2015年底建立日间手术中心的医疗机构（近，家）",
    indicator = "F16_DAY_SURGERY_CENTER", value = 100, unit = "家", scope = "全国医疗机构",
    as_of = "2015-12-31", sentence = B2015 .. "，全国有近100家医疗机构建立日间手术中心" },
  { code = "B2015_PATHWAY_T3", name = "2015年底开展临床路径管理的三级医院（家）",
    indicator = "F16_CLINICAL_PATHWAY", value = 1599, unit = "家", scope = "全国三级医院",
    as_of = "2015-12-31", sentence = B2015 .. "，全国有1599家三级医院、4563家二级医院开展临床路径管理" },
  { code = "B2015_PATHWAY_T2", name = "2015年底开展临床路径管理的二级医院（家）",
    indicator = "F16_CLINICAL_PATHWAY", value = 4563, unit = "家", scope = "全国二级医院",
    as_of = "2015-12-31", sentence = B2015 .. "，全国有1599家三级医院、4563家二级医院开展临床路径管理" },
  { code = "B2015_NURSING_T3", name = "2015年9月底开展优质护理服务的三级医院比例", value = 100, unit = "%",
    indicator = "F16_QUALITY_NURSING", scope = "全国三级医院", as_of = "2015-09-30",
    sentence = "截至2015年9月底，全国所有三级医院均开展了优质护理服务" },
  { code = "B2015_WARD_T3A", name = "2015年9月底实现全院覆盖的三级甲等医院（所）",
    indicator = "F16_WARD_COVERAGE", value = 1036, unit = "所", scope = "全国三级甲等医院",
    as_of = "2015-09-30", sentence = "有1036所三级甲等医院实现全院覆盖，占全国三级甲等医院总数的89.4％" },
  { code = "B2015_WARD_T3A_SHARE", name = "2015年9月底实现全院覆盖的三级甲等医院占比",
    indicator = "F16_WARD_COVERAGE", value = 89.4, unit = "%", scope = "全国三级甲等医院",
    as_of = "2015-09-30", sentence = "有1036所三级甲等医院实现全院覆盖，占全国三级甲等医院总数的89.4％" },
  { code = "B2015_NURSING_T2", name = "2015年9月底开展优质护理服务的二级医院（所）",
    indicator = "F16_QUALITY_NURSING", value = 5207, unit = "所", scope = "全国二级医院",
    as_of = "2015-09-30", sentence = "有5207所二级医院开展了优质护理服务，占全国二级医院总数的90.9％" },
  { code = "B2015_NURSING_T2_SHARE", name = "2015年9月底开展优质护理服务的二级医院占比",
    indicator = "F16_QUALITY_NURSING", value = 90.9, unit = "%", scope = "全国二级医院",
    as_of = "2015-09-30", sentence = "有5207所二级医院开展了优质护理服务，占全国二级医院总数的90.9％" },
  { code = "B2015_APPT_RATE", name = "2015年底全国三级医院预约诊疗率平均值", indicator = "F16_APPT_RATE",
    value = 32.1, unit = "%", scope = "全国三级医院", as_of = "2015-12-31",
    sentence = B2015 .. "，全国三级医院预约诊疗率平均值达到32.1%" },
  { code = "B2015_SOCIAL_WORK", name = "2015年底开展社工服务的医疗机构（家）", indicator = "F16_SOCIAL_WORK",
    value = 13632, unit = "家", scope = "全国医疗机构", as_of = "2015-12-31",
    sentence = B2015 .. "，全国有13632家医疗机构开展社工服务，19195家医疗机构开展志愿者服务" },
  { code = "B2015_VOLUNTEER", name = "2015年底开展志愿者服务的医疗机构（家）", indicator = "F16_VOLUNTEER",
    value = 19195, unit = "家", scope = "全国医疗机构", as_of = "2015-12-31",
    sentence = B2015 .. "，全国有13632家医疗机构开展社工服务，19195家医疗机构开展志愿者服务" },
  { code = "B2015_DISPUTES", name = "2015年全国医疗纠纷数量同比变化", value = -1.8, unit = "%",
    measure = "10", scope = "全国", as_of = "2015-12-31",
    sentence = "2015年全国发生医疗纠纷数量同比下降1.8%" },
  { code = "B2015_MEDIATED", name = "2015年人民调解处理医疗纠纷（万起）", value = 7.1, unit = "万起",
    measure = "10", scope = "全国", as_of = "2015-12-31",
    sentence = "人民调解处理医疗纠纷7.1万起，成功率85%以上" },
  { code = "B2015_MEDIATION_SUCCESS", name = "2015年人民调解医疗纠纷成功率（以上）", value = 85, unit = "%",
    measure = "10", scope = "全国", as_of = "2015-12-31",
    sentence = "人民调解处理医疗纠纷7.1万起，成功率85%以上" },
}

local CALENDAR_AS_OF = "各省级卫生计生行政部门于6月30日和12月31日收集、汇总改善医疗服务有关工作进展情况"
local CALENDAR_DUE = "于2016年7月15日和2017年1月15日前，将半年、年度工作总结和信息汇总表报送我委医政医管局"
local calendar = {
  { date = "2016-06-30", period = "2016S1", kind = "as_of", text = CALENDAR_AS_OF, source = SOURCE },
  { date = "2016-07-15", period = "2016S1", kind = "due", text = CALENDAR_DUE, source = SOURCE },
  -- the 12月31日 form is the annual one (年度工作总结): period 2016, totals of the year
  { date = "2016-12-31", period = "2016", kind = "as_of", text = CALENDAR_AS_OF, source = SOURCE },
  { date = "2017-01-15", period = "2016", kind = "due", text = CALENDAR_DUE, source = SOURCE },
}

-- The calendar entry of `kind` for a period, or nil (periods other than 2016's
-- half-years have none: the plan covers 2016 only).
local function calendar_date(pid, kind)
  for _, c in ipairs(calendar) do
    if c.period == pid and c.kind == kind then return c.date end
  end
  return nil
end

local ind_by_code = {}
for _, ind in ipairs(indicators) do
  ind_by_code[ind.code] = ind
  for _, p in ipairs(ind.parts or {}) do ind_by_code[p.code] = p end
end

-- the answers an institution gives (not those of a province or region): what
-- coverage counts as having reported for the form
local institution_codes = {}
for _, ind in ipairs(indicators) do
  for _, leaf in ipairs(ind.parts or { ind }) do
    if (leaf.reporter or ind.reporter or "institution") == "institution" then
      institution_codes[#institution_codes + 1] = leaf.code
    end
  end
end

local function provinces_with_institutions()
  local codes = {}
  for _, r in ipairs(pxr.db.query([[
      WITH RECURSIVE up(inst, code, parent) AS (
        SELECT i.code, r.code, r.parent FROM institution i JOIN region r ON r.code = i.region
        UNION SELECT u.inst, r.code, r.parent FROM up u JOIN region r ON r.code = u.parent)
      SELECT DISTINCT u.code FROM up u JOIN region r ON r.code = u.code
      WHERE r.level = 'province' ORDER BY u.code]])) do
    codes[#codes + 1] = r.code
  end
  return codes
end

local function summary(ctx)
  local code = ctx.region
  if code == nil then error("nhc2016 summary is a province's form: give --region", 0) end
  local reg = region.get(code)
  if reg == nil then error("nhc2016 summary: no region with code '" .. code .. "'", 0) end
  if reg.level ~= "province" and reg.level ~= "country" then
    error("nhc2016 summary: the 汇总表 is filled by a province (or for 全国, 100000); " .. code .. " (" .. reg.name
          .. ") is a " .. reg.level, 0)
  end
  local pid, label = ctx.period, period.label(ctx.period)
  if not calendar_date(pid, "due") then
    error("nhc2016 summary: the 汇总表 is filed for 2016S1 (the half-year form, due 2016-07-15) "
          .. "and 2016 (the annual form, due 2017-01-15), not for " .. pid, 0)
  end
  local computes = {}
  for _, f in ipairs(fields) do computes[#computes + 1] = f.compute end
  local data = form.gather(code, pid, computes, ind_by_code, institution_codes)
  local n3, n2, total = form.count(data, { "三级" }), form.count(data, { "二级" }), form.count(data)
  -- who has reported (pxr.coverage, over the institutions' own answers): the one
  -- definition of 已报/应报/未报 that the coverage line, the notes and the 已填报/应填报
  -- counts share, counted in SQL; the first coverage.LIST of the missing are named
  local cov = coverage.region(code, pid, institution_codes)

  local as_of, due = calendar_date(pid, "as_of"), calendar_date(pid, "due")
  local result = { tag = "summary", attrs = {
    plugin = "nhc2016", period = pid, period_label = label, region = code, region_name = reg.name,
    as_of = as_of, due = due, institutions = total, tertiary = n3, secondary = n2,
    number = ctx.plugin.number, basis = ctx.plugin.basis } }

  local figs, partial, sections = {}, {}, {}
  local function element(f)
    local fig = figs[f.code]
    local e = { tag = "field", attrs = {
      code = f.code, name = f.name, unit = f.unit, type = f.type, label = f.label,
      kind = f.manual and "manual" or (f.group and "group" or "value") } }
    if f.compute then
      local c = f.compute
      e.attrs.compute, e.attrs.indicator = c.op, c.of
      e.attrs.among = c.among
      e.attrs.level = c.level and table.concat(c.level, "、") or nil
      e.attrs.reported, e.attrs.population = fig.reported, fig.population
      if fig.value ~= nil then
        e.attrs.value = indicator.decimal(fig.value)
        e.attrs.display = fig.display
      else
        e.attrs.display, e.attrs.status = "—", "未填报" -- missing, as the form shows it
      end
      if fig.numerator ~= nil then
        e.attrs.numerator = indicator.decimal(fig.numerator)
        e.attrs.denominator = indicator.decimal(fig.denominator)
      end
    end
    return e
  end
  for _, f in ipairs(fields) do
    if f.compute then
      local fig = form.evaluate(f.compute, data, ind_by_code)
      fig.display = form.show(f, fig.value)
      figs[f.code] = fig
      if fig.population and fig.reported < fig.population - (fig.silent or 0) and fig.value ~= nil then
        local name = f.name:gsub("（.-）$", "")
        if f.parent then name = by_code[f.parent].name:gsub("（.-）$", "") .. "（" .. name .. "）" end
        partial[#partial + 1] = string.format("%s%d/%d", name, fig.reported, fig.population)
      end
    end
  end
  local elems = {}
  for _, f in ipairs(fields) do
    local e = element(f)
    elems[f.code] = e
    if f.parent then
      local p = elems[f.parent]
      p[#p + 1] = e
    elseif f.manual then
      result[#result + 1] = e
    else
      local s = sections[#sections]
      if s == nil or s.attrs.title ~= f.section then
        s = { tag = "section", attrs = { number = #sections + 1, title = f.section } }
        sections[#sections + 1] = s
        result[#result + 1] = s
      end
      s[#s + 1] = e
    end
  end
  -- the footer fields come after the sections in the XML as on the form
  local last = {}
  for i = #result, 1, -1 do
    if result[i].tag == "field" and (result[i].attrs.code == "HZ51" or result[i].attrs.code == "HZ52") then
      table.insert(last, 1, table.remove(result, i))
    end
  end
  for _, e in ipairs(last) do result[#result + 1] = e end

  local timing = ""
  if as_of then
    timing = "本表数据截至" .. format.date(as_of) .. "，于" .. format.date(due) .. "前报送国家卫生计生委医政医管局。"
  end
  local notes = {
    "说明：1.“数量”为辖区内答“是”的医疗机构数；“占……比例”以辖区内该级别医疗机构总数为分母"
    .. string.format("（本辖区三级医院%d家、二级医院%d家，共有医疗机构%d家）；", n3, n2, total)
    .. "“平均”为各医疗机构数值的算术平均（非合计率）；总例数、总数为各机构合计；"
    .. "“二级以上”按二级及以上计。",
    "　　2.“—”表示无填报数据，未填报不按零计。" .. timing,
  }
  local silent = {}
  for _, i in ipairs(cov.missing) do silent[#silent + 1] = i.name end
  if #silent > 0 then
    -- past coverage.LIST the names are the first ones, as the coverage line lists them
    local more = cov.missing_count > #silent and string.format("等%d家", cov.missing_count) or ""
    notes[#notes + 1] = string.format("　　%d.本期未报送数据的医疗机构：%s%s（不计入数量、合计和平均，"
                                      .. "计入比例的分母）。", #notes + 1, table.concat(silent, "、"), more)
  end
  if #partial > 0 then
    notes[#notes + 1] = string.format("　　%d.以下项目部分机构未填报，按已填报机构计算"
                                      .. "（已填报/应填报）：", #notes + 1)
                        .. table.concat(partial, "；") .. "。"
  end

  -- the plan's own 文号 and what it implements, each with its label (pxr.sources)
  local plan = require("pxr.sources").nhc2016
  notes[#notes + 1] = string.format("　　%d.本表为《%s》附件，该方案%s。", #notes + 1, plan.title,
                                    require("pxr.sources").labels(ctx.plugin))
  local head = "填报时间：　　　　年　　月　　日　　　　　　　　　　　　省（区、市）卫生计生委盖章"
  local d = doc.document {
    title = "改善医疗服务行动计划工作信息汇总表",
    subtitle = reg.name .. "　" .. label .. (period.kind(pid) == "year" and "（年度）" or "（半年）"),
    author = reg.name .. "卫生计生委",
    subject = "2016年深入落实进一步改善医疗服务行动计划重点工作方案 附件",
    keywords = "改善医疗服务行动计划,工作信息汇总表," .. pid,
    body = {
      doc.paragraph(head, { align = "left", indent = 0 }),
      doc.paragraph("填报单位：" .. reg.name .. "　　报告期：" .. label
                    .. (as_of and ("（数据截至" .. format.date(as_of) .. "）") or ""),
                    { align = "left", indent = 0, size = 9 }),
      doc.table {
        columns = { { width = 4.6, align = "center" }, { width = 8 }, { width = 3.4 },
                    { width = 2.6 }, { width = 7 }, { width = 2.6 } },
        header = {},
        rows = form.rows(fields, figs),
        notes = notes,
      },
      doc.spacer(4),
      doc.paragraph("联系人：＿＿＿＿＿＿＿＿　　　　　　手机号：＿＿＿＿＿＿＿＿＿＿＿＿",
                    { align = "left", indent = 0 }),
    },
  }
  -- who has reported (pxr.coverage), beside the form's figures, and who has not
  table.insert(d.body, 3, doc.paragraph("报送情况：本期" .. coverage.text(cov) .. "。"
    .. (coverage.missing_text(cov) or "辖区内医疗机构均已报送本期数据。"),
    { align = "left", indent = 0, size = 9 }))
  result[#result + 1] = coverage.element(cov)
  local notice = coverage.notice(ctx, {}, reg.name, code)
  if notice then table.insert(d.body, 1, notice) end
  return d, result
end

return {
  id = "nhc2016",
  title = "2016年深入落实进一步改善医疗服务行动计划重点工作方案",
  issuer = "国家卫生计生委",
  -- the plan's own 文号 and the document(s) it implements, as pxr.sources records them
  number = require("pxr.sources").nhc2016.number,
  basis = require("pxr.sources").nhc2016.basis,
  span = "2016",
  source = SOURCE,
  example_period = "2016",
  calendar = calendar,
  measures = measures,
  indicators = indicators,
  fields = fields,
  targets = targets,
  baselines = baselines,
  reports = {
    summary = {
      title = "改善医疗服务行动计划工作信息汇总表",
      scope = "region",
      schema = "nhc2016-summary.xsd",
      units = function() return provinces_with_institutions() end,
      build = summary,
    },
  },
}
