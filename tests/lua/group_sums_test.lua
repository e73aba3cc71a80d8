-- pxr_group_sums (core/store_group.c) against SQLite's own GROUP BY over the example
-- values (run by tests/cli/lua_modules.sh on examples/).
local n, failed = 0, 0
local function ok(cond, name, detail)
  n = n + 1
  if cond then print("PASS: group_sums: " .. name)
  else failed = failed + 1; print("FAIL: group_sums: " .. name .. (detail and (" (" .. detail .. ")") or "")) end
end
local q = pxr.db.query

local want = {}
for _, r in ipairs(q([[SELECT v.indicator, i.level = '三级' AS k, count(*) AS rows,
    count(v.numerator) AS cn, total(v.numerator) AS sn, count(v.text) AS ct
    FROM value v JOIN institution i ON i.code = v.unit WHERE v.period = ?
    GROUP BY v.indicator, k]], "2024S2")) do
  want[r.indicator .. "/" .. r.k] = r
end
local got, groups, same = {}, 0, true
for _, r in ipairs(q([[SELECT j.value ->> 0 AS indicator, j.value ->> 1 AS k, j.value ->> 2 AS rows,
    j.value ->> 3 AS cn, j.value ->> 4 AS sn, j.value ->> 5 AS ct, j.value ->> 6 AS st
    FROM json_each((SELECT pxr_group_sums(v.indicator, i.level = '三级', v.numerator, v.text)
    FROM value v JOIN institution i ON i.code = v.unit WHERE v.period = ?)) j]], "2024S2")) do
  groups = groups + 1
  local w = want[r.indicator .. "/" .. r.k]
  got[r.indicator .. "/" .. r.k] = true
  if not (w and w.rows == r.rows and w.cn == r.cn and math.abs(w.sn - r.sn) < 1e-6
          and r.ct == 0 and r.st == 0) then
    same = false
  end
end
local expected = 0
for k in pairs(want) do expected = expected + 1; if not got[k] then same = false end end
ok(groups > 10 and groups == expected, "one group per (indicator, 三级 or not), as GROUP BY",
   groups .. " against " .. expected)
ok(same, "rows, counts and sums agree with GROUP BY; a text is not a number")

local e = q("SELECT pxr_group_sums(1, 2, 3) AS j FROM value WHERE 0")[1]
ok(e.j == "[]", "no rows: no groups", tostring(e.j))
local t = q([[SELECT pxr_group_sums(k, NULL, x) AS j FROM (SELECT 'a"b' AS k, 1.5 AS x
  UNION ALL SELECT 'a"b', NULL UNION ALL SELECT NULL, 2)]])[1]
ok(t.j == '[["a\\"b",null,2,1,1.5],[null,null,1,1,2.0]]', "text keys escaped, NULL keys and values", t.j)
local bad = pcall(q, "SELECT pxr_group_sums(1) FROM value LIMIT 1")
ok(not bad, "one key is a mistake")
if failed > 0 then print(string.format("group_sums: %d of %d failed", failed, n)) end
