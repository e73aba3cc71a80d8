#!/bin/sh
# tools/summary_same.sh REV [PXR]: the summaries' figures of this tree against those of
# git revision REV (e.g. main), over the example data (make demo's): every region's
# nhc2023 and nhc2016 summary and shanghai2023's semiannual reports (the districts, the
# city's 汇总 and SHENKANG's), for the periods below, read back with pdftotext and
# compared with the XML twins.  The same binary runs both trees' Lua (PXR_HOME), so
# what differs is the plugins and lua/.  Prints the files that differ; exit 1 if any.
set -eu
cd "$(dirname "$0")/.."
REV=$1
PXR=$(pwd)/${2:-pxr}
T=$(mktemp -d "${TMPDIR:-/tmp}/pxr-same.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/base"
git archive "$REV" lua plugins reports fonts | tar -x -C "$T/base"
export PXR_DB="$T/demo.db"
"$PXR" init >/dev/null
"$PXR" import -q examples/*.csv examples/*-narratives-*.md
runs() { # HOME OUT
  mkdir -p "$2"
  for p in 2023S2 2024S1 2024S2 2025S1; do
    PXR_HOME=$1 "$PXR" batch nhc2023 summary --period $p --each region -o "$2/nhc2023-$p" >"$T/log" 2>&1 || { echo "summary_same: $1: failed:" >&2; tail -3 "$T/log" >&2; }
    PXR_HOME=$1 "$PXR" batch shanghai2023 semiannual --period $p --each region -o "$2/sh-$p" >"$T/log" 2>&1 || { echo "summary_same: $1: failed:" >&2; tail -3 "$T/log" >&2; }
    PXR_HOME=$1 "$PXR" report shanghai2023 semiannual --period $p --unit SHENKANG \
      -o "$2/sh-$p/SHENKANG.pdf" --xml "$2/sh-$p/SHENKANG.xml" >"$T/log" 2>&1 || { echo "summary_same: $1: failed:" >&2; tail -3 "$T/log" >&2; }
  done
  for p in 2016 2016S1; do
    PXR_HOME=$1 "$PXR" batch nhc2016 summary --period $p --each region -o "$2/nhc2016-$p" >"$T/log" 2>&1 || { echo "summary_same: $1: failed:" >&2; tail -3 "$T/log" >&2; }
  done
}
runs "$T/base" "$T/a"
runs "$(pwd)" "$T/b"
bad=0 n=0
for f in $(cd "$T/a" && find . -name '*.pdf' -o -name '*.xml' | sort); do
  n=$((n + 1))
  case $f in
    *.pdf) pdftotext -layout "$T/a/$f" "$T/a.txt"
           if [ -f "$T/b/$f" ]; then pdftotext -layout "$T/b/$f" "$T/b.txt"; else : >"$T/b.txt"; fi
           cmp -s "$T/a.txt" "$T/b.txt" || { echo "differs: $f"; diff "$T/a.txt" "$T/b.txt" | head -${DIFF_LINES:-6}; bad=1; } ;;
    *.xml) cmp -s "$T/a/$f" "$T/b/$f" || { echo "differs: $f"; diff "$T/a/$f" "$T/b/$f" | head -${DIFF_LINES:-6}; bad=1; } ;;
  esac
done
[ "$n" -gt 0 ] || { echo "summary_same: no report was made" >&2; exit 2; }
echo "summary_same: $n files compared against $REV"
exit $bad
