# pxr template: XLSX and CSV fill-in forms, both layouts, filled in by a script and imported back.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples

# fill SRC DST KEYCOL KEY COLUMN VALUE ...: writes the cells of the sheet 填报 (xl/worksheets/sheet1.xml)
# in the row whose KEYCOL cell is KEY and the column whose first-row code is COLUMN, as Excel would.
fill() {
  python3 - "$@" <<'EOF'
import re, sys, zipfile
src, dst, keycol = sys.argv[1:4]
edits = sys.argv[4:]
with zipfile.ZipFile(src) as z:
    parts = {i.filename: z.read(i.filename) for i in z.infolist()}
sst = [''.join(re.findall(r'<t[^>]*>([^<]*)</t>', si))
       for si in re.findall(r'<si>(.*?)</si>', parts['xl/sharedStrings.xml'].decode(), re.S)]
sheet = parts['xl/worksheets/sheet1.xml'].decode()
cell_re = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)')
text = {}
for col, row, attrs, body in cell_re.findall(sheet):
    v = re.search(r'<v>(.*?)</v>', body or '')
    if v:
        text[(col, int(row))] = sst[int(v.group(1))] if 't="s"' in attrs else v.group(1)
column = {t: c for (c, r), t in text.items() if r == 1}
key_rows = {t: r for (c, r), t in text.items() if c == column[keycol] and r > 2}
for key, name, value in zip(edits[0::3], edits[1::3], edits[2::3]):
    ref = f'{column[name]}{key_rows[key]}'
    def put(m):
        attrs = re.sub(r'\s*t="[^"]*"', '', m.group(3))
        if re.fullmatch(r'-?\d+(\.\d+)?', value):
            return f'<c r="{ref}"{attrs}><v>{value}</v></c>'
        return f'<c r="{ref}"{attrs} t="inlineStr"><is><t>{value}</t></is></c>'
    sheet, n = re.subn(r'<c r="(%s)()"([^>]*?)(?:/>|>(.*?)</c>)' % ref, put, sheet)
    assert n == 1, ref
parts['xl/worksheets/sheet1.xml'] = sheet.encode()
with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
EOF
}
# part FILE.xlsx PART: prints a part of the workbook
part() { python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"; }
dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }
# value UNIT PERIOD INDICATOR: value|numerator|denominator|text as stored
value() { sql "SELECT value, numerator, denominator, text FROM value WHERE unit = '$1' AND period = '$2' AND indicator = '$3'"; }

expect 0 "init" -- init
expect 0 "import the examples" -- import "$EX/institutions.csv" "$EX/values.csv"

expect 2 "no output: usage error" -- template nhc2023 --period 2025S1
expect 2 "output neither .xlsx nor .csv" -- template nhc2023 --period 2025S1 -o "$T/t.txt"
has "$T/err" "must end in .xlsx or .csv" "bad extension: message"
expect 2 "unknown plugin" -- template nosuch --period 2025S1 -o "$T/t.csv"
expect 2 "unknown institution" -- template nhc2023 --period 2025S1 --institution H999 -o "$T/t.csv"
has "$T/err" "unknown institution 'H999'" "unknown institution: message"
expect 2 "period outside the plan's span" -- template nhc2023 --period 2019S1 -o "$T/t.csv"
has "$T/err" "outside plugin nhc2023's span 2023-2025" "outside the span: message"
[ ! -e "$T/t.csv" ] && pass "a refused template writes no file" || fail "a refused template writes no file"

