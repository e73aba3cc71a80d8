#!/bin/sh
# The national roll-up: `--region 100000` on the national reports, the nhc2023
# summary of 全国 by province (figures recomputed here from the CSV files with
# awk, the XML checked with xmllint, the PDF read back), and
# `batch --each region --level province|prefecture|county`.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
DATA=$ROOT/core/data/regions-cn-2023.csv
XSD=$ROOT/reports/schema/pxr-summary.xsd
P=2024S2
xp() { xmllint --xpath "string($2)" "$1" 2>/dev/null; }
near() {
  if awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 1e-5 && d > -1e-5) }'; then
    pass "$3"
  else fail "$3" "got '$1', want '$2'"; fi
}
# province CODE: the institutions of the examples in that province.
province() { awk -F, -v p="${1%0000}" 'NR > 1 && substr($3, 1, 2) == p { print $1 }' "$E/institutions.csv"; }
# pooled CODES-FILE INDICATOR: Σnumerator/Σdenominator × 100 over those institutions.
pooled() {
  awk -F, -v ind="$2" -v per=$P 'FILENAME == ARGV[1] { in_[$1] = 1; next }
    in_[$1] && $2 == per && $3 == ind && $5 != "" && $6 != "" { n += $5; d += $6 }
    END { if (d > 0) printf "%.6f", n / d * 100 }' "$1" "$E/values.csv"
}

