-- wuyuan2021: 婺源县妇幼保健院 改善群众就医体验主题活动实施方案（2021-2023年）.
--
-- Source: pxr.sources.wuyuan2021, the hospital's own plan (婺妇幼字〔2021〕58号),
-- addressed to 院内各科室: 28 numbered measures, 1-24 under the 五聚焦五提升
-- action plan and 25-28 for the four special groups, a 领导小组 named in the
-- appendix, and a handful of quantified or dated targets.  Measure titles and
-- texts are quoted (line breaks of the seed removed); the seed assigns no
-- department to any measure, so departments come from the status data.
local doc = require("pxr.doc")
local report = require("pxr.report")
local target = require("pxr.target")

local SOURCE = require("pxr.sources").wuyuan2021.cite
local PLUGIN = "wuyuan2021"

local AREA_ACTION = "二、“五聚焦五提升”行动计划"
local AREA_GROUPS = "三、面向特殊群体，落实关爱举措"
-- The seed mixes （一） and (二) and ends (五) with a full stop; written uniformly here.
local WAIT = "（一）聚焦等待体验，提升就诊效率"
local CARE = "（二）聚焦诊疗体验，提升诊疗水平"
local HUMAN = "（三）聚焦人文体验，提升行业形象"
local ENV = "（四）聚焦环境体验，提升院容院貌"
local COST = "（五）聚焦费用体验，提升控费质量"
local GROUPS = AREA_GROUPS

-- Who carries the measures out: the seed names no 责任科室 for any single
-- measure, only this division of work (四、工作要求).
local RESPONSIBLE = {
  note = "原文未逐项指定责任科室",
  sentences = {
    "各科室要认真贯彻落实",
    "明确责任分工，确保各项措施可落实、可操作、可执行、见成效",
    "院办将组织对各科室改善群众就医体验工作开展情况进行督导检查",
    "领导下组下设办公室，党办主任石维同志兼任办公室主任，具体负责日常工作。",
  },
}

