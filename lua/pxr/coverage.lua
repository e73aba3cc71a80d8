-- pxr.coverage: who in a report's scope has reported for a period, and who has
-- not.  A summary shows its coverage (已报/应报) beside its aggregates and names
-- the institutions missing, by region and level, in the PDF and in the XML.
--
--   of(insts, period_id, codes) -> { expected = n, reported = k, missing = { institution rows } }
--       an institution has reported when it has a value of one of `codes`
--       (indicator codes; nil: any indicator) for the period
--   text(c)                     -> "已报14家/应报16家"
--   missing_text(c, region)     -> "未报送的机构：呼和浩特市 三级 呼和浩特市青禾医院；…" or nil
--   element(c)                  -> the XML twin: <coverage expected reported><missing …/></coverage>
--   notice(ctx, units, what)    -> when the period lies outside the plan's span or none of
--       `units` (unit codes) has data for it (a value, or a measure status or narrative
--       of the plugin): a warning on stderr (pxr.warn) and the
--       first-page notice (a doc paragraph); nil otherwise.  `what`: the scope, "内蒙古自治区"
local region = require("pxr.region")

local M = {}

function M.of(insts, period_id, codes)
  local c = { expected = #insts, reported = 0, missing = {} }
  if #insts == 0 then return c end
  local sql = "SELECT DISTINCT unit FROM value WHERE period = ?"
  local args = { period_id }
  if codes and #codes > 0 then
    local marks = {}
    for i, code in ipairs(codes) do marks[i] = "?"; args[#args + 1] = code end
    sql = sql .. " AND indicator IN (" .. table.concat(marks, ",") .. ")"
  end
  local have = {}
  for _, r in ipairs(pxr.db.query(sql, table.unpack(args))) do have[r.unit] = true end
  for _, inst in ipairs(insts) do
    if have[inst.code] then c.reported = c.reported + 1 else c.missing[#c.missing + 1] = inst end
  end
  local LEVEL = { ["三级"] = 1, ["二级"] = 2, ["一级"] = 3 }
  table.sort(c.missing, function(a, b)
    if a.region ~= b.region then return a.region < b.region end
    if a.level ~= b.level then return (LEVEL[a.level] or 4) < (LEVEL[b.level] or 4) end
    return a.code < b.code
  end)
  return c
end

function M.text(c)
  return "已报" .. c.reported .. "家/应报" .. c.expected .. "家"
end

function M.missing_text(c)
  if #c.missing == 0 then return nil end
  local parts = {}
  for _, inst in ipairs(c.missing) do
    parts[#parts + 1] = region.path(inst.region, "") .. " " .. inst.level .. " " .. inst.name
  end
  return "本期未报送的机构（" .. #c.missing .. "家，按地区和级别）：" .. table.concat(parts, "；") .. "。"
end

function M.element(c)
  local el = { tag = "coverage", attrs = { expected = c.expected, reported = c.reported } }
  for _, inst in ipairs(c.missing) do
    el[#el + 1] = { tag = "missing", attrs = { code = inst.code, name = inst.name,
                                               region = inst.region, level = inst.level } }
  end
  return el
end

function M.notice(ctx, units, what)
  local plugin, p = ctx.plugin, ctx.period
  local label = require("pxr.period").label(p)
  local year = tonumber(p:sub(1, 4))
  local first, last = (plugin.span or ""):match("^(%d+)%-(%d+)$")
  if not first then first = (plugin.span or ""):match("^(%d+)$"); last = first end
  local text, warning
  if first and year and (year < tonumber(first) or year > tonumber(last)) then
    text = "注意：报告期" .. label .. "不在《" .. plugin.title .. "》的实施期间（" .. plugin.span
           .. "）内，本报告无可依据的填报要求。"
    warning = string.format("%s %s: period %s lies outside the plan's span %s", plugin.id,
                            ctx.report, p, plugin.span)
  else
    local have = false
    for i = 1, #units, 500 do
      local marks, args = {}, { p, plugin.id }
      for j = i, math.min(i + 499, #units) do
        args[#args + 1] = units[j]
        marks[#marks + 1] = "?" .. #args
      end
      local set = table.concat(marks, ",")
      -- data: values, or this plugin's measure statuses and narratives
      local r = pxr.db.query("SELECT 1 AS x FROM value WHERE period = ?1 AND unit IN (" .. set
                             .. ") UNION ALL SELECT 1 FROM measure_status WHERE period = ?1"
                             .. " AND plugin = ?2 AND unit IN ("
                             .. set .. ") UNION ALL SELECT 1 FROM narrative WHERE period = ?1"
                             .. " AND plugin = ?2 AND unit IN ("
                             .. set .. ") LIMIT 1", table.unpack(args))
      if #r > 0 then have = true; break end
    end
    if have then return nil end
    text = "注意：报告期" .. label .. (what or "本报告范围内") .. "无任何填报数据：以下各项均为无数据，不按零计。"
    warning = string.format("%s %s: period %s has no data for %s", plugin.id, ctx.report, p,
                            ctx.region or ctx.institution or "the report's scope")
  end
  pxr.warn(warning)
  return require("pxr.doc").paragraph(text)
end

return M
