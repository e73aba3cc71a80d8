-- pxr.catalog: a plugin's measures, indicators, form fields and targets as
-- rows, for `pxr catalog ID --format text|csv|xml`.
local sources = require("pxr.sources")
local M = {}
local source_lines

M.columns = { "kind", "code", "name", "section", "unit", "type", "applicability",
              "comparator", "value", "deadline", "source", "sentence", "judged", "judged_by", "note" }

local marks = {
  tertiary_or_lead = "▲ 三级医院和医联体的牵头医院",
  tcm = "中医、蒙医等民族医和中西医结合医院（本系统的理解）",
  obstetrics = "＃ 有产科的医疗机构",
}

local function str(v)
  if v == nil then return "" end
  if math.type(v) == "float" and v == math.floor(v) then return string.format("%d", v) end
  return tostring(v)
end

local function indicator_rows(out, ind, plugin_source)
  out[#out + 1] = {
    kind = "indicator", code = ind.code, name = ind.name, section = ind.dimension,
    unit = ind.unit, type = ind.type, applicability = ind.applicability,
    source = ind.source or plugin_source, sentence = ind.note,
  }
  for _, part in ipairs(ind.parts or {}) do
    out[#out + 1] = {
      kind = "indicator", code = part.code, name = part.name,
      section = part.dimension or ind.dimension, unit = part.unit or ind.unit,
      type = part.type or ind.type, applicability = part.applicability or ind.applicability,
      source = part.source or ind.source or plugin_source, sentence = part.note,
    }
  end
end

-- All entries of a plugin, in the order measures, indicators, fields, targets.
function M.rows(plugin)
  local out = {}
  for _, m in ipairs(plugin.measures or {}) do
    out[#out + 1] = { kind = "measure", code = m.code, name = m.title, section = m.section,
                      source = m.source or plugin.source, sentence = m.text, note = m.note }
  end
  for _, ind in ipairs(plugin.indicators or {}) do indicator_rows(out, ind, plugin.source) end
  for _, f in ipairs(plugin.fields or {}) do
    out[#out + 1] = { kind = "field", code = f.code, name = f.name, section = f.section,
                      unit = f.unit, type = f.type, applicability = f.applicability,
                      source = f.source or plugin.source, sentence = f.note }
  end
  for _, t in ipairs(plugin.targets or {}) do
    out[#out + 1] = { kind = "target", code = t.code, name = t.name or t.title,
                      section = t.indicator or t.measure, unit = t.unit, type = t.type,
                      applicability = t.scope, comparator = t.comparator, value = t.value,
                      deadline = t.deadline, source = t.source or plugin.source,
                      sentence = t.sentence, judged = t.judged, judged_by = t.judged_by,
                      note = t.reading }
  end
  for _, b in ipairs(plugin.baselines or {}) do
    out[#out + 1] = { kind = "baseline", code = b.code, name = b.name,
                      section = b.indicator or b.measure, unit = b.unit, applicability = b.scope,
                      value = b.value, deadline = b.as_of, source = b.source or plugin.source,
                      sentence = b.sentence }
  end
  return out
end

local function csv_field(s)
  s = str(s)
  if s:find('[,"\r\n]') then s = '"' .. s:gsub('"', '""') .. '"' end
  return s
end

