-- pxr.report_semiannual: a reporting unit's 阶段性工作总结 (a district's, a group's
-- such as 申康医院发展中心, or the recipient's own 汇总) as a call with hooks, as
-- shanghai2023's.  The document: the five parts of the summary (the plugin's
-- narrative_sections, the units' own texts), the attachments' list and the
-- signature, then the attachments: measures (how many units of the summary report
-- each measure 已完成 / 推进中 / 未启动, as of the due date), targets (one part per
-- target; default: a target of every institution, judged on each), indicators (the
-- numbered indicators over the unit's institutions, with who has reported).
--
-- semiannual{ title=, plan=, activity=, short=, recipient=, salutation=, indicators=, schema=,
--   units=function() -> codes, due=function(period) -> ISO date,
--   scope=function(code) -> sc, coverage=function(ctx, r) -> pxr.coverage table,
--   marks=, notes=, attachments={ targets = name in the list }, hooks={…} }
-- sc: kind ("group" for a pxr.unit group; the rest is the plugin's), code, name,
-- sender, region, insts (the institutions reported on: M.scope_sql's, which the
-- figures are computed over; read from the store when left nil), districts (regions whose
-- institutions the unit's institutions include, for charts), groups (groups counted
-- as units), left (institutions a group reports for, left out) with by (code ->
-- group), compiled (the recipient's 汇总 of what others sent), who (the units counted,
-- in words; default the sender and its institutions), signer.
-- The hooks (return nil to keep the default):
--   parts(piece, ctx, r)             piece = { blocks=, elements=, submitted= }: the
--                                    salutation, the opening and the parts
--   section(text, m, ctx)            a measure section's heading, as printed
--   measure_row(row, m, c, ctx)      one row of the measures table (c: units by status)
--   measure(el, m, c, ctx)           the <measure> element
--   target_part(piece, t, ctx, r)    piece = { blocks=, element= }: one target's part
--   indicator_row(row, ind, ctx)     one row of the indicators table
--   indicator(el, ind, ctx)          the <indicator> element
--   attachment(att, ctx, r)          att = { name=, title=, listed=, blocks=, elements= };
--                                    return false to leave it out
--   closing(block, ctx, r)           the paragraph after the indicators
--   document(d, ctx, r), result(el, ctx, r)
-- r: scope (sc), code, label, due, insts, districts, units (the codes counted besides the
-- institutions), scope_units (units and the institutions' codes), who; insts and
-- scope_units are read from the store when first asked for (M.scope_sql: Lua holds no
-- list of the scope's institutions unless a hook asks for it).
local coverage = require("pxr.coverage")
local doc = require("pxr.doc")
local format = require("pxr.format")
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local region = require("pxr.region")
local result = require("pxr.result")
local sources = require("pxr.sources")
local target = require("pxr.target")

local hook = require("pxr.report").hook

local M = {}

-- A narrative's paragraphs: one a line, blank lines dropped.
function M.paragraphs(text)
  local out = {}
  for line in (text .. "\n"):gmatch("(.-)\r?\n") do
    line = line:match("^[%s　]*(.-)%s*$")
    if line ~= "" then out[#out + 1] = doc.paragraph(line) end
  end
  return out
end

-- section -> text of one unit's narratives for the period.
function M.narratives(ctx, code)
  local narr = {}
  for _, r in ipairs(pxr.db.query("SELECT section, text FROM narrative WHERE plugin = ? AND unit = ? "
                                  .. "AND period = ?", ctx.plugin.id, code, ctx.period)) do
    narr[r.section] = r.text
  end
  return narr
end

function M.names(list, field)
  local out = {}
  for i, x in ipairs(list) do out[i] = x[field or "name"] end
  return table.concat(out, "、")
end

local function count_cell(n)
  return { text = tostring(n), align = "center" }
end

-- The salutation, the opening and the parts of the unit's own summary.
local function own_parts(spec, ctx, r)
  local sc, blocks, elements = r.scope, {}, {}
  blocks[1] = doc.paragraph(spec.salutation, { align = "left", indent = 0 })
  local left = ""
  if #(sc.left or {}) > 0 then
    local by = {}
    for _, i in ipairs(sc.left) do by[sc.by[i.code].name] = true end
    local gnames = {}
    for n in pairs(by) do gnames[#gnames + 1] = n end
    table.sort(gnames)
    left = "位于本区的" .. M.names(sc.left) .. "由" .. table.concat(gnames, "、")
           .. "报送，不在本总结统计范围内。"
  end
  blocks[2] = doc.paragraph("根据《" .. spec.plan .. "》关于定期报送阶段性工作总结的要求，现将"
    .. (sc.kind == "district" and "本区" or "本单位") .. r.label .. spec.short
    .. "开展情况总结如下。" .. left)
  local narr, missing, parts = M.narratives(ctx, r.code), 0, ctx.plugin.narrative_sections
  for i, part in ipairs(parts) do
    blocks[#blocks + 1] = doc.heading(1, format.cn(i) .. "、" .. part)
    local text = narr[part]
    if text then
      for _, p in ipairs(M.paragraphs(text)) do blocks[#blocks + 1] = p end
    else
      missing = missing + 1
      blocks[#blocks + 1] = doc.paragraph("（未提交）", { font = "kai" })
    end
    elements[#elements + 1] = { tag = "part", attrs = { seq = i, name = part,
                                                        submitted = text and "true" or "false" },
                                text = text }
  end
  return { blocks = blocks, elements = elements, submitted = #parts - missing }
end

-- The institutions of a summary's scope as SQL: a CTE `scope` (institution rows) and
-- its arguments { ?1 = sc.code, ?2 = the period, ?3 = sc.left_of when given }, for a
-- query to append its own (pxr.db.query(sql .. "SELECT … FROM scope i …", table.unpack(args))).
-- A group's members, or the institutions of region sc.code and below but, given
-- sc.left_of (a region), those a group of that region reports for (sc.left).
function M.scope_sql(sc, period_id)
  local args = { sc.code, period_id }
  -- (?2 named in the CTE: a query of the scope alone binds its arguments as they are)
  if sc.kind == "group" then
    return "WITH scope AS (SELECT i.* FROM institution i JOIN unit_group_member m "
      .. "ON m.institution = i.code WHERE m.grp = ?1 AND ?2 IS NOT NULL) ", args
  end
  local sql = region.BELOW .. ", scope AS (SELECT i.* FROM institution i JOIN below b ON i.region = b.code "
    .. "WHERE ?2 IS NOT NULL"
  if sc.left_of then
    args[3] = sc.left_of
    sql = sql .. " AND i.code NOT IN (SELECT m.institution FROM unit_group_member m "
      .. "JOIN unit_group g ON g.code = m.grp WHERE g.region = ?3)"
  end
  return sql .. ") ", args
end

-- bind(x) -> "?n": x appended to args (pxr.data.binder)
local binder = require("pxr.data").binder

-- Measure status over the units of the summary, as of the due date.
local function measures_part(ctx, r, hooks)
  local measures = ctx.plugin.measures
  -- the units counted: the unit, its districts and groups, and the institutions of its
  -- scope, these in SQL
  local sql, args = M.scope_sql(r.scope, ctx.period)
  local bind = binder(args)
  local plugin, marks, seen = bind(ctx.plugin.id), {}, {}
  for _, u in ipairs(r.units) do
    if not seen[u] then seen[u] = true; marks[#marks + 1] = bind(u) end
  end
  local others = pxr.db.query(sql .. "SELECT count(*) AS n FROM scope WHERE code NOT IN ("
                              .. table.concat(marks, ", ") .. ")", table.unpack(args))[1].n
  local units = { n = #marks + others }
  local counts = {}
  for _, m in ipairs(measures) do counts[m.code] = { ["已完成"] = 0, ["推进中"] = 0, ["未启动"] = 0 } end
  for _, s in ipairs(pxr.db.query(sql .. "SELECT measure, status, count(*) AS n FROM measure_status "
      .. "WHERE plugin = " .. plugin .. " AND period = ?2 AND (unit IN (" .. table.concat(marks, ", ")
      .. ") OR unit IN (SELECT code FROM scope)) GROUP BY measure, status", table.unpack(args))) do
    if counts[s.measure] and counts[s.measure][s.status] then
      counts[s.measure][s.status] = counts[s.measure][s.status] + s.n
    end
  end
  local rows, el = {}, { tag = "measures", attrs = { units = units.n, as_of = r.due } }
  local total = { ["已完成"] = 0, ["推进中"] = 0, ["未启动"] = 0, missing = 0 }
  local last_section
  for _, m in ipairs(measures) do
    local section = hook(hooks, "section", m.section, m, ctx)
    if m.section ~= last_section then
      rows[#rows + 1] = { { text = section, colspan = 6, bold = true } }
      last_section = m.section
    end
    local c = counts[m.code]
    local missing = units.n - c["已完成"] - c["推进中"] - c["未启动"]
    c[result.UNREPORTED] = missing
    rows[#rows + 1] = hook(hooks, "measure_row", { { text = m.code, align = "center" }, m.title,
                           count_cell(c["已完成"]), count_cell(c["推进中"]), count_cell(c["未启动"]),
                           count_cell(missing) }, m, c, ctx)
    for _, s in ipairs(result.MEASURE_STATUSES) do total[s] = total[s] + c[s] end
    total.missing = total.missing + missing
    el[#el + 1] = hook(hooks, "measure", { tag = "measure", attrs = result.counts_attrs(c, {
      code = m.code, section = section, title = m.title }) }, m, c, ctx)
  end
  local n = #measures
  local summary = string.format("统计单位为%s，共%d个；表中数字为单位数，未报送指本期未填报"
    .. "该项任务推进状态的单位数。%d项重点任务应报送%d项次，已报送%d项次，"
    .. "其中已完成%d项次、推进中%d项次、未启动%d项次；未报送%d项次。推进状态为各单位截至报送时限"
    .. "（%s）报送的状态，不是%s的状态。", r.who, units.n, n,
    n * units.n, n * units.n - total.missing, total["已完成"], total["推进中"],
    total["未启动"], total.missing, format.date(r.due), format.date(select(2, period.bounds(ctx.period))))
  return {
    doc.paragraph(summary),
    doc.table {
      columns = { { title = "序号", width = 3, align = "center" }, { title = "重点任务", width = 14 },
                  { title = "已完成", width = 3 }, { title = "推进中", width = 3 },
                  { title = "未启动", width = 3 }, { title = "未报送", width = 3 } },
      rows = rows,
    },
  }, { el }
end

-- A yes/no target of every institution (judged "each"): the institutions in
-- scope, which of them answered, and the target met only when all meet it.
function M.each_target(ctx, t, r)
  local ind
  for _, i in ipairs(ctx.plugin.indicators) do if i.code == t.indicator then ind = i end end
  local entries, rows, units = {}, {}, {}
  -- every institution of the scope with its answer, in one query: the table is the report
  local sql, args = M.scope_sql(r.scope, ctx.period)
  local ic = binder(args)(t.indicator)
  for _, inst in ipairs(pxr.db.query(sql .. "SELECT i.*, r.name AS region_name, v.unit AS answered, "
      .. "v.value, v.numerator, v.denominator, v.text FROM scope i LEFT JOIN value v "
      .. "ON v.unit = i.code AND v.period = ?2 AND v.indicator = " .. ic .. " LEFT JOIN region r "
      .. "ON r.code = i.region ORDER BY i.code", table.unpack(args))) do
    local row = inst.answered ~= nil and inst or nil
    local x = indicator.value_of(ind, row)
    local st = target.status(t, x, ctx.period, inst, r.due)
    entries[#entries + 1] = { x = x, row = row, status = st }
    rows[#rows + 1] = { inst.region_name or inst.region, inst.name,
                        { text = x == nil and "未填报" or (x == 1 and "是" or "否"), align = "center" },
                        { text = st, align = "center" } }
    units[#units + 1] = { tag = "unit", attrs = {
      code = inst.code, name = inst.name, region = inst.region,
      value = x ~= nil and indicator.decimal(x) or nil, status = st } }
  end
  local a = target.overall(t, entries, ctx.period, false, r.due)
  local el = { tag = "target", attrs = {
    code = t.code, indicator = t.indicator, name = t.name, comparator = t.comparator,
    value = t.value, unit = t.unit, deadline = t.deadline, scope = t.scope, sentence = t.sentence,
    judged = t.judged, judged_by = t.judged_by, centres = a.reported, in_scope = a.in_scope,
    met = a.met, status = a.status } }
  for i, u in ipairs(units) do el[i] = u end
  local blocks = {
    doc.paragraph("实施方案规定：“" .. t.sentence .. "”" .. (t.reading or "") .. "状态按报送时限（"
                  .. format.date(r.due) .. "）判断。本期适用机构"
                  .. a.in_scope .. "家，已填报" .. a.reported .. "家，达到要求" .. a.met
                  .. "家（达标" .. a.met .. "/" .. a.in_scope .. "家），全部适用机构达到方为达标，状态："
                  .. a.status .. "。未填报的不按“否”计。"),
  }
  if #rows > 0 then
    blocks[#blocks + 1] = doc.table {
      columns = { { title = "所在区", width = 4, align = "center" }, { title = "医疗机构", width = 12 },
                  { title = "填报", width = 3 }, { title = "状态", width = 3 } },
      rows = rows,
    }
  end
  return { blocks = blocks, element = el }
end

local function targets_part(ctx, r, hooks)
  local blocks, elements = {}, {}
  for n, t in ipairs(ctx.plugin.targets) do
    blocks[#blocks + 1] = doc.heading(3, format.cn(n) .. "、" .. t.name)
    local piece = hook(hooks, "target_part", M.each_target(ctx, t, r), t, ctx, r)
    for _, b in ipairs(piece.blocks) do blocks[#blocks + 1] = b end
    elements[#elements + 1] = piece.element
  end
  return blocks, elements
end

-- The numbered indicators over the unit's institutions, with who has reported.
-- indicator.summarize of each indicator (and part) of `inds` over the scope's
-- institutions, aggregated in SQL: the institutions counted by the three facts
-- indicator.applies reads (三级 or 医联体牵头, 产科, 中医), the values of each indicator
-- counted and summed in the same groups.  Lua holds the groups (at most 8 an
-- indicator), not the institutions nor their values.  Returns code -> figures, and
-- how many institutions the scope holds.
function M.summaries(sc, period_id, inds)
  local sql, args = M.scope_sql(sc, period_id)
  local bind = binder(args)
  local tcm = {}
  for i, k in ipairs(indicator.TCM_KINDS) do tcm[i] = bind(k) end
  sql = sql .. ", inst AS MATERIALIZED (SELECT code, "
    .. "coalesce(level = '三级' OR alliance_lead = 1, 0) AS tl, coalesce(obstetrics = 1, 0) AS ob, "
    .. "coalesce(kind IN (" .. (#tcm > 0 and table.concat(tcm, ", ") or "NULL") .. "), 0) AS tcm FROM scope) "
  local all, bools, rates = {}, {}, {}
  for _, ind in ipairs(inds) do
    all[#all + 1] = bind(ind.code)
    if ind.type == "bool" then bools[#bools + 1] = all[#all]
    elseif ind.type == "rate" then rates[#rates + 1] = all[#all] end
  end
  local function among(marks)
    return #marks > 0 and ("v.indicator IN (" .. table.concat(marks, ", ") .. ")") or "0"
  end
  local x = indicator.value_sql(among(bools), among(rates))
  local both = "typeof(numerator) IN ('integer', 'real') AND typeof(denominator) IN ('integer', 'real')"
  local q = sql .. "SELECT NULL AS indicator, tl, ob, tcm, count(*) AS n, NULL AS k, NULL AS s, NULL AS pk, "
    .. "NULL AS sn, NULL AS sd FROM inst GROUP BY tl, ob, tcm"
  if #all > 0 then
    q = q .. " UNION ALL SELECT indicator, tl, ob, tcm, NULL, count(x), sum(x), "
      .. "count(CASE WHEN x IS NOT NULL AND " .. both .. " THEN 1 END), "
      .. "sum(CASE WHEN x IS NOT NULL AND " .. both .. " THEN numerator END), "
      .. "sum(CASE WHEN x IS NOT NULL AND " .. both .. " THEN denominator END) "
      .. "FROM (SELECT v.indicator, u.tl, u.ob, u.tcm, v.numerator, v.denominator, " .. x .. " AS x "
      .. "FROM inst u JOIN value v ON v.unit = u.code AND v.period = ?2 AND v.indicator IN ("
      .. table.concat(all, ", ") .. ")) GROUP BY indicator, tl, ob, tcm"
  end
  local groups, sums, size = {}, {}, 0
  for _, g in ipairs(pxr.db.query(q, table.unpack(args))) do
    -- an institution as indicator.applies reads it
    g.inst = { level = g.tl == 1 and "三级" or "", alliance_lead = 0, obstetrics = g.ob,
               kind = g.tcm == 1 and indicator.TCM_KINDS[1] or "" }
    if g.indicator == nil then groups[#groups + 1] = g; size = size + g.n
    else sums[g.indicator] = sums[g.indicator] or {}; table.insert(sums[g.indicator], g) end
  end
  local out = {}
  for _, ind in ipairs(inds) do
    local s = { applicable = 0, reported = 0 }
    for _, g in ipairs(groups) do
      if indicator.applies(ind, g.inst) then s.applicable = s.applicable + g.n end
    end
    local total, pn, sn, sd = 0, 0, 0, 0
    for _, g in ipairs(sums[ind.code] or {}) do
      if indicator.applies(ind, g.inst) and g.k > 0 then
        s.reported, total = s.reported + g.k, total + g.s
        if g.pk > 0 then pn, sn, sd = pn + g.pk, sn + g.sn, sd + g.sd end
      end
    end
    if s.reported > 0 then
      -- as indicator.summarize gives them
      if ind.type == "rate" then
        s.mean, s.pooled, s.pooled_n = total / s.reported, indicator.rate(sn, sd), pn
      elseif ind.type == "bool" then
        s.yes = total
      else
        s.mean = total / s.reported
        if ind.type == "count" then s.sum = total end
      end
    end
    out[ind.code] = s
  end
  return out, size
end

-- The numbered indicators over the unit's institutions, with who has reported.
local function indicators_part(spec, ctx, r, hooks)
  local inds = {}
  for _, ind in ipairs(ctx.plugin.indicators) do
    if ind.number then
      if ind.parts then
        for _, p in ipairs(ind.parts) do inds[#inds + 1] = p end
      else
        inds[#inds + 1] = ind
      end
    end
  end
  local figures, size = M.summaries(r.scope, ctx.period, inds)
  local what = r.scope.kind == "group" and "所属医疗机构" or "辖区内医疗机构"
  local rows, el = {}, { tag = "indicators", attrs = { institutions = size } }
  local function figure(ind)
    local s = figures[ind.code]
    local basis, x, unit, shown
    if ind.type == "rate" then
      basis, x, unit = "合计率", s.pooled, "%"
      shown = x and string.format("%.2f", x)
    elseif ind.type == "bool" then
      basis, x, unit = "答“是”机构数", s.yes, "家"
      shown = x and tostring(x)
    elseif ind.type == "count" then
      basis, x, unit = "合计", s.sum, ind.unit or ""
      shown = x and indicator.thousands(x)
    else
      basis, x, unit = "机构均值", s.mean, ind.unit or ""
      shown = x and string.format("%.1f", x)
    end
    if s.applicable == 0 then shown = "不适用"
    elseif s.reported == 0 then shown = "无数据"
    elseif shown == nil then shown = format.MISSING end
    local attrs = { code = ind.code, name = ind.name, type = ind.type, unit = ind.unit, basis = basis,
                    applicable = s.applicable, reported = s.reported,
                    value = x and indicator.decimal(x) or nil }
    return { basis, { text = shown, align = "right" }, { text = unit, align = "center" },
             { text = s.reported .. "/" .. s.applicable, align = "center" } }, attrs
  end

  local marks = spec.marks or {}
  for _, ind in ipairs(ctx.plugin.indicators) do
    if ind.number then
      local name = ind.name .. (marks[ind.applicability] or "")
      local e
      if ind.parts then
        rows[#rows + 1] = hook(hooks, "indicator_row", { { text = tostring(ind.number), align = "center" },
                                                         { text = name, colspan = 5 } }, ind, ctx)
        e = { tag = "indicator", attrs = { code = ind.code, number = ind.number, name = ind.name,
                                           type = ind.type, unit = ind.unit } }
        for i, p in ipairs(ind.parts) do
          local cells, attrs = figure(p)
          table.insert(cells, 1, "其中：" .. p.name)
          table.insert(cells, 1, { text = ind.number .. "." .. i, align = "center" })
          rows[#rows + 1] = hook(hooks, "indicator_row", cells, p, ctx)
          e[#e + 1] = { tag = "part", attrs = attrs }
        end
      else
        local cells, attrs = figure(ind)
        table.insert(cells, 1, name)
        table.insert(cells, 1, { text = tostring(ind.number), align = "center" })
        rows[#rows + 1] = hook(hooks, "indicator_row", cells, ind, ctx)
        attrs.number = ind.number
        e = { tag = "indicator", attrs = attrs }
      end
      el[#el + 1] = hook(hooks, "indicator", e, ind, ctx)
    end
  end
  local cov = spec.coverage and spec.coverage(ctx, r) or coverage.of(r.insts, ctx.period)
  local blocks = {
    doc.paragraph("本期" .. coverage.text(cov) .. "。"
                  .. (coverage.missing_text(cov)
                      or ((r.scope.kind == "group" and "所属医疗机构" or "本地区机构")
                          .. "均已报送本期数据。"))),
    doc.paragraph(string.format("统计范围：%s%d家。率为合计率（各机构分子、分母分别"
      .. "合计后相除×100），不是机构率的平均值；是否类指标为答“是”的机构数；人次数为合计；"
      .. "时间、分级为填报机构的均值。未填报的机构不按零计。", what, size)),
    doc.table {
      columns = { { title = "序号", width = 3, align = "center" }, { title = "指标", width = 13 },
                  { title = "统计口径", width = 6, align = "center" }, { title = "数值", width = 4 },
                  { title = "单位", width = 3 }, { title = "填报/适用机构数", width = 4 } },
      rows = rows,
      notes = spec.notes,
    },
    hook(hooks, "closing", doc.paragraph("《" .. spec.plan .. "》" .. sources.labels(ctx.plugin),
                                         { size = 9 }), ctx, r),
  }
  return blocks, { el, coverage.element(cov) }
end

local function build(spec, ctx)
  local hooks = spec.hooks or {}
  local sc = spec.scope(ctx.region)
  local code = sc.code
  local label, due = period.label(ctx.period), spec.due(ctx.period)
  local title = sc.name .. spec.activity .. label .. "阶段性工作总结" .. (sc.compiled and "汇总" or "")
  local r = { scope = sc, code = code, label = label, due = due, districts = sc.districts or {} }
  local units = { code }
  for _, d in ipairs(r.districts) do units[#units + 1] = d.code end
  for _, g in ipairs(sc.groups or {}) do units[#units + 1] = g.code end
  r.units = units -- the units counted besides the institutions of the scope
  -- insts (sc.insts, or the rows of scope_sql) and scope_units (units and the
  -- institutions' codes) are read from the store when a hook asks for them
  setmetatable(r, { __index = function(t, k)
    if k == "insts" then
      local sql, args = M.scope_sql(sc, ctx.period)
      rawset(t, "insts", sc.insts or pxr.db.query(sql .. "SELECT * FROM scope ORDER BY code",
                                                  table.unpack(args)))
    elseif k == "scope_units" then
      local all = { table.unpack(units) }
      for _, i in ipairs(t.insts) do all[#all + 1] = i.code end
      rawset(t, "scope_units", all)
    end
    return rawget(t, k)
  end })
  r.who = sc.who or (sc.sender .. "及所属医疗机构"
                     .. (#(sc.left or {}) > 0 and ("（不含" .. M.names(sc.left) .. "）") or ""))
  local signer = sc.signer or sc.sender

  local xml = { tag = "semiannual", attrs = {
    plugin = ctx.plugin.id, period = ctx.period, period_label = label, region = sc.region,
    region_name = region.path(sc.region, ""), unit = code, unit_name = sc.name, kind = sc.kind,
    title = title, sender = sc.sender, recipient = spec.recipient, due = due,
    number = ctx.plugin.number, basis = ctx.plugin.basis } }
  local body = {}
  local parts = hook(hooks, "parts", own_parts(spec, ctx, r), ctx, r)
  for _, b in ipairs(parts.blocks) do body[#body + 1] = b end
  for _, e in ipairs(parts.elements) do xml[#xml + 1] = e end
  xml.attrs.parts_submitted = parts.submitted

  local atts = {}
  local names = spec.attachments or {}
  local function attach(name, title_, blocks, elements)
    local att = hook(hooks, "attachment", { name = name, title = title_, listed = names[name] or title_,
                                            blocks = blocks, elements = elements }, ctx, r)
    if att then atts[#atts + 1] = att end
  end
  attach("measures", spec.short .. #ctx.plugin.measures .. "项重点任务推进情况", measures_part(ctx, r, hooks))
  attach("targets", "量化目标完成情况", targets_part(ctx, r, hooks))
  attach("indicators", spec.indicators .. "汇总", indicators_part(spec, ctx, r, hooks))

  for i, a in ipairs(atts) do
    body[#body + 1] = doc.paragraph((i == 1 and "附件：" or "") .. i .. "." .. a.listed,
                                    { indent = i == 1 and 2 or 5, align = "left" })
  end
  -- the sender signs and dates by hand, before the attachments (GB/T 9704 7.3.5)
  body[#body + 1] = doc.signature(signer, "年　　月　　日")
  for i, a in ipairs(atts) do
    body[#body + 1] = doc.pagebreak()
    body[#body + 1] = doc.heading(2, "附件" .. i)
    body[#body + 1] = doc.heading(1, a.title)
    for _, b in ipairs(a.blocks) do body[#body + 1] = b end
    for _, e in ipairs(a.elements) do xml[#xml + 1] = e end
  end
  local sql, args = M.scope_sql(sc, ctx.period)
  local notice = coverage.notice(ctx, units, sc.name, { sql = sql, args = args })
  if notice then table.insert(body, 1, notice) end

  local d = doc.document {
    style = "gongwen",
    title = title,
    subtitle = "报送时限：" .. format.date(due) .. "前",
    author = signer,
    subject = spec.plan,
    keywords = "阶段性工作总结," .. sc.name .. "," .. ctx.period,
    body = body,
  }
  return hook(hooks, "document", d, ctx, r), hook(hooks, "result", xml, ctx, r)
end

function M.semiannual(spec)
  if type(spec) ~= "table" or type(spec.plan) ~= "string" or type(spec.scope) ~= "function"
      or type(spec.due) ~= "function" then
    pxr.error("semiannual{...} needs plan = the plan's title, scope = function(code) and due = function(period)")
  end
  spec.title = spec.title or "阶段性工作总结"
  spec.activity, spec.short = spec.activity or "", spec.short or ""
  spec.salutation = spec.salutation or ((spec.recipient or "") .. "：")
  spec.indicators = spec.indicators or "评估指标"
  return require("pxr.report").entry(spec, "region", nil, build, { groups = true })
end

return M
