-- pxr.data against the data it reads (run by tests/cli/lua_modules.sh on examples/).
local data = pxr.data
local n, failed = 0, 0
local function ok(cond, name, detail)
  n = n + 1
  if cond then print("PASS: data: " .. name)
  else failed = failed + 1; print("FAIL: data: " .. name .. (detail and (" (" .. detail .. ")") or "")) end
end
local function near(a, b) return a ~= nil and b ~= nil and math.abs(a - b) < 1e-9 end
local function raises(f, want, name)
  local good, msg = pcall(f)
  ok(not good and tostring(msg):find(want, 1, true) ~= nil, name, tostring(msg))
end

local sel = { indicator = "EI01", period = "2024S2", region = "150000", level = "三级" }
local rows = data.values(sel)
ok(#rows > 0, "values: tertiary hospitals of Inner Mongolia reported EI01")
local sn, sd, all_tertiary, all_im = 0, 0, true, true
for _, r in ipairs(rows) do
  sn, sd = sn + r.numerator, sd + r.denominator
  all_tertiary = all_tertiary and r.level == "三级"
  all_im = all_im and pxr.region.within(r.region, "150000")
end
ok(all_tertiary, "values: level filter")
ok(all_im, "values: region filter takes the region and everything below it")
local p = data.pooled(sel)
ok(near(p.value, sn / sd * 100), "pooled: Σnumerator/Σdenominator of the rows", tostring(p.value))
ok(p.reported == #rows, "pooled: counts the institutions that reported")

local sorted = data.values { indicator = "EI01", period = "2024S2", order = "value" }
local desc = true
for i = 2, #sorted do desc = desc and sorted[i - 1].value >= sorted[i].value end
ok(desc, "values: order = 'value' is best first")

local total, missing = 0, 0
for _, r in ipairs(data.by_region { indicator = "EI01", period = "2024S2", region = "150000" }) do
  total = total + r.reported
  if r.reported == 0 then
    missing = missing + 1
    ok(r.value == nil, "by_region: " .. r.name .. " with no data has no value (missing is not zero)")
  end
end
ok(total == data.pooled { indicator = "EI01", period = "2024S2", region = "150000" }.reported,
   "by_region: the 盟市 add up to the province")

local s = data.series { indicator = "EI01", from = "2023S1", to = "2024S2", region = "150000", level = "三级" }
ok(#s == 4 and s[4].period == "2024S2" and s[1].label == "2023年上半年", "series: one row per period, labelled")
ok(near(s[4].value, p.value), "series: the last period equals pooled")
ok(table.concat(data.periods { indicator = "EI01" }, ",") == "2023S1,2023S2,2024S1,2024S2", "periods: in order")
local one = data.value { indicator = "EI01", period = "2024S2", institution = rows[1].unit }
ok(one and one.unit == rows[1].unit and near(one.value, rows[1].value), "value: one institution's row")
ok(data.value { indicator = "EI01", period = "2030S1", institution = rows[1].unit } == nil,
   "value: nil for a period without data")

raises(function() data.values { indicator = "EI99", period = "2024S2", plugin = "nhc2023" } end,
       "no indicator EI99 in plugin nhc2023", "an unknown indicator is named with its plugin")
raises(function() data.values { indicator = "EI01", period = "2024S3" } end,
       "period 2024S3 is not a period (2024S1, 2024, 2024年上半年)", "a bad period says what a period is")
raises(function() data.values { indicator = "EI01", period = "2024S2", levle = "三级" } end,
       "unknown option 'levle'", "a misspelt option is refused")
raises(function() data.values { indicator = "EI01", period = "2024S2", level = "三" } end,
       "level 三 is not 三级", "a bad level is refused")
raises(function() data.pooled { indicator = "EI01", period = "2024S2", region = "159999" } end,
       "no region 159999", "an unknown region is refused")
raises(function() data.values { indicator = "EI01", period = "2024S2" , order = "name" } end,
       "order must be", "a bad order is refused")
local good, msg = pcall(function() data.values("EI01") end)
ok(not good and msg:find("data_test%.lua:%d+: pxr%.data%.values") ~= nil, "errors name the script's line, not the library's", msg)

print(string.format("data: %d checks, %d failed", n, failed))
