# pxr run: limits that hold inside C calls, the files a script may write, and one protected
# boundary for every call into Lua.  Each case is an escape attempt that must fail cleanly:
# exit 1, the script or the limit named, within seconds, nothing written outside the output
# directory.  docs/sandbox.md lists the guarantees these check.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
OUT=$T/outdir OUTSIDE=$T/outside
mkdir -p "$OUT" "$OUTSIDE"
cd "$OUT" || exit 1

script() { printf '%s\n' "$2" >"$T/$1.lua"; }
# stopped NAME EXPECTED-TEXT ARGS...: exit 1 within 30 s, the script and the reason named
stopped() {
  sname=$1 why=$2
  shift 2
  start=$(date +%s)
  expect 1 "$sname: exit 1" -- run "$T/$sname.lua" "$@"
  [ $(($(date +%s) - start)) -lt 30 ] && pass "$sname: stops within seconds" || fail "$sname: took too long"
  has "$T/err" "$sname.lua:" "$sname: message names the script"
  has "$T/err" "$why" "$sname: message says why ($why)"
}
nothing_outside() {
  [ -z "$(ls -A "$OUTSIDE")" ] && pass "$1: nothing written outside" || fail "$1: wrote outside" "$(ls -A "$OUTSIDE")"
}
no_temp() {
  [ -z "$(ls -A "$OUT" | grep -E '\.tmp')" ] && pass "$1: no temporary file left" || fail "$1: temporary left" "$(ls -A "$OUT")"
}

# the wall-clock deadline, in Lua, in SQLite, in a string pattern and in the layout of a huge paragraph
export PXR_MAX_SECONDS=2 PXR_MAX_INSTRUCTIONS=100000000000
script lua_loop 'while true do end'
stopped lua_loop "PXR_MAX_SECONDS"
script sql_loop 'pxr.db.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")'
stopped sql_loop "PXR_MAX_SECONDS"
has "$T/err" "sql_loop.lua:1:" "sql_loop: message names the line of the query"
script sql_caught 'for i = 1, 3 do print(pcall(pxr.db.query, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")) end
print("escaped")'
stopped sql_caught "PXR_MAX_SECONDS"
hasnt "$T/out" "escaped" "sql_caught: pcall does not swallow the deadline"
script pattern '
local s = string.rep("a", 40)
print(string.find(s, ".-.-.-.-.-.-.-.-.-.-.-.-b"))'
stopped pattern "PXR_MAX_SECONDS"
has "$T/err" "pattern.lua:3:" "pattern: message names the line of the match"
for f in gsub match gmatch; do
  case $f in gsub) call="s:gsub(p, '')" ;; match) call="s:match(p)" ;; gmatch) call="s:gmatch(p)()" ;; esac
  script "${f}_pattern" "local s, p = string.rep('a', 40), '.-.-.-.-.-.-.-.-.-.-.-.-b'
local r = $call print(r)"
  stopped "${f}_pattern" "inside one library call"
  has "$T/err" "${f}_pattern.lua:2:" "${f}_pattern: message names the line of the call"
  has "$T/err" "PXR_MAX_SECONDS" "${f}_pattern: message names the limit"
done
stopped_layout() {
  export PXR_MAX_SECONDS=1 PXR_MAX_MEMORY_MB=3072
  stopped layout "PXR_MAX_SECONDS"
  export PXR_MAX_SECONDS=2
  unset PXR_MAX_MEMORY_MB
}
echo "an earlier report" >"$OUT/huge.pdf"
# two copies of one huge paragraph under a 1 s deadline (and memory enough for their layout):
# far more layout than the deadline allows, however fast the machine (one copy alone was
# sometimes laid out within 2 s)
script layout 'local s, body = string.rep("改善就医感受提升患者体验", 600000), {}
for i = 1, 2 do body[i] = pxr.doc.paragraph(s) end pxr.pdf(pxr.doc.document { title = "x", body = body }, "huge.pdf")'
stopped_layout
has "$T/err" "layout.lua:2:" "layout: message names the line of the pxr.pdf call"
same "$(cat "$OUT/huge.pdf")" "an earlier report" "layout: the earlier file stays as it was"
rm -f "$OUT/huge.pdf"
stopped_layout
[ -e "$OUT/huge.pdf" ] && fail "layout: no partial output" || pass "layout: no partial output"
no_temp layout
unset PXR_MAX_SECONDS

