# pxr run: the sandbox stops runaway and hostile scripts with file:line and a non-zero exit.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
# a small budget keeps the test quick (and quick under valgrind); the mechanism is the same
export PXR_MAX_INSTRUCTIONS=20000000

script() { printf '%s\n' "$2" >"$T/$1.lua"; }
refused() { # refused NAME SCRIPT-BODY EXPECTED-TEXT [LINE]: exit 1 within 30 s, why and where
  script "$1" "$2"
  start=$(date +%s)
  expect 1 "$1: exit 1" -- run "$T/$1.lua"
  [ $(($(date +%s) - start)) -lt 30 ] && pass "$1: stops within seconds" || fail "$1: took too long"
  has "$T/err" "$1.lua:${4:-}" "$1: message names the script${4:+ and line $4}"
  has "$T/err" "$3" "$1: message says why"
}

refused loop 'local n = 0
while true do n = n + 1 end' "stopped after" 2
refused pcall_loop 'for i = 1, 1000 do pcall(function() while true do end end) end
print("escaped")' "stopped after"
hasnt "$T/out" "escaped" "pcall_loop: the script did not go on"
refused coroutine_loop 'local co = coroutine.wrap(function() while true do end end)
print(pcall(co))
while true do pcall(coroutine.wrap(function() while true do end end)) end' "stopped after"
refused error_handler_loop 'xpcall(function() while true do end end, function() while true do end end)
print("escaped")' "stopped after"
hasnt "$T/out" "escaped" "error_handler_loop: the script did not go on"
refused os_execute 'local x = 1
os.execute("touch '"$T"'/pwned")' "undefined global 'os'" 2
[ -e "$T/pwned" ] && fail "os.execute did nothing" || pass "os.execute did nothing"
refused io_open '
local f = io.open("/etc/passwd")' "undefined global 'io'" 2
refused debug_lib 'debug.sethook()' "undefined global 'debug'" 1
refused dofile 'dofile("/etc/passwd")' "undefined global 'dofile'" 1
refused loadfile 'loadfile("/etc/passwd")' "undefined global 'loadfile'" 1
refused package 'package.loadlib("libc.so.6", "system")' "undefined global 'package'" 1
refused require_other 'require("os")' "only pxr.<name> modules" 1
refused require_path 'require("pxr.../../etc")' "only pxr.<name> modules" 1
refused unknown_global 'print(undefined_thing)' "undefined global 'undefined_thing'" 1
refused db_write 'pxr.db.query("DELETE FROM value")' "readonly" 1
refused db_attach 'pxr.db.query("ATTACH DATABASE ? AS x", "'"$T"'/x.db")' "not authorized" 1
refused syntax_error 'local x = = 1' "unexpected symbol" 1
refused traceback 'local function inner() error("boom") end
local function outer() inner() end
outer()' "stack traceback" 1
has "$T/err" "in local 'outer'" "traceback: shows the calling function"
PXR_MAX_MEMORY_MB=64 refused memory 'local t = {}
for i = 1, 1e9 do t[i] = string.rep("x", 1000) .. i end' "memory"

# a binary chunk, as a file and through load()
printf '\033Lua\124\000\031\223\015\012\032\012' >"$T/binary.lua"
expect 1 "binary chunk file: exit 1" -- run "$T/binary.lua"
has "$T/err" "binary.lua:1:" "binary chunk file: message names file:line"
has "$T/err" "binary chunk" "binary chunk file: message says why"
script load_binary 'local f, msg = load("\27Lua\84\0")
print(f, msg)
print(string.dump)'
expect 0 "load() of a binary string returns nil, message" -- run "$T/load_binary.lua"
has "$T/out" "attempt to load a binary chunk" "load() refuses binary"
has "$T/out" "nil" "string.dump is absent"

# what scripts may do
script good 'local rows = pxr.db.query("SELECT count(*) AS n FROM institution WHERE level = ?", "三级")
print("tertiary", rows[1].n)
print(pxr.period.label("2024S1"), pxr.period.previous("2024S1"))
print(#arg, arg[1])
local ok = pcall(function() error("caught") end)
print("pcall works", ok)'
expect 0 "a good script runs" -- run "$T/good.lua" hello
has "$T/out" "tertiary	$(awk -F, '$4 == "三级"' "$EX/institutions.csv" | wc -l)" "pxr.db.query binds parameters and returns rows"
has "$T/out" "2024年上半年	2023S2" "pxr.period is available"
has "$T/out" "1	hello" "arguments reach the script"
expect 2 "run without a script is a usage error" -- run
expect 1 "run of a missing file" -- run "$T/nope.lua"
has "$T/err" "nope.lua" "missing script: message names it"
refused gc_loop 'setmetatable({}, { __gc = function() while true do end end })' "__gc" 1
script xpcall_ok 'print(xpcall(function(a) return a + 1 end, function(m) return "h:" .. m end, 41))
print(xpcall(function() error("e", 0) end, function(m) return "h:" .. m end))'
expect 0 "xpcall still works" -- run "$T/xpcall_ok.lua"
has "$T/out" "true	42" "xpcall returns the results"
has "$T/out" "false	h:e" "xpcall calls the handler"
PXR_MAX_MEMORY_MB=64 refused big_string 'local s = string.rep("x", 1024)
s = string.rep(s, 1024 * 1024)' "memory"
# nothing any of these scripts did wrote a file: the test directory holds only what the test made
extra=$(ls -A "$T" | grep -vE '\.lua$|^(out|err|py|pxr\.db(-wal|-shm)?)$')
same "$extra" "" "no script wrote a file"
