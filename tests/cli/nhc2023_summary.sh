#!/bin/sh
# nhc2023 summary: a region's figures by hospital level, checked against values
# computed here with awk from examples/*.csv (pooled and mean rates, counts of
# 是, changes against the previous period), and a fixture where one value is
# missing: it must not count as zero.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
XSD=$ROOT/reports/schema/pxr-summary.xsd
P=2024S2 PREV=2024S1
REGIONS=$ROOT/core/data/regions-cn-2023.csv

# under REGION [LEVEL]: the institutions in REGION or below it (walking the
# parents of the built-in regions), optionally of one level, as "code,level,alliance_lead,obstetrics".
under() {
  awk -F, -v want="$1" -v lv="${2:-}" '
    FNR == 1 { next }
    FILENAME == ARGV[1] { parent[$1] = $3; next }
    {
      r = $3
      while (r != "" && r != want) r = parent[r]
      if (r == want && (lv == "" || $4 == lv)) print $1 "," $4 "," $9 "," $8
    }' "$REGIONS" "$E/institutions.csv"
}

# stat VALUES INSTS INDICATOR PERIOD WHAT [FILTER]: pooled | mean | yes | rows over the
# institutions listed in INSTS; FILTER "lead" keeps 三级 hospitals and alliance leads (▲).
stat() {
  awk -F, -v ind="$3" -v per="$4" -v what="$5" -v filter="${6:-}" '
    FILENAME == ARGV[1] {
      if (filter != "lead" || $2 == "三级" || $3 == "是") inst[$1] = 1
      next
    }
    FNR == 1 || !($1 in inst) || $2 != per || $3 != ind { next }
    $4 != "" { n++; s += $4; if ($4 == "是") yes++ }
    $5 != "" && $6 != "" { sn += $5; sd += $6 }
    END {
      if (what == "pooled") printf "%.6f\n", sn / sd * 100
      else if (what == "mean") printf "%.6f\n", s / n
      else if (what == "yes") print yes + 0
      else print n + 0
    }' "$2" "$1"
}

# xp FILE XPATH: the value of an attribute.
xp() { xmllint --xpath "string($2)" "$1" 2>/dev/null; }

# near A B NAME: two decimals agree to 1e-5 (the XML keeps 6 decimals).
near() {
  if awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 1e-5 && d > -1e-5) }'; then
    pass "$3"
  else
    fail "$3" "got '$1', want '$2'"
  fi
}

expect 0 "summary: init" -- init
expect 0 "summary: import the examples" -- import "$E/institutions.csv" "$E/values.csv"

for r in 150000 150100 310000; do
  expect 0 "summary: report for region $r" -- \
    report nhc2023 summary --period $P --region $r -o "$T/s$r.pdf" --xml "$T/s$r.xml"
  if "$PDFCHECK" "$T/s$r.pdf" >"$T/check" 2>&1; then pass "summary $r: pdf-check"; else
    fail "summary $r: pdf-check" "$(head -c 400 "$T/check")"
  fi
  if xmllint --noout --schema "$XSD" "$T/s$r.xml" 2>"$T/xmllint"; then pass "summary $r: XML valid"; else
    fail "summary $r: XML valid" "$(head -c 400 "$T/xmllint")"
  fi
  X=$T/s$r.xml
  under $r >"$T/all$r"
  under $r 三级 >"$T/t3$r"
  same "$(xp "$X" "/summary/@institutions")" "$(wc -l <"$T/all$r" | tr -d ' ')" "summary $r: institutions in the region"
  same "$(xp "$X" "/summary/institutions[@level='三级']/@count")" "$(wc -l <"$T/t3$r" | tr -d ' ')" \
    "summary $r: tertiary hospitals"
  G="/summary/indicator[@code='EI01']/group[@level='合计']"
  near "$(xp "$X" "$G/@pooled")" "$(stat "$E/values.csv" "$T/all$r" EI01 $P pooled)" \
    "summary $r: EI01 pooled rate (合计率) = Σnum/Σden"
  near "$(xp "$X" "$G/@mean")" "$(stat "$E/values.csv" "$T/all$r" EI01 $P mean)" \
    "summary $r: EI01 mean of institution rates (平均率)"
  near "$(xp "$X" "$G/@previous_pooled")" "$(stat "$E/values.csv" "$T/all$r" EI01 $PREV pooled)" \
    "summary $r: EI01 pooled rate of the previous period"
  # 较上期 compares like with like: over the institutions that reported EI01 in both periods
  awk -F, -v p="$P" -v q="$PREV" 'FILENAME == ARGV[1] { if ($3 == "EI01" && ($2 == p || $2 == q)) n[$1]++; next }
    n[$1] == 2' "$E/values.csv" "$T/all$r" >"$T/both$r"
  want=$(awk -v a="$(stat "$E/values.csv" "$T/both$r" EI01 $P pooled)" \
             -v b="$(stat "$E/values.csv" "$T/both$r" EI01 $PREV pooled)" 'BEGIN { printf "%.6f", a - b }')
  near "$(xp "$X" "$G/@change_pooled")" "$want" "summary $r: EI01 change in percentage points (较上期), over who reported EI01 in both"
  same "$(xp "$X" "$G/@paired_reported")" "$(wc -l <"$T/both$r" | tr -d ' ')" \
    "summary $r: EI01 paired over the institutions that reported it in both periods"
  near "$(xp "$X" "/summary/indicator[@code='EI01']/group[@level='三级']/@pooled")" \
    "$(stat "$E/values.csv" "$T/t3$r" EI01 $P pooled)" "summary $r: EI01 pooled rate of 三级 hospitals"
  same "$(xp "$X" "/summary/indicator[@code='EI03']/group[@level='合计']/@yes")" \
    "$(stat "$E/values.csv" "$T/all$r" EI03 $P yes)" "summary $r: EI03 count of 是"
  # ▲: only 三级 hospitals and alliance leads count, answers or not
  same "$(xp "$X" "/summary/indicator[@code='EI07']/group[@level='合计']/@yes")" \
    "$(stat "$E/values.csv" "$T/all$r" EI07 $P yes lead)" "summary $r: EI07 (▲) count of 是"
  same "$(xp "$X" "/summary/indicator[@code='EI07']/group[@level='合计']/@applicable")" \
    "$(awk -F, '$2 == "三级" || $3 == "是"' "$T/all$r" | wc -l | tr -d ' ')" \
    "summary $r: EI07 (▲) applies to 三级 and alliance leads"
  near "$(xp "$X" "/summary/indicator[@code='EI14']/part[@code='EI14_IN']/group[@level='合计']/@mean")" \
    "$(stat "$E/values.csv" "$T/all$r" EI14_IN $P mean)" "summary $r: a part of a compound indicator"
