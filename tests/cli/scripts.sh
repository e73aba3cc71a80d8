# The example report script of examples/scripts, run as a statistician would.
. "$(dirname "$0")/../lib.sh"
EX=$ROOT/examples
pxr init >/dev/null && pxr import -q "$EX/institutions.csv" "$EX/values.csv"
expect 0 "tertiary.lua runs" -- run "$EX/scripts/tertiary.lua" --out "$T" 2024S1 "$T/t.pdf"
"$PDFCHECK" "$T/t.pdf" >/dev/null && pass "tertiary.lua's PDF passes pdf-check" || fail "tertiary.lua pdf-check"
pdftotext -enc UTF-8 "$T/t.pdf" "$T/t.txt"
# the tertiary hospitals with EI01 in 2024S1, and their pooled rate, straight from the CSVs
awk -F, 'NR == FNR { if ($4 == "三级") t[$1] = 1; next }
         $2 == "2024S1" && $3 == "EI01" && ($1 in t) { n++; a += $5; b += $6 }
         END { printf "%d %.2f\n", n, 100 * a / b }' "$EX/institutions.csv" "$EX/values.csv" >"$T/want"
read -r n rate <"$T/want"
has "$T/t.txt" "本期填报的三级医院共${n}家" "the script counts the tertiary hospitals that reported"
has "$T/t.txt" "合计预约诊疗率为${rate}%" "the script's pooled rate matches the CSV"
has "$T/t.txt" "2024年上半年" "the period is labelled in Chinese"

# a bad argument to a library function names the script's own line, in domain words
cd "$T" || exit 1
printf '%s\n' 'local x = 1' 'local l = pxr.period.label("2024S3")' >"$T/bad_period.lua"
expect 1 "bad period: exit 1" -- run "$T/bad_period.lua"
has "$T/err" "bad_period.lua:2: bad argument #1 to 'period.label': period 2024S3 is not a period (2024S1, 2024, 2024年上半年" "bad period: the script's line and the forms a period takes"
head -n 1 "$T/err" >"$T/err1"
hasnt "$T/err1" "lua/pxr/period.lua:" "bad period: not the library's line"
printf '%s\n' '' '' 'pxr.chart.bars{ categories = { "a" }, series = { { name = "x", values = { "85" } } } }' >"$T/bad_chart.lua"
expect 1 "bad chart value: exit 1" -- run "$T/bad_chart.lua"
has "$T/err" "bad_chart.lua:3: pxr.chart.bars: series[1].values[1] must be a number or nil" "bad chart value: the script's line"
printf '%s\n' 'local function h() local b = pxr.doc.heading(4, "x") return b end' 'h()' >"$T/bad_heading.lua"
expect 1 "bad heading level: exit 1" -- run "$T/bad_heading.lua"
has "$T/err" "bad_heading.lua:1: heading level must be 1, 2 or 3" "bad heading level: the script's line"

# characters no font has: a stand-in first (− → -, dashes, quotes, spaces), 〓 and a warning for the rest
cat >"$T/chars.lua" <<'LUA'
pxr.pdf(pxr.doc.document { title = "字符", body = { pxr.doc.paragraph(
  "同比−5%，a‒b，e‑f，‚单引‛，‟双引‟，窄\u{202F}空格，零\u{200B}宽，私用\u{E000}字") } }, "chars.pdf")
LUA
expect 0 "stand-ins: the script runs" -- run "$T/chars.lua"
pdftotext -enc UTF-8 "$T/chars.pdf" - | tr -d '\n' >"$T/chars.txt"
has "$T/chars.txt" "同比-5%，a-b，e-f，'单引'，\"双引\"，窄 空格，零宽，私用〓字" "stand-ins: minus, dashes, quotes and spaces drawn as their ASCII twins"
has "$T/err" "U+E000" "stand-ins: a character with no stand-in is still warned about"
hasnt "$T/err" "U+2212" "stand-ins: no warning for the minus sign"
"$PDFCHECK" "$T/chars.pdf" >/dev/null && pass "stand-ins: the PDF passes pdf-check" || fail "stand-ins: pdf-check"

# the example scripts of examples/scripts and reports/overview.lua, checked against the CSVs
for s in ranking trend peers; do
  expect 0 "$s.lua runs" -- run "$EX/scripts/$s.lua" 2024S2 "$s.pdf"
  "$PDFCHECK" "$T/$s.pdf" >/dev/null && pass "$s.lua: the PDF passes pdf-check" || fail "$s.lua: pdf-check"
  pdftotext -enc UTF-8 "$T/$s.pdf" - | tr -d ' \n' >"$T/$s.txt"
