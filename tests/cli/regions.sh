#!/bin/sh
# The built-in regions: `pxr init` loads mainland China to county level under
# 100000 全国; a regions file still adds and renames, but may not make a region
# its own ancestor; an older database upgrades without losing a value; and the
# statistical middle level 310100 市辖区 changes no region walk or report (the
# same reports over the flat list of tests/fixtures/regions-flat-2260.csv,
# Shanghai's districts directly under 上海市, as pxr had it before).
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
DATA=$ROOT/core/data/regions-cn-2023.csv

expect 0 "regions: init" -- init
has "$T/out" "3349 built-in regions added" "regions: init says how many regions it added"
same "$(sql 'SELECT count(*) FROM region')" "$(wc -l <"$DATA" | tr -d ' ')" \
  "regions: every row of the built-in list, and the root (3,349)"
same "$(sql "SELECT level, count(*) FROM region GROUP BY level ORDER BY level" | tr '\n' ' ')" \
  "country|1 county|2975 prefecture|342 province|31 " "regions: 1 root, 31 provinces, 342 prefectures, 2,975 counties"
same "$(sql "SELECT r.name || '<' || p.name || '<' || g.name FROM region r JOIN region p ON p.code = r.parent JOIN region g ON g.code = p.parent WHERE r.code = '440305'")" \
  "南山区<深圳市<广东省" "regions: 440305 南山区 under 440300 深圳市 under 广东省"
same "$(sql "SELECT name || ',' || level || ',' || ifnull(parent, 'none') FROM region WHERE code = '100000'")" \
  "全国,country,none" "regions: 100000 全国 is the root"
same "$(sql "SELECT count(*) FROM region WHERE level = 'province' AND parent = '100000'")" 31 \
  "regions: the 31 provinces hang from 100000"
same "$(sql "SELECT count(*) FROM region WHERE parent IS NULL")" 1 "regions: one root, nothing else without a parent"
same "$(sql "SELECT parent FROM region WHERE code = '310101'")" 310100 "regions: 黄浦区 sits under 310100 市辖区"
dump() { sqlite3 "$PXR_DB" "SELECT * FROM region ORDER BY code" | sha256sum; }
before=$(dump)
expect 0 "regions: init again" -- init
has "$T/out" " 0 built-in regions added" "regions: a second init adds nothing"
same "$(dump)" "$before" "regions: a second init changes no region"

# Institutions need no regions file first.
expect 0 "regions: institutions import on the built-in regions alone" -- import "$E/institutions.csv"
printf 'code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\nH1,甲医院,440399,三级,甲,综合,公立,否,否\n' >"$T/bad-inst.csv"
expect 1 "regions: an institution in an unknown region is refused" -- import "$T/bad-inst.csv"
has "$T/err" "bad-inst.csv:2" "regions: the message names file and line"
has "$T/err" "'440399'" "regions: the message names the code"

# A rename survives a later init (insert-if-absent); an addition is counted as new.
printf 'code,name,parent,level\n361130,婺源县（测试更名）,361100,county\n' >"$T/rename.csv"
expect 0 "regions: a rename imports" -- import "$T/rename.csv"
has "$T/out" "1 changed" "regions: the rename is one changed row"
expect 0 "regions: init after the rename" -- init
same "$(sql "SELECT name FROM region WHERE code = '361130'")" "婺源县（测试更名）" "regions: init keeps an imported name"
sqlite3 "$PXR_DB" "DELETE FROM region WHERE code = '130171'"
printf 'code,name,parent,level\n130171,石家庄高新技术产业开发区,130100,county\n' >"$T/add.csv"
expect 0 "regions: an addition imports" -- import "$T/add.csv"
has "$T/out" "1 new" "regions: the addition is one new row"
printf 'code,name,parent,level\n150000,内蒙古自治区,,province\n' >"$T/top.csv"
expect 0 "regions: a province without a parent imports" -- import "$T/top.csv"
same "$(sql "SELECT parent FROM region WHERE code = '150000'")" 100000 "regions: an empty parent means 100000 全国"
has "$T/out" "0 changed" "regions: so the built-in province is unchanged"

