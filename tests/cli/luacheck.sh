# luacheck (Debian lua-check, .luacheckrc) over the Lua of lua/, plugins/, reports/, examples/
# and tests/lua: one PASS per clean file, a FAIL with the warnings otherwise.
. "$(dirname "$0")/../lib.sh"
if ! command -v luacheck >/dev/null; then
  fail "luacheck is installed" "apt-get install lua-check (make deps does)"
  exit 0
fi
cd "$ROOT" || exit 1
luacheck --no-color --formatter plain --codes lua plugins reports examples tests/lua >"$T/luacheck.txt" 2>&1
for f in $(find lua plugins reports examples tests/lua -name '*.lua' | sort); do
  if grep -q "^$f:" "$T/luacheck.txt"; then
    fail "luacheck $f" "$(grep "^$f:" "$T/luacheck.txt" | head -n 3 | tr '\n' ' ')"
  else
    pass "luacheck $f"
  fi
done
