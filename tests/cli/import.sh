# pxr init / import: good files, re-imports, encodings, and bad input that must change nothing.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples

expect 0 "init creates a database" -- init
same "$(sql 'PRAGMA user_version')" 6 "schema version is recorded"
same "$(sql 'PRAGMA journal_mode')" wal "database is in WAL mode"
same "$(sql "SELECT count(*) FROM indicator WHERE parent IS NULL AND code LIKE 'EI%'")" 27 "init syncs the 27 national indicators"

expect 0 "import regions, institutions, values" -- import "$EX/institutions.csv" "$EX/values.csv"
has "$T/out" "values, UTF-8" "summary names kind and encoding"
values=$(sql 'SELECT count(*) FROM value')
imports=$(sql 'SELECT count(*) FROM import')
[ "$values" -gt 1000 ] && pass "values are stored ($values)" || fail "values are stored" "$values"
same "$(sql 'SELECT count(*) FROM institution')" "$(($(wc -l <"$EX/institutions.csv") - 1))" "every institution is stored"
same "$(sql "SELECT count(*) FROM value WHERE import_id IS NULL")" 0 "every value knows its import"

dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }
before=$(dump)
expect 0 "importing the same files again succeeds" -- import "$EX/institutions.csv" "$EX/values.csv"
has "$T/out" "0 new, 0 changed" "re-import reports nothing new or changed"
same "$(dump)" "$before" "re-import changes nothing in the database"
same "$(sql 'SELECT count(*) FROM import')" "$imports" "re-import records no new import"

# line 22 broken in several ways: the message names line 22, nothing changes
head -n 30 "$EX/values.csv" >"$T/base.csv"
broken() { # broken NAME AWK-REPLACEMENT-OF-LINE-22 EXPECTED-TEXT
  awk -v l="$2" 'NR == 22 { print l; next } { print }' "$T/base.csv" >"$T/bad.csv"
  before=$(dump)
  expect 1 "$1: exit 1" -- import "$T/bad.csv"
  has "$T/err" "bad.csv:22:" "$1: message names line 22"
  has "$T/err" "$3" "$1: message says what is wrong"
  same "$(dump)" "$before" "$1: database unchanged"
}
broken "unterminated quote" 'H150100001,2023S1,"EI21,62.73,27877,44439' "unterminated quoted field"
broken "numerator above denominator" 'H150100001,2023S1,EI21,100,50000,44439' "numerator is above the denominator"
broken "value disagrees with its parts" 'H150100001,2023S1,EI21,72.73,27877,44439' "does not match numerator/denominator"
broken "rate above 100" 'H150100001,2023S1,EI21,120,,' "between 0 and 100"
broken "not a number" 'H150100001,2023S1,EI21,六十,27877,44439' "not a number"
broken "thousands separator" 'H150100001,2023S1,EI21,"27,877",,' "thousands separators"
broken "unknown indicator" 'H150100001,2023S1,EI21X,62.73,27877,44439' "did you mean 'EI21'"
broken "unknown institution" 'H999999999,2023S1,EI21,62.73,27877,44439' "unknown institution"
broken "bad period" 'H150100001,2023S3,EI21,62.73,27877,44439' "not a period"
broken "too few fields" 'H150100001,2023S1,EI21,62.73,27877' "the header has 6"
broken "duplicate row" "$(sed -n 21p "$T/base.csv")" "already given on line 21"
broken "negative count" 'H150100001,2023S1,EI20_OP,-3,,' "cannot be negative"
broken "fractional count" 'H150100001,2023S1,EI20_OP,3.5,,' "whole number"
broken "numerator for a count" 'H150100001,2023S1,EI20_OP,3,1,2' "only rates and ratios"
broken "half a rate" 'H150100001,2023S1,EI21,,27877,' "give both numerator and denominator"
broken "compound indicator" 'H150100001,2023S1,EI14,50,,' "compound indicator"

# a failure in the last of several files leaves the earlier ones out too
before=$(dump)
printf 'code,name,parent,level\n110000,北京,,province\n' >"$T/regions-ok.csv"
expect 1 "several files: one bad file fails the lot" -- import "$T/regions-ok.csv" "$T/bad.csv"
has "$T/err" "nothing imported" "several files: message says nothing was imported"
same "$(dump)" "$before" "several files: database unchanged"

