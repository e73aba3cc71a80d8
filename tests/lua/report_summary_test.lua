-- pxr.report_summary's pure parts, by hand (run by tests/cli/lua_modules.sh): a group's
-- sums from the figures query's rows, the pairing of this period with the last, the
-- figures, the cells and the <group> element; then one summary on the example data,
-- whose 合计率 must be what pxr.indicator.summarize computes from the values.
local S, report, indicator = pxr.report_summary, pxr.report, pxr.indicator
local n, failed = 0, 0
local function eq(got, want, name)
  n = n + 1
  if got == want then print("PASS: report_summary: " .. name)
  else failed = failed + 1; print("FAIL: report_summary: " .. name .. " (got " .. tostring(got) .. ", want " .. tostring(want) .. ")") end
end

local R = { code = "R", type = "rate" }
local B = { code = "B", type = "bool", applicability = "obstetrics" }
local T = { code = "T", type = "rate" }
local C = { code = "C", type = "count", unit = "例" }
eq(#S.leaves({ R, { code = "P", parts = { B, C } } }), 3, "leaves: an indicator and a compound's parts")
eq(table.concat(S.keys("三级"), " "), "三级 合计", "keys: the level and 合计")
eq(S.keys("二级", "150000")[3], "sub:150000", "keys: and the sub-region")

-- a row of the figures query: counts and sums of each way a value is read
local function row(indicator_code, k, t)
  local r = { indicator = indicator_code, k = k, cv = 0, sv = 0, yes = 0, ct = 0, st = 0, cr = 0, sr = 0,
              pn = 0, sn = 0, sd = 0 }
  for key, v in pairs(t) do r[key] = v end
  return r
end
local rate = S.sums(R, row("R", 0, { cv = 1, sv = 70, cr = 1, sr = 50, pn = 2, sn = 75, sd = 110, yes = 1 }))
eq(rate.reported, 2, "sums: a rate counts a number and a rate of n/d")
eq(rate.sx, 120, "sums: a rate sums both")
eq(rate.sd, 110, "sums: a rate keeps its denominators")
local yes = S.sums(B, row("B", 0, { cv = 1, sv = 0, yes = 0, ct = 2, st = 1 }))
eq(yes.reported .. "/" .. yes.sx, "3/1", "sums: yes/no counts numbers and 是/否 answers, sums the 是")
eq(S.sums(C, row("C", 0, { cv = 2, sv = 9, ct = 1, cr = 1 })).reported, 2, "sums: a count reads numbers only")

-- k = period * 2^32 + sid * 64 + level * 16 + both * 8 + lead * 4 + obst * 2 + tcm
local P = 4294967296
local periods = { "2023S2", "2024S1", "2024S2", "2025S1" }
local leaf = { R = R, B = B, T = T }
local rows = {
  row("R", 3 * P + 5 * 64 + 0 * 16 + 8, { cv = 1, sv = 70, pn = 1, sn = 70, sd = 100 }), -- 三级, both
  row("R", 3 * P + 5 * 64 + 1 * 16, { cr = 1, sr = 50, pn = 1, sn = 5, sd = 10 }),       -- 二级, now only
  row("R", 2 * P + 5 * 64 + 0 * 16 + 8, { cv = 1, sv = 60, pn = 1, sn = 60, sd = 100 }), -- 三级, both, last
  row("R", 1 * P + 5 * 64, { cv = 1, sv = 40 }),                    -- before the last: R is not drawn
  row("T", 1 * P + 5 * 64 + 8, { cv = 1, sv = 30 }),                -- T is: in the trend, never paired
  row("B", 3 * P + 5 * 64, { ct = 1, st = 1 }),                     -- no obstetrics: not applicable
  row("B", 3 * P + 5 * 64 + 2, { ct = 1, st = 1 }),                 -- obstetrics
  row("X", 3 * P, { cv = 1, sv = 1 }),                              -- not the plan's
  row("R", 3 * P + 0 * 64 + 3 * 16 + 8, { cv = 0, cr = 0 }),        -- nothing read
}
local acc, paired = S.accumulate(rows, periods, leaf, { T = true }, { [5] = "150000" })
local now = acc["2025S1"].R
eq(now["三级"].sx, 70, "accumulate: by level")
eq(now["合计"].reported, 2, "accumulate: 合计 over the levels")
eq(now["合计"].sd, 110, "accumulate: denominators summed")
eq(now["sub:150000"].reported, 2, "accumulate: and by sub-region")
eq(now["未定级"], nil, "accumulate: a row with nothing reported adds nothing")
eq(paired["2025S1"].R["合计"].reported, 1, "pairing: only who reported R in both periods")
eq(paired["2024S2"].R["合计"].sx, 60, "pairing: the last period over the same institutions")
eq(paired["2025S1"].R["二级"], nil, "pairing: reported this period only: not paired")
eq(acc["2024S1"].R, nil, "accumulate: the periods before the last for the trend's rates only")
eq(acc["2024S1"].T["合计"].sx, 30, "accumulate: a trend rate before the last")
eq(paired["2024S1"].T, nil, "pairing: never before the last period")
eq(acc["2025S1"].B["合计"].reported, 1, "accumulate: a ▲/＃ indicator counts who it applies to only")
eq(acc["2025S1"].X, nil, "accumulate: another plan's indicator is left out")

local f = S.figure(R, now["合计"], 3)
eq(f.applicable .. "/" .. f.reported, "3/2", "figure: applicable and reported")
eq(S.fixed2(f.pooled), "68.18", "figure: pooled = Σn/Σd × 100 (75/110)")
eq(f.pooled_n, 2, "figure: pooled over those that gave n and d")
eq(f.mean, 60.0, "figure: mean of the institutions' rates")
local none = S.figure(R, nil, 4)
eq(none.reported, 0, "figure: no sums, nothing reported")
eq(none.pooled, nil, "figure: missing is not zero")
eq(S.figure(B, acc["2025S1"].B["合计"], 1).yes, 1, "figure: yes/no counts the 是")
eq(S.figure(C, { reported = 2, sx = 9, pn = 0, sn = 0, sd = 0 }, 2).sum, 9, "figure: a count's sum")
eq(S.figure({ code = "Q", type = "rate", asked_of = "reporting" }, nil, 7).applicable, 0,
   "figure: asked only of its reporters: applies to them")

eq(S.stats(R)[1].key .. " " .. S.stats(R)[2].key, "pooled mean", "stats: a rate has 合计率 and 平均率")
eq(S.stats(B)[1].key, "yes", "stats: yes/no")
eq(S.stats(C)[1].label, "合计（例）", "stats: a count's sum with its unit")
eq(S.fixed2(2.675), "2.68", "fixed2: half away from zero")
eq(S.fixed2(-0.001), "0.00", "fixed2: no minus zero")
local pn, pp = S.figure(R, paired["2025S1"].R["合计"], 3), S.figure(R, paired["2024S2"].R["合计"], 3)
local a, b = S.cells("pooled", f, pn, pp)
eq(a .. " " .. b, "68.18 +10.00", "cells: this period, and the change over the paired")
eq(select(1, S.cells("reporting", f, pn, pp)), "2/3", "cells: 填报/适用")
eq(select(1, S.cells("pooled", none, none, none)), "无数据", "cells: none reported: 无数据")
eq(select(1, S.cells("pooled", { applicable = 0, reported = 0 }, none, none)), "—", "cells: not applicable: —")
eq(select(2, S.cells("pooled", f, pn, none)), "", "cells: no change without the last period")
local g = S.group_element("合计", f, pp, pn, pp).attrs
eq(g.change_pooled, "10", "group element: change_pooled")
eq(g.paired_reported, 1, "group element: paired_reported")
eq(g.previous_pooled, "60", "group element: previous_pooled")
eq(g.sum, nil, "group element: no figure, no attribute")

-- the report table: pxr.report.entry
local built = {}
local e = report.entry({ title = "t", units = "u" }, "region", "x.xsd",
                       function(spec, ctx) built[1], built[2] = spec.title, ctx end, { units = "d", groups = true })
e.build("c")
eq(e.title .. e.scope .. e.schema .. e.units, "tregionx.xsdu", "entry: spec's title and units")
eq(e.groups, true, "entry: defaults fill what the spec leaves nil")
eq(built[1] .. built[2], "tc", "entry: build gets the spec and the context")
eq(report.entry({ title = "t", schema = "y.xsd" }, "institution", "x.xsd", print).schema, "y.xsd",
   "entry: spec.schema overrides")
local sum = report.summary { title = "汇总" }
eq(sum.schema .. " " .. sum.scope, "pxr-summary.xsd region", "summary reports share one schema")
eq(sum.units, S.regions, "summary: batch renders every region with institutions")
eq(select(1, pcall(report.summary, {})), false, "summary without a title raises")
local ok, err = pcall(report.summary { title = "x", trend = { "B" } }.build,
  { plugin = { id = "demo", indicators = { B } }, region = "150000", period = "2024S2" })
eq(not ok and tostring(err):find("B is not a rate indicator of plugin demo", 1, true) ~= nil, true,
   "summary: a trend indicator that is not a rate is refused")

-- one summary on the example data: 呼和浩特市's 合计率 as pxr.indicator.summarize has it
local EI01 = { code = "EI01", name = "门诊患者预约诊疗率", type = "rate", unit = "%" }
local plugin = { id = "demo", title = "示例", issuer = "示例委", span = "2023-2025", indicators = { EI01 } }
local seen = {}
local d, x = report.summary { title = "示例汇总", hooks = {
  indicator_rows = function(irows, ind) seen[#seen + 1] = ind.code .. ":" .. #irows end,
  notes = function(notes) notes[#notes + 1] = "　　9.示例注。" end,
  indicator = function(el) el.attrs.name = el.attrs.name .. "（示例）" end,
} }.build({ plugin = plugin, report = "summary", region = "150100", period = "2024S2" })
eq(d.title, "示例汇总", "summary: the document")
-- 呼和浩特市 has 三级 and 未定级 hospitals: a rate's rows are 填报/适用, 合计率, 平均率
eq(table.concat(seen, " "), "EI01:3", "indicator_rows hook: one call per indicator, with its rows")
local tbl
for _, blk in ipairs(d.body) do if blk.kind == "table" then tbl = blk end end
eq(tbl and tbl.notes[#tbl.notes], "　　9.示例注。", "notes hook: the table's notes")
eq(tbl and #tbl.columns, 3 + 2 * 3, "summary: 本期 and 较上期 for each level present and 合计")
local values = {}
for _, v in ipairs(pxr.db.query("SELECT unit, value, numerator, denominator, text FROM value "
                                .. "WHERE indicator = 'EI01' AND period = '2024S2'")) do
  values[v.unit] = v
end
local want = indicator.summarize(EI01, pxr.region.institutions("150100"), values)
local total
for _, el in ipairs(x) do
  if el.tag == "indicator" then
    for _, grp in ipairs(el) do if grp.attrs.level == "合计" then total = grp.attrs end end
  end
end
eq(total and total.pooled, indicator.decimal(want.pooled), "summary: 合计率 as indicator.summarize")
eq(total and total.reported, want.reported, "summary: reported as indicator.summarize")
local named
for _, el in ipairs(x) do if el.tag == "indicator" then named = el.attrs.name end end
eq(named, "门诊患者预约诊疗率（示例）", "indicator hook: the <indicator> element")
print(string.format("report_summary tests: %d run, %d failed", n, failed))
