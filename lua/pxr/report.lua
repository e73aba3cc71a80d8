-- pxr.report: a report as a call with a few hooks, Pandoc-filter style.
--
-- The machinery builds every piece of a report by default; a plugin passes
-- hooks, functions keyed by the piece they filter.  Each hook receives the
-- default piece (a table row, an XML element, a section, the document) and
-- what it was made from; it returns the piece to use, or nil to keep the
-- default (it may also change the default in place and return nil).
--
--   hook(hooks, name, default, ...)  applies hooks[name]: the piece to use
--   institution(code)                the institution row, or nil
--   measure_statuses(plugin, unit, period) -> measure code -> { status, department,
--                                    department_name, note }
--   values(unit, period, by_code)    indicator code -> value row, for the codes of by_code
--   progress(spec)                   the report table of a one-institution progress
--                                    report (reports/schema/pxr-progress.xsd), see below
--   evaluation(spec)                 the report table of one institution's indicators
--                                    (reports/schema/pxr-evaluation.xsd), see pxr.report_evaluation
--   targets(spec)                    the report table of a region's targets report
--                                    (reports/schema/pxr-targets.xsd), see pxr.report_targets
--   semiannual(spec)                 the report table of a reporting unit's 阶段性工作总结
--                                    (parts, measures over units, targets, indicators), see
--                                    pxr.report_semiannual
--   summary(spec)                    the report table of a region's summary of the plan's
--                                    indicators by level against the previous period
--                                    (reports/schema/pxr-summary.xsd), see pxr.report_summary
--   entry(spec, scope, schema, build [, defaults])
--                                    the report table every machine above returns:
--                                    { title = spec.title, scope=, schema = spec.schema or
--                                    schema, units = spec.units, build = function(ctx)
--                                    return build(spec, ctx) end }, and the fields of
--                                    defaults that these leave nil (units=, groups=)
--
-- progress{ title=, keywords=, units=function() -> codes, sections={…}, hooks={…} }
-- reports one institution's measures (plugin.measures, with their reported
-- statuses), its departments and its quantified targets (plugin.targets over
-- plugin.indicators) for a half-year.  sections: the order of the report's
-- sections, each "measures", "departments", "targets" or a custom
-- { name=, title=, build=function(ctx, r) -> blocks, elements }; default the three.
-- Sections are numbered 一、二、… in that order.  The hooks:
--   header(kv, ctx, r)               the first block: the key-value form of the institution
--   section(sec, ctx, r)             sec = { name=, title=, blocks={…}, elements={…} }, before
--                                    it is numbered; return false to leave the section out
--   measure_row(row, m, s, ctx)      one row of the measures table (m: the measure, s: its
--                                    status row or nil)
--   measure(el, m, s, ctx)           the <measure> element
--   department_row(row, d, ctx)      one row of the departments table (d: the counter)
--   target_row(row, t, e, ctx)       one row of the targets table (e = { x=, x0=, status= })
--   target(el, t, e, ctx)            the <target> element
--   closing(block, ctx, r)           the paragraph after the last section
--   document(d, ctx, r)              the document, before it is rendered
--   result(el, ctx, r)               the <progress> element, before it is written
-- r: what the report has gathered: inst, label, last_day, previous, status,
-- count (pxr.result.counter), tcount (target status -> n).
local doc = require("pxr.doc")
local coverage = require("pxr.coverage")
local format = require("pxr.format")
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local region = require("pxr.region")
local result = require("pxr.result")
local target = require("pxr.target")

local M = {}

function M.hook(hooks, name, default, ...)
  local f = hooks and hooks[name]
  if f == nil then return default end
  if type(f) ~= "function" then pxr.error("hook '" .. name .. "' must be a function, got " .. type(f)) end
  local r = f(default, ...)
  if r == nil then return default end
  return r
end

function M.institution(code)
  return pxr.db.query("SELECT * FROM institution WHERE code = ?", code)[1]
end

function M.measure_statuses(plugin_id, unit, pid)
  local out = {}
  for _, r in ipairs(pxr.db.query([[
      SELECT s.measure, s.status, s.department, s.note, d.name AS department_name
      FROM measure_status s
      LEFT JOIN department d ON d.institution = s.unit AND d.code = s.department
      WHERE s.plugin = ? AND s.unit = ? AND s.period = ?]], plugin_id, unit, pid)) do
    out[r.measure] = r
  end
  return out
end

function M.values(unit, pid, by_code)
  local out = {}
  for _, v in ipairs(pxr.db.query("SELECT indicator, value, numerator, denominator, text "
                                  .. "FROM value WHERE unit = ? AND period = ?", unit, pid)) do
    if by_code[v.indicator] then out[v.indicator] = v end
  end
  return out
