-- Hand-computed expectations for pxr.indicator's aggregation (run by tests/cli/lua_modules.sh).
local indicator = pxr.indicator
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  local ok = got == want
  if type(got) == "number" and type(want) == "number" then ok = math.abs(got - want) < 1e-9 end
  if ok then print("PASS: indicator: " .. name)
  else
    failed = failed + 1
    print("FAIL: indicator: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")")
  end
end

local A = { code = "A", level = "三级", obstetrics = 1, alliance_lead = 0 }
local B = { code = "B", level = "二级", obstetrics = 0, alliance_lead = 1 }
local C = { code = "C", level = "二级", obstetrics = 0, alliance_lead = 0 }
local D = { code = "D", level = "一级", obstetrics = 1, alliance_lead = 0 }
local all = { A, B, C, D }

-- A 30/100, B 90/300, C value only 50, D missing:
-- pooled (30+90)/(100+300) = 30%, over A and B; mean (30+30+50)/3 = 36.67 over A, B, C.
local rate = { code = "R", type = "rate" }
local s = indicator.summarize(rate, all, {
  A = { value = 30, numerator = 30, denominator = 100 },
  B = { numerator = 90, denominator = 300 },
  C = { value = 50 },
})
eq(s.applicable, 4, "rate: all four apply")
eq(s.reported, 3, "rate: the missing one does not report")
eq(s.pooled, 30, "rate: pooled = Σnum/Σden")
eq(s.pooled_n, 2, "rate: pooled over those with numerator and denominator")
eq(s.mean, 110 / 3, "rate: mean of institution rates")
eq(s.sum, nil, "rate: no sum")

-- Missing is not zero: with D = 0/100 the pooled rate would drop to 24%.
s = indicator.summarize(rate, all, {
  A = { value = 30, numerator = 30, denominator = 100 },
  B = { numerator = 90, denominator = 300 },
  D = { value = 0, numerator = 0, denominator = 100 },
})
eq(s.pooled, 24, "rate: a reported zero counts")
eq(s.reported, 3, "rate: reported zero is reported")

-- ▲ applies to A (三级) and B (牵头); C's value is ignored, D's is not expected.
local lead = { code = "L", type = "bool", applicability = "tertiary_or_lead" }
s = indicator.summarize(lead, all, { A = { text = "是" }, B = { text = "否" }, C = { text = "是" } })
eq(s.applicable, 2, "bool ▲: applies to 三级 and 牵头")
eq(s.reported, 2, "bool ▲: both report")
eq(s.yes, 1, "bool ▲: one 是; C is outside ▲")
eq(s.mean, nil, "bool: no mean")

-- ＃: A and D have obstetrics; D missing.
local obst = { code = "O", type = "count", applicability = "obstetrics" }
s = indicator.summarize(obst, all, { A = { value = 120 }, B = { value = 7 } })
eq(s.applicable, 2, "count ＃: applies to A and D")
eq(s.reported, 1, "count ＃: D missing")
eq(s.sum, 120, "count: sum over reporting, B outside ＃")

local dur = { code = "W", type = "duration" }
s = indicator.summarize(dur, all, { A = { value = 12 }, C = { value = 18 }, D = { value = 21 } })
eq(s.mean, 17, "duration: mean of 12, 18, 21")
eq(s.sum, nil, "duration: no sum")

s = indicator.summarize(dur, {}, {})
eq(s.applicable, 0, "empty group: none apply")
eq(s.mean, nil, "empty group: no mean (not 0)")

eq(indicator.change(63.5, 60), 3.5, "change in points")
eq(indicator.change(63.5, nil), nil, "change with no previous value")
eq(#indicator.LEVELS, 4, "four hospital levels")
print(string.format("indicator tests: %d run, %d failed", n, failed))