# Cycles: refused with file, line and field; the database stays as it was.
cycle() { # cycle NAME CONTENT LINE TEXT
  printf '%s\n' "$2" >"$T/cycle.csv"
  before=$(dump)
  expect 1 "regions: $1 is refused" -- import "$T/cycle.csv"
  has "$T/err" "cycle.csv:$3:" "regions: $1: file and line named"
  has "$T/err" "field 'parent'" "regions: $1: the field named"
  has "$T/err" "$4" "regions: $1: says why"
  same "$(dump)" "$before" "regions: $1: database unchanged"
}
cycle "a code that is its own parent" "$(printf 'code,name,parent,level\n441900,东莞市,441900,county')" 2 "its own parent"
cycle "a province under its own prefecture" "$(printf 'code,name,parent,level\n150000,内蒙古自治区,150100,province')" 2 "its own ancestor"
cycle "a loop closed by a later line" \
  "$(printf 'code,name,parent,level\n150200,包头市,150100,prefecture\n150300,乌海市,150000,prefecture\n150100,呼和浩特市,150200,prefecture')" \
  4 "150200 lies below 150100"
printf 'code,name,parent,level\n100000,全国,150100,country\n' >"$T/root.csv"
expect 1 "regions: the root under one of its regions is refused" -- import "$T/root.csv"
expect 0 "regions: reports still run after the refused files" -- \
  report nhc2023 summary --period 2024S2 --region 150000 -o "$T/after.pdf"

# An older database (schema 2, the flat regions file imported) upgrades on init.
V2=$T/v2.db
sqlite3 "$V2" <"$ROOT/tests/fixtures/regions-store-v2.sql"
values() { sqlite3 "$V2" "SELECT indicator, unit, period, value, numerator, denominator, text, import_id FROM value ORDER BY 1, 2, 3" | sha256sum; }
v_before=$(values)
n_before=$(sqlite3 "$V2" "SELECT count(*) FROM value")
inst_before=$(sqlite3 "$V2" "SELECT * FROM institution ORDER BY code" | sha256sum)
expect 0 "regions: a schema-2 database upgrades on init" -- --db "$V2" init
same "$(sqlite3 "$V2" 'PRAGMA user_version')" "$(sql 'PRAGMA user_version')" "regions: the old database has the new schema"
same "$(values)" "$v_before" "regions: the upgrade keeps every value ($n_before)"
same "$(sqlite3 "$V2" "SELECT * FROM institution ORDER BY code" | sha256sum)" "$inst_before" "regions: and every institution"
same "$(sqlite3 "$V2" 'SELECT count(*) FROM region')" 3349 "regions: the old database gets the built-in regions"
same "$(sqlite3 "$V2" "SELECT parent || ',' || level FROM region WHERE code = '310101'")" "310000,district" \
  "regions: an imported region keeps its parent and level"
same "$(sqlite3 "$V2" "SELECT parent FROM region WHERE code = '150000'")" 100000 "regions: imported provinces now hang from 全国"
same "$(sqlite3 "$V2" 'PRAGMA foreign_key_check' | wc -l | tr -d ' ')" 0 "regions: every reference resolves after the upgrade"
same "$(sqlite3 "$V2" 'PRAGMA integrity_check')" ok "regions: the upgraded file is intact"

