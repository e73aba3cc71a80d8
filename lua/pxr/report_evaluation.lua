-- pxr.report_evaluation: one institution's indicators for a period (pxr.report.evaluation).
--
-- evaluation{ title=, keywords=, marks=, notes=, closing=, units=, hooks= } lays
-- out the plugin's indicators (plugin.indicators; a compound one as a heading row
-- and a row per part) for one institution: each applicable, reported (with its
-- numerator/denominator and any inconsistency), missing (未填报, never zero) or
-- not applicable (不适用, pointing to the note that excludes it), 维度 cells
-- merged down, the counts, and the form's sign-off as imported with the data.
-- Its XML is reports/schema/pxr-evaluation.xsd (<evaluation>).
--   marks: applicability -> the sign after an indicator's name (▲, ＃)
--   notes: the table's notes (the meaning of the marks)
--   closing: the text of the 依据 paragraph
--   unit_assumed(ind): true when the unit is the plugin's reading, not the source's (a note says so)
-- Hooks (nil keeps the default; see pxr.report):
--   header(kv, ctx, r)              the first block
--   indicator_rows(rows, ind, a, ctx)  the table rows of one indicator (a: its assessment:
--                                   status, shown, unit, fraction, remark, parts, element)
--   indicator(el, ind, a, ctx)      its <indicator> element
--   closing(block, ctx, r), document(d, ctx, r), result(el, ctx, r)
-- r: inst, label, values (indicator code -> value row), count (status -> indicators).
local doc = require("pxr.doc")
local coverage = require("pxr.coverage")
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local region = require("pxr.region")

local M = {}

local function hook(...) return require("pxr.report").hook(...) end

local PARTIAL = "部分填报"

local function level_text(inst)
  if inst.grade ~= nil and inst.grade ~= "" then return inst.level .. inst.grade .. "等" end
  return inst.level
end

local function yes_no(flag)
  return flag == 1 and "是" or "否"
end

local function fraction(row)
  if row == nil or type(row.numerator) ~= "number" or type(row.denominator) ~= "number" then
    return ""
  end
  return indicator.thousands(row.numerator) .. "/" .. indicator.thousands(row.denominator)
end

-- A 不适用 row points to the note that excludes the institution.
local NOTE_REF = { tertiary_or_lead = "见注1", obstetrics = "见注2",
                   tcm = "仅中医、民族医和中西医结合医院（本系统的理解）" }

-- One indicator or part: its status, shown value and remark, and its XML element.
local function assess(ind, inst, row, tag)
  local st = indicator.status(ind, inst, row)
  local x = st == indicator.REPORTED and indicator.value_of(ind, row) or nil
  local r = { status = st, unit = ind.unit or "", fraction = "", remark = "" }
  local attrs = { code = ind.code, name = ind.name, type = ind.type, status = st }
  attrs.number = tag == "indicator" and ind.number or nil
  attrs.dimension = tag == "indicator" and ind.dimension or nil
  attrs.unit, attrs.direction, attrs.applicability = ind.unit, ind.direction, ind.applicability
  if st == indicator.NOT_APPLICABLE then
    r.shown = st
    r.remark = NOTE_REF[ind.applicability]
  elseif x == nil then
    r.shown = st
  else
    r.shown = indicator.display(ind, x)
    r.fraction = fraction(row)
    attrs.value = indicator.decimal(x)
    attrs.display = r.shown
    if type(row.numerator) == "number" then attrs.numerator = indicator.decimal(row.numerator) end
    if type(row.denominator) == "number" then
      attrs.denominator = indicator.decimal(row.denominator)
    end
    local problem = indicator.check(ind, row)
    if problem then
      r.remark, attrs.check = problem, problem
    elseif ind.type == "rate" and type(row.value) ~= "number" then
      r.remark = "由分子/分母计算"
    end
  end
  r.element = { tag = tag, attrs = attrs }
  return r
end

-- A compound indicator is reported when all its parts are.
local function compound_status(ind, inst, parts)
  if not indicator.applies(ind, inst) then return indicator.NOT_APPLICABLE end
  local k = 0
  for _, p in ipairs(parts) do
    if p.status == indicator.REPORTED then k = k + 1 end
  end
  if k == #parts then return indicator.REPORTED end
  return k == 0 and indicator.MISSING or PARTIAL
end