# What a form for nhc2023 must hold: every indicator that takes a value (parts, not compounds).
leaves=$(sql "SELECT count(*) FROM plugin_indicator WHERE plugin = 'nhc2023'
              AND indicator NOT IN (SELECT parent FROM indicator WHERE parent IS NOT NULL)")
restricted=$(sql "SELECT count(*) FROM plugin_indicator p JOIN indicator i ON i.code = p.indicator
                  WHERE p.plugin = 'nhc2023' AND i.applicability IS NOT NULL
                  AND i.code NOT IN (SELECT parent FROM indicator WHERE parent IS NOT NULL)")
rates=$(sql "SELECT count(*) FROM plugin_indicator p JOIN indicator i ON i.code = p.indicator
             WHERE p.plugin = 'nhc2023' AND i.type = 'rate'
             AND i.code NOT IN (SELECT parent FROM indicator WHERE parent IS NOT NULL)")
bools=$(sql "SELECT count(*) FROM plugin_indicator p JOIN indicator i ON i.code = p.indicator
             WHERE p.plugin = 'nhc2023' AND i.type = 'bool'")

# ---- one institution, XLSX: H150100003 is 未定级, no obstetrics, not an alliance lead
expect 0 "XLSX template for one institution" -- template nhc2023 --period 2025S1 --institution H150100003 -o "$T/one.xlsx"
has "$T/out" "one.xlsx" "template names its file"
part "$T/one.xlsx" xl/workbook.xml >"$T/workbook.xml"
has "$T/workbook.xml" 'name="填报"' "the form sheet is named 填报"
has "$T/workbook.xml" 'name="说明"' "there is a 说明 sheet"
part "$T/one.xlsx" xl/worksheets/sheet1.xml >"$T/sheet1.xml"
has "$T/sheet1.xml" '<sheetProtection' "the form sheet is protected"
same "$(grep -o '<row r="[0-9]*"' "$T/sheet1.xml" | wc -l)" "$((leaves + 6))" "one row per indicator ($leaves) below two header rows and four sign-off rows"
same "$(grep -o 'type="decimal" allowBlank[^>]*><formula1>0</formula1><formula2>100</formula2>' "$T/sheet1.xml" | wc -l)" "$rates" "rates are validated as 0–100 decimals"
same "$(grep -o 'type="list"' "$T/sheet1.xml" | wc -l)" "$bools" "yes/no answers are a 是/否 list"
has "$T/sheet1.xml" '<formula1>"是,否"</formula1>' "the list is 是,否"
part "$T/one.xlsx" xl/styles.xml >"$T/styles.xml"
has "$T/styles.xml" 'locked="0"' "value cells are unlocked"
part "$T/one.xlsx" xl/sharedStrings.xml >"$T/sst.xml"
has "$T/sst.xml" "不适用（＃仅有产科的医疗机构）" "XLSX: ＃ indicators are marked 不适用 for this hospital"
part "$T/one.xlsx" xl/worksheets/sheet2.xml >/dev/null && pass "the 说明 sheet has a part" || fail "the 说明 sheet has a part"
has "$T/sst.xml" "国卫医政发〔2023〕11号" "说明 gives the plan's 文号"

before=$(dump)
expect 0 "an empty template imports" -- import "$T/one.xlsx"
has "$T/out" "0 new, 0 changed, 0 unchanged, $((leaves + 4)) empty (left missing)" "empty cells are missing, never zero"
same "$(dump)" "$before" "an empty template changes nothing"

fill "$T/one.xlsx" "$T/one-filled.xlsx" indicator \
  EI01 numerator 300 EI01 denominator 400 EI03 value 否 EI05 value 17.5 EI25 value 3 EI16 value 40
expect 0 "the filled XLSX imports" -- import "$T/one-filled.xlsx"
has "$T/out" "5 new" "five values are new"
same "$(value H150100003 2025S1 EI01)" "75.0|300.0|400.0|" "EI01 = 300/400 × 100"
same "$(value H150100003 2025S1 EI03)" "0.0|||否" "EI03 = 否"
same "$(value H150100003 2025S1 EI05)" "17.5|||" "EI05 = 17.5"
same "$(value H150100003 2025S1 EI25)" "3.0|||" "EI25 = 3"
same "$(value H150100003 2025S1 EI16)" "40.0|||" "EI16 is imported though it does not apply"
# EI16 (＃) stands on the row of its position among the form's indicators, below two header rows
# and the four sign-off rows
ei16_row=$(sql "SELECT seq FROM plugin_indicator p WHERE plugin = 'nhc2023' AND indicator = 'EI16'")
ei16_row=$((ei16_row - $(sql "SELECT count(*) FROM plugin_indicator p JOIN indicator i ON i.code = p.indicator
  WHERE p.plugin = 'nhc2023' AND p.seq < $ei16_row AND i.code IN (SELECT parent FROM indicator)") + 6))
has "$T/err" "warning: $T/one-filled.xlsx: sheet '填报' cell I$ei16_row: field 'value' = '40': indicator EI16 applies only to ＃ 有产科的医疗机构" \
  "a value that does not apply is a warning naming the cell"
before=$(dump)
expect 0 "importing the filled form again" -- import "$T/one-filled.xlsx"
has "$T/out" "0 new, 0 changed, 5 unchanged" "re-import: unchanged"
same "$(dump)" "$before" "re-import: database unchanged"

# the stored values come back in the form for correction: 2025S1 of H150100003 as just imported
expect 0 "a template is prefilled with stored values" -- template nhc2023 --period 2025S1 --institution H150100003 -o "$T/again.xlsx"
before=$(dump)
expect 0 "the prefilled form imports" -- import "$T/again.xlsx"
has "$T/out" "0 new, 0 changed, 5 unchanged" "prefilled form: same values"
same "$(dump)" "$before" "prefilled form: database unchanged"

# ---- one institution, CSV, filled with awk
expect 0 "CSV template for one institution" -- template nhc2023 --period 2025S2 --institution H150100001 -o "$T/one.csv"
same "$(head -c 3 "$T/one.csv" | od -An -tx1 | tr -d ' ')" efbbbf "the CSV starts with a UTF-8 BOM"
same "$(sed -n 2p "$T/one.csv" | cut -d, -f1)" "机构代码" "the second row holds the Chinese labels"
same "$(($(wc -l <"$T/one.csv") - 6))" "$leaves" "one CSV row per indicator, after four sign-off rows"
hasnt "$T/one.csv" '"' "no field needs quoting (awk can fill it)"
expect 0 "CSV template for H150100003" -- template nhc2023 --period 2025S1 --institution H150100003 -o "$T/h3.csv"
same "$(awk -F, '$7 ~ /^不适用/' "$T/h3.csv" | wc -l)" "$restricted" "the $restricted ▲/＃ indicators are marked 不适用 for H150100003"
same "$(awk -F, '$7 ~ /^不适用/' "$T/one.csv" | cut -d, -f3)" EI15 \
  "only EI15 (中医医院) is 不适用 for H150100001 (三级 综合, 有产科, 牵头)"
awk -F, -v OFS=, '$3 == "EI01" { $10 = 50; $11 = 200 } $3 == "EI20_OP" { $9 = 7 } $3 == "EI08" { $9 = "是" } { print }' \
  "$T/one.csv" >"$T/one-filled.csv"
expect 0 "the filled CSV imports" -- import "$T/one-filled.csv"
has "$T/out" "values, UTF-8 with BOM, $((leaves + 4)) rows: 3 new" "CSV: three values are new"
same "$(value H150100001 2025S2 EI01)" "25.0|50.0|200.0|" "CSV: EI01 = 50/200 × 100"
same "$(value H150100001 2025S2 EI20_OP)" "7.0|||" "CSV: EI20_OP = 7"
same "$(value H150100001 2025S2 EI08)" "1.0|||是" "CSV: EI08 = 是"

# prefilled CSV: the row of EI21 carries what examples/values.csv says for 2024S1
expect 0 "prefilled CSV template" -- template nhc2023 --period 2024S1 --institution H150100001 -o "$T/pre.csv"
same "$(awk -F, '$3 == "EI21" { print $9 "," $10 "," $11 }' "$T/pre.csv")" \
  "$(awk -F, '$1 == "H150100001" && $2 == "2024S1" && $3 == "EI21" { print $4 "," $5 "," $6 }' "$EX/values.csv")" \
  "the stored EI21 value, numerator and denominator are filled in"
before=$(dump)
expect 0 "the prefilled CSV imports unchanged" -- import "$T/pre.csv"
has "$T/out" "0 new, 0 changed" "prefilled CSV: nothing new or changed"
same "$(dump)" "$before" "prefilled CSV: database unchanged"

# ---- every institution (wide), XLSX, for one region
expect 0 "wide XLSX template for region 150100" -- template nhc2023 --period 2025S1 --region 150100 -o "$T/wide.xlsx"
part "$T/wide.xlsx" xl/worksheets/sheet1.xml >"$T/wide1.xml"
n150100=$(awk -F, '$3 == "150100"' "$EX/institutions.csv" | wc -l)
same "$(grep -o '<row r="[0-9]*"' "$T/wide1.xml" | wc -l)" "$((n150100 + 2))" "one row per institution of 150100 ($n150100)"
part "$T/wide.xlsx" xl/sharedStrings.xml >"$T/wide-sst.xml"
has "$T/wide-sst.xml" "<t>EI01.numerator</t>" "a rate has a numerator column"
hasnt "$T/wide-sst.xml" "<t>EI14</t>" "a compound indicator has no column"
fill "$T/wide.xlsx" "$T/wide-filled.xlsx" institution \
  H150100002 EI01.numerator 10 H150100002 EI01.denominator 20 H150100001 EI03 是 H150100003 EI09 61
expect 0 "the filled wide XLSX imports" -- import "$T/wide-filled.xlsx"
has "$T/out" "values, XLSX, wide" "summary names the wide layout"
same "$(value H150100002 2025S1 EI01)" "50.0|10.0|20.0|" "wide: EI01 of H150100002 = 10/20 × 100"
same "$(value H150100001 2025S1 EI03)" "1.0|||是" "wide: EI03 of H150100001 = 是"
same "$(value H150100003 2025S1 EI09)" "61.0|||" "wide: EI09 of H150100003 = 61"
same "$(value H150100003 2025S1 EI01)" "75.0|300.0|400.0|" "wide: the prefilled EI01 of H150100003 is kept"

# errors in the wide layout name the real cell
fill "$T/wide.xlsx" "$T/wide-bad.xlsx" institution H150100002 EI01.numerator 30 H150100002 EI01.denominator 20
before=$(dump)
expect 1 "wide: numerator above denominator" -- import "$T/wide-bad.xlsx"
has "$T/err" "wide-bad.xlsx: sheet '填报' cell E4: field 'numerator' = '30': numerator is above the denominator" "wide: the message names cell E4"
same "$(dump)" "$before" "wide: database unchanged"
python3 - "$T/wide.xlsx" "$T/wide-code.xlsx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zin, zipfile.ZipFile(sys.argv[2], "w") as zout:
    for i in zin.infolist():
        d = zin.read(i.filename)
        if i.filename == "xl/sharedStrings.xml":
            d = d.replace(b"<t>EI05</t>", b"<t>EI5</t>")
        zout.writestr(i, d)
EOF
expect 1 "wide: a misspelt indicator column" -- import "$T/wide-code.xlsx"
has "$T/err" "wide-code.xlsx: sheet '填报' cell " "wide: unknown column names its header cell"
has "$T/err" "column 'EI5' is not an indicator code (did you mean 'EI05'?)" "wide: unknown column suggests the code"
same "$(dump)" "$before" "wide: misspelt column changes nothing"

# ---- every institution (wide), CSV, filled with awk
expect 0 "wide CSV template" -- template nhc2023 --period 2025S2 -o "$T/wide.csv"
same "$(($(wc -l <"$T/wide.csv") - 2))" "$(($(wc -l <"$EX/institutions.csv") - 1))" "wide CSV: one row per institution"
awk -F, -v OFS=, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
  $1 == "H150200001" { $c["EI13.numerator"] = 3; $c["EI13.denominator"] = 4; $c["EI27"] = "否" } { print }' \
  "$T/wide.csv" >"$T/wide-filled.csv"
expect 0 "the filled wide CSV imports" -- import "$T/wide-filled.csv"
has "$T/out" "values, UTF-8 with BOM, wide" "wide CSV: summary"
same "$(value H150200001 2025S2 EI13)" "75.0|3.0|4.0|" "wide CSV: EI13 of H150200001 = 3/4 × 100"
same "$(value H150200001 2025S2 EI27)" "0.0|||否" "wide CSV: EI27 of H150200001 = 否"
awk -F, -v OFS=, 'NR == 1 { $4 = "EI14" } { print }' "$T/wide.csv" >"$T/wide-compound.csv"
before=$(dump)
expect 1 "wide CSV: a compound indicator column" -- import "$T/wide-compound.csv"
has "$T/err" "wide-compound.csv:1:" "wide CSV: the message names line 1"
has "$T/err" "EI14 is a compound indicator" "wide CSV: compound refused"
same "$(dump)" "$before" "wide CSV: database unchanged"
