#!/bin/sh
# Bounded on any input: pipes, devices, bombs and huge lines fail fast with a clear error and
# exit 1, in bounded memory (each run under `ulimit -v`, and `timeout` to catch a hang, never a
# timed assertion); codes stay printable; outputs are replaced only whole; batch checks -o once,
# resumes, counts failures and shows progress on a terminal only.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
cd "$T" || exit 3

# 1 GB of address space; ASan reserves far more, so a sanitizer build runs without the cap
VLIMIT=1048576
# (probed in a shell of its own, whose report of the abort goes to /dev/null)
sh -c '(ulimit -v "$0" && exec "$1" --version)' $VLIMIT "$PXR_BIN" >/dev/null 2>&1 || VLIMIT=unlimited

# bounded RC NAME -- ARGS...: pxr ARGS under the memory cap and a timeout; stdin is kept.
bounded() {
  want=$1 name=$2
  shift 3
  (ulimit -v $VLIMIT && exec timeout 120 "$PXR_BIN" "$@") >"$T/out" 2>"$T/err"
  rc=$?
  if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$T/err"; then
    fail "$name" "memory error: $(grep -m1 -E 'Sanitizer|runtime error' "$T/err")"
  elif [ "$rc" -eq 124 ]; then
    fail "$name" "still running after 120 s (a hang)"
  elif [ "$rc" -eq "$want" ]; then pass "$name"; else
    fail "$name" "exit $rc, want $want: $(head -c 300 "$T/err")"
  fi
}
count() { sqlite3 "$PXR_DB" "$1"; }

expect 0 "init" -- init

# --- inputs that are not plain files ---------------------------------------------------------
mkfifo "$T/fifo"
timeout 120 sh -c 'cat "$1" >"$2"' sh "$E/institutions.csv" "$T/fifo" &
bounded 0 "a FIFO is read once, as a stream" -- import "$T/fifo"
wait
ni=$(($(wc -l <"$E/institutions.csv") - 1))
has "$T/out" "institutions, UTF-8, $ni rows" "the FIFO's rows are all imported"
same "$(count 'SELECT count(*) FROM institution')" "$ni" "$ni institutions from the FIFO"

cat "$E/values.csv" | bounded 0 "/dev/stdin of a pipe" -- import /dev/stdin
has "$T/out" "/dev/stdin: values" "/dev/stdin is told a values file by its header"
bounded 0 "/dev/stdin of a file" -- import /dev/stdin <"$E/values.csv"
if command -v bash >/dev/null; then
  (ulimit -v $VLIMIT && exec timeout 120 bash -c '"$0" import <(cat "$1")' "$PXR_BIN" \
    "$E/shanghai2023-status.csv") >"$T/out" 2>"$T/err"
  same "$?" 0 "a process substitution imports"
  has "$T/out" "/dev/fd/" "the process substitution is named as given"
fi

before=$(count 'SELECT count(*) FROM value')
bounded 1 "/dev/zero is refused" -- import /dev/zero
has "$T/err" "/dev/zero: a character device; pxr imports a regular file or a pipe" \
  "/dev/zero: the message says what it is and what pxr reads"
bounded 1 "a directory is refused" -- import "$T"
has "$T/err" "a directory" "a directory: said so"
bounded 1 "a device among good files refuses the lot" -- import "$E/values.csv" /dev/zero
same "$(count 'SELECT count(*) FROM value')" "$before" "nothing is imported when one input is refused"

# a stream that never ends stops at the limit, which the message names
yes 'a,b,c' | PXR_MAX_INPUT_MB=16 bounded 1 "an endless pipe stops at the input limit" -- \
  import /dev/stdin
has "$T/err" "/dev/stdin: larger than the input limit of 16 MiB (set PXR_MAX_INPUT_MB" \
  "the endless pipe: the limit and how to raise it"
# a file above the default limit is refused before a byte is read
truncate -s 1100M "$T/huge.csv"
bounded 1 "a file above the default limit of 1024 MiB" -- import "$T/huge.csv"
has "$T/err" "huge.csv: larger than the input limit of 1024 MiB" "the default limit is named"
rm -f "$T/huge.csv"

