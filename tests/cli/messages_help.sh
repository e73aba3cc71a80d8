# Help texts and the errors of Lua scripts and plugins in Chinese under a zh locale, English
# otherwise; a user's error raised in Lua (a bad period, a region outside a plan) is one line,
# a script's bug keeps its stack traceback.
. "$(dirname "$0")/../lib.sh"
EX="$ROOT/examples"
zh() { (export LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 && expect "$@"); }
en() { (export LC_ALL= LC_MESSAGES= LANG=C && expect "$@"); }

zh 0 "pxr --help under LANG=zh_CN.UTF-8" -- --help
has "$T/out" "用法：pxr [--db FILE] [--plugins DIR] COMMAND [ARGS...]" "Chinese overview: 用法"
has "$T/out" "退出码：0 成功，1 数据有误，2 用法错误，3 内部错误。" "Chinese overview: the exit status"
hasnt "$T/out" "commands:" "the Chinese overview has no English heading"
en 0 "pxr --help under LANG=C" -- --help
has "$T/out" "usage: pxr [--db FILE] [--plugins DIR] COMMAND [ARGS...]" "English overview under LANG=C"
hasnt "$T/out" "用法" "no Chinese under LANG=C"

zh 0 "pxr help import under LANG=zh_CN.UTF-8" -- help import
has "$T/out" "用法：pxr [--db FILE] import FILE..." "Chinese help import: 用法"
has "$T/out" "所有文件在一个事务中导入" "Chinese help import: all or nothing"
hasnt "$T/out" "Loads CSV files" "Chinese help import: not the English text"
en 0 "pxr help import under LANG=C" -- help import
has "$T/out" "Loads CSV files" "English help import under LANG=C"
(export LC_ALL=zh_CN.UTF-8 LANG=C && expect 0 "LC_ALL=zh_CN.UTF-8 wins over LANG=C" -- import --help)
has "$T/out" "用法：pxr [--db FILE] import" "LC_ALL decides: Chinese"

