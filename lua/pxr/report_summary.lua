-- pxr.report_summary: a region's summary of a plan's indicators (nhc2023's 评估指标汇总),
-- as a call with data and a few hooks (pxr.report.summary).  For one region (and the
-- regions below it) and one period: the plan's indicators (a compound one by its
-- parts) by hospital level 三级/二级/一级/未定级 and 合计, this period against the
-- previous one paired indicator by indicator (较上期: over the institutions that
-- reported the indicator in both periods), a bar chart of one rate by level, a trend
-- chart of a few rates over four periods, who has reported (pxr.coverage), the notes;
-- the national summary (100000) adds the provinces.  Its XML is
-- reports/schema/pxr-summary.xsd (<summary>).
--
-- summary{ title=, keywords=, indicators=, marks=, trend=, headline=, notes=, asked_note=,
--   closing=, units=, schema=, hooks={…} }
--   title        the report's title (required)
--   keywords     the PDF's keywords before the period (default INDICATORS .. ",汇总,")
--   indicators   what the plan calls its indicators in the text (default "指标")
--   marks        applicability -> the sign after an indicator's name ("▲", "＃")
--   trend        the rate indicators the trend chart draws (default: the plan's first
--                five rates); headline: the rate of the bar chart and the overview
--                (default trend[1]); both codes of the plan's rate indicators
--   notes        the table's notes after the three of the machine, without their number
--   asked_note   what the note on the indicators asked only of their reporters
--                (pxr.asked) says after "指标9、10"
--   closing      the text of the 依据 paragraph (default 依据：ISSUER《TITLE》（NUMBER）。)
--   units        the codes `pxr batch --each region` renders (default regions())
-- Hooks (as pxr.report.progress: nil keeps the default):
--   header(kv, ctx, r)              the first block: the key-value form of the region
--   overview(text, ctx, r)          the text of 一、总体情况's first paragraph
--   chart(block, name, ctx, r)      the charts, name "bars" or "trend"; false leaves it out
--   indicator_rows(rows, ind, ctx, r)  the table rows of one indicator (a compound's title
--                                   row and its parts' rows), not its dimension row
--   indicator(el, ind, ctx, r)      the <indicator> element
--   notes(notes, ctx, r)            the table's notes, numbered
--   subregions(blocks, ctx, r)      the national summary's 三、分省情况; false leaves it out
--   closing(block, ctx, r)          the 依据 paragraph
--   document(d, ctx, r), result(el, ctx, r)
-- r: region (the row), code, path, label, previous (the period before), previous_label,
-- periods (the four periods, oldest first), figures and paired ([period][code][group]:
-- figure()'s tables; paired over who reported the indicator in both periods), tally
-- (group -> { n=, was=, now=, both= }), coverage and coverage_previous, present (the
-- groups shown), subs (the sub-regions with institutions, national summary only).
--
-- The pure parts, for tests and for a plugin's own hooks:
--   leaves(indicators)              the entries that carry values: indicators and parts
--   keys(level, sub)                the groups a row adds to: level, 合计, "sub:" .. sub
--   sums(ind, row)                  a group's sums as the indicator's type reads a row of
--                                   the figures query: { reported, sx, pn, sn, sd }
--   accumulate(rows, periods, leaf, trend, sub_of) -> acc, paired: the rows' sums
--                                   [period][code][group], all and those paired
--   figure(ind, sums, applicable)   { applicable, reported, pooled, pooled_n, mean, sum, yes }
--                                   from a group's sums; nothing reported: no figure
--   stats(ind)                      the statistic rows of an indicator { { key=, label= } }
--   fixed2(x)                       two decimals, half away from zero
--   cells(key, now, paired_now, paired_previous) -> 本期, 较上期: the text of a cell pair
--   group_element(level, now, before, paired_now, paired_previous)  the <group> element
--   regions()                       every region with institutions in or below it
local asked = require("pxr.asked")
local coverage = require("pxr.coverage")
local doc = require("pxr.doc")
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local region = require("pxr.region")

local hook = require("pxr.report").hook

local M = {}

local TOTAL = "合计"
local GROUPS = { indicator.LEVELS[1], indicator.LEVELS[2], indicator.LEVELS[3],
                 indicator.LEVELS[4], TOTAL }
M.TOTAL, M.GROUPS = TOTAL, GROUPS

function M.leaves(indicators)
  local out = {}
  for _, ind in ipairs(indicators) do
    for _, p in ipairs(ind.parts or { ind }) do out[#out + 1] = p end
  end
  return out
end

-- The SQL of the summary, one block: queries(PLAN_CODES, TREND) -> SUMS.  PLAN_CODES:
-- what counts as a report to this plan (a value of one of its indicators,
-- pxr.coverage.codes); TREND: the trend chart's rates.
--
-- The institutions of the region (and below), in order of code, each with its group
-- g (below): `sid` is the rowid of the region's child it lies under (`sub`), 0 for the
-- region itself.  Only the national summary shows the sub-regions: the provinces, never
-- a statistical middle level.
-- applicability "tcm" as pxr.indicator reads it: the kinds of indicator.TCM_KINDS
local TCM_KINDS = "'" .. table.concat(indicator.TCM_KINDS, "', '") .. "'"
local function quoted(list)
  local q = {}
  for i, c in ipairs(list) do q[i] = "'" .. c:gsub("'", "''") .. "'" end
  return table.concat(q, ", ")
end
local GROUP_BASE = 4294967296 -- 2^32: the period above the institution group in the key
local function queries(PLAN_CODES, TREND)
local WANT_TREND = ""
for pi, p in ipairs({ "?2", "?3" }) do
  for _, c in ipairs(TREND) do
    local q = quoted({ c })
    WANT_TREND = WANT_TREND .. ", (" .. (pi - 1) .. ", " .. p .. ", " .. q .. ", " .. q .. ")"
  end
end
local INSTITUTIONS = [[
WITH RECURSIVE below(code, sub, sid) AS (
  SELECT ?1, NULL, 0
  UNION SELECT r.code, coalesce(b.sub, r.code), CASE WHEN b.sub IS NULL THEN r.rowid ELSE b.sid END
  FROM region r JOIN below b ON r.parent = b.code),
inst AS MATERIALIZED (
  SELECT i.code, b.sid * 64 + CASE i.level WHEN '三级' THEN 0 WHEN '二级' THEN 1 WHEN '一级' THEN 2
    ELSE 3 END * 16 + (i.level = '三级' OR i.alliance_lead = 1) * 4 + (i.obstetrics = 1) * 2
    + (i.kind IN (]] .. TCM_KINDS .. [[)) AS g
  FROM institution i JOIN below b ON i.region = b.code ORDER BY i.code)
]]

-- Per indicator, period and institution group (sub-region, level, `both`: reported
-- this indicator in ?4 and ?5, so that a change between periods compares like with
-- like, indicator by indicator, and the ▲/＃/tcm flags that admit it), the values'
-- sums, and per institution group how many reported (a value of one of the plan's
-- indicators, as pxr.coverage counts them) in ?4 (was) and ?5 (now):
-- pxr_summary_sums (core/store_summary.c) in one pass over the institutions: for each,
-- the rows `want` asks, by key: all its values of ?4 and ?5 (every indicator lies
-- between '' and X'FF', a blob being above any text), paired in C unit by unit, and
-- one seek per trend rate of ?2 and ?3.  An institution's pages are read once for
-- the four periods, and pi comes with the row (0.83 -> 0.76 s CPU, national); a
-- period with no value gives a row with no indicator, which only names the
-- institution.  Lua never sees a value.  It reads each value every way
-- pxr.indicator.value_of may read it (xv: a number; yes: a number not 0; tb: a 是/否
-- answer where no number is; xr: a rate of its numerator and denominator where no
-- number is), and n, d where a rate's x is not NULL; sums() picks what the
-- indicator's type takes.  The institution group is g = sid * 64 + level * 16 + lead
-- * 4 + obst * 2 + tcm; a figure's key k = period * 2^32 + g + both * 8.  The rows
-- with no indicator are the counts: of each institution group, n institutions (the
-- region's every one), the ▲/＃/tcm ones admitted, was, now and both.
local SUMS = INSTITUTIONS .. [[,
want(pi, period, lo, hi) AS (VALUES (2, ?4, '', X'FF'), (3, ?5, '', X'FF')]] .. WANT_TREND .. [[),
s(j) AS MATERIALIZED (
  SELECT pxr_summary_sums(']] .. table.concat(PLAN_CODES, ",") .. [[', inst.code, inst.g,
    w.pi, v.indicator, v.value, v.numerator, v.denominator, v.text)
  FROM inst CROSS JOIN want w LEFT JOIN value v ON v.unit = inst.code AND v.period = w.period
    AND v.indicator >= w.lo AND v.indicator <= w.hi)
SELECT j.value ->> 0 AS indicator, j.value ->> 1 AS k, j.value ->> 3 AS cv, j.value ->> 4 AS sv,
  j.value ->> 5 AS yes, j.value ->> 7 AS ct, j.value ->> 8 AS st, j.value ->> 9 AS cr,
  j.value ->> 10 AS sr, j.value ->> 11 AS pn, j.value ->> 12 AS sn, j.value ->> 14 AS sd,
  NULL AS level, NULL AS sub, NULL AS sid, NULL AS n, NULL AS lead, NULL AS obst, NULL AS tcm,
  NULL AS was, NULL AS now, NULL AS both
FROM s, json_each(s.j) j WHERE j.value ->> 0 IS NOT NULL
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  CASE c.k >> 6 & 3 WHEN 0 THEN '三级' WHEN 1 THEN '二级' WHEN 2 THEN '一级' ELSE '未定级' END,
  r.code, c.k >> 8, c.n, c.n * (c.k >> 4 & 1), c.n * (c.k >> 3 & 1), c.n * (c.k >> 2 & 1),
  c.n * (c.k >> 1 & 1), c.n * (c.k & 1), c.n * (c.k & 3 = 3)
FROM (SELECT j.value ->> 1 AS k, j.value ->> 2 AS n FROM s, json_each(s.j) j
      WHERE j.value ->> 0 IS NULL) c LEFT JOIN region r ON r.rowid = c.k >> 8
]]
return SUMS
end

-- A group's sums as the leaf's type reads its values: reported (x not NULL), sx, pn, sn, sd.
function M.sums(ind, r)
  if ind.type == "bool" then
    return { reported = r.cv + r.ct, sx = r.yes + r.st, pn = 0, sn = 0, sd = 0 } -- yes: a count
  elseif ind.type == "rate" then
    return { reported = r.cv + r.cr, sx = r.sv + r.sr, pn = r.pn, sn = r.sn, sd = r.sd }
  end
  return { reported = r.cv, sx = r.sv, pn = 0, sn = 0, sd = 0 }
end

-- The group keys a row of level lv and sub-region sub adds to: its level, 合计,
-- and (when there is one) "sub:" .. sub.
function M.keys(lv, sub)
  if sub == nil then return { lv, TOTAL } end
  return { lv, TOTAL, "sub:" .. sub }
end

local function add(acc, key, row)
  local a = acc[key]
  if a == nil then
    a = { reported = 0, sx = 0, pn = 0, sn = 0, sd = 0 }
    acc[key] = a
  end
  for _, k in ipairs({ "reported", "sx", "pn", "sn", "sd" }) do a[k] = a[k] + row[k] end
end

local APPLICABLE = { tertiary_or_lead = "lead", obstetrics = "obst", tcm = "tcm" }
local FLAG = { lead = 4, obst = 2, tcm = 1 } -- the ▲/＃/tcm bits of the key

-- The rows of the figures queries summed by period, indicator and group: acc over every
-- institution, paired over those that reported the indicator in both periods[3] and
-- periods[4] (the `both` bit of the key).  leaf: code -> the entry that carries values;
-- trend: code -> true for the rates of the two periods before the last; sub_of: sid ->
-- sub-region code.  A row's key k = period * 2^32 + sid * 64 + level * 16 + both * 8 +
-- lead * 4 + obst * 2 + tcm; a row of an institution the indicator does not apply to
-- (▲/＃/tcm) adds nothing.
function M.accumulate(rows, periods, leaf_of, trend, sub_of)
  local acc, pacc = {}, {} -- period -> indicator -> group -> sums
  for _, p in ipairs(periods) do acc[p], pacc[p] = {}, {} end
  for _, r in ipairs(rows) do
    local leaf, pi, low = leaf_of[r.indicator], r.k // GROUP_BASE, r.k % GROUP_BASE
    local p = periods[pi + 1]
    local scope = leaf and leaf.applicability and FLAG[APPLICABLE[leaf.applicability]]
    if leaf and (pi >= 2 or trend[leaf.code]) and (not scope or (low // scope) % 2 == 1) then
      local both, lv, sub = (low // 8) % 2, indicator.LEVELS[(low // 16) % 4 + 1], sub_of[low // 64]
      local row = M.sums(leaf, r)
      if row.reported > 0 then
        local targets = { acc }
        if both == 1 and pi >= 2 then targets[2] = pacc end
        for _, t in ipairs(targets) do
          local by_ind = t[p]
          by_ind[leaf.code] = by_ind[leaf.code] or {}
          for _, key in ipairs(M.keys(lv, sub)) do add(by_ind[leaf.code], key, row) end
        end
      end
    end
  end
  return acc, pacc
end

-- One figure, as pxr.indicator.summarize computes it from the institutions' rows.  An
-- indicator asked only of those who report it (pxr.asked) applies to its reporters.
function M.figure(ind, acc, applicable)
  local s = { applicable = applicable or 0, reported = acc and acc.reported or 0 }
  if asked.by_reporting(ind) then s.applicable = s.reported end
  if s.reported == 0 then return s end
  s.mean = acc.sx / acc.reported
  if ind.type == "rate" then
    s.pooled, s.pooled_n = indicator.rate(acc.sn, acc.sd), acc.pn
  elseif ind.type == "bool" then
    s.yes, s.mean = math.tointeger(acc.sx) or acc.sx, nil
  elseif ind.type == "count" then
    s.sum = acc.sx
  end
  return s
end

-- figures[period][indicator][group] for the groups of GROUPS and "sub:CODE", and
-- paired[period][indicator][group] over the institutions that reported in both
-- periods[3] and periods[4]; counts[group] = { n=, was=, now=, both= } institutions
-- (n: all of them; was, now: reported in periods[3], periods[4]); subs = the
-- sub-regions with institutions.  One pass over the values.
local function aggregate(q, code, periods)
  local counts, subs, sub_of = {}, {}, {} -- sub_of: sid -> sub-region code
  local admitted = {} -- group -> { n=, lead=, obst=, tcm= }
  for _, g in ipairs(GROUPS) do counts[g] = { n = 0, was = 0, now = 0, both = 0 } end
  local rows, count_rows = {}, {} -- q.sums: the figures' rows, and the counts' (no indicator)
  for _, r in ipairs(pxr.db.query(q.sums, code, periods[1], periods[2], periods[3], periods[4])) do
    table.insert(r.indicator and rows or count_rows, r)
  end
  for _, r in ipairs(count_rows) do
    for _, k in ipairs(M.keys(r.level, r.sub)) do
      local a = admitted[k] or { n = 0, lead = 0, obst = 0, tcm = 0 }
      a.n, a.lead, a.obst, a.tcm = a.n + r.n, a.lead + r.lead, a.obst + r.obst, a.tcm + r.tcm
      admitted[k] = a
      local c = counts[k] or { n = 0, was = 0, now = 0, both = 0 }
      for _, f in ipairs({ "n", "was", "now", "both" }) do c[f] = c[f] + math.tointeger(r[f]) end
      counts[k] = c
    end
    if r.sub ~= nil and not subs[r.sub] then
      subs[r.sub] = true
      subs[#subs + 1] = r.sub
      sub_of[r.sid] = r.sub
    end
  end
  table.sort(subs)
  local acc, pacc = M.accumulate(rows, periods, q.leaf, q.trend_set, sub_of)
  local groups = { table.unpack(GROUPS) }
  for _, sub in ipairs(subs) do groups[#groups + 1] = "sub:" .. sub end
  local function build(a)
    local figures = {}
    for _, p in ipairs(periods) do
      figures[p] = {}
      for _, ind in ipairs(q.leaves) do
        local g, sums = {}, a[p][ind.code] or {}
        local field = ind.applicability and APPLICABLE[ind.applicability] or "n"
        for _, name in ipairs(groups) do
          g[name] = M.figure(ind, sums[name], admitted[name] and math.tointeger(admitted[name][field]))
        end
        figures[p][ind.code] = g
      end
    end
    return figures
  end
  return build(acc), build(pacc), counts, subs
end

-- The statistic rows of an indicator (below its 填报/适用 row); a change
-- against the previous period is shown for each.
function M.stats(ind)
  local unit = ind.unit and ("（" .. ind.unit .. "）") or ""
  if ind.type == "rate" then
    return { { key = "pooled", label = "合计率（%）" }, { key = "mean", label = "平均率（%）" } }
  elseif ind.type == "bool" then
    return { { key = "yes", label = "其中答“是”（家）" } }
  elseif ind.type == "count" then
    return { { key = "sum", label = "合计" .. unit } }
  elseif ind.type == "level" then
    return { { key = "mean", label = "平均级别" } }
  end
  return { { key = "mean", label = "平均值" .. unit } }
end

-- Two decimals, half away from zero (四舍五入).  SQLite sums in no fixed order,
-- so a mean that is exactly x.xx5 must not round up or down with the last bit.
function M.fixed2(x)
  local k = math.floor(math.abs(x) * 100 + 0.5 + 1e-7)
  local s = string.format("%s%d.%02d", x < 0 and k > 0 and "-" or "", k // 100, k % 100)
  return s
end
local fixed2 = M.fixed2

-- Sums and 是 counts are whole numbers; rates and means keep two decimals.
local function shown(key, x)
  if x == nil then return nil end
  if key == "sum" or key == "yes" then return indicator.thousands(x) end
  return fixed2(x)
end

local function signed(key, d)
  if d == nil then return "" end
  local s = shown(key, d)
  if s:sub(1, 1) ~= "-" and s:match("[1-9]") then s = "+" .. s end
  return s
end

-- The text of one cell pair (本期, 较上期) of a statistic row; the change is
-- over the institutions that reported in both periods (pn: this period, pp: the last).
function M.cells(key, now, pn, pp)
  if now.applicable == 0 then return "—", "" end
  if key == "reporting" then return now.reported .. "/" .. now.applicable, "" end
  local x = now[key]
  if x == nil then return "无数据", "" end
  return shown(key, x), signed(key, indicator.change(pn[key], pp[key]))
end

function M.group_element(name, now, before, pn, pp)
  local a = { level = name, applicable = now.applicable, reported = now.reported,
              previous_reported = before.reported, paired_reported = pn.reported }
  for _, k in ipairs({ "pooled", "mean", "sum", "yes" }) do
    if now[k] ~= nil then a[k] = indicator.decimal(now[k]) end
    if before[k] ~= nil then a["previous_" .. k] = indicator.decimal(before[k]) end
    if pn[k] ~= nil then a["paired_" .. k] = indicator.decimal(pn[k]) end
    if pp[k] ~= nil then a["paired_previous_" .. k] = indicator.decimal(pp[k]) end
    local d = indicator.change(pn[k], pp[k])
    if d ~= nil then a["change_" .. k] = indicator.decimal(d) end
  end
  if now.pooled_n then a.pooled_n = now.pooled_n end
  return { tag = "group", attrs = a }
end

-- What a plugin's summary reads, once per plugin: the queries over its indicators and
-- the trend chart's rates.
local function plan(spec, plugin)
  local what = plugin.id .. " summary"
  local leaves = M.leaves(plugin.indicators or {})
  local leaf = {}
  for _, p in ipairs(leaves) do leaf[p.code] = p end
  local trend = spec.trend
  if trend == nil then
    trend = {}
    for _, p in ipairs(leaves) do
      if p.type == "rate" and #trend < 5 then trend[#trend + 1] = p.code end
    end
  end
  local headline = spec.headline or trend[1]
  for _, c in ipairs(headline and { headline, table.unpack(trend) } or trend) do
    if leaf[c] == nil or leaf[c].type ~= "rate" then
      pxr.error(what .. ": " .. tostring(c) .. " is not a rate indicator of plugin " .. plugin.id)
    end
  end
  local q = { leaves = leaves, leaf = leaf, trend = trend, headline = headline, trend_set = {} }
  for _, c in ipairs(trend) do q.trend_set[c] = true end
  q.codes = coverage.codes(plugin)
  q.sums = queries(q.codes, trend)
  return q
end

local function build(spec, q, ctx)
  local hooks, plugin = spec.hooks or {}, ctx.plugin
  local indicators, marks, word = plugin.indicators or {}, spec.marks or {}, spec.indicators or "指标"
  local function marked(ind) return ind.name .. (marks[ind.applicability] or "") end
  local code = ctx.region
  if code == nil then
    error(plugin.id .. " " .. (ctx.report or "summary") .. " is a report on a region: give --region", 0)
  end
  local reg = region.get(code)
  local now_p, prev_p = ctx.period, period.previous(ctx.period)
  local periods = { period.previous(period.previous(prev_p)), period.previous(prev_p), prev_p, now_p }
  local figures, paired, tally, subs = aggregate({ sums = q.sums,
                                                   leaves = q.leaves, leaf = q.leaf,
                                                   trend_set = q.trend_set }, code, periods)
  -- who has reported (pxr.coverage: a value of one of the plan's indicators), this period
  -- and the last;
  -- the missing are listed up to coverage.LIST, then counted by province and level
  -- the SUMS count rows count who reported as coverage does (a value of q.codes, the
  -- region and below): coverage.region only looks for the missing
  local cov = coverage.region(code, now_p, q.codes, nil,
                              { expected = tally[TOTAL].n, reported = tally[TOTAL].now })
  local cov_prev = { expected = tally[TOTAL].n, reported = tally[TOTAL].was }
  local members, by_level = {}, {} -- group -> { expected, reported, both }
  for k, c in pairs(tally) do members[k] = c.n end
  for _, g in ipairs(GROUPS) do
    by_level[g] = { expected = tally[g].n, reported = tally[g].now, both = tally[g].both }
  end
  local n_both = by_level[TOTAL].both
  local same_group = n_both == cov.reported and n_both == cov_prev.reported
  local present = {}
  for _, lv in ipairs(indicator.LEVELS) do
    if members[lv] > 0 then present[#present + 1] = lv end
  end
  present[#present + 1] = TOTAL

  local label, prev_label = period.label(now_p), period.label(prev_p)
  local path = region.path(code, "")
  local r = { region = reg, code = code, path = path, label = label, previous = prev_p,
              previous_label = prev_label, periods = periods, figures = figures, paired = paired,
              tally = tally, coverage = cov, coverage_previous = cov_prev, present = present,
              subs = subs }
  local counts = {}
  for _, lv in ipairs(indicator.LEVELS) do counts[#counts + 1] = lv .. members[lv] .. "家" end
  local n_insts, n_reporting = members[TOTAL], tally[TOTAL].now

  local result = { tag = "summary", attrs = {
    plugin = plugin.id, period = now_p, period_label = label, previous = prev_p,
    previous_label = prev_label, region = code, region_name = path,
    institutions = n_insts, reporting = n_reporting } }
  for _, name in ipairs(GROUPS) do
    result[#result + 1] = { tag = "institutions", attrs = { level = name, count = members[name] } }
  end
  local cov_el = coverage.element(cov)
  cov_el.attrs.previous_reported, cov_el.attrs.both_reported = cov_prev.reported, n_both
  result[#result + 1] = cov_el

  -- The table: a dimension row, then per indicator (or part) one row of
  -- 填报/适用 and one per statistic; 序号 and 指标 cells span them.
  local rows, dim = {}, nil
  local width = 3 + 2 * #present
  local function add_rows(out, ind, number, name)
    local block = { { key = "reporting", label = "填报/适用（家）" } }
    for _, s in ipairs(M.stats(ind)) do block[#block + 1] = s end
    for i, s in ipairs(block) do
      local row = {}
      if i == 1 then
        row[1] = { text = number, rowspan = #block, align = "center" }
        row[2] = { text = name, rowspan = #block }
      end
      row[#row + 1] = s.label
      for _, g in ipairs(present) do
        local a, b = M.cells(s.key, figures[now_p][ind.code][g], paired[now_p][ind.code][g],
                             paired[prev_p][ind.code][g])
        row[#row + 1], row[#row + 2] = a, b
      end
      out[#out + 1] = row
    end
  end
  local function groups_of(el, c)
    for _, g in ipairs(GROUPS) do
      el[#el + 1] = M.group_element(g, figures[now_p][c][g], figures[prev_p][c][g],
                                    paired[now_p][c][g], paired[prev_p][c][g])
    end
  end

  for n, ind in ipairs(indicators) do
    local number = ind.number or n
    if ind.dimension ~= dim then
      dim = ind.dimension
      rows[#rows + 1] = { { text = dim, colspan = width, bold = true } }
    end
    local el = { tag = "indicator", attrs = { code = ind.code, number = number, name = ind.name,
      dimension = ind.dimension, type = ind.type, unit = ind.unit, applicability = ind.applicability } }
    local irows = {}
    if ind.parts then
      irows[1] = { { text = tostring(number), align = "center" },
                   { text = marked(ind), colspan = width - 1 } }
      for i, p in ipairs(ind.parts) do
        add_rows(irows, p, number .. "." .. i, "其中：" .. p.name)
        local pe = { tag = "part", attrs = { code = p.code, name = p.name, type = p.type,
                                             unit = p.unit } }
        groups_of(pe, p.code)
        el[#el + 1] = pe
      end
    else
      add_rows(irows, ind, tostring(number), marked(ind))
      groups_of(el, ind.code)
    end
    for _, row in ipairs(hook(hooks, "indicator_rows", irows, ind, ctx, r)) do rows[#rows + 1] = row end
    result[#result + 1] = hook(hooks, "indicator", el, ind, ctx, r)
  end

  local columns = { { title = "序号", width = 3, align = "center" },
                    { title = "指标", width = 14 },
                    { title = "统计项", width = 10 } }
  local head1 = { { text = "序号", rowspan = 2 }, { text = "指标", rowspan = 2 },
                  { text = "统计项", rowspan = 2 } }
  local head2 = {}
  for _, g in ipairs(present) do
    columns[#columns + 1] = { title = "本期", width = 5, align = "right" }
    columns[#columns + 1] = { title = "较上期", width = 5, align = "right" }
    local c = by_level[g]
    head1[#head1 + 1] = { text = (g == TOTAL and "合计" or g .. "医院") .. "（已报" .. c.reported
                                 .. "/" .. c.expected .. "）", colspan = 2 }
    head2[#head2 + 1], head2[#head2 + 2] = "本期", "较上期"
  end

  local absent = {}
  for _, lv in ipairs(indicator.LEVELS) do
    if members[lv] == 0 then absent[#absent + 1] = lv end
  end
  local notes = {
    "注：1.“填报/适用”为填报本项的机构数与本项适用的机构数；未填报的机构不计入合计、平均，不按零计。",
    "　　2.合计率＝各机构分子之和÷分母之和×100%；平均率＝各机构率的算术平均值。"
    .. "较上期为" .. prev_label .. "和本期均填报该项指标的机构本期与上期之差（两期均有填报的机构"
    .. n_both .. "家，各项指标另计），率以百分点计"
    .. (same_group and "。" or ("；本期" .. cov.reported .. "家、上期" .. cov_prev.reported
                               .. "家填报，两期填报的机构不同，未同时填报两期的机构不计入较上期。")),
    "　　3.“—”表示该级别无适用机构；“无数据”表示适用机构均未填报；表头括号内为该级别已报/应报的机构数。",
  }
  for _, text in ipairs(spec.notes or {}) do notes[#notes + 1] = "　　" .. (#notes + 1) .. "." .. text end
  local by_reporting = {}
  for n, ind in ipairs(indicators) do
    if asked.by_reporting(ind) then by_reporting[#by_reporting + 1] = tostring(ind.number or n) end
  end
  if #by_reporting > 0 then
    notes[#notes + 1] = "　　" .. (#notes + 1) .. ".指标" .. table.concat(by_reporting, "、")
      .. (spec.asked_note or "的适用机构为填报本项的单位。")
  end
  if #absent > 0 then
    notes[#notes + 1] = "　　" .. (#notes + 1) .. ".本地区无" .. table.concat(absent, "、") .. "医疗机构，表中不列。"
  end
  notes = hook(hooks, "notes", notes, ctx, r)

  -- Charts: the headline rate by level, this period against the last; the trend's rates
  -- over four periods.
  local charts = {}
  local H = q.headline
  if H then
    local cats, s_now, s_prev = {}, {}, {}
    for i, g in ipairs(present) do
      cats[i] = g == TOTAL and "合计" or g .. "医院"
      s_now[i] = figures[now_p][H][g].pooled
      s_prev[i] = figures[prev_p][H][g].pooled
    end
    charts[#charts + 1] = hook(hooks, "chart", pxr.chart.bars {
      title = q.leaf[H].name .. "（合计率）", categories = cats, unit = "%",
      series = { { name = prev_label, values = s_prev }, { name = label, values = s_now } },
    }, "bars", ctx, r)
  end
  if #q.trend > 0 then
    local pcats, series = {}, {}
    for i, p in ipairs(periods) do pcats[i] = period.label(p) end
    for _, c in ipairs(q.trend) do
      local vals = {}
      for i, p in ipairs(periods) do vals[i] = figures[p][c][TOTAL].pooled end
      series[#series + 1] = { name = q.leaf[c].name, values = vals }
    end
    charts[#charts + 1] = hook(hooks, "chart", pxr.chart.lines {
      title = "主要指标近四期变化（全部机构合计率）", categories = pcats, unit = "%", series = series,
      width = 200, -- the landscape page: five series keep their legend on one line
    }, "trend", ctx, r)
  end

  local overview = string.format("%s共有医疗机构%d家（%s），", path, n_insts,
                                 table.concat(counts, "、"))
  if n_reporting == 0 then
    overview = overview .. label .. "无机构填报" .. word .. "。"
  else
    overview = overview .. string.format("%s有%d家填报了%s（%s）。", label, n_reporting, word,
                                         coverage.text(cov))
  end
  local e1n = H and figures[now_p][H][TOTAL].pooled
  if e1n then
    local e1pn, e1pp = paired[now_p][H][TOTAL].pooled, paired[prev_p][H][TOTAL].pooled
    local e1_both = paired[now_p][H][TOTAL].reported -- reported H in both periods
    local e1_same = e1_both == figures[now_p][H][TOTAL].reported
      and e1_both == figures[prev_p][H][TOTAL].reported
    overview = overview .. string.format("%s合计率为%s%%（%s）", q.leaf[H].name, fixed2(e1n),
                                         coverage.text(cov))
    local d = indicator.change(e1pn, e1pp)
    local cmp
    if not e1_same then
      overview = overview .. string.format("。两期填报该项指标的机构不同：本期%d家、上期%d家填报，",
                                           figures[now_p][H][TOTAL].reported,
                                           figures[prev_p][H][TOTAL].reported)
      cmp = d == nil and "" or string.format("两期均填报的%d家机构本期合计率为%s%%，较其%s（%s%%）",
                                            e1_both, fixed2(e1pn), prev_label, fixed2(e1pp))
    else
      cmp = "较" .. prev_label
    end
    if d == nil then
      overview = overview .. (e1_same and "，" or "") .. "两期均填报的机构无可比数据，不计算较上期变化。"
    elseif math.abs(d) < 0.005 then
      overview = overview .. (e1_same and "，" or "") .. cmp .. "持平。"
    else
      overview = overview .. string.format("%s%s%s%s个百分点。", e1_same and "，" or "", cmp,
                                           d > 0 and "提高" or "降低", fixed2(math.abs(d)))
    end
  end
  overview = hook(hooks, "overview", overview, ctx, r)

  -- The national summary: each province with institutions, its counts and the key rates.
  local by_province = {}
  if reg.level == "country" then
    local pcols = { { title = "省份", width = 9 }, { title = "机构数（家）", width = 5, align = "right" },
                    { title = "本期填报（家）", width = 5, align = "right" } }
    for _, c in ipairs(q.trend) do
      pcols[#pcols + 1] = { title = q.leaf[c].name .. "（%）", width = 7, align = "right" }
    end
    local prows = {}
    for _, sub in ipairs(subs) do
      local key, sr = "sub:" .. sub, region.get(sub)
      local row = { sr.name, tostring(members[key]), tostring(tally[key].now) }
      local el = { tag = "subregion", attrs = { code = sub, name = sr.name,
        institutions = members[key], reporting = tally[key].now } }
      for _, c in ipairs(q.trend) do
        local f = figures[now_p][c][key]
        row[#row + 1] = f.pooled and fixed2(f.pooled) or "无数据"
        el[#el + 1] = { tag = "rate", attrs = { code = c, reported = f.reported,
          pooled = f.pooled and indicator.decimal(f.pooled) or nil } }
      end
      prows[#prows + 1] = row
      result[#result + 1] = el
    end
    by_province = hook(hooks, "subregions", {
      doc.heading(2, "三、分省情况"),
      doc.table { columns = pcols, rows = prows, notes = {
        "注：列出有医疗机构的省份；率为" .. label .. "合计率（各机构分子之和÷分母之和×100%），"
        .. "“无数据”表示该省适用机构均未填报。" } },
    }, ctx, r) or {}
  end

  local body = {
    hook(hooks, "header", doc.kv({ { "地区", path }, { "地区代码", code },
             { "报告期", label }, { "对比期", prev_label .. "（上期）" },
             { "机构数", table.concat(counts, "、") .. "，共" .. n_insts .. "家" },
             { "本期填报机构数", n_reporting .. "家" },
             { "报送情况", coverage.text(cov) },
             { "上期报送情况", coverage.text(cov_prev) } }, 2), ctx, r),
    doc.heading(2, "一、总体情况"),
    doc.paragraph(overview),
    doc.paragraph(coverage.missing_text(cov) or "本地区机构均已报送本期数据。"),
  }
  for _, c in ipairs(charts) do
    if c then body[#body + 1] = c end
  end
  body[#body + 1] = doc.heading(2, "二、" .. word .. "分级汇总")
  body[#body + 1] = doc.table { columns = columns, header = { head1, head2 }, rows = rows, notes = notes }
  for _, block in ipairs(by_province) do body[#body + 1] = block end
  body[#body + 1] = hook(hooks, "closing", doc.paragraph(spec.closing or ("依据：" .. plugin.issuer
    .. "《" .. plugin.title .. "》" .. (plugin.number and ("（" .. plugin.number .. "）") or "") .. "。"),
    { size = 9 }), ctx, r)
  -- someone reported the plan this period: there is data, no query needed to know it
  local notice = coverage.notice(ctx, {}, path, code, n_reporting > 0)
  if notice then table.insert(body, 1, notice) end
  local d = doc.document {
    title = spec.title,
    subtitle = path .. "　" .. label,
    author = path,
    subject = plugin.title,
    keywords = (spec.keywords or (word .. ",汇总,")) .. now_p,
    orientation = "landscape",
    body = body,
  }
  return hook(hooks, "document", d, ctx, r), hook(hooks, "result", result, ctx, r)
end

-- Every region that has institutions in it or below it: 区/县, 盟市/地级市, 省 and 全国;
-- not the statistical middle levels (310100 市辖区), whose summary is their parent's.
function M.regions()
  local codes = {}
  for _, r in ipairs(pxr.db.query([[
    WITH RECURSIVE up(code) AS (
      SELECT region FROM institution
      UNION SELECT r.parent FROM region r JOIN up ON r.code = up.code WHERE r.parent IS NOT NULL)
    SELECT r.code, r.name, r.level FROM up JOIN region r ON r.code = up.code ORDER BY r.code]])) do
    if not region.statistical(r) then codes[#codes + 1] = r.code end
  end
  return codes
end

function M.summary(spec)
  if type(spec) ~= "table" or type(spec.title) ~= "string" then
    pxr.error("summary{...} needs title = the report's title")
  end
  local plans = {} -- plugin id -> plan(): the queries, made at the first build
  return require("pxr.report").entry(spec, "region", "pxr-summary.xsd", function(_, ctx)
    local q = plans[ctx.plugin.id] or plan(spec, ctx.plugin)
    plans[ctx.plugin.id] = q
    return build(spec, q, ctx)
  end, { units = M.regions })
end

return M