done
# pooled EI01 of every Inner Mongolia institution, and of the best 盟市, in 2024S2
awk -F, 'NR == FNR { reg[$1] = $3; next }
         $2 == "2024S2" && $3 == "EI01" && substr(reg[$1], 1, 2) == "15" {
           a += $5; b += $6; n++; ra[reg[$1]] += $5; rb[reg[$1]] += $6 }
         END { best = ""; for (r in ra) if (best == "" || ra[r] / rb[r] > ra[best] / rb[best]) best = r
               printf "%.2f %d %s\n", 100 * a / b, n, best }' "$EX/institutions.csv" "$EX/values.csv" >"$T/want"
read -r rate n best <"$T/want"
best_name=$(awk -F, -v c="$best" '$1 == c { print $2 }' "$ROOT/core/data/regions-cn-2023.csv")
has "$T/ranking.txt" "全辖合计为${rate}%（${n}家机构）" "ranking.lua: the region's pooled rate matches the CSV"
has "$T/ranking.txt" "1${best_name}" "ranking.lua: the best 盟市 ($best_name) ranks first"
has "$T/ranking.txt" "无数据" "ranking.lua: regions without data are shown as missing, not zero"
awk -F, 'NR == FNR { reg[$1] = $3; next }
         $2 == "2023S1" && $3 == "EI01" && substr(reg[$1], 1, 2) == "15" { a += $5; b += $6; n++ }
         END { printf "%.2f（%d家）\n", 100 * a / b, n }' "$EX/institutions.csv" "$EX/values.csv" >"$T/want"
has "$T/trend.txt" "全部$(cat "$T/want")" "trend.lua: the first period's pooled rate matches the CSV"
has "$T/trend.txt" "2023年上半年至2024年下半年" "trend.lua: four periods up to the one given"
# H150100001 against the other tertiary hospitals (pooled EI01 without it)
awk -F, 'NR == FNR { lvl[$1] = $4; next }
         $2 == "2024S2" && $3 == "EI01" && lvl[$1] == "三级" && $1 != "H150100001" { a += $5; b += $6 }
         $2 == "2024S2" && $3 == "EI01" && $1 == "H150100001" { mine = $4 }
         END { printf "%.2f%.2f\n", mine, 100 * a / b }' "$EX/institutions.csv" "$EX/values.csv" >"$T/want"
has "$T/peers.txt" "门诊患者预约诊疗率（%）$(cat "$T/want")" "peers.lua: the hospital and its peers' pooled rate match the CSV"
has "$T/peers.txt" "呼和浩特市青禾医院与同级医院比较" "peers.lua: the title names the hospital"

expect 0 "overview.lua runs" -- run "$ROOT/reports/overview.lua" 150000 2024S2 overview.pdf
"$PDFCHECK" "$T/overview.pdf" >/dev/null && pass "overview.lua: the PDF passes pdf-check" || fail "overview.lua: pdf-check"
same "$(pdfinfo "$T/overview.pdf" | awk '/^Pages:/ { print $2 }')" 1 "overview.lua: one page"
pdftotext -enc UTF-8 "$T/overview.pdf" - | tr -d ' \n' >"$T/overview.txt"
awk -F, 'NR == FNR { if (substr($3, 1, 2) == "15") { n++; im[$1] = 1 }; next }
         $2 == "2024S2" && ($1 in im) && !($1 in seen) { seen[$1] = 1; k++ }
         END { printf "%d/%d\n", k, n }' "$EX/institutions.csv" "$EX/values.csv" >"$T/want"
has "$T/overview.txt" "本期填报$(cat "$T/want")" "overview.lua: coverage matches the CSV"
awk -F, 'NR == FNR { reg[$1] = $3; next }
         ($2 == "2024S1" || $2 == "2024S2") && $3 == "EI01" && substr(reg[$1], 1, 2) == "15" { a[$2] += $5; b[$2] += $6 }
         END { printf "%.2f%.2f%+.2f\n", 100 * a["2024S1"] / b["2024S1"], 100 * a["2024S2"] / b["2024S2"],
               100 * a["2024S2"] / b["2024S2"] - 100 * a["2024S1"] / b["2024S1"] }' "$EX/institutions.csv" "$EX/values.csv" >"$T/want"
has "$T/overview.txt" "门诊患者预约诊疗率（%）$(cat "$T/want")" "overview.lua: EI01 of both periods and the change match the CSV"
has "$T/overview.txt" "内蒙古自治区改善就医感受提升患者体验主题活动实施方案" "overview.lua: the region's own plan is listed"
hasnt "$T/overview.txt" "上海市改善就医感受" "overview.lua: another province's plan is not"