# the file-level refusals
bad_file() { # bad_file NAME FILE EXPECTED-TEXT
  before=$(dump)
  expect 1 "$1: exit 1" -- import "$2"
  has "$T/err" "$3" "$1: message"
  same "$(dump)" "$before" "$1: database unchanged"
}
: >"$T/empty.csv"
bad_file "empty file" "$T/empty.csv" "the file is empty"
head -n 1 "$EX/values.csv" >"$T/header.csv"
bad_file "header only" "$T/header.csv" "no data rows"
printf 'institution,period,indicator,value,numerator,denominator\nH150100001,2023S1,EI21,6\0002.73,1,2\n' >"$T/nul.csv"
bad_file "NUL byte" "$T/nul.csv" "NUL"
iconv -f UTF-8 -t UTF-16 "$T/base.csv" >"$T/utf16.csv"
bad_file "UTF-16" "$T/utf16.csv" "UTF-16"
head -c 3000 /bin/sh >"$T/binary.csv"
bad_file "binary file" "$T/binary.csv" "binary.csv:"
printf 'institution,period,indicator,value,numerator,denominator,extra\nH150100001,2023S1,EI21,1,,,x\n' >"$T/extra.csv"
bad_file "unknown column" "$T/extra.csv" "column 'extra'"
printf 'institution,period,value\nH150100001,2023S1,1\n' >"$T/missing.csv"
bad_file "missing column" "$T/missing.csv" "no column 'indicator'"
printf 'a,b\n1,2\n' >"$T/nolayout.csv"
bad_file "unknown layout" "$T/nolayout.csv" "matches no layout"
printf 'code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\nX1,某医院,150100,四级,甲,综合,公立,是,否\n' >"$T/level.csv"
bad_file "institution level" "$T/level.csv" "'四级'"
printf 'code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\nX1,某医院,159999,三级,甲,综合,公立,是,否\n' >"$T/region.csv"
bad_file "unknown region" "$T/region.csv" "unknown region code"
printf 'code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\nX1,某医院,150100,三级,甲,综合,公立,,否\n' >"$T/flag.csv"
bad_file "missing flag is not 否" "$T/flag.csv" "expected 是 or 否"
bad_file "missing file" "$T/nope.csv" "cannot open"

# encodings: GBK, GB18030 and a BOM import with the Chinese intact
for enc in GBK GB18030; do
  export PXR_DB="$T/$enc.db"
  pxr init >/dev/null
  iconv -f UTF-8 -t "$enc" "$EX/institutions.csv" >"$T/inst-$enc.csv"
  expect 0 "$enc institutions import" -- import "$T/inst-$enc.csv"
  has "$T/out" "GB18030" "$enc is detected"
  same "$(sql "SELECT name FROM institution WHERE code = 'H150100001'")" \
    "$(awk -F, '$1 == "H150100001" { print $2 }' "$EX/institutions.csv")" "$enc names are intact"
done
export PXR_DB="$T/bom.db"
pxr init >/dev/null
printf '\357\273\277' | cat - "$EX/institutions.csv" >"$T/bom.csv"
expect 0 "UTF-8 with BOM imports" -- import "$T/bom.csv"
has "$T/out" "UTF-8 with BOM" "BOM is detected"
same "$(sql "SELECT name FROM institution WHERE code = 'H150100001'")" \
  "$(awk -F, '$1 == "H150100001" { print $2 }' "$EX/institutions.csv")" "BOM file names are intact"

# dry run and usage
export PXR_DB="$T/dry.db"
pxr init >/dev/null
expect 0 "dry run succeeds" -- import --dry-run "$EX/institutions.csv"
has "$T/out" "dry run" "dry run says so"
same "$(sql 'SELECT count(*) FROM institution')" 0 "dry run writes nothing"
expect 2 "import without files is a usage error" -- import
expect 2 "unknown option is a usage error" -- import --frobnicate x.csv
export PXR_DB="$T/none.db"
expect 1 "import into a missing database" -- import "$EX/institutions.csv"
has "$T/err" "pxr init" "missing database: message says to run pxr init"

