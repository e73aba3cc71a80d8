-- pxr.result: the XML twin of a report, and the one status vocabulary.
--
-- A result is a tree of plain tables { tag=, attrs={...}, text=, [1]=child, ... }
-- that pxr.xml writes and validates against the report's schema.
--
--   element(tag, attrs, children)  a node; attrs whose value is nil or "" are left out
--   MEASURE_STATUSES               the statuses a measure is reported in: 已完成, 推进中, 未启动
--   UNREPORTED                     "未报告": a measure without a status for the period
--   STATUS_KEY                     status -> attribute name: done, progressing, not_started, unreported
--   TARGET_MARK                    target status -> the chart mark / XML token (met, not_met, overdue,
--                                  not_due, na; false for 无数据)
--   counter()                      a count of measures by status: c:add(status, code);
--                                  c.total, c[status], c.list (codes in order)
--   counts_attrs(c, attrs)         adds done=, progressing=, not_started=, unreported= to attrs
--   institution(inst)              <institution code name region region_name level grade kind ownership>
local target = require("pxr.target")
local region = require("pxr.region")

local M = {}

function M.element(tag, attrs, children)
  local el = { tag = tag, attrs = {} }
  for k, v in pairs(attrs or {}) do
    if v ~= "" then el.attrs[k] = v end
  end
  for i, c in ipairs(children or {}) do el[i] = c end
  return el
end

M.MEASURE_STATUSES = { "已完成", "推进中", "未启动" }
M.UNREPORTED = "未报告"
M.STATUS_KEY = { ["已完成"] = "done", ["推进中"] = "progressing", ["未启动"] = "not_started",
                 [M.UNREPORTED] = "unreported" }

M.TARGET_MARK = { [target.MET] = "met", [target.NOT_MET] = "not_met", [target.OVERDUE] = "overdue",
                  [target.NOT_DUE] = "not_due", [target.NOT_APPLICABLE] = "na",
                  [target.NO_DATA] = false }

local Counter = {}
Counter.__index = Counter

function Counter:add(status, code)
  if self[status] == nil then pxr.error("unknown measure status '" .. tostring(status) .. "'") end
  self.total = self.total + 1
  self[status] = self[status] + 1
  self.list[#self.list + 1] = code
end

function M.counter()
  local c = setmetatable({ total = 0, list = {} }, Counter)
  for _, s in ipairs(M.MEASURE_STATUSES) do c[s] = 0 end
  c[M.UNREPORTED] = 0
  return c
end

function M.counts_attrs(c, attrs)
  attrs = attrs or {}
  for status, key in pairs(M.STATUS_KEY) do attrs[key] = c[status] end
  return attrs
end

function M.institution(inst)
  return { tag = "institution", attrs = {
    code = inst.code, name = inst.name, region = inst.region,
    region_name = region.path(inst.region, ""), level = inst.level,
    grade = inst.grade ~= "" and inst.grade or nil, kind = inst.kind,
    ownership = inst.ownership } }
end

return M
