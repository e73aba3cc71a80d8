-- pxr.status: who has reported for a period (填报进度), as `pxr status` prints it.
--
-- due(plugin, period_id) -> date, source sentence | nil
--   the due date the plugin's calendar gives for the period: an entry
--   { date = "2016-07-15", period = "2016S1", kind = "due" }, or a yearly one
--   { date = "06-10", every = "year", covers = "S1" } (a year is due with its S2,
--   a quarter with its half-year).
-- run{ plugin = id, period = id, region = code|nil, group = code|nil, due = "YYYY-MM-DD"|nil,
--      chinese = bool }
--   -> text (its first line in Chinese when chinese), csv, document, result (the XML tree of
--   reports/schema/pxr-status.xsd)
--
-- One row per institution the plugin covers in the region, or among the members of the
-- group (a reporting unit that is a group of institutions, pxr.unit): its region, level,
-- status, received date and completeness (indicators asked of it reported / asked;
-- what is asked is pxr validate's rule, pxr.validate.asker: ▲/＃, and the scope of the
-- targets and form fields that narrow an indicator).  Status: 未报 nothing received; 已报 received (on time when there
-- is a due date); 逾期 received after the due date; 已审核 approved; 退回 reopened.
-- Totals per region and per level, as DHIS2's reporting-rate summary:
-- 应报 expected, 已报 reported, 按时 on time, 逾期 late, 未报 missing,
-- 及时率 = 按时/应报, 完整率 = 已报/应报 (percent).  Timeliness is kept apart from
-- approval: an approved submission was still on time or late.  An import's time counts on
-- Beijing time (a file imported at 2024-07-15T17:30Z arrived on 7月16日).
local doc = require("pxr.doc")
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local region = require("pxr.region")
local unit = require("pxr.unit")
local validate = require("pxr.validate")

local M = {}

function M.due(plugin, pid)
  local year, kind = pid:match("^(%d%d%d%d)(%a?)")
  local half
  if kind == "S" then
    half = "S" .. pid:sub(6, 6)
  elseif kind == "Q" then
    half = tonumber(pid:sub(6, 6)) <= 2 and "S1" or "S2"
  else
    half = "S2"
  end
  for _, c in ipairs(plugin.calendar or {}) do
    if c.period == pid and c.kind == "due" and c.date then return c.date, c.text end
  end
  for _, c in ipairs(plugin.calendar or {}) do
    if c.every == "year" and c.covers == half and c.date then
      return string.format("%s-%s", year, c.date), c.text
    end
  end
  return nil
end

local function pct(a, b)
  if b == 0 then return nil end
  return math.floor(a * 1000 / b + 0.5) / 10
end

local function pct_text(x)
  return x and (indicator.decimal(x) .. "%") or "—"
end

local function csv_field(s)
  s = tostring(s == nil and "" or s)
  if s:find('[,"\r\n]') then s = '"' .. s:gsub('"', '""') .. '"' end
  return s
end

local function date_cn(iso)
  local y, m, d = iso:match("^(%d+)-(%d+)-(%d+)")
  return string.format("%d年%d月%d日", tonumber(y), tonumber(m), tonumber(d))
end

local LEVELS = { "三级", "二级", "一级", "未定级" }

-- The day a submission was received, as a Chinese due date counts it: a --received date as
-- given; an import time (UTC, 2024-07-15T17:30:00Z) on Beijing time, UTC+8.
local function received_day(stamp)
  local y, m, d, h = stamp:match("^(%d%d%d%d)-(%d%d)-(%d%d)T(%d%d)")
  if not y then return stamp:sub(1, 10) end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if tonumber(h) + 8 >= 24 then
    local last = ({ 31, (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)) and 29 or 28, 31, 30, 31, 30,
                    31, 31, 30, 31, 30, 31 })[m]
    d = d + 1
    if d > last then d, m = 1, m + 1 end
    if m > 12 then m, y = 1, y + 1 end
  end
  return string.format("%04d-%02d-%02d", y, m, d)
