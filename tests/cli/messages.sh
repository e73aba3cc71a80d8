# Errors a hospital clerk can read: every error of a file, one per line, then a count; Chinese
# under a zh locale (generated or not), English otherwise; blank rows skipped; hints for
# full-width digits and %; a warning for a rate written as a fraction.
. "$(dirname "$0")/../lib.sh"
EX="$ROOT/examples"
dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }

expect 0 "init" -- init
expect 0 "import the institutions" -- import -q "$EX/institutions.csv"

# errors on lines 3, 6 and 8; line 4 is Excel's blank row
cat >"$T/bad.csv" <<'CSV'
institution,period,indicator,value,numerator,denominator
H150100001,2025S1,EI01,,300,400
H150100001,2025S1,EI02,,9000,8000
,,,,,
H150100001,2025S1,EI03,是,,
H150100001,2025S1,EI05,８５,,
H150100001,2025S1,EI06,12,,
H150100001,2025S1,EI10,85%,,
CSV
before=$(dump)
expect 1 "a file with three errors" -- import "$T/bad.csv"
same "$(grep -c '^pxr: .*bad.csv:[0-9]*:[0-9]*: field' "$T/err")" 3 "English: three errors, each on its own line"
has "$T/err" "bad.csv:3:25: field 'numerator' = '9000': numerator is above the denominator (8000)" "English: line 3"
has "$T/err" "bad.csv:6:24: field 'value' = '８５': not a number: full-width digits" "English: line 6, a hint for full-width digits"
has "$T/err" "bad.csv:8:24: field 'value' = '85%': not a number (write the percentage without the % sign)" "English: line 8, a hint for %"
has "$T/err" "bad.csv: 3 error(s) (listed above); the database is unchanged" "English: then the count"
hasnt "$T/err" "bad.csv:4" "the blank row is skipped"
same "$(dump)" "$before" "all or nothing: the database is unchanged"

(
  export LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8
  expect 1 "the same file under LANG=zh_CN.UTF-8" -- import "$T/bad.csv"
)
same "$(grep -c '^pxr: .*bad.csv 第[0-9]*行第[0-9]*列' "$T/err")" 3 "Chinese: three errors, each on its own line"
has "$T/err" "bad.csv 第3行第25列（分子）：'9000'：分子大于分母（8000）" "Chinese: 第3行第25列（分子）"
has "$T/err" "bad.csv 第6行第24列（数值）：'８５'：不是数字：使用了全角数字" "Chinese: 第6行, full-width digits"
has "$T/err" "bad.csv 第8行第24列（数值）：'85%'：不是数字（百分率请去掉 % 号" "Chinese: 第8行, the % sign"
has "$T/err" "bad.csv：共3处错误（见上）；数据库未作任何改动" "Chinese: the count"
hasnt "$T/err" "field '" "Chinese: no English left in the errors"
same "$(dump)" "$before" "Chinese: the database is unchanged"

(
  export LC_ALL= LANG=C LC_MESSAGES=zh_CN
  expect 1 "LC_MESSAGES=zh_CN (not generated) is Chinese" -- import "$T/bad.csv"
)
has "$T/err" "第3行第25列（分子）" "LC_MESSAGES decides over LANG"
(
  export LC_ALL=C LANG=zh_CN.UTF-8
  expect 1 "LC_ALL=C over LANG=zh_CN.UTF-8 is English" -- import "$T/bad.csv"
)
has "$T/err" "bad.csv:3:25: field 'numerator'" "LC_ALL decides over LANG"

# a rate written as a fraction is imported with a warning
printf 'institution,period,indicator,value,numerator,denominator\nH150100001,2025S1,EI02,0.85,,\n' >"$T/frac.csv"
expect 0 "a rate of 0.85 imports" -- import "$T/frac.csv"
has "$T/err" "frac.csv:2:24: field 'value' = '0.85': indicator EI02 is a rate in percent: did you mean 85?" \
  "a rate of 0.85 gets a warning: did you mean 85?"
(
  export LC_ALL= LANG=zh_CN.UTF-8
  printf 'institution,period,indicator,value,numerator,denominator\nH150100001,2025S1,EI02,0.5,,\n' >"$T/frac2.csv"
  expect 0 "a rate of 0.5 under zh" -- import "$T/frac2.csv"
)
has "$T/err" "警告：" "Chinese warning"
has "$T/err" "是否应为 50？" "Chinese: 是否应为 50？"
has "$T/out" "指标数据，UTF-8，共1行：新增0，修改1，未变0" "Chinese: the summary line"

# XLSX: the cell, in Chinese
(
  export LC_ALL= LANG=zh_CN.UTF-8
  rm -f "$T/x.db"
  pxr --db "$T/x.db" init >/dev/null
  expect 1 "an XLSX with unknown institutions under zh" -- --db "$T/x.db" import "$ROOT/tests/fixtures/lo-values.xlsx"
)
has "$T/err" "lo-values.xlsx：工作表 'lo-values' 单元格 A2（机构代码）：'H150100001'：机构或地区代码不存在（请先导入）" \
  "XLSX: 工作表 … 单元格 A2 and the column as the template names it"

# at most 100 errors, then a count
{
  echo "institution,period,indicator,value,numerator,denominator"
  i=0
  while [ $i -lt 150 ]; do echo "H150100001,2025S1,EI01,x$i,,"; i=$((i + 1)); done
} >"$T/many.csv"
expect 1 "150 bad rows" -- import "$T/many.csv"
same "$(grep -c "field 'value'" "$T/err")" 100 "100 errors are listed"
has "$T/err" "many.csv: stopped after 100 errors (listed above); the database is unchanged" "then the import stops and says so"

# usage messages too
(
  export LC_ALL= LANG=zh_CN.UTF-8
  expect 2 "a usage error under zh" -- import --received 2024-02-30 "$T/bad.csv"
)
has "$T/err" "--received “2024-02-30”不是日期（应为 YYYY-MM-DD）" "Chinese usage message"

# what the cycle commands print, under zh
(
  export LC_ALL= LANG=zh_CN.UTF-8
  expect 0 "status under zh" -- status nhc2023 --period 2024S1 --due 2024-07-15
)
has "$T/out" "nhc2023 2024S1 全部：应报" "status prints its totals in Chinese"