function M.csv(plugin)
  local lines = { table.concat(M.columns, ",") }
  for _, r in ipairs(M.rows(plugin)) do
    local f = {}
    for i, c in ipairs(M.columns) do f[i] = csv_field(r[c]) end
    lines[#lines + 1] = table.concat(f, ",")
  end
  return table.concat(lines, "\n") .. "\n"
end

-- "出处 (sources)": every document the entries quote, as pxr.sources records it.
local source_labels = { { "issuer", "发文机关" }, { "number", "文号" }, { "date", "日期" },
                        { "published", "发布日期" }, { "basis", "依据" }, { "via", "措辞来源" },
                        { "issuer_note", "说明" } }
source_lines = function(add, plugin, rows)
  local seen, cites = {}, {}
  local function note(c)
    if c and not seen[c] then seen[c] = true; cites[#cites + 1] = c end
  end
  note(plugin.source)
  for _, r in ipairs(rows) do note(r.source) end
  if #cites == 0 then return end
  add("")
  add("出处 (sources)")
  for _, c in ipairs(cites) do
    add("  " .. c)
    local r = sources.by_cite(c)
    for _, l in ipairs(r and source_labels or {}) do
      if r[l[1]] then add(string.format("    %s：%s", l[2], r[l[1]])) end
    end
  end
end

local kind_titles = { measure = "举措", indicator = "指标", field = "填报项", target = "目标",
                      baseline = "基线" }

function M.text(plugin)
  local out = {}
  local function add(s) out[#out + 1] = s end
  add(plugin.id .. "  " .. plugin.title)
  for _, f in ipairs(M.document_fields(plugin)) do add("  " .. f[1] .. "：" .. f[2]) end
  if plugin.span then add("  实施期间：" .. plugin.span) end
  local rows = M.rows(plugin)
  source_lines(add, plugin, rows)
  local last
  for _, r in ipairs(rows) do
    if r.kind ~= last then
      add("")
      add(kind_titles[r.kind] .. " (" .. r.kind .. ")")
      last = r.kind
    end
    local line = string.format("  %-10s %s", str(r.code), str(r.name))
    local extra = {}
    if r.section and r.section ~= "" then extra[#extra + 1] = str(r.section) end
    if r.comparator then extra[#extra + 1] = r.comparator .. " " .. str(r.value) .. str(r.unit)
    elseif r.kind == "baseline" then extra[#extra + 1] = "基线 " .. str(r.value) .. str(r.unit)
    elseif r.unit then extra[#extra + 1] = str(r.unit) end
    if r.deadline then
      extra[#extra + 1] = (r.kind == "baseline" and "as of " or "by ") .. str(r.deadline)
    end
    if r.judged then extra[#extra + 1] = "judged " .. r.judged .. ": “" .. str(r.judged_by) .. "”" end
    if r.applicability then extra[#extra + 1] = marks[r.applicability] or str(r.applicability) end
    if #extra > 0 then line = line .. "  [" .. table.concat(extra, "; ") .. "]" end
    add(line)
  end
  if plugin.calendar and #plugin.calendar > 0 then
    add("")
    add("日程 (calendar)")
    for _, c in ipairs(plugin.calendar) do
      local when = c.date and ((c.every == "year" and "每年 " or "") .. c.date)
                   or (c.from and (c.from .. " – " .. (c.to or ""))) or (c.every == "half-year" and "每半年")
                   or tostring(c.every or "")
      add(string.format("  %-25s %s", when, str(c.title and (c.title .. "：" .. c.text) or c.text)))
    end
  end
  return table.concat(out, "\n") .. "\n"
end

-- The catalog as an XML tree for the writer (schema: pxr-catalog.xsd).
function M.xml(plugin)
  local root = { tag = "catalog", attrs = { plugin = plugin.id, title = plugin.title,
                                            number = plugin.number, basis = plugin.basis,
                                            span = plugin.span } }
  for _, r in ipairs(M.rows(plugin)) do
    local attrs = {}
    for _, c in ipairs(M.columns) do
      if r[c] ~= nil and r[c] ~= "" then attrs[c] = str(r[c]) end
    end
    root[#root + 1] = { tag = "entry", attrs = attrs }
  end
  return root
end

-- The plan's own 文号 and the document it implements, each with its label, as
-- `pxr plugins`, `pxr catalog`, the reports and the templates print them.
function M.document_fields(plugin)
  local out = { { "文号", plugin.number or "（文件未载明）" } }
  if plugin.basis then out[#out + 1] = { "依据", plugin.basis } end
  return out
end

-- "evaluation, summary": the plugin's report names, sorted.
function M.report_names(plugin)
  local names = {}
  for name in pairs(plugin.reports or {}) do names[#names + 1] = name end
  table.sort(names)
  return table.concat(names, ", ")
end

-- "nhc2023 evaluation institution 2024S2\n...": one line per report with its
-- scope and the plugin's example_period (what `make demo` renders).
function M.report_lines(plugin)
  local names, out = {}, {}
  for name in pairs(plugin.reports or {}) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    out[#out + 1] = table.concat({ plugin.id, name, plugin.reports[name].scope or "institution",
                                   plugin.example_period or "" }, " ") .. "\n"
  end
  return table.concat(out)
end

return M
