-- pxr.report_targets: the targets report of a region (pxr.report.targets).
--
-- targets{ title=, region=, keywords=, words=, method=, unplaced=, units=, hooks= }
-- judges every target of the plugin (plugin.targets over plugin.indicators) for
-- a region inside spec.region (the plan's province) as of the period's end, on
-- the institutions of the region, or on its prefectures for a target with
-- by = "region" (level = "province": on the province itself), and lays out:
-- a header form, 总体情况 (counts by status, coverage, spec.method: how targets
-- are judged), the targets table with the seed's sentences as notes, bar
-- charts of the rate targets (by prefecture for the province, by institution
-- for a prefecture), institutions × targets, prefectures × region targets.
-- Its XML is reports/schema/pxr-targets.xsd (<targets>).
--   words = { prefecture = "盟市", province = "自治区" }: what the plan calls them
--   unplaced: where a target without a measure comes from in the plan ("工作安排")
-- Hooks (as pxr.report.progress: nil keeps the default):
--   header(kv, ctx, r)                 the first block
--   section(sec, ctx, r)               { name=, title=, blocks= } before it is numbered;
--                                      false leaves it out.  names: overview, targets, charts,
--                                      institutions, prefectures
--   target_row(row, t, a, ctx)         a row of the targets table (a: pxr.target.overall's result)
--   target(el, t, a, entries, ctx)     the <target> element
--   unit_cell(cell, t, e, ctx)         a cell of the detail tables (e = { unit=, x=, row=, status= })
--   chart(block, t, bars, ctx)         a target's bar chart; false leaves it out
--   document(d, ctx, r), result(el, ctx, r)
-- r: region (the row), insts, prefectures, coverage, tally (status -> n), as_of.
local doc = require("pxr.doc")
local chart = require("pxr.chart")
local coverage = require("pxr.coverage")
local format = require("pxr.format")
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local region = require("pxr.region")
local result = require("pxr.result")
local target = require("pxr.target")

local M = {}

local function hook(...) return require("pxr.report").hook(...) end

local STATUS_ORDER = { target.MET, target.NOT_MET, target.OVERDUE, target.NOT_DUE, target.NO_DATA,
                       target.NOT_APPLICABLE }
local STATUS_KEY = { [target.MET] = "met", [target.NOT_MET] = "not_met", [target.OVERDUE] = "overdue",
                     [target.NOT_DUE] = "not_due", [target.NO_DATA] = "no_data",
                     [target.NOT_APPLICABLE] = "not_applicable" }
local LEVELS = { "三级", "二级", "一级", "未定级" }

-- Is the institution within the target's scope?  (pxr.target.applies; a flag is
-- answered from the institution's values of the period.)
local function in_scope(IND, t, inst, vals)
  if t.by == "region" then return false end
  return target.applies(t, inst, function(code) return indicator.value_of(IND[code], vals[code]) end)
end

-- values[unit][indicator] = row, for the targets' indicators in the period, over
-- the institutions and regions at or below the region.
local function load_values(targets, code, period_id)
  local codes, seen, marks = {}, {}, {}
  for _, t in ipairs(targets) do
    for _, c in ipairs({ t.indicator, t.who and t.who.flag }) do
      if c and not seen[c] then
        seen[c] = true
        codes[#codes + 1] = c
        marks[#marks + 1] = "?" .. (#codes + 2)
      end
    end
  end
  local values = {}
  if #codes == 0 then return values end
  local rows = pxr.db.query(region.BELOW .. [[
    SELECT v.indicator, v.unit, v.value, v.numerator, v.denominator, v.text FROM value v
    WHERE v.period = ?2 AND v.indicator IN (]] .. table.concat(marks, ",") .. [[)
      AND (v.unit IN (SELECT code FROM below)
           OR v.unit IN (SELECT i.code FROM institution i JOIN below b ON i.region = b.code))]],
    code, period_id, table.unpack(codes))
  for _, r in ipairs(rows) do
    values[r.unit] = values[r.unit] or {}
    values[r.unit][r.indicator] = r
  end
  return values
end

-- One entry per unit (institution, or prefecture for a region target): its value and status.
local function judge(IND, t, units, values, period_id)
  local ind, out = IND[t.indicator], {}
  for i, u in ipairs(units) do
    local vals = values[u.code] or {}
    local e = { unit = u, row = vals[t.indicator] }
    if t.by == "region" or in_scope(IND, t, u, vals) then
      e.x = indicator.value_of(ind, e.row)
      e.status = target.status(t, e.x, period_id, nil)
    else
      e.status = target.NOT_APPLICABLE
    end
    out[i] = e
  end
  return out
end

-- The target over a set of entries (pxr.target.overall: whose target it is decides).
local function aggregate(IND, t, entries, period_id)
  local a = target.overall(t, entries, period_id, IND[t.indicator].type == "rate")
  a.basis = t.judged
  return a
end

local function requirement(IND, t)
  if t.shown then return t.shown end
  if IND[t.indicator].type == "bool" then return "是" end
  return (target.describe(t):gsub(" ", ""))
end

local function deadline_text(t)
  if not t.deadline then return "原文未写期限" end
  return t.due .. "\n" .. t.deadline
end

local function measured_text(IND, words, t, a, single)
  local noun = t.by == "region" and (t.level == "province" and ("个" .. words.province)
                                     or ("个" .. words.prefecture)) or "家"
  if a.in_scope == 0 then return t.by == "region" and format.MISSING or "无适用机构" end
  local missing = a.in_scope - a.reported
  if t.judged == "pooled" then
    if a.x == nil then return "本地区合计率 无数据" end
    return "本地区合计率 " .. format.pct(a.x) .. "\n（" .. a.pooled .. "家报送）"
  end
  if single and single.x ~= nil then return indicator.display(IND[t.indicator], single.x) end
  local s = "达标 " .. a.met .. "/" .. a.in_scope .. noun
  if a.x ~= nil then s = s .. "\n合计率 " .. format.pct(a.x) end
  if missing > 0 then s = s .. "\n（无数据" .. missing .. noun .. "）" end
  return s
end

-- What a unit's cell shows in the detail tables: value and status, or — outside the scope.
local function cell_text(IND, t, e)
  if e.status == target.NOT_APPLICABLE then return { text = format.MISSING, align = "center" } end
  if e.x == nil then return { text = e.status, align = "center" } end
  return { text = indicator.display(IND[t.indicator], e.x) .. "\n" .. e.status, align = "center" }
end

local function inst_label(inst)
  return inst.name .. "（" .. inst.level .. (inst.grade and inst.grade ~= "" and (inst.grade .. "等") or "")
         .. "）"
end

-- The prefectures a report looks at, for targets judged per prefecture.
local function prefectures(reg)
  if reg.level == "province" then return region.children(reg.code) end
  if reg.level == "prefecture" then return { reg } end
  return {}
end

local function level_counts(insts)
  local n, parts = {}, {}
  for _, inst in ipairs(insts) do n[inst.level] = (n[inst.level] or 0) + 1 end
  for _, l in ipairs(LEVELS) do
    if n[l] then parts[#parts + 1] = l .. n[l] .. "家" end
  end
  return n, #insts .. "家" .. (#parts > 0 and ("（" .. table.concat(parts, "，") .. "）") or "")
end

-- A bar chart of a rate target: per prefecture (the pooled rate of its institutions in
-- scope) for the province, per institution for a prefecture; this period and the one before.
-- bars: { name=, cur=, prev= } with x and status; nil when nothing has a value.
local function rate_chart(IND, t, seq, bars, what, prev_label, label)
  local cats, cur, prev, marks, any = {}, {}, {}, {}, false
  for i, b in ipairs(bars) do
    cats[i], cur[i], prev[i], marks[i] = b.name, b.cur.x, b.prev.x, result.TARGET_MARK[b.cur.status]
    any = any or b.cur.x ~= nil
  end
  if not any then return nil end
  return chart.bars {
    title = seq .. ". " .. t.name .. "（" .. what .. "）",
    categories = cats,
    series = { { name = prev_label, values = prev }, { name = label, values = cur } },
    unit = "%",
    target = { value = t.value, label = "目标 " .. requirement(IND, t) },
    marks = marks,
    height = 62,
  }
end

-- The target in the XML twin: its aggregate, the seed sentence, and every unit judged.
local function target_element(IND, t, seq, a, entries, period_id)
  local el = { tag = "target", attrs = {
    code = t.code, number = seq, indicator = t.indicator, name = t.name, comparator = t.comparator,
    value = indicator.decimal(t.value), unit = t.unit, deadline = t.deadline, scope = t.scope,
    judged = t.judged, judged_by = t.judged_by,
    timing = target.timing(t, period_id), status = a.status, in_scope = a.in_scope,
    reported = a.reported, met = a.met } }
  if a.x then
    el.attrs.measured = indicator.decimal(a.x)
    el.attrs.numerator = indicator.decimal(a.numerator)
    el.attrs.denominator = indicator.decimal(a.denominator)
  end
  el[1] = { tag = "sentence", text = t.sentence }
  for _, e in ipairs(entries) do
    local ue = { tag = "unit", attrs = { code = e.unit.code, name = e.unit.name, status = e.status } }
    if e.x ~= nil then
      ue.attrs.value = indicator.decimal(e.x)
      ue.attrs.display = indicator.display(IND[t.indicator], e.x)
    end
    el[#el + 1] = ue
  end
  return el
end

local DEFAULT_WORDS = { prefecture = "地市", province = "省" }

local function build(spec, ctx)
  local hooks, plugin = spec.hooks or {}, ctx.plugin
  local words = spec.words or DEFAULT_WORDS
  local targets = plugin.targets or {}
  local IND = {}
  for _, ind in ipairs(plugin.indicators or {}) do IND[ind.code] = ind end
  for _, t in ipairs(targets) do
    if IND[t.indicator] == nil then
      pxr.error("target " .. tostring(t.code) .. ": no indicator " .. tostring(t.indicator)
                .. " in plugin " .. plugin.id)
    end
  end
  local code = ctx.region
  if code == nil then error(plugin.id .. " " .. ctx.report .. " is a report on a region: give --region", 0) end
  if not region.within(code, spec.region) then
    error(plugin.id .. " " .. ctx.report .. ": region " .. code .. " is not in "
          .. region.path(spec.region, "") .. " (" .. spec.region .. ")", 0)
  end
  local reg = region.get(code)
  local p, prev = ctx.period, period.previous(ctx.period)
  local _, as_of = period.bounds(p)
  local label, prev_label = period.label(p), period.label(prev)
  local insts = region.institutions(code)
  local pref = prefectures(reg)
  local values, prev_values = load_values(targets, code, p), load_values(targets, code, prev)
  local level_n, level_text = level_counts(insts)
  local r = { region = reg, insts = insts, prefectures = pref, as_of = as_of }

  -- The institutions (indexes into insts) of each prefecture, for the per-prefecture charts.
  local groups = {}
  if reg.level == "province" then
    local at = {}
    for i, inst in ipairs(insts) do at[inst.code] = i end
    for _, pr in ipairs(pref) do
      local members = {}
      for _, inst in ipairs(region.institutions(pr.code)) do members[#members + 1] = at[inst.code] end
      if #members > 0 then groups[#groups + 1] = { name = pr.name, members = members } end
    end
  end

  local xml = { tag = "targets", attrs = {
    plugin = plugin.id, period = p, period_label = label, as_of = as_of,
    region = code, region_name = region.path(code, "") } }
  local inst_el = { tag = "institutions", attrs = { total = #insts } }
  for _, l in ipairs(LEVELS) do
    inst_el[#inst_el + 1] = { tag = "level", attrs = { name = l, count = level_n[l] or 0 } }
  end
  xml[1] = inst_el
  -- who has reported any of the targets' indicators for the period, and who has not
  local inst_codes = {}
  for _, t in ipairs(targets) do
    if t.by ~= "region" then inst_codes[#inst_codes + 1] = t.indicator end
  end
  local cov = coverage.region(code, p, inst_codes)
  r.coverage = cov
  xml[2] = coverage.element(cov)

  local rows, quoted, readings, judged, charts, tally = {}, {}, {}, {}, {}, {}
  for seq, t in ipairs(targets) do
    local units_of = t.by ~= "region" and insts
                     or (t.level == "province" and (reg.level == "province" and { reg } or {}) or pref)
    local entries = judge(IND, t, units_of, values, p)
    local a = aggregate(IND, t, entries, p)
    judged[seq] = entries
    tally[a.status] = (tally[a.status] or 0) + 1
    rows[#rows + 1] = hook(hooks, "target_row", {
      { text = tostring(seq), align = "center" }, t.name, t.scope,
      { text = requirement(IND, t), align = "center" }, { text = deadline_text(t), align = "center" },
      measured_text(IND, words, t, a, #units_of == 1 and t.by == "region" and entries[1] or nil),
      { text = a.status, align = "center" },
    }, t, a, ctx)
    -- targets quoting the same sentence (or read the same way) share one note: "5、6．“…”"
    local last = quoted[#quoted]
    if last and last.sentence == t.sentence then
      last.seqs[#last.seqs + 1] = tostring(seq)
    else
      quoted[#quoted + 1] = { sentence = t.sentence, seqs = { tostring(seq) },
                              where = t.measure and ("重点任务第" .. t.measure .. "项")
                                      or spec.unplaced or "实施方案" }
    end
    local judged_note = "判定：" .. target.JUDGED[t.judged] .. "（“" .. t.judged_by .. "”）"
          .. (t.reading and ("；" .. t.reading) or "")
    local rd = readings[#readings]
    if rd and rd.text == judged_note then
      rd.seqs[#rd.seqs + 1] = tostring(seq)
    else
      readings[#readings + 1] = { text = judged_note, seqs = { tostring(seq) } }
    end

    xml[#xml + 1] = hook(hooks, "target", target_element(IND, t, seq, a, entries, p), t, a, entries, ctx)

    if IND[t.indicator].type == "rate" and t.by ~= "region" then
      local prev_entries = judge(IND, t, insts, prev_values, prev)
      local bars = {}
      if reg.level == "province" then
        for _, g in ipairs(groups) do
          local cur_e, prev_e = {}, {}
          for _, i in ipairs(g.members) do
            cur_e[#cur_e + 1], prev_e[#prev_e + 1] = entries[i], prev_entries[i]
          end
          bars[#bars + 1] = { name = g.name, cur = aggregate(IND, t, cur_e, p),
                              prev = aggregate(IND, t, prev_e, prev) }
        end
      else
        for i, e in ipairs(entries) do
          if e.status ~= target.NOT_APPLICABLE then
            bars[#bars + 1] = { name = e.unit.name, cur = e, prev = prev_entries[i] }
          end
        end
      end
      local what = reg.level == "province" and ("各" .. words.prefecture .. "合计率") or "各机构"
      local c = rate_chart(IND, t, seq, bars, what, prev_label, label)
      if c then c = hook(hooks, "chart", c, t, bars, ctx) end
      if c then charts[#charts + 1] = c end
    end
  end
  r.tally = tally

  local notes = {}
  for _, q in ipairs(quoted) do
    notes[#notes + 1] = "　　" .. table.concat(q.seqs, "、") .. "．“" .. q.sentence .. "”（"
                        .. q.where .. "）"
  end
  notes[#notes + 1] = "判定与口径（原文未明确之处为本系统的理解）："
  for _, rd in ipairs(readings) do
    notes[#notes + 1] = "　　" .. table.concat(rd.seqs, "、") .. "．" .. rd.text
  end
  notes[#notes + 1] = "　　" .. target.DEADLINE_RULE
  local counts = {}
  for _, s in ipairs(STATUS_ORDER) do
    if tally[s] then counts[#counts + 1] = s .. tally[s] .. "项" end
  end
  local summary_el = { tag = "summary", attrs = { targets = #targets } }
  for s, k in pairs(STATUS_KEY) do summary_el.attrs[k] = tally[s] or 0 end
  xml[#xml + 1] = summary_el

  local place = region.path(code, "")
  local sections = {}
  sections[#sections + 1] = { name = "overview", title = "总体情况", blocks = {
    doc.paragraph(string.format("《实施方案》提出的量化目标共%d项。截至%s末（%s），%s%s。",
                                #targets, label, as_of, place, table.concat(counts, "，"))),
    doc.paragraph(cov.reported == 0 and ("本期（" .. label .. "）本地区" .. cov.expected
                                         .. "家机构均未报送数据：以下机构目标均为无数据，不按零计。")
                  or ("本期" .. coverage.text(cov) .. "。" .. (coverage.missing_text(cov) or "适用机构均已报送。"))),
    doc.paragraph(spec.method or ("对每家机构提出的目标，实测值为达标机构数/适用机构数，全部适用机构达标方为达标；"
                  .. "率类目标另列适用机构的合计率（Σ分子/Σ分母×100，不是各机构率的平均值）供参考。"
                  .. "对地区整体提出的目标按本地区合计率判定；按" .. words.prefecture .. "考核的目标按"
                  .. words.prefecture .. "报送值判定。未报送的数据不按零计，也不计为达标。")),
  } }
  sections[#sections + 1] = { name = "targets", title = "量化目标完成情况", blocks = { doc.table {
    columns = { { title = "序号", width = 3, align = "center" }, { title = "目标（原文）", width = 14 },
                { title = "适用范围", width = 8 }, { title = "要求", width = 5, align = "center" },
                { title = "期限", width = 7, align = "center" }, { title = "实测值", width = 9 },
                { title = "状态", width = 5, align = "center" } },
    rows = rows,
    notes = { "注：状态按报告期末（" .. as_of .. "）判定：已达标；未达标（期限在本期内或原文未写期限）；"
              .. "未到期（尚未达标，期限在本期之后）；已逾期（期限早于本期且仍未达标）；"
              .. "无数据（适用机构未报送或部分未报送而其余均达标）；不适用（本地区无适用机构）。",
              "目标原文：", table.unpack(notes) },
  } } }
  if #charts > 0 then
    sections[#sections + 1] = { name = "charts", title = "率类目标分布", blocks = charts }
  end

  -- Detail: institutions × institution targets, six targets to a table.
  local detail = {}
  if #insts == 0 then
    detail[1] = doc.paragraph("本地区没有医疗机构的数据。")
  else
    local inst_targets = {}
    for seq, t in ipairs(targets) do
      if t.by ~= "region" then inst_targets[#inst_targets + 1] = seq end
    end
    for first = 1, #inst_targets, 6 do
      local last = math.min(first + 5, #inst_targets)
      local cols = { { title = "机构", width = 14 } }
      for k = first, last do
        local t = targets[inst_targets[k]]
        cols[#cols + 1] = { title = inst_targets[k] .. "." .. (t.short or t.name) .. "\n"
                                    .. requirement(IND, t), width = 6, align = "center" }
      end
      local trows = {}
      for i, inst in ipairs(insts) do
        local row = { inst_label(inst) }
        for k = first, last do
          local seq = inst_targets[k]
          local t = targets[seq]
          row[#row + 1] = hook(hooks, "unit_cell", cell_text(IND, t, judged[seq][i]), t, judged[seq][i], ctx)
        end
        trows[i] = row
      end
      detail[#detail + 1] = doc.table { columns = cols, rows = trows, landscape = #cols >= 7 }
    end
    if #detail > 0 then
      detail[#detail].notes = { "注：单元格上行为实测值，下行为状态；“—”表示该机构不在目标适用范围内。" }
    end
  end
  sections[#sections + 1] = { name = "institutions", title = "各机构目标状态", blocks = detail }

  if #pref > 0 then
    local cols, trows, reg_targets = { { title = words.prefecture, width = 10 } }, {}, {}
    for seq, t in ipairs(targets) do
      if t.by == "region" and t.level ~= "province" then
        reg_targets[#reg_targets + 1] = seq
        cols[#cols + 1] = { title = seq .. "." .. (t.short or t.name) .. "\n" .. t.due, width = 8,
                            align = "center" }
      end
    end
    if #reg_targets > 0 then
      for i, pr in ipairs(pref) do
        local row = { pr.name }
        for _, seq in ipairs(reg_targets) do
          local t = targets[seq]
          row[#row + 1] = hook(hooks, "unit_cell", cell_text(IND, t, judged[seq][i]), t, judged[seq][i], ctx)
        end
        trows[i] = row
      end
      sections[#sections + 1] = { name = "prefectures", title = "各" .. words.prefecture .. "目标状态",
        blocks = { doc.table { columns = cols, rows = trows,
                               notes = { "注：按" .. words.prefecture .. "考核的目标以" .. words.prefecture
                                         .. "（地区代码）报送的数据判定；单元格上行为报送值，下行为状态。" } } } }
    end
  end

  local body = { hook(hooks, "header", doc.kv({
    { "地区", place }, { "报告期", label .. "（截至" .. as_of .. "）" },
    { "机构数", level_text }, { "报送情况", coverage.text(cov) },
    { "方案", "《" .. plugin.title .. "》" },
    table.unpack(require("pxr.catalog").document_fields(plugin)) }, 1), ctx, r) }
  local n = 0
  for _, sec in ipairs(sections) do
    sec = hook(hooks, "section", sec, ctx, r)
    if sec then
      n = n + 1
      body[#body + 1] = doc.heading(2, format.cn(n) .. "、" .. sec.title)
      for _, b in ipairs(sec.blocks) do body[#body + 1] = b end
    end
  end

  local d = doc.document {
    title = place .. spec.title,
    subtitle = label,
    author = place,
    subject = plugin.title,
    keywords = (spec.keywords or "") .. p,
    body = body,
  }
  local report_units = { code }
  for _, pr in ipairs(pref) do report_units[#report_units + 1] = pr.code end
  local notice = coverage.notice(ctx, report_units, place, code)
  if notice then table.insert(d.body, 1, notice) end
  return hook(hooks, "document", d, ctx, r), hook(hooks, "result", xml, ctx, r)
end

-- The units `pxr batch --each region` renders: the province and its prefectures
-- that have institutions.
local function default_units(root)
  return function()
    local out = { root }
    for _, pr in ipairs(region.children(root)) do
      if #region.institutions(pr.code) > 0 then out[#out + 1] = pr.code end
    end
    return out
  end
end

function M.targets(spec)
  if type(spec) ~= "table" or type(spec.title) ~= "string" or type(spec.region) ~= "string" then
    pxr.error("targets{...} needs title = the report's title and region = the plan's region code")
  end
  return require("pxr.report").entry(spec, "region", "pxr-targets.xsd", build,
                                     { units = default_units(spec.region) })
end

return M
