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

-- pooled, by_region and series aggregate in SQL: the same figures, bit for bit, as the
-- Lua of pxr.indicator over the rows of values{} (the way they were computed before)
local function reference(ind, list)
  local agg = { reported = #list, institutions = #list }
  if #list == 0 then return agg end
  if ind.type == "rate" then
    local value, k, sum_n, sum_d = pxr.indicator.pooled(list)
    if k > 0 then agg.numerator, agg.denominator = sum_n, sum_d end
    local xs = {}
    for _, r in ipairs(list) do xs[#xs + 1] = r.value end
    agg.value = value or pxr.indicator.mean(xs)
  elseif ind.type == "count" then
    local sum = 0
    for _, r in ipairs(list) do sum = sum + (r.value or 0) end
    agg.value = sum
  elseif ind.type == "bool" then
    local yes = 0
    for _, r in ipairs(list) do if r.value == 1 then yes = yes + 1 end end
    agg.value = yes
  else
    local xs = {}
    for _, r in ipairs(list) do xs[#xs + 1] = r.value end
    agg.value = pxr.indicator.mean(xs)
  end
  return agg
end
local function same_agg(a, b)
  for _, k in ipairs({ "reported", "institutions", "value", "numerator", "denominator" }) do
    if a[k] ~= b[k] or math.type(a[k]) ~= math.type(b[k]) then
      return false, k .. ": " .. tostring(a[k]) .. " vs " .. tostring(b[k])
    end
  end
  return true
end
local checked, differ, first = 0, 0, nil
local kinds = {}
for _, ind in ipairs(pxr.db.query("SELECT DISTINCT v.indicator AS code, i.type FROM value v "
                                   .. "JOIN indicator i ON i.code = v.indicator ORDER BY 1")) do
  kinds[ind.type] = true
  for _, per in ipairs({ "2024S1", "2024S2", "2030S1" }) do
    for _, filt in ipairs({ {}, { region = "100000" }, { region = "150000", level = "三级" },
                           { region = "310000", kind = "综合" }, { ownership = "公立" },
                           { region = "150100" } }) do
      local o = { indicator = ind.code, period = per }
      for k, v in pairs(filt) do o[k] = v end
      local want = reference(ind, data.values(o))
      local good, why = same_agg(data.pooled(o), want)
      checked = checked + 1
      if not good then differ = differ + 1; first = first or (ind.code .. " " .. per .. ": " .. why) end
    end
  end
  for _, r in ipairs(data.by_region { indicator = ind.code, period = "2024S2", region = "100000" }) do
    local good, why = same_agg(r, reference(ind, data.values { indicator = ind.code,
                                                             period = "2024S2", region = r.region }))
    checked = checked + 1
    if not good then differ = differ + 1; first = first or (ind.code .. " " .. r.region .. ": " .. why) end
  end
end
ok(kinds.rate and kinds.bool and kinds.count and kinds.duration, "the examples hold rates, yes/no, counts and durations")
ok(checked > 1000 and differ == 0, "pooled and by_region in SQL equal the Lua over values{} (" .. checked
   .. " selections)", first)
local sr = data.series { indicator = "EI04", from = "2023S1", to = "2024S2", region = "150000" }
local sr_ok = #sr == 4
for _, r in ipairs(sr) do
  local want = reference(data.indicator("EI04"), data.values { indicator = "EI04", period = r.period,
                                                               region = "150000" })
  sr_ok = sr_ok and same_agg(r, want)
end
ok(sr_ok, "series in SQL equals the Lua over values{} period by period")

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
