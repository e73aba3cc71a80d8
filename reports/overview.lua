-- 概况: the one-page overview officials read first, for one region and period: the
-- plugins (policy documents) that cover it, the headline indicators of this period and
-- the one before with their change, target status counts and reporting coverage.
-- Run:  pxr run reports/overview.lua REGION PERIOD OUT.pdf     (e.g. 150000 2024S2 overview.pdf)
local region = pxr.data.region(arg[1] or "150000")
local period = pxr.period.parse(arg[2] or "2024S2") or pxr.error("give a period such as 2024S2")
local out = arg[3] or "overview.pdf"
local before = pxr.period.previous(period)
local label, label_before = pxr.period.label(period), pxr.period.label(before)
local D, I, T = pxr.doc, pxr.indicator, pxr.target
local HEADLINE = 8

local insts = pxr.region.institutions(region.code)
local reported = pxr.db.query(pxr.region.BELOW .. [[SELECT count(DISTINCT v.unit) AS n FROM value v
  JOIN institution i ON i.code = v.unit JOIN below b ON b.code = i.region WHERE v.period = ?2]],
  region.code, period)[1].n

-- value rows of this period by indicator and institution, read once
local values = {}
for _, r in ipairs(pxr.db.query(pxr.region.BELOW .. [[SELECT v.* FROM value v JOIN institution i
  ON i.code = v.unit JOIN below b ON b.code = i.region WHERE v.period = ?2]], region.code, period)) do
  values[r.indicator] = values[r.indicator] or {}
  values[r.indicator][r.unit] = r
end
local ind_rows = {}
for _, r in ipairs(pxr.db.query("SELECT * FROM indicator")) do ind_rows[r.code] = r end

-- the plugins that cover an institution of the region, with their targets' status counts
local STATUSES = { T.MET, T.NOT_MET, T.NOT_DUE, T.OVERDUE, T.NO_DATA }
local plugins = { columns = { { title = "政策文件", width = 6 }, { title = "期限", width = 2.2 } },
                  rows = {} }
for _, s in ipairs(STATUSES) do plugins.columns[#plugins.columns + 1] = { title = s, width = 1.3 } end
local totals = {}
for _, p in ipairs(pxr.plugins()) do
  local covered = {}
  for _, inst in ipairs(insts) do
    if not p.covers or p.covers(inst) then covered[#covered + 1] = inst end
  end
  local last_year = tonumber(tostring(p.span or ""):match("(%d%d%d%d)$"))
  local ended = last_year and tonumber(pxr.period.bounds(period):sub(1, 4)) > last_year
  if #covered > 0 then
    local counts = {}
    for _, t in ipairs(ended and {} or p.targets or {}) do
      local ind = t.indicator and ind_rows[t.indicator]
      if ind and t.by ~= "region" then
        for _, inst in ipairs(covered) do
          local s = T.status(t, I.value_of(ind, (values[ind.code] or {})[inst.code]), period, inst)
          counts[s] = (counts[s] or 0) + 1
          totals[s] = (totals[s] or 0) + 1
        end
      end
    end
    local row = { p.title .. (p.basis and ("（" .. p.basis .. "）") or ""),
                  (p.span or "") .. (ended and "（已结束）" or "") }
    for _, s in ipairs(STATUSES) do
      row[#row + 1] = (not ended and next(p.targets or {})) and (counts[s] or 0) or "—"
    end
    plugins.rows[#plugins.rows + 1] = row
  end
end

-- headline indicators: the national ones with a value here in either period
local headline = { columns = { { title = "指标", width = 5.5 }, { title = label_before, width = 2 },
                               { title = label, width = 2 }, { title = "变化", width = 1.6 },
                               { title = "本期填报", width = 1.5 } }, rows = {} }
for _, c in ipairs(pxr.db.query([[SELECT i.code FROM plugin_indicator p JOIN indicator i ON i.code = p.indicator
    WHERE p.plugin = 'nhc2023' AND i.type IN ('rate', 'duration') ORDER BY p.seq]])) do
  if #headline.rows >= HEADLINE then break end
  local ind = ind_rows[c.code]
  local now = pxr.data.pooled { indicator = ind.code, period = period, region = region.code }
  local was = pxr.data.pooled { indicator = ind.code, period = before, region = region.code }
  if now.value or was.value then
    local change = I.change(now.value, was.value)
    local better = change and change ~= 0 and ((change > 0) == (ind.direction ~= "lower"))
    headline.rows[#headline.rows + 1] = {
      ind.name .. "（" .. (ind.unit or "") .. "）", I.display(ind, was.value) or "无数据",
      I.display(ind, now.value) or "无数据",
      change and (string.format("%+.2f", change) .. (better and " ↑" or (change ~= 0 and " ↓" or ""))) or "—",
      now.reported .. "家" }
  end
end

local coverage = #insts > 0 and string.format("%d/%d（%.1f%%）", reported, #insts, 100 * reported / #insts) or "0/0"
local body = {
  D.kv({ { "地区", pxr.region.path(region.code) }, { "报告期", label .. "（对比" .. label_before .. "）" },
         { "医疗机构", #insts .. "家" }, { "本期填报", coverage } }, 2),
  D.paragraph(string.format("本期%s共有%d家医疗机构，%d家填报了数据；%d个政策文件覆盖本地区，其量化目标按机构计：已达标%d项次、未达标%d项次、已逾期%d项次、未到期%d项次、无数据%d项次。",
    region.name, #insts, reported, #plugins.rows, totals[T.MET] or 0, totals[T.NOT_MET] or 0,
    totals[T.OVERDUE] or 0, totals[T.NOT_DUE] or 0, totals[T.NO_DATA] or 0)),
  D.heading(2, "一、主要指标"),
  D.table(headline),
  D.paragraph("注：率为辖区内各机构分子之和除以分母之和，时长为各机构数值的平均；↑ 向好，↓ 变差；无数据不计为零。", { size = 9 }),
  D.heading(2, "二、政策文件与目标完成情况"),
  D.table(plugins),
  D.paragraph("注：目标完成情况按“目标 × 适用机构”计数，按盟市考核的目标、无量化指标的任务和已结束的文件不计入；“—”为无量化目标或已结束。", { size = 9 }),
}
pxr.pdf(D.document { title = region.name .. "改善就医感受提升患者体验工作概况", subtitle = label,
                    author = "pxr", subject = "概况", body = body }, out)
print(out .. ": " .. #plugins.rows .. " plugins, " .. #headline.rows .. " headline indicators")
