-- pxr.format: how reports print figures, dates and the missing.
--
--   MISSING              "—": what a cell shows for no value (missing is never zero)
--   date(iso)            "2024-12-31" -> "2024年12月31日"
--   pct(x, digits)       12.345 -> "12.35%" (digits default 2); nil -> nil
--   number(x)            a count or amount as the tables print it; nil -> "—"
--   count(x)             a count with separators: 1234 -> "1,234"; nil -> "—"
--   percent(x, digits)   a percent without its sign, as a column headed （%） shows it:
--                        12.345 -> "12.35" (digits default 2); nil -> "—"
--   value(ind, x)        the value of indicator ind with its unit ("12.40%", "15分钟", "是"); nil -> nil
--   goal(t)              the target as a cell prints it: "≥30%", "是" for a yes/no target
--   cn(n)                1..10 -> "一".."十": the numbering of a report's sections
local indicator = require("pxr.indicator")
local target = require("pxr.target")

local M = {}

M.MISSING = "—"

function M.date(iso)
  local y, m, d = tostring(iso):match("^(%d+)-(%d+)-(%d+)$")
  if not y then pxr.error("format.date: '" .. tostring(iso) .. "' is not a date (YYYY-MM-DD)") end
  return string.format("%d年%d月%d日", tonumber(y), tonumber(m), tonumber(d))
end

function M.pct(x, digits)
  if x == nil then return nil end
  return string.format("%." .. (digits or 2) .. "f%%", x)
end

function M.number(x)
  if x == nil then return M.MISSING end
  if math.type(x) == "float" and x == math.floor(x) then return string.format("%d", x) end
  return tostring(x)
end

function M.count(x)
  if x == nil then return M.MISSING end
  return indicator.thousands(x)
end

function M.percent(x, digits)
  if x == nil then return M.MISSING end
  return string.format("%." .. (digits or 2) .. "f", x)
end

function M.value(ind, x)
  if x == nil then return nil end
  local s = indicator.display(ind, x)
  if ind.type == "bool" then return s end
  return s .. (ind.unit or "")
end

function M.goal(t)
  if t.shown then return t.shown end
  if t.type == "bool" then return "是" end
  return (target.describe(t):gsub(" ", ""))
end

local CN = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" }
function M.cn(n)
  return CN[n] or tostring(n)
end

return M