local measures = {
  { code = "1", seq = 1, section = WAIT, title = "全面实施预约诊疗",
    text = "建立预约诊疗制度，到2023年，住院预约诊疗率达到30%以上，患者预约检查比例达到100%。鼓励开展门诊取药、门诊治疗、住院床位、日间手术、停车等医疗相关流程的预约服务，提高就诊便利性。" },
  { code = "2", seq = 2, section = WAIT, title = "实现分时段预约",
    text = "开通分时段预约，通过精细测算就诊时间，不断提升预约就诊的精确度，力争预约时间精确到30分钟，患者平均等候时间不超过15分。" },
  { code = "3", seq = 3, section = WAIT, title = "加强门诊号源管理",
    text = "进一步推进我院院内号源池与全省预约诊疗系统号源池的自动对接，并根据就诊量变化科学精准调整各挂号渠道号源投放量，合理设置号源间隔时间，提高预约精准率。加强退号与爽约管理，推进建立退号候补机制，提升号源使用效率。" },
  { code = "4", seq = 4, section = WAIT, title = "优化挂号及就诊服务",
    text = "积极探索推广通信行程卡与健康码、医保结算码、金融支付码“多码融合”，优化工作流程，在重点科室候诊区域应用电子叫号系统，优化二次分诊，方便患者就诊。2023年底前，医院可支持身份证、居民电子健康码、社会保障卡等多种形式挂号就诊。" },
  { code = "5", seq = 5, section = WAIT, title = "推行入出院“一体化”服务",
    text = "积极设立住院准备中心，实现“5+X”服务，即统一办理入、出院结算，统一调配全院床位，统一预约检查检验，统一提供出院带药服务，统一组织出院患者回访活动。在病区或住院部提供出院费用结算、出院小结和自助发票打印等便利服务，为患者提供“一站式”综合服务。" },
  { code = "6", seq = 6, section = WAIT, title = "加快推进智慧服务",
    text = "根据实际情况和患者需求，将信息技术与医疗服务深度融合，提供智能导医分诊、候诊提醒、床旁结算、诊间结算、移动支付、门急诊病历自助打印和检验结果、就诊项目、医疗服务费用查询等线上服务。鼓励开设互联网医院，提供互联网诊疗、就医咨询、送药到家等服务、减少患者排队挂号、缴费等候时间。" },
  { code = "7", seq = 7, section = CARE, title = "提高临床路径管理",
    text = "实现临床路径管理信息化，将药学服务、检查检验服务等纳入临床路径管理，增加住院患者临床路径管理比例，2022年底前，70%出院患者要按照临床路径管理。" },
  { code = "8", seq = 8, section = CARE, title = "探索日间手术服务",
    text = "探索建立日间手术中心，积极拓展日间服务的病种和服务类型，并为基层医疗卫生机构开通日间手术绿色通道，逐步形成“手术在医院、康复在社区”的“急慢分治、上下联动”的分级诊疗模式。" },
  { code = "9", seq = 9, section = CARE, title = "组建多学科诊疗团队",
    text = "医院多学科诊疗全面覆盖，将肿瘤科、药学、病理、影像、检验、麻醉等专业技术人员纳入多学科诊疗团队，针对肿瘤、疑难复杂疾病多系统多器官疾病等，为患者提供“一站式”诊疗服务。" },
  { code = "10", seq = 10, section = CARE, title = "健全院前医疗急救服务",
    text = "健全基于“五大中心”的急危重症患者救治体系和院前院内信息共享网络，开通院前急救绿色通道，实现急危重症患者医疗救治快速、高效、高质量。2023年底，院前医疗急救网络服务半径不超过30公里。" },
  { code = "11", seq = 11, section = CARE, title = "扩大优质护理延伸服务",
    text = "逐步开展优质护理服务通过开展“互联网+护理服务”试点工作，将老年护理、康复护理、安宁疗护、慢病管理等服务延伸至家庭、社区，逐步实现优质护理服务全覆盖。加快发展社区和居家护理服务，积极开设家庭病床，扩大老年护理服务供给，不断满足老年人群健康服务需求。" },
  { code = "12", seq = 12, section = CARE, title = "拓展药学服务范围",
    text = "积极推进公立医疗机构总药师制度试点工作，加大药师配备力度和培训力度，围绕患者需求和临床治疗特点开展专科药学服务。鼓励开设药学门诊、发展居家社区药学服务和“互联网+药学服务”，为长期用药患者提供用药信息和药学咨询服务，开展个性化的合理用药宣教指导" },
  { code = "13", seq = 13, section = CARE, title = "提升医疗安全质量",
    text = "以医疗质量安全改进十大目标为抓手，聚焦心脑血管和肿瘤性疾病等重大疾病领域、病案质量和医院获得性事件等医疗管理领域，以及静脉输液率等问题比较突出的诊疗行为领域，并以此为切入点开展医疗质量安全系统改进工作，提升医疗质量安全管理科学化、精细化水平。" },
  { code = "14", seq = 14, section = CARE, title = "发挥中医特色优势",
    text = "要积极推进中医诊疗模式创新，探索建立符合中医学学术特点、有利于发挥中医特色优势和提高中医临床疗效、方便群众看病就医的中医综合治疗，多专业联合诊疗等模式。提高中医药服务能力，充分发挥中医药在疾病防治中的作用，加强中医临床科室和中药房建设，满足患者中医医疗服务需求；鼓励根据中医诊疗特点优化诊疗服务流程，缩短患者取药等环节等候时间；鼓励为患者提供中药个体化用药加工等个性化服务。" },
  { code = "15", seq = 15, section = HUMAN, title = "建立医务社工制度",
    text = "建立医务社工部门，设立医务社工岗位，负责协助开展医患沟通，提供诊疗、生活、法务、援助等患者支持等服务。" },
  { code = "16", seq = 16, section = HUMAN, title = "深入开展医患沟通",
    text = "每半年开展一次医务人员人文教育和培训，增强医患沟通意识和能力，建立医务人员和窗口服务人员的服务用语和服务行为规范，规范、深入开展医患沟通工作，构建和谐医患关系，打造人文医院。" },
  { code = "17", seq = 17, section = HUMAN, title = "推进“平安医院”建设",
    text = "持续开展严厉打击涉医违法犯罪专项行动，保障医务人员安全。进一步完善医疗纠纷预防与处理法制建设，健全“三调解一保险”医疗纠纷处理制度及保障机制" },
  { code = "18", seq = 18, section = ENV, title = "优化医院就医环境",
    text = "持续推进无烟医院建设，进一步加强医院周边环境治理和医院整体绿化工作，在公共区域为候诊患者提供网络、阅读、餐饮等舒缓情绪服务，为患者和家属提供更加美观、整洁、温馨、便利的就医环境。" },
  { code = "19", seq = 19, section = ENV, title = "设置清晰醒目标示",
    text = "在门诊大厅、各住院楼一楼大厅等醒目位置设置建筑平面图、科室分布图及紧急突发状况安全逃生口；各诊室、职能部门、办事机构等标牌及指示标示准确、规范、清晰、明了；设置危险、易燃、易爆、有毒有害物品和放射源等安全警示牌。" },
  { code = "20", seq = 20, section = ENV, title = "推进“营养食堂”建设",
    text = "设立“营养食堂”，加强住院患者的膳食服务，保障食品安全，建立临床营养服务制度，结合患者疾病特点，提供适合病情治疗需要的膳食服务。鼓励试办“爱心厨房”，提供厨具调料，供肿瘤、贫困、特殊用餐、长期住院患者等使用。" },
  { code = "21", seq = 21, section = COST, title = "推进检查结果互认",
    text = "发挥医学检验、医学影像、病理等专业质控中心作用，加大医疗质量控制力度，提高检查检验同质化水平。通过市级、县级等相关专业医疗质量控制合格的在相应级别行政区域内实行检查检验结果互认。力争2021年底前，紧密型城市医疗集团和县域医疗共同体内实现检查资料共享和结果互认。" },
  { code = "22", seq = 22, section = COST, title = "加强药事管理",
    text = "加强基本药物的优先配备使用，形成以基本药物为主导的“1+X”用药模式。做好药品和耗材集采购和使用，细化相关考核指标及内容。重点加强抗菌药物的临床使用监测、综合评价等方面的管理，对辅助药品营养药品、高价药品不合理使用情况和典型单病种费用实施监控，遏制医疗费用不合理增长。2021年底，设立药事管理与药物治疗学委员会，为药事管理和药学服务提供技术支持" },
  { code = "23", seq = 23, section = COST, title = "开展重大疾病救治工作",
    text = "加强病例登记管理，实施常态化管理，对全院所有符合救治条件的患者实施免费、专项救治，做到应救尽救。提升儿童血液病、恶性肿瘤救治管理水平，逐步扩大儿童血液病、恶性肿瘤救治管理病种范围，进一步完善诊疗体系，提升医疗服务能力水平。有条件的地区，可探索县域内“先诊疗，后付费”服务模式，切实减轻大病患者住院垫资负担。" },
  { code = "24", seq = 24, section = COST, title = "推进疾病应急救助工作",
    text = "简化身份认定程序，优化信息登记流程，进一步完善疾病应急救助体系，扩大基金受益面，杜绝因费用问题而拒绝、推诿急诊患者的问题发生。扎实做好疾病应急救助工作，发挥疾病应急救助基金“救急难”作用，让更多的患者受益。" },
  { code = "25", seq = 25, section = GROUPS, title = "为老年人提供更加便利的就医服务",
    text = "2021年底，设立老年人绿色就医通道，实行老年人优先，为老年人提供挂号、就医等便利服务。在推行非急诊预约诊疗的基础上，完善诊间、电话、自助机、网络、现场预约等多种预约挂号方式，并保留一定比例的现场号源。根据老年患者特点，医疗机构标识应当简明、易懂、字体大小适当，公共设施应当进行适老化设计、改造，有条件医疗机构要设立志愿者服务岗，配备一定数量的专职导诊、陪诊服务人员，提供轮椅、平车等必要的设施设备。" },
  { code = "26", seq = 26, section = GROUPS, title = "为残疾人提供更加便捷的就医服务",
    text = "设置“残疾人优先就诊”绿色通道，实行残疾人优先挂号、优先就诊、优先检查、优先取药、优先住院。同时，提供各种无障碍设施，如设置残疾人坡道、无障碍电梯、无障碍卫生间等为残疾人提供更加便捷的就医服务。可配备导医对残疾患者实行全程陪同服务。" },
  { code = "27", seq = 27, section = GROUPS, title = "为孕妇提供更加贴心的就医服务",
    text = "依托互联网平台，探索建立“互联网+医疗”的服务模式，通过线上对孕产妇进行健康教育和咨询指导等服务，减少孕产妇及家属不必要到医院的频次。利用信息化手段，推广诊前结算、移动支付，包括多种形式的检查检验结果的查询等多种形式，减少孕产妇及家属在医院排队频次和时间，缩短在医院等候的时间。把产前检查、咨询、抽血化验、超声检查等需求量大的检查集中在一个区域，提供一站式服务，减少孕产妇和家属在医院内交叉流动感染的风险。" },
  { code = "28", seq = 28, section = GROUPS, title = "为儿童提供更加友好的就医服务",
    text = "为儿童营造轻松愉悦的就诊环境，在就医环境、候诊、医生看诊、操作检查等方面进行舒适化打造，减轻患儿身体的不适和对陌生环境的恐惧感。通过开设周末专家门诊，让家长可以合理安排就诊时间，错峰就诊。对门诊诊室、采血室、超声室、放射科、手术室等布局进行优化，减轻家长带着孩子上下楼奔波的痛点。" },
}

