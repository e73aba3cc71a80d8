-- Mixed Chinese, Latin and digits with every forbidden mark at tricky positions,
-- at several sizes and alignments so that marks land at line ends and starts.
local marks = "，。、；：？！）》」』”’〕】,.;:?!)]}"
local opens = "（《「『“‘〔【([{"
local base = "改善就医感受，提升患者体验（2023—2025年）。门诊患者预约诊疗率≥60%，" ..
  "三级医院门诊等候时间不超过20分钟；“一站式”服务中心、MDT服务、Internet+护理服务……" ..
  "《改善医疗服务行动计划》「重点工作」『方案』〔2023〕【附件】：是否开展？是！" ..
  "English words like improvement, satisfaction and appointment stay whole; " ..
  "numbers 12345.678 and 98.5% too——破折号不拆开。"
local body = { { kind = "heading", level = 1, text = "避头尾测试" } }
for _, size in ipairs({ 9, 10.5, 11, 12, 13.5 }) do
  for _, align in ipairs({ "justify", "left", "right", "center" }) do
    body[#body + 1] = { kind = "paragraph", text = base .. "标点：" .. marks .. "开：" .. opens .. "尾",
                        align = align, size = size, indent = (align == "justify") and 2 or 0 }
  end
end
for i = 1, 40 do
  body[#body + 1] = { kind = "paragraph", size = 10.5,
    text = string.rep("测", i % 7) .. "患者（体验）“满意”《报告》，" .. string.rep("字", i) ..
      "。」』）】〕’”！？；：、" .. string.rep("a", i % 5) .. " (test) [x] {y}, ok." }
end
return { kind = "document", title = "标点与换行", header = "pxr 排版测试", body = body }
