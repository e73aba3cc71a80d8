-- pxr.unit: reporting units that are groups of institutions, not regions.
--
-- Some plans have a unit report for institutions wherever they lie: Shanghai's
-- 申康医院发展中心 reports for the municipal hospitals, beside the 区卫生健康行政部门.
-- Such a group is data (the unit_group tables, imported from a groups file with
-- the columns group,name,region,institution: one row per member); a report
-- that takes one declares `groups = true`, and `--unit CODE` (or `--region CODE`)
-- names it.
--   group(code)           -> { code, name, region } or nil
--   members(code)         -> the group's institution rows, by code
--   groups_in(region)     -> the groups that report in the region (their region is it), by code
--   groups_of(inst)       -> the groups institution inst belongs to, by code
--   grouped(insts, region) -> insts without the members of groups_in(region), and the
--                            members left out (a district's report leaves out the
--                            hospitals another unit reports for)
local M = {}

function M.group(code)
  return pxr.db.query("SELECT code, name, region FROM unit_group WHERE code = ?", code)[1]
end

function M.members(code)
  return pxr.db.query("SELECT i.* FROM institution i JOIN unit_group_member m "
                      .. "ON m.institution = i.code WHERE m.grp = ? ORDER BY i.code", code)
end

function M.groups_in(region)
  return pxr.db.query("SELECT code, name, region FROM unit_group WHERE region = ? ORDER BY code",
                      region)
end

function M.groups_of(inst)
  return pxr.db.query("SELECT g.code, g.name, g.region FROM unit_group g JOIN unit_group_member m "
                      .. "ON m.grp = g.code WHERE m.institution = ? ORDER BY g.code", inst)
end

function M.grouped(insts, region)
  local member = {}
  for _, g in ipairs(M.groups_in(region)) do
    for _, i in ipairs(M.members(g.code)) do member[i.code] = g end
  end
  local kept, left = {}, {}
  for _, i in ipairs(insts) do
    if member[i.code] then left[#left + 1] = i else kept[#kept + 1] = i end
  end
  return kept, left, member
end

return M
