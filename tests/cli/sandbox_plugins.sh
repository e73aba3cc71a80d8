# The boundary from the plugins' side: a plugin's table is read once, raw, under the protected
# call, so no metamethod of a plugin runs while C reads it; no command aborts on a broken module;
# what one report does to its plugin table cannot reach the C of the next.  Each case is an escape
# attempt that must end cleanly: no crash (exit 134), no hang, the plugin or module named.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
export PXR_MAX_INSTRUCTIONS=20000000

# bounded RC NAME -- ARGS...: like expect, and within 30 s, and not a crash
bounded() {
  want=$1 bname=$2
  start=$(date +%s)
  expect "$@"
  [ "$rc" -lt 128 ] && pass "$bname: no crash" || fail "$bname: crashed" "exit $rc"
  [ $(($(date +%s) - start)) -lt 30 ] && pass "$bname: ends within seconds" || fail "$bname: took too long"
}
plugin() { # plugin DIR ID BODY: DIR/ID/plugin.lua
  mkdir -p "$1/$2"
  printf '%s\n' "$3" >"$1/$2/plugin.lua"
}

# metatables on the plugin table and inside its catalog: C reads only a raw copy
P=$T/p_index
plugin "$P" evil 'local meta = { __index = function(t, k) error("boom " .. tostring(k)) end,
  __len = function() error("boom len") end, __pairs = function() error("boom pairs") end }
return setmetatable({ id = "evil", title = "Evil plugin", number = "文号1",
  indicators = { setmetatable({ code = "XEV1", name = "x", type = "count" }, meta) },
  measures = setmetatable({ { code = "M1", title = "举措", text = "t" } }, meta),
  reports = setmetatable({}, meta) }, meta)'
P2=$T/p_loop
plugin "$P2" loopy 'return setmetatable({ id = "loopy", title = "Loopy plugin",
  indicators = { setmetatable({ code = "XLO1", name = "x", type = "count" },
                              { __index = function() while true do end end }) } },
  { __index = function() while true do end end })'
for dir in "$P" "$P2"; do
  id=$(ls "$dir")
  for cmd in plugins "plugins --reports" "catalog $id" "catalog $id --format csv" validate \
    "template $id --period 2024S2 -o $T/$id.csv"; do
    bounded 0 "$id: pxr $cmd" -- --plugins "$dir" $cmd
    hasnt "$T/err" "boom" "$id: pxr $cmd: no metamethod of the plugin ran"
  done
  bounded 0 "$id: pxr init syncs the catalog" -- --plugins "$dir" init
