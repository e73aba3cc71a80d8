-- pxr.report_form: a statistical form (汇总表) computed from the data, as nhc2016's
-- 工作信息汇总表: fields are data, each with a `compute` rule that this module
-- interprets; the form's table is laid out from the fields' structure.
--
--   gather(region, period, like, codes) -> data   every value the form is computed from,
--       once: institutions below the region, their values of the indicators whose code
--       matches `like`, region-level answers below it, the region's own answers, and
--       data.coverage = pxr.coverage.of(institutions, period, codes) (who has reported)
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
local coverage = require("pxr.coverage")
local format = require("pxr.format")
local indicator = require("pxr.indicator")
local region = require("pxr.region")

local M = {}

local function member(list, x)
  if list == nil then return true end
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

-- Everything a province's form is computed from, read once: the values of the
-- indicators whose code matches `like` (an SQL LIKE pattern with \ as escape);
-- who has reported is counted over the indicators `codes` (pxr.coverage.of).
function M.gather(province, pid, like, codes)
  local insts = region.institutions(province)
  local vals = {}   -- indicator -> institution code -> value row
  for _, v in ipairs(pxr.db.query(region.BELOW .. [[
      SELECT v.indicator, v.unit, v.value, v.numerator, v.denominator, v.text
      FROM value v JOIN institution i ON i.code = v.unit JOIN below b ON i.region = b.code
      WHERE v.period = ?2 AND v.indicator LIKE ?3 ESCAPE '\']], province, pid, like)) do
    vals[v.indicator] = vals[v.indicator] or {}
    vals[v.indicator][v.unit] = v
  end
  -- region-level answers below the province, with each region's parent so that
  -- a region whose ancestor (below the province) also reported is not counted twice
  local regions = {}
  for _, r in ipairs(pxr.db.query([[
      WITH RECURSIVE below(code, parent) AS (
        SELECT code, parent FROM region WHERE parent = ?1
        UNION SELECT r.code, r.parent FROM region r JOIN below b ON r.parent = b.code)
      SELECT v.indicator, v.unit, v.numerator, v.denominator, b.parent
      FROM value v JOIN below b ON b.code = v.unit
      WHERE v.period = ?2 AND v.indicator LIKE ?3 ESCAPE '\']], province, pid, like)) do
    regions[r.indicator] = regions[r.indicator] or {}
    regions[r.indicator][r.unit] = r
  end
  local own = {}
  for _, v in ipairs(pxr.db.query("SELECT indicator, value, text FROM value WHERE unit = ? "
                                  .. "AND period = ? AND indicator LIKE ? ESCAPE '\\'",
                                  province, pid, like)) do
    own[v.indicator] = v
  end
  -- who has reported (pxr.coverage, over `codes`: the form's own answers, nil: any
  -- value): the one definition of 已报/应报/未报 that the coverage line, the notes and
  -- the 已填报/应填报 counts share
  local cov = coverage.of(insts, pid, codes)
  local silent = {}
  for _, i in ipairs(cov.missing) do silent[i.code] = i.name end
  return { province = province, insts = insts, vals = vals, regions = regions, own = own,
           silent = silent, coverage = cov }
end

-- A field's figure: { value=, population= (institutions or regions in scope),
-- reported=, numerator=, denominator= } — value nil when nothing was reported.
function M.evaluate(c, data, by_code)
  local ind = by_code[c.of]
  if c.op == "own" then
    local x = indicator.value_of(ind, data.own[c.of])
    return { value = x, population = 1, reported = x ~= nil and 1 or 0 }
  end
  if c.op == "region_sum" or c.op == "region_pooled" then
    local rows, sn, sd, k = data.regions[c.of] or {}, 0, 0, 0
    for _, r in pairs(rows) do
      -- skip a region whose ancestor below the province reported for it already
      local up, counted = r.parent, false
      while up and up ~= data.province and not counted do
        counted = rows[up] ~= nil
        local a = region.get(up)
        up = a and a.parent
      end
      if not counted and r.numerator and r.denominator then
        sn, sd, k = sn + r.numerator, sd + r.denominator, k + 1
      end
    end
    if k == 0 then return { reported = 0 } end
    if c.op == "region_sum" then return { value = sn, reported = k } end
    return { value = indicator.rate(sn, sd), numerator = sn, denominator = sd, reported = k }
  end
  local rows = data.vals[c.of] or {}
  local xs, pop, quiet = {}, 0, 0
  for _, inst in ipairs(data.insts) do
    if member(c.level, inst.level) and (c.among == nil or indicator.value_of(
        by_code[c.among], (data.vals[c.among] or {})[inst.code]) == 1) then
      pop = pop + 1
      if data.silent[inst.code] then quiet = quiet + 1 end
      local x = indicator.value_of(ind, rows[inst.code])
      if x ~= nil then xs[#xs + 1] = x end
    end
  end
  local r = { population = pop, reported = #xs, silent = quiet }
  -- a count or sum over no reports is missing (—, 未填报), never 0: not even
  -- where the province has no institution of the kind, since no one reported it
  if #xs == 0 then return r end
  local s = 0
  for _, x in ipairs(xs) do s = s + x end
  if c.op == "count" then
    r.value = s
  elseif c.op == "share" then
    r.numerator, r.denominator = s, pop
    r.value = indicator.rate(s, pop)
  elseif c.op == "sum" then
    r.value = s
  elseif c.op == "mean" then
    r.value = s / #xs
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