end
M.received_day = received_day

function M.run(opts)
  local plugin
  for _, p in ipairs(pxr.plugins()) do
    if p.id == opts.plugin then plugin = p end
  end
  assert(plugin, "unknown plugin " .. tostring(opts.plugin))
  local pid = opts.period
  local due, due_source = M.due(plugin, pid)
  local due_from = due and "calendar"
  if not due and opts.due then due, due_from, due_source = opts.due, "option", nil end
  local why_no_due = not due and string.format(
    "%s的报送日程未给出%s的报送期限，也未以 --due 指定，故只列收到日期，不判按时或逾期", plugin.title,
    period.label(pid)) or nil

  -- the institutions in scope and the region each is totalled under
  local regions = {}
  for _, r in ipairs(pxr.db.query("SELECT code, name, parent, level FROM region")) do regions[r.code] = r end
  local scope = opts.region or opts.group
  local grp = opts.group and unit.group(opts.group)
  if opts.group and not grp then pxr.error("no reporting unit " .. opts.group) end
  local insts = grp and unit.members(grp.code)
                or scope and region.institutions(scope)
                or pxr.db.query("SELECT * FROM institution ORDER BY code")
  -- totals go to the regions right below the scope (below 100000 全国, the provinces, when
  -- no region is given; below the region a group reports in, for a group); an institution
  -- right in the scope region counts under it; a statistical middle level right below the
  -- scope (310100 市辖区 of 310000 上海市) is looked through, as pxr.region.children does
  local top = grp and grp.region or scope or (regions["100000"] and "100000") or nil
  local function group_of(code)
    local r = regions[code]
    while r and r.code ~= top and r.parent and r.parent ~= top and regions[r.parent] do
      local p = regions[r.parent]
      if p.parent == top and region.statistical(p) then break end
      r = p
    end
    return r or { code = code, name = code }
  end
  -- the hospitals a group reports for (申康医院发展中心's municipal hospitals) belong to the
  -- group's return: a region below the one the group reports in leaves them out (they are in
  -- pxr status --unit G), and the region it reports in totals them under the group
  local via, left_out = {}, {}
  if scope and not grp then
    for _, g in ipairs(pxr.db.query("SELECT code, name, region FROM unit_group ORDER BY code")) do
      if g.region == scope or region.within(scope, g.region) then
        for _, m in ipairs(unit.members(g.code)) do via[m.code] = via[m.code] or g end
      end
    end
  end

  -- what is asked of each institution is pxr validate's rule (its missing check)
  local asked = validate.asker(plugin)
  local reported = {} -- reported[unit][code] = the stored row
  for _, v in ipairs(pxr.db.query([[SELECT v.unit, v.indicator, v.value, v.numerator,
      v.denominator, v.text FROM value v
      JOIN plugin_indicator pi ON pi.indicator = v.indicator AND pi.plugin = ?
      WHERE v.period = ?]], plugin.id, pid)) do
    reported[v.unit] = reported[v.unit] or {}
    reported[v.unit][v.indicator] = v
  end
  local subs = {}
  for _, s in ipairs(pxr.db.query("SELECT unit, received FROM submission WHERE period = ?", pid)) do
    subs[s.unit] = s
  end
  local state = {}
  for _, a in ipairs(pxr.db.query([[SELECT unit, action, who, time, reason FROM approval
      WHERE plugin = ? AND period = ? ORDER BY id]], plugin.id, pid)) do
    state[a.unit] = a
  end

  local rows, groups, group_order, levels = {}, {}, {}, {}
  local total = { expected = 0, reported = 0, on_time = 0, late = 0, missing = 0 }
  local function count(t, row)
    t.expected = t.expected + 1
    if row.received then t.reported = t.reported + 1 else t.missing = t.missing + 1 end
    if row.timely == true then t.on_time = t.on_time + 1 end
    if row.timely == false then t.late = t.late + 1 end
  end
  for _, inst in ipairs(insts) do
    local by = via[inst.code]
    if by and by.region ~= scope and (not plugin.covers or plugin.covers(inst)) then
      left_out[#left_out + 1] = { inst = inst, unit = by }
    elseif not plugin.covers or plugin.covers(inst) then
      local vals = reported[inst.code] or {}
      local inds = asked(inst, vals)
      local applicable, got = #inds, 0
      for _, ind in ipairs(inds) do
        if vals[ind.code] then got = got + 1 end
      end
      local any = reported[inst.code] ~= nil
      local sub = any and subs[inst.code] or nil
      local received = sub and received_day(sub.received) or nil
      local timely
      if received and due then timely = received <= due end
      local st = "未报"
      if received then st = timely == false and "逾期" or "已报" end
      local a = state[inst.code]
      if received and a and a.action == "approve" then st = "已审核" end
      if received and a and a.action == "reopen" then st = "退回" end
      local g = by and { code = by.code, name = by.name } or group_of(inst.region)
      local row = { inst = inst, group = g, area = group_of(inst.region).name, via = by, status = st, received = received, timely = timely,
                    reported = got, applicable = applicable, approval = a }
      rows[#rows + 1] = row
      if not groups[g.code] then
        groups[g.code] = { code = g.code, name = g.name, unit = by ~= nil, expected = 0, reported = 0, on_time = 0,
                           late = 0, missing = 0 }
        group_order[#group_order + 1] = g.code
      end
      count(groups[g.code], row)
      levels[inst.level] = levels[inst.level] or { expected = 0, reported = 0, on_time = 0, late = 0,
                                                   missing = 0 }
      count(levels[inst.level], row)
      count(total, row)
    end
  end
  table.sort(group_order)

  local function rates(t)
    t.timeliness = due and pct(t.on_time, t.expected) or nil
    t.completeness = pct(t.reported, t.expected)
    return t
  end
  for _, g in pairs(groups) do rates(g) end
  for _, l in pairs(levels) do rates(l) end
  rates(total)

  local scope_name = grp and string.format("%s（%s，成员%d家）", grp.name,
                                            regions[grp.region] and region.path(grp.region) or grp.region, #insts)
                     or scope and (regions[scope] and region.path(scope) or scope) or "全部地区"
  -- who was left out, by the unit that reports for them: { unit, insts }, by unit code
  local elsewhere, by_unit = {}, {}
  for _, l in ipairs(left_out) do
    if not by_unit[l.unit.code] then
      by_unit[l.unit.code] = { unit = l.unit, insts = {} }
      elsewhere[#elsewhere + 1] = by_unit[l.unit.code]
    end
    table.insert(by_unit[l.unit.code].insts, l.inst)
  end
  -- text and CSV
  local text
  if opts.chinese then
    text = { string.format("%s %s %s：应报%d，已报%d，未报%d%s", plugin.id, pid, scope or "全部",
      total.expected, total.reported, total.missing,
      due and string.format("，报送期限%s：按时%d，逾期%d", due, total.on_time, total.late)
          or "；" .. why_no_due) }
    for _, e in ipairs(elsewhere) do
      text[1] = text[1] .. string.format("；另有%d家由%s（%s）报送，未列入", #e.insts, e.unit.name, e.unit.code)
    end
  else
    text = { string.format("%s %s %s: %d expected, %d reported, %d missing%s", plugin.id, pid,
      scope or "all", total.expected, total.reported, total.missing,
      due and string.format(", due %s: %d on time, %d late", due, total.on_time, total.late)
          or "; no due date (the plugin's calendar gives none for the period and --due is not given): received dates only, no timeliness") }
    for _, e in ipairs(elsewhere) do
      text[1] = text[1] .. string.format("; %d reported by %s (%s), not listed", #e.insts, e.unit.name, e.unit.code)
    end
  end
  local csv = { "region,region_name,institution,name,level,status,received,due,reported,applicable,completeness" }
  for _, r in ipairs(rows) do
    local comp = pct(r.reported, r.applicable)
    text[#text + 1] = table.concat({ r.inst.code, r.inst.name, r.inst.level, r.status,
      r.received or "-", string.format("%d/%d", r.reported, r.applicable) }, "\t")
    csv[#csv + 1] = table.concat({ csv_field(r.inst.region), csv_field(regions[r.inst.region]
      and regions[r.inst.region].name or ""), csv_field(r.inst.code), csv_field(r.inst.name),
      r.inst.level, r.status, r.received or "", due or "", r.reported, r.applicable,
      comp and indicator.decimal(comp) or "" }, ",")
  end

  -- the document
  local head = { { "方案", plugin.title }, { "报告期", period.label(pid) }, { "范围", scope_name },
                 { "报送期限", due and (date_cn(due) .. (due_from == "option" and "（--due 指定）" or ""))
                                   or "未规定" } }
  local body = { doc.kv(head, 2) }
  if due_source then
    body[#body + 1] = doc.paragraph("依据：" .. due_source, { size = 9 })
  elseif not due then
    body[#body + 1] = doc.paragraph("说明：" .. why_no_due .. "。", { size = 9 })
  end
  body[#body + 1] = doc.paragraph(string.format(
    "应报%d家，已报%d家，未报%d家%s；完整率%s%s。", total.expected, total.reported, total.missing,
    due and string.format("，其中按时%d家、逾期%d家", total.on_time, total.late) or "",
    pct_text(total.completeness), due and ("，及时率" .. pct_text(total.timeliness)) or ""))
  for _, e in ipairs(elsewhere) do
    local names = {}
    for i, inst in ipairs(e.insts) do names[i] = inst.name end
    body[#body + 1] = doc.paragraph(string.format(
      "另有%d家机构（%s）由%s报送，属该单位的填报进度（pxr status %s --period %s --unit %s），不列入本表。",
      #e.insts, table.concat(names, "、"), e.unit.name, plugin.id, pid, e.unit.code))
  end
  local tcols = { { title = "", width = 5 }, { title = "应报", width = 2, align = "right" },
                  { title = "已报", width = 2, align = "right" },
                  { title = "按时", width = 2, align = "right" },
                  { title = "逾期", width = 2, align = "right" },
                  { title = "未报", width = 2, align = "right" },
                  { title = "及时率", width = 2.5, align = "right" },
                  { title = "完整率", width = 2.5, align = "right" } }
  local function trow(name, t, bold)
    return { bold and { text = name, bold = true } or name, t.expected, t.reported,
             due and t.on_time or "—", due and t.late or "—", t.missing,
             pct_text(t.timeliness), pct_text(t.completeness) }
  end
  local grows = {}
  for _, code in ipairs(group_order) do grows[#grows + 1] = trow(groups[code].name, groups[code]) end
  grows[#grows + 1] = trow("合计", total, true)
  body[#body + 1] = doc.heading(2, "一、分地区汇总")
  local c1 = {}
  for i, c in ipairs(tcols) do c1[i] = c end
  c1[1] = { title = "地区", width = 5 }
  body[#body + 1] = doc.table { columns = c1, rows = grows }
  local lrows = {}
  for _, l in ipairs(LEVELS) do
    if levels[l] then lrows[#lrows + 1] = trow(l .. "医院", levels[l]) end
  end
  lrows[#lrows + 1] = trow("合计", total, true)
  local c2 = {}
  for i, c in ipairs(tcols) do c2[i] = c end
  c2[1] = { title = "医院等级", width = 5 }
  body[#body + 1] = doc.heading(2, "二、分等级汇总")
  body[#body + 1] = doc.table { columns = c2, rows = lrows,
    notes = { "注：及时率＝按时报送家数÷应报家数，完整率＝已报家数÷应报家数（DHIS2 报告率口径）；"
              .. "已审核、退回的机构按其首次收到日期计入按时或逾期。" } }
  body[#body + 1] = doc.heading(2, "三、各机构填报情况")
  local irows, via_names, seen = {}, {}, {}
  for i, r in ipairs(rows) do
    local comp = pct(r.reported, r.applicable)
    if r.via and not seen[r.via.code] then
      seen[r.via.code] = true
      via_names[#via_names + 1] = r.via.name
    end
    irows[#irows + 1] = { i, r.inst.name .. (r.via and "＊" or ""), r.area, r.inst.level,
                          { text = r.status, align = "center", bold = r.status ~= "已报" and r.status ~= "已审核" },
                          r.received and r.received or "—",
                          string.format("%d/%d", r.reported, r.applicable) .. (comp and ("（" .. indicator.decimal(comp) .. "%）") or "") }
  end
  body[#body + 1] = doc.table {
    columns = { { title = "序号", width = 1.5, align = "center" }, { title = "机构", width = 7 },
                { title = "地区", width = 3.5 }, { title = "等级", width = 2, align = "center" },
                { title = "状态", width = 2, align = "center" },
                { title = "收到日期", width = 3.5, align = "center" },
                { title = "已报指标/应报指标", width = 4.5, align = "right" } },
    rows = irows,
    notes = { "注：状态为未报（未收到）、已报（按期收到）、逾期（期限后收到）、已审核（审核通过，数据锁定）、"
              .. "退回（审核后退回修改）。完整率为本机构已填报指标数占应填报指标数的比例；应填报指标与 pxr validate "
              .. "同一规则（▲/＃等适用范围，以及目标、填报项所指的机构）。"
              .. (#via_names > 0 and ("＊由" .. table.concat(via_names, "、")
                                     .. "报送的机构，计入分地区汇总中该单位一行。") or "") },
  }
  local d = doc.document { title = plugin.title .. "填报进度", subtitle = period.label(pid) .. "　" .. scope_name,
                           subject = "pxr status", author = "pxr", body = body }

  -- the XML
  local result = { tag = "status", attrs = { plugin = plugin.id, period = pid, region = opts.region,
    unit = grp and grp.code, unit_name = grp and grp.name,
    due = due, due_source = due and due_from or nil, no_due_reason = why_no_due } }
  for _, r in ipairs(rows) do
    local a = { code = r.inst.code, name = r.inst.name, region = r.inst.region,
                level = r.inst.level, status = r.status, received = r.received,
                reported = r.reported, applicable = r.applicable }
    if r.timely ~= nil then a.on_time = r.timely end
    if r.approval and r.approval.action == "approve" then
      a.approved_by, a.approved_at = r.approval.who, r.approval.time
    elseif r.approval then
      a.reopened_by, a.reopened_at, a.reopen_reason = r.approval.who, r.approval.time, r.approval.reason
    end
    result[#result + 1] = { tag = "institution", attrs = a }
  end
  local function total_el(kind, code, name, t)
    return { tag = "total", attrs = { kind = kind, code = code, name = name, expected = t.expected,
      reported = t.reported, missing = t.missing, on_time = due and t.on_time or nil,
      late = due and t.late or nil, timeliness = t.timeliness, completeness = t.completeness } }
  end
  for _, code in ipairs(group_order) do
    result[#result + 1] = total_el(groups[code].unit and "unit" or "region", code, groups[code].name, groups[code])
  end
  for _, l in ipairs(LEVELS) do
    if levels[l] then result[#result + 1] = total_el("level", l, l, levels[l]) end
  end
  result[#result + 1] = total_el("all", scope or "all", scope_name, total)
  return table.concat(text, "\n") .. "\n", table.concat(csv, "\n") .. "\n", d, result
end

return M
