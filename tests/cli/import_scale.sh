# Import at scale: values keyed (unit, period, indicator) in one B-tree (schema 5, upgraded from
# a schema-4 database without losing a value), a key given twice found in a file in any order,
# and XLSX sheets and shared strings inflated a chunk at a time, so that a large sheet is read
# under a memory cap far below its size.
. "$(dirname "$0")/../lib.sh"
EX="$ROOT/examples"

# ---- schema 5: a schema-4 database (the value table as step 1 made it, with its index)
OLD="$T/v4.db"
expect 0 "init" -- --db "$OLD" init
expect 0 "import the examples" -- --db "$OLD" import -q "$EX/institutions.csv" "$EX/values.csv"
printf 'institution,period,indicator,value\nH150100001,2023S1,EI01,61.5\n' >"$T/change.csv"
expect 0 "a change, kept in value_history" -- --db "$OLD" import -q --received 2024-07-01 "$T/change.csv"
sqlite3 "$OLD" "PRAGMA foreign_keys = OFF; BEGIN;
  CREATE TABLE value_v4(
    indicator   TEXT NOT NULL REFERENCES indicator(code),
    unit        TEXT NOT NULL,
    period      TEXT NOT NULL,
    value       REAL,
    numerator   REAL,
    denominator REAL,
    text        TEXT,
    import_id   INTEGER NOT NULL REFERENCES import(id),
    PRIMARY KEY(indicator, unit, period)
  ) WITHOUT ROWID;
  INSERT INTO value_v4 SELECT indicator, unit, period, value, numerator, denominator, text, import_id FROM value;
  DROP TABLE value; ALTER TABLE value_v4 RENAME TO value;
  CREATE INDEX value_unit_period ON value(unit, period);
  DROP TABLE unit_group_member; DROP TABLE unit_group; -- step 6's
  PRAGMA user_version = 4; COMMIT;"
same "$(sqlite3 "$OLD" 'PRAGMA user_version')" 4 "the database is at schema 4"
q_values="SELECT indicator, unit, period, quote(value), quote(numerator), quote(denominator), quote(text), import_id FROM value ORDER BY 1, 2, 3"
sqlite3 "$OLD" "$q_values" >"$T/values.before"
sqlite3 "$OLD" "SELECT * FROM value_history; SELECT * FROM submission ORDER BY 1, 2" >"$T/rest.before"
expect 0 "pxr init upgrades it" -- --db "$OLD" init
has "$T/out" "schema version 6" "init reports schema version 6"
sqlite3 "$OLD" "$q_values" >"$T/values.after"
sqlite3 "$OLD" "SELECT * FROM value_history; SELECT * FROM submission ORDER BY 1, 2" >"$T/rest.after"
[ "$(wc -l <"$T/values.before")" -gt 3000 ] && pass "the schema-4 database holds the examples' values" ||
  fail "the schema-4 database holds the examples' values" "$(wc -l <"$T/values.before")"
cmp -s "$T/values.before" "$T/values.after" && pass "every value survives the upgrade, bit for bit" ||
  fail "every value survives the upgrade, bit for bit" "$(diff "$T/values.before" "$T/values.after" | head -3)"
cmp -s "$T/rest.before" "$T/rest.after" && pass "history and submissions survive" || fail "history and submissions survive"
has_key=$(sqlite3 "$OLD" "SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(
  (SELECT name FROM pragma_index_list('value') WHERE origin = 'pk')) ORDER BY seqno)")
same "$has_key" "unit,period,indicator" "the key is (unit, period, indicator)"
same "$(sqlite3 "$OLD" "SELECT count(*) FROM pragma_index_list('value') WHERE origin <> 'pk'")" 0 \
  "no index beside the key (it serves the unit and period lookups)"
plan=$(sqlite3 "$OLD" "EXPLAIN QUERY PLAN SELECT indicator, value FROM value WHERE unit = 'H150100001' AND period = '2024S1'")
case $plan in *"PRIMARY KEY (unit=? AND period=?)"*) pass "one unit's period is read through the key" ;;
  *) fail "one unit's period is read through the key" "$plan" ;; esac
