-- Number columns: thousands separators and fixed decimals from the column's
-- format; the three table styles.  Test data.
local function tbl(style)
  return { kind = "table", style = style, caption = "表 " .. style,
    columns = { { title = "地区" },
                { title = "门诊人次", format = { decimals = 0, thousands = true } },
                { title = "预约诊疗率（%）", format = { decimals = 2 } },
                { title = "费用（元）", format = { decimals = 2, thousands = true } } },
    rows = { { "呼和浩特市", 1234567, 61.5, 9876543.215 },
             { "锡林郭勒盟", 98765, "58.333", -1234.5 },
             { "阿拉善盟", 512, "无数据", 0 },
             { { text = "合计", colspan = 2 }, "60.1%", 12345678 } } }
end
return {
  kind = "document", title = "表格格式", author = "pxr",
  body = { tbl("grid"), tbl("zebra"), tbl("rules") },
}
