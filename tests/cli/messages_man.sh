# The Chinese manual page (man/zh_CN/man1/pxr.1, translated from man/pxr.1): man renders it
# without a warning, in Chinese, with a section for everything the English page has and every
# command of the overview; make install puts it where man finds it under LANG=zh_CN.UTF-8.
. "$(dirname "$0")/../lib.sh"
ZH="$ROOT/man/zh_CN/man1/pxr.1"
if MANWIDTH=80 man --warnings -l "$ZH" >"$T/man.txt" 2>"$T/man.err" && [ ! -s "$T/man.err" ]; then
  pass "man -l renders the Chinese page without a warning"
else
  fail "man -l renders the Chinese page without a warning" "$(head -n 3 "$T/man.err")"
fi
for h in 名称 用法 说明 命令 选项 脚本 环境变量 退出码 文件 示例 参见; do
  grep -q "^$h\$" "$T/man.txt" && pass "the Chinese page has the section $h" || fail "the Chinese page has the section $h"
done
# an entry added to the English page without its translation fails here
for r in SH TP SY RS IP EX; do
  same "$(grep -c "^\.$r" "$ZH")" "$(grep -c "^\.$r" "$ROOT/man/pxr.1")" "as many .$r as the English page"
done
expect 0 "pxr --help" -- --help
for cmd in $(awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ && $1 != "help" { print $1 }' "$T/out"); do
  grep -q "^       $cmd" "$T/man.txt" && pass "the Chinese page describes '$cmd'" ||
    fail "the Chinese page describes '$cmd'"
done
has "$T/man.txt" "第22行第3列（分子）" "the Chinese page says how Chinese messages name a CSV position"
has "$T/man.txt" "时间（北京时间）" "the Chinese page says times are Beijing time"
py_lines "the Chinese page's lines break between hanzi, without a space inside a sentence" '
import re, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if len(line.rstrip("\n")) > 80 and re.search(r"[\u4e00-\u9fff]", line):
        print("line %d is longer than 80 columns: %r" % (n, line[:60]))
    m = re.search(r"[\u4e00-\u9fff][，。；：、] [\u4e00-\u9fff]|[\u4e00-\u9fff] [\u4e00-\u9fff]", line)
    if m:
        print("line %d: a space between hanzi: %r" % (n, line.strip()[:60]))
' "$T/man.txt"

# installed, man finds it by the locale
dest="$T/root"
if make -s -C "$ROOT" install DESTDIR="$dest" PREFIX=/usr/local >"$T/install.log" 2>&1; then
  pass "make install succeeds"
else
  fail "make install succeeds" "$(tail -n 3 "$T/install.log")"
fi
[ -e "$dest/usr/local/share/man/zh_CN/man1/pxr.1" ] && pass "make install puts share/man/zh_CN/man1/pxr.1" ||
  fail "make install puts share/man/zh_CN/man1/pxr.1"
# man picks the page by the locale (-L: the locale need not be generated; -w shows the file)
found=$(MANPATH="$dest/usr/local/share/man" man -L zh_CN -w pxr 2>/dev/null)
same "$found" "$dest/usr/local/share/man/zh_CN/man1/pxr.1" "man -L zh_CN pxr takes the Chinese page"
found=$(MANPATH="$dest/usr/local/share/man" man -L C -w pxr 2>/dev/null)
same "$found" "$dest/usr/local/share/man/man1/pxr.1" "man -L C pxr takes the English page"
MANWIDTH=80 man -l "$dest/usr/local/share/man/zh_CN/man1/pxr.1" >"$T/found.txt" 2>&1
has "$T/found.txt" "根据医院指标数据生成改善患者就医感受的报告" "the installed Chinese page renders"
