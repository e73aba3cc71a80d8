-- A GB/T 9704-2012 submission: 3号 body on a 22-line grid, headings 黑体 then
-- 楷体, "— N —" page numbers, the unit and date at the end.  The paragraphs
-- quote the nhc2023 seed (004_fde8783e5eb18896.txt); the unit is an example.
local seed = {
  "近日，国家卫健委、国家中医药管理局印发了《关于开展改善就医感受提升患者体验主题活动的通知》（简称“通知”），于2023—2025年在全国实施改善就医感受、提升患者体验主题活动，进一步解决人民群众看病就医的急难愁盼问题，改善全过程就医感受，提升患者体验，保障人民群众享有公立医院高质量发展成果。",
  "在提升患者诊前体验方面，通知要求，完善预约诊疗制度。二级及以上医院应普遍建立预约诊疗制度，运用人工智能等手段提升预约诊疗精准度。",
  "一是提供多种途径、多种有效证件的预约，落实分时段预约，推行检查检验集中预约等多种预约模式。结合专业特点合理安排号源量，为医患沟通预留充足时间。",
  "二是推广门诊、跨科、复诊、诊疗团队内、医联体内等多种预约模式，二三级医院向基层医疗机构开放一定比例号源，发挥家庭医生在预约转诊、预约检查等方面的积极作用，提升服务连续性。",
  "三是探索应用人工智能分诊系统，并与门诊电子病历系统对接，形成智能问诊—分诊—预约—病史采集流程。",
  "四是优化预约诊疗平台，推行实名制预约，加强退号、失约管理，严厉打击“号贩子”。",
}
local body = {
  { kind = "heading", level = 1, text = "一、总体情况" },
  { kind = "paragraph", text = seed[1] },
  { kind = "heading", level = 2, text = "（一）完善预约诊疗制度" },
  { kind = "paragraph", text = seed[2] },
  { kind = "heading", level = 3, text = "1.多种途径预约" },
}
for i = 3, 6 do body[#body + 1] = { kind = "paragraph", text = seed[i] } end
for i = 1, 6 do body[#body + 1] = { kind = "paragraph", text = seed[i] } end
body[#body + 1] = { kind = "heading", level = 1, text = "二、下一步工作" }
for i = 1, 3 do body[#body + 1] = { kind = "paragraph", text = seed[i] } end
return {
  kind = "document", style = "gongwen",
  title = "关于改善就医感受提升患者体验主题活动进展情况的报告",
  author = "某某市卫生健康委员会", subject = "改善就医感受提升患者体验",
  signature = { unit = "某某市卫生健康委员会", date = "2024年7月15日" },
  body = body,
}
