-- pxr.region: GB/T 2260 regions and the institutions under them.
--   ROOT                -> "100000": 全国, the root above the 31 provinces (not a GB/T 2260
--                          code: the convention of government and map services)
--   get(code)           -> the region row { code, name, parent, level } or nil
--   path(code)          -> "内蒙古自治区 呼和浩特市": names from the province down
--   children(code)      -> child region rows, by code; statistical levels are looked through
--   statistical(row)    -> true for a level that exists only in the statistical code list
--   institutions(code)  -> institution rows in the region or any region below it, by code
--   within(code, top)   -> true when region code is top or lies below it
local M = {}

M.ROOT = "100000"

-- A CTE `below(code)`: the region bound to ?1 and every region under it.  Queries
-- about "a region and below" start with it: pxr.db.query(region.BELOW .. "SELECT …", code)
M.BELOW = "WITH RECURSIVE below(code) AS (SELECT ?1 UNION SELECT r.code FROM region r " ..
          "JOIN below b ON r.parent = b.code) "

-- The built-in 2023 list keeps prefecture-level rows that group counties for
-- statistics only: 市辖区 and 县 of the municipalities (310000 上海市 → 310100 市辖区 →
-- 310101 黄浦区) and the provinces' 省直辖县级行政区划.  Nobody reports for them, and a
-- list of a region's parts shows what lies under them instead.
local STATISTICAL = { ["市辖区"] = true, ["县"] = true, ["省直辖县级行政区划"] = true,
                      ["自治区直辖县级行政区划"] = true }

function M.statistical(r)
  return r ~= nil and r.level == "prefecture" and STATISTICAL[r.name] == true
end

function M.get(code)
  return pxr.db.query("SELECT code, name, parent, level FROM region WHERE code = ?", code)[1]
end

-- The root and statistical levels above the region are left out; the region itself is named.
function M.path(code, sep)
  local names, r = {}, M.get(code)
  local first = true
  while r do
    if first or not (r.code == M.ROOT or M.statistical(r)) then table.insert(names, 1, r.name) end
    first = false
    r = r.parent and M.get(r.parent) or nil
  end
  return table.concat(names, sep or " ")
end

function M.within(code, top)
  local r = M.get(code)
  while r do
    if r.code == top then return true end
    r = r.parent and M.get(r.parent) or nil
  end
  return false
end

function M.children(code)
  local out = {}
  for _, r in ipairs(pxr.db.query("SELECT code, name, parent, level FROM region WHERE parent = ? "
                                  .. "ORDER BY code", code)) do
    if M.statistical(r) then
      for _, c in ipairs(M.children(r.code)) do out[#out + 1] = c end
    else
      out[#out + 1] = r
    end
  end
  table.sort(out, function(a, b) return a.code < b.code end)
  return out
end

function M.institutions(code)
  return pxr.db.query(M.BELOW ..
    "SELECT i.* FROM institution i JOIN below b ON i.region = b.code ORDER BY i.code", code)
end

return M
