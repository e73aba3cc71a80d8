# Every kind of message a user sees, in Chinese under LANG=zh_CN.UTF-8 (with no English sentence
# left and, for a user's error, no traceback) and in English under LANG=C: usage, import, the
# store, batch, the submission cycle (status, approve, reopen, history), the sandbox's stops, the
# Lua modules' errors and a plugin's refusal; times shown on Beijing time, saying so.
. "$(dirname "$0")/../lib.sh"
EX="$ROOT/examples"
zh() { (export LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 && expect "$@"); }
en() { (export LC_ALL= LC_MESSAGES= LANG=C && expect "$@"); }

# chinese NAME: stderr and stdout hold Chinese and no English sentence (three English words in a
# row outside quotes, paths and options); for a user's error no traceback either.
chinese() {
  py_lines "$1: Chinese, no English sentence" '
import re, sys
text = open(sys.argv[1], encoding="utf-8").read() + open(sys.argv[2], encoding="utf-8").read()
if not re.search(r"[\u4e00-\u9fff]", text):
    print("no Chinese: " + text[:200])
for line in text.splitlines():
    bare = re.sub(r"\x27[^\x27]*\x27|\"[^\"]*\"|“[^”]*”|\S*[/.=_-]\S*|\b[A-Z0-9]+\b", " ", line)
    m = re.search(r"\b[A-Za-z]{2,}(?: +[A-Za-z]{2,}){2,}\b", bare)
    if m:
        print("English left: %r in %r" % (m.group(0), line[:160]))
' "$T/err" "$T/out"
}
one_line() {
  same "$(wc -l <"$T/err" | tr -d ' ')" 1 "$1: one line"
  hasnt "$T/err" "调用栈" "$1: no traceback"
}

# ---- usage
zh 2 "report without its arguments (zh)" -- report
chinese "usage"
has "$T/err" "pxr report：请给出方案编号和报告名称" "usage: the reason in Chinese"
has "$T/err" "用法：pxr [--db FILE] report" "usage: then the command's help in Chinese"
en 2 "report without its arguments (C)" -- report
has "$T/err" "pxr report: give a plugin id and a report name" "usage in English under LANG=C"
zh 2 "an option without its value (zh)" -- --db
has "$T/err" "pxr：--db 需要一个值" "a missing option value in Chinese"

# ---- import
expect 0 "init" -- init
expect 0 "import the examples" -- import -q "$EX/institutions.csv" "$EX/values.csv"
printf 'institution,period,indicator,value,numerator,denominator\nH150100001,2025S1,EI01,"12,,\n' >"$T/quote.csv"
zh 1 "a CSV with an unterminated quote (zh)" -- import "$T/quote.csv"
chinese "CSV syntax"
has "$T/err" "quote.csv 第2行第24列：引号未闭合" "CSV syntax: 第2行第24列"
en 1 "a CSV with an unterminated quote (C)" -- import "$T/quote.csv"
has "$T/err" "quote.csv:2:24: unterminated quoted field" "CSV syntax in English"
printf 'code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead\nH 1,x,150100,三级,甲,综合,公立,0,0\n' >"$T/code.csv"
zh 1 "an institution code with a space (zh)" -- import "$T/code.csv"
chinese "a bad code"
has "$T/err" "code.csv 第2行第1列（代码）：'H 1'：第2个字符是空白（U+0020）；代码中不能有空白" \
  "a bad code: the place, the column as the template names it, the reason"
printf 'institution,name,period,EI01,EI01.numerator,EI01.denominator\nH150100001,x,2024S1,75,3,4,9\n' >"$T/wide.csv"
zh 1 "a one-row-per-institution form with a field too many (zh)" -- import "$T/wide.csv"
chinese "a wide form's record"
has "$T/err" "wide.csv 第2行：本行有7列，表头却有6列" "a wide form's place written as 第2行"
en 1 "a one-row-per-institution form with a field too many (C)" -- import "$T/wide.csv"
has "$T/err" "wide.csv:2: 7 fields, but the header has 6" "the same in English"
printf '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><values/>\n' >"$T/dtd.xml"
zh 1 "an XML with a DTD (zh)" -- import "$T/dtd.xml"
chinese "XML with a DTD"
has "$T/err" "dtd.xml 第1行：拒绝带 DTD 或实体的 XML" "XML with a DTD refused, in Chinese"
printf 'institution,period,indicator,value,numerator,denominator\nH150100001,2025S1,EI02,0.5,,\n' >"$T/frac.csv"
zh 0 "a rate written as a fraction (zh)" -- import "$T/frac.csv"
chinese "import's warning and summary"

