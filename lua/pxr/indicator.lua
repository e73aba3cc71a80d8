-- pxr.indicator: rates, applicability, aggregation, target checks and display
-- formats for indicator values.  Plain functions on plain tables:
--
--   rate(num, den)            -> percent, or nil when den is missing or 0
--   applies(ind, inst)        -> true | false, reason      (▲ / ＃ rules)
--   value_of(ind, row)        -> number or nil (a value row from the store)
--   value_sql(bool, rate)     -> value_of in SQL over value row `v` (see below)
--   status(ind, inst, row)    -> "已填报" | "未填报" | "不适用"
--   check(ind, row)           -> nil | message: value inconsistent with num/den
--   consistent(value, computed) -> the one rounding rule (import, validate, reports)
--   computed(ind, num, den)   -> num/den, × 100 for a rate
--   pooled(rows)              -> Σnumerator / Σdenominator × 100, count
--   mean(list)                -> mean of the non-nil numbers, count
--   LEVELS                    -> { "三级", "二级", "一级", "未定级" } (hospital levels, in order)
--   summarize(ind, insts, values)
--                             -> the figures of one indicator over a group of institutions:
--                                { applicable=, reported=, pooled=, pooled_n=, mean=, sum=, yes= }
--   change(now, before)       -> now - before, or nil when either is missing
--   meets(target, x)          -> true | false | nil (nil: no value to compare)
--   display(ind, x)           -> the value as a report shows it ("63.27", "是", "1,234")
--   thousands(n)              -> "1,234,567"
--   decimal(x)                -> xs:decimal text, never in exponent notation
--
-- Missing is never zero: every function returns nil (or 未填报) for a missing
-- value instead of a number.
local M = {}

M.REPORTED, M.MISSING, M.NOT_APPLICABLE = "已填报", "未填报", "不适用"

function M.rate(num, den)
  if type(num) ~= "number" or type(den) ~= "number" or den == 0 then return nil end
  return num / den * 100
end

local REASONS = {
  tertiary_or_lead = "适用于三级医院和医联体的牵头医院",
  obstetrics = "适用于有产科的医疗机构",
  tcm = "适用于中医医院（含蒙医等民族医医院和中西医结合医院，本系统的理解）",
}

-- Applicability "tcm" (indicator 15, 中医医院…): 中医 hospitals in Inner Mongolia's
-- wording 中医（蒙医）医院, so 中医, 蒙医 and the other 民族医 hospitals, and
-- 中西医结合 hospitals.  The seed marks no scope: this is pxr's reading.  The list is the
-- core's (pxr.tcm_kinds), which import's "does not apply" warning uses too.
M.TCM_KINDS = {}
for i, k in ipairs(pxr.tcm_kinds) do M.TCM_KINDS[i] = k end
local TCM = {}
for _, k in ipairs(M.TCM_KINDS) do TCM[k] = true end

-- inst: an institution row (level, obstetrics, alliance_lead as stored: 0/1).
function M.applies(ind, inst)
  local a = ind.applicability
  if a == nil then return true end
  local ok
  if a == "tertiary_or_lead" then
    ok = inst.level == "三级" or inst.alliance_lead == 1
  elseif a == "obstetrics" then
    ok = inst.obstetrics == 1
  elseif a == "tcm" then
    ok = TCM[inst.kind] == true
  else
    pxr.error("unknown applicability '" .. tostring(a) .. "' of indicator " .. tostring(ind.code))
  end
  return ok, REASONS[a]
end

local YES, NO = { ["是"] = 1, ["1"] = 1, ["true"] = 1 }, { ["否"] = 0, ["0"] = 0, ["false"] = 0 }

-- The store keeps numbers in `value` and answers in `text`; a rate whose value
-- was left empty is computed from its numerator and denominator.
function M.value_of(ind, row)
  if row == nil then return nil end
  if ind.type == "bool" then
    if type(row.value) == "number" then return row.value ~= 0 and 1 or 0 end
    local t = row.text
    return t and (YES[t] or NO[t]) or nil
  end
  if type(row.value) == "number" then return row.value end
  if ind.type == "rate" then return M.rate(row.numerator, row.denominator) end
  return nil
end

-- value_of in SQL over value row `v`, given the SQL conditions that its indicator is a
-- yes/no one and a rate: a yes/no answer as 1 or 0, a number as it is, a rate without
-- its value from its numerator and denominator; NULL when value_of gives nil.
function M.value_sql(bool, rate)
  return "CASE WHEN typeof(v.value) IN ('integer', 'real') THEN CASE WHEN " .. bool
    .. " THEN (v.value <> 0) ELSE v.value END "
    .. "WHEN " .. bool .. " THEN CASE WHEN v.text IN ('是', '1', 'true') THEN 1 "
    .. "WHEN v.text IN ('否', '0', 'false') THEN 0 END "
    .. "WHEN " .. rate .. " AND typeof(v.numerator) IN ('integer', 'real') "
    .. "AND typeof(v.denominator) IN ('integer', 'real') AND v.denominator <> 0 "
    .. "THEN CAST(v.numerator AS REAL) / v.denominator * 100 END"
end

function M.status(ind, inst, row)
  if not M.applies(ind, inst) then return M.NOT_APPLICABLE end
  return M.value_of(ind, row) ~= nil and M.REPORTED or M.MISSING
end

