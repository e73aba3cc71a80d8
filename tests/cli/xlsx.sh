# pxr import of XLSX: workbooks written by LibreOffice and by hand, and broken ones that must change nothing.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
FX=$ROOT/tests/fixtures

# rezip SRC DST PART PYEXPR: DST is SRC with the text t of PART replaced by PYEXPR ("" PART: dropped)
rezip() {
  python3 - "$@" <<'EOF'
import sys, zipfile
src, dst, part, expr = sys.argv[1:5]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == part:
            if not expr:
                continue
            t = data.decode("utf-8")
            data = eval(expr).encode("utf-8")
        zout.writestr(item, data)
EOF
}

expect 0 "init" -- init
expect 0 "import the example regions and institutions" -- import "$EX/institutions.csv"

# LibreOffice wrote these (soffice --convert-to xlsx of the .csv next to them): shared strings,
# numbers as numbers (the region code too), empty cells absent.  Values come before the
# institution they refer to on the command line: import orders XLSX files by kind as well.
expect 0 "XLSX written by LibreOffice imports" -- import "$FX/lo-values.xlsx" "$FX/lo-institutions.xlsx"
has "$T/out" "lo-values.xlsx: values, XLSX, 8 rows: 8 new" "summary names XLSX and counts the rows"
has "$T/out" "lo-institutions.xlsx: institutions, XLSX, 1 rows: 1 new" "institutions from XLSX"
same "$(sql "SELECT region FROM institution WHERE code = 'H150100009'")" 150100 "a region code stored as a number reads back as 150100"
# every row of the source CSV is in the database as it says (是 as text, numbers equal)
checked=$(tail -n +2 "$FX/lo-values.csv" | while IFS=, read -r inst per ind val num den; do
  if [ "$val" = 是 ]; then cond="text = '是'"; else cond="(${val:-NULL} IS NULL OR value = ${val:-0})"; fi
  sql "SELECT count(*) FROM value WHERE unit = '$inst' AND period = '$per' AND indicator = '$ind'
       AND $cond AND numerator IS ${num:-NULL} AND denominator IS ${den:-NULL}"
done | sort | uniq -c | tr -s ' ')
same "$checked" " 8 1" "all 8 rows of the LibreOffice workbook are stored as its source CSV says"
same "$(sql "SELECT value FROM value WHERE unit = 'H150100009' AND indicator = 'EI13'")" 62.5 "a rate left empty is computed from 25/40"

dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }
before=$(dump)
expect 0 "re-importing the workbook changes nothing" -- import "$FX/lo-values.xlsx"
has "$T/out" "0 new, 0 changed, 8 unchanged" "re-import: all unchanged"
same "$(dump)" "$before" "re-import: database unchanged"

