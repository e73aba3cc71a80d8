#!/bin/sh
# Every measure, indicator and field name of every catalog occurs in the document
# its `source` column cites, after removing white space and the quote marks
# “”‘’"'「」 from both (each miss is reported by name).  A part of a compound
# indicator whose name the document does not write verbatim is accepted only
# when its parent's name is there and the part's `sentence` (its note) names the
# parent by code or name, saying where the name comes from.
. "$(dirname "$0")/lib.sh"
export T

expect 0 "catalog sources: init" -- init
for id in nhc2016 nhc2023 innermongolia2023 shanghai2023 wuyuan2021; do
  if ! pxr catalog "$id" --format csv || [ ! -s "$T/out" ]; then
    fail "$id: catalog as CSV" "exit $rc: $(head -c 300 "$T/err")"
    continue
  fi
  cp "$T/out" "$T/$id.csv"
  py_lines "$id: every measure, indicator and field name is in the document it cites" '
import csv, os, re, sqlite3, sys
docs = {}
for line in open(os.environ["SRCMAP"], encoding="utf-8"):
    key, cite, path = line.rstrip("\n").split("\t")
    docs[cite] = path
QUOTES = "\u201c\u201d\u2018\u2019\"\u0027\u300c\u300d"
def norm(s):
    return re.sub(r"\s", "", s).translate({ord(c): None for c in QUOTES})
cache = {}
def seed(name):
    if name not in cache:
        path = docs.get(name)
        cache[name] = norm(open(path, encoding="utf-8").read()) if path else None
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
        print("%s: source \u2018%s\u2019 is no document of pxr.sources" % (what, r["source"]))
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
rm -rf "$T"