same "$(sqlite3 "$OLD" 'PRAGMA foreign_key_check')" "" "every reference resolves after the upgrade"
expect 0 "the upgraded database reports" -- --db "$OLD" report nhc2023 evaluation --period 2024S1 \
  --institution H150100001 -o "$T/eval.pdf"
expect 0 "and imports again, unchanged" -- --db "$OLD" import "$EX/values.csv"
has "$T/out" "0 new, 1 changed, 3878 unchanged" "a re-import into the upgraded database: the one change undone, nothing else"

# ---- a key given twice, in a file whose units do not come in one run each
expect 0 "init" -- init
expect 0 "institutions" -- import -q "$EX/institutions.csv"
{
  echo "institution,period,indicator,value"
  echo "H150100001,2024S1,EI04,3.5"
  echo "H150100002,2024S1,EI04,4.5"
  echo "H150100001,2024S2,EI04,3.6"
  echo "H150100002,2024S2,EI04,4.6"
} >"$T/interleaved.csv"
expect 0 "units that come back: every key once, imported" -- import "$T/interleaved.csv"
has "$T/out" "4 new" "interleaved: 4 new values"
{
  echo "institution,period,indicator,value"
  echo "H150100003,2024S1,EI04,3.5"
  echo "H150200001,2024S1,EI04,4.5"
  echo "H150100003,2024S1,EI05,3.6"
  echo "H150100003,2024S1,EI04,3.7"
} >"$T/twice.csv"
before=$(sql "SELECT count(*) FROM value")
expect 1 "a key given twice, its unit back after another" -- import "$T/twice.csv"
has "$T/err" "twice.csv:5:" "the second one's line is named"
has "$T/err" "EI04 for H150100003 in 2024S1 is already given on line 2" "and the first one's line"
same "$(sql "SELECT count(*) FROM value")" "$before" "nothing imported"
printf 'institution,period,indicator,value\nH150200002,2024S2,EI04,3.5\nH150200002,2024S2,EI04,3.5\n' >"$T/run.csv"
expect 1 "a key given twice within one unit's run" -- import "$T/run.csv"
has "$T/err" "already given on line 2" "the first line is named"
same "$(sql 'PRAGMA foreign_key_check')" "" "every reference the imports made resolves"
same "$(sql 'PRAGMA foreign_keys')" 0 "(a new connection starts with foreign keys off: the check above is SQLite's)"

# ---- XLSX read a chunk at a time: a sheet far larger than the memory cap
VLIMIT=200000 # 200 MB of address space; ASan reserves far more, so a sanitizer build runs without it
sh -c '(ulimit -v "$0" && exec "$1" --version)' $VLIMIT "$PXR_BIN" >/dev/null 2>&1 || VLIMIT=unlimited
capped() { (ulimit -v $VLIMIT && exec timeout 300 "$PXR_BIN" "$@") >"$T/out" 2>"$T/err"; }
python3 - "$T" "$EX/institutions.csv" <<'PY'
import sys, zipfile
t = sys.argv[1]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
def book(path, rows, strings):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst %s>%s</sst>' % (NS, "".join("<si><t>%s</t></si>" % s for s in strings)))
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(('<?xml version="1.0"?><worksheet %s><sheetData>' % NS).encode())
            for chunk in rows():
                f.write(chunk.encode())
            f.write(b"</sheetData></worksheet>")
insts = [l.split(",")[0] for l in open(sys.argv[2], encoding="utf-8").read().splitlines()[1:17]]
periods = ["2023S1", "2023S2", "2024S1", "2024S2"]
strings = ["institution", "period", "indicator", "value"] + insts + periods
sid = {s: i for i, s in enumerate(strings)}
def values():
    yield '<row r="1">%s</row>' % "".join('<c r="%s1" t="s"><v>%d</v></c>' % (c, i) for i, c in enumerate("ABCD"))
    r = 2
    for u in insts:
        for p in periods:
            for k in (4, 5, 9, 12):  # durations: any value above zero
                yield '<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d" t="inlineStr"><is><t>EI%02d</t></is></c><c r="D%d"><v>%d.5</v></c></row>' % (r, r, sid[u], r, sid[p], r, k, r, r)
                r += 1
    blank = '<row r="%d">' + "<c/>" * 60 + "</row>"
    for _ in range(4000):  # formatted rows without text: 240 MB of sheet XML in all
        yield "".join(blank % n for n in range(r, r + 250))
        r += 250