for _, m in ipairs(measures) do
  m.source = SOURCE
  m.area = m.section == GROUPS and AREA_GROUPS or AREA_ACTION
  m.responsible = RESPONSIBLE.note
end

-- The 领导小组 as 四、工作要求（一） and the appendix name it.  张长江 is listed
-- both as 副组长 and among the 成员, and the seed writes 领导下组 for 领导小组:
-- both kept as the document has them.
local leadership = {
  title = "婺源县妇幼保健院改善群众就医体验领导小组",
  sentence = "成立以党支部书记方忠伟为组长的领导小组，支部副书记张长江，各科室负责人为成员的工作领导小组。",
  leaders = {
    { role = "组长", name = "方忠伟", post = "党支部书记" },
    { role = "副组长", name = "张长江", post = "支部副书记" },
  },
  members = {
    "胡冬法", "俞恒", "潘俊泉", "程铁容", "张长江", "张莉芳", "郭国保", "程义华", "詹耀辉",
    "孙华保", "江佩兰", "黄志饶", "程小华", "石维", "朱雅贞", "朱江", "俞春莺", "江中芳",
    "查剑英", "洪秀芳", "朱权珍", "祝大年", "黄剑", "汪晓燕", "金燕", "詹钟亮", "胡光华",
    "方国林", "江署芳", "吕华琳", "王珍华", "姚凤仙", "吴春风", "洪群慧", "黄韬", "程智斌",
    "吴丽", "李静红", "汪志琴", "俞娜",
  },
  office = "领导下组下设办公室，党办主任石维同志兼任办公室主任，具体负责日常工作。",
}

