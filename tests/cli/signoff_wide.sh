#!/bin/sh
# The one-row-per-institution form carries each institution's sign-off (填报人, 联系电话,
# 填报日期, 审核人（负责人）) in columns after its indicators, in CSV and XLSX: filled in,
# they are imported with the values and printed again by the next form.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
export T

expect 0 "init" -- init
expect 0 "import the institutions" -- import -q "$E/institutions.csv"
expect 0 "the wide CSV form" -- template nhc2023 --period 2024S2 --region 150000 -o "$T/w.csv"
py "the wide CSV ends with the four sign-off columns, in both header rows" "
import csv
rows = list(csv.reader(open('$T/w.csv', encoding='utf-8-sig')))
want = ['填报人', '联系电话', '填报日期', '审核人（负责人）']
assert rows[0][-4:] == want and rows[1][-4:] == want, (rows[0][-4:], rows[1][-4:])
assert all(len(r) == len(rows[0]) for r in rows), 'ragged rows'
"
python3 - "$T" <<'PY'
import csv, sys
t = sys.argv[1]
rows = list(csv.reader(open(t + '/w.csv', encoding='utf-8-sig')))
h, r = rows[0], rows[2]
r[h.index('EI03')] = '是'
for k, v in zip(['填报人', '联系电话', '填报日期', '审核人（负责人）'],
                ['王小明', '0471-1234567', '2025-01-10', '李主任']):
    r[h.index(k)] = v
csv.writer(open(t + '/filled.csv', 'w', encoding='utf-8-sig', newline='')).writerows(rows[:3])
open(t + '/unit', 'w').write(r[0])
PY
U=$(cat "$T/unit")
expect 0 "the filled wide form imports" -- import -q "$T/filled.csv"
same "$(sql "SELECT filled_by || '|' || phone || '|' || filled_on || '|' || reviewer FROM submission WHERE unit = '$U' AND period = '2024S2'")" \
  "王小明|0471-1234567|2025-01-10|李主任" "the sign-off is stored with the submission"
expect 0 "the next CSV form" -- template nhc2023 --period 2024S2 --region 150000 -o "$T/w2.csv"
py "the next CSV form prints the stored sign-off on its institution's row" "
import csv
rows = list(csv.reader(open('$T/w2.csv', encoding='utf-8-sig')))
row = [r for r in rows if r[0] == '$U'][0]
assert row[-4:] == ['王小明', '0471-1234567', '2025-01-10', '李主任'], row[-4:]
"
expect 0 "the wide XLSX form" -- template nhc2023 --period 2024S2 --region 150000 -o "$T/w2.xlsx"
expect 0 "the XLSX form imports back unchanged" -- import --dry-run "$T/w2.xlsx"
has "$T/out" "0 new, 0 changed" "the XLSX form's sign-off reads back as stored"
rm -rf "$T"