# A workbook written by hand: the sheet 填报 after a sheet 说明, inline strings with rich
# runs, a boolean cell, floating-point noise, cells and rows without references, rows that
# are only formatted, and a cell beyond the header's columns in a test below.
python3 - "$T/hand.xlsx" <<'EOF'
import sys, zipfile
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
def s(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
def rich(ref, *runs):
    return f'<c r="{ref}" t="inlineStr"><is>' + "".join(f"<r><rPr><b/></rPr><t>{x}</t></r>" for x in runs) + "</is></c>"
rows = [
    '<row r="1">' + s("A1", "institution") + s("B1", "period") + s("C1", "indicator") + s("D1", "value")
        + s("E1", "numerator") + s("F1", "denominator") + "</row>",
    '<row r="2">' + rich("A2", "H1501", "00001") + s("B2", "2025年上半年") + s("C2", "EI01")
        + '<c r="D2"><v>75.000000000000014</v></c><c><v>300</v></c><c><v>400</v></c></row>',
    '<row r="3" s="2" customFormat="1"><c r="D3" s="2"/></row>',
    "<row>" + s("A4", "H150100001") + s("B4", "2025S1") + s("C4", "EI08") + '<c r="D4" t="b"><v>1</v></c></row>',
    '<row r="6">' + s("A6", "H150100001") + s("B6", "2025S1") + s("C6", "EI20_IP")
        + '<c r="D6" t="n"><v>12.000000000000002</v></c></row>',
    '<row r="7">' + s("A7", "H150100001") + s("B7", "2025S1") + s("C7", "EI09")
        + '<c r="D7" t="str"><f>40+5</f><v>45</v></c></row>',
    '<row r="9" s="3" customFormat="1"/>',
    '<row r="10"><c r="A10" s="3"/></row>',
]
sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>' + "".join(rows) + "</sheetData></worksheet>"
notes = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData><row r="1">' + s("A1", "这一页是说明") + "</row></sheetData></worksheet>"
workbook = f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>' \
    '<sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="填报" sheetId="2" r:id="rId2"/></sheets></workbook>'
rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' \
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/notes.xml"/>' \
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/form.xml"/>' \
    "</Relationships>"
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/worksheets/notes.xml", notes)
    z.writestr("xl/worksheets/form.xml", sheet)
EOF
expect 0 "hand-written XLSX with inline strings imports" -- import "$T/hand.xlsx"
has "$T/out" "4 rows: 3 new, 0 changed, 1 unchanged" "hand-written: formatted-only rows are skipped (4 data rows)"
same "$(sql "SELECT value, numerator, denominator FROM value WHERE unit = 'H150100001' AND period = '2025S1' AND indicator = 'EI01'")" "75.0|300.0|400.0" "float noise 75.000000000000014 is read as 75"
same "$(sql "SELECT text FROM value WHERE unit = 'H150100001' AND period = '2025S1' AND indicator = 'EI08'")" "是" "a boolean cell TRUE is 是"
same "$(sql "SELECT value FROM value WHERE unit = 'H150100001' AND period = '2025S1' AND indicator = 'EI20_IP'")" "12.0" "12.000000000000002 is a whole count"
same "$(sql "SELECT value FROM value WHERE unit = 'H150100001' AND period = '2025S1' AND indicator = 'EI09'")" "45.0" "a formula's cached value is read"

# Broken workbooks: each refused with a precise message; the database stays as it was.
bad_xlsx() { # bad_xlsx NAME FILE EXPECTED-TEXT...
  name=$1 file=$2
  shift 2
  before=$(dump)
  expect 1 "$name: exit 1" -- import "$file"
  for text in "$@"; do has "$T/err" "$text" "$name: message has '$text'"; done
  same "$(dump)" "$before" "$name: database unchanged"
}
head -c 3000 "$FX/lo-values.xlsx" >"$T/truncated.xlsx"
bad_xlsx "truncated zip" "$T/truncated.xlsx" "truncated.xlsx: not a valid XLSX (zip) file:"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], "w"); z.writestr("readme.txt", "hello"); z.close()' "$T/plain.xlsx"
bad_xlsx "zip that is not a workbook" "$T/plain.xlsx" "plain.xlsx: not an XLSX workbook: a zip archive without xl/workbook.xml"
rezip "$FX/lo-values.xlsx" "$T/doctype.xlsx" xl/worksheets/sheet1.xml \
  't.replace("<worksheet ", "<!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><worksheet ", 1).replace("<v>75</v>", "<v>&x;</v>")'
bad_xlsx "sheet with an external entity" "$T/doctype.xlsx" "doctype.xlsx: xl/worksheets/sheet1.xml:" "XML with a DTD/entities is refused"
rezip "$FX/lo-values.xlsx" "$T/laughs.xlsx" xl/sharedStrings.xml \
  't.replace("<sst ", "<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><sst ", 1)'