-- The rows of one indicator: a compound gives a heading row and one row per part.
local function table_rows(ind, a, marks)
  local rows = {}
  local name = ind.name .. (marks[ind.applicability] or "")
  if a.parts == nil then
    rows[1] = { tostring(ind.number), name, a.shown, a.unit, a.fraction, a.remark }
    return rows
  end
  local remark = a.status == indicator.NOT_APPLICABLE and a.remark or "见分项"
  rows[1] = { tostring(ind.number), name, "", "", "", remark }
  for i, p in ipairs(a.parts) do
    local sub = ind.parts[i]
    rows[#rows + 1] = { ind.number .. "." .. i, "其中：" .. sub.name, p.shown, p.unit,
                        p.fraction, p.status == indicator.NOT_APPLICABLE and "" or p.remark }
  end
  return rows
end

-- "第1、3、15项"
local function numbers_of(list)
  local t = {}
  for i, ind in ipairs(list) do t[i] = tostring(ind.number) end
  return "第" .. table.concat(t, "、") .. "项"
end

local function build(spec, ctx)
  local hooks, plugin = spec.hooks or {}, ctx.plugin
  local indicators, marks = plugin.indicators or {}, spec.marks or {}
  local what = plugin.id .. " " .. ctx.report
  local code = ctx.institution
  if code == nil then error(what .. " is a report on one institution: give --institution", 0) end
  local inst = pxr.db.query("SELECT code, name, region, level, grade, kind, ownership, obstetrics, "
                            .. "alliance_lead FROM institution WHERE code = ?", code)[1]
  if inst == nil then error(what .. ": no institution with code '" .. code .. "'", 0) end

  local values = {}
  for _, v in ipairs(pxr.db.query("SELECT indicator, value, numerator, denominator, text "
                                  .. "FROM value WHERE unit = ? AND period = ?", code, ctx.period)) do
    values[v.indicator] = v
  end

  local label = period.label(ctx.period)
  local result = { tag = "evaluation", attrs = { plugin = plugin.id, period = ctx.period,
                                                 period_label = label, institution = code } }
  result[1] = { tag = "institution", attrs = {
    code = inst.code, name = inst.name, region = inst.region, region_name = region.path(inst.region, ""),
    level = inst.level, grade = inst.grade ~= "" and inst.grade or nil, kind = inst.kind,
    ownership = inst.ownership, obstetrics = yes_no(inst.obstetrics),
    alliance_lead = yes_no(inst.alliance_lead) } }

  local rows, count = {}, { [indicator.REPORTED] = {}, [indicator.MISSING] = {},
                            [indicator.NOT_APPLICABLE] = {}, [PARTIAL] = {} }
  local r = { inst = inst, label = label, values = values, count = count }
  local dim_start, dim_rows = nil, 0
  for _, ind in ipairs(indicators) do
    local a
    if ind.parts then
      local parts = {}
      for i, p in ipairs(ind.parts) do parts[i] = assess(p, inst, values[p.code], "part") end
      a = assess(ind, inst, nil, "indicator")
      a.parts, a.status = parts, compound_status(ind, inst, parts)
      a.element.attrs.status = a.status
      for i, p in ipairs(parts) do a.element[i] = p.element end
    else
      a = assess(ind, inst, values[ind.code], "indicator")
    end
    table.insert(count[a.status], ind)
    result[#result + 1] = hook(hooks, "indicator", a.element, ind, a, ctx)

    -- 维度 cells merge down their indicators' rows.
    local block = hook(hooks, "indicator_rows", table_rows(ind, a, marks), ind, a, ctx)
    for _, row in ipairs(block) do
      if dim_start and rows[dim_start].dim == ind.dimension then
        dim_rows = dim_rows + 1
        rows[dim_start][2].rowspan = dim_rows
      else
        dim_rows = 1
        table.insert(row, 2, { text = ind.dimension, rowspan = 1 })
        row.dim = ind.dimension
        dim_start = #rows + 1
      end
      rows[#rows + 1] = row
    end
  end
  for _, row in ipairs(rows) do row.dim = nil end

  local n_na, n_ok = #count[indicator.NOT_APPLICABLE], #count[indicator.REPORTED]
  local n_part, n_miss = #count[PARTIAL], #count[indicator.MISSING]
  result[#result + 1] = { tag = "summary", attrs = {
    total = #indicators, applicable = #indicators - n_na, not_applicable = n_na,
    reported = n_ok, partial = n_part, missing = n_miss } }

  local summary = string.format("本期（%s）评估指标共%d项，", label, #indicators)
  if n_na > 0 then
    summary = summary .. string.format("其中适用于本机构%d项，不适用%d项（%s）。", #indicators - n_na,
                                       n_na, numbers_of(count[indicator.NOT_APPLICABLE]))
  else
    summary = summary .. "均适用于本机构。"
  end
  summary = summary .. string.format("适用指标中已填报%d项", n_ok)
  if n_part > 0 then
    summary = summary .. string.format("，部分填报%d项（%s）", n_part, numbers_of(count[PARTIAL]))
  end
  if n_miss > 0 then
    summary = summary .. string.format("，未填报%d项（%s）", n_miss,
                                       numbers_of(count[indicator.MISSING]))
  else
    summary = summary .. "，无未填报指标"
  end
  summary = summary .. "。未填报的指标不按零计。"

  local notes = {}
  for i, n in ipairs(spec.notes or {}) do notes[i] = n end
  local assumed_n, assumed_u = {}, {}
  for _, ind in ipairs(indicators) do
    if spec.unit_assumed and spec.unit_assumed(ind) then
      assumed_n[#assumed_n + 1] = tostring(ind.number)
      assumed_u[#assumed_u + 1] = ind.unit
    end
  end
  if #assumed_n > 0 then
    notes[#notes + 1] = "　　" .. (#notes + 1) .. ".第" .. table.concat(assumed_n, "、")
      .. "项原文未注明单位，本表分别以" .. table.concat(assumed_u, "、")
      .. "填报；率、比例、占比以%表示，保留两位小数。"
  end

  -- The sign-off a Chinese form ends with, as imported with the data; an empty
  -- cell is the line to sign on.
  local sign = pxr.db.query("SELECT filled_by, phone, filled_on, reviewer FROM submission "
                            .. "WHERE unit = ? AND period = ?", code, ctx.period)[1] or {}
  result[#result + 1] = { tag = "signoff", attrs = { filled_by = sign.filled_by, phone = sign.phone,
                                                     filled_on = sign.filled_on,
                                                     reviewer = sign.reviewer } }

  local d = doc.document {
    title = spec.title,
    subtitle = label,
    author = inst.name,
    subject = plugin.title,
    keywords = (spec.keywords or "") .. ctx.period,
    body = {
      hook(hooks, "header", doc.kv({ { "机构名称", inst.name }, { "机构代码", inst.code },
               { "级别/等次", level_text(inst) },
               { "类别", inst.kind .. "（" .. inst.ownership .. "）" },
               { "所在地区", region.path(inst.region, "") }, { "报告期", label },
               { "医联体牵头医院", yes_no(inst.alliance_lead) },
               { "有产科", yes_no(inst.obstetrics) } }, 2), ctx, r),
      doc.table {
        columns = { { title = "序号", width = 3, align = "center" },
                    { title = "维度", width = 5, align = "center" },
                    { title = "指标", width = 16 },
                    { title = "数值", width = 5, align = "right" },
                    { title = "单位", width = 3, align = "center" },
                    { title = "分子/分母", width = 10, align = "right" },
                    { title = "说明", width = 5, align = "center" } },
        rows = rows,
        notes = notes,
      },
      doc.heading(2, "填报情况"),
      doc.paragraph(summary),
      hook(hooks, "closing", doc.paragraph(spec.closing or ("依据：" .. plugin.issuer .. "《" .. plugin.title
                                                             .. "》。"), { size = 9 }), ctx, r),
      doc.spacer(6),
      doc.kv({ { "填报人", sign.filled_by or "" }, { "联系电话", sign.phone or "" },
               { "填报日期", sign.filled_on or "" }, { "审核人（负责人）", sign.reviewer or "" } }, 2),
      doc.spacer(8),
      doc.paragraph("单位（盖章）：" .. inst.name, { align = "right" }),
      doc.spacer(22),
    },
  }
  local notice = coverage.notice(ctx, { code }, inst.name)
  if notice then table.insert(d.body, 1, notice) end
  return hook(hooks, "document", d, ctx, r), hook(hooks, "result", result, ctx, r)
end

function M.evaluation(spec)
  if type(spec) ~= "table" or type(spec.title) ~= "string" then
    pxr.error("evaluation{...} needs title = the report's title")
  end
  return require("pxr.report").entry(spec, "institution", "pxr-evaluation.xsd", build)
end

return M