# departments and measure status
export PXR_DB="$T/status.db"
pxr init >/dev/null
pxr import -q "$EX/institutions.csv"
printf 'institution,code,name\nH150100001,YWK,医务科\nH150100001,HLB,护理部\n' >"$T/dept.csv"
expect 0 "departments import" -- import "$T/dept.csv"
has "$T/out" "departments" "departments are recognised by their header"
printf 'plugin,measure,unit,period,status,department,note\nnhc2023,1,H150100001,2024年上半年,推进中,YWK,"已开通线上预约, 精确到30分钟"\nnhc2023,2,150100,2024S1,已完成,,\n' >"$T/status.csv"
expect 0 "measure status import" -- import "$T/status.csv"
same "$(sql "SELECT period || '|' || status || '|' || department || '|' || note FROM measure_status WHERE measure = '1'")" \
  "2024S1|推进中|YWK|已开通线上预约, 精确到30分钟" "measure status is stored with a canonical period"
expect 0 "measure status re-import" -- import "$T/status.csv"
has "$T/out" "0 new, 0 changed, 2 unchanged" "measure status re-import changes nothing"
status_bad() { # status_bad NAME ROW EXPECTED
  printf 'plugin,measure,unit,period,status,department,note\n%s\n' "$2" >"$T/sbad.csv"
  before=$(dump)
  expect 1 "$1: exit 1" -- import "$T/sbad.csv"
  has "$T/err" "sbad.csv:2:" "$1: message names line 2"
  has "$T/err" "$3" "$1: message says why"
  same "$(dump)" "$before" "$1: database unchanged"
}
status_bad "unknown plugin" 'nhc2099,1,H150100001,2024S1,推进中,,' "unknown plugin"
status_bad "unknown measure" 'nhc2023,99,H150100001,2024S1,推进中,,' "no measure with this code"
status_bad "unknown status" 'nhc2023,1,H150100001,2024S1,进行中,,' "未启动, 推进中 or 已完成"
status_bad "unknown department" 'nhc2023,1,H150100001,2024S1,推进中,XXK,' "unknown department"
status_bad "unit" 'nhc2023,1,H1501,2024S1,推进中,,' "unknown institution or region"
printf 'plugin,unit,period,section,text\nnhc2023,150100,2024S1,落实的情况,文字\n' >"$T/narr.csv"
bad_file "narrative section the plugin does not take" "$T/narr.csv" "not a narrative section"

# re-import counts: unchanged, changed and new rows in one file, counted exactly
export PXR_DB="$T/counts.db"
pxr init >/dev/null
pxr import -q "$EX/institutions.csv" "$EX/values.csv"
# 40 rows as they are; the yes/no rows among them flipped; 2 rows moved to 2025S1 (new)
awk -F, -v OFS=, 'NR == 1 { print; next } NR <= 41 { if ($4 == "是") $4 = "否"; else if ($4 == "否") $4 = "是"; print }
  NR == 42 || NR == 43 { $2 = "2025S1"; print }' "$EX/values.csv" >"$T/mixed.csv"
flipped=$(awk -F, 'NR > 1 && NR <= 41 && ($4 == "是" || $4 == "否")' "$EX/values.csv" | wc -l)
[ "$flipped" -gt 0 ] && pass "mixed file has changed rows ($flipped)" || fail "mixed file has changed rows" "$flipped"
expect 0 "mixed re-import" -- import "$T/mixed.csv"
has "$T/out" "42 rows: 2 new, $flipped changed, $((40 - flipped)) unchanged" "mixed re-import counts new, changed and unchanged"
same "$(sql "SELECT text FROM value WHERE unit = 'H150100001' AND period = '2023S1' AND indicator = 'EI03'")" \
  "$(awk -F, '$1 == "H150100001" && $2 == "2023S1" && $3 == "EI03" { print ($4 == "是" ? "否" : "是") }' "$EX/values.csv")" \
  "a changed yes/no value is stored"
