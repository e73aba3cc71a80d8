-- Hand-computed expectations for pxr.status (run by tests/cli/lua_modules.sh).
local status = pxr.status
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: status: " .. name)
  else failed = failed + 1; print("FAIL: status: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end

-- the day of receipt counts on Beijing time
eq(status.received_day("2024-07-10"), "2024-07-10", "a --received date is taken as given")
eq(status.received_day("2024-07-15T15:59:59Z"), "2024-07-15", "15:59 UTC is 23:59 in Beijing: the same day")
eq(status.received_day("2024-07-15T16:00:00Z"), "2024-07-16", "16:00 UTC is the next day in Beijing")
eq(status.received_day("2024-02-28T20:00:00Z"), "2024-02-29", "into a leap day")
eq(status.received_day("2023-02-28T20:00:00Z"), "2023-03-01", "over the end of February")
eq(status.received_day("2024-12-31T23:00:00Z"), "2025-01-01", "over the end of the year")

-- due dates from the calendars' two shapes
local dated = { calendar = { { date = "2016-07-15", period = "2016S1", kind = "due" },
                             { date = "2016-06-30", period = "2016S1", kind = "as_of" } } }
local yearly = { calendar = { { date = "06-10", every = "year", covers = "S1" },
                              { date = "12-10", every = "year", covers = "S2" } } }
eq(status.due(dated, "2016S1"), "2016-07-15", "a dated entry for the period (not its as_of)")
eq(status.due(dated, "2016S2"), nil, "no entry: no due date")
eq(status.due(yearly, "2024S1"), "2024-06-10", "a yearly entry covering S1")
eq(status.due(yearly, "2024S2"), "2024-12-10", "a yearly entry covering S2")
eq(status.due(yearly, "2024"), "2024-12-10", "a year is due with its S2")
eq(status.due(yearly, "2024Q1"), "2024-06-10", "a quarter is due with its half-year")
eq(status.due({ calendar = { { from = "2023-01-01", to = "2025-12-31" } } }, "2024S1"), nil,
   "a span is no due date")
print(string.format("status: %d checks, %d failed", n, failed))