-- Indicators the targets are measured by.  Names are the seed's words; the
-- seed defines none of them further, so numerator and denominator (notes) are
-- the plain reading of its sentence.
local indicators = {
  { code = "WY_INPAT_APPT", number = "1", name = "住院预约诊疗率", dimension = WAIT,
    unit = "%", type = "rate", direction = "higher", source = SOURCE,
    note = "分子：预约住院的患者数；分母：住院患者数" },
  { code = "WY_EXAM_APPT", number = "1", name = "患者预约检查比例", dimension = WAIT,
    unit = "%", type = "rate", direction = "higher", source = SOURCE,
    note = "分子：预约检查的患者数；分母：检查患者数" },
  { code = "WY_APPT_SLOT", number = "2", name = "预约就诊的精确度", dimension = WAIT,
    unit = "分钟", type = "duration", direction = "lower", source = SOURCE,
    note = "预约时段的长度：原文“力争预约时间精确到30分钟”" },
  { code = "WY_WAIT", number = "2", name = "患者平均等候时间", dimension = WAIT,
    unit = "分钟", type = "duration", direction = "lower", source = SOURCE,
    note = "原文单位写作“分”" },
  { code = "WY_MULTI_ID", number = "4",
    name = "支持身份证、居民电子健康码、社会保障卡等多种形式挂号就诊", dimension = WAIT,
    type = "bool", direction = "higher", source = SOURCE },
  { code = "WY_PATHWAY", number = "7", name = "住院患者临床路径管理比例", dimension = CARE,
    unit = "%", type = "rate", direction = "higher", source = SOURCE,
    note = "分子：按照临床路径管理的出院患者数；分母：出院患者数（原文：70%出院患者要按照临床路径管理）" },
  { code = "WY_EMS_RADIUS", number = "10", name = "院前医疗急救网络服务半径", dimension = CARE,
    unit = "公里", type = "number", direction = "lower", source = SOURCE },
  { code = "WY_TRAINING", number = "16", name = "医务人员人文教育和培训", dimension = HUMAN,
    unit = "次", type = "count", direction = "higher", source = SOURCE,
    note = "本半年开展的次数" },
  { code = "WY_RESULT_SHARING", number = "21", name = "检查资料共享和结果互认", dimension = COST,
    type = "bool", direction = "higher", source = SOURCE,
    note = "紧密型城市医疗集团和县域医疗共同体内" },
  { code = "WY_PHARMACY_COMMITTEE", number = "22", name = "设立药事管理与药物治疗学委员会",
    dimension = COST, type = "bool", direction = "higher", source = SOURCE },
  { code = "WY_ELDERLY_CHANNEL", number = "25", name = "设立老年人绿色就医通道",
    dimension = GROUPS, type = "bool", direction = "higher", source = SOURCE },
}

