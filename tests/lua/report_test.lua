-- Hand-computed expectations for pxr.format, pxr.result and pxr.report's hooks
-- (run by tests/cli/lua_modules.sh).
local format, result, report = pxr.format, pxr.result, pxr.report
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: report: " .. name)
  else failed = failed + 1; print("FAIL: report: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end

eq(format.date("2024-12-31"), "2024年12月31日", "date")
eq(format.date("2025-06-01"), "2025年6月1日", "date without leading zeros")
eq(select(1, pcall(format.date, "2024/12/31")), false, "a date that is not YYYY-MM-DD raises")
eq(format.pct(12.345), "12.35%", "pct rounds to two digits")
eq(format.pct(50, 1), "50.0%", "pct with one digit")
eq(format.pct(nil), nil, "pct of nothing is nothing, not 0%")
eq(format.number(nil), "—", "a missing number prints —")
eq(format.count(1234567.0), "1,234,567", "count: separators")
eq(format.count(nil), "—", "count: missing prints —, not 0")
eq(format.percent(12.345), "12.35", "percent: two digits, no sign")
eq(format.percent(nil), "—", "percent: missing prints —")
eq(format.number(0), "0", "zero prints 0")
eq(format.number(3.0), "3", "a whole float prints without .0")
local rate = { type = "rate", unit = "%" }
local wait = { type = "duration", unit = "分钟" }
local yes = { type = "bool" }
eq(format.value(rate, 62), "62.00%", "value of a rate")
eq(format.value(wait, 25), "25分钟", "value with its unit")
eq(format.value(yes, 1), "是", "yes/no has no unit")
eq(format.value(rate, nil), nil, "no value")
eq(format.goal({ comparator = ">=", value = 30, unit = "%" }), "≥30%", "goal")
eq(format.goal({ type = "bool", comparator = "=", value = 1 }), "是", "goal of a yes/no target")
eq(format.cn(4), "四", "section number")

local el = result.element("unit", { code = "H1", name = "", value = 0 }, { { tag = "x" } })
eq(el.attrs.code, "H1", "element keeps its attributes")
eq(el.attrs.name, nil, "an empty attribute is left out")
eq(el.attrs.value, 0, "zero is kept: missing is not zero")
eq(el[1].tag, "x", "element children")
local c = result.counter()
c:add("已完成", "1"); c:add("推进中", "2"); c:add(result.UNREPORTED, "3")
eq(c.total, 3, "counter total")
eq(c["已完成"] + c["推进中"] + c["未启动"], 2, "counter by status")
eq(table.concat(c.list, " "), "1 2 3", "counter keeps the codes in order")
eq(select(1, pcall(c.add, c, "进行中", "4")), false, "a status outside the vocabulary raises")
local a = result.counts_attrs(c)
eq(a.done .. a.progressing .. a.not_started .. a.unreported, "1101", "one status vocabulary")
eq(result.TARGET_MARK[pxr.target.MET], "met", "target mark")
eq(result.TARGET_MARK[pxr.target.NO_DATA], false, "no mark without data")

-- hooks: nil keeps the default, a value replaces it, the rest of the arguments pass through
local row = { "1", "a" }
eq(report.hook(nil, "row", row), row, "no hooks: the default")
eq(report.hook({}, "row", row), row, "hook absent: the default")
eq(report.hook({ row = function() end }, "row", row), row, "hook returns nil: the default")
eq(report.hook({ row = function(r) r[2] = "b" end }, "row", row)[2], "b", "hook changes the default in place")
eq(report.hook({ row = function(_, x) return { x } end }, "row", row, "z")[1], "z", "hook replaces the default")
eq(select(1, pcall(report.hook, { row = 3 }, "row", row)), false, "a hook that is not a function raises")
eq(report.progress { title = "t" }.schema, "pxr-progress.xsd", "progress reports share one schema")
eq(select(1, pcall(report.progress, {})), false, "progress without a title raises")
print(string.format("report tests: %d run, %d failed", n, failed))
