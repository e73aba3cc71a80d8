-- luacheck over lua/, plugins/, reports/, examples/ and tests/lua (make test runs it).
-- Scripts run in pxr's sandbox: Lua 5.4, the global `pxr`, `arg` for scripts, strict globals.
std = "lua54"
read_globals = { "pxr" }
files["examples/"] = { read_globals = { "pxr", "arg" } }
files["reports/"] = { read_globals = { "pxr", "arg" } }
files["tests/lua/"] = { read_globals = { "pxr", "arg" } }
-- Chinese text makes long lines; layout is for people, not for the checker.
max_line_length = false
