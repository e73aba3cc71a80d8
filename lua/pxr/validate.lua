-- pxr.validate: the stored data checked against what the plugins declare.
--
-- run{ plugin=<id>|nil, period=<id>|nil } -> text, error count, csv, document
--
-- Checks, per plugin (every plugin when none is given):
--   rule        the plugin's validation_rules, DHIS2-style:
--                 { code=, name=, left="EI19.denominator", operator="==", right="EI21.denominator",
--                   missing="skip_if_any"|"skip_if_all"|"never", importance="high"|"medium"|"low",
--                   note= }
--               sides are arithmetic (+ - * / parentheses, numbers) over indicator codes, with
--               .numerator/.denominator for a rate's parts; operators == != < <= > >=.  A missing
--               operand is never taken as zero: under "never" the rule is reported as not evaluable.
--               importance "high" is an error, the rest warnings.
--   applicability  a value for an indicator that does not apply (▲ / ＃) to the institution
--   missing     an applicable indicator left unreported by an institution that reported others
--               for the same plugin and period.  Only institutions the plugin covers
--               (plugin.covers(inst), default all) and indicators institutions report
--               (not reporter = "region"/"province"), where the indicator applies (▲/＃/tcm)
--               and, when the catalog narrows it (`asked_of`):
--                 "targets"  where one of the targets that measure it applies (its `who`;
--                            none: asked of no one)
--                 "fields"   where one of the form fields that compute it applies: the
--                            field's `level`, and with `among = F` only an institution
--                            that answered 是 to F
--                 "reporting" of no one: the units that report it are the ones it is
--                            about (院前医疗急救's 120 figures, indicators 9 and 10)
--                 "self"     of no one: an institution's answer whether it is in a group
--                            no list names (IM_PAIN_PILOT 疼痛综合管理试点医院); the
--                            indicators whose targets take that group (who.flag) are then
--                            asked of those that answered 是 only, and when no institution
--                            has, of no one, which the output says ("unscoped" notes)
--               An indicator of the shared national list keeps the appendix's scope: a
--               plan's target on it (三级医院…不低于60%) does not narrow who reports it.
--   consistency a rate's (or ratio's) value, numerator and denominator disagree, by the
--               rule import applies (pxr.indicator.check and consistent): an error
--   span        a value for a period outside the plan's span
--   outlier     |modified z-score| > 3.5 among institutions of the same level
--               (M = 0.6745 (x − median) / MAD; at least 5 values and MAD > 0)
local indicator = require("pxr.indicator")
local period = require("pxr.period")
local doc = require("pxr.doc")
local target = require("pxr.target")

local M = {}

