-- 500 rows over many pages: the header row must repeat on every page, no row is cut.
local rows = {}
local kinds = { "综合", "中医", "蒙医", "中西医结合", "妇幼", "专科" }
for i = 1, 500 do
  rows[i] = {
    i,
    string.format("示例医院%03d（%s）", i, kinds[i % #kinds + 1]),
    string.format("15%04d", i),
    string.format("%.1f", 60 + (i * 37) % 400 / 10),
    (i * 13) % 97,
    i % 4 == 0 and "已完成" or "推进中",
  }
end
return {
  kind = "document", title = "门诊患者预约诊疗率（逐机构）", author = "pxr",
  body = {
    { kind = "heading", level = 1, text = "机构明细" },
    { kind = "table", caption = "表2 各机构门诊患者预约诊疗率",
      columns = { { title = "序号" }, { title = "机构名称" }, { title = "地区代码" },
                  { title = "预约诊疗率（%）" }, { title = "号源数" }, { title = "状态" } },
      rows = rows, notes = { "注：预约诊疗率 = 预约诊疗人次数 / 门诊总诊疗人次数 × 100%。" } },
    { kind = "paragraph", text = "表后段落：以上数据为测试数据。" },
  },
}