end

local NO_DEPARTMENT = "未填报科室"
local UNREPORTED = result.UNREPORTED

local function measures_section(ctx, r, hooks)
  local measures = ctx.plugin.measures
  local rows, els, by_dept, dept_order = {}, {}, {}, {}
  local count = result.counter()
  local section
  for _, m in ipairs(measures) do
    if m.section ~= section then
      section = m.section
      rows[#rows + 1] = { { text = section, colspan = 5, bold = true, align = "left" } }
    end
    local s = r.status[m.code]
    local st = s and s.status or UNREPORTED
    local dept_key, dept_name
    if s == nil then
      dept_key, dept_name = UNREPORTED, "（未报告）"
    elseif s.department == nil or s.department == "" then
      dept_key, dept_name = NO_DEPARTMENT, NO_DEPARTMENT
    else
      dept_key, dept_name = s.department, s.department_name or s.department
    end
    count:add(st, m.code)
    if not by_dept[dept_key] then
      by_dept[dept_key] = result.counter()
      by_dept[dept_key].key, by_dept[dept_key].name = dept_key, dept_name
      dept_order[#dept_order + 1] = dept_key
    end
    by_dept[dept_key]:add(st, m.code)
    rows[#rows + 1] = M.hook(hooks, "measure_row",
                             { m.code, m.title, s and dept_name or "—",
                               { text = st, align = "center", bold = st == UNREPORTED },
                               s and s.note or "" }, m, s, ctx)
    els[#els + 1] = M.hook(hooks, "measure", { tag = "measure", attrs = {
      code = m.code, area = m.area, section = m.section, title = m.title, status = st,
      department = s and s.department ~= "" and s.department or nil,
      department_name = s and s.department_name or nil,
      note = s and s.note ~= "" and s.note or nil } }, m, s, ctx)
  end
  r.count, r.by_dept, r.dept_order = count, by_dept, dept_order

  local para = string.format("截至%s，方案所列%d项举措中，已完成%d项，推进中%d项，未启动%d项",
                             format.date(r.last_day), #measures, count["已完成"], count["推进中"],
                             count["未启动"])
  if count[UNREPORTED] > 0 then
    para = para .. string.format("；本期未报告%d项（第%s项），不按任何状态计", count[UNREPORTED],
                                 table.concat(by_dept[UNREPORTED].list, "、"))
  end
  return {
    title = #measures .. "项举措推进情况",
    blocks = {
      doc.paragraph(para .. "。"),
      doc.table {
        columns = { { title = "序号", width = 3, align = "center" },
                    { title = "举措", width = 11 },
                    { title = "责任科室", width = 7, align = "center" },
                    { title = "状态", width = 4, align = "center" },
                    { title = "进展说明", width = 14 } },
        rows = rows,
        notes = { "注：举措序号、分组和名称照录方案原文。表中责任科室为本院填报的分工。"
                  .. "“未报告”表示本期无该举措的进展数据。" },
      },
    },
    elements = els,
  }
end

-- Departments in the order of their first measure, without a department next, unreported last.
local function departments_section(ctx, r, hooks)
  local by_dept, dept_order, count = r.by_dept, r.dept_order, r.count
  table.sort(dept_order, function(a, b)
    if (a == UNREPORTED) ~= (b == UNREPORTED) then return b == UNREPORTED end
    if (a == NO_DEPARTMENT) ~= (b == NO_DEPARTMENT) then return b == NO_DEPARTMENT end
    return tonumber(by_dept[a].list[1]) < tonumber(by_dept[b].list[1])
  end)
  local rows, els = {}, {}
  for _, key in ipairs(dept_order) do
    local c = by_dept[key]
    local name = key == UNREPORTED and UNREPORTED or c.name
    rows[#rows + 1] = M.hook(hooks, "department_row",
                             { name, c.total, c["已完成"], c["推进中"], c["未启动"],
                               table.concat(c.list, "、") }, c, ctx)
    els[#els + 1] = { tag = "department", attrs = result.counts_attrs(c, {
      code = (key ~= UNREPORTED and key ~= NO_DEPARTMENT) and key or nil, name = name,
      measures = c.total, items = table.concat(c.list, " ") }) }
  end
  rows[#rows + 1] = { { text = "合计", bold = true }, count.total, count["已完成"], count["推进中"],
                      count["未启动"], count[UNREPORTED] > 0
                        and ("其中未报告" .. count[UNREPORTED] .. "项") or "" }
  return {
    title = "各科室推进情况",
    blocks = { doc.table {
      columns = { { title = "科室", width = 9 }, { title = "举措数", width = 3, align = "right" },
                  { title = "已完成", width = 3, align = "right" },
                  { title = "推进中", width = 3, align = "right" },
                  { title = "未启动", width = 3, align = "right" },
                  { title = "所负责举措（序号）", width = 12, align = "left" } },
      rows = rows,
    } },
    elements = els,
  }