# ---- validate's listing
zh 0 "validate (zh)" -- validate --period 2024S1
chinese "validate"
has "$T/out" "条违规：错误 " "validate's count in Chinese"
has "$T/out" "，报告期 2024S1" "validate names the period in Chinese"
en 0 "validate (C)" -- validate --period 2024S1
has "$T/out" "violation(s): " "validate in English under LANG=C"

# ---- the store
sqlite3 "$T/other.db" 'CREATE TABLE t(x)'
zh 1 "a database that is not pxr's (zh)" -- --db "$T/other.db" init
chinese "not a pxr database"
has "$T/err" "other.db：不是 pxr 数据库（有数据表但没有 pxr 结构）" "the store refuses another database"
zh 3 "a database in a missing directory (zh)" -- --db "$T/no/such/dir.db" init
chinese "cannot open the database"
has "$T/err" "无法打开数据库：无法打开数据库文件" "SQLite's message translated too"
en 3 "a database in a missing directory (C)" -- --db "$T/no/such/dir.db" init
has "$T/err" "cannot open database: unable to open database file" "the store in English"

# ---- batch
: >"$T/afile"
zh 2 "batch into a file (zh)" -- batch nhc2023 evaluation --period 2024S1 --each institution -o "$T/afile"
chinese "batch -o"
has "$T/err" "已存在且不是目录" "batch: -o is not a directory"
en 2 "batch into a file (C)" -- batch nhc2023 evaluation --period 2024S1 --each institution -o "$T/afile"
has "$T/err" "exists and is not a directory" "batch in English"

# ---- the submission cycle: status, approve, reopen, history; times on Beijing time
zh 1 "reopen what is not approved (zh)" -- reopen nhc2023 --period 2024S1 --institution H150100001 \
  --reason 复核
chinese "reopen"
has "$T/err" "H150100001 nhc2023 2024S1 尚未审核：没有可退回的内容" "reopen refused in Chinese"
zh 1 "status of an unknown region (zh)" -- status nhc2023 --period 2024S1 --region 159999 -o "$T/s.csv"
chinese "status"
has "$T/err" "--region 159999：地区不存在" "status: unknown region in Chinese"
zh 0 "approve (zh)" -- approve nhc2023 --period 2024S1 --institution H150100001 --by 统计科
chinese "approve"
has "$T/out" "1 家审核通过（已审核），审核时间 " "approve says when, in Chinese"
has "$T/out" "（北京时间）" "approve's time is Beijing time and says so"
stored=$(sql "SELECT time FROM approval ORDER BY id DESC LIMIT 1")
beijing=$(TZ=Asia/Shanghai date -d "$stored" '+%Y-%m-%d %H:%M:%S' 2>/dev/null ||
  python3 -c "import datetime,sys; t=datetime.datetime.strptime(sys.argv[1],'%Y-%m-%dT%H:%M:%SZ'); print((t+datetime.timedelta(hours=8)).strftime('%Y-%m-%d %H:%M:%S'))" "$stored")
has "$T/out" "审核时间 $beijing（北京时间）" "approve prints the stored UTC time $stored as Beijing time"
sed 's/^H150100001,2024S1,EI01,.*/H150100001,2024S1,EI01,60,600,1000/' "$EX/values.csv" |
  grep -E '^(institution|H150100001,2024S1)' >"$T/fix.csv"
zh 1 "a changed re-import of approved data (zh)" -- import "$T/fix.csv"
chinese "approved data refused"
has "$T/err" "由 统计科 于 $beijing（北京时间）" "the refusal names the approval's time on Beijing time"
en 1 "a changed re-import of approved data (C)" -- import "$T/fix.csv"
has "$T/err" "approved by 统计科 at $beijing (Beijing time, UTC+8)" "the refusal in English, Beijing time"
zh 0 "reopen (zh)" -- reopen nhc2023 --period 2024S1 --institution H150100001 --reason 分子有误
chinese "reopen"
has "$T/out" "已退回，退回时间 " "reopen says when"
expect 0 "the correction imports" -- import -q "$T/fix.csv"
zh 0 "history (zh)" -- history --institution H150100001 --indicator EI01
chinese "history"
imported=$(sql "SELECT time FROM import ORDER BY id DESC LIMIT 1")
ibeijing=$(python3 -c "import datetime,sys; t=datetime.datetime.strptime(sys.argv[1],'%Y-%m-%dT%H:%M:%SZ'); print((t+datetime.timedelta(hours=8)).strftime('%Y-%m-%d %H:%M:%S'))" "$imported")
has "$T/out" "$ibeijing（北京时间）" "history: the correction's import time on Beijing time"
hasnt "$T/out" "${imported}" "history: no raw UTC stamp"
en 0 "history (C)" -- history --institution H150100001 --indicator EI01
has "$T/out" "$ibeijing (Beijing time, UTC+8)" "history in English: Beijing time, saying so"