done

pdftotext -enc UTF-8 "$T/s150000.pdf" - | tr -d ' \n\f' >"$T/flat"
for w in 合计率 平均率 较上期 三级医院 二级医院 填报/适用 内蒙古自治区 2024年下半年 2024年上半年 门诊患者预约诊疗率; do
  has "$T/flat" "$w" "summary PDF: shows $w"
done
has "$T/flat" "$(printf '%.2f' "$(stat "$E/values.csv" "$T/all150000" EI01 $P pooled)")" \
  "summary PDF: the EI01 pooled rate with two decimals"

# Missing is not zero: drop H150100001's EI01 of 2024S2.
M=H150100001
awk -F, -v m=$M -v p=$P '!($1 == m && $2 == p && $3 == "EI01")' "$E/values.csv" >"$T/values.csv"
same "$(($(wc -l <"$E/values.csv") - $(wc -l <"$T/values.csv")))" 1 "fixture: one value removed"
grep -v "^$M," "$T/all150100" >"$T/others"
PXR_DB=$T/miss.db
expect 0 "fixture: init" -- init
expect 0 "fixture: import" -- import "$E/institutions.csv" "$T/values.csv"
expect 0 "fixture: summary of 150100" -- \
  report nhc2023 summary --period $P --region 150100 -o "$T/m.pdf" --xml "$T/m.xml"
G="/summary/indicator[@code='EI01']/group[@level='合计']"
n_all=$(wc -l <"$T/all150100" | tr -d ' ')
same "$(xp "$T/m.xml" "$G/@applicable")" "$n_all" "missing: the institution still counts as applicable"
same "$(xp "$T/m.xml" "$G/@reported")" "$((n_all - 1))" "missing: one fewer reporting"
same "$(xp "$T/s150100.xml" "$G/@reported")" "$n_all" "missing: all reported before"
near "$(xp "$T/m.xml" "$G/@pooled")" "$(stat "$T/values.csv" "$T/others" EI01 $P pooled)" \
  "missing: the pooled rate is over the others only"
near "$(xp "$T/m.xml" "$G/@mean")" "$(stat "$T/values.csv" "$T/others" EI01 $P mean)" \
  "missing: the mean rate is over the others only"
lv=$(awk -F, -v m=$M '$1 == m { print $2 }' "$T/all150100")
same "$(xp "$T/m.xml" "/summary/indicator[@code='EI01']/group[@level='$lv']/@reported")" \
  "$(awk -F, -v l="$lv" '$2 == l' "$T/others" | wc -l | tr -d ' ')" "missing: the $lv reporting count drops"
pdftotext -enc UTF-8 "$T/m.pdf" - | tr -d ' \n\f' >"$T/mflat"
has "$T/mflat" "$((n_all - 1))/$n_all" "missing: the PDF shows reporting/applicable"

# batch --each region: one report per region that has institutions (and the regions above them).
PXR_DB=$T/pxr.db
expect 0 "summary: batch over regions" -- batch nhc2023 summary --period $P --each region -o "$T/b" -j 2
# 全国 as well; not the statistical middle levels (310100 市辖区), which nobody reports for
want=$(awk -F, 'FNR == 1 { next }
  FILENAME == ARGV[1] { parent[$1] = $3; stat[$1] = $4 == "prefecture" && ($2 == "市辖区" || $2 == "县" || $2 ~ /直辖县级行政区划$/); next }
  { r = $3; while (r != "") { if (!stat[r]) seen[r] = 1; r = parent[r] } }
  END { for (r in seen) n++; print n + 1 }' "$REGIONS" "$E/institutions.csv")
same "$(ls "$T/b"/nhc2023-summary-*-$P.pdf | wc -l | tr -d ' ')" "$want" "summary: batch renders every region with institutions"
has_file() { [ -f "$1" ] && pass "$2" || fail "$2" "no $1"; }
has_file "$T/b/nhc2023-summary-100000-$P.pdf" "summary: batch renders the national summary"
[ ! -f "$T/b/nhc2023-summary-310100-$P.pdf" ] && pass "summary: batch skips 310100 市辖区" || fail "summary: batch skips 310100 市辖区" "rendered"
rm -rf "$T"
