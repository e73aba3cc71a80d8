-- pxr.asked: whom a plan asks an indicator of, beyond its ▲/＃/tcm applicability
-- (pxr.indicator.applies), for the reports that count the institutions in scope.
--   by_reporting(ind) -> true when the indicator is asked only of the units that report
--       it (asked_of = "reporting": the 院前医疗急救 figures 9 and 10): an institution
--       is in its scope when it has a value for the period, as `pxr validate` asks it
--       (pxr.validate's required()), so a summary's 适用 count is its 填报 count.
local M = {}

function M.by_reporting(ind)
  return ind.asked_of == "reporting"
end

return M