# every help text has its Chinese text: a text is a msgid whole, so an English text changed
# without its catalog entry falls back to English, and this fails.  The commands are the
# overview's, so a new command is covered too.
en 0 "the English overview" -- --help
cmds=$(sed -n '/^commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$T/out" | grep -v '^help$')
same "$(echo "$cmds" | wc -w | tr -d ' ')" 14 "the overview lists the 14 commands"
for c in $cmds; do
  en 0 "help $c under LANG=C" -- help "$c"
  cp "$T/out" "$T/help_en"
  zh 0 "help $c under zh" -- help "$c"
  if head -1 "$T/out" | grep -q '^用法：' && ! cmp -s "$T/out" "$T/help_en"; then
    pass "help $c has its Chinese text (core/po/zh_CN.po)"
  else
    fail "help $c has its Chinese text (core/po/zh_CN.po)" "$(head -1 "$T/out")"
  fi
done
zh 2 "an unknown command under zh" -- frobnicate
has "$T/err" "pxr：未知命令“frobnicate”" "Chinese: unknown command"

expect 0 "init" -- init
expect 0 "import" -- import -q "$EX/institutions.csv" "$EX/nhc2016-values.csv"

# a period error raised in Lua (pxr.data through pxr.error): the script's line, one line
cat >"$T/bad_period.lua" <<'LUA'
local rows = pxr.data.values { indicator = "EI01", period = arg[1] }
print(#rows)
LUA
en 1 "a script given period 2024S3 (LANG=C)" -- run "$T/bad_period.lua" 2024S3
has "$T/err" "bad_period.lua:1: pxr.data.values: period 2024S3 is not a period (2024S1, 2024, 2024年上半年)" \
  "English period error names the script's line"
same "$(wc -l <"$T/err" | tr -d ' ')" 1 "English period error: one line"
hasnt "$T/err" "stack traceback" "English period error: no traceback"
zh 1 "a script given period 2024S3 (LANG=zh_CN.UTF-8)" -- run "$T/bad_period.lua" 2024S3
has "$T/err" "bad_period.lua:1: pxr.data.values：2024S3 不是有效的报告期（应如 2024S1、2024、2024年上半年）" \
  "Chinese period error, the period and the line kept"
same "$(wc -l <"$T/err" | tr -d ' ')" 1 "Chinese period error: one line"
hasnt "$T/err" "stack traceback" "Chinese period error: no traceback"

cat >"$T/bad_indicator.lua" <<'LUA'
pxr.data.values { indicator = "EI99", plugin = "nhc2023", period = "2024S2" }
LUA
zh 1 "an unknown indicator of a plugin (zh)" -- run "$T/bad_indicator.lua"
if grep -q "pxr.data.values: no indicator EI99 in plugin nhc2023" "$T/err"; then
  fail "Chinese: no indicator EI99 in plugin nhc2023" "English: $(head -1 "$T/err")"
else
  has "$T/err" "指标 EI99 不属于方案 nhc2023" "Chinese: no indicator EI99 in plugin nhc2023"
fi
hasnt "$T/err" "stack traceback" "an unknown indicator: no traceback"

# plugins' refusals: a region outside the plan, nhc2016's 2016S2
en 1 "innermongolia2023 for Beijing (LANG=C)" -- report innermongolia2023 targets --period 2024S2 \
  --region 110000 -o "$T/x.pdf"
has "$T/err" "innermongolia2023 targets: region 110000 is not in 内蒙古自治区 (150000)" "English: outside the plan"
same "$(wc -l <"$T/err" | tr -d ' ')" 1 "outside the plan: one line, no traceback"
zh 1 "innermongolia2023 for Beijing (zh)" -- report innermongolia2023 targets --period 2024S2 \
  --region 110000 -o "$T/x.pdf"
has "$T/err" "地区 110000 不在内蒙古自治区（150000）范围内" "Chinese: a region outside the plan"
same "$(wc -l <"$T/err" | tr -d ' ')" 1 "Chinese outside the plan: one line"
zh 1 "nhc2016 summary for 2016S2 (zh)" -- report nhc2016 summary --period 2016S2 --region 100000 \
  -o "$T/x.pdf"
has "$T/err" "不报 2016S2" "Chinese: nhc2016 refuses 2016S2, naming it"
hasnt "$T/err" "stack traceback" "nhc2016's refusal: no traceback"
[ ! -e "$T/x.pdf" ] && pass "a refused report writes nothing" || fail "a refused report writes nothing"

# a script's bug keeps its traceback, in either language
printf 'local t = nil\nprint(t.x)\n' >"$T/bug.lua"
en 1 "a script's bug (LANG=C)" -- run "$T/bug.lua"
has "$T/err" "bug.lua:2: attempt to index a nil value" "English: the bug's message"
has "$T/err" "stack traceback" "a bug keeps its traceback"
zh 1 "a script's bug (zh)" -- run "$T/bug.lua"
has "$T/err" "bug.lua:2: 试图索引空值（local 't'）" "Chinese: the bug's message"
has "$T/err" "调用栈：" "a bug keeps its traceback under zh, in Chinese"
has "$T/err" "bug.lua:2: 主代码块中" "the traceback's lines in Chinese"
hasnt "$T/err" "stack traceback" "no English traceback heading under zh"
printf 'error("plain")\n' >"$T/raise.lua"
en 1 "error(msg) with its position" -- run "$T/raise.lua"
has "$T/err" "stack traceback" "error(msg) at a line keeps the traceback"

# the sandbox's stops are Chinese too, and keep the script's line
printf 'while true do end\n' >"$T/loop.lua"
(export PXR_MAX_INSTRUCTIONS=100000 && zh 1 "a script past its instruction limit (zh)" -- run "$T/loop.lua")
has "$T/err" "loop.lua:1: 执行 100000 条指令后已停止" "Chinese: the instruction limit, at the script's line"
(export PXR_MAX_INSTRUCTIONS=100000 && en 1 "a script past its instruction limit (LANG=C)" -- run "$T/loop.lua")
has "$T/err" "loop.lua:1: stopped after 100000 instructions" "English: the instruction limit"