done
same "$(sql "SELECT name FROM indicator WHERE code = 'XEV1'")" x "evil: the catalog is what the table holds raw"
same "$(sql "SELECT count(*) FROM measure WHERE plugin = 'evil'")" 1 "evil: its measures are synced"
pxr --plugins "$P" plugins
has "$T/out" "文号：文号1" "evil: pxr plugins lists the raw fields"
# pxr.plugins() gives copies: a script that changes them changes nothing that C reads later
printf '%s\n' 'local ps = pxr.plugins()
ps[1].reports = setmetatable({}, { __index = function() error("boom") end })
ps[1] = setmetatable({}, { __index = function() error("boom") end })
print(#pxr.plugins(), pxr.plugins()[1].id, getmetatable(pxr.plugins()[1]))' >"$T/mutate.lua"
bounded 0 "mutate: a script changes what pxr.plugins() returned" -- --plugins "$P" run "$T/mutate.lua"
has "$T/out" "1	evil	nil" "mutate: the next pxr.plugins() is the plugin as loaded"

# a nested table that cannot be copied (too deep) is an error naming the plugin file
P3=$T/p_deep
plugin "$P3" deep 'local t = {}
local c = t
for i = 1, 200 do c.x = {} c = c.x end
return { id = "deep", title = "Deep", data = t }'
bounded 1 "deep: a plugin nested too deep" -- --plugins "$P3" plugins
has "$T/err" "deep/plugin.lua" "deep: the message names the plugin file"
has "$T/err" "nested more than" "deep: the message says why"
P4=$T/p_cycle
plugin "$P4" cycle 'local t = { id = "cycle", title = "Cycle" }
t.self = t
t.list = { t, t }
return t'
bounded 0 "cycle: a table that contains itself is copied once" -- --plugins "$P4" plugins

# a report's document with metamethods, and a report that changes its plugin for the next unit
P5=$T/p_report
plugin "$P5" evilr 'local doc = require("pxr.doc")
local meta = { __index = function(t, k) error("boom " .. k) end, __newindex = function() error("boom new") end }
return { id = "evilr", title = "Evil reports", reports = {
  r = { title = "r", scope = "region", schema = "pxr-figures.xsd", build = function(ctx)
    ctx.plugin.reports.r = setmetatable({}, meta)
    setmetatable(ctx.plugin, meta)
    local d = doc.document { title = "Evil", body = { doc.paragraph("正文") } }
    local result = { tag = "figures", ns = "urn:pxr:figures:1", attrs = { title = "r" } }
    return setmetatable(d, meta), result
  end } } }'
mkdir -p "$T/o"
year=$(date +%Y)
month=$(date +%m)
running=${year}S$([ "${month#0}" -le 6 ] && echo 1 || echo 2)
bounded 0 "evilr: a running period's report (draft watermark set on a document with metamethods)" \
  -- --plugins "$P5" report evilr r --period "$running" --region 150000 -o "$T/o/r.pdf"
hasnt "$T/err" "boom" "evilr: no metamethod of the document ran in C"
pdftotext "$T/o/r.pdf" - 2>/dev/null | tr -d ' \n' >"$T/o/r.txt"
has "$T/o/r.txt" "草稿" "evilr: the draft watermark is on the page"
bounded 0 "evilr: batch, each unit after one that changed its plugin table" \
  -- --plugins "$P5" batch evilr r --period 2024S2 --each region -o "$T/o/b"
hasnt "$T/err" "boom" "evilr batch: no unit saw what an earlier one did to its plugin"
n=$(ls "$T/o/b" | grep -c '\.pdf$')
[ "$n" -gt 1 ] && pass "evilr batch: every unit written ($n)" || fail "evilr batch: units written" "$n"

# one protected boundary: a syntax error in any module of lua/pxr/ is a message naming the
# module, never SIGABRT, whatever command loads it
H=$T/home-broken
mkdir -p "$H/reports"
cp -R "$ROOT/lua" "$ROOT/plugins" "$ROOT/fonts" "$H/" && cp -R "$ROOT/reports/schema" "$H/reports/"
printf '%s\n' 'print(pxr.period.label("2024S1"), pxr.indicator ~= nil, pxr.doc ~= nil)' >"$T/uses.lua"
crashes=""
for m in "$ROOT"/lua/pxr/*.lua; do
  name=$(basename "$m")
  cp "$m" "$H/lua/pxr/$name"
  echo 'return nil +' >>"$H/lua/pxr/$name"
  for cmd in plugins "plugins --reports" "catalog nhc2023" validate "status nhc2023 --period 2024S2" \
    "template nhc2023 --period 2024S2 -o $T/f.csv" "run $T/uses.lua" \
    "report nhc2023 evaluation --period 2024S2 --institution H150100001 -o $T/f.pdf"; do
    PXR_HOME=$H pxr $cmd
    if [ "$rc" -ge 128 ]; then crashes="$crashes; $name: pxr $cmd: exit $rc"; fi
    if [ "$rc" -ne 0 ] && ! grep -q "lua/pxr/" "$T/err"; then
      crashes="$crashes; $name: pxr $cmd: exit $rc without naming the module: $(head -c 120 "$T/err")"
    fi
  done
  cp "$m" "$H/lua/pxr/$name"
done
same "${crashes#; }" "" "broken modules: every command fails cleanly, naming the module"

# the plugin reader: a field of the wrong type or a missing one refuses the plugin with one message
# naming its file and the field, for every command (each reads the plugins first), and before
# anything is written: `pxr init` leaves the catalog as it was
catalog_before=$(sql "SELECT count(*) FROM plugin")
# refused CASE FIELD-MESSAGE BODY: plugins/CASE/plugin.lua returning BODY is refused with the message
refused() {
  dir=$T/bad_$1
  plugin "$dir" "$1" "$3"
  for cmd in plugins init "catalog $1"; do
    bounded 1 "$1: pxr $cmd refuses the plugin" -- --plugins "$dir" $cmd
    has "$T/err" "bad_$1/$1/plugin.lua: $2" "$1: pxr $cmd names the file and the field"
    hasnt "$T/err" "boom" "$1: pxr $cmd: no metamethod of the plugin ran"
  done
  [ "$(grep -c . "$T/err")" -eq 1 ] && pass "$1: one message" || fail "$1: one message" "$(cat "$T/err")"
}
refused title_table "title must be text, not table" \
  'return { id = "title_table", title = setmetatable({}, { __tostring = function() error("boom") end }) }'
refused no_title "title is missing" 'return { id = "no_title" }'
refused ind_list "indicators must be a table, not string" \
  'return { id = "ind_list", title = "t", indicators = "EI01" }'
refused ind_type "indicators[2].type is missing" 'return { id = "ind_type", title = "t", indicators = {
  { code = "XA1", name = "a", type = "count" }, { code = "XA2", name = "b" } } }'
refused ind_kind "indicators[1].type must be one of rate, count" \
  'return { id = "ind_kind", title = "t", indicators = { { code = "XB1", name = "a", type = "percent" } } }'
refused part_name "indicators[1].parts[1].name must be text, not function" \
  'return { id = "part_name", title = "t", indicators = { { code = "XC1", name = "a", type = "rate",
    parts = { { code = "XC1a", name = function() end, type = "count" } } } } }'
refused meas_meta "measures[1].code is missing" 'return { id = "meas_meta", title = "t",
  measures = { setmetatable({}, { __index = function(_, k) error("boom " .. k) end }) } }'
refused meas_hole "measures[2] must be a table, not number" \
  'return { id = "meas_hole", title = "t", measures = { { code = "1", title = "a" }, 2 } }'
refused tgt_value "targets[1].value must be a number, not string" \
  'return { id = "tgt_value", title = "t", targets = { { code = "T1", comparator = ">=", value = "1/3" } } }'
refused tgt_cmp "targets[1].comparator must be one of >=, <=, =, >, <, not '≥'" \
  'return { id = "tgt_cmp", title = "t", targets = { { code = "T1", comparator = "≥", value = 1 } } }'
refused sections "narrative_sections[2] must be text, not table" \
  'return { id = "sections", title = "t", narrative_sections = { "落实的情况", {} } }'
refused rep_table "reports.r must be a table, not string" \
  'return { id = "rep_table", title = "t", reports = { r = "build" } }'
refused rep_build "reports.r.build is missing" \
  'return { id = "rep_build", title = "t", reports = { r = { scope = "region" } } }'
refused rep_units "reports.r.units must be a function, not table" 'return { id = "rep_units", title = "t",
  reports = { r = { scope = "region", units = { "150000" }, build = function() end } } }'
refused rep_scope "reports.r.scope must be one of institution, region, not 'county'" \
  'return { id = "rep_scope", title = "t", reports = { r = { scope = "county", build = function() end } } }'
refused rep_key "a report's name (a key of reports) must be text, not number" \
  'return { id = "rep_key", title = "t", reports = { function() end } }'
same "$(sql "SELECT count(*) FROM plugin")" "$catalog_before" "refused plugins: pxr init wrote nothing"
# numbers are text where text is asked for, as Lua reads them; a report's scope defaults to institution
P6=$T/p_numbers
plugin "$P6" numbers 'return { id = "numbers", title = "Numbers", span = 2016, example_period = 2016,
  measures = { { code = 1, title = "举措" } },
  reports = { b = { build = function() end }, a = { scope = "region", build = function() end } } }'
bounded 0 "numbers: text fields given as numbers" -- --plugins "$P6" plugins
has "$T/out" "1 measures, 0 indicators, 0 targets; reports: a, b" "numbers: counts and sorted report names"
bounded 0 "numbers: pxr plugins --reports" -- --plugins "$P6" plugins --reports
same "$(cat "$T/out")" "numbers a region 2016
numbers b institution 2016" "numbers: one line per report, scope and example period"
bounded 0 "numbers: pxr init syncs it" -- --plugins "$P6" init
same "$(sql "SELECT span FROM plugin WHERE id = 'numbers'")|$(sql "SELECT code FROM measure WHERE plugin = 'numbers'")" \
  "2016|1" "numbers: the store has them as text"

# what C copies of a plugin's tables counts in PXR_MAX_MEMORY_MB with the Lua state and SQLite: a
# table listed 10^5 times costs Lua one slot each but C a struct and its strings each, 300 MB here;
# a 1 MB text shared by 100 measures is 100 MB of C.  Refused with the limit and the file named,
# nothing synced; the same plugins with a small count load.
catalog_before=$(sql "SELECT count(*) FROM plugin")
P7=$T/p_huge
plugin "$P7/inds" inds 'local one = { code = "XH1", name = string.rep("名", 1000), type = "count" }
local inds = {}
for i = 1, 100000 do inds[i] = one end
return { id = "inds", title = "Huge", indicators = inds }'
plugin "$P7/texts" texts 'local text = string.rep("文", 350000)
local measures = {}
for i = 1, 100 do measures[i] = { code = tostring(i), title = "举措", text = text } end
return { id = "texts", title = "Huge texts", measures = measures }'
for id in inds texts; do
  for cmd in plugins init "catalog $id"; do
    (export PXR_MAX_MEMORY_MB=64 && bounded 1 "$id: pxr $cmd refuses a plugin too big for the budget" \
      -- --plugins "$P7/$id" $cmd)
    has "$T/err" "p_huge/$id/$id/plugin.lua: the plugin's tables need more than 64 MB of memory" \
      "$id: pxr $cmd names the file and the limit"
    has "$T/err" "PXR_MAX_MEMORY_MB" "$id: pxr $cmd names the setting"
    [ "$(grep -c . "$T/err")" -eq 1 ] && pass "$id: pxr $cmd: one message" ||
      fail "$id: pxr $cmd: one message" "$(head -c 300 "$T/err")"
  done
done
same "$(sql "SELECT count(*) FROM plugin")" "$catalog_before" "huge plugins: pxr init wrote nothing"
sed -i 's/1, 100000 do/1, 100 do/' "$P7/inds/inds/plugin.lua"
sed -i 's/for i = 1, 100 do/for i = 1, 3 do/' "$P7/texts/texts/plugin.lua"
for id in inds texts; do
  (export PXR_MAX_MEMORY_MB=64 && bounded 0 "$id: the same plugin, smaller, fits in 64 MB" \
    -- --plugins "$P7/$id" plugins)
done
has "$T/out" "3 measures, 0 indicators" "texts: the smaller plugin is read"
