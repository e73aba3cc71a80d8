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
local data = {
  province = "P",
  insts = { { code = "A", level = "三级" }, { code = "B", level = "三级" }, { code = "C", level = "二级" },
            { code = "D", level = "二级" } },
  vals = {
    APPT = { A = { value = 1 }, B = { value = 0 }, C = { value = 1 } },
    WAIT = { A = { value = 10 }, C = { value = 30 } },
  },
  regions = {}, own = { OWN = { value = 7 } }, silent = { D = "D" },
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
eq(form.show({ type = "duration" }, 20), "20.0", "a duration shows one digit")
eq(form.show({ type = "rate" }, 50), "50.00", "a rate shows two digits")
eq(form.show({ type = "bool" }, 1), "是", "yes/no")
print(string.format("report_form tests: %d run, %d failed", n, failed))
