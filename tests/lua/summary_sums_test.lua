-- pxr_summary_sums (core/store_summary.c) against the same sums in plain SQL: GROUP BY,
-- the pairing of periods as an EXISTS seek per value, who reported as an EXISTS per
-- institution (run by tests/cli/lua_modules.sh on examples/).
local n, failed = 0, 0
local function ok(cond, name, detail)
  n = n + 1
  if cond then print("PASS: summary_sums: " .. name)
  else failed = failed + 1; print("FAIL: summary_sums: " .. name .. (detail and (" (" .. detail .. ")") or "")) end
end
local q = pxr.db.query
local PREV, NOW, OLD = "2024S1", "2024S2", "2023S2"
local PLAN = "EI01,EI02,EI14_IN" -- a plan of three indicators: reporting another is no report

-- g: level * 16 + obstetrics * 2 + (code's last digit odd), as a summary's group would be
local INST = [[WITH inst AS MATERIALIZED (SELECT code, CASE level WHEN '三级' THEN 0
  WHEN '二级' THEN 1 WHEN '一级' THEN 2 ELSE 3 END * 16 + obstetrics * 2
  + (CAST(substr(code, -1) AS INTEGER) % 2) AS g FROM institution ORDER BY code) ]]
local COLS = { "cv", "sv", "cy", "sy", "ct", "st", "cr", "sr", "cn", "sn", "cd", "sd" }

local want, nwant = {}, 0
for _, r in ipairs(q(INST .. [[
  SELECT v.indicator AS ind, CASE v.period WHEN ?1 THEN 2 WHEN ?2 THEN 3 ELSE 0 END * 4294967296
    + inst.g + 8 * (v.period IN (?1, ?2) AND EXISTS (SELECT 1 FROM value w WHERE w.unit = v.unit
      AND w.indicator = v.indicator AND w.period = CASE v.period WHEN ?1 THEN ?2 ELSE ?1 END)) AS k,
    count(*) AS rows, count(v.value) AS cv, total(v.value) AS sv,
    count(nullif(v.value, 0)) AS cy, total(nullif(v.value, 0)) AS sy,
    count(tb) AS ct, total(tb) AS st, count(xr) AS cr, total(xr) AS sr,
    count(xn) AS cn, total(xn) AS sn, count(xd) AS cd, total(xd) AS sd
  FROM inst JOIN (SELECT *, CASE WHEN value IS NULL THEN CASE text WHEN '是' THEN 1 WHEN '1' THEN 1
      WHEN 'true' THEN 1 WHEN '否' THEN 0 WHEN '0' THEN 0 WHEN 'false' THEN 0 END END AS tb,
    CASE WHEN value IS NULL AND denominator <> 0 THEN CAST(numerator AS REAL) / denominator * 100
      END AS xr,
    CASE WHEN denominator IS NOT NULL AND (value IS NOT NULL OR denominator <> 0) THEN numerator
      END AS xn,
    CASE WHEN numerator IS NOT NULL AND (value IS NOT NULL OR denominator <> 0) THEN denominator
      END AS xd FROM value) v ON v.unit = inst.code AND v.period IN (?1, ?2, ?3)
  GROUP BY 1, 2]], PREV, NOW, OLD)) do
  want[r.ind .. "/" .. r.k] = r
  nwant = nwant + 1
end
local plan_in = "'" .. PLAN:gsub(",", "','") .. "'"
local want_counts, ninst = {}, 0
for _, r in ipairs(q(INST .. [[SELECT g * 4 + was * 2 + now AS k, count(*) AS n FROM (
  SELECT inst.g, EXISTS (SELECT 1 FROM value w WHERE w.unit = inst.code AND w.period = ?1
    AND w.indicator IN (]] .. plan_in .. [[)) AS was,
    EXISTS (SELECT 1 FROM value w WHERE w.unit = inst.code AND w.period = ?2
    AND w.indicator IN (]] .. plan_in .. [[)) AS now FROM inst) GROUP BY 1]], PREV, NOW)) do
  want_counts[r.k] = r.n
  ninst = ninst + r.n
end

local SUMS = INST .. [[, s(j) AS (
  SELECT pxr_summary_sums(']] .. PLAN .. [[', inst.code, inst.g,
    CASE v.period WHEN ?1 THEN 2 WHEN ?2 THEN 3 END, v.indicator, v.value, v.numerator,
    v.denominator, v.text)
  FROM inst LEFT JOIN value v ON v.unit = inst.code AND v.period IN (?1, ?2)
  UNION ALL
  SELECT pxr_summary_sums(']] .. PLAN .. [[', inst.code, inst.g, 0, v.indicator, v.value,
    v.numerator, v.denominator, v.text)
  FROM inst JOIN value v ON v.unit = inst.code AND v.period = ?3)
SELECT j.value AS a FROM s, json_each(s.j) j]]
local got, ngot, same, counted, why = 0, 0, true, 0, nil
for _, r in ipairs(q(SUMS, PREV, NOW, OLD)) do
  local a = r.a
  local row = {}
  for x in a:gmatch("[^,%[%]]+") do row[#row + 1] = x end
  if row[1] == "null" then
    local k, count = math.tointeger(tonumber(row[2])), math.tointeger(tonumber(row[3]))
    counted = counted + count
    if want_counts[k] ~= count then same = false; why = why or ("count " .. a) end
    want_counts[k] = nil
  else
    got = got + 1
    local key = row[1]:gsub('"', "") .. "/" .. row[2]
    local w = want[key]
    if not w or tonumber(row[3]) ~= w.rows then
      same = false; why = why or ("group " .. key)
    else
      for i, c in ipairs(COLS) do
        if math.abs(tonumber(row[3 + i]) - w[c]) > 1e-6 * math.max(1, math.abs(w[c])) then
          same = false; why = why or (key .. " " .. c .. ": " .. row[3 + i] .. " against " .. w[c])
        end
      end
    end
    ngot = ngot + 1
  end
end
ok(got > 50 and ngot == nwant, "one group per (indicator, period, group, both), as GROUP BY",
   ngot .. " against " .. nwant)
ok(same, "rows, counts and sums agree with the SQL that pairs by EXISTS", why)
ok(counted == ninst and next(want_counts) == nil,
   "every institution counted once, by group and whether it reported the plan in each period",
   counted .. " against " .. ninst)

local e = q("SELECT pxr_summary_sums('', 'a', 0, 2, 'X', 1, 2, 3, NULL) AS j FROM value WHERE 0")[1]
ok(e.j == "[]", "no rows: no groups", tostring(e.j))
local none = q([[SELECT pxr_summary_sums('X', u, 5, NULL, NULL, NULL, NULL, NULL, NULL) AS j
  FROM (SELECT 'a' AS u UNION ALL SELECT 'b')]])[1]
ok(none.j == "[[null,20,2]]", "an institution without values counts, as not reported", none.j)
local asked = q([[SELECT pxr_summary_sums('X', u, 5, pi, NULL, NULL, NULL, NULL, NULL) AS j
  FROM (SELECT 'a' AS u, 2 AS pi UNION ALL SELECT 'a', 3 UNION ALL SELECT 'a', 0
        UNION ALL SELECT 'b', 3)]])[1]
ok(asked.j == "[[null,20,2]]",
   "a period asked with no value (a LEFT JOIN's NULL row) names the institution, no more", asked.j)
local paired = q([[SELECT pxr_summary_sums('X', u, 0, pi, 'X', x, NULL, NULL, NULL) AS j FROM (
  SELECT 'a' AS u, 2 AS pi, 1.5 AS x UNION ALL SELECT 'a', 3, 0 UNION ALL SELECT 'b', 3, 4)]])[1]
ok(paired.j:find('["X",8589934600,1,1,1.5', 1, true) and paired.j:find('["X",12884901896,1,1,0', 1, true)
   and paired.j:find('["X",12884901888,1,1,4', 1, true) and paired.j:find("[null,3,1]", 1, true)
   and paired.j:find("[null,1,1]", 1, true),
   "a's values of both periods paired, b's alone; a reported in both, b now only", paired.j)
local bad, msg = pcall(q, [[SELECT pxr_summary_sums('', u, 0, 2, 'X', 1, NULL, NULL, NULL) FROM (
  SELECT 'a' AS u UNION ALL SELECT 'b' UNION ALL SELECT 'a')]])
ok(not bad and tostring(msg):find("grouped by unit", 1, true),
   "values of a unit met again after another: an error, not wrong pairs", tostring(msg))
local bad2, msg2 = pcall(q, "SELECT pxr_summary_sums('', 'a', -1, 2, 'X', 1, NULL, NULL, NULL)")
ok(not bad2 and tostring(msg2):find("g an integer", 1, true), "a negative group: an error",
   tostring(msg2))
local bad3, msg3 = pcall(q, "SELECT pxr_summary_sums('', 'a', 8, 2, 'X', 1, NULL, NULL, NULL)")
ok(not bad3 and tostring(msg3):find("g & 8 = 0", 1, true),
   "a group that would take the pairing's 8: an error", tostring(msg3))
if failed > 0 then print(string.format("summary_sums: %d of %d failed", failed, n)) end
