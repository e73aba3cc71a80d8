# pxr export (CSV, pxr values XML, ADX) and XML import: schemas, filters, identical round trips,
# and XML that must be refused (external entities, entity bombs, unknown codes, bad periods).
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
FX=$ROOT/tests/fixtures
ADX_XSD=$ROOT/reports/schema/adx_loose.xsd

expect 0 "init" -- init
expect 0 "import the examples" -- import "$EX"/*.csv

# the stored values, exactly: %!.17g round-trips every double
q="SELECT indicator, unit, period, printf('%!.17g', value), printf('%!.17g', numerator),
          printf('%!.17g', denominator), text FROM value ORDER BY 1, 2, 3"
values_of() { sqlite3 "$1" "$q"; }
dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }

# every non-empty row of the example value files, as "institution,period,indicator"
awk -F, 'FNR > 1 && ($4 != "" || $5 != "" || $6 != "") { print $1 "," $2 "," $3 }' \
  "$EX"/*values.csv >"$T/rows.txt"
all=$(wc -l <"$T/rows.txt")

for f in csv xml adx; do
  expect 0 "export --format $f" -- export --format $f -o "$T/all.$f"
  has "$T/out" "$all values" "export --format $f writes every value ($all)"
done

# numbers: plain decimals (no exponent), the shortest that read back exactly
hasnt "$T/all.csv" "e-" "CSV numbers have no exponent"
same "$(head -n 1 "$T/all.csv")" "institution,period,indicator,value,numerator,denominator" \
  "CSV header is the values layout"
same "$(grep -c ',是,\|,否,' "$T/all.csv")" "$(sql "SELECT count(*) FROM value WHERE text IN ('是','否')")" \
  "CSV writes yes/no values as 是/否"

# schemas: the IHE ADX schema (pxr's copy, reports/schema/adx_loose.xsd) and pxr's values schema
if xmllint --noout --schema "$ADX_XSD" "$T/all.adx" 2>"$T/xmllint"; then
  pass "ADX export validates against the IHE ADX schema (reports/schema/adx_loose.xsd)"
else fail "ADX export validates against the IHE ADX schema (reports/schema/adx_loose.xsd)" "$(head -c 300 "$T/xmllint")"; fi
if xmllint --noout --schema "$ROOT/reports/schema/pxr-values.xsd" "$T/all.xml" 2>"$T/xmllint"; then
  pass "values XML validates against pxr-values.xsd"
else fail "values XML validates against pxr-values.xsd" "$(head -c 300 "$T/xmllint")"; fi
# the copy keeps the schema strict on periods (its SDMX time-range patterns are inlined)
sed 's|period="2024-01-01/P6M"|period="2024-02-30/P6M"|' "$T/all.adx" >"$T/badperiod.adx"
if xmllint --noout --schema "$ADX_XSD" "$T/badperiod.adx" 2>/dev/null; then
  fail "the shipped ADX schema refuses 2024-02-30"
else pass "the shipped ADX schema refuses 2024-02-30"; fi

# ADX: one group per unit and period, periods as ISO intervals
groups=$(cut -d, -f1,2 "$T/rows.txt" | sort -u | wc -l)
same "$(grep -c '<group ' "$T/all.adx")" "$groups" "ADX has one group per unit and period ($groups)"
hasnt "$T/all.adx" 'period="2024S1"' "ADX periods are not DHIS2 ids"
has "$T/all.adx" 'period="2024-01-01/P6M"' "ADX writes 2024S1 as 2024-01-01/P6M"
has "$T/all.adx" 'period="2024-07-01/P6M"' "ADX writes 2024S2 as 2024-07-01/P6M"
ratio=$(sql "SELECT count(*) FROM value WHERE numerator IS NOT NULL")
same "$(grep -c 'pxr:numerator=' "$T/all.adx")" "$ratio" "ADX carries every numerator ($ratio)"
hasnt "$T/all.adx" 'value="是"' "ADX writes yes/no as 1/0"

# round trips: a fresh database with regions and institutions, then the export
for f in csv xml adx; do
  db="$T/fresh-$f.db"
  expect 0 "$f round trip: a fresh database" -- --db "$db" init
  expect 0 "$f round trip: import into the fresh database" -- --db "$db" import \
    "$EX/institutions.csv" "$T/all.$f"
  values_of "$db" >"$T/got-$f"
  values_of "$PXR_DB" >"$T/want"
  if cmp -s "$T/got-$f" "$T/want"; then
    pass "$f round trip: identical values, floats included"
  else
    fail "$f round trip: identical values" "$(diff "$T/got-$f" "$T/want" | head -3)"
  fi
  same "$(sqlite3 "$db" "SELECT count(*) FROM value")" "$all" "$f round trip: $all values"
  before=$(dump)
  expect 0 "$f re-imported into the source database" -- import "$T/all.$f"
  has "$T/out" "0 new, 0 changed, $all unchanged" "$f re-import: nothing new, nothing changed"
  same "$(dump)" "$before" "$f re-import: source database unchanged"
done
has "$T/out" "ADX" "the import summary names ADX"

# --plugin: that plugin's indicators, counted from its catalog and the example files
for p in nhc2023 nhc2016 wuyuan2021; do
  pxr catalog $p --format csv
  awk -F, '$1 == "indicator" { print $2 }' "$T/out" >"$T/codes-$p"
  count=$(awk -F, 'NR == FNR { code[$1] = 1; next } ($3 in code)' "$T/codes-$p" "$T/rows.txt" | wc -l)
  expect 0 "export --plugin $p" -- export --format adx --plugin $p -o "$T/$p.adx"
  has "$T/out" "$count values" "--plugin $p exports its $count values"
  same "$(grep -c '<dataValue ' "$T/$p.adx")" "$count" "--plugin $p: $count dataValues in the file"
  same "$(grep -c "<group [^>]*dataSet=\"$p\"" "$T/$p.adx")" "$(grep -c '<group ' "$T/$p.adx")" \
    "--plugin $p: every group names the data set"
done

# --period, alone and with --plugin; accepted in any spelling pxr reads
count=$(awk -F, '$2 == "2024S1"' "$T/rows.txt" | wc -l)
expect 0 "export --period 2024年上半年" -- export --format csv --period 2024年上半年 -o "$T/p.csv"
same "$(($(wc -l <"$T/p.csv") - 1))" "$count" "--period 2024S1 exports its $count values"
same "$(awk -F, 'NR > 1 && $2 != "2024S1"' "$T/p.csv" | wc -l)" 0 "--period: no other period"
count=$(awk -F, 'NR == FNR { code[$1] = 1; next } ($3 in code) && $2 == "2023S2"' \
  "$T/codes-nhc2023" "$T/rows.txt" | wc -l)
expect 0 "export --plugin nhc2023 --period 2023S2" -- export --format xml --plugin nhc2023 \
  --period 2023S2 -o "$T/pp.xml"
same "$(grep -c '<value ' "$T/pp.xml")" "$count" "--plugin and --period together: $count values"
has "$T/pp.xml" 'plugin="nhc2023"' "values XML names the plugin filter"
has "$T/pp.xml" '<import id=' "values XML lists the imports the values came from"

# usage and empty selections write nothing
echo keep >"$T/keep.adx"
expect 1 "a period without values: exit 1" -- export --format adx --period 1999 -o "$T/keep.adx"
has "$T/err" "nothing to export" "the message says nothing matched"
same "$(cat "$T/keep.adx")" keep "an existing file is left as it was"
expect 2 "unknown format: exit 2" -- export --format json -o "$T/x"
expect 2 "unknown plugin: exit 2" -- export --format csv --plugin nosuch -o "$T/x"
has "$T/err" "nosuch" "the message names the plugin"
expect 2 "bad period: exit 2" -- export --format csv --period 2024S3 -o "$T/x"
expect 2 "no -o: exit 2" -- export --format csv
expect 3 "unwritable directory: exit 3" -- export --format csv -o "$T/no/such/dir/x.csv"
[ -e "$T/x" ] && fail "failed exports leave no file" || pass "failed exports leave no file"
[ -z "$(find "$T" -name '*.tmp*')" ] && pass "no temporary file is left" || fail "no temporary file is left"

# XML import: good hand-written files, then files that must change nothing
expect 0 "ADX with a year, a half-year and a quarter imports" -- import "$FX/adx-good.xml"
same "$(sql "SELECT period || ':' || value FROM value WHERE unit = 'H150100002' AND indicator = 'EI04'
             AND period IN ('2025', '2025Q2') ORDER BY period")" "$(printf '2025:4.25\n2025Q2:4.0')" \
  "ADX periods become DHIS2 ids (2025, 2025Q2)"
same "$(sql "SELECT numerator || '/' || denominator FROM value WHERE unit = 'H150100001' AND
             indicator = 'EI01' AND period = '2024S2'")" "615.0/1000.0" "pxr:numerator and pxr:denominator import"
expect 0 "values XML with a text-only yes/no imports" -- import "$FX/values-good.xml"
same "$(sql "SELECT value || text FROM value WHERE unit = 'H150100001' AND indicator = 'EI03'
             AND period = '2024S2'")" "0.0否" "a yes/no given as 否 is stored as 0 and 否"
same "$(sql "SELECT printf('%.4f', value) FROM value WHERE unit = 'H150100001' AND indicator = 'EI01'
             AND period = '2024S2'")" "37.5000" "a rate given by its parts is computed (3/8)"

refused() { # refused NAME FILE EXPECTED-TEXT...
  what=$1 file=$2
  shift 2
  before=$(dump)
  expect 1 "$what: exit 1" -- import "$file"
  for text in "$@"; do has "$T/err" "$text" "$what: message has '$text'"; done
  same "$(dump)" "$before" "$what: database unchanged"
}
refused "external entity (file:///etc/passwd)" "$FX/xxe.xml" "xxe.xml:2:" "DTD/entities is refused"
hasnt "$T/err" "root:" "the external entity is never read"
refused "billion laughs" "$FX/billion-laughs.xml" "billion-laughs.xml:2:" "DTD/entities is refused"
refused "ADX with an unknown dataElement" "$FX/adx-unknown-element.xml" \
  "adx-unknown-element.xml:6:" "'EI99': unknown indicator code"
refused "ADX period that is no DHIS2 period" "$FX/adx-bad-period.xml" "adx-bad-period.xml:7:" \
  "ADX period '2024-02-01/P6M'"
refused "ADX disaggregation" "$FX/adx-disaggregation.xml" "adx-disaggregation.xml:5:" \
  "attribute 'sex' is a disaggregation"
refused "DHIS2 dataValueSet XML" "$FX/not-pxr.xml" "not-pxr.xml:2:" "neither ADX"
refused "malformed XML" "$FX/malformed.xml" "malformed.xml:"
if grep -qE 'malformed\.xml:5:[0-9]+: ' "$T/err"; then pass "malformed XML: message names line:column"
else fail "malformed XML: message names line:column" "$(cat "$T/err")"; fi
# an ADX value that breaks a rule is refused like a CSV row, naming the element's line
sed 's|pxr:numerator="615"|pxr:numerator="1615"|' "$FX/adx-good.xml" >"$T/rate.xml"
refused "ADX numerator above its denominator" "$T/rate.xml" "rate.xml:5:" \
  "field 'numerator' = '1615': numerator is above the denominator"
# together with a good file: nothing of either is imported
before=$(dump)
expect 1 "good CSV plus bad ADX: exit 1" -- import "$T/p.csv" "$FX/adx-unknown-element.xml"
same "$(dump)" "$before" "good CSV plus bad ADX: database unchanged"
