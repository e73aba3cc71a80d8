-- pxr.coverage: who in a report's scope has reported for a period, and who has
-- not.  A summary shows its coverage (已报/应报) beside its aggregates and names
-- the institutions missing, by region and level, in the PDF and in the XML.
--
--   of(insts, period_id, codes) -> { expected = n, reported = k, missing = { institution rows } }
--       an institution has reported when it has a value of one of `codes`
--       (indicator codes; nil: any indicator) for the period
--   region(code, period_id, codes [, limit [, counted]])
--                               -> the same over the institutions of region `code` and below,
--       counted in SQL (or given: counted = { expected=, reported= }, counted as this does,
--       e.g. by a summary's own pass): missing holds the first `limit` (default LIST) in of()'s order;
--       missing_count = how many are missing; when that is more than listed, groups =
--       { { region=, name=, level=, count= } } counts the missing by the region's part
--       (a province of 100000 全国; statistical levels looked through) and level
--   scope(sql, args, codes)     -> of() over the institutions of a CTE `scope` (pxr.report_semiannual
--       .scope_sql: sql, and args whose ?2 is the period), counted in SQL: the same table,
--       every missing institution listed, in of()'s order
--   codes(plugin)               -> the plan's own indicator codes (its indicators and their
--       parts), for of() and region(): a value of another plan's indicator is not a report
--       to this one
--   text(c)                     -> "已报14家/应报16家"
--   missing_text(c, region)     -> "未报送的机构：呼和浩特市 三级 呼和浩特市青禾医院；…" or nil;
--       a longer list than c.missing holds is summarised: counts by region and level, the
--       first names, and how many more
--   element(c)                  -> the XML twin: <coverage expected reported><missing …/></coverage>,
--       with missing= and listed= and <missing_group region name level count/> when summarised
--   notice(ctx, units, what [, within [, known]])
--                               -> when the period lies outside the plan's span or none of
--       `units` (unit codes) nor, given `within` (a region code), of the institutions of that
--       region and below (or, `within` = { sql=, args= }, of a CTE `scope` of institutions
--       whose arguments `args` have ?2 the period) has data for it (a value, or a
--       measure status or narrative of the plugin): a warning on stderr (pxr.warn) and the
--       first-page notice (a doc paragraph); nil otherwise.  `what`: the scope, "内蒙古自治区";
--       known = true: the caller has counted a value in the scope for the period (no query)
local region = require("pxr.region")

local M = {}

-- A national list of 30,000 missing institutions is no report: past LIST names the
-- report gives counts by region and level and the first LIST names.
M.LIST = 50

local LEVEL_RANK = "CASE i.level WHEN '三级' THEN 1 WHEN '二级' THEN 2 WHEN '一级' THEN 3 ELSE 4 END"

