-- pxr.target: a plan's quantified target judged against a measured value, as of
-- the end of a reporting period.
--
-- A target is a plain table, as plugins declare them:
--   { code=, name=, indicator= (code) or measure=, comparator=">="|"<="|">"|"<"|"=",
--     value=<number>, unit=, deadline="2025-12-31" (or nil: standing),
--     scope="三级医院" (the seed's words), who={ level={"三级"}, grade={"甲"},
--     kind={"综合"}, obstetrics=true, alliance_lead=true } (machine form of scope;
--     every key given must match; nil = every institution), sentence= (seed quote) }
--
-- status(target, x, period, inst) returns one of:
--   不适用  the institution is outside the target's scope (who)
--   无数据  no value was reported (missing is never zero)
--   已达标  the value meets the target
--   未到期  not met yet, and the deadline is after the period's end
--   未达标  not met, and the deadline falls within this period (or the target is standing)
--   已逾期  not met, and the deadline passed before this period began
local period = require("pxr.period")

local M = {}

M.NOT_APPLICABLE, M.NO_DATA, M.MET = "不适用", "无数据", "已达标"
M.NOT_DUE, M.NOT_MET, M.OVERDUE = "未到期", "未达标", "已逾期"

local compare = {
  [">="] = function(x, v) return x >= v end,
  ["<="] = function(x, v) return x <= v end,
  [">"] = function(x, v) return x > v end,
  ["<"] = function(x, v) return x < v end,
  ["="] = function(x, v) return x == v end,
}

-- Does x satisfy the target's comparator?  nil when x is missing.
function M.meets(target, x)
  local f = compare[target.comparator]
  if not f then pxr.error("target " .. tostring(target.code) .. ": unknown comparator " ..
                          tostring(target.comparator)) end
  if x == nil then return nil end
  return f(x, target.value)
end

local function member(list, x)
  if type(list) ~= "table" then return list == x end
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

-- Is the institution (a row of the institution table) inside the target's scope?
function M.applies(target, inst)
  local who = target.who
  if who == nil or inst == nil then return true end
  if who.level and not member(who.level, inst.level) then return false end
  if who.grade and not member(who.grade, inst.grade) then return false end
  if who.kind and not member(who.kind, inst.kind) then return false end
  if who.obstetrics and inst.obstetrics ~= 1 then return false end
  if who.alliance_lead and inst.alliance_lead ~= 1 then return false end
  return true
end

-- Where the deadline stands relative to the period: "after", "within" or "before".
function M.timing(target, period_id)
  if not target.deadline then return "within" end
  local first, last = period.bounds(period_id)
  if target.deadline > last then return "after" end
  if target.deadline < first then return "before" end
  return "within"
end

function M.status(target, x, period_id, inst)
  if not M.applies(target, inst) then return M.NOT_APPLICABLE end
  if x == nil then return M.NO_DATA end
  if M.meets(target, x) then return M.MET end
  local t = M.timing(target, period_id)
  if t == "after" then return M.NOT_DUE end
  if t == "before" then return M.OVERDUE end
  return M.NOT_MET
end

-- "≥ 60%", "≤ 20分钟": the target as a report prints it.
local signs = { [">="] = "≥", ["<="] = "≤", [">"] = ">", ["<"] = "<", ["="] = "=" }
function M.describe(target)
  local v = target.value
  if math.type(v) == "float" and v == math.floor(v) then v = string.format("%d", v) end
  return (signs[target.comparator] or target.comparator) .. " " .. tostring(v) .. (target.unit or "")
end

return M
