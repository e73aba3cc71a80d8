-- A row taller than a page is split between lines; colspan and rowspan; landscape.
local long = {}
for i = 1, 90 do
  long[i] = string.format("第%d条：二级及以上医院建立患者入出院服务中心，优化入出院流程，提供“一站式”服务。", i)
end
return {
  kind = "document", title = "长单元格", orientation = "landscape", watermark = "草稿",
  body = {
    { kind = "table", caption = "表3 跨页单元格",
      columns = { { title = "项目", width = 1 }, { title = "内容", width = 4 }, { title = "备注", width = 1 } },
      header = { { { text = "项目", rowspan = 2 }, { text = "内容与备注", colspan = 2 } },
                 { "内容", "备注" } },
      rows = {
        { "短行", "一行文字", 1 },
        { { text = "合并两行", rowspan = 2 }, "第一行", "甲" },
        { "第二行", "乙" },
        { "长单元格", table.concat(long, ""), "右侧单元格也有几行文字：提升患者体验。" },
        { { text = "跨三列的合计行", colspan = 3, align = "center", bold = true } },
        { "最后", "结束", 99.5 },
      } },
  },
}
