-- 各盟市排名: the regions under one region ranked on one indicator, with a bar chart.
-- Run:  pxr run examples/scripts/ranking.lua 2024S2 ranking.pdf [INDICATOR] [REGION]
local period = pxr.period.parse(arg[1] or "2024S2") or pxr.error("give a period such as 2024S2")
local out = arg[2] or "ranking.pdf"
local code, top = arg[3] or "EI01", arg[4] or "150000"
local ind = pxr.data.indicator(code)
local place = pxr.data.region(top).name

local rows = pxr.data.by_region { indicator = code, period = period, region = top }
table.sort(rows, function(a, b)
  if (a.value == nil) ~= (b.value == nil) then return a.value ~= nil end
  if a.value == nil or a.value == b.value then return a.region < b.region end
  return (ind.direction == "lower") == (a.value < b.value)
end)

local t = { columns = { { title = "名次", width = 1 }, { title = "地区", width = 3 },
                        { title = ind.name .. "（" .. (ind.unit or "") .. "）", width = 3 },
                        { title = "填报机构（家）", width = 2 } }, rows = {} }
local names, values, ranked = {}, {}, 0
for i, r in ipairs(rows) do
  if r.value ~= nil then ranked = ranked + 1 end
  t.rows[i] = { r.value ~= nil and ranked or "—", r.name,
                pxr.indicator.display(ind, r.value) or "无数据", r.reported }
  names[i], values[i] = r.name, r.value
end
local all = pxr.data.pooled { indicator = code, period = period, region = top }
local target = pxr.db.query("SELECT comparator, value, unit FROM target WHERE indicator = ? ORDER BY plugin LIMIT 1", code)[1]

local body = {
  pxr.doc.paragraph(string.format("%s%s共有%d个下级地区填报，全辖合计为%s%s（%d家机构）；%s。",
    place, pxr.period.label(period), ranked, pxr.indicator.display(ind, all.value) or "无数据", ind.unit or "",
    all.reported, ind.direction == "lower" and "数值越低越好" or "数值越高越好")),
  pxr.chart.bars { title = "图1 " .. ind.name, categories = names, unit = ind.unit,
                   series = { { name = pxr.period.label(period), values = values } },
                   target = target and { value = target.value,
                                         label = "目标" .. pxr.target.describe(target) } or nil },
  pxr.doc.table(t),
  pxr.doc.paragraph("注：合计为各机构分子之和除以分母之和；无数据的地区不参与排名，也不计为零。", { size = 9 }),
}
pxr.pdf(pxr.doc.document { title = place .. ind.name .. "排名", subtitle = pxr.period.label(period),
                           author = "pxr 示例", body = body }, out)
print(out .. ": " .. ranked .. " regions ranked")
