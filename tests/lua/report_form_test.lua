-- Hand-computed expectations for pxr.report_form's compute interpreter
-- (run by tests/cli/lua_modules.sh): a made-up province of four institutions.
local form = pxr.report_form
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: report_form: " .. name)
  else failed = failed + 1; print("FAIL: report_form: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end

local by_code = {
  APPT = { code = "APPT", type = "bool" },
  WAIT = { code = "WAIT", type = "duration" },
  CASES = { code = "CASES", type = "count" },
  OWN = { code = "OWN", type = "count" },
}
-- what gather reads from the store for it, in groups (level, reported at all, m: bit 1
-- for 是 to APPT): A 三级 是, B 三级 否, C 二级 是, D 二级 silent; WAIT: A 10, C 30
local data = {
  province = "P", flag = { APPT = 1 },
  people = { { level = "三级", silent = 0, m = 1, n = 1 }, { level = "三级", silent = 0, m = 0, n = 1 },
             { level = "二级", silent = 0, m = 1, n = 1 }, { level = "二级", silent = 1, m = 0, n = 1 } },
  sums = { { indicator = "APPT", level = "三级", silent = 0, m = 1, n = 1, s = 1 },
           { indicator = "APPT", level = "三级", silent = 0, m = 0, n = 1, s = 0 },
           { indicator = "APPT", level = "二级", silent = 0, m = 1, n = 1, s = 1 },
           { indicator = "WAIT", level = "三级", silent = 0, m = 1, n = 1, s = 10 },
           { indicator = "WAIT", level = "二级", silent = 0, m = 1, n = 1, s = 30 } },
  regions = {}, own = { OWN = { value = 7 } },
}
local c = form.evaluate({ op = "count", of = "APPT" }, data, by_code)
eq(c.value, 2, "count: institutions that answered 是")
eq(c.population, 4, "count: the population is every institution in scope")
eq(c.reported, 3, "count: three answered")
eq(c.silent, 1, "count: one sent nothing at all")
local s = form.evaluate({ op = "share", of = "APPT", level = { "三级" } }, data, by_code)
eq(s.value, 50.0, "share of 三级 answering 是: 1 of 2")
eq(s.denominator, 2, "share: the denominator is the level's institutions")
local m = form.evaluate({ op = "mean", of = "WAIT" }, data, by_code)
eq(m.value, 20.0, "mean of the institutions that reported, not over all")
local among = form.evaluate({ op = "sum", of = "WAIT", among = "APPT" }, data, by_code)
eq(among.value, 40, "sum among those that answered 是")
local none = form.evaluate({ op = "sum", of = "CASES" }, data, by_code)
eq(none.value, nil, "a sum over no reports is missing, not 0")
eq(form.show({ type = "count" }, none.value), "—", "missing shows —")
eq(form.evaluate({ op = "own", of = "OWN" }, data, by_code).value, 7, "own: the province's own answer")
eq(select(1, pcall(form.evaluate, { op = "median", of = "WAIT" }, data, by_code)), false, "an unknown op raises")
eq(form.count(data, { "二级" }), 2, "count: the institutions of a level")
eq(form.count(data), 4, "count: every institution")
eq(form.show({ type = "duration" }, 20), "20.0", "a duration shows one digit")
eq(form.show({ type = "rate" }, 50), "50.00", "a rate shows two digits")
eq(form.show({ type = "bool" }, 1), "是", "yes/no")
print(string.format("report_form tests: %d run, %d failed", n, failed))
