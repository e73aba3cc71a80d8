-- The one deadline rule of every plugin, pxr.target.deadline (run by tests/cli/lua_modules.sh):
-- each form DEADLINE_RULE names, read from the seeds' own words, by hand.
local target = pxr.target
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: deadline: " .. name)
  else failed = failed + 1; print("FAIL: deadline: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end

-- "X年前": before the year X begins (IM measure 9: 2025年前，完成三级医院麻醉门诊、疼痛门诊建设)
eq(target.deadline("2025年前"), "2024-12-31", "X年前 is X-1年12月31日")
-- "X年底（前）", "到X年（底）", "X年"
eq(target.deadline("到2025年底"), "2025-12-31", "到X年底 is X年12月31日")
eq(target.deadline("2022年底前"), "2022-12-31", "X年底前 is X年12月31日")
-- the seeds' text has spaces around figures (Wuyuan: "2022 年底前", "力争 2021 年底前")
eq(target.deadline("2022 年底前"), "2022-12-31", "a space between the year and 年 is read")
eq(target.deadline("力争 2021 年 11 月底前"), "2021-11-30", "spaces around the month too")
eq(target.deadline("到2025\u{3000}年底"), "2025-12-31", "an ideographic space is read as a space")
eq(target.deadline("到2025年"), "2025-12-31", "到X年 is X年12月31日")
eq(target.deadline("2023年"), "2023-12-31", "X年 is X年12月31日")
-- "X年Y月底（前）": the month's last day, leap years included
eq(target.deadline("到2024年5月底前"), "2024-05-31", "X年Y月底前 is the last day of the month")
eq(target.deadline("2023年8月底前"), "2023-08-31", "a month of 31 days")
eq(target.deadline("2024年2月底"), "2024-02-29", "February of a leap year")
eq(target.deadline("2100年2月底"), "2100-02-28", "February of a century year that is not a leap year")
eq(target.deadline("2023年11月底前"), "2023-11-30", "a month of 30 days, two digits")
-- "Y月底前": of the plan's year (IM: 自治区卫生健康行政部门于7月底前制定实施方案)
eq(target.deadline("7月底前", 2023), "2023-07-31", "Y月底前 is of the plan's year")
eq(target.deadline("7月底前"), nil, "Y月底前 without the plan's year names no day")
-- no deadline: standing duties and wishes
eq(target.deadline("力争，未定期限"), nil, "words without a year name no deadline")
eq(target.deadline("每半年"), nil, "a recurring duty has no deadline")
eq(target.deadline(nil), nil, "no words, no deadline")
-- the rule printed in the reports' notes names every form read above
for _, form in ipairs({ "X年Y月底（前）", "X年底（前）", "到X年（底）", "“X年”为X年12月31日", "X－1年12月31日" }) do
  eq(target.DEADLINE_RULE:find(form, 1, true) ~= nil, true, "the printed rule states " .. form)
end
print(string.format("deadline tests: %d run, %d failed", n, failed))
