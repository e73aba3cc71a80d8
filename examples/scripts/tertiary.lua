-- 三级医院门诊患者预约诊疗率, best first: a statistician's report script.
-- Run:  pxr run examples/scripts/tertiary.lua 2024S1 tertiary.pdf
local period = arg[1] or "2024S1"
local out = arg[2] or "tertiary.pdf"
local rows = pxr.db.query([[
  SELECT i.name, v.value, v.numerator, v.denominator
  FROM value v JOIN institution i ON i.code = v.unit
  WHERE v.indicator = 'EI01' AND v.period = ? AND i.level = '三级'
  ORDER BY v.value DESC]], period)

local t = { columns = { { title = "医院", width = 4 }, { title = "预约诊疗率（%）", width = 2 },
                        { title = "预约人次/门诊人次", width = 3 } },
            rows = {} }
local pooled = {}
for _, r in ipairs(rows) do
  t.rows[#t.rows + 1] = { r.name, string.format("%.2f", r.value),
                          pxr.indicator.thousands(r.numerator) .. "/" .. pxr.indicator.thousands(r.denominator) }
  pooled[#pooled + 1] = r
end
local rate = pxr.indicator.pooled(pooled)

local body = {
  pxr.doc.paragraph(string.format("本期填报的三级医院共%d家，合计预约诊疗率为%s%%（各院预约人次之和除以门诊人次之和）。",
                                  #rows, rate and string.format("%.2f", rate) or "—")),
  pxr.doc.table(t),
}
pxr.pdf(pxr.doc.document { title = "三级医院门诊患者预约诊疗率", subtitle = pxr.period.label(period),
                           author = "pxr 示例", body = body }, out)
print(out .. ": " .. #rows .. " hospitals")
