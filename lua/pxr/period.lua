-- pxr.period: reporting periods with DHIS2 ids, the same rules as core/period.c.
--
--   ids:  "2023" (year), "2023S1" / "2023S2" (half-years), "2023Q1".."2023Q4"
--   input also accepts 2023年, 2023H1/H2, 2023年上半年/下半年, 2023年第一季度..第四季度
--   (leading and trailing spaces allowed); years 1900..2999.
--
--   period.parse(text)        -> id | nil, message
--   period.kind(id)           -> "year" | "half" | "quarter"
--   period.label(id)          -> "2023年", "2023年上半年", "2023年第一季度"
--   period.previous(id)       -> "2022S2" for "2023S1" (same kind)
--   period.next(id)           -> "2023S2" for "2023S1" (same kind)
--   period.bounds(id)         -> "2023-01-01", "2023-06-30"
--   period.interval(id)       -> "2023-01-01/P6M" (as ADX writes it)
--   period.range(first, last) -> { first, ..., last } (same kind, first <= last)
--
-- Functions other than parse take anything parse accepts and raise on text
-- that is not a period: passing one is a script's mistake.
local M = {}

local QUARTER_CN = { "一", "二", "三", "四" }
local HALF_CN = { "上", "下" }
local KIND_NAME = { Y = "year", S = "half", Q = "quarter" }
local MONTHS = { Y = 12, S = 6, Q = 3 }
local COUNT = { Y = 1, S = 2, Q = 4 }

-- Returns year, kind ('Y'|'S'|'Q'), index (0 for years) or nil.
local function split(text)
  if type(text) == "number" and math.type(text) == "integer" then text = tostring(text) end
  if type(text) ~= "string" then return nil end
  local s = text:match("^%s*(.-)%s*$")
  local y, rest = s:match("^(%d%d%d%d)(.*)$")
  if not y then return nil end
  local year = tonumber(y)
  if year < 1900 or year > 2999 then return nil end
  if rest == "" or rest == "年" then return year, "Y", 0 end
  local k, n = rest:match("^([SHQ])(%d)$")
  if k then
    n = tonumber(n)
    if k == "H" then k = "S" end
    if n >= 1 and n <= COUNT[k] then return year, k, n end
    return nil
  end
  for i, h in ipairs(HALF_CN) do
    if rest == "年" .. h .. "半年" then return year, "S", i end
  end
  for i, q in ipairs(QUARTER_CN) do
    if rest == "年第" .. q .. "季度" then return year, "Q", i end
  end
  return nil
end

local function make_id(year, kind, index)
  if kind == "Y" then return string.format("%d", year) end
  return string.format("%d%s%d", year, kind, index)
end

local EXAMPLES = "2024S1, 2024, 2024年上半年, 2024Q1"

-- A bad period is the caller's mistake: pxr.error names the script's line.
local function need(id, fname, argn)
  local year, kind, index = split(id)
  if not year then
    pxr.error(string.format("bad argument #%d to 'period.%s': period %s is not a period (%s)",
      argn or 1, fname, type(id) == "string" and id or tostring(id) .. " (a " .. type(id) .. ")",
      EXAMPLES))
  end
  return year, kind, index
end

function M.parse(text)
  local year, kind, index = split(text)
  if not year then
    return nil, string.format("not a period: %q (expected e.g. 2023, 2023S1, 2023H2, " ..
      "2023年上半年, 2023Q1; years 1900-2999)", tostring(text))
  end
  return make_id(year, kind, index)
end

function M.kind(id)
  local _, kind = need(id, "kind")
  return KIND_NAME[kind]
end

function M.label(id)
  local year, kind, index = need(id, "label")
  if kind == "Y" then return year .. "年" end
  if kind == "S" then return year .. "年" .. HALF_CN[index] .. "半年" end
  return year .. "年第" .. QUARTER_CN[index] .. "季度"
end

local function step(year, kind, index, delta)
  if kind == "Y" then return year + delta, kind, 0 end
  local n = year * COUNT[kind] + (index - 1) + delta
  return n // COUNT[kind], kind, n % COUNT[kind] + 1
end

function M.previous(id)
  local year, kind, index = need(id, "previous")
  return make_id(step(year, kind, index, -1))
end

function M.next(id)
  local year, kind, index = need(id, "next")
  return make_id(step(year, kind, index, 1))
end

local function is_leap(y)
  return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
end

local function last_day(y, m)
  if m == 2 then return is_leap(y) and 29 or 28 end
  if m == 4 or m == 6 or m == 9 or m == 11 then return 30 end
  return 31
end

function M.bounds(id)
  local year, kind, index = need(id, "bounds")
  local first_month = kind == "Y" and 1 or (index - 1) * MONTHS[kind] + 1
  local last_month = first_month + MONTHS[kind] - 1
  return string.format("%04d-%02d-01", year, first_month),
    string.format("%04d-%02d-%02d", year, last_month, last_day(year, last_month))
end

function M.interval(id)
  local _, kind = need(id, "interval")
  local first = M.bounds(id)
  return first .. (kind == "Y" and "/P1Y" or string.format("/P%dM", MONTHS[kind]))
end

function M.range(first, last)
  local y1, k1, i1 = need(first, "range")
  local y2, k2, i2 = need(last, "range", 2)
  if k1 ~= k2 then
    pxr.error(string.format("bad argument #2 to 'period.range' (%s is a %s, %s is a %s)",
      tostring(first), KIND_NAME[k1], tostring(last), KIND_NAME[k2]))
  end
  local a = y1 * COUNT[k1] + (i1 > 0 and i1 - 1 or 0)
  local b = y2 * COUNT[k2] + (i2 > 0 and i2 - 1 or 0)
  if a > b then
    pxr.error(string.format("bad argument #2 to 'period.range' (%s comes before %s)",
      tostring(last), tostring(first)))
  end
  local list = {}
  for _ = a, b do
    list[#list + 1] = make_id(y1, k1, i1)
    y1, k1, i1 = step(y1, k1, i1, 1)
  end
  return list
end

return M
