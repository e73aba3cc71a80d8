-- pxr.report_form: a statistical form (汇总表) computed from the data, as nhc2016's
-- 工作信息汇总表: fields are data, each with a `compute` rule that this module
-- interprets; the form's table is laid out from the fields' structure.
--
--   gather(region, period, computes, by_code, codes) -> data   what the form's compute rules
--       `computes` need, aggregated in SQL (Lua holds groups, not institutions): the
--       institutions below the region counted by level, by their 是 to each `among`
--       indicator and by whether they reported at all (a value of one of the indicator
--       codes `codes`, nil: any, as pxr.coverage counts), each indicator's reports counted
--       and summed in the same groups, region-level answers below it, the region's own
--       answers; by_code: indicator code -> indicator (its type)
--   count(data, levels) -> the institutions of those levels (nil: all) below the region
--   evaluate(compute, data, by_code) -> { value=, population=, reported=, silent=,
--       numerator=, denominator= }: value nil when nothing was reported (missing is not zero)
--       compute = { op=, of= (indicator code), level= { "三级", … } (institutions of
--       these levels; nil: all), among= (a yes/no indicator the institution must answer 是) }
--       op: own        the region's own answer
--           count      institutions in scope that answered 是 (a count, not a rate)
--           share      that count over the institutions in scope, ×100
--           sum, mean  over the institutions in scope that reported (mean: of institution values)
--           region_sum, region_pooled   Σ (or Σnumerator/Σdenominator) of region-level answers,
--                      a region counted once when an ancestor below the region also reported
--   show(field, x)     the form's cell: "—" for no data, 是/否, counts with separators,
--                      durations to 1 digit, the rest to 2
--   rows(fields, figs) the form's table rows (columns: section, item, 数量/sub-label, value,
--                      其中 label, its value): a parent with a label spans its children,
--                      a group spans its children, the section column merges down
local format = require("pxr.format")
local indicator = require("pxr.indicator")
local region = require("pxr.region")

local M = {}

local function member(list, x)
  if list == nil then return true end
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

local value_of = indicator.value_sql

-- bind(x) -> "?n": x appended to args (pxr.data.binder)
local binder = require("pxr.data").binder

local function list(bind, codes)
  local marks = {}
  for i, c in ipairs(codes) do marks[i] = bind(c) end
  return table.concat(marks, ", ")
end