book(t + "/big.xlsx", values, strings)
PY
size=$(wc -c <"$T/big.xlsx")
[ "$size" -lt 5000000 ] && pass "the large sheet is a small file ($size bytes)" || fail "large sheet size" "$size"
python3 -c "import sys, zipfile; n = zipfile.ZipFile(sys.argv[1]).getinfo('xl/worksheets/sheet1.xml').file_size; sys.exit(0 if n > 200e6 else 1)" "$T/big.xlsx" &&
  pass "its sheet inflates beyond 200 MB" || fail "its sheet inflates beyond 200 MB"
capped import "$T/big.xlsx"
rc=$?
same "$rc" 0 "a 240 MB sheet imports under a ${VLIMIT} KB address-space cap"
has "$T/out" "256 rows: 252 new, 4 changed" "its 256 rows of values, found through the shared strings, are imported"
last=$(sed -n 17p "$EX/institutions.csv" | cut -d, -f1)
same "$(sql "SELECT count(*), sum(value) FROM value v JOIN import i ON i.id = v.import_id WHERE i.file LIKE '%big.xlsx'")" \
  "256|33280.0" "each of them, with its value (2.5 … 257.5)"
same "$(sql "SELECT value FROM value WHERE unit = '$last' AND period = '2024S2' AND indicator = 'EI12'")" "257.5" \
  "the last value read is the last row's"

# ---- new values are written many to an INSERT: one in which some rows are stored already
# (every other row, a tenth of those with the yes/no answer turned) takes the stored path for
# those, and ends as one import of the whole file would
export PXR_DB="$T/batch.db"
expect 0 "init" -- init
expect 0 "the institutions" -- import -q "$EX/institutions.csv"
awk -F, 'NR == 1 { print; next } NR % 2 == 0 {
  if ($4 == "是" && ++n % 10 == 0) $4 = "否"; print }' OFS=, "$EX/values.csv" >"$T/half.csv"
flipped=$(awk -F, 'NR > 1 && NR % 2 == 0 && $4 == "是" && ++n % 10 == 0' "$EX/values.csv" | wc -l)
rows=$(($(wc -l <"$EX/values.csv") - 1)) stored=$(($(wc -l <"$T/half.csv") - 1))
expect 0 "every other value first" -- import "$T/half.csv"
expect 0 "then the whole file" -- import "$EX/values.csv"
has "$T/out" "$rows rows: $((rows - stored)) new, $flipped changed, $((stored - flipped)) unchanged" \
  "the whole file's rows counted new, changed and unchanged ($flipped changed)"
q_now="SELECT indicator, unit, period, quote(value), quote(numerator), quote(denominator), quote(text) FROM value ORDER BY 1, 2, 3"
sql "$q_now" >"$T/batch.values"
same "$(sql "SELECT count(*) FROM value_history WHERE old_text = '否' AND new_text = '是'")" "$flipped" \
  "each turned answer kept in value_history"
export PXR_DB="$T/whole.db"
expect 0 "init" -- init
expect 0 "the institutions and the whole file at once" -- import -q "$EX/institutions.csv" "$EX/values.csv"
sql "$q_now" >"$T/whole.values"
if cmp -s "$T/batch.values" "$T/whole.values"; then pass "the same values as one import of the file"; else
  fail "the same values as one import of the file" "$(diff "$T/batch.values" "$T/whole.values" | head -5)"
fi
same "$(sqlite3 "$T/batch.db" "SELECT count(*) FROM submission")" "$(sql "SELECT count(*) FROM submission")" \
  "the same submissions"