function M.of(insts, period_id, codes)
  local c = { expected = #insts, reported = 0, missing = {} }
  if #insts == 0 then return c end
  -- asked of the institutions given, 500 at a time: not every unit of the period
  local cond, base = "", { period_id }
  if codes and #codes > 0 then
    local marks = {}
    for i, code in ipairs(codes) do marks[i] = "?" .. (i + 1); base[#base + 1] = code end
    cond = " AND indicator IN (" .. table.concat(marks, ",") .. ")"
  end
  local have = {}
  for first = 1, #insts, 500 do
    local args, marks = { table.unpack(base) }, {}
    for j = first, math.min(first + 499, #insts) do
      args[#args + 1] = insts[j].code
      marks[#marks + 1] = "?" .. #args
    end
    for _, r in ipairs(pxr.db.query("SELECT DISTINCT unit FROM value WHERE period = ?1" .. cond
                                    .. " AND unit IN (" .. table.concat(marks, ",") .. ")",
                                    table.unpack(args))) do
      have[r.unit] = true
    end
  end
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

-- The institutions of ?1 and below with `sub`, the part of ?1 they lie in (NULL: ?1
-- itself), and `has`: a value for the period ?2 (of the indicators ?3, ?4, … when given).
local function scope_sql(codes)
  local cond = ""
  if codes and #codes > 0 then
    local marks = {}
    for i = 1, #codes do marks[i] = "?" .. (i + 2) end
    cond = " AND v.indicator IN (" .. table.concat(marks, ",") .. ")"
  end
  return "WITH RECURSIVE below(code, sub) AS (SELECT ?1, NULL UNION SELECT r.code, "
    .. "coalesce(b.sub, CASE WHEN r.level = 'prefecture' AND r.name IN ('市辖区', '县', "
    .. "'省直辖县级行政区划', '自治区直辖县级行政区划') THEN NULL ELSE r.code END) "
    .. "FROM region r JOIN below b ON r.parent = b.code), "
    .. "scope AS (SELECT i.*, b.sub, EXISTS (SELECT 1 FROM value v WHERE v.unit = i.code "
    .. "AND v.period = ?2" .. cond .. ") AS has FROM institution i JOIN below b ON i.region = b.code) "
end

function M.region(code, period_id, codes, limit, counted)
  limit = limit or M.LIST
  local base = scope_sql(codes)
  local args = { code, period_id }
  for _, c in ipairs(codes or {}) do args[#args + 1] = c end
  local n = counted or pxr.db.query(base .. "SELECT count(*) AS expected, total(has) AS reported "
                                    .. "FROM scope", table.unpack(args))[1]
  local c = { expected = n.expected, reported = math.tointeger(n.reported) }
  c.missing_count = c.expected - c.reported
  -- nobody missing: no list to look for, a pass over the region's every value saved
  if c.missing_count == 0 then
    c.missing = {}
    return c
  end
  c.missing = pxr.db.query(base .. "SELECT i.code, i.name, i.region, i.level, i.grade, i.kind, "
    .. "i.ownership, i.obstetrics, i.alliance_lead, i.import_id FROM scope i WHERE NOT i.has "
    .. "ORDER BY i.region, " .. LEVEL_RANK .. ", i.code LIMIT " .. math.tointeger(limit),
    table.unpack(args))
  if c.missing_count > #c.missing then
    c.groups = pxr.db.query(base .. "SELECT coalesce(i.sub, ?1) AS region, r.name, i.level, "
      .. "count(*) AS count FROM scope i JOIN region r ON r.code = coalesce(i.sub, ?1) "
      .. "WHERE NOT i.has GROUP BY coalesce(i.sub, ?1), i.level ORDER BY 1, " .. LEVEL_RANK,
      table.unpack(args))
  end
  return c
end

function M.scope(sql, args, codes)
  args = { table.unpack(args) }
  local cond = ""
  if codes and #codes > 0 then
    local marks = {}
    for i, code in ipairs(codes) do args[#args + 1] = code; marks[i] = "?" .. #args end
    cond = " AND v.indicator IN (" .. table.concat(marks, ",") .. ")"
  end
  local base = sql .. ", cov AS (SELECT i.*, EXISTS (SELECT 1 FROM value v WHERE v.unit = i.code "
    .. "AND v.period = ?2" .. cond .. ") AS has FROM scope i) "
  local n = pxr.db.query(base .. "SELECT count(*) AS expected, total(has) AS reported FROM cov",
                         table.unpack(args))[1]
  local c = { expected = n.expected, reported = math.tointeger(n.reported) }
  c.missing = pxr.db.query(base .. "SELECT i.code, i.name, i.region, i.level, i.grade, i.kind, "
    .. "i.ownership, i.obstetrics, i.alliance_lead, i.import_id FROM cov i WHERE NOT i.has "
    .. "ORDER BY i.region, " .. LEVEL_RANK .. ", i.code", table.unpack(args))
  return c
end

function M.codes(plugin)
  local out = {}
  for _, ind in ipairs(plugin.indicators or {}) do
    out[#out + 1] = ind.code
    for _, p in ipairs(ind.parts or {}) do out[#out + 1] = p.code end
  end
  return out
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
  local total = c.missing_count or #c.missing
  if total <= #c.missing then
    return "本期未报送的机构（" .. #c.missing .. "家，按地区和级别）：" .. table.concat(parts, "；") .. "。"
  end
  local groups = {}
  for _, g in ipairs(c.groups or {}) do groups[#groups + 1] = g.name .. g.level .. g.count .. "家" end
  return "本期未报送的机构共" .. total .. "家，按地区和级别：" .. table.concat(groups, "、")
    .. "。前" .. #c.missing .. "家（按地区和级别）：" .. table.concat(parts, "；") .. "；另有"
    .. (total - #c.missing) .. "家未列出。"
end

function M.element(c)
  local el = { tag = "coverage", attrs = { expected = c.expected, reported = c.reported } }
  for _, inst in ipairs(c.missing) do
    el[#el + 1] = { tag = "missing", attrs = { code = inst.code, name = inst.name,
                                               region = inst.region, level = inst.level } }
  end
  if c.missing_count and c.missing_count > #c.missing then
    el.attrs.missing, el.attrs.listed = c.missing_count, #c.missing
    for _, g in ipairs(c.groups or {}) do
      el[#el + 1] = { tag = "missing_group", attrs = { region = g.region, name = g.name,
                                                       level = g.level, count = g.count } }
    end
  end
  return el
end

function M.notice(ctx, units, what, within, known)
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
    local have = known == true
    if within and not have then
      local inst, args = region.BELOW .. ", inst AS (SELECT i.code FROM institution i JOIN below b "
        .. "ON i.region = b.code) ", { within, p, plugin.id }
      if type(within) == "table" then
        -- a scope of institutions in SQL: a CTE `scope` whose arguments have ?2 the period
        args = { table.unpack(within.args) }
        args[#args + 1] = plugin.id
        inst = within.sql .. ", inst AS (SELECT code FROM scope) "
      end
      local id = type(within) == "table" and "?" .. #args or "?3"
      have = #pxr.db.query(inst .. "SELECT 1 AS x FROM inst WHERE EXISTS (SELECT 1 FROM value v "
        .. "WHERE v.unit = inst.code AND v.period = ?2) UNION ALL SELECT 1 FROM measure_status m "
        .. "WHERE m.plugin = " .. id .. " AND m.period = ?2 AND m.unit IN (SELECT code FROM inst) "
        .. "UNION ALL SELECT 1 FROM narrative n WHERE n.plugin = " .. id .. " AND n.period = ?2 "
        .. "AND n.unit IN (SELECT code FROM inst) LIMIT 1", table.unpack(args)) > 0
    end
    for i = 1, have and 0 or #units, 500 do
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