-- Every quantified or dated target of the seed.  `due` is the seed's own
-- wording of the deadline; `deadline` its last day by pxr.target.deadline, the
-- rule of every plugin ("到2023年" and "2023年底" are read as 2023-12-31).  A target without a deadline is standing for the
-- plan's span.  All apply to the hospital itself (no `who`).  A yes/no target
-- is `= 1` (是); 以上 and 不超过 include the bound.
local HOSPITAL = "本院"
local targets = {
  { code = "T01", measure_no = "1", indicator = "WY_INPAT_APPT", name = "住院预约诊疗率",
    comparator = ">=", value = 30, unit = "%", due = "到2023年",
    scope = HOSPITAL,
    sentence = "建立预约诊疗制度，到2023年，住院预约诊疗率达到30%以上，患者预约检查比例达到100%。" },
  { code = "T02", measure_no = "1", indicator = "WY_EXAM_APPT", name = "患者预约检查比例",
    comparator = ">=", value = 100, unit = "%", due = "到2023年",
    scope = HOSPITAL,
    sentence = "建立预约诊疗制度，到2023年，住院预约诊疗率达到30%以上，患者预约检查比例达到100%。" },
  { code = "T03", measure_no = "2", indicator = "WY_APPT_SLOT", name = "预约时间精确到30分钟",
    comparator = "<=", value = 30, unit = "分钟", due = "力争，未定期限", scope = HOSPITAL,
    sentence = "开通分时段预约，通过精细测算就诊时间，不断提升预约就诊的精确度，力争预约时间精确到30分钟，患者平均等候时间不超过15分。" },
  { code = "T04", measure_no = "2", indicator = "WY_WAIT", name = "患者平均等候时间",
    comparator = "<=", value = 15, unit = "分钟", due = "力争，未定期限", scope = HOSPITAL,
    sentence = "开通分时段预约，通过精细测算就诊时间，不断提升预约就诊的精确度，力争预约时间精确到30分钟，患者平均等候时间不超过15分。" },
  { code = "T05", measure_no = "4", indicator = "WY_MULTI_ID", type = "bool",
    name = "支持身份证、居民电子健康码、社会保障卡等多种形式挂号就诊",
    comparator = "=", value = 1, due = "2023年底前", scope = HOSPITAL,
    sentence = "2023 年底前，医院可支持身份证、居民电子健康码、社会保障卡等多种形式挂号就诊。" },
  { code = "T06", measure_no = "7", indicator = "WY_PATHWAY", name = "住院患者临床路径管理比例",
    comparator = ">=", value = 70, unit = "%", due = "2022年底前",
    scope = HOSPITAL, sentence = "2022 年底前，70%出院患者要按照临床路径管理。" },
  { code = "T07", measure_no = "10", indicator = "WY_EMS_RADIUS", name = "院前医疗急救网络服务半径",
    comparator = "<=", value = 30, unit = "公里", due = "2023年底",
    scope = "本院院前医疗急救网络",
    sentence = "2023年底，院前医疗急救网络服务半径不超过30公里。" },
  { code = "T08", measure_no = "16", indicator = "WY_TRAINING", name = "医务人员人文教育和培训",
    comparator = ">=", value = 1, unit = "次", per = "half", due = "每半年", scope = HOSPITAL,
    sentence = "每半年开展一次医务人员人文教育和培训，增强医患沟通意识和能力" },
  { code = "T09", measure_no = "21", indicator = "WY_RESULT_SHARING", type = "bool",
    name = "检查资料共享和结果互认", comparator = "=", value = 1, due = "力争2021年底前", scope = "紧密型城市医疗集团和县域医疗共同体内",
    sentence = "力争 2021 年底前，紧密型城市医疗集团和县域医疗共同体内实现检查资料共享和结果互认。" },
  { code = "T10", measure_no = "22", indicator = "WY_PHARMACY_COMMITTEE", type = "bool",
    name = "设立药事管理与药物治疗学委员会", comparator = "=", value = 1,
    due = "2021年底", scope = HOSPITAL,
    sentence = "2021 年底，设立药事管理与药物治疗学委员会，为药事管理和药学服务提供技术支持" },
  { code = "T11", measure_no = "25", indicator = "WY_ELDERLY_CHANNEL", type = "bool",
    name = "设立老年人绿色就医通道", comparator = "=", value = 1, due = "2021年底", scope = HOSPITAL,
    sentence = "2021年底，设立老年人绿色就医通道，实行老年人优先，为老年人提供挂号、就医等便利服务。" },
}

