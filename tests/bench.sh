#!/bin/sh
# make bench: every row of issue 12's table, pxr against its peer measured in the same run.
#   import   `pxr import` of the national values (validated, upserted, provenance) against
#            `sqlite3 .import` of the same file into a keyed WITHOUT ROWID table (no checks)
#   render   the same one-page document (title, one line, 27-row table) BENCH_DOCS times in
#            one process: `pxr run tests/bench/render.lua` against ReportLab, same fonts
#   summary  `nhc2023 summary` of 100000 全国 against one GROUP BY in sqlite3
#   batch    `batch nhc2023 evaluation -j 2` over every institution: reports per second
#   sample   100 of that batch's PDFs, at random: tests/pdfcheck.py and pdftotext on each
#   memory   the same batch's peak memory for BENCH_MEM_UNITS (10,000) reports against 100,
#            the least of BENCH_MEM_RUNS (3) runs of each
# Ratios use CPU seconds (user + system), which hold on a loaded machine; wall seconds
# are printed to give a feel.  The national data is generated over the real region table:
# BENCH_SCALE institutions per national one (default 1: 37,000 x 27 indicators x 6
# half-years, about 6 million values; BENCH_SCALE=0.05 finishes in a few minutes).
# Each row ends in a verdict, "goal met" or "goal not met: REASON", the reason measured in
# the same run: the import's checks alone (--dry-run) against its writing, the render's font
# streams (FontFile2, deflated, read from a produced PDF by tests/bench/pdfsize.py) against
# the rest of the file, the summary's SQL alone (PXR_SQL_TIMES) against its render, the
# batch's CPU per report and whether a rerun skips what is current.
# A benchmark, never a test: nothing here passes or fails on time; it fails (exit 1) only when
# a sampled PDF fails its checks.
set -eu
cd "$(dirname "$0")/.."
PXR=$(pwd)/${1:-pxr}
PY=/usr/bin/python3 # Debian's, which has python3-reportlab
SCALE=${BENCH_SCALE:-1}
DOCS=${BENCH_DOCS:-200}
N=$(echo "$SCALE * 37000 / 1" | bc)
[ "$N" -ge 1 ] || { echo "bench: BENCH_SCALE=$SCALE gives no institution" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/pxr-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
REGIONS=core/data/regions-cn-2023.csv # the regions pxr init builds in
cpu() { "$PY" tests/bench/cpu.py "$@"; } # prints "WALL CPU MAXRSS_KB"
f() { echo "$1" | awk -v k="$2" '{ print $k }'; }
div() { echo "scale=4; $1 / $2" | bc -l; }
le() { [ "$(echo "$1 <= $2" | bc -l)" -eq 1 ]; } # le A B: A <= B, as numbers
# verdict COND REASON...: "goal met" when the shell condition COND holds
verdict() {
  cond=$1
  shift
  if eval "$cond"; then echo "goal met"; else echo "goal not met: $*"; fi
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generating $N institutions x 27 indicators x 6 half-years over $(basename "$REGIONS") ..."
export PXR_DB="$T/pxr.db"
"$PXR" init >/dev/null
# gen N DIR PERIODS: N institutions over the county table, 27 indicators for each period,
# as DIR/institutions.csv and DIR/values.csv
gen() {
  mkdir -p "$2"
  awk -F, -v n="$1" -v dir="$2" -v periods="$3" '
    NR > 1 && $4 == "county" { county[nc++] = $1 }
    END {
      srand(42)
      inst = dir "/institutions.csv"; vals = dir "/values.csv"
      print "code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead" > inst
      print "institution,period,indicator,value,numerator,denominator" > vals
      np = split(periods, per, " ")
      for (i = 1; i <= n; i++) {
        code = sprintf("B%06d", i)
        printf "%s,基准医院%d,%s,%s,甲,综合,公立,是,是\n", code, i, county[i % nc],
               (i % 3 ? "二级" : "三级") > inst
        for (p = 1; p <= np; p++) for (k = 1; k <= 27; k++) {
          ind = sprintf("EI%02d", k)
          if (k == 14) ind = "EI14_IN"; else if (k == 20) ind = "EI20_OP"
          if (k == 3 || k == 7 || k == 8 || k == 11 || k == 17 || k == 23 || k == 24 || k == 26 || k == 27)
            printf "%s,%s,%s,%s,,\n", code, per[p], ind, (rand() < 0.7 ? "是" : "否") > vals
          else if (k == 4 || k == 5 || k == 9 || k == 12)
            printf "%s,%s,%s,%.1f,,\n", code, per[p], ind, 1 + rand() * 30 > vals
          else if (k == 6 || k == 20 || k == 25)
            printf "%s,%s,%s,%d,,\n", code, per[p], ind, int(rand() * 5) > vals
          else {
            den = 1000 + int(rand() * 100000); num = int(den * rand())
            printf "%s,%s,%s,,%d,%d\n", code, per[p], ind, num, den > vals
          }
        }
      }
    }' "$REGIONS"
}
gen "$N" "$T" "2023S1 2023S2 2024S1 2024S2 2025S1 2025S2"
rows=$(($(wc -l <"$T/values.csv") - 1))
"$PXR" import -q "$T/institutions.csv"

# import; first its checks alone (--dry-run: parsed, validated, nothing written)
d=$(cpu "$PXR" import -q --dry-run "$T/values.csv")
p=$(cpu "$PXR" import -q "$T/values.csv")
sqlite3 "$T/peer.db" "CREATE TABLE v(institution TEXT, period TEXT, indicator TEXT, value, numerator,
                      denominator, PRIMARY KEY (institution, period, indicator)) WITHOUT ROWID;"
q=$(cpu sqlite3 "$T/peer.db" ".mode csv" ".import --skip 1 $T/values.csv v")
r_import=$(div "$(f "$p" 2)" "$(f "$q" 2)")
printf 'import   %d values: pxr %.1f s CPU (%.1f s wall, peak %d MB), sqlite3 .import %.1f s CPU; ratio pxr/peer %.2f (goal <= 1.0)\n' \
  "$rows" "$(f "$p" 2)" "$(f "$p" 1)" "$(($(f "$p" 3) / 1024))" "$(f "$q" 2)" "$r_import"
i_pxr=$(f "$p" 2) i_peer=$(f "$q" 2) i_mb=$(($(f "$p" 3) / 1024)) i_dry=$(f "$d" 2)
v_import=$(verdict 'le "$r_import" 1.0' "$(printf 'pxr %.2f s CPU against %.2f s; reading and checking alone (--dry-run) %.2f s, so the writing %.2f s' \
  "$i_pxr" "$i_peer" "$i_dry" "$(echo "$i_pxr - $i_dry" | bc -l)")")
echo "import   $v_import"

# render
mkdir -p "$T/render-pxr" "$T/render-rl"
p=$(cpu "$PXR" run tests/bench/render.lua --out "$T/render-pxr" "$DOCS")
q=$(cpu "$PY" tests/bench/render_reportlab.py "$DOCS" "$T/render-rl")
kb_pxr=$(($(cat "$T"/render-pxr/*.pdf | wc -c) / DOCS / 1024))
kb_rl=$(($(cat "$T"/render-rl/*.pdf | wc -c) / DOCS / 1024))
d_pxr=$(div "$DOCS" "$(f "$p" 2)") d_rl=$(div "$DOCS" "$(f "$q" 2)")
r_render=$(div "$d_pxr" "$d_rl")
# the first document's bytes: its FontFile2 streams (as stored, deflated) and the rest
first=$(ls "$T"/render-pxr/*.pdf | head -1)
sz=$("$PY" tests/bench/pdfsize.py "$first") # "TOTAL FONTFILE2 N_FONTS GLYPHS HINT_BYTES"
r_total=$(f "$sz" 1) r_fonts=$(f "$sz" 2) r_nf=$(f "$sz" 3) r_glyphs=$(f "$sz" 4) r_hints=$(f "$sz" 5)
why=""
le 5 "$r_render" || why=$(printf '%.0f docs per CPU s against ReportLab'"'"'s %.0f' "$d_pxr" "$d_rl")
# the fonts hold only the glyphs drawn (and .notdef); when they alone pass the goal, the
# outlines of those glyphs are what is over it, which only a lossy font could shrink
over=""
[ "$r_fonts" -le 40960 ] || over=", over the 40 KB by themselves"
[ "$r_total" -le 40960 ] || why="${why:+$why; }$(printf '%.1f KB: its %d FontFile2 streams %.1f KB deflated%s, holding only the glyphs drawn (%d, .notdef in each font included) and %d bytes of hinting; the rest %.1f KB' \
  "$(div "$r_total" 1024)" "$r_nf" "$(div "$r_fonts" 1024)" "$over" "$r_glyphs" "$r_hints" "$(div "$((r_total - r_fonts))" 1024)")"
v_render=$(verdict '[ -z "$why" ]' "$why")
printf 'render   %d one-page PDFs in one process: pxr %.0f docs per CPU s (%d KB each), ReportLab %.0f (%d KB); ratio pxr/peer %.1f per core (goal >= 5, <= 40 KB)\n' \
  "$DOCS" "$d_pxr" "$kb_pxr" "$d_rl" "$kb_rl" "$r_render"
echo "render   $v_render"

# summary; then again with PXR_SQL_TIMES, whose lines give the CPU of its SQL alone
p=$(cpu "$PXR" report nhc2023 summary --period 2024S2 --region 100000 -o "$T/summary.pdf")
LC_ALL=C PXR_SQL_TIMES=1 "$PXR" report nhc2023 summary --period 2024S2 --region 100000 \
  -o "$T/summary2.pdf" 2>"$T/sql.log" >/dev/null
s_sql=$(awk '$2 == "sql:" { t += $3 } END { printf "%.3f", t }' "$T/sql.log")
s_big=$(sort -t: -k3 -rn "$T/sql.log" | awk '$2 == "sql:" { print $3; exit }')
q=$(cpu sqlite3 "$PXR_DB" "SELECT i.level, v.indicator, count(*), sum(v.numerator), sum(v.denominator),
                           avg(v.value) FROM value v JOIN institution i ON i.code = v.unit
                           WHERE v.period IN ('2024S1', '2024S2') GROUP BY v.period, i.level, v.indicator;")
r_summary=$(div "$(f "$p" 2)" "$(f "$q" 2)")
printf 'summary  nhc2023 of 100000 (%d institutions): pxr %.2f s CPU (%.2f s wall, peak %d MB), one GROUP BY %.2f s; ratio pxr/peer %.1f (goal < 1 s, < 300 MB)\n' \
  "$N" "$(f "$p" 2)" "$(f "$p" 1)" "$(($(f "$p" 3) / 1024))" "$(f "$q" 2)" "$r_summary"
s_pxr=$(f "$p" 2) s_peer=$(f "$q" 2) s_mb=$(($(f "$p" 3) / 1024))
# the goal is for 37,000 institutions: below that, the SQL is projected to 37,000 along the
# line through its CPU here and for the province with the most institutions (the same run)
s_rest=$(echo "r = $s_pxr - $s_sql; if (r < 0) r = 0; r" | bc -l)
s_at=$s_pxr s_scale=""
if [ "$N" -lt 37000 ]; then
  prov=$(sqlite3 "$PXR_DB" "SELECT substr(region, 1, 2) || '0000', count(*) FROM institution
                            GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
  LC_ALL=C PXR_SQL_TIMES=1 "$PXR" report nhc2023 summary --period 2024S2 --region "${prov%|*}" \
    -o "$T/summary3.pdf" 2>"$T/sql3.log" >/dev/null
  p_sql=$(awk '$2 == "sql:" { t += $3 } END { printf "%.3f", t }' "$T/sql3.log") p_n=${prov#*|}
  s_slope=$(echo "s = ($s_sql - $p_sql) / ($N - $p_n); if (s < 0) s = 0; s" | bc -l)
  s_at=$(echo "$s_rest + $s_sql + $s_slope * (37000 - $N)" | bc -l)
  s_scale=$(printf '%d institutions: ' "$N")
fi
why=""
le 1 "$s_at" && why=$(printf '%s%.2f s CPU, of which its SQL %.2f s (%d queries, the largest %.2f s; the one GROUP BY %.2f s) and the rest (start, Lua, PDF) %.2f s' \
  "$s_scale" "$s_pxr" "$s_sql" "$(grep -c '^pxr: sql:' "$T/sql.log")" "$s_big" "$s_peer" "$s_rest")
[ -z "$why" ] || [ -z "$s_scale" ] || why=$(printf '%s; its SQL took %.2f s for the %d institutions of %s, so at 37,000 institutions about %.2f s, %.2f s in all' \
  "$why" "$p_sql" "$p_n" "${prov%|*}" "$(echo "$s_sql + $s_slope * (37000 - $N)" | bc -l)" "$s_at")
[ "$s_mb" -lt 300 ] || why="${why:+$why; }peak $s_mb MB"
v_summary=$(verdict '[ -z "$why" ]' "$why")
echo "summary  $v_summary"

# batch
p=$(cpu "$PXR" batch nhc2023 evaluation --period 2024S2 --each institution -o "$T/batch" -j 2)
made=$(find "$T/batch" -name '*.pdf' | wc -l) # 37,000 names are too many for ls *.pdf
b_rate=$(div "$made" "$(f "$p" 1)") b_cpu=$(div "$made" "$(f "$p" 2)")
printf 'batch    nhc2023 evaluation -j 2, %d reports (PDF + XML): %.1f s wall, %.0f reports/s; %.0f reports per CPU s, so %.0f/s on 2 idle cores (goal >= 400); peak %d MB per worker\n' \
  "$made" "$(f "$p" 1)" "$b_rate" "$b_cpu" "$(echo "2 * $b_cpu" | bc -l)" "$(($(f "$p" 3) / 1024))"
# a rerun must skip every current output: count what it rewrites
touch "$T/before-rerun"
sleep 1 # mtimes of a second's resolution
p2=$(cpu "$PXR" batch nhc2023 evaluation --period 2024S2 --each institution -o "$T/batch" -j 2)
rewritten=$(find "$T/batch" -name '*.pdf' -newer "$T/before-rerun" | wc -l)
b_two=$(echo "2 * $b_cpu" | bc -l)
why=""
le 400 "$b_two" || why=$(printf '%.0f reports per CPU s (%.1f ms CPU each), so at most %.0f/s on 2 idle cores; here %.0f/s wall at load %s' \
  "$b_cpu" "$(div "$(f "$p" 2) * 1000" "$made")" "$b_two" "$b_rate" "$(cut -d' ' -f1 /proc/loadavg)")
[ "$rewritten" -eq 0 ] || why="${why:+$why; }a rerun rewrote $rewritten of $made current PDFs"
v_batch=$(verdict '[ -z "$why" ]' "$why")
printf 'batch    rerun: %d of %d PDFs rewritten, %.1f s CPU; %s\n' "$rewritten" "$made" "$(f "$p2" 2)" "$v_batch"
# the batch's PDFs checked: a random sample of BENCH_SAMPLE (100) of them through the PDF
# checker (tests/pdfcheck.py) and pdftotext, which must find in each its institution's code and
# name and the period; a PDF that fails is the one thing that fails the bench
SAMPLE=${BENCH_SAMPLE:-100} SEED=${BENCH_SEED:-$$}
find "$T/batch" -name '*.pdf' | awk -v seed="$SEED" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' |
  sort | head -n "$SAMPLE" | cut -f2 >"$T/sample"
sample_n=$(wc -l <"$T/sample") sample_bad=0
for pdf in $(cat "$T/sample"); do
  code=$(basename "$pdf" | sed -n 's/^nhc2023-evaluation-\(B[0-9]*\)-2024S2\.pdf$/\1/p')
  name="基准医院$(echo "${code#B}" | sed 's/^0*//')"
  why=$("$PY" tests/pdfcheck.py --min-chars 200 "$pdf" | sed -n 's/^FAIL [^:]*: //p')
  rm -f "$T/sample.txt"
  pdftotext -enc UTF-8 "$pdf" "$T/sample.txt" 2>/dev/null || why="${why:+$why; }pdftotext failed"
  for want in "$code" "$name" "2024年下半年"; do
    grep -qsF -- "$want" "$T/sample.txt" || why="${why:+$why; }pdftotext finds no '$want'"
  done
  if [ -n "$code" ] && [ -z "$why" ]; then continue; fi
  sample_bad=$((sample_bad + 1))
  echo "sample   FAIL $(basename "$pdf"): ${why:-not a report of the batch}"
done
if [ "$sample_n" -eq 0 ]; then
  sample_bad=1
  echo "sample   FAIL: the batch wrote no PDF to check"
fi
printf 'sample   %d of the batch'"'"'s %d PDFs (of %d institutions; seed %s): %d pass pdfcheck.py and pdftotext, %d fail\n' \
  "$sample_n" "$made" "$N" "$SEED" "$((sample_n - sample_bad))" "$sample_bad"
# batch memory: the peak of BENCH_MEM_UNITS (10,000) reports against that of 100, each over
# institutions of its own with the two half-years the report reads
M=${BENCH_MEM_UNITS:-10000}
for m in 100 "$M"; do
  gen "$m" "$T/mem$m" "2024S1 2024S2"
  "$PXR" --db "$T/mem$m/pxr.db" init >/dev/null
  # the generated TCM-only values of non-TCM institutions warn, as they should: kept in a log
  for k in institutions values; do
    "$PXR" --db "$T/mem$m/pxr.db" import -q "$T/mem$m/$k.csv" 2>"$T/mem$m/$k.log" ||
      { cat "$T/mem$m/$k.log" >&2; exit 1; }
  done
done
# a batch's peak moves by a few MB from run to run (which worker draws what, when the
# font pages are let go): each size runs BENCH_MEM_RUNS (3) times into a fresh directory
# and keeps the run of the least peak
RUNS=${BENCH_MEM_RUNS:-3}
least_peak() { # least_peak M: "WALL CPU MAXRSS_KB" of the run with the least peak
  best=""
  for r in $(seq "$RUNS"); do
    rm -rf "$T/mem$1/out"
    run=$(cpu "$PXR" --db "$T/mem$1/pxr.db" batch nhc2023 evaluation --period 2024S2 \
      --each institution -o "$T/mem$1/out" -j 2)
    if [ -z "$best" ] || [ "$(f "$run" 3)" -lt "$(f "$best" 3)" ]; then best=$run; fi
  done
  echo "$best"
}
p=$(least_peak 100)
q=$(least_peak "$M")
m_small=$(($(f "$p" 3) / 1024)) m_big=$(($(f "$q" 3) / 1024)) m_n=$(ls "$T/mem$M"/out/*.pdf | wc -l)
r_mem=$(div "$(f "$q" 3)" "$(f "$p" 3)")
printf 'memory   batch nhc2023 evaluation -j 2, least peak of %d runs: %d MB for 100 reports, %d MB for %d (%.0f reports per CPU s); ratio %.2f (goal <= 1.10)\n' \
  "$RUNS" "$m_small" "$m_big" "$m_n" "$(div "$m_n" "$(f "$q" 2)")" "$r_mem"
v_mem=$(verdict 'le "$r_mem" 1.10' "$(printf 'peak %d MB for %d reports against %d MB for 100: %d MB more' "$m_big" "$m_n" "$m_small" "$((m_big - m_small))")")
echo "memory   $v_mem"
echo "load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "| work (BENCH_SCALE=$SCALE: $N institutions) | pxr | peer | ratio | goal | verdict |"
echo "|---|---|---|---|---|---|"
printf '| import %d values | %.1f s CPU, peak %d MB | `sqlite3 .import` (WITHOUT ROWID, keyed) %.1f s | %.2f | <= 1.0 | %s |\n' \
  "$rows" "$i_pxr" "$i_mb" "$i_peer" "$r_import" "$v_import"
printf '| %d one-page PDFs, one process | %.0f docs/CPU s, %d KB | ReportLab %.0f docs/CPU s, %d KB | %.1f per core | >= 5; <= 40 KB | %s |\n' \
  "$DOCS" "$d_pxr" "$kb_pxr" "$d_rl" "$kb_rl" "$r_render" "$v_render"
printf '| `nhc2023 summary --region 100000` | %.2f s CPU, %d MB | one `GROUP BY` %.2f s | %.1f | < 1 s, < 300 MB | %s |\n' \
  "$s_pxr" "$s_mb" "$s_peer" "$r_summary" "$v_summary"
printf '| `batch nhc2023 evaluation -j 2` | %.0f reports/s (%.0f per CPU s) | — | — | >= 400 reports/s; rerun skips current outputs | %s |\n' "$b_rate" "$b_cpu" "$v_batch"
printf '| batch peak memory, %d reports against 100 | %d MB against %d MB | — | %.2f | <= 1.10 | %s |\n' "$m_n" "$m_big" "$m_small" "$r_mem" "$v_mem"
echo
echo "batch sample: $((sample_n - sample_bad)) of $sample_n PDFs pass the checks (seed $SEED)"
[ "$sample_bad" -eq 0 ] # a benchmark: the only failure is a PDF that fails its checks
