# pxr import of narratives as Markdown or plain text: one file per unit and period, "## section"s.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
MD=$EX/shanghai2023-narratives-310104.md
dump() { sqlite3 "$PXR_DB" .dump | sha256sum; }

pxr init >/dev/null
pxr import -q "$EX/institutions.csv"

# the expected records, read from the file independently: front block, then per section the
# Markdown paragraphs (lines joined, Chinese needs no space), one paragraph per line
awk '
  function flush() { if (sec != "") { gsub(/\n$/, "", txt); printf "%s\t%s\n", sec, txt } }
  /^(plugin|unit|period):/ { sub(/: */, "\t"); print > "/dev/stderr"; next }
  /^## / { flush(); sec = substr($0, 4); txt = ""; para = 0; next }
  sec == "" { next }
  /^[ \t]*$/ { if (para) txt = txt "\n"; para = 0; next }
  { txt = txt $0; para = 1 }
  END { flush() }' "$MD" >"$T/expected.tsv" 2>"$T/front.tsv"
unit=$(awk -F'\t' '$1 == "unit" { print $2 }' "$T/front.tsv")
nsec=$(grep -c '^## ' "$MD")
[ "$nsec" -eq 5 ] && pass "the example has the five parts" || fail "the example has the five parts" "$nsec"
same "$(grep -c "^shanghai2023,$unit," "$EX/shanghai2023-narratives.csv")" 0 "the example's district is one the CSV does not cover"

expect 0 "Markdown narratives import" -- import "$MD"
has "$T/out" "narratives, Markdown, UTF-8, $nsec rows: $nsec new" "summary names kind, format and count"
sqlite3 -separator "$(printf '\t')" "$PXR_DB" \
  "SELECT section, text FROM narrative WHERE unit = '$unit' AND period = '2024S1' ORDER BY rowid" >"$T/got.tsv"
if cmp -s "$T/got.tsv" "$T/expected.tsv"; then pass "every section's text is stored as written"; else
  fail "every section's text is stored as written" "$(diff "$T/expected.tsv" "$T/got.tsv" | head -5)"; fi
same "$(sql "SELECT count(*) FROM narrative WHERE unit = '$unit' AND text LIKE '%' || char(10) || '%'")" 1 \
  "a blank line separates paragraphs, a line break within one does not"
same "$(sql "SELECT count(*) FROM narrative WHERE text LIKE '%#%' OR section LIKE '%#%'")" 0 "no heading marks are stored"
expect 0 "Markdown re-import" -- import "$MD"
has "$T/out" "0 new, 0 changed, $nsec unchanged" "re-import changes nothing"

# the report takes the five parts
expect 0 "the district's summary renders" -- report shanghai2023 semiannual --period 2024S1 --region "$unit" -o "$T/s.pdf" --xml "$T/s.xml"
same "$(grep -o 'submitted="true"' "$T/s.xml" | wc -l)" "$nsec" "the summary has every part submitted"
first=$(awk -F'\t' 'NR == 1 { print substr($2, 1, 12) }' "$T/expected.tsv")
pdftotext "$T/s.pdf" - | tr -d ' \n' >"$T/s.txt"
has "$T/s.txt" "$first" "the PDF prints the first section's text"

# plain text: every non-blank line is a paragraph; GB18030 is read too
export PXR_DB="$T/txt.db"
pxr init >/dev/null
pxr import -q "$EX/institutions.csv"
printf 'plugin：shanghai2023\nunit: 310105\nperiod: 2024S1\n\n## 存在的问题\n一是候诊区域偏小。\n二是号源发布不及时。\n\n## 下一步工作设想\n　　一是改造候诊区。\n' >"$T/changning.txt"
iconv -f UTF-8 -t GB18030 "$T/changning.txt" >"$T/changning-gbk.txt"
expect 0 "plain text narratives (GB18030, full-width colon) import" -- import "$T/changning-gbk.txt"
has "$T/out" "narratives, text, GB18030, 2 rows" "summary names text and GB18030"
same "$(sql "SELECT text FROM narrative WHERE section = '存在的问题'")" "$(printf '一是候诊区域偏小。\n二是号源发布不及时。')" \
  "plain text keeps each line as a paragraph"
same "$(sql "SELECT text FROM narrative WHERE section = '下一步工作设想'")" "一是改造候诊区。" "leading ideographic spaces are trimmed"
printf -- '---\nplugin: shanghai2023\nunit: 310105\nperiod: 2024年上半年\n---\n## 一、突出的亮点\nMDT clinic\nopened.\n' >"$T/num.md"
expect 0 "a numbered heading as the report prints it" -- import "$T/num.md"
same "$(sql "SELECT text FROM narrative WHERE section = '突出的亮点'")" "MDT clinic opened." "numbering is dropped; ASCII words join with a space"

# bad files: the message names the line, nothing changes
export PXR_DB="$T/bad.db"
pxr init >/dev/null
pxr import -q "$EX/institutions.csv" "$MD"
bad_md() { # bad_md NAME CONTENT LINE EXPECTED
  printf '%s\n' "$2" >"$T/bad.md"
  before=$(dump)
  expect 1 "$1: exit 1" -- import "$T/bad.md"
  has "$T/err" "bad.md${3:+:$3}:" "$1: message names ${3:+line $3}${3:-the file}"
  has "$T/err" "$4" "$1: message says why"
  same "$(dump)" "$before" "$1: database unchanged"
}
head3='plugin: shanghai2023
unit: 310104
period: 2024S1'
bad_md "unknown section" "$head3

## 落实的情况
文字。
## 工作亮点
文字。" 7 "not a narrative section of plugin shanghai2023"
bad_md "unknown plugin" "plugin: shanghai2099
unit: 310104
period: 2024S1
## 落实的情况
文字。" 1 "unknown plugin"
bad_md "mistyped unit" "plugin: shanghai2023
unit: 31O104
period: 2024S1
## 落实的情况
文字。" 2 "did you mean '310104'?"
bad_md "bad period" "plugin: shanghai2023
unit: 310104
period: 2024S3
## 落实的情况
文字。" 3 "not a period"
bad_md "empty section" "$head3
## 落实的情况

## 取得的成效
文字。" 4 "the text is empty"
bad_md "section twice" "$head3
## 落实的情况
文字。
## 落实的情况
文字。" 6 "already given on line 4"
bad_md "text before the first section" "$head3

开头的话。
## 落实的情况
文字。" 5 "text before the first '## section' heading"
bad_md "a level-3 heading" "$head3
## 落实的情况
### 小标题
文字。" 5 "only '## section' headings"
bad_md "no unit" "plugin: shanghai2023
period: 2024S1
## 落实的情况
文字。" "" "no 'unit:' line"
bad_md "no section" "$head3

只有文字。" 5 "text before the first '## section' heading"
bad_md "only a front block" "$head3" "" "no '## section' heading"
bad_md "unknown front line" "$head3
author: 张三
## 落实的情况
文字。" 4 "expected a front block line"
bad_md "key twice" "$head3
unit: 310101
## 落实的情况
文字。" 4 "'unit' is given twice"
bad_md "unclosed front matter" "---
$head3
## 落实的情况
文字。" 5 "closing '---' is missing"

# narratives go last when files are imported together, whatever their order
export PXR_DB="$T/order.db"
pxr init >/dev/null
expect 0 "narrative text with the files it depends on, listed first" -- import "$MD" "$EX/institutions.csv"
same "$(sql "SELECT count(*) FROM narrative")" "$nsec" "ordered import stores the sections"