-- Rates are stored in percent, ratios as they are, rounded by whoever filled
-- the form: a value that is not the computed figure rounded to its digits
-- (consistent) disagrees.  The checks and their order are import's (core/import.c
-- parse_value), so that validate and the reports flag what import refuses.
function M.check(ind, row)
  if row == nil or (ind.type ~= "rate" and ind.type ~= "ratio") then return nil end
  local n, d = row.numerator, row.denominator
  if type(n) ~= "number" or type(d) ~= "number" then return nil end
  if n < 0 then return "分子小于0" end
  if d <= 0 then return "分母不大于0" end
  if ind.type == "rate" and n > d then return "分子大于分母" end
  if type(row.value) == "number" and not M.consistent(row.value, M.computed(ind, n, d)) then
    return "数值与分子/分母不一致"
  end
  return nil
end

-- The figure a numerator and denominator give: × 100 for a rate, as import computes it.
function M.computed(ind, n, d)
  return (ind.type == "rate" and 100.0 or 1.0) * n / d
end

-- The one rounding rule (import, validate and the reports): a stated value is
-- consistent with its numerator/denominator when it is the computed figure
-- rounded to the decimals the value shows, i.e. within half a unit of its last
-- digit (85 for 85.29, 85.3 or 85.29 for 85.294).  Import checks the digits as
-- written (core/import.c); the store keeps the number, whose shortest decimal
-- form has at most those digits, so nothing import accepts is flagged here.
function M.consistent(value, computed)
  local text = string.format("%.10f", value):gsub("0+$", "")
  local decimals = #(text:match("%.(%d*)$") or "")
  return math.abs(value - computed) <= 0.5 * 10 ^ -decimals + 1e-9
end

-- Pooled rate: institutions weigh by their denominators (not a mean of rates).
-- Returns the rate, how many rows had both parts, and the two sums.
function M.pooled(rows)
  local sn, sd, k = 0, 0, 0
  for _, r in ipairs(rows) do
    if type(r.numerator) == "number" and type(r.denominator) == "number" then
      sn, sd, k = sn + r.numerator, sd + r.denominator, k + 1
    end
  end
  return M.rate(sn, sd), k, sn, sd
end

function M.mean(list)
  local s, k = 0, 0
  for _, x in pairs(list) do
    if type(x) == "number" then s, k = s + x, k + 1 end
  end
  if k == 0 then return nil, 0 end
  return s / k, k
end

M.LEVELS = { "三级", "二级", "一级", "未定级" }

-- insts: institution rows; values: institution code -> value row of `ind`.
-- Only institutions the indicator applies to count, and only those with a
-- value are `reported`: a missing value adds nothing to a sum and is not a 0
-- in a mean.  By type:
--   rate      pooled = Σnumerator/Σdenominator × 100 over the pooled_n
--             institutions that gave both; mean = mean of institution rates
--   bool      yes = how many of the reporting institutions answered 是
--   count     sum (and mean)
--   others    mean (durations, levels, ratios)
function M.summarize(ind, insts, values)
  local s = { applicable = 0, reported = 0 }
  local xs, rows = {}, {}
  for _, inst in ipairs(insts) do
    if M.applies(ind, inst) then
      s.applicable = s.applicable + 1
      local row = values and values[inst.code]
      local x = M.value_of(ind, row)
      if x ~= nil then
        xs[#xs + 1], rows[#rows + 1] = x, row
      end
    end
  end
  s.reported = #xs
  if #xs == 0 then return s end
  s.mean = M.mean(xs)
  if ind.type == "rate" then
    s.pooled, s.pooled_n = M.pooled(rows)
  elseif ind.type == "bool" then
    s.yes = 0
    for _, x in ipairs(xs) do s.yes = s.yes + x end
    s.mean = nil
  elseif ind.type == "count" then
    s.sum = 0
    for _, x in ipairs(xs) do s.sum = s.sum + x end
  end
  return s
end

function M.change(now, before)
  if type(now) ~= "number" or type(before) ~= "number" then return nil end
  return now - before
end

local COMPARE = {
  [">="] = function(a, b) return a >= b end,
  ["<="] = function(a, b) return a <= b end,
  ["="] = function(a, b) return a == b end,
  [">"] = function(a, b) return a > b end,
  ["<"] = function(a, b) return a < b end,
}

-- target: { comparator=">=", value=60 }
function M.meets(target, x)
  local f = COMPARE[target.comparator]
  if not f then pxr.error("unknown comparator '" .. tostring(target.comparator) .. "'") end
  if type(x) ~= "number" then return nil end
  return f(x, target.value)
end

function M.thousands(n)
  local neg = n < 0
  local s = string.format("%.0f", math.abs(n))
  s = s:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return neg and "-" .. s or s
end

-- Six decimals at most, trailing zeros dropped: fits xs:decimal and keeps
-- what a form can hold.
function M.decimal(x)
  local s = string.format("%.6f", x):gsub("0+$", ""):gsub("%.$", "")
  if s == "-0" then s = "0" end
  return s
end

local function plain(x)
  if x == math.floor(x) and math.abs(x) < 1e15 then return M.thousands(x) end
  local s = string.format("%.2f", x):gsub("0+$", ""):gsub("%.$", "")
  return s
end

function M.display(ind, x)
  if x == nil then return nil end
  local t = ind.type
  if t == "bool" then return x ~= 0 and "是" or "否" end
  if t == "rate" then return string.format("%.2f", x) end
  if t == "count" or t == "level" then return M.thousands(x) end
  return plain(x)
end

return M
