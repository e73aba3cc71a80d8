# make install: the installed pxr finds its Lua modules, plugins, fonts and schemas.
. "$(dirname "$0")/../lib.sh"
dest="$T/root"
if make -s -C "$ROOT" install DESTDIR="$dest" PREFIX=/usr/local >"$T/install.log" 2>&1; then
  pass "make install succeeds"
else
  fail "make install succeeds" "$(tail -n 3 "$T/install.log")"
fi
for f in bin/pxr share/man/man1/pxr.1 share/pxr/lua/pxr/doc.lua share/pxr/plugins/nhc2023/plugin.lua \
  share/pxr/fonts/roles.conf share/pxr/schema/pxr-evaluation.xsd share/doc/pxr/lua-api.md share/doc/pxr/sandbox.md; do
  [ -e "$dest/usr/local/$f" ] && pass "installed $f" || fail "installed $f"
done
# run the installed copy from elsewhere, with the source tree out of reach
cd "$T"
PXR_BIN="$dest/usr/local/bin/pxr"
expect 0 "installed pxr lists its plugins" -- plugins
has "$T/out" "nhc2023" "installed pxr finds the plugins"
pxr init >/dev/null
pxr import -q "$ROOT/examples/institutions.csv" "$ROOT/examples/values.csv"
expect 0 "installed pxr renders a report" -- report nhc2023 evaluation --period 2024S1 \
  --institution H150100001 -o "$T/e.pdf" --xml "$T/e.xml"
"$PDFCHECK" "$T/e.pdf" >/dev/null && pass "installed pxr's PDF passes pdf-check" || fail "installed pxr's PDF passes pdf-check"
