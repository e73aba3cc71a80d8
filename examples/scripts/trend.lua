-- 趋势: one indicator over the periods up to PERIOD, for a region and by hospital level.
-- Run:  pxr run examples/scripts/trend.lua 2024S2 trend.pdf [INDICATOR] [REGION] [PERIODS]
local period = pxr.period.parse(arg[1] or "2024S2") or pxr.error("give a period such as 2024S2")
local out = arg[2] or "trend.pdf"
local code, top, n = arg[3] or "EI01", arg[4] or "150000", tonumber(arg[5] or "4")
local ind = pxr.data.indicator(code)
local place = pxr.data.region(top).name

local periods = { period }
while #periods < n do table.insert(periods, 1, pxr.period.previous(periods[1])) end
local labels = {}
for i, p in ipairs(periods) do labels[i] = pxr.period.label(p) end

-- 较上期 compares like with like: the institutions that reported in both of the last two
-- periods, pooled the way pxr.data.pooled pools (Σnumerator/Σdenominator for a rate, the sum
-- for a count or 是, else the mean), not two figures over different institutions
local function pool(rows)
  local xs = {}
  for _, r in ipairs(rows) do xs[#xs + 1] = r.value end
  if #xs == 0 then return nil end
  if ind.type == "rate" and pxr.indicator.pooled(rows) then return (pxr.indicator.pooled(rows)) end
  if ind.type ~= "count" and ind.type ~= "bool" then return (pxr.indicator.mean(xs)) end
  local sum = 0
  for _, x in ipairs(xs) do sum = sum + x end
  return sum
end
local function paired(level)
  if #periods < 2 then return nil, 0 end
  local before, now, was = {}, {}, {}
  for _, r in ipairs(pxr.data.values { indicator = code, period = periods[#periods - 1], region = top, level = level }) do
    if r.value ~= nil then before[r.unit] = r end
  end
  for _, r in ipairs(pxr.data.values { indicator = code, period = period, region = top, level = level }) do
    if r.value ~= nil and before[r.unit] then now[#now + 1], was[#was + 1] = r, before[r.unit] end
  end
  return pxr.indicator.change(pool(now), pool(was)), #now
end

local groups = { { name = "全部", level = nil } }
for _, level in ipairs(pxr.indicator.LEVELS) do groups[#groups + 1] = { name = level .. "医院", level = level } end
local series, t = {}, { columns = { { title = "分组", width = 2 } }, rows = {} }
for _, l in ipairs(labels) do t.columns[#t.columns + 1] = { title = l, width = 2 } end
t.columns[#t.columns + 1] = { title = "较上期", width = 2.4 }
for _, g in ipairs(groups) do
  local s = pxr.data.series { indicator = code, periods = periods, region = top, level = g.level }
  local values, row, any = {}, { g.name }, false
  for i, r in ipairs(s) do
    values[i] = r.value
    row[#row + 1] = r.value and (pxr.indicator.display(ind, r.value) .. "（" .. r.reported .. "家）") or "无数据"
    any = any or r.value ~= nil
  end
  local change, both = paired(g.level)
  row[#row + 1] = change and string.format("%+.2f（%d家）", change, both) or "—"
  if any then
    series[#series + 1] = { name = g.name, values = values }
    t.rows[#t.rows + 1] = row
  end
end

local body = {
  pxr.doc.paragraph(string.format("%s%s，%s至%s各期数值：全部医院合计及按医院级别分组（合计为分子之和除以分母之和，括号内为填报机构数）。",
    place, ind.name, labels[1], labels[#labels])),
  pxr.chart.lines { title = "图1 " .. ind.name .. "变化趋势", categories = labels, unit = ind.unit, series = series },
  pxr.doc.table(t),
  pxr.doc.paragraph((#periods > 1 and "注：1." or "注：") .. "某期无数据时折线断开，不计为零。各期数值为当期填报机构的合计，各期填报的机构可能不同。", { size = 9 }),
}
if #periods > 1 then
  body[#body + 1] = pxr.doc.paragraph(string.format("　　2.较上期为%s和%s均填报的机构（括号内为其家数）本期与上期之差，"
    .. "率以百分点计；只填报其中一期的机构不计入；无两期均填报的机构时为“—”。", labels[#labels - 1], labels[#labels]),
    { size = 9 })
end
pxr.pdf(pxr.doc.document { title = place .. ind.name .. "变化趋势", subtitle = labels[1] .. "至" .. labels[#labels],
                           author = "pxr 示例", body = body }, out)
print(out .. ": " .. #series .. " series over " .. #periods .. " periods")
