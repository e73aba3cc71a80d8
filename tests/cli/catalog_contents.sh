#!/bin/sh
# Every plugin's catalog, checked on its own (the comparison with the policy
# documents themselves is tests/sources/catalog.sh, run by make check-sources):
#   - `pxr catalog ID --format csv` starts with the columns kind,code,name;
#   - every entry has a code and a name, codes are distinct within their kind,
#     measures have a section, and every entry cites a document of pxr.sources
#     (its title and 文号 in the `source` column, never a file name);
#   - every target quotes the sentence it comes from;
#   - counts: measures 10 / 20 / 20 / 24 / 28; the 27 national indicators
#     (EI01-EI27) in nhc2023, innermongolia2023 and shanghai2023 with identical
#     names; nhc2016's 汇总表 fields as its plugin file declares them.
. "$(dirname "$0")/../lib.sh"
export T

expect 0 "catalog contents: init" -- init
cat >"$T/cites.lua" <<'EOF'
for _, r in pairs(require("pxr.sources")) do
  if type(r) == "table" then print(r.cite) end
end
EOF
expect 0 "catalog contents: pxr.sources lists the documents" -- run "$T/cites.lua"
cp "$T/out" "$T/cites"
export CITES=$T/cites

# plugin id, its source record (pxr.sources), numbered measures (举措 / 重点工作 / 行动)
for spec in nhc2016:nhc2016:10 nhc2023:nhc2023:20 innermongolia2023:innermongolia2023:20 \
            shanghai2023:shanghai2023:24 wuyuan2021:wuyuan2021:28; do
  id=${spec%%:*} rest=${spec#*:}
  key=${rest%%:*} measures=${rest#*:}
  if ! pxr catalog "$id" --format csv || [ ! -s "$T/out" ]; then
    fail "$id: catalog as CSV" "exit $rc: $(head -c 300 "$T/err")"
    continue
  fi
  cp "$T/out" "$T/$id.csv"
  case $(head -n 1 "$T/$id.csv") in
    kind,code,name,*) pass "$id: CSV header starts kind,code,name" ;;
    *) fail "$id: CSV header starts kind,code,name" "$(head -n 1 "$T/$id.csv")" ;;
  esac
  printf 'local r = require("pxr.sources")[arg[1]]\nprint(r and r.cite or "")\n' >"$T/cite.lua"
  pxr run "$T/cite.lua" "$key"
  want=$(cat "$T/out")
  same "$(sqlite3 "$PXR_DB" "SELECT seed FROM plugin WHERE id = '$id'")" "$want" "$id: cites $want"

  py_lines "$id: $measures measures with distinct codes" '
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["kind"] == "measure"]
codes = [r["code"] for r in rows]
if len(rows) != int(sys.argv[2]):
    print("%d measures, the seed numbers %s" % (len(rows), sys.argv[2]))
if len(set(codes)) != len(codes):
    print("duplicate measure codes:", sorted(c for c in set(codes) if codes.count(c) > 1))
' "$T/$id.csv" "$measures"

  py_lines "$id: every entry has a code, a name and a cited document; targets quote their sentence" '
import csv, os, sys
cites = set(l.rstrip("\n") for l in open(os.environ["CITES"], encoding="utf-8") if l.strip())
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
seen = set()
for r in rows:
    what = "%s %s \u2018%s\u2019" % (r["kind"], r["code"], r["name"])
    if not r["code"].strip() or not r["name"].strip():
        print("%s: no code or no name" % what)
    if (r["kind"], r["code"]) in seen:
        print("%s: code used twice" % what)
    seen.add((r["kind"], r["code"]))
    if r["source"] not in cites:
        print("%s: source \u2018%s\u2019 is no document of pxr.sources" % (what, r["source"]))
    if r["source"].endswith(".txt"):
        print("%s: source is a file name" % what)
    if r["kind"] == "measure" and not r["section"].strip():
        print("%s: no section" % what)
    if r["kind"] == "target" and not r["sentence"].strip():
        print("%s: quotes no sentence" % what)
if not any(r["kind"] == "measure" for r in rows):
    print("no measures")
' "$T/$id.csv"
done

# The 27 national indicators, shared: the same codes and names in three plugins.
py_lines "the 27 national indicators are in nhc2023, innermongolia2023 and shanghai2023 with identical names" '
import csv, os, re
T = os.environ["T"]
def national(pid):
    path = os.path.join(T, pid + ".csv")
    if not os.path.exists(path):
        return None
    return {r["code"]: r["name"] for r in csv.DictReader(open(path, encoding="utf-8"))
            if r["kind"] == "indicator" and re.fullmatch(r"EI\d\d", r["code"])}
want = ["EI%02d" % i for i in range(1, 28)]
ref = national("nhc2023")
for pid in ("nhc2023", "innermongolia2023", "shanghai2023"):
    got = national(pid)
    if got is None:
        print(pid + ": no catalog")
    elif sorted(got) != want:
        print(pid + ": national codes", sorted(set(want) - set(got)), "missing,",
              sorted(set(got) - set(want)), "extra")
    elif ref is not None and got != ref:
        print(pid + ": names differ from nhc2023:", {c: got[c] for c in want if got[c] != ref.get(c)})
'

# nhc2016's form: the catalog lists every field the plugin file declares, and
# the 汇总表 has 50 cells to fill, counted in seed 003: 46 figures (推进预约诊疗 8,
# 合理调配诊疗资源 7, 信息技术 6, 护理 7, 临床路径 9, 社工志愿 3, 医疗纠纷 6)
# and the header and footer 填报时间, 盖章, 联系人, 手机号.  Fields marked
# group = true only head their sub-fields (出具报告单的平均时间, 临床路径平均完成率).
FORM_FIELDS=50
PLUGIN=$ROOT/plugins/nhc2016/plugin.lua
cat >"$T/fields.lua" <<'EOF'
-- arg: the plugin file in pieces, each ending in "." so that the shell keeps
-- its trailing newlines (one argument is limited to 128 KB)
local pieces = {}
for i, a in ipairs(arg) do pieces[i] = a:sub(1, -2) end
local p = assert(load(table.concat(pieces), "=nhc2016/plugin.lua", "t"))()
local all, groups = 0, 0
for _, f in ipairs(p.fields or {}) do
  all = all + 1
  if f.group then groups = groups + 1 end
end
print(all .. " " .. (all - groups))
EOF
split -b 60000 "$ROOT/plugins/nhc2016/plugin.lua" "$T/piece."
set --
for f in "$T"/piece.*; do set -- "$@" "$(cat "$f"; printf .)"; done
if pxr run "$T/fields.lua" "$@"; then
  declared=$(cut -d' ' -f1 "$T/out") fillable=$(cut -d' ' -f2 "$T/out")
  listed=$(python3 -c 'import csv, sys; print(sum(r["kind"] == "field" for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' "$T/nhc2016.csv" 2>/dev/null)
  same "$listed" "$declared" "nhc2016: the catalog lists every field the plugin declares"
  if [ "${listed:-0}" -ge 40 ]; then pass "nhc2016: at least 40 fields"; else
    fail "nhc2016: at least 40 fields" "$listed"
  fi
  same "$fillable" "$FORM_FIELDS" "nhc2016: the 汇总表's $FORM_FIELDS cells to fill, headings apart"
else
  fail "nhc2016: plugin file loads" "exit $rc: $(head -c 300 "$T/err")"
fi
rm -rf "$T"
