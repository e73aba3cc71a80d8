-- Hand-computed expectations for pxr.target (run by tests/cli/lua_modules.sh).
local target = pxr.target
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: target: " .. name)
  else failed = failed + 1; print("FAIL: target: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end

-- Inner Mongolia: 2023年三级医院门诊预约诊疗率不低于60%
local appt = { code = "T1", comparator = ">=", value = 60, unit = "%", deadline = "2023-12-31",
               who = { level = { "三级" } } }
local tertiary = { level = "三级", grade = "甲", kind = "综合", obstetrics = 0, alliance_lead = 0 }
local secondary = { level = "二级", grade = "甲", kind = "综合", obstetrics = 1, alliance_lead = 0 }
eq(target.status(appt, 65, "2023S2", tertiary), "已达标", "met in the deadline period")
eq(target.status(appt, 55, "2023S1", tertiary), "未到期", "not met before the deadline: not yet due")
eq(target.status(appt, 55, "2023S2", tertiary), "未达标", "not met in the period holding the deadline")
eq(target.status(appt, 55, "2024S1", tertiary), "已逾期", "not met after the deadline: overdue")
eq(target.status(appt, 61, "2024S1", tertiary), "已达标", "met late is met")
eq(target.status(appt, 80, "2023S2", secondary), "不适用", "secondary hospital is out of scope")
eq(target.status(appt, nil, "2023S2", tertiary), "无数据", "missing value is not zero")
eq(target.status(appt, 60, "2023S2", tertiary), "已达标", "the bound itself meets ≥")

-- Wuyuan: 门诊患者平均等候时间不超过15分钟 (standing, no deadline)
local wait = { code = "T2", comparator = "<=", value = 15, unit = "分钟" }
eq(target.status(wait, 15, "2022S1", nil), "已达标", "≤ bound met")
eq(target.status(wait, 15.5, "2022S1", nil), "未达标", "standing target not met")
eq(target.describe(wait), "≤ 15分钟", "describe")
eq(target.describe(appt), "≥ 60%", "describe percent")

-- scope keys all have to match
local mdt = { comparator = ">=", value = 3, deadline = "2025-12-31",
              who = { level = { "三级" }, grade = { "甲" }, kind = { "综合" } } }
eq(target.applies(mdt, tertiary), true, "三甲综合 in scope")
eq(target.applies(mdt, { level = "三级", grade = "乙", kind = "综合" }), false, "三乙 out of scope")
eq(target.status(mdt, 2, "2024S2", tertiary), "未到期", "2025 target judged in 2024S2: not yet due")
eq(target.status(mdt, 2, "2025S2", tertiary), "未达标", "judged in 2025S2: not met")
eq(target.status(mdt, 2, "2026S1", tertiary), "已逾期", "judged in 2026S1: overdue")
eq(target.timing(mdt, "2025"), "within", "a year holds its 12-31 deadline")
print(string.format("target tests: %d run, %d failed", n, failed))