-- The plan is the hospital's own: each target is the hospital's (judged
-- "each", over the one institution); deadlines by pxr.target's one rule.
for _, t in ipairs(targets) do
  t.judged, t.judged_by = "each", "本院实施方案：各项要求由本院落实"
  t.deadline = target.deadline(t.due)
end

-- Dates the seed sets.  It sets no reporting due dates: progress is reported
-- here by half-year, the periods the examples use.
local calendar = {
  { from = "2021-01-01", to = "2023-12-31", source = SOURCE,
    text = "利用3年时间，在巩固改善群众就医体验成果基础上，进一步实施“五聚焦五提升”行动计划" },
  { every = "half-year", source = SOURCE, text = "每半年开展一次医务人员人文教育和培训" },
  { date = "2021-12-31", source = SOURCE,
    text = "力争 2021 年底前，紧密型城市医疗集团和县域医疗共同体内实现检查资料共享和结果互认" },
  { date = "2021-12-31", source = SOURCE, text = "2021 年底，设立药事管理与药物治疗学委员会" },
  { date = "2021-12-31", source = SOURCE, text = "2021年底，设立老年人绿色就医通道" },
  { date = "2022-12-31", source = SOURCE, text = "2022 年底前，70%出院患者要按照临床路径管理" },
  { date = "2023-12-31", source = SOURCE,
    text = "到2023年，住院预约诊疗率达到30%以上，患者预约检查比例达到100%" },
  { date = "2023-12-31", source = SOURCE,
    text = "2023 年底前，医院可支持身份证、居民电子健康码、社会保障卡等多种形式挂号就诊" },
  { date = "2023-12-31", source = SOURCE, text = "2023年底，院前医疗急救网络服务半径不超过30公里" },
}

