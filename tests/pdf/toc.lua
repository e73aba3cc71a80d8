-- A report with a table of contents (toc = true), a landscape table inside a
-- portrait document, and hanging punctuation (punctuation = "hang").  The
-- paragraphs and the two sub-headlines are quoted from the nhc2023 seed
-- (004_fde8783e5eb18896.txt); the table's figures are examples.
local seed = {
  "本次主题活动从患者视角出发，围绕看病就医全流程，提出6个方面共20条具体举措，力争用3年的时间，将“以病人为中心”贯穿于医疗服务各环节，整体提升医疗服务的舒适化、智慧化、数字化水平，推动形成流程更科学、模式更连续、服务更高效、环境更舒适、态度更体贴的中国式现代化医疗服务模式，人民群众就医获得感、幸福感、安全感进一步增强。",
  "在提升患者诊前体验方面，通知要求，完善预约诊疗制度。二级及以上医院应普遍建立预约诊疗制度，运用人工智能等手段提升预约诊疗精准度。",
  "一是提供多种途径、多种有效证件的预约，落实分时段预约，推行检查检验集中预约等多种预约模式。结合专业特点合理安排号源量，为医患沟通预留充足时间。",
  "二是推广门诊、跨科、复诊、诊疗团队内、医联体内等多种预约模式，二三级医院向基层医疗机构开放一定比例号源，发挥家庭医生在预约转诊、预约检查等方面的积极作用，提升服务连续性。",
  "通知提出，有条件的地方，医疗机构可对诊断明确、病情相对稳定、经评估符合住院指征、择期手术的患者，在保障医疗质量安全的前提下办理“预住院”，在患者入院前完成术前检查检验，缩短入院后术前等待时间。",
  "在提升患者门诊体验方面，通知要求，再造门诊流程。进一步优化门诊流程设计，缩短患者在门诊的滞留时间。一是压缩门诊取号、缴费、打印报告等环节，缩短患者在门诊的等候时间。二是加强引导，明确当日检查检验结果回报患者的接诊流程，简化需要多次门诊诊疗、护理的流程，减少无序流动。三是提供多种付费渠道，在确保资金安全的前提下，探索推行“先诊疗后付费”“一次就诊一次付费”。",
}
local lines = {
  "二级及以上医院应普遍建立预约诊疗制度",
  "鼓励提供“患者不动 医师动”的MDT服务",
}

-- a paragraph whose 42nd character is a comma: with a two-character indent the
-- first line holds 41 characters at 10.5 pt, so the comma hangs past the margin
local han = {}
for _, c in utf8.codes(seed[2]) do
  if c >= 0x4E00 and c <= 0x9FFF then han[#han + 1] = utf8.char(c) end
end
local hang = table.concat(han, "", 1, 41) .. "，" .. table.concat(han, "", 42)

local cols = { { title = "盟市", width = 2 } }
local regions = { "呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市",
                  "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市", "兴安盟", "锡林郭勒盟", "阿拉善盟" }
for i = 1, 14 do cols[#cols + 1] = { title = "指标" .. i, align = "right" } end
local rows = {}
for r = 1, 40 do
  local row = { regions[(r - 1) % #regions + 1] }
  for i = 1, 14 do row[#row + 1] = string.format("%.2f", (r * 7 + i * 13) % 100 + 0.25) end
  rows[r] = row
end

local body = {
  { kind = "heading", level = 1, text = "一、总体情况" },
  { kind = "paragraph", text = hang, indent = 2, align = "justify" },
  { kind = "paragraph", text = seed[1], indent = 2, align = "justify" },
  { kind = "heading", level = 2, text = "（一）" .. lines[1] },
  { kind = "paragraph", text = seed[2], indent = 2, align = "justify" },
  { kind = "heading", level = 3, text = "1.多种途径预约" },
}
for i = 3, #seed do body[#body + 1] = { kind = "paragraph", text = seed[i], indent = 2, align = "justify" } end
body[#body + 1] = { kind = "heading", level = 1, text = "二、各盟市指标明细" }
body[#body + 1] = { kind = "table", landscape = true, columns = cols, rows = rows,
                    caption = "表1 各盟市指标明细（横排）" }
body[#body + 1] = { kind = "heading", level = 2, text = "（二）" .. lines[2] }
for i = 1, #seed do body[#body + 1] = { kind = "paragraph", text = seed[i], indent = 2, align = "justify" } end
body[#body + 1] = { kind = "heading", level = 1, text = "三、下一步工作" }
for i = 1, 3 do body[#body + 1] = { kind = "paragraph", text = seed[i], indent = 2, align = "justify" } end
return {
  kind = "document", toc = true, punctuation = "hang",
  title = "改善就医感受提升患者体验主题活动进展报告",
  author = "某某市卫生健康委员会", header = "改善就医感受提升患者体验主题活动",
  body = body,
}
