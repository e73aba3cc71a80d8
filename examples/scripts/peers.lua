-- 同级比较: one hospital against the other hospitals of its level, indicator by indicator.
-- Run:  pxr run examples/scripts/peers.lua 2024S2 peers.pdf [INSTITUTION]
local period = pxr.period.parse(arg[1] or "2024S2") or pxr.error("give a period such as 2024S2")
local out = arg[2] or "peers.pdf"
local me = pxr.data.institution(arg[3] or "H150100001")
local inds = pxr.db.query([[SELECT i.code FROM plugin_indicator p JOIN indicator i ON i.code = p.indicator
  WHERE p.plugin = 'nhc2023' AND i.type IN ('rate', 'duration') ORDER BY p.seq]])

local t = { columns = { { title = "指标", width = 6 }, { title = "本院", width = 2 },
                        { title = "同级其他医院", width = 2 }, { title = "同级排名", width = 2 },
                        { title = "优于同级", width = 2 } }, rows = {} }
local better, compared = 0, 0
for _, i in ipairs(inds) do
  local ind = pxr.data.indicator(i.code)
  local peers = pxr.data.values { indicator = ind.code, period = period, level = me.level, order = "value" }
  if ind.direction == "lower" then
    table.sort(peers, function(a, b) return a.value < b.value end)
  end
  local mine = pxr.data.value { indicator = ind.code, period = period, institution = me.code }
  -- the peers are the others: pooled rates over them, or the mean of their durations
  local others, xs = {}, {}
  for _, r in ipairs(peers) do
    if r.unit ~= me.code then others[#others + 1], xs[#xs + 1] = r, r.value end
  end
  local all = { value = ind.type == "rate" and pxr.indicator.pooled(others) or pxr.indicator.mean(xs) }
  if mine and mine.value ~= nil and all.value ~= nil then
    local rank = "—"
    for k, r in ipairs(peers) do if r.unit == me.code then rank = k .. "/" .. #peers end end
    local good = (ind.direction == "lower") == (mine.value < all.value) and mine.value ~= all.value
    compared = compared + 1
    if good then better = better + 1 end
    t.rows[#t.rows + 1] = { ind.name .. "（" .. (ind.unit or "") .. "）", pxr.indicator.display(ind, mine.value),
      pxr.indicator.display(ind, all.value), rank, good and "是" or "否" }
  end
end

local body = {
  pxr.doc.kv({ { "医院", me.name }, { "级别", me.level .. (me.grade or "") }, { "类别", me.kind },
               { "地区", pxr.region.path(me.region) } }, 2),
  pxr.doc.paragraph(string.format("%s，本院与全部%s医院相比的%d项指标中，%d项优于同级其他医院。同级其他医院为除本院外各院分子之和除以分母之和（率）或各院数值的平均（时长）；排名按指标的优劣方向，未填报的指标不比较。",
    pxr.period.label(period), me.level, compared, better)),
  pxr.doc.table(t),
}
pxr.pdf(pxr.doc.document { title = me.name .. "与同级医院比较", subtitle = pxr.period.label(period),
                           author = "pxr 示例", body = body }, out)
print(out .. ": " .. compared .. " indicators, " .. better .. " better than peers")