-- The progress report: one hospital, one half-year (pxr.report.progress), with
-- the 领导小组 as its first section and the seed's division of work in the notes.

local function leadership_section()
  local l = leadership
  local items = {}
  for _, p in ipairs(l.leaders) do items[#items + 1] = { p.role, p.name .. "（" .. p.post .. "）" } end
  items[#items + 1] = { "成员", table.concat(l.members, "、") .. "（共" .. #l.members .. "人）" }
  items[#items + 1] = { "办公室", l.office }
  local blocks = {
    doc.paragraph("根据方案“四、工作要求”：" .. l.sentence .. "名单见方案附件《" .. l.title .. "的名单》。"),
    doc.kv(items, 1),
    doc.paragraph("注：名单照录原文，张长江同时列为副组长和成员；“领导下组”为原文用字。",
                  { size = 9, indent = 0 }),
  }
  local el = { tag = "leadership", attrs = { title = l.title, sentence = l.sentence, office = l.office } }
  for _, p in ipairs(l.leaders) do
    el[#el + 1] = { tag = "leader", attrs = { role = p.role, name = p.name, post = p.post } }
  end
  for _, name in ipairs(l.members) do el[#el + 1] = { tag = "member", attrs = { name = name } } end
  return blocks, { el }
end

local progress = report.progress {
  title = "改善群众就医体验主题活动推进情况",
  keywords = "改善群众就医体验,五聚焦五提升,",
  -- The plan is one hospital's own: the 妇幼保健院 of 婺源县 (361130).
  units = function()
    local codes = {}
    for _, r in ipairs(pxr.db.query("SELECT code FROM institution WHERE region = ? AND kind = ? "
                                    .. "ORDER BY code", "361130", "妇幼")) do
      codes[#codes + 1] = r.code
    end
    return codes
  end,
  sections = { { name = "leadership", title = "领导小组", build = leadership_section },
               "measures", "departments", "targets" },
  hooks = {
    section = function(sec)
      if sec.name ~= "measures" then return nil end
      sec.blocks[2].notes = { "注：举措序号、分组和名称照录方案原文。" .. RESPONSIBLE.note
        .. "（“四、工作要求”：“" .. RESPONSIBLE.sentences[1] .. "”，“" .. RESPONSIBLE.sentences[3]
        .. "”），表中责任科室为本院填报的分工。“未报告”表示本期无该举措的进展数据。" }
    end,
    closing = function(_, ctx)
      return doc.paragraph("依据：婺源县妇幼保健院《关于印发〈婺源县妇幼保健院改善群众就医体验主题活动"
                           .. "实施方案（2021-2023）〉的通知》（" .. ctx.plugin.number .. "）。", { size = 9 })
    end,
  },
}

return {
  id = PLUGIN,
  -- the plan is the hospital's own: 婺源县's 妇幼保健院 (pxr validate checks only it)
  covers = function(inst) return inst.region == "361130" and inst.kind == "妇幼" end,
  title = "婺源县妇幼保健院改善群众就医体验主题活动实施方案（2021-2023年）",
  issuer = "婺源县妇幼保健院",
  -- the plan's own 文号 and the document(s) it implements, as pxr.sources records them
  number = require("pxr.sources").wuyuan2021.number,
  basis = require("pxr.sources").wuyuan2021.basis,
  span = "2021-2023",
  source = SOURCE,
  example_period = "2022S2",
  calendar = calendar,
  leadership = leadership,
  responsible = RESPONSIBLE,
  measures = measures,
  indicators = indicators,
  targets = targets,
  reports = { progress = progress },
}