# ---- the sandbox's stops and refusals
printf 'while true do end\n' >"$T/loop.lua"
(export PXR_MAX_INSTRUCTIONS=100000 && zh 1 "an endless loop (zh)" -- run "$T/loop.lua")
chinese "the instruction limit"
printf 'local t = {}\nfor i = 1, 1e9 do t[i] = i end\n' >"$T/mem.lua"
(export PXR_MAX_MEMORY_MB=20 && zh 1 "a script past its memory (zh)" -- run "$T/mem.lua")
chinese "the memory limit"
has "$T/err" "mem.lua:2: 在此附近内存不足：脚本使用超过 20 MB（PXR_MAX_MEMORY_MB）" "the memory limit in Chinese"
printf 'print(os.time())\n' >"$T/os.lua"
zh 1 "a script using os (zh)" -- run "$T/os.lua"
chinese "no os in the sandbox"
has "$T/err" "os.lua:1: 未定义的全局变量“os”" "the sandbox's refusal in Chinese"
printf 'pxr.pdf(pxr.doc.document { body = {} }, "/tmp/elsewhere.pdf")\n' >"$T/out.lua"
zh 1 "a script writing outside --out (zh)" -- run "$T/out.lua" --out "$T"
chinese "outside the output directory"
has "$T/err" "在输出目录 $T 之外" "writing outside --out refused in Chinese"
printf 'pxr.db.query("SELECT * FROM nope")\n' >"$T/sql.lua"
zh 1 "a query on a missing table (zh)" -- run "$T/sql.lua"
chinese "pxr.db.query"
has "$T/err" "pxr.db.query：没有数据表：nope" "SQLite's message inside a Lua error, in Chinese"
en 1 "a query on a missing table (C)" -- run "$T/sql.lua"
has "$T/err" "pxr.db.query: no such table: nope" "pxr.db.query in English"
has "$T/err" "stack traceback:" "English traceback under LANG=C"

# ---- the Lua modules' errors: a user's error is one line
printf 'pxr.data.values { indicator = "EI01", period = "2024S3" }\n' >"$T/period.lua"
zh 1 "a bad period (zh)" -- run "$T/period.lua"
chinese "a bad period"
one_line "a bad period"
printf 'pxr.data.values { indicator = "EI99", plugin = "nhc2023", period = "2024S1" }\n' >"$T/ind.lua"
zh 1 "an unknown indicator (zh)" -- run "$T/ind.lua"
chinese "an unknown indicator"
one_line "an unknown indicator"
printf 'pxr.data.values { indicator = "EI01", period = "2024S1", level = "四级" }\n' >"$T/level.lua"
zh 1 "an unknown level (zh)" -- run "$T/level.lua"
chinese "an unknown level"
one_line "an unknown level"
has "$T/err" "level.lua:1: pxr.data.values：级别 四级 不是 三级、二级、一级 或 未定级" "pxr.data's level in Chinese"
printf 'print(pxr.period.range("2024S2", "2024S1"))\n' >"$T/range.lua"
zh 1 "a backwards period range (zh)" -- run "$T/range.lua"
chinese "period.range"
one_line "period.range"
printf 'pxr.pdf(pxr.doc.document { body = { pxr.doc.heading("x", 7) } }, "x.pdf")\n' >"$T/doc.lua"
zh 1 "a heading of level 7 (zh)" -- run "$T/doc.lua" --out "$T"
chinese "pxr.doc"
one_line "pxr.doc"
has "$T/err" "doc.lua:1: 标题级别须为 1、2 或 3" "pxr.doc's check in Chinese"
en 1 "a heading of level 7 (C)" -- run "$T/doc.lua" --out "$T"
has "$T/err" "doc.lua:1: heading level must be 1, 2 or 3" "pxr.doc in English"

# ---- a plugin's refusal: a region outside its plan
zh 1 "shanghai2023 for Hohhot (zh)" -- report shanghai2023 semiannual --period 2024S1 --region 150100 \
  -o "$T/sh.pdf"
chinese "a region outside the plan"
one_line "a region outside the plan"
has "$T/err" "不在上海市" "shanghai2023 refuses a region outside 上海市, in Chinese"