# Shanghai: built-in (上海市 → 市辖区 → 区) against flat (上海市 → 区), the same results.
FLAT=$T/flat.db
for db in "$T/pxr.db" "$FLAT"; do rm -f "$db"*; done
expect 0 "regions: built-in database" -- init
expect 0 "regions: built-in database, examples" -- import "$E"/*.csv "$E"/*-narratives-*.md
expect 0 "regions: flat database" -- --db "$FLAT" init
expect 0 "regions: flat database, the old regions file and the examples" -- --db "$FLAT" import \
  "$ROOT/tests/fixtures/regions-flat-2260.csv" "$E"/*.csv "$E"/*-narratives-*.md
same "$(sqlite3 "$FLAT" "SELECT count(*) FROM region WHERE parent = '310000'")" 17 \
  "regions: the flat database has the districts directly under 上海市 (and 市辖区)"
cat >"$T/walk.lua" <<'LUA'
local region = pxr.region
local codes = {}
for _, r in ipairs(region.children("310000")) do codes[#codes + 1] = r.code .. r.name end
print("children", table.concat(codes, " "))
print("within", region.within("310101", "310000"), region.within("310151", "310000"), region.within("150100", "310000"))
print("path", region.path("310104"), region.path("310000"), region.path("150100"), region.path("100000"))
print("below", pxr.db.query(region.BELOW .. "SELECT count(*) AS n FROM institution i JOIN below b ON i.region = b.code", "310000")[1].n)
print("institutions", #region.institutions("310000"), #region.institutions("310115"))
LUA
expect 0 "regions: region walks, built-in" -- run "$T/walk.lua"
grep -v '^$' "$T/out" >"$T/walk-builtin"
expect 0 "regions: region walks, flat" -- --db "$FLAT" run "$T/walk.lua"
grep -v '^$' "$T/out" >"$T/walk-flat"
if cmp -s "$T/walk-builtin" "$T/walk-flat"; then pass "regions: children, within, path, BELOW and institutions agree"; else
  fail "regions: children, within, path, BELOW and institutions agree" "$(diff "$T/walk-flat" "$T/walk-builtin" | head -c 400)"
fi
has "$T/walk-builtin" "path	上海市 徐汇区	上海市	内蒙古自治区 呼和浩特市	全国" "regions: paths leave out 市辖区 and 全国"
same "$(grep -c . "$T/walk-builtin")" 5 "regions: the walk script printed every line"
same "$(grep '^children' "$T/walk-builtin" | tr ' \t' '\n\n' | grep -c '^3101[0-9][0-9]')" 16 \
  "regions: 上海市's children are its 16 districts, not 310100 市辖区"

# Reports that list districts or 盟市, and the regions a batch covers: identical XML.
compare() { # compare NAME PLUGIN REPORT PERIOD REGION
  expect 0 "regions: $1, built-in" -- report "$2" "$3" --period "$4" --region "$5" -o "$T/a.pdf" --xml "$T/a.xml"
  expect 0 "regions: $1, flat" -- --db "$FLAT" report "$2" "$3" --period "$4" --region "$5" -o "$T/b.pdf" --xml "$T/b.xml"
  if cmp -s "$T/a.xml" "$T/b.xml"; then pass "regions: $1: the same XML"; else
    fail "regions: $1: the same XML" "$(diff "$T/b.xml" "$T/a.xml" | head -c 400)"
  fi
  pdftotext -layout "$T/a.pdf" "$T/a.txt"; pdftotext -layout "$T/b.pdf" "$T/b.txt"
  if cmp -s "$T/a.txt" "$T/b.txt"; then pass "regions: $1: the same PDF text"; else
    fail "regions: $1: the same PDF text" "$(diff "$T/b.txt" "$T/a.txt" | head -c 400)"
  fi
}
compare "shanghai2023 semiannual of 上海市 (by district)" shanghai2023 semiannual 2024S1 310000
compare "shanghai2023 semiannual of 浦东新区" shanghai2023 semiannual 2024S1 310115
compare "innermongolia2023 targets by 盟市" innermongolia2023 targets 2024S2 150000
compare "nhc2023 summary of 上海市" nhc2023 summary 2024S2 310000
compare "nhc2016 summary of 上海市" nhc2016 summary 2016 310000
for plugin_report in "shanghai2023 semiannual 2024S1" "innermongolia2023 targets 2024S2" "nhc2016 summary 2016"; do
  set -- $plugin_report
  expect 0 "regions: batch $1 $2, built-in" -- batch "$1" "$2" --period "$3" --each region -o "$T/ba-$1"
  expect 0 "regions: batch $1 $2, flat" -- --db "$FLAT" batch "$1" "$2" --period "$3" --each region -o "$T/bb-$1"
  same "$(ls "$T/ba-$1" | tr '\n' ' ')" "$(ls "$T/bb-$1" | tr '\n' ' ')" "regions: batch $1 $2 covers the same units"
done
rm -rf "$T"
