-- pxr.region: GB/T 2260 regions and the institutions under them.
--   get(code)           -> the region row { code, name, parent, level } or nil
--   path(code)          -> "内蒙古自治区 呼和浩特市": names from the province down
--   children(code)      -> child region rows, by code
--   institutions(code)  -> institution rows in the region or any region below it, by code
--   within(code, top)   -> true when region code is top or lies below it
local M = {}

-- A CTE `below(code)`: the region bound to ?1 and every region under it.  Queries
-- about "a region and below" start with it: pxr.db.query(region.BELOW .. "SELECT …", code)
M.BELOW = "WITH RECURSIVE below(code) AS (SELECT ?1 UNION SELECT r.code FROM region r " ..
          "JOIN below b ON r.parent = b.code) "

function M.get(code)
  return pxr.db.query("SELECT code, name, parent, level FROM region WHERE code = ?", code)[1]
end

function M.path(code, sep)
  local names, r = {}, M.get(code)
  while r do
    table.insert(names, 1, r.name)
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
  return pxr.db.query("SELECT code, name, parent, level FROM region WHERE parent = ? ORDER BY code",
                      code)
end

function M.institutions(code)
  return pxr.db.query(M.BELOW ..
    "SELECT i.* FROM institution i JOIN below b ON i.region = b.code ORDER BY i.code", code)
end

return M
