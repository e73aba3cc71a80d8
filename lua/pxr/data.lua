-- pxr.data: the common questions of a report script, without SQL.
--
--   values{ indicator=, period=, region=, level=, kind=, ownership=, institution=,
--           plugin=, order="value"|"code" }
--                      -> the institutions' value rows, one per institution that reported
--   value{ indicator=, period=, institution= }        -> one row, or nil when missing
--   pooled{ indicator=, period=, region=, level=, ... }
--                      -> { value=, numerator=, denominator=, reported=, institutions= }
--   by_region{ indicator=, period=, region=, level=, ... }
--                      -> one pooled row per region directly under region, by code
--   series{ indicator=, periods={...} | from=, to=, institution= | region=, level=, ... }
--                      -> one row per period: { period=, label=, value=, ... }
--   periods{ indicator=, region= }                     -> the periods holding data, in order
--   indicator(code [, plugin])                         -> the indicator row, or raises
--   institution(code)                                  -> the institution row, or raises
--   region(code)                                       -> the region row, or raises
--   value_sql(type [, alias])  -> pxr.indicator.value_of as an SQL expression over the
--                                 value row `alias` (default v), for aggregates in SQL
--
-- A value row: { unit=, name=, region=, level=, kind=, ownership=, indicator=, period=,
-- value=, numerator=, denominator=, text= }.  `value` is as displayed (rates in percent;
-- a rate stored without one is computed from numerator/denominator).  Missing is never
-- zero: an institution that did not report has no row, and an aggregate over nothing
-- is nil.  Every argument is checked; a mistake names the script's line.
local M = {}

local period_mod = require("pxr.period")
local indicator_mod = require("pxr.indicator")
local region_mod = require("pxr.region")

local LEVELS = { ["三级"] = true, ["二级"] = true, ["一级"] = true, ["未定级"] = true }
local KINDS = { ["综合"] = true, ["中医"] = true, ["蒙医"] = true, ["中西医结合"] = true,
                ["妇幼"] = true, ["专科"] = true }
local OWNERSHIPS = { ["公立"] = true, ["非公立"] = true }

local function fail(fname, msg) pxr.error("pxr.data." .. fname .. ": " .. msg) end

