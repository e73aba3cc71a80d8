#!/bin/sh
# pxr.national_indicators and pxr.indicator, run in the sandbox with `pxr run`.
# The ▲/＃ marks expected are read from tests/sources/facts (checked against the document).
. "$(dirname "$0")/../lib.sh"

marks=$(python3 - "$ROOT/tests/sources/facts/national-indicators.tsv" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")]
print(" ".join(n + m for n, name, m in rows if m))
EOF
)

cat >"$T/t.lua" <<'EOF'
local national = require("pxr.national_indicators")
local ind = require("pxr.indicator")
local function check(cond, name, got)
  print((cond and "PASS: " or "FAIL: ") .. "pxr.indicator: " .. name
        .. ((cond or got == nil) and "" or " (got " .. tostring(got) .. ")"))
end

local list = national.list()
check(#list == 27, "27 national indicators", #list)
local seen, ok = {}, true
for i, t in ipairs(list) do
  ok = ok and t.number == i and t.code == string.format("EI%02d", i) and not seen[t.code]
       and t.source == require("pxr.sources").innermongolia2023.cite and not t.name:find("▲", 1, true)
       and not t.name:find("＃", 1, true)
  seen[t.code] = true
end
check(ok, "numbers 1..27, codes EI01..EI27, source, names without marks")
local want, got = {}, {}
for _, a in ipairs({ ... }) do want[#want + 1] = a end
for _, t in ipairs(list) do
  local m = national.marks[t.applicability]
  if m then got[#got + 1] = t.number .. m end
end
check(#want > 0 and table.concat(got, " ") == table.concat(want, " "), "▲/＃ as the seed marks them",
      table.concat(got, " "))
check(#list[14].parts == 2 and list[14].parts[1].parent == "EI14" and list[20].parts[2].code == "EI20_IP"
      and list[20].parts[1].applicability == "tertiary_or_lead", "compound 14 and 20 have parts")
list[1].name = "changed"
check(national.list()[1].name == "门诊患者预约诊疗率", "list() returns fresh tables")
check(national.unit_assumed(list[5]) and not national.unit_assumed(list[1]), "assumed units are marked")

check(ind.rate(1, 4) == 25 and ind.rate(1, 0) == nil and ind.rate(nil, 4) == nil, "rate")
local t = { code = "X", applicability = "tertiary_or_lead" }
local a1 = ind.applies(t, { level = "二级", alliance_lead = 1, obstetrics = 0 })
local a2, why = ind.applies(t, { level = "二级", alliance_lead = 0, obstetrics = 1 })
local a3 = ind.applies(t, { level = "三级", alliance_lead = 0, obstetrics = 0 })
check(a1 and not a2 and a3 and why == "适用于三级医院和医联体的牵头医院", "▲: 三级 or alliance lead")
local o = { code = "Y", applicability = "obstetrics" }
check(ind.applies(o, { level = "三级", obstetrics = 1 }) and not ind.applies(o, { level = "三级", obstetrics = 0 }),
      "＃: obstetrics")
check(not pcall(ind.applies, { applicability = "bogus" }, {}), "unknown applicability raises")

local b, r = { type = "bool" }, { type = "rate" }
check(ind.value_of(b, { value = 0 }) == 0 and ind.value_of(b, { text = "是" }) == 1
      and ind.value_of(b, {}) == nil, "bool values")
check(ind.value_of(r, { numerator = 3, denominator = 4 }) == 75, "rate computed from num/den")
check(ind.value_of(r, nil) == nil and ind.status(r, {}, nil) == "未填报", "missing is not zero")
check(ind.status(r, {}, { value = 0 }) == "已填报", "a reported zero is reported")
check(ind.status(o, { obstetrics = 0 }, { value = 5 }) == "不适用", "不适用 wins over a value")
check(ind.check(r, { value = 60, numerator = 7, denominator = 5 }) == "分子大于分母", "numerator > denominator")
check(ind.check(r, { value = 61, numerator = 3, denominator = 5 }) == "数值与分子/分母不一致", "value disagrees")
check(ind.check(r, { value = 66.67, numerator = 2, denominator = 3 }) == nil, "rounded value agrees")

local p, n = ind.pooled({ { numerator = 1, denominator = 2 }, { numerator = 3, denominator = 6 },
                          { numerator = 5 } })
check(p == 50 and n == 2, "pooled rate skips incomplete rows", p)
local p2 = ind.pooled({ { numerator = 1, denominator = 10 }, { numerator = 90, denominator = 100 } })
check(math.abs(p2 - 91 / 110 * 100) < 1e-9, "pooled is not the mean of rates", p2)
local m, k = ind.mean({ 10, 20, nil, 60 })
check(m == 30 and k == 3 and ind.mean({}) == nil, "mean", m)
check(ind.meets({ comparator = ">=", value = 60 }, 60) == true
      and ind.meets({ comparator = ">=", value = 60 }, 59.99) == false
      and ind.meets({ comparator = "<=", value = 20 }, nil) == nil, "meets")
check(ind.thousands(1234567) == "1,234,567" and ind.thousands(999) == "999"
      and ind.thousands(-1234) == "-1,234" and ind.thousands(0) == "0", "thousands", ind.thousands(1234567))
check(ind.decimal(66.666666666) == "66.666667" and ind.decimal(60.0) == "60" and ind.decimal(1e-7) == "0"
      and ind.decimal(-1e-7) == "0" and ind.decimal(1e20) == "100000000000000000000", "decimal",
      ind.decimal(1e20))
check(ind.display(r, 5) == "5.00" and ind.display(b, 1) == "是" and ind.display(b, 0) == "否"
      and ind.display({ type = "count" }, 12345) == "12,345"
      and ind.display({ type = "duration" }, 17.25) == "17.25" and ind.display(r, nil) == nil, "display")
EOF

# shellcheck disable=SC2086
pxr run "$T/t.lua" $marks
cat "$T/out"
if [ "$rc" -ne 0 ]; then fail "pxr.indicator: script ran" "exit $rc: $(head -c 400 "$T/err")"; fi
grep -q '^PASS: pxr.indicator: display' "$T/out" || fail "pxr.indicator: all checks ran"
rm -rf "$T"