end

-- Quantified targets, judged as of the period's end on the institution's own values.
local function targets_section(ctx, r, hooks)
  local targets, by_code = ctx.plugin.targets or {}, r.indicators
  local rows, els, tcount, notes = {}, {}, {}, {}
  for i, t in ipairs(targets) do
    local ind = by_code[t.indicator]
    if ind == nil then
      pxr.error("target " .. tostring(t.code) .. ": no indicator " .. tostring(t.indicator)
                .. " in plugin " .. ctx.plugin.id)
    end
    local e = { x = indicator.value_of(ind, r.values[t.indicator]),
                x0 = indicator.value_of(ind, r.before[t.indicator]) }
    e.status = target.status(t, e.x, ctx.period, r.inst)
    tcount[e.status] = (tcount[e.status] or 0) + 1
    rows[#rows + 1] = M.hook(hooks, "target_row",
                             { t.measure_no, ind.name, format.goal(t), t.due,
                               format.value(ind, e.x) or "无数据", format.value(ind, e.x0) or "无数据",
                               { text = e.status, align = "center" } }, t, e, ctx)
    -- one note per seed sentence: consecutive targets of one sentence share it
    if t.sentence ~= (targets[i - 1] or {}).sentence then
      notes[#notes + 1] = string.format("%s%d.第%s项：%s", #notes == 0 and "注：" or "　　",
                                        #notes + 1, t.measure_no, t.sentence)
    end
    local a = { code = t.code, measure = t.measure_no, indicator = t.indicator, name = ind.name,
                type = ind.type, comparator = t.comparator, target = indicator.decimal(t.value),
                unit = t.unit, deadline = t.deadline, due = t.due, scope = t.scope,
                status = e.status, sentence = t.sentence }
    if e.x ~= nil then a.value, a.display = indicator.decimal(e.x), format.value(ind, e.x) end
    if e.x0 ~= nil then a.previous = indicator.decimal(e.x0) end
    els[#els + 1] = M.hook(hooks, "target", { tag = "target", attrs = a }, t, e, ctx)
  end
  r.tcount = tcount
  local parts = {}
  for _, s in ipairs({ target.MET, target.NOT_DUE, target.NOT_MET, target.OVERDUE, target.NO_DATA }) do
    if tcount[s] then parts[#parts + 1] = s .. tcount[s] .. "项" end
  end
  notes[#notes + 1] = "　　" .. target.DEADLINE_RULE
  return {
    title = "量化目标完成情况",
    blocks = {
      doc.paragraph(string.format("方案提出可量化或定有期限的目标%d项，按%s判定：%s。",
                                  #targets, format.date(r.last_day), table.concat(parts, "，"))),
      doc.table {
        columns = { { title = "举措", width = 3, align = "center" }, { title = "指标", width = 11 },
                    { title = "目标", width = 4, align = "center" },
                    { title = "期限", width = 6, align = "center" },
                    { title = "本期", width = 4, align = "right" },
                    { title = "上期", width = 4, align = "right" },
                    { title = "状态", width = 4, align = "center" } },
        rows = rows,
        notes = notes,
      },
      doc.paragraph("状态按报告期末判定：已达标，本期数值满足目标；未到期，未满足但期限在本期之后；"
        .. "未达标，未满足且期限在本期内，或原文未定期限；已逾期，期限已过仍未满足；无数据，本期未填报，不按零计。"
        .. "上期为" .. period.label(r.previous) .. "。", { size = 9 }),
    },
    elements = els,
  }
end

local BUILTIN = { measures = measures_section, departments = departments_section,
                  targets = targets_section }

local function progress_build(spec, ctx)
  local hooks, plugin = spec.hooks or {}, ctx.plugin
  local what = plugin.id .. " " .. ctx.report
  local code = ctx.institution
  if code == nil then error(what .. " is a report on one hospital: give --institution", 0) end
  if period.kind(ctx.period) ~= "half" then
    error(what .. " reports a half-year (e.g. 2022S2), not " .. ctx.period, 0)
  end
  local inst = M.institution(code)
  if inst == nil then error(what .. ": no institution with code '" .. code .. "'", 0) end

  local by_code = {}
  for _, ind in ipairs(plugin.indicators or {}) do by_code[ind.code] = ind end
  local _, last_day = period.bounds(ctx.period)
  local r = { inst = inst, label = period.label(ctx.period), last_day = last_day,
              previous = period.previous(ctx.period), indicators = by_code,
              status = M.measure_statuses(plugin.id, code, ctx.period) }
  r.values, r.before = M.values(code, ctx.period, by_code), M.values(code, r.previous, by_code)
  r.count, r.tcount = result.counter(), {}

  local xml = { tag = "progress", attrs = {
    plugin = plugin.id, period = ctx.period, period_label = r.label, period_end = last_day,
    institution = code, number = plugin.number, basis = plugin.basis } }
  xml[1] = result.institution(inst)

  local body, n = { false }, 0 -- body[1]: the header, once the counts are known
  for _, s in ipairs(spec.sections or { "measures", "departments", "targets" }) do
    local sec
    if type(s) == "string" then
      if not BUILTIN[s] then pxr.error("progress: no section '" .. s .. "' (measures, departments, targets)") end
      sec = BUILTIN[s](ctx, r, hooks)
      sec.name = s
    else
      local blocks, elements = s.build(ctx, r)
      sec = { name = s.name, title = s.title, blocks = blocks or {}, elements = elements or {} }
    end
    sec = M.hook(hooks, "section", sec, ctx, r)
    if sec then
      n = n + 1
      body[#body + 1] = doc.heading(2, format.cn(n) .. "、" .. sec.title)
      for _, b in ipairs(sec.blocks) do body[#body + 1] = b end
      for _, el in ipairs(sec.elements or {}) do xml[#xml + 1] = el end
    end
  end

  local count, tcount, targets = r.count, r.tcount, plugin.targets or {}
  xml[#xml + 1] = { tag = "summary", attrs = result.counts_attrs(count, {
    measures = #plugin.measures, targets = #targets,
    met = tcount[target.MET] or 0, not_due = tcount[target.NOT_DUE] or 0,
    not_met = tcount[target.NOT_MET] or 0, overdue = tcount[target.OVERDUE] or 0,
    no_data = tcount[target.NO_DATA] or 0 }) }

  body[1] = M.hook(hooks, "header", doc.kv({
    { "单位名称", inst.name }, { "机构代码", inst.code },
    { "所在地区", region.path(inst.region, "") },
    { "报告期", r.label .. "（截至" .. format.date(last_day) .. "）" },
    { "方案文号", plugin.number }, { "方案依据", plugin.basis },
    { "实施期限", plugin.span .. "年" },
    { "举措进展", string.format("已报告%d项，未报告%d项", #plugin.measures - count[UNREPORTED],
                            count[UNREPORTED]) },
    { "量化目标", string.format("%d项，已达标%d项", #targets, tcount[target.MET] or 0) } }, 2),
    ctx, r)
  body[#body + 1] = M.hook(hooks, "closing",
                           doc.paragraph("依据：" .. plugin.issuer .. "《" .. plugin.title .. "》（"
                                         .. plugin.number .. "）。", { size = 9 }), ctx, r)

  local d = doc.document {
    title = spec.title,
    subtitle = inst.name .. "　" .. r.label,
    author = inst.name,
    subject = plugin.title,
    keywords = (spec.keywords or "") .. ctx.period,
    body = body,
  }
  local notice = coverage.notice(ctx, { code }, inst.name)
  if notice then table.insert(d.body, 1, notice) end
  return M.hook(hooks, "document", d, ctx, r), M.hook(hooks, "result", xml, ctx, r)
end

function M.entry(spec, scope, schema, build, defaults)
  local e = { title = spec.title, scope = scope, schema = spec.schema or schema, units = spec.units,
              build = function(ctx) return build(spec, ctx) end }
  for k, v in pairs(defaults or {}) do
    if e[k] == nil then e[k] = v end
  end
  return e
end

function M.progress(spec)
  if type(spec) ~= "table" or type(spec.title) ~= "string" then
    pxr.error("progress{...} needs title = the report's title")
  end
  return M.entry(spec, "institution", "pxr-progress.xsd", progress_build)
end

function M.evaluation(spec)
  return require("pxr.report_evaluation").evaluation(spec)
end

function M.targets(spec)
  return require("pxr.report_targets").targets(spec)
end

function M.semiannual(spec)
  return require("pxr.report_semiannual").semiannual(spec)
end

function M.summary(spec)
  return require("pxr.report_summary").summary(spec)
end

return M
