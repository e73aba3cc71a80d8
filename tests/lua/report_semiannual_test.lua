-- pxr.report.semiannual on the example data (run by tests/cli/lua_modules.sh): a made-up
-- plan of two measures and a yes/no target, reported for 上海市黄浦区 (310101), with hooks.
local semi = pxr.report_semiannual
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: report_semiannual: " .. name)
  else failed = failed + 1; print("FAIL: report_semiannual: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end

local lines = semi.paragraphs("　第一段\n\n  第二段  \r\n")
eq(#lines, 2, "paragraphs: one a line, blank lines dropped")
eq(lines[2].text, "第二段", "paragraphs: blanks trimmed")
eq(semi.names({ { name = "甲" }, { name = "乙" } }), "甲、乙", "names joined with 、")
eq(select(1, pcall(semi.semiannual, { plan = "p" })), false, "semiannual without scope and due raises")

local insts = pxr.region.institutions("310101")
local plugin = {
  id = "demo_semi", title = "示例方案", span = "2024", number = "示卫〔2024〕1号", basis = "国卫医政发〔2023〕11号",
  narrative_sections = { "落实的情况", "下一步工作设想" },
  measures = { { code = "1", section = "(一)诊前", title = "预约" }, { code = "2", section = "(一)诊前", title = "导诊" } },
  indicators = { { code = "DEMO_OK", name = "设立导诊台", type = "bool", direction = "higher" } },
  targets = { { code = "T1", name = "全部设立导诊台", indicator = "DEMO_OK", comparator = "=", value = 1,
                judged = "each", judged_by = "每家", scope = "全部医院", sentence = "全部医院设立导诊台。",
                due = "2024年底前", deadline = "2024-12-31" } },
}
local seen = {}
local rep = semi.semiannual {
  plan = "示例方案（2024年）", activity = "示例活动", short = "活动", recipient = "示例委", salutation = "示例委：",
  schema = "demo.xsd",
  due = function() return "2024-06-10" end,
  scope = function(code)
    return { kind = "district", code = code, name = "黄浦区", sender = "黄浦区卫生健康委", region = code,
             insts = insts }
  end,
  hooks = {
    section = function(text) return (text:gsub("[()]", { ["("] = "（", [")"] = "）" })) end,
    target_part = function(piece, t) seen.target = t.code .. ":" .. piece.element.attrs.in_scope end,
    attachment = function(att) if att.name == "targets" then return false end end,
    result = function(el) el.attrs.title = el.attrs.title .. "（示例）" end,
  },
}
eq(rep.groups, true, "a semiannual report takes a group (--unit)")
eq(rep.schema, "demo.xsd", "the plugin's schema")
local d, x = rep.build({ plugin = plugin, report = "semiannual", period = "2024S1", region = "310101" })
eq(d.title, "黄浦区示例活动2024年上半年阶段性工作总结", "title: unit, activity, period")
eq(x.attrs.title, d.title .. "（示例）", "the result hook changes the root element")
eq(x.attrs.parts_submitted, 0, "no narratives: no part submitted")
local tags, measures = {}, nil
for _, e in ipairs(x) do
  tags[#tags + 1] = e.tag
  if e.tag == "measures" then measures = e end
end
eq(table.concat(tags, " "), "part part measures indicators coverage", "the targets attachment left out")
eq(measures.attrs.units, 1 + #insts, "units counted: the district and its institutions")
eq(measures[1].attrs.unreported, 1 + #insts, "no status reported: every unit unreported, not zero")
eq(measures[1].attrs.section, "（一）诊前", "the section hook prints the heading")
eq(seen.target, "T1:" .. #insts, "the target hook sees the default part (every institution in scope)")
local text = {}
for _, b in ipairs(d.body) do
  if b.kind == "paragraph" or b.kind == "heading" then text[#text + 1] = b.text end
end
text = table.concat(text, "|")
eq(text:find("附件：1.活动2项重点任务推进情况|2.评估指标汇总", 1, true) ~= nil, true,
   "the list renumbers without the attachment left out")
eq(text:find("附件2|评估指标汇总", 1, true) ~= nil, true, "the attachments renumber")
eq(text:find("（未提交）", 1, true) ~= nil, true, "a part not sent says so")

-- summaries (SQL) give what indicator.summarize gives over the institutions and their values
local national = pxr.national_indicators.list()
local inds = {}
for _, ind in ipairs(national) do
  if ind.parts then for _, p in ipairs(ind.parts) do inds[#inds + 1] = p end else inds[#inds + 1] = ind end
end
for _, case in ipairs({ { kind = "city", code = "310000" }, { kind = "district", code = "310104", left_of = "310000" },
                        { kind = "group", code = "SHENKANG" }, { kind = "district", code = "150100" } }) do
  local sql, args = semi.scope_sql(case, "2024S1")
  local list = pxr.db.query(sql .. "SELECT * FROM scope ORDER BY code", table.unpack(args))
  local figs, size = semi.summaries(case, "2024S1", inds)
  eq(size, #list, case.code .. ": summaries counts the scope's institutions")
  local bad, compared = {}, 0
  for _, ind in ipairs(inds) do
    local values = {}
    for _, inst in ipairs(list) do values[inst.code] = pxr.report.values(inst.code, "2024S1", { [ind.code] = ind })[ind.code] end
    local want, got = pxr.indicator.summarize(ind, list, values), figs[ind.code]
    for _, k in ipairs({ "applicable", "reported", "pooled", "pooled_n", "mean", "sum", "yes" }) do
      local a, b = want[k], got[k]
      if not (a == b or (type(a) == "number" and type(b) == "number" and math.abs(a - b) <= 1e-9 * math.max(1, math.abs(a)))) then
        bad[#bad + 1] = ind.code .. "." .. k .. "=" .. tostring(b) .. " (want " .. tostring(a) .. ")"
      end
    end
    if want.reported > 0 then compared = compared + 1 end
  end
  eq(table.concat(bad, ", "), "", case.code .. ": summaries = indicator.summarize, " .. compared .. " with values")
end
print(string.format("report_semiannual tests: %d run, %d failed", n, failed))