# SQLite's work counts against the instruction budget; its memory against PXR_MAX_MEMORY_MB
PXR_MAX_INSTRUCTIONS=20000000 stopped sql_loop "PXR_MAX_INSTRUCTIONS"
script sql_memory 'pxr.db.query([[WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 2000)
  SELECT group_concat(printf("%.100000c", "x")) AS s FROM c]])'
PXR_MAX_MEMORY_MB=64 stopped sql_memory "PXR_MAX_MEMORY_MB"
has "$T/err" "more than 64 MB" "sql_memory: message gives the limit"
script sql_blob 'print(pxr.db.query("SELECT length(randomblob(100000000)) AS n")[1].n)'
PXR_MAX_MEMORY_MB=64 stopped sql_blob "PXR_MAX_MEMORY_MB"
PXR_MAX_MEMORY_MB=256 expect 0 "sql_blob: runs under a budget that holds it" -- run "$T/sql_blob.lua"
# one budget for both: 40 MB in Lua and a 40 MB query each fit in 64 MB, together they do not
script lua_40mb 'local keep = {}
for i = 1, 40 do keep[i] = string.rep(string.char(64 + i % 26), 1000000) end
print("lua holds", #keep)'
script sql_40mb 'print("sql made", pxr.db.query("SELECT length(randomblob(40000000)) AS n")[1].n)'
script both_40mb 'local keep = {}
for i = 1, 40 do keep[i] = string.rep(string.char(64 + i % 26), 1000000) end
print("lua holds", #keep)
print("sql made", pxr.db.query("SELECT length(randomblob(40000000)) AS n")[1].n)'
PXR_MAX_MEMORY_MB=64 expect 0 "lua_40mb: 40 MB of Lua fit in 64 MB" -- run "$T/lua_40mb.lua"
PXR_MAX_MEMORY_MB=64 expect 0 "sql_40mb: a 40 MB query fits in 64 MB" -- run "$T/sql_40mb.lua"
has "$T/out" "sql made	40000000" "sql_40mb: the query ran"
PXR_MAX_MEMORY_MB=64 stopped both_40mb "PXR_MAX_MEMORY_MB"
has "$T/err" "both_40mb.lua:4:" "both_40mb: the line of the query that passed the budget"
has "$T/out" "lua holds	40" "both_40mb: the script ran up to the query"
hasnt "$T/out" "sql made" "both_40mb: the query did not return"

# the __gc ban reads the metatable raw: an __index that adds __gc during the check gets nothing
script gc_index 'local mt = {}
setmetatable(mt, { __index = function(t, k) rawset(t, "__gc", function() print("finalizer ran") while true do end end) end })
setmetatable({}, mt)
collectgarbage()
print("gc field", rawget(mt, "__gc"))'
start=$(date +%s)
expect 0 "gc_index: the script runs" -- run "$T/gc_index.lua"
[ $(($(date +%s) - start)) -lt 30 ] && pass "gc_index: ends within seconds" || fail "gc_index: took too long"
has "$T/out" "gc field	nil" "gc_index: the check ran no metamethod"
hasnt "$T/out" "finalizer ran" "gc_index: no finalizer ran, not even at lua_close"

# what C builds for pxr.pdf and pxr.xml counts too: a table listed many times costs Lua a slot
# each but C a copy each
script pdf_shared 'local p = pxr.doc.paragraph(string.rep("字", 300000))
local body = {}
for i = 1, 500 do body[i] = p end
pxr.pdf(pxr.doc.document { title = "x", body = body }, "shared.pdf")'
PXR_MAX_MEMORY_MB=64 stopped pdf_shared "PXR_MAX_MEMORY_MB"
has "$T/err" "pdf_shared.lua:4: pxr.pdf: the document needs more than 64 MB" "pdf_shared: the line and the limit"
[ -e "$OUT/shared.pdf" ] && fail "pdf_shared: no output" || pass "pdf_shared: no output"
script xml_shared 'local t = { tag = "a", text = string.rep("x", 1000) }
for d = 1, 19 do t = { tag = "a", t, t } end
pxr.xml(t, "shared.xml")'
PXR_MAX_MEMORY_MB=64 stopped xml_shared "PXR_MAX_MEMORY_MB"
has "$T/err" "the XML needs more than 64 MB" "xml_shared: the limit"
[ -e "$OUT/shared.xml" ] && fail "xml_shared: no output" || pass "xml_shared: no output"
script pdf_fits 'local p = pxr.doc.paragraph(string.rep("字", 3000))
local body = {}
for i = 1, 50 do body[i] = p end
pxr.pdf(pxr.doc.document { title = "x", body = body }, "fits.pdf")
local t = { tag = "a", text = "x" }
for d = 1, 10 do t = { tag = "a", t, t } end
pxr.xml(t, "fits.xml")'
PXR_MAX_MEMORY_MB=64 expect 0 "pdf_fits: a document that fits the budget is written" -- run "$T/pdf_fits.lua"
[ -s "$OUT/fits.pdf" ] && [ -s "$OUT/fits.xml" ] && pass "pdf_fits: both files written" || fail "pdf_fits: both files written"

# nothing of the script runs at lua_close, and a __close runs under the budget
script close_pending 'local co = coroutine.create(function()
  local x <close> = setmetatable({}, { __close = function() print("close ran") while true do end end })
  coroutine.yield()
end)
coroutine.resume(co)
print("main done")'
start=$(date +%s)
expect 0 "close_pending: the script runs" -- run "$T/close_pending.lua"
[ $(($(date +%s) - start)) -lt 30 ] && pass "close_pending: ends within seconds" || fail "close_pending: took too long"
has "$T/out" "main done" "close_pending: the script ran to its end"
hasnt "$T/out" "close ran" "close_pending: the pending __close did not run at lua_close"
script close_loop 'do
  local x <close> = setmetatable({}, { __close = function() while true do end end })
end
print("escaped")'
PXR_MAX_INSTRUCTIONS=20000000 stopped close_loop "PXR_MAX_INSTRUCTIONS"
has "$T/err" "close_loop.lua:2:" "close_loop: the line of the __close"
hasnt "$T/out" "escaped" "close_loop: the script did not go on"
script close_after_stop 'local x <close> = setmetatable({}, { __close = function() print("close ran") end })
while true do end'
PXR_MAX_INSTRUCTIONS=20000000 stopped close_after_stop "PXR_MAX_INSTRUCTIONS"
hasnt "$T/out" "close ran" "close_after_stop: after the stop no code of the script runs, not even a __close"

# files: only through pxr.pdf / pxr.xml, only inside the output directory
doc='pxr.doc.document { title = "t", body = { pxr.doc.paragraph("x") } }'
ln -s "$OUTSIDE" "$OUT/link"
ln -s "$OUTSIDE/target.pdf" "$OUT/dangling.pdf"
mkfifo "$OUT/fifo.pdf"
mkdir -p "$T/home/.ssh"
for case in "absolute:$OUTSIDE/x.pdf:outside the output directory" \
            "dotdot:../outside/x.pdf:'..'" "inner_dotdot:sub/../../outside/x.pdf:'..'" \
            "symlink_dir:link/x.pdf:symbolic link" "symlink_file:dangling.pdf:symbolic link" \
            "fifo:fifo.pdf:not a regular file" "device:/dev/null:outside the output directory" \
            "missing_dir:nodir/x.pdf:does not exist"; do
  cname=${case%%:*} rest=${case#*:}
  path=${rest%%:*} why=${rest#*:}
  script "pdf_$cname" "local doc = $doc
pxr.pdf(doc, arg[1])
print('escaped')"
  stopped "pdf_$cname" "$why" "$path"
  has "$T/err" "pdf_$cname.lua:2:" "pdf_$cname: the line of the pxr.pdf call"
  hasnt "$T/out" "escaped" "pdf_$cname: pxr.pdf raised"
  nothing_outside "pdf_$cname"
done
script xml_keys 'pxr.xml({ tag = "result", { tag = "line", text = "ssh-ed25519 AAAA attacker" } }, arg[1])'
stopped xml_keys "outside the output directory" "$T/home/.ssh/authorized_keys"
[ -e "$T/home/.ssh/authorized_keys" ] && fail "xml_keys: nothing written" || pass "xml_keys: nothing written"
[ -p "$OUT/fifo.pdf" ] && pass "fifo: left as it was" || fail "fifo: replaced"

# what is allowed: relative names, absolute names inside, --out DIR; written beside and renamed
echo secret >"$OUTSIDE/secret"
ln "$OUTSIDE/secret" "$OUT/hard.pdf"
script write_ok "pxr.pdf($doc, 'a.pdf')
pxr.pdf($doc, '$OUT/b.pdf')
pxr.pdf($doc, 'hard.pdf')
print(pxr.xml({ tag = 'result', { tag = 'x', text = '1' } }, 'c.xml'))"
expect 0 "write_ok: writes inside the output directory" -- run "$T/write_ok.lua"
has "$T/out" "true" "write_ok: pxr.xml returns true"
[ -s "$OUT/a.pdf" ] && [ -s "$OUT/b.pdf" ] && [ -s "$OUT/c.xml" ] && pass "write_ok: files written" || fail "write_ok: files written"
same "$(cat "$OUTSIDE/secret")" secret "write_ok: a hard link's other name is untouched (renamed into place)"
no_temp write_ok
mkdir "$T/elsewhere"
script write_rel "pxr.pdf($doc, 'a.pdf')"
expect 0 "--out DIR: relative names land in DIR" -- run "$T/write_rel.lua" --out "$T/elsewhere"
[ -s "$T/elsewhere/a.pdf" ] && pass "--out DIR: a.pdf is in DIR" || fail "--out DIR: a.pdf is in DIR"
expect 2 "--out of a missing directory is a usage error" -- run "$T/write_rel.lua" --out "$T/nope"

# the tree reader is raw and protected: a block whose __index raises fails cleanly (no leak, no crash)
script tree_index 'local b = setmetatable({ kind = "paragraph" }, { __index = function() error("boom") end })
for i = 1, 20 do pcall(pxr.pdf, pxr.doc.document { title = "x", body = { b } }, "l.pdf") end
pxr.pdf(pxr.doc.document { title = "x", body = { b } }, "l.pdf")'
stopped tree_index "text is missing"
hasnt "$T/err" "boom" "tree_index: no metamethod ran"
script xml_index 'local e = setmetatable({ tag = "result" }, { __index = function() error("boom") end, __pairs = function() error("boom") end })
for i = 1, 20 do pcall(pxr.xml, { tag = "r", e, setmetatable({}, getmetatable(e)) }, "l.xml") end
pxr.xml({ tag = "r", e, 5 }, "l.xml")'
stopped xml_index "an element must be a table"
hasnt "$T/err" "boom" "xml_index: no metamethod ran"
# under valgrind (not for a sanitizer build, which valgrind cannot run): the 20 failed reads
# leak nothing
if command -v valgrind >/dev/null 2>&1 && ! grep -aq __asan_init "$PXR_BIN"; then
  for s in tree_index xml_index; do
    valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
      "$PXR_BIN" run "$T/$s.lua" >/dev/null 2>"$T/vg"
    same "$?" 1 "$s under valgrind: exit 1, no memory error"
    has "$T/vg" "ERROR SUMMARY: 0 errors" "$s under valgrind: no error"
    if grep -qE "(definitely|indirectly) lost: [1-9]" "$T/vg"; then
      fail "$s under valgrind: nothing lost" "$(grep -E 'lost:' "$T/vg" | head -2)"
    else pass "$s under valgrind: nothing lost"; fi
  done
else
  echo "sandbox_limits.sh: the valgrind leak checks need valgrind and a build without sanitizers"
fi

# one protected boundary: a syntax error in a module is an error message, not SIGABRT
H=$T/home-broken
mkdir -p "$H/reports"
cp -R "$ROOT/lua" "$ROOT/plugins" "$ROOT/fonts" "$H/" && cp -R "$ROOT/reports/schema" "$H/reports/"
echo 'local x = = 1' >>"$H/lua/pxr/validate.lua"
echo 'return nil +' >"$H/lua/pxr/catalog.lua"
PXR_HOME=$H expect 1 "broken module, pxr validate: exit 1" -- validate
has "$T/err" "lua/pxr/" "broken module, pxr validate: names the module file"
# pxr plugins reads the plugins' C data and loads no module: a broken pxr.catalog does not stop it
for cmd in "plugins --reports" plugins; do
  PXR_HOME=$H expect 0 "broken module, pxr $cmd: needs no module" -- $cmd
  has "$T/out" "nhc2023" "broken module, pxr $cmd: lists the plugins"
done