-- What a province's form is computed from, aggregated in SQL: for the compute rules
-- `computes`, the institutions below the province counted by level, by their 是 to
-- each `among` indicator and by whether they reported at all (over `codes`, as
-- pxr.coverage counts), and each indicator's reports counted and summed in the same
-- groups; the region-level answers below the province summed per indicator (a region
-- counted once when an ancestor below the province also reported); the province's
-- own answers.  Lua holds the groups, a few per level: not the institutions.
function M.gather(province, pid, computes, by_code, codes)
  local ofs, amongs, regional, seen = {}, {}, {}, {}
  local function add(t, code)
    if not seen[t .. code] then seen[t .. code] = true; t = ({ of = ofs, among = amongs,
      region = regional })[t]; t[#t + 1] = code end
  end
  for _, c in ipairs(computes) do
    if c.op == "region_sum" or c.op == "region_pooled" then add("region", c.of)
    elseif c.op ~= "own" then
      add("of", c.of)
      if c.among then add("among", c.among) end
    end
  end
  local data = { province = province, flag = {}, people = {}, sums = {}, regions = {}, own = {} }

  local args = { province, pid }
  local bind = binder(args)
  local read, bools, rates = {}, {}, {}
  for _, code in ipairs(ofs) do read[#read + 1] = code end
  for _, code in ipairs(amongs) do if not seen["of" .. code] then read[#read + 1] = code end end
  for _, code in ipairs(read) do
    local ind = by_code[code]
    if ind == nil then pxr.error("report_form: no indicator '" .. tostring(code) .. "'") end
    if ind.type == "bool" then bools[#bools + 1] = code elseif ind.type == "rate" then rates[#rates + 1] = code end
  end
  -- the 是 to each among indicator, one bit each of m
  if #amongs > 62 then pxr.error("report_form: more than 62 among indicators in one form") end
  local bits = {}
  for j, code in ipairs(amongs) do
    local t = by_code[code].type
    data.flag[code] = 1 << (j - 1)
    bits[j] = "coalesce((SELECT " .. value_of(t == "bool" and "1" or "0", t == "rate" and "1" or "0")
      .. " FROM value v WHERE v.unit = i.code AND v.period = ?2 AND v.indicator = " .. bind(code)
      .. ") = 1, 0) * " .. data.flag[code]
  end
  local silent = "NOT EXISTS (SELECT 1 FROM value w WHERE w.unit = i.code AND w.period = ?2"
    .. ((codes and #codes > 0) and (" AND w.indicator IN (" .. list(bind, codes) .. ")") or "") .. ")"
  local inst = region.BELOW .. ", inst AS MATERIALIZED (SELECT i.code, i.level, " .. silent
    .. " AS silent, " .. (#bits > 0 and table.concat(bits, " + ") or "0") .. " AS m "
    .. "FROM institution i JOIN below b ON i.region = b.code) "
  local sql = inst .. "SELECT NULL AS indicator, level, silent, m, count(*) AS n, NULL AS s "
    .. "FROM inst GROUP BY level, silent, m"
  if #read > 0 then
    local function among(codes_of)
      return #codes_of > 0 and ("v.indicator IN (" .. list(bind, codes_of) .. ")") or "0"
    end
    local x = value_of(among(bools), among(rates))
    sql = sql .. " UNION ALL SELECT v.indicator, u.level, NULL, u.m, count(" .. x .. "), sum(" .. x
      .. ") FROM inst u JOIN value v ON v.unit = u.code AND v.period = ?2 AND v.indicator IN ("
      .. list(bind, read) .. ") GROUP BY v.indicator, u.level, u.m"
  end
  for _, g in ipairs(pxr.db.query(sql, table.unpack(args))) do
    if g.indicator == nil then data.people[#data.people + 1] = g
    elseif g.n > 0 then data.sums[#data.sums + 1] = g end
  end

  if #regional > 0 then
    local rargs = { province, pid }
    local rbind = binder(rargs)
    -- each region below the province with the path of its ancestors below it
    for _, r in ipairs(pxr.db.query("WITH RECURSIVE below(code, path) AS ("
        .. "SELECT code, '/' FROM region WHERE parent = ?1 UNION ALL "
        .. "SELECT r.code, b.path || b.code || '/' FROM region r JOIN below b ON r.parent = b.code), "
        .. "rv AS MATERIALIZED (SELECT v.indicator, v.unit, v.numerator, v.denominator, b.path "
        .. "FROM value v JOIN below b ON b.code = v.unit WHERE v.period = ?2 AND v.indicator IN ("
        .. list(rbind, regional) .. ")) "
        .. "SELECT r.indicator, count(*) AS k, sum(r.numerator) AS sn, sum(r.denominator) AS sd "
        .. "FROM rv r WHERE r.numerator IS NOT NULL AND r.denominator IS NOT NULL AND NOT EXISTS "
        .. "(SELECT 1 FROM rv a WHERE a.indicator = r.indicator AND instr(r.path, '/' || a.unit || '/') > 0) "
        .. "GROUP BY r.indicator", table.unpack(rargs))) do
      data.regions[r.indicator] = r
    end
  end

  for _, v in ipairs(pxr.db.query("SELECT indicator, value, text FROM value WHERE unit = ? "
                                  .. "AND period = ?", province, pid)) do
    data.own[v.indicator] = v
  end
  return data
end

-- How many institutions of a level the form's data counts (nil: every level).
function M.count(data, levels)
  local n = 0
  for _, g in ipairs(data.people) do if member(levels, g.level) then n = n + g.n end end
  return n
end

-- A field's figure: { value=, population= (institutions or regions in scope),
-- reported=, numerator=, denominator= } — value nil when nothing was reported.
function M.evaluate(c, data, by_code)
  if c.op == "own" then
    local x = indicator.value_of(by_code[c.of], data.own[c.of])
    return { value = x, population = 1, reported = x ~= nil and 1 or 0 }
  end
  if c.op == "region_sum" or c.op == "region_pooled" then
    local r = data.regions[c.of]
    if r == nil or r.k == 0 then return { reported = 0 } end
    if c.op == "region_sum" then return { value = r.sn, reported = r.k } end
    return { value = indicator.rate(r.sn, r.sd), numerator = r.sn, denominator = r.sd, reported = r.k }
  end
  local flag = c.among and data.flag[c.among]
  if c.among and flag == nil then
    pxr.error("report_form: '" .. tostring(c.among) .. "' was not gathered (among of " .. tostring(c.of) .. ")")
  end
  local function within(g)
    return member(c.level, g.level) and (flag == nil or g.m & flag ~= 0)
  end
  local pop, quiet, n, s = 0, 0, 0, 0
  for _, g in ipairs(data.people) do
    if within(g) then
      pop = pop + g.n
      if g.silent == 1 then quiet = quiet + g.n end
    end
  end
  for _, g in ipairs(data.sums) do
    if g.indicator == c.of and within(g) then n, s = n + g.n, s + g.s end
  end
  local r = { population = pop, reported = n, silent = quiet }
  -- a count or sum over no reports is missing (—, 未填报), never 0: not even
  -- where the province has no institution of the kind, since no one reported it
  if n == 0 then return r end
  if c.op == "count" then
    r.value = s
  elseif c.op == "share" then
    r.numerator, r.denominator = s, pop
    r.value = indicator.rate(s, pop)
  elseif c.op == "sum" then
    r.value = s
  elseif c.op == "mean" then
    r.value = s / n
  else
    pxr.error("unknown compute op '" .. tostring(c.op) .. "' (own, region_sum, region_pooled, count, share, sum, mean)")
  end
  return r
end

-- "—" marks a cell without data (missing is not zero).
function M.show(f, x)
  if x == nil then return format.MISSING end
  if f.type == "bool" then return x ~= 0 and "是" or "否" end
  if f.type == "count" then return indicator.thousands(x) end
  if f.type == "duration" then return string.format("%.1f", x) end
  return string.format("%.2f", x)
end

local function cell(text, opts)
  local c = { text = text }
  for k, v in pairs(opts or {}) do c[k] = v end
  return c
end

-- The form's table.  Columns: 1 section, 2 item, 3 数量/sub-label, 4 value,
-- 5 其中 label, 6 its value.  A parent with a 数量 and 其中 children spans its
-- children's rows in columns 2–4; a group (出具报告单的平均时间) spans its
-- children, which sit in column 3 with their value across 4–6.
function M.rows(fields, figs)
  local children = {}
  for _, f in ipairs(fields) do
    if f.parent then
      children[f.parent] = children[f.parent] or {}
      table.insert(children[f.parent], f)
    end
  end
  local function v(f, opts) return cell(figs[f.code].display, opts or { align = "center" }) end
  local body, section_rows = {}, {}
  for _, f in ipairs(fields) do
    if not f.manual and not f.parent then
      local kids = children[f.code] or {}
      local nested, siblings = {}, {}
      for _, k in ipairs(kids) do
        if k.sibling then siblings[#siblings + 1] = k else nested[#nested + 1] = k end
      end
      local block = {}
      if f.group then
        for i, k in ipairs(nested) do
          local r = { cell(k.name), v(k, { colspan = 3, align = "center" }) }
          if i == 1 then table.insert(r, 1, cell(f.name, { rowspan = #nested })) end
          block[#block + 1] = r
        end
      elseif f.label then
        local n = math.max(#nested, 1)
        local span = n + #siblings
        local first = { cell(f.name, { rowspan = span }), cell(f.label, { rowspan = n, align = "center" }) }
        if #nested == 0 then
          first[#first + 1] = v(f, { colspan = 3, align = "center" })
        else
          first[#first + 1] = v(f, { rowspan = n, align = "center" })
          first[#first + 1] = cell(nested[1].name)
          first[#first + 1] = v(nested[1])
        end
        block[#block + 1] = first
        for i = 2, #nested do block[#block + 1] = { cell(nested[i].name), v(nested[i]) } end
        for _, s in ipairs(siblings) do
          block[#block + 1] = { cell(s.name, { align = "center" }), v(s, { colspan = 3, align = "center" }) }
        end
      else
        block[#block + 1] = { cell(f.name, { colspan = 2 }), v(f, { colspan = 3, align = "center" }) }
      end
      for _, r in ipairs(block) do
        body[#body + 1] = r
        section_rows[#body] = f.section
      end
    end
  end
  -- the section column merges down each section's rows
  local start
  for i = 1, #body do
    if start == nil or section_rows[start] ~= section_rows[i] then
      start = i
      table.insert(body[i], 1, cell(section_rows[i], { rowspan = 1, bold = true }))
    else
      body[start][1].rowspan = body[start][1].rowspan + 1
    end
  end
  return body
end

return M
