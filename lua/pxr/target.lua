-- pxr.target: a plan's quantified target judged against a measured value, as of
-- the end of a reporting period.
--
-- A target is a plain table, as plugins declare them:
--   { code=, name=, indicator= (code) or measure=, comparator=">="|"<="|">"|"<"|"=",
--     value=<number>, unit=, deadline="2025-12-31" (or nil: standing),
--     scope="三级医院" (the seed's words), who={ level={"三级"}, grade={"甲"},
--     kind={"综合"}, ownership={"公立"}, obstetrics=true, alliance_lead=true,
--     flag="IM_PAIN_PILOT", reporting=true } (machine form of scope;
--     every key given must match; nil = every institution), sentence= (seed quote),
--     judged= "each" | "pooled" | "region", judged_by= (the words of the sentence
--     that say whose target it is) }
--
-- Whose target it is (judged), recorded per target with the reading quoted:
--   each    every institution in scope must meet it ("三级医院要全部…", "牵头医院要将…"):
--           已达标 only when every one does; reports show 达标机构数/适用机构数 and,
--           for rates, the pooled rate beside it
--   pooled  the region as a whole: its pooled rate Σnumerator/Σdenominator over the
--           units that report the indicator (e.g. 院前急救's 3分钟出车率)
--   region  each region (盟市) named by the sentence, on the value it reports itself
--
-- Deadlines (deadline(due, year)): the one rule for the seeds' words, shared by
-- every plugin and printed in the reports' notes (DEADLINE_RULE):
--   "X年Y月底（前）" -> the last day of month Y of year X; "Y月底前" -> of the plan's year
--   "X年底（前）", "到X年（底）", "X年" -> X-12-31
--   "X年前" -> (X-1)-12-31: read literally, before the year X begins
--
-- status(target, x, period, inst, as_of) returns one of (as of the period's end, or as_of):
--   不适用  the institution is outside the target's scope (who)
--   无数据  no value was reported (missing is never zero)
--   已达标  the value meets the target
--   未到期  not met yet, and the deadline is after the period's end
--   未达标  not met, and the deadline falls within this period (or the target is standing)
--   已逾期  not met, and the deadline passed before this period began
local period = require("pxr.period")

local M = {}

M.DEADLINE_RULE = "期限按原文字面确定：“X年Y月底（前）”为X年Y月的最后一日；“X年底（前）”“到X年（底）”"
  .. "“X年”为X年12月31日；“X年前”为X年以前，即X－1年12月31日。"

local function month_end(y, m)
  local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  local d = days[m]
  if m == 2 and (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)) then d = 29 end
  return string.format("%04d-%02d-%02d", y, m, d)
end

-- The deadline that the seed's words `due` name, by the one rule above; nil when
-- they name none ("力争，未定期限", "每半年"). year: the plan's year, for "7月底前".
function M.deadline(due, year)
  if type(due) ~= "string" then return nil end
  -- the seeds' text spaces its figures ("2022 年底前"): the words are read without spaces
  due = due:gsub("%s", ""):gsub("\u{3000}", "")
  local y, m = due:match("(%d%d%d%d)年(%d%d?)月底")
  if y then return month_end(tonumber(y), tonumber(m)) end
  m = due:match("(%d%d?)月底")
  if m and year then return month_end(year, tonumber(m)) end
  y = due:match("(%d%d%d%d)年前")
  if y then return string.format("%04d-12-31", tonumber(y) - 1) end
  y = due:match("(%d%d%d%d)年")
  if y then return string.format("%04d-12-31", tonumber(y)) end
  return nil
end

M.JUDGED = { each = "每家适用机构", pooled = "本地区合计", region = "各地区报送值" }

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
-- who.ownership: {"公立"}; who.flag: the code of a yes/no indicator the
-- institution must answer 是 (a group the store has no column for, such as
-- 疼痛综合管理试点医院), read through answer(code) -> 1 | 0 | nil; without an
-- answer (or answer nil) the institution is not known to be in the group: false.
function M.applies(target, inst, answer)
  local who = target.who
  if who == nil or inst == nil then return true end
  if who.level and not member(who.level, inst.level) then return false end
  if who.grade and not member(who.grade, inst.grade) then return false end
  if who.kind and not member(who.kind, inst.kind) then return false end
  if who.ownership and not member(who.ownership, inst.ownership) then return false end
  if who.obstetrics and inst.obstetrics ~= 1 then return false end
  if who.alliance_lead and inst.alliance_lead ~= 1 then return false end
  if who.flag then return answer ~= nil and answer(who.flag) == 1 end
  -- who.reporting: a group the store has no column for and no flag either (Shanghai's
  -- 区域性医疗中心): the institutions that report the target's indicator are the group
  if who.reporting then return answer == nil or answer(target.indicator) ~= nil end
  return true
end

-- Where the deadline stands relative to the period: "after", "within" or "before".
-- as_of: the date the status is judged at, when not the period's end (a report
-- due before its period ends, such as Shanghai's 6月10日 summary, is judged at
-- its due date).
function M.timing(target, period_id, as_of)
  if not target.deadline then return "within" end
  local first, last = period.bounds(period_id)
  last = as_of or last
  if target.deadline > last then return "after" end
  if target.deadline < first then return "before" end
  return "within"
