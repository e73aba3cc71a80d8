-- pxr.period (run by tests/cli/lua_modules.sh).
local period = pxr.period
local n = 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: period: " .. name)
  else print("FAIL: period: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end
eq(period.parse("2023年上半年"), "2023S1", "parse: 上半年")
eq(period.parse("2023H2"), "2023S2", "parse: H2")
eq(period.parse(" 2024 "), "2024", "parse: a year with spaces")
eq(period.parse("2024S3"), nil, "parse: S3 is not a period")
eq(period.label("2024Q4"), "2024年第四季度", "label: quarter")
eq(period.previous("2024S1"), "2023S2", "previous: across a year")
eq(period.next("2023Q4"), "2024Q1", "next: across a year")
eq(select(2, period.bounds("2024S1")), "2024-06-30", "bounds: end of a half-year")
eq(select(2, period.bounds("2024Q1")), "2024-03-31", "bounds: end of a quarter")
eq(period.interval("2023S2"), "2023-07-01/P6M", "interval: ADX form")
eq(table.concat(period.range("2023S1", "2024S2"), ","), "2023S1,2023S2,2024S1,2024S2", "range")
local ok, msg = pcall(period.label, "2024S3")
eq(not ok and msg:find("period 2024S3 is not a period", 1, true) ~= nil, true, "label raises on a bad period")
ok, msg = pcall(function() local r = period.range("2024S1", "2023S1") return r end)
eq(not ok and msg:find("period_test%.lua:%d+: bad argument #2") ~= nil, true, "range: the error names the script's line")
