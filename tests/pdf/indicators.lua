-- The 27 evaluation indicators of 评估指标（试行）, quoted from the Inner Mongolia seed
-- (the appendix of the national notice, as pxr.sources.innermongolia2023 reproduces it); sections as rowspans, a kv block, header and watermark.
local rows = {}
local sections = {
  {"诊前", 1, "门诊患者预约诊疗率"},
  {"诊前", 2, "门诊号源下放比例▲"},
  {"诊前", 3, "是否提供预就诊服务"},
  {"诊前", 4, "择期手术患者术前等待时间"},
  {"门诊", 5, "门诊患者预约到院后平均等待时间"},
  {"门诊", 6, "门诊提供MDT服务的病种数▲"},
  {"门诊", 7, "是否设置新型门诊（麻醉、疼痛、药学等）服务▲"},
  {"门诊", 8, "是否开展“先诊疗、后付费”"},
  {"急救", 9, "120呼叫反应时间"},
  {"急救", 10, "院前医疗急救3分钟出车率"},
  {"急救", 11, "是否设置急诊急救五大中心▲"},
  {"急救", 12, "急诊留观患者平均滞留时间"},
  {"住院", 13, "日间手术占择期手术比例"},
  {"住院", 14, "临床路径入径率和出径率"},
  {"住院", 15, "中医医院以中医为主治疗的出院患者比例"},
  {"住院", 16, "分娩镇痛率＃"},
  {"住院", 17, "是否建立“一站式”入出院服务中心"},
  {"住院", 18, "开展责任制整体护理的病区占比"},
  {"住院", 19, "出院患者当日结算率"},
  {"诊后", 20, "下转患者人次数（门急诊、住院）▲"},
  {"诊后", 21, "出院患者随访比例"},
  {"诊后", 22, "提供延续性护理服务的病区占比"},
  {"全程", 23, "是否提供“互联网+护理服务”"},
  {"全程", 24, "是否提供加速康复外科服务▲"},
  {"全程", 25, "智慧医院建设分级"},
  {"全程", 26, "是否建成老年友善医疗机构"},
  {"全程", 27, "是否建成残疾人友好医疗机构"},
}
local i = 1
while i <= #sections do
  local j = i
  while j < #sections and sections[j + 1][1] == sections[i][1] do j = j + 1 end
  for k = i, j do
    local r = {}
    if k == i then r[#r + 1] = { text = sections[i][1], rowspan = j - i + 1, align = "center" } end
    r[#r + 1] = sections[k][2]
    r[#r + 1] = sections[k][3]
    r[#r + 1] = (k % 3 == 0) and "是" or string.format("%.1f", 50 + k * 1.7)
    rows[#rows + 1] = r
  end
  i = j + 1
end
return {
  kind = "document", title = "改善就医感受提升患者体验评估指标（试行）",
  subtitle = "内蒙古自治区 2023年上半年", author = "pxr 测试", subject = "评估指标",
  header = "改善就医感受提升患者体验主题活动 · 评估报告", watermark = "草稿",
  body = {
    { kind = "heading", level = 1, text = "一、机构基本情况" },
    { kind = "kv", columns = 2, items = {
      { "机构名称", "呼和浩特市第一医院" }, { "统一社会信用代码", "12150100460000000X" },
      { "所在地区", "内蒙古自治区呼和浩特市" }, { "医院级别", "三级甲等" },
      { "有产科", "是" }, { "医联体牵头", "是" }, { "填报期间", "2023S1" } } },
    { kind = "heading", level = 1, text = "二、评估指标" },
    { kind = "heading", level = 2, text = "（一）27项指标完成情况" },
    { kind = "table", caption = "表1 评估指标（试行）",
      columns = { { title = "类别", width = 1.2 }, { title = "序号", width = 0.7, align = "center" },
                  { title = "指标名称", width = 6 }, { title = "本期值", width = 1.5 } },
      rows = rows,
      notes = { "注：1.标注▲的指标适用于三级医院和医联体的牵头医院。",
                "2.标注＃的指标适用于有产科的医疗机构。" } },
  },
}