# --- CSV: a 50 MB line of commas, a 20 MB field ----------------------------------------------
python3 -c "import sys; sys.stdout.write('code,name' + ',' * 50000000 + '\n')" >"$T/commas.csv"
bounded 1 "a 50 MB line of commas" -- import "$T/commas.csv"
has "$T/err" "commas.csv:1:" "commas: the message names the file and line"
has "$T/err" "more than 10000 fields (the limit for one record)" "commas: the field limit is named"
python3 -c "import sys; sys.stdout.write('code,' + 'a' * 20000000 + '\n')" >"$T/long.csv"
bounded 1 "a 20 MB field" -- import "$T/long.csv"
has "$T/err" "long.csv:1:" "long field: file and line"
has "$T/err" "more than 16777216 bytes (16 MiB, the limit for one record)" "long field: limit named"
rm -f "$T/commas.csv" "$T/long.csv"

# --- XLSX bombs --------------------------------------------------------------------------------
python3 - "$T" <<'PY'
import sys, zipfile
t = sys.argv[1]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
def book(path, sheet, strings=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % NS)
        rels = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        if strings is not None:
            rels += '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            z.writestr("xl/sharedStrings.xml", strings)
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

# one 9 MB shared string referenced by 1,000 cells of one row
sst = '<?xml version="1.0"?><sst %s count="1" uniqueCount="1"><si><t>%s</t></si></sst>' % (NS, "x" * 9000000)
cells = "".join('<c r="%s1" t="s"><v>0</v></c>' % col(i) for i in range(1000))
book(t + "/sst-bomb.xlsx", '<?xml version="1.0"?><worksheet %s><sheetData><row r="1">%s</row></sheetData></worksheet>' % (NS, cells), sst)

