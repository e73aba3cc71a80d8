-- Charts: grouped bars over the 12 盟市 (long names turned), a target line,
-- traffic-light marks and a missing value; a line over half-years with a gap.
-- The values are test data, not measurements.
local chart = require("pxr.chart")
local regions = { "呼和浩特市", "包头市", "乌海市", "赤峰市", "通辽市", "鄂尔多斯市",
                  "呼伦贝尔市", "巴彦淖尔市", "乌兰察布市", "兴安盟", "锡林郭勒盟", "阿拉善盟" }
local h1 = { 62.5, 71.0, 55.2, 48.9, 66.3, 80.1, 59.4, 44.0, 52.7, 61.8, 57.3, 69.9 }
local h2 = { 66.0, 74.4, 58.1, 53.2, nil, 82.6, 63.0, 47.5, 56.1, 65.2, 60.4, 72.3 }
local marks = {}
for i = 1, #regions do
  local v = h2[i]
  marks[i] = v == nil and "na" or v >= 60 and "met" or i % 3 == 0 and "overdue" or "not_due"
end
local bars = chart.bars{
  title = "图1 各盟市门诊患者预约诊疗率（测试数据）",
  categories = regions,
  series = { { name = "2024年上半年", values = h1 }, { name = "2024年下半年", values = h2 } },
  unit = "%", target = { value = 60, label = "目标 ≥60%" }, marks = marks,
}
local lines = chart.lines{
  title = "图2 全区门诊患者满意度变化（测试数据）",
  categories = { "2023年上半年", "2023年下半年", "2024年上半年", "2024年下半年", "2025年上半年" },
  series = { { name = "三级医院", values = { 88.2, 89.5, nil, 91.4, 92.0 } },
             { name = "二级医院", values = { 84.1, 85.0, 86.3, 87.9, 88.4 } } },
  unit = "分", target = { value = 90, label = "目标 90分" }, height = 60,
}
return {
  kind = "document", title = "图表测试", author = "pxr",
  body = {
    { kind = "heading", level = 1, text = "一、预约诊疗" },
    { kind = "paragraph", text = "下图按盟市比较两个半年的门诊患者预约诊疗率。" },
    bars,
    -- leaves too little room for figure 2: it moves whole to page 2, its heading with it
    { kind = "spacer", height = 75 },
    { kind = "heading", level = 1, text = "二、满意度" },
    lines,
  },
}