bad_xlsx "shared strings with entity expansion" "$T/laughs.xlsx" "laughs.xlsx: xl/sharedStrings.xml:" "refused"
rezip "$FX/lo-values.xlsx" "$T/negative.xlsx" xl/worksheets/sheet1.xml 't.replace("<v>17.5</v>", "<v>-17.5</v>")'
bad_xlsx "a negative duration" "$T/negative.xlsx" "negative.xlsx: sheet 'lo-values' cell D4: field 'value' = '-17.5'" "cannot be negative"
rezip "$FX/lo-values.xlsx" "$T/word.xlsx" xl/worksheets/sheet1.xml 't.replace("<c r=\"D6\" s=\"0\" t=\"n\"><v>62.73</v>", "<c r=\"D6\" s=\"0\" t=\"inlineStr\"><is><t>六十二</t></is>")'
bad_xlsx "a rate in words" "$T/word.xlsx" "word.xlsx: sheet 'lo-values' cell D6: field 'value' = '六十二': not a number"
rezip "$FX/lo-values.xlsx" "$T/sst.xlsx" xl/worksheets/sheet1.xml 't.replace("<c r=\"A2\" s=\"0\" t=\"s\"><v>6</v>", "<c r=\"A2\" s=\"0\" t=\"s\"><v>999</v>")'
bad_xlsx "shared string out of range" "$T/sst.xlsx" "sst.xlsx: sheet 'lo-values' cell A2: shared string 999 does not exist"
rezip "$FX/lo-values.xlsx" "$T/formula.xlsx" xl/worksheets/sheet1.xml 't.replace("<c r=\"D4\" s=\"0\" t=\"n\"><v>17.5</v></c>", "<c r=\"D4\"><f>10+7.5</f></c>")'
bad_xlsx "formula without a value" "$T/formula.xlsx" "formula.xlsx: sheet 'lo-values' cell D4: a formula without a computed value"
rezip "$FX/lo-values.xlsx" "$T/ref.xlsx" xl/worksheets/sheet1.xml 't.replace("r=\"D4\"", "r=\"4D\"")'
bad_xlsx "bad cell reference" "$T/ref.xlsx" "ref.xlsx: sheet 'lo-values' row 4: bad cell reference '4D'"
rezip "$FX/lo-values.xlsx" "$T/wide-row.xlsx" xl/worksheets/sheet1.xml 't.replace("<v>17.5</v></c>", "<v>17.5</v></c><c r=\"H4\" t=\"n\"><v>1</v></c>")'
bad_xlsx "a cell beyond the header" "$T/wide-row.xlsx" "wide-row.xlsx: sheet 'lo-values' row 4: 8 fields, but the header has 6"
rezip "$FX/lo-values.xlsx" "$T/nosheet.xlsx" xl/worksheets/sheet1.xml ""
bad_xlsx "sheet part missing" "$T/nosheet.xlsx" "nosheet.xlsx: the XLSX has no xl/worksheets/sheet1.xml"
rezip "$FX/lo-values.xlsx" "$T/unknown.xlsx" xl/sharedStrings.xml 't.replace(">EI25<", ">E125<")'
bad_xlsx "unknown indicator" "$T/unknown.xlsx" "unknown.xlsx: sheet 'lo-values' cell C7: field 'indicator' = 'E125'" "did you mean 'EI25'"

# a zip bomb: 300 MB of blanks inflate from a few hundred KB; refused before inflating
python3 - "$FX/lo-values.xlsx" "$T/bomb.xlsx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zin, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        if item.filename != "xl/worksheets/sheet1.xml":
            zout.writestr(item, zin.read(item.filename))
            continue
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as w:
            w.write(zin.read(item.filename)[:-len("</worksheet>")])
            block = b" " * (1 << 20)
            for _ in range(300):
                w.write(block)
            w.write(b"</worksheet>")
EOF
[ "$(wc -c <"$T/bomb.xlsx")" -lt 2000000 ] && pass "the bomb is small on disk" || fail "the bomb is small on disk"
bad_xlsx "zip bomb" "$T/bomb.xlsx" "bomb.xlsx: xl/worksheets/sheet1.xml would inflate to" "above the limit of 256 MB"

rm -rf "$T"