local function leaves(plugin)
  local out = {}
  for _, ind in ipairs(plugin.indicators or {}) do
    if ind.parts then
      for _, part in ipairs(ind.parts) do
        local p = setmetatable({}, { __index = part })
        p.applicability = part.applicability or ind.applicability
        out[#out + 1] = p
      end
    else
      out[#out + 1] = ind
    end
  end
  return out
end

-- Parses "EI19.denominator - 2 * EI21" into a list of operand references and a Lua
-- expression over v[...] that load() turns into a function.
local function compile(expr, what)
  local refs, seen, pos, out = {}, {}, 1, {}
  while pos <= #expr do
    local c = expr:sub(pos, pos)
    if c:match("%s") then
      pos = pos + 1
    elseif c:match("[%+%-%*/%(%)]") then
      out[#out + 1] = c; pos = pos + 1
    else
      local num = expr:match("^%d+%.?%d*", pos)
      local ref = expr:match("^[A-Z][A-Z0-9_]*%.numerator", pos) or
                  expr:match("^[A-Z][A-Z0-9_]*%.denominator", pos) or
                  expr:match("^[A-Z][A-Z0-9_]*", pos)
      if num then
        out[#out + 1] = num; pos = pos + #num
      elseif ref then
        if not seen[ref] then seen[ref] = true; refs[#refs + 1] = ref end
        out[#out + 1] = string.format("v[%q]", ref); pos = pos + #ref
      else
        error(what .. ": cannot read '" .. expr:sub(pos) .. "' in '" .. expr .. "'", 0)
      end
    end
  end
  local f, msg = load("local v = ...; return " .. table.concat(out, " "), "=" .. what, "t", {})
  if not f then error(what .. ": " .. msg, 0) end
  return f, refs
end

local compare = {
  ["=="] = function(a, b) return math.abs(a - b) <= 1e-9 * math.max(1, math.abs(a), math.abs(b)) end,
  ["!="] = function(a, b) return a ~= b end,
  ["<"] = function(a, b) return a < b end, ["<="] = function(a, b) return a <= b end,
  [">"] = function(a, b) return a > b end, [">="] = function(a, b) return a >= b end,
}

local function operand(row, ref)
  local code, part = ref:match("^([A-Z][A-Z0-9_]*)%.(%a+)$")
  if not code then return row and row[ref] and row[ref].value end
  local r = row and row[code]
  return r and r[part]
end

local function fmt(x)
  if x == nil then return "" end
  if math.type(x) == "integer" or x == math.floor(x) and math.abs(x) < 1e15 then
    return string.format("%d", x)
  end
  return (string.format("%.4f", x):gsub("0+$", ""):gsub("%.$", ""))
end

local function median(xs)
  table.sort(xs)
  local n = #xs
  if n % 2 == 1 then return xs[(n + 1) // 2] end
  return (xs[n // 2] + xs[n // 2 + 1]) / 2
end

local function span_years(plugin)
  local a, b = tostring(plugin.span or ""):match("(%d%d%d%d)%D+(%d%d%d%d)")
  return tonumber(a), tonumber(b)
end

-- Is the indicator one this institution has to report?  true, or false and the
-- reason as a form prints it ("由地区填报", "仅三级医院").
-- answer(code): the institution's yes/no answer of the period, for a target's
-- who.flag and a field's among.
local national_marks = { tertiary_or_lead = "▲", obstetrics = "＃" }

local function member(list, x)
  if list == nil then return true end
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

local REPORTERS = { region = "由所在地区的卫生健康行政部门填报，不由机构填报",
                    province = "由省级卫生健康行政部门填报，不由机构填报" }

local function required(plugin, ind, inst, scopes, answer)
  if ind.reporter and ind.reporter ~= "institution" then
    return false, REPORTERS[ind.reporter] or ("由" .. ind.reporter .. "填报")
  end
  if plugin.covers and not plugin.covers(inst) then return false, "本方案不适用于本机构" end
  local ok, why = indicator.applies(ind, inst)
  if not ok then return false, why end
  if ind.asked_of == "targets" then
    local whom, seen = {}, {}
    for _, t in ipairs(scopes.targets[ind.code] or {}) do
      if target.applies(t, inst, answer) then return true end
      if t.scope and not seen[t.scope] then seen[t.scope] = true; whom[#whom + 1] = t.scope end
    end
    return false, "仅" .. (#whom > 0 and table.concat(whom, "、") or "方案目标所指机构")
  elseif ind.asked_of == "fields" then
    local levels, all, among = {}, false, nil
    for _, c in ipairs(scopes.fields[ind.code] or {}) do
      if member(c.level, inst.level) and (c.among == nil or answer(c.among) == 1) then return true end
      if c.level then
        for _, l in ipairs(c.level) do
          if not member(levels, l) then levels[#levels + 1] = l end
        end
      else
        all = true
      end
      among = among or c.among
    end
    local whom = all and "医疗机构" or (table.concat(levels, "、") .. "医院")
    local q = among and scopes.names[among]
    return false, "仅" .. (q and ("“" .. q .. "”答“是”的") or "") .. whom
  elseif ind.asked_of == "reporting" then
    -- a group known only by its answers (院前医疗急救 units): those that report it
    if answer(ind.code) ~= nil then return true end
    return false, "仅开展该项工作、填报本项的单位"
  elseif ind.asked_of == "self" then
    -- whether the institution belongs to a group no list names (疼痛综合管理试点医院): its own
    -- answer, asked of no one; a form still offers it (not_asked counts no answer as 是)
    if answer(ind.code) ~= nil then return true end
    return false, "由机构自报，不要求填报"
  elseif ind.asked_of ~= nil then
    pxr.error("indicator " .. ind.code .. ": unknown asked_of '" .. tostring(ind.asked_of) .. "'")
  end
  return true
end

local function scopes_of(plugin, inds)
  local scopes = { targets = {}, fields = {}, names = {} }
  for _, ind in ipairs(inds) do scopes.names[ind.code] = ind.name end
  for _, t in ipairs(plugin.targets or {}) do
    if t.indicator then
      scopes.targets[t.indicator] = scopes.targets[t.indicator] or {}
      table.insert(scopes.targets[t.indicator], t)
    end
  end
  for _, f in ipairs(plugin.fields or {}) do
    local c = f.compute
    if c and c.of then
      scopes.fields[c.of] = scopes.fields[c.of] or {}
      table.insert(scopes.fields[c.of], c)
    end
  end
  return scopes
end

-- asker(plugin) -> asked(inst, vals) -> the list of indicators the plugin asks of the
-- institution for a period whose stored rows are vals ([code] = row): the rule of the
-- missing check, which `pxr status` counts its completeness by.
local ask_cache = setmetatable({}, { __mode = "k" })
local function asker(plugin)
  local c = ask_cache[plugin]
  if not c then
    c = { inds = leaves(plugin), by_code = {} }
    c.scopes = scopes_of(plugin, c.inds)
    for _, ind in ipairs(c.inds) do c.by_code[ind.code] = ind end
    ask_cache[plugin] = c
  end
  return function(inst, vals)
    local function answer(code)
      return c.by_code[code] and indicator.value_of(c.by_code[code], vals[code]) or nil
    end
    local out = {}
    for _, ind in ipairs(c.inds) do
      if required(plugin, ind, inst, c.scopes, answer) then out[#out + 1] = ind end
    end
    return out
  end
end
M.asker = asker

-- The targets whose scope is a group known by the answers to a flag (who.flag): when no
-- institution of the period answered 是, the data cannot say who is in it, and the
-- indicator is asked of no one.  One note per target and period.
local function unscoped(plugin, by_code, data, note)
  for _, t in ipairs(plugin.targets or {}) do
    local flag = t.who and t.who.flag
    if flag and t.indicator and by_code[flag] then
      local periods, yes = {}, {}
      for _, ps in pairs(data) do
        for pid, vals in pairs(ps) do
          periods[pid] = true
          if indicator.value_of(by_code[flag], vals[flag]) == 1 then yes[pid] = true end
        end
      end
      for pid in pairs(periods) do
        if not yes[pid] then
          note(pid, string.format("%s %s：本期无机构在“%s”（%s）答“是”，数据无法确定%s，"
            .. "未向任何机构要求填报%s（%s）", plugin.id, period.label(pid), by_code[flag].name, flag,
            t.scope or by_code[flag].name, t.indicator,
            by_code[t.indicator] and by_code[t.indicator].name or t.indicator))
        end
      end
    end
  end
end

local function check_plugin(plugin, opts, add, institutions, note)
  local inds = leaves(plugin)
  local by_code = {}
  for _, ind in ipairs(inds) do by_code[ind.code] = ind end
  local asked = asker(plugin)
  local sql = [[SELECT v.indicator, v.unit, v.period, v.value, v.numerator, v.denominator
                FROM value v JOIN plugin_indicator p ON p.indicator = v.indicator AND p.plugin = ?]]
  local rows = opts.period and pxr.db.query(sql .. " WHERE v.period = ?", plugin.id, opts.period)
                            or pxr.db.query(sql, plugin.id)
  local data = {} -- data[unit][period][indicator] = row
  for _, r in ipairs(rows) do
    data[r.unit] = data[r.unit] or {}
    data[r.unit][r.period] = data[r.unit][r.period] or {}
    data[r.unit][r.period][r.indicator] = r
  end
  unscoped(plugin, by_code, data, note)
  local first, last = span_years(plugin)
  local outlier_groups = {}
  for unit, periods in pairs(data) do
    local inst = institutions[unit]
    for pid, vals in pairs(periods) do
      local year = tonumber(pid:sub(1, 4))
      for code, r in pairs(vals) do
        local ind = by_code[code]
        if first and (year < first or year > last) then
          add("warning", unit, pid, code, "span", "报告期超出方案实施期（" .. plugin.span .. "）",
              fmt(r.value), "")
        end
        if ind and inst and not indicator.applies(ind, inst) then
          add("warning", unit, pid, code, "applicability",
              "该指标不适用于本机构（" .. (national_marks[ind.applicability]
                                      or select(2, indicator.applies(ind, inst))) .. "），却填报了数值",
              fmt(r.value), "")
        end
        -- the one rounding rule (pxr.indicator.consistent), as import applies it
        local problem = ind and indicator.check(ind, r)
        if problem then
          add("error", unit, pid, code, "consistency", problem .. "（" .. fmt(r.numerator) .. "/"
              .. fmt(r.denominator) .. "）", fmt(r.value),
              fmt(r.denominator > 0 and indicator.computed(ind, r.numerator, r.denominator) or nil))
        end
        if ind and inst and r.value ~= nil then
          local key = code .. "|" .. pid .. "|" .. inst.level
          outlier_groups[key] = outlier_groups[key] or {}
          table.insert(outlier_groups[key], { unit = unit, x = r.value })
        end
      end
      if inst then
        for _, ind in ipairs(asked(inst, vals)) do
          if vals[ind.code] == nil then
            add("warning", unit, pid, ind.code, "missing", "适用指标未填报", "", "")
          end
        end
      end
      for _, rule in ipairs(plugin.validation_rules or {}) do
        local lf, lrefs = compile(rule.left, rule.code .. " left")
        local rf, rrefs = compile(rule.right, rule.code .. " right")
        local v, missing, total = {}, {}, 0
        for _, refs in ipairs({ lrefs, rrefs }) do
          for _, ref in ipairs(refs) do
            total = total + 1
            v[ref] = operand(vals, ref)
            if v[ref] == nil then missing[#missing + 1] = ref end
          end
        end
        local strategy = rule.missing or "skip_if_any"
        local skip = (#missing > 0 and strategy == "skip_if_any") or
                     (#missing == total and strategy == "skip_if_all")
        local severity = rule.importance == "high" and "error" or "warning"
        if not skip and #missing > 0 then
          add(severity, unit, pid, table.concat(missing, " "), rule.code,
              (rule.name or rule.code) .. "：缺少 " .. table.concat(missing, "、") .. "，规则无法计算", "", "")
        elseif not skip then
          local a, b = lf(v), rf(v)
          if not compare[rule.operator](a, b) then
            add(severity, unit, pid, rule.left .. " " .. rule.operator .. " " .. rule.right, rule.code,
                rule.name or rule.code, fmt(a), fmt(b))
          end
        end
      end
    end
  end
  for key, list in pairs(outlier_groups) do
    if #list >= 5 then
      local xs = {}
      for i, e in ipairs(list) do xs[i] = e.x end
      local med = median(xs)
      local dev = {}
      for i, x in ipairs(xs) do dev[i] = math.abs(x - med) end
      local mad = median(dev)
      if mad > 0 then
        local code, pid, level = key:match("^(.-)|(.-)|(.*)$")
        for _, e in ipairs(list) do
          local z = 0.6745 * (e.x - med) / mad
          if math.abs(z) > 3.5 then
            add("warning", e.unit, pid, code, "outlier",
                string.format("异常值：%s中位数 %s，修正 z 分数 %.1f", level .. "医院", fmt(med), z),
                fmt(e.x), fmt(med))
          end
        end
      end
    end
  end
end

local function csv_field(s)
  s = tostring(s or "")
  if s:find('[,"\r\n]') then s = '"' .. s:gsub('"', '""') .. '"' end
  return s
end

-- not_asked(plugin_id, period_id, unit) -> { [indicator code] = reason }: what the
-- plugin does not ask of one institution (`pxr template` greys these out), by the rule
-- of the missing check, beyond the ▲/＃/tcm applicability the template knows itself.
-- An answer the institution has not given yet (试点医院, 开展日间手术) counts as 是: the
-- form leaves the cells it opens to be filled in.
local form_cache = {}
function M.not_asked(plugin_id, period_id, unit)
  local c = form_cache[plugin_id]
  if not c then
    for _, p in ipairs(pxr.plugins()) do
      if p.id == plugin_id then c = { plugin = p, inds = leaves(p) } end
    end
    if not c then pxr.error("no plugin " .. tostring(plugin_id)) end
    c.scopes, c.by_code = scopes_of(c.plugin, c.inds), {}
    for _, ind in ipairs(c.inds) do c.by_code[ind.code] = ind end
    form_cache[plugin_id] = c
  end
  local out = {}
  local inst = pxr.db.query("SELECT * FROM institution WHERE code = ?", unit)[1]
  if not inst then return out end
  local vals = {}
  for _, r in ipairs(pxr.db.query("SELECT indicator, value, numerator, denominator, text FROM value "
                                  .. "WHERE unit = ? AND period = ?", unit, period_id)) do
    vals[r.indicator] = r
  end
  local function answer(code)
    local a = c.by_code[code] and indicator.value_of(c.by_code[code], vals[code])
    if a == nil then return 1 end
    return a
  end
  for _, ind in ipairs(c.inds) do
    if indicator.applies(ind, inst) then
      local ok, why = required(c.plugin, ind, inst, c.scopes, answer)
      if not ok then out[ind.code] = why end
    end
  end
  return out
end

function M.run(opts)
  opts = opts or {}
  local institutions = {}
  for _, r in ipairs(pxr.db.query("SELECT * FROM institution")) do institutions[r.code] = r end
  local names = {}
  for _, r in ipairs(pxr.db.query("SELECT code, name FROM region")) do names[r.code] = r.name end
  for code, r in pairs(institutions) do names[code] = r.name end
  local list, seen = {}, {}
  local function add(severity, unit, pid, ind, rule, message, left, right)
    local key = table.concat({ unit, pid, ind, rule }, "|")
    if seen[key] then return end
    seen[key] = true
    list[#list + 1] = { severity = severity, unit = unit, unit_name = names[unit] or "", period = pid,
                        indicator = ind, rule = rule, message = message, left = left, right = right }
  end
  local notes = {}
  local function note(pid, text) notes[#notes + 1] = { period = pid, text = text } end
  for _, plugin in ipairs(pxr.plugins()) do
    if not opts.plugin or plugin.id == opts.plugin then
      check_plugin(plugin, opts, add, institutions, note)
    end
  end
  table.sort(notes, function(a, b) return a.text < b.text end)
  local order = { error = 1, warning = 2 }
  table.sort(list, function(a, b)
    if a.severity ~= b.severity then return order[a.severity] < order[b.severity] end
    if a.unit ~= b.unit then return a.unit < b.unit end
    if a.period ~= b.period then return a.period < b.period end
    if a.indicator ~= b.indicator then return a.indicator < b.indicator end
    return a.rule < b.rule
  end)
  local errors, warnings = 0, 0
  local text = {}
  local csv = { "severity,unit,unit_name,period,indicator,rule,message,left,right" }
  local trows = {}
  for _, v in ipairs(list) do
    if v.severity == "error" then errors = errors + 1 else warnings = warnings + 1 end
    text[#text + 1] = string.format("%-7s %s %s %s %s [%s] %s%s", v.severity, v.unit, v.unit_name,
      v.period, v.indicator, v.rule, v.message,
      (v.left ~= "" or v.right ~= "") and ("：" .. v.left .. (v.right ~= "" and (" / " .. v.right) or "")) or "")
    local f = {}
    for i, c in ipairs({ "severity", "unit", "unit_name", "period", "indicator", "rule", "message", "left", "right" }) do
      f[i] = csv_field(v[c])
    end
    csv[#csv + 1] = table.concat(f, ",")
    trows[#trows + 1] = { v.severity == "error" and "错误" or "警告", v.unit_name ~= "" and v.unit_name or v.unit,
                          period.label(v.period), v.indicator, v.message, v.left, v.right }
  end
  for _, n in ipairs(notes) do text[#text + 1] = "note    " .. n.text end
  table.insert(text, 1, string.format("%d violation(s): %d error(s), %d warning(s)%s%s", #list, errors, warnings,
    opts.plugin and (", plugin " .. opts.plugin) or "", opts.period and (", period " .. opts.period) or ""))
  local body = {
    doc.kv({ { "插件", opts.plugin or "全部" }, { "报告期", opts.period and period.label(opts.period) or "全部" },
             { "错误", errors }, { "警告", warnings } }, 2),
  }
  if #trows > 0 then
    body[#body + 1] = doc.table {
      columns = { { title = "级别", width = 1 }, { title = "机构/地区", width = 3 }, { title = "报告期", width = 2 },
                  { title = "指标/规则", width = 2 }, { title = "说明", width = 5 },
                  { title = "值", width = 1.5 }, { title = "对照", width = 1.5 } },
      rows = trows,
    }
  else
    body[#body + 1] = doc.paragraph("未发现违反校验规则的数据。")
  end
  for _, n in ipairs(notes) do body[#body + 1] = doc.paragraph("说明：" .. n.text .. "。", { size = 9 }) end
  local d = doc.document { title = "数据校验结果", subject = "pxr validate", author = "pxr", body = body }
  return table.concat(text, "\n") .. "\n", errors, table.concat(csv, "\n") .. "\n", d
end

return M