# a regions header, then a million rows of 60 empty cells: 250 MB of sheet XML
head = '<row r="1">%s</row>' % "".join('<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (col(i), h) for i, h in enumerate(["code", "name", "parent", "level"]))
rows = ("<row>" + "<c/>" * 60 + "</row>") * 1000000
book(t + "/rows-bomb.xlsx", '<?xml version="1.0"?><worksheet %s><sheetData>%s%s</sheetData></worksheet>' % (NS, head, rows))
PY
size=$(wc -c <"$T/sst-bomb.xlsx")
[ "$size" -lt 100000 ] && pass "the shared-string bomb is small ($size bytes)" || fail "sst bomb size" "$size"
bounded 1 "a 9 MB shared string in 1,000 cells: bounded, clear error" -- import "$T/sst-bomb.xlsx"
has "$T/err" "sst-bomb.xlsx" "sst bomb: the message names the file"
size=$(wc -c <"$T/rows-bomb.xlsx")
[ "$size" -lt 1500000 ] && pass "the sheet bomb is small ($size bytes)" || fail "sheet bomb size" "$size"
bounded 1 "a 250 MB sheet of small rows is streamed in bounded memory" -- import "$T/rows-bomb.xlsx"
has "$T/err" "rows-bomb.xlsx: a header but no data rows" "sheet bomb: read to the end, then refused"
rm -f "$T/sst-bomb.xlsx" "$T/rows-bomb.xlsx"

# --- Markdown narratives: many headings, a huge file, a huge section -------------------------
md_front() { printf 'plugin: shanghai2023\nunit: 310104\nperiod: 2024S1\n\n'; }
(md_front && python3 -c "import sys; sys.stdout.write(''.join('## 第%d节\ntext\n' % i for i in range(100000)))") >"$T/many.md"
bounded 1 "100,000 '##' headings fail fast" -- import "$T/many.md"
has "$T/err" "many.md:205: more than 100 '## section' headings" "headings: file, line and the limit"
(md_front && printf '## 落实的情况\n' && python3 -c "import sys; sys.stdout.write(('文' * 100 + '\n') * 4000)") >"$T/big-section.md"
bounded 1 "a section over 1 MiB" -- import "$T/big-section.md"
has "$T/err" "section '落实的情况' holds more than 1048576 bytes of text" "big section: the limit is named"
(md_front && printf '## 落实的情况\n' && python3 -c "import sys; sys.stdout.write('x' * 100000000)") >"$T/huge.md"
bounded 1 "a 100 MB narrative file" -- import "$T/huge.md"
has "$T/err" "the limit is 16777216 bytes (16 MiB) per file" "huge narrative: the limit is named"
rm -f "$T/many.md" "$T/big-section.md" "$T/huge.md"

# --- codes: printable, no white space, no path characters --------------------------------------
header=$(head -1 "$E/institutions.csv")
row=$(sed -n 2p "$E/institutions.csv" | cut -d, -f2-)
n0=$(count 'SELECT count(*) FROM institution')
for case in 'newline:"X1\nX2"' 'return:"X1\rX2"' 'escape:X\033[31mX' 'slash:../X1' 'space:X 1' \
  'backslash:X\\1' 'ideographic space:X\343\200\2001' 'tab:X\t1'; do
  what=${case%%:*}
  printf "%s\n$(printf '%s' "${case#*:}" | sed 's/%/%%/g'),%s\n" "$header" "$row" >"$T/code.csv"
  bounded 1 "an institution code with a $what is refused" -- import "$T/code.csv"
  has "$T/err" "code.csv:2:1: field 'code' = '" "code with a $what: file, line, column, field"
  if grep -q "$(printf '\033')" "$T/err"; then fail "code with a $what: the message is escaped"; else
    pass "code with a $what: the message holds no control character"
  fi
done
has "$T/err" "character 2 is a control character (U+0009)" "the message says which character is wrong"
same "$(count 'SELECT count(*) FROM institution')" "$n0" "no refused code was imported"
printf 'institution,code,name\nH150100001,a/b,科室\n' >"$T/dept.csv"
bounded 1 "a department code with a '/' is refused" -- import "$T/dept.csv"
has "$T/err" "character 2 is '/'" "department code: the character is named"

# --- outputs: replaced whole, never half-written ----------------------------------------------
expect 0 "values" -- import "$E/values.csv"
python3 - "$T/many-inst.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\n")
    for i in range(20000):
        f.write("Z%06d,测试医院%d,150100,二级,甲,综合,公立,否,否\n" % (i, i))
PY
expect 0 "20,000 more institutions" -- import "$T/many-inst.csv"
printf 'an earlier file\n' >"$T/form.csv"
# a file size limit (in blocks of 512 bytes) makes the write fail once the 1.7 MB template
# passes 256 KiB (the database's own writes stay below it); SIGXFSZ ignored makes it an error
(trap '' XFSZ && ulimit -f 512 && exec "$PXR_BIN" template nhc2023 --period 2025S1 -o "$T/form.csv") \
  >"$T/out" 2>"$T/err"
same "$?" 3 "a template whose write fails exits 3"
has "$T/err" "form.csv" "the failed write names the output"
same "$(cat "$T/form.csv")" "an earlier file" "the earlier file survives a failed template"
same "$(ls "$T" | grep -c '\.tmp\.')" 0 "the failed template leaves no temporary file"
expect 0 "the template without the limit" -- template nhc2023 --period 2025S1 -o "$T/form.csv"
has "$T/form.csv" "Z019999" "now the file is replaced by the whole template"

# a PDF killed while it is written leaves neither a temporary file nor a partial PDF
cat >"$T/big.lua" <<'LUA'
local rows = {}
for i = 1, 20000 do rows[i] = { i, "示例医院" .. i, string.format("%.1f", i % 1000 / 10) } end
pxr.pdf(pxr.doc.document { title = "大表", body = {
  { kind = "table", columns = { { title = "序号" }, { title = "机构" }, { title = "值" } }, rows = rows } } },
  arg[1])
LUA
for sig in TERM INT; do
  mkdir -p "$T/sig$sig"
  # a command started with & ignores SIGINT in a shell without job control: restored here
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    "$PXR_BIN" run "$T/big.lua" --out "$T/sig$sig" big.pdf >/dev/null 2>&1 &
  pid=$!
  # signal pxr once its temporary file exists (looked for every millisecond, 60 s at most)
  seen=$(python3 - "$T/sig$sig" $pid $sig <<'PY'
import os, signal, sys, time
d, pid, sig = sys.argv[1], int(sys.argv[2]), getattr(signal, "SIG" + sys.argv[3])
end = time.time() + 60
while time.time() < end:
    if any(".tmp." in n for n in os.listdir(d)):
        os.kill(pid, sig)
        print(1)
        break
    time.sleep(0.001)
else:
    print(0)
PY
)
  [ "$seen" = 1 ] || kill -$sig $pid 2>/dev/null
  { wait $pid; } 2>/dev/null # (the shell's "Terminated" report)
  st=$?
  same "$seen" 1 "SIG$sig: the PDF was being written to a temporary file"
  [ $st -gt 128 ] && pass "SIG$sig ends pxr (status $st)" || fail "SIG$sig ends pxr" "status $st"
  same "$(ls "$T/sig$sig" | grep -c '\.tmp\.')" 0 "SIG$sig removes the temporary file"
  [ ! -e "$T/sig$sig/big.pdf" ] && pass "SIG$sig leaves no partial PDF" || fail "SIG$sig: partial PDF"
done

# --- batch: -o checked once, resumable, failures counted, progress on a terminal only -----------
cp -R "$ROOT/plugins" "$T/plugins"
B="--plugins $T/plugins batch nhc2023 evaluation --period 2024S2 --each institution"
: >"$T/a-file"
bounded 2 "batch -o a file: a usage error" -- $B -o "$T/a-file"
same "$(wc -l <"$T/err" | tr -d ' ')" 1 "batch -o a file: one line of error, not one per unit"
has "$T/err" "-o $T/a-file: exists and is not a directory" "batch -o a file: the message says so"
bounded 2 "batch -o under a file" -- $B -o "$T/a-file/sub"
same "$(wc -l <"$T/err" | tr -d ' ')" 1 "batch -o under a file: one line of error"
has "$T/err" "cannot create the directory: Not a directory" "batch -o under a file: the reason"

sqlite3 "$PXR_DB" "DELETE FROM institution WHERE code LIKE 'Z%'"
n=$(count 'SELECT count(*) FROM institution')
bounded 0 "batch -j 2" -- $B -o "$T/b" -j 2
has "$T/out" "nhc2023 evaluation 2024S2: $n written, 0 up to date, 0 failed, of $n" "batch: the summary"
same "$(cat "$T/err")" "" "batch: quiet on stderr when it is not a terminal"
bounded 0 "batch again" -- $B -o "$T/b" -j 2
has "$T/out" ": 0 written, $n up to date, 0 failed" "batch again: every current output is skipped"
touch "$T/plugins/nhc2023/plugin.lua"
bounded 0 "batch after the plugin changed" -- $B -o "$T/b"
has "$T/out" ": $n written, 0 up to date" "a plugin newer than the outputs redoes them"
rm "$T/b/nhc2023-evaluation-H150100001-2024S2.pdf"
bounded 0 "batch after one output was removed" -- $B -o "$T/b"
has "$T/out" ": 1 written, $((n - 1)) up to date" "batch: only the missing report is rendered"
bounded 0 "batch --force" -- $B -o "$T/b" --force
has "$T/out" ": $n written, 0 up to date" "batch --force redoes every report"
sleep 1 # the import's time is in whole seconds: a later second is a later import
sed 's/青禾医院/青禾医院（新名）/' "$E/institutions.csv" >"$T/renamed.csv"
expect 0 "new data" -- import "$T/renamed.csv"
bounded 0 "batch after an import" -- $B -o "$T/b"
has "$T/out" ": $n written, 0 up to date" "data newer than the outputs redoes them"

# one unit failing does not stop the others; the exit code says so
rm "$T/b/nhc2023-evaluation-H150100002-2024S2.pdf"
mkdir "$T/b/nhc2023-evaluation-H150100002-2024S2.pdf"
bounded 3 "a batch with one failing unit exits non-zero" -- $B -o "$T/b" --force
has "$T/out" ": $((n - 1)) written, 0 up to date, 1 failed, of $n" "the others are written; the summary counts the failure"
has "$T/err" "H150100002" "the failing unit is named"
rmdir "$T/b/nhc2023-evaluation-H150100002-2024S2.pdf"

# on a terminal: the progress line with done/total, rate and ETA
if script -qec "true" /dev/null >/dev/null 2>&1; then
  script -qec "\"$PXR_BIN\" $B -o \"$T/b\" --force -j 2" /dev/null >"$T/tty" 2>&1
  has "$T/tty" "[$n/$n]" "on a terminal: the progress line reaches done/total"
  has "$T/tty" "reports/s" "on a terminal: the rate"
  has "$T/tty" ", ETA " "on a terminal: the ETA"
fi