expect 0 "national: init" -- init
expect 0 "national: import the examples" -- import "$E"/*.csv

expect 0 "national: nhc2023 summary of 100000" -- \
  report nhc2023 summary --period $P --region 100000 -o "$T/cn.pdf" --xml "$T/cn.xml"
if "$PDFCHECK" "$T/cn.pdf" >"$T/check" 2>&1; then pass "national: pdf-check"; else
  fail "national: pdf-check" "$(head -c 400 "$T/check")"
fi
if xmllint --noout --schema "$XSD" "$T/cn.xml" 2>"$T/xmllint"; then pass "national: XML valid"; else
  fail "national: XML valid" "$(head -c 400 "$T/xmllint")"
fi
X=$T/cn.xml
same "$(xp "$X" /summary/@region_name)" 全国 "national: the summary is of 全国"
same "$(xp "$X" /summary/@institutions)" "$(($(wc -l <"$E/institutions.csv") - 1))" \
  "national: every institution of the examples counts"
provinces=$(awk -F, 'NR > 1 { print substr($3, 1, 2) "0000" }' "$E/institutions.csv" | sort -u)
nprov=$(echo "$provinces" | wc -l | tr -d ' ')
[ "$nprov" -gt 3 ] && pass "national: the examples cover more than three provinces ($nprov)" ||
  fail "national: the examples cover more than three provinces" "$nprov"
same "$(xp "$X" 'count(/summary/subregion)')" "$nprov" "national: one subregion per province with institutions"
pdftotext -layout "$T/cn.pdf" "$T/cn.txt"
tr -d ' \n\f' <"$T/cn.txt" >"$T/flat"
has "$T/flat" "全国2024年下半年" "national: the title says 全国 and the half-year"
has "$T/flat" "三、分省情况" "national: a section by province"
has "$T/flat" "合计率" "national: still by level (合计率)"
for p in $provinces; do
  name=$(awk -F, -v c="$p" '$1 == c { print $2 }' "$DATA")
  province "$p" >"$T/in-$p"
  n=$(wc -l <"$T/in-$p" | tr -d ' ')
  S="/summary/subregion[@code='$p']"
  same "$(xp "$X" "$S/@name")" "$name" "national: $p is $name"
  same "$(xp "$X" "$S/@institutions")" "$n" "national: $name has $n institutions"
  near "$(xp "$X" "$S/rate[@code='EI01']/@pooled")" "$(pooled "$T/in-$p" EI01)" \
    "national: $name's EI01 合计率 = Σnum/Σden"
  grep -q "^$name  *$n " "$T/cn.txt" && pass "national: the PDF lists $name with $n institutions" ||
    fail "national: the PDF lists $name with $n institutions" "$(grep "$name" "$T/cn.txt" | head -2)"
  has "$T/flat" "$(printf '%.2f' "$(pooled "$T/in-$p" EI01)")" "national: the PDF shows $name's EI01 rate"
done
awk -F, 'NR > 1 { print $1 }' "$E/institutions.csv" >"$T/all"
near "$(xp "$X" "/summary/indicator[@code='EI01']/group[@level='合计']/@pooled")" "$(pooled "$T/all" EI01)" \
  "national: the 合计 EI01 rate pools every institution"
expect 0 "national: a province's summary has no section by province" -- \
  report nhc2023 summary --period $P --region 440000 -o "$T/gd.pdf" --xml "$T/gd.xml"
same "$(xp "$T/gd.xml" 'count(/summary/subregion)')" 0 "national: no subregion outside the national summary"
expect 0 "national: nhc2016 summary of 100000" -- \
  report nhc2016 summary --period 2016 --region 100000 -o "$T/cn16.pdf" --xml "$T/cn16.xml"
if xmllint --noout --schema "$ROOT/reports/schema/nhc2016-summary.xsd" "$T/cn16.xml" 2>"$T/xmllint"; then
  pass "national: nhc2016 XML valid"; else fail "national: nhc2016 XML valid" "$(head -c 400 "$T/xmllint")"; fi
same "$(xp "$T/cn16.xml" /summary/@institutions)" "$(($(wc -l <"$E/institutions.csv") - 1))" \
  "national: the 2016 form of 全国 counts every institution"
expect 1 "national: a regional plan refuses 100000 with its scope" -- \
  report innermongolia2023 targets --period $P --region 100000 -o "$T/im.pdf"
has "$T/err" "not in 内蒙古自治区" "national: the message names the plan's region"

# batch --level
expect 0 "national: batch --level province" -- \
  batch nhc2023 summary --period $P --each region --level province -o "$T/prov"
same "$(ls "$T/prov" | sed -n 's/^nhc2023-summary-\([0-9]*\)-.*\.pdf$/\1/p' | tr '\n' ' ')" "$(echo $provinces | tr ' ' '\n' | tr '\n' ' ')" \
  "national: --level province renders exactly the provinces with institutions"
expect 0 "national: batch --level prefecture" -- \
  batch nhc2023 summary --period $P --each region --level prefecture -o "$T/pref"
want=$(awk -F, 'FILENAME == ARGV[1] { parent[$1] = $3; level[$1] = $4; name[$1] = $2; next }
  FNR > 1 { r = $3; while (r != "") { if (level[r] == "prefecture" && name[r] != "市辖区" && name[r] != "县" && name[r] !~ /直辖县级行政区划$/) seen[r] = 1; r = parent[r] } }
  END { for (r in seen) n++; print n }' "$DATA" "$E/institutions.csv")
same "$(ls "$T/pref"/*.pdf | wc -l | tr -d ' ')" "$want" "national: --level prefecture renders the $want prefectures with institutions"
[ ! -e "$T/pref/nhc2023-summary-310100-$P.pdf" ] && pass "national: no report of 310100 市辖区" ||
  fail "national: no report of 310100 市辖区"
expect 0 "national: batch --level county" -- \
  batch shanghai2023 semiannual --period 2024S1 --each region --level county -o "$T/county"
same "$(ls "$T/county"/*.pdf | wc -l | tr -d ' ')" "$(awk -F, 'NR > 1 && $3 ~ /^31/ { print $3 }' "$E/institutions.csv" | sort -u | wc -l | tr -d ' ')" \
  "national: --level county keeps Shanghai's districts with institutions, not the city"
expect 2 "national: an unknown level is a usage error" -- \
  batch nhc2023 summary --period $P --each region --level town -o "$T/x"
has "$T/err" "province, prefecture or county" "national: the usage error lists the levels"
expect 2 "national: --level goes with --each region only" -- \
  batch nhc2023 evaluation --period $P --each institution --level province -o "$T/x"
expect 2 "national: report takes no --level" -- \
  report nhc2023 summary --period $P --region 100000 --level province -o "$T/x.pdf"
expect 0 "national: help batch" -- help batch
has "$T/out" "--level province|prefecture|county" "national: the help shows --level"
rm -rf "$T"