local function options(fname, t, allowed)
  if type(t) ~= "table" then fail(fname, "expects a table of options, e.g. { indicator = \"EI01\", period = \"2024S2\" }") end
  for k in pairs(t) do
    if not allowed[k] then
      local names = {}
      for n in pairs(allowed) do names[#names + 1] = n end
      table.sort(names)
      fail(fname, "unknown option '" .. tostring(k) .. "' (options: " .. table.concat(names, ", ") .. ")")
    end
  end
  return t
end

local function set(...)
  local s = {}
  for _, k in ipairs({ ... }) do s[k] = true end
  return s
end

function M.indicator(code, plugin, fname)
  fname = fname or "indicator"
  if type(code) ~= "string" then fail(fname, "indicator must be a code such as EI01, got " .. type(code)) end
  local ind = pxr.db.query("SELECT * FROM indicator WHERE code = ?", code)[1]
  if plugin ~= nil then
    if not pxr.db.query("SELECT 1 FROM plugin WHERE id = ?", plugin)[1] then
      fail(fname, "no plugin " .. tostring(plugin))
    end
    if not ind or not pxr.db.query("SELECT 1 FROM plugin_indicator WHERE plugin = ? AND indicator = ?",
                                   plugin, code)[1] then
      fail(fname, "no indicator " .. code .. " in plugin " .. plugin)
    end
  elseif not ind then
    fail(fname, "no indicator " .. code)
  end
  return ind
end

function M.institution(code, fname)
  fname = fname or "institution"
  local row = type(code) == "string" and
    pxr.db.query("SELECT * FROM institution WHERE code = ?", code)[1]
  if not row then fail(fname, "no institution " .. tostring(code)) end
  return row
end

function M.region(code, fname)
  fname = fname or "region"
  if type(code) == "number" then code = tostring(code) end
  local row = type(code) == "string" and region_mod.get(code)
  if not row then fail(fname, "no region " .. tostring(code)) end
  return row
end

local function need_period(p, fname)
  local id = period_mod.parse(p)
  if not id then
    fail(fname, "period " .. tostring(p) .. " is not a period (2024S1, 2024, 2024年上半年)")
  end
  return id
end

-- The conditions and parameters of a selection of institutions (the region aside).
local function filter(fname, o)
  local where, args = {}, {}
  if o.level ~= nil then
    if not LEVELS[o.level] then fail(fname, "level " .. tostring(o.level) .. " is not 三级, 二级, 一级 or 未定级") end
    where[#where + 1], args[#args + 1] = "i.level = ?", o.level
  end
  if o.kind ~= nil then
    if not KINDS[o.kind] then fail(fname, "kind " .. tostring(o.kind) .. " is not 综合, 中医, 蒙医, 中西医结合, 妇幼 or 专科") end
    where[#where + 1], args[#args + 1] = "i.kind = ?", o.kind
  end
  if o.ownership ~= nil then
    if not OWNERSHIPS[o.ownership] then fail(fname, "ownership " .. tostring(o.ownership) .. " is not 公立 or 非公立") end
    where[#where + 1], args[#args + 1] = "i.ownership = ?", o.ownership
  end
  if o.institution ~= nil then
    M.institution(o.institution, fname)
    where[#where + 1], args[#args + 1] = "i.code = ?", o.institution
  end
  return where, args
end

local function with_value(ind, row)
  row.value = indicator_mod.value_of(ind, row)
  return row
end

local SELECTION = set("indicator", "period", "region", "level", "kind", "ownership", "institution", "plugin")
local VALUES = set("indicator", "period", "region", "level", "kind", "ownership", "institution", "plugin", "order")

local function query_values(fname, o)
  local ind = M.indicator(o.indicator, o.plugin, fname)
  local period = need_period(o.period, fname)
  local region = o.region ~= nil and M.region(o.region, fname).code or nil
  local where, args = filter(fname, o)
  -- ?1 the region (the `below` CTE), ?2 the indicator, ?3 the period, then the filters
  table.insert(where, 1, "v.indicator = ?2 AND v.period = ?3")
  if region then table.insert(where, 2, "i.region IN (SELECT code FROM below)") end
  local sql = region_mod.BELOW ..
    "SELECT i.code AS unit, i.name, i.region, i.level, i.kind, i.ownership, v.indicator, " ..
    "v.period, v.value, v.numerator, v.denominator, v.text " ..
    "FROM value v JOIN institution i ON i.code = v.unit WHERE " .. table.concat(where, " AND ") ..
    " ORDER BY i.code"
  local rows = pxr.db.query(sql, region or "", ind.code, period, table.unpack(args))
  local out = {}
  for _, r in ipairs(rows) do
    with_value(ind, r)
    if r.value ~= nil or r.text ~= nil then out[#out + 1] = r end
  end
  return out, ind, period
end

function M.values(o)
  options("values", o, VALUES)
  local rows = query_values("values", o)
  local order = o.order or "code"
  if order == "value" then
    table.sort(rows, function(a, b)
      if (a.value == nil) ~= (b.value == nil) then return a.value ~= nil end
      if a.value ~= b.value then return a.value > b.value end
      return a.unit < b.unit
    end)
  elseif order ~= "code" then
    fail("values", "order must be 'value' or 'code', got " .. tostring(order))
  end
  return rows
end

function M.value(o)
  options("value", o, set("indicator", "period", "institution", "plugin"))
  if o.institution == nil then fail("value", "needs institution = <code>") end
  return (query_values("value", o))[1]
end

-- Pooled over the selection: Σnumerator/Σdenominator for rates, the sum for counts,
-- the number of 是 for yes/no indicators, else the mean of the institutions' values.
-- SQLite sums the values of the institutions in code order, as pxr.indicator would
-- over the rows of values{}: a region of 37,000 institutions is never loaded into Lua.
local NUMBER = "IN ('integer', 'real')"
local ND = "typeof(v.numerator) " .. NUMBER .. " AND typeof(v.denominator) " .. NUMBER

-- bind(x) -> "?n": x appended to args, for a query built with its parameters in order
function M.binder(args)
  return function(x)
    args[#args + 1] = x
    return "?" .. #args
  end
end

-- pxr.indicator.value_of in SQL, for an indicator of type t, over the value row aliased
-- `a` (default v): for a report that aggregates in SQL what value_of reads
function M.value_sql(t, a)
  a = a or "v"
  local num = function(col) return "typeof(" .. a .. "." .. col .. ") " .. NUMBER end
  if t == "bool" then
    return "CASE WHEN " .. num("value") .. " THEN (" .. a .. ".value <> 0) "
      .. "WHEN " .. a .. ".text IN ('是', '1', 'true') THEN 1 WHEN " .. a .. ".text IN ('否', '0', 'false') THEN 0 END"
  elseif t == "rate" then
    return "CASE WHEN " .. num("value") .. " THEN " .. a .. ".value WHEN " .. num("numerator")
      .. " AND " .. num("denominator") .. " AND " .. a .. ".denominator <> 0 THEN CAST("
      .. a .. ".numerator AS REAL) / " .. a .. ".denominator * 100 END"
  end
  return "CASE WHEN " .. num("value") .. " THEN " .. a .. ".value END"
end
local value_sql = M.value_sql

local function query_pooled(fname, o)
  local ind = M.indicator(o.indicator, o.plugin, fname)
  local period = need_period(o.period, fname)
  local region = o.region ~= nil and M.region(o.region, fname).code or nil
  local where, args = filter(fname, o)
  local from
  if region then
    -- ?1 the region, ?2 the indicator, ?3 the period: each institution's value by its key
    from = region_mod.BELOW .. "SELECT i.code, " .. value_sql(ind.type) .. " AS x, CASE WHEN " .. ND
      .. " THEN v.numerator END AS n, CASE WHEN " .. ND .. " THEN v.denominator END AS d, v.text "
      .. "FROM below b CROSS JOIN institution i ON i.region = b.code CROSS JOIN value v "
      .. "ON v.indicator = ?2 AND v.unit = i.code AND v.period = ?3"
  else
    from = "SELECT i.code, " .. value_sql(ind.type) .. " AS x, CASE WHEN " .. ND
      .. " THEN v.numerator END AS n, CASE WHEN " .. ND .. " THEN v.denominator END AS d, v.text "
      .. "FROM value v JOIN institution i ON i.code = v.unit WHERE v.indicator = ?2 AND v.period = ?3"
  end
  if #where > 0 then from = from .. (region and " WHERE " or " AND ") .. table.concat(where, " AND ") end
  local sql = "SELECT count(*) AS reported, count(n) AS k, total(n) AS sn, total(d) AS sd, "
    .. "count(x) AS kx, total(x) AS sx, count(CASE WHEN x = 1 THEN 1 END) AS yes FROM ("
    .. from .. " ORDER BY i.code LIMIT -1) WHERE x IS NOT NULL OR text IS NOT NULL"
  local s = pxr.db.query(sql, region or "", ind.code, period, table.unpack(args))[1]
  local agg = { reported = s.reported, institutions = s.reported }
  if s.reported > 0 then
    local mean = s.kx > 0 and s.sx / s.kx or nil
    if ind.type == "rate" then
      if s.k > 0 then agg.numerator, agg.denominator = s.sn, s.sd end
      agg.value = indicator_mod.rate(s.sn, s.sd) or mean
    elseif ind.type == "count" then
      agg.value = s.kx > 0 and s.sx or 0
    elseif ind.type == "bool" then
      agg.value = s.yes
    else
      agg.value = mean
    end
  end
  return agg, ind, period
end

function M.pooled(o)
  options("pooled", o, SELECTION)
  local agg, ind, period = query_pooled("pooled", o)
  agg.period, agg.indicator = period, ind.code
  return agg
end

function M.by_region(o)
  options("by_region", o, SELECTION)
  if o.region == nil then fail("by_region", "needs region = <code> (its children are the rows)") end
  local top = M.region(o.region, "by_region")
  local out = {}
  for _, child in ipairs(region_mod.children(top.code)) do
    local sel = {}
    for k, v in pairs(o) do sel[k] = v end
    sel.region = child.code
    local agg, ind, period = query_pooled("by_region", sel)
    agg.region, agg.name, agg.period, agg.indicator = child.code, child.name, period, ind.code
    out[#out + 1] = agg
  end
  return out
end

function M.periods(o)
  options("periods", o, set("indicator", "region"))
  M.indicator(o.indicator, nil, "periods")
  local rows
  if o.region ~= nil then
    local r = M.region(o.region, "periods")
    rows = pxr.db.query(region_mod.BELOW .. "SELECT DISTINCT v.period FROM value v JOIN institution i " ..
      "ON i.code = v.unit JOIN below b ON b.code = i.region WHERE v.indicator = ?2", r.code, o.indicator)
  else
    rows = pxr.db.query("SELECT p.period FROM (SELECT DISTINCT period FROM submission) p WHERE EXISTS (SELECT 1 FROM submission s JOIN value v ON v.unit = s.unit AND v.period = s.period AND v.indicator = ?1 WHERE s.period = p.period)", o.indicator)
  end
  local list = {}
  for _, r in ipairs(rows) do list[#list + 1] = r.period end
  table.sort(list, function(a, b)
    local fa, fb = period_mod.bounds(a), period_mod.bounds(b)
    if fa ~= fb then return fa < fb end
    return a < b
  end)
  return list
end

function M.series(o)
  options("series", o, set("indicator", "periods", "from", "to", "region", "level", "kind",
                           "ownership", "institution", "plugin"))
  local list = o.periods
  if list == nil then
    if o.from == nil or o.to == nil then fail("series", "needs periods = { ... } or from = and to =") end
    list = period_mod.range(need_period(o.from, "series"), need_period(o.to, "series"))
  elseif type(list) ~= "table" then
    fail("series", "periods must be a list such as { \"2023S1\", \"2023S2\" }")
  end
  local out = {}
  for _, p in ipairs(list) do
    local sel = {}
    for k, v in pairs(o) do
      if k ~= "periods" and k ~= "from" and k ~= "to" then sel[k] = v end
    end
    sel.period = p
    local agg, ind, period = query_pooled("series", sel)
    agg.period, agg.label, agg.indicator = period, period_mod.label(period), ind.code
    out[#out + 1] = agg
  end
  return out
end

return M