same "$(sql "SELECT count(*) FROM value WHERE period = '2025S1'")" 2 "the new rows are stored"
expect 0 "mixed file again" -- import "$T/mixed.csv"
has "$T/out" "0 new, 0 changed, 42 unchanged" "the same file again changes nothing"
before=$(dump)
awk 'NR <= 41' "$T/mixed.csv" >"$T/dup2.csv"; sed -n 3p "$T/mixed.csv" >>"$T/dup2.csv"
expect 1 "a key repeated far apart" -- import "$T/dup2.csv"
has "$T/err" "dup2.csv:42:" "repeated key: message names the repeat's line"
has "$T/err" "already given on line 3" "repeated key: message names the first line"
same "$(dump)" "$before" "repeated key: database unchanged"
printf 'institution,period,indicator,value,numerator,denominator\nH150100001,2024,EI03,是,,\nH150100001,2024S1,EI03,是,,\nH150100001,2024Q1,EI03,是,,\n150100,2024S1,EI03,是,,\n' >"$T/kinds.csv"
expect 0 "keys differing only in period kind or unit are distinct" -- import "$T/kinds.csv"
has "$T/out" "4 rows:" "every distinct key is a row"

# unknown institution codes: the closest code is suggested
export PXR_DB="$T/suggest.db"
pxr init >/dev/null
pxr import -q "$EX/institutions.csv"
suggest() { # suggest NAME FILE-CONTENT EXPECTED-TEXT
  printf '%s\n' "$2" >"$T/sugg.csv"
  before=$(dump)
  expect 1 "$1: exit 1" -- import "$T/sugg.csv"
  has "$T/err" "sugg.csv:2:" "$1: message names line 2"
  has "$T/err" "$3" "$1: suggestion"
  same "$(dump)" "$before" "$1: database unchanged"
}
suggest "value for a mistyped institution" "$(printf 'institution,period,indicator,value,numerator,denominator\nH15010001,2023S1,EI03,是,,')" \
  "unknown institution or region code (import it first; did you mean 'H150100001'?)"
suggest "value for a mistyped region" "$(printf 'institution,period,indicator,value,numerator,denominator\n15O100,2023S1,EI03,是,,')" \
  "did you mean '150100'?"
suggest "department of a mistyped institution" "$(printf 'institution,code,name\nH361130010,YB,院办')" \
  "unknown institution (import it first; did you mean 'H361130001'?)"
suggest "measure status for a mistyped unit" "$(printf 'plugin,measure,unit,period,status,department,note\nnhc2023,1,H3101010001,2024S1,推进中,,')" \
  "did you mean 'H310101001'?"
suggest "narrative for a mistyped district" "$(printf 'plugin,unit,period,section,text\nshanghai2023,3101015,2024S1,落实的情况,文字')" \
  "did you mean '310101'?"
suggest "no suggestion for a code far from every code" "$(printf 'institution,period,indicator,value,numerator,denominator\nH999999999,2023S1,EI03,是,,')" \
  "unknown institution or region code (import it first)"
hasnt "$T/err" "did you mean" "far code: nothing suggested"
# a region is no institution: a department names an institution
suggest "department of a region" "$(printf 'institution,code,name\n150100,YB,院办')" "unknown institution"

# periods outside the span of every plan that uses the indicator: warned, kept
export PXR_DB="$T/span.db"
pxr init >/dev/null
pxr import -q "$EX/institutions.csv"
nhc_span=$(awk -F'"' '/^ *span *=/ { print $2; exit }' "$ROOT/plugins/nhc2023/plugin.lua")
im_span=$(awk -F'"' '/^ *span *=/ { print $2; exit }' "$ROOT/plugins/innermongolia2023/plugin.lua")
before_first=$((${nhc_span%-*} - 1))
printf 'institution,period,indicator,value,numerator,denominator\nH150100001,2023S1,EI03,是,,\nH150100001,%sS2,EI03,是,,\nH150100001,2024S1,F16_APPT,是,,\n' "$before_first" >"$T/span.csv"
expect 0 "values outside their plans' span import" -- import "$T/span.csv"
has "$T/err" "span.csv:3:" "span warning names the line"
has "$T/err" "warning" "span: it is a warning"
has "$T/err" "${before_first}S2 is outside the span of every plan that uses indicator EI03" "span warning says why"
has "$T/err" "$nhc_span" "span warning gives the plans' span"
has "$T/err" "span.csv:4:" "a 2016 form field in 2024 is warned about too"
same "$(grep -c 'outside the span' "$T/err")" 2 "values in their span are not warned about"
same "$(sql "SELECT count(*) FROM value")" 3 "values outside the span are kept"