end

function M.status(target, x, period_id, inst, as_of)
  if not M.applies(target, inst) then return M.NOT_APPLICABLE end
  if x == nil then return M.NO_DATA end
  if M.meets(target, x) then return M.MET end
  local t = M.timing(target, period_id, as_of)
  if t == "after" then return M.NOT_DUE end
  if t == "before" then return M.OVERDUE end
  return M.NOT_MET
end

local TIMED = { after = M.NOT_DUE, before = M.OVERDUE, within = M.NOT_MET }

-- The target over the units a report judges it on.  entries: { x=, row=, status= }
-- per unit, status NOT_APPLICABLE outside the scope.  Returns { in_scope, reported,
-- met, x (pooled rate, rates only), numerator, denominator, status }.  judged
-- "pooled": the status of the pooled rate; otherwise met only when every unit in
-- scope meets it, undecided (无数据) while the only ones not known to meet it
-- reported nothing.
function M.overall(t, entries, period_id, is_rate, as_of)
  local a = { in_scope = 0, reported = 0, met = 0 }
  local num, den, n = 0, 0, 0
  for _, e in ipairs(entries) do
    if e.status ~= M.NOT_APPLICABLE then
      a.in_scope = a.in_scope + 1
      if e.x ~= nil then a.reported = a.reported + 1 end
      if e.status == M.MET then a.met = a.met + 1 end
      local r = e.row
      if is_rate and e.x ~= nil and r and type(r.numerator) == "number"
          and type(r.denominator) == "number" then
        num, den, n = num + r.numerator, den + r.denominator, n + 1
      end
    end
  end
  if is_rate and den > 0 then
    a.x, a.numerator, a.denominator, a.pooled = num / den * 100, num, den, n
  end
  if a.in_scope == 0 then
    a.status = M.NOT_APPLICABLE
  elseif t.judged == "pooled" then
    a.status = M.status(t, a.x, period_id, nil, as_of)
  elseif a.reported == 0 then
    a.status = M.NO_DATA
  elseif a.met == a.in_scope then
    a.status = M.MET
  elseif a.met == a.reported then
    a.status = M.NO_DATA
  else
    a.status = TIMED[M.timing(t, period_id, as_of)]
  end
  return a
end

-- "≥ 60%", "≤ 20分钟": the target as a report prints it.
local signs = { [">="] = "≥", ["<="] = "≤", [">"] = ">", ["<"] = "<", ["="] = "=" }
function M.describe(target)
  local v = target.value
  if math.type(v) == "float" and v == math.floor(v) then v = string.format("%d", v) end
  return (signs[target.comparator] or target.comparator) .. " " .. tostring(v) .. (target.unit or "")
end

return M
