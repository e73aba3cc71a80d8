#!/bin/sh
# Issue 3's acceptance test: every plugin's catalog is faithful to its seed.
#   - `pxr catalog ID --format csv` starts with the columns kind,code,name;
#   - every measure, indicator and field name occurs in the seed file its
#     `source` column names, after removing white space and the quote marks
#     “”‘’"'「」 from both (each miss is reported by name);
#   - a part of a compound indicator whose name the seed does not write verbatim
#     is accepted only when its parent's name is in the seed and the part's
#     `sentence` (its note) names the parent by code or name, saying where the
#     name comes from;
#   - counts: measures 10 / 20 / 20 / 24 / 28; the 27 national indicators
#     (EI01-EI27) in nhc2023, innermongolia2023 and shanghai2023 with identical
#     names; nhc2016's 汇总表 fields as its plugin file declares them.
. "$(dirname "$0")/../lib.sh"
SEEDS=$SHARED/seeds
export T SEEDS

# py NAME SCRIPT ARGS...: a python check that prints nothing on success and one
# line per problem otherwise, each reported as a FAIL line.
# py_lines NAME SCRIPT ARGS...: every line the script prints is a failure of its own.
py_lines() {
  name=$1 script=$2
  shift 2
  if python3 -c "$script" "$@" >"$T/py" 2>&1 && [ ! -s "$T/py" ]; then pass "$name"; else
    [ -s "$T/py" ] || echo "python failed" >"$T/py"
    while IFS= read -r line; do fail "$name" "$line"; done <"$T/py"
  fi
}

expect 0 "catalog seeds: init" -- init

# plugin id, seed file, numbered measures (举措 / 重点工作 / 行动)
for spec in nhc2016:003_c408416a9cb351f9.txt:10 nhc2023:004_fde8783e5eb18896.txt:20 \
            innermongolia2023:000_9bbf83349c7cc6a3.txt:20 shanghai2023:002_ff38c56dcd69b8a3.txt:24 \
            wuyuan2021:001_4334209891979977.txt:28; do
  id=${spec%%:*} rest=${spec#*:}
  seed=${rest%%:*} measures=${rest#*:}
  if ! pxr catalog "$id" --format csv || [ ! -s "$T/out" ]; then
    fail "$id: catalog as CSV" "exit $rc: $(head -c 300 "$T/err")"
    continue
  fi
  cp "$T/out" "$T/$id.csv"
  case $(head -n 1 "$T/$id.csv") in
    kind,code,name,*) pass "$id: CSV header starts kind,code,name" ;;
    *) fail "$id: CSV header starts kind,code,name" "$(head -n 1 "$T/$id.csv")" ;;
  esac
  same "$(sqlite3 "$PXR_DB" "SELECT seed FROM plugin WHERE id = '$id'")" "$seed" "$id: follows seed $seed"

  py_lines "$id: $measures measures with distinct codes" '
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["kind"] == "measure"]
codes = [r["code"] for r in rows]
if len(rows) != int(sys.argv[2]):
    print("%d measures, the seed numbers %s" % (len(rows), sys.argv[2]))
if len(set(codes)) != len(codes):
    print("duplicate measure codes:", sorted(c for c in set(codes) if codes.count(c) > 1))
' "$T/$id.csv" "$measures"

  py_lines "$id: every measure, indicator and field name is in its source seed" '
import csv, os, re, sqlite3, sys
SEEDS = os.environ["SEEDS"]
QUOTES = "\u201c\u201d\u2018\u2019\"\u0027\u300c\u300d"
def norm(s):
    return re.sub(r"\s", "", s).translate({ord(c): None for c in QUOTES})
cache = {}
def seed(name):
    if name not in cache:
        path = os.path.join(SEEDS, name)
        cache[name] = norm(open(path, encoding="utf-8").read()) if name and os.path.isfile(path) else None
    return cache[name]
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
by_code = {r["code"]: r for r in rows if r["kind"] == "indicator"}
db = sqlite3.connect(os.environ["PXR_DB"])
parent = dict(db.execute("SELECT code, parent FROM indicator WHERE parent IS NOT NULL"))
checked = 0
for r in rows:
    if r["kind"] not in ("measure", "indicator", "field"):
        continue
    checked += 1
    what = "%s %s \u2018%s\u2019" % (r["kind"], r["code"], r["name"])
    text = seed(r["source"])
    if text is None:
        print("%s: source \u2018%s\u2019 is not a seed file" % (what, r["source"]))
        continue
    if not r["name"].strip():
        print("%s: no name" % what)
        continue
    if norm(r["name"]) in text:
        continue
    p = by_code.get(parent.get(r["code"], ""))
    if r["kind"] == "indicator" and p is not None:
        if seed(p["source"]) is None or norm(p["name"]) not in seed(p["source"]):
            print("%s: not in %s, nor is its parent \u2018%s\u2019" % (what, r["source"], p["name"]))
        elif p["code"] not in r["sentence"] and norm(p["name"]) not in norm(r["sentence"]):
            print("%s: not in %s; a part must say in its sentence that it comes from %s %s"
                  % (what, r["source"], p["code"], p["name"]))
        continue
    print("%s: not in %s" % (what, r["source"]))
if checked == 0:
    print("no measures, indicators or fields")
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
