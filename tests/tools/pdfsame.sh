#!/bin/sh
# pdfsame.sh BEFORE AFTER [RESOLUTION]: every PDF under BEFORE has a twin at the same path
# under AFTER with the same text (pdftotext -layout) and the same page images (pdftoppm at
# RESOLUTION dpi, default 72, compared byte for byte).  For a change that must not change
# what is drawn (a refactoring): render `make demo` before and after, then compare.
# Prints one line per PDF that differs and a count; exit 0 when all are the same, 1 if not.
set -eu
[ $# -ge 2 ] || { echo "usage: pdfsame.sh BEFORE_DIR AFTER_DIR [DPI]" >&2; exit 2; }
A=$1 B=$2 R=${3:-72}
T=$(mktemp -d "${TMPDIR:-/tmp}/pdfsame.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0 bad=0
for a in $(cd "$A" && find . -name '*.pdf' | sed 's,^\./,,' | sort); do
  n=$((n + 1))
  b="$B/$a"
  if [ ! -f "$b" ]; then
    echo "differs: $a: missing from $B"
    bad=$((bad + 1))
    continue
  fi
  rm -rf "$T/a" "$T/b" && mkdir "$T/a" "$T/b"
  pdftotext -layout "$A/$a" "$T/a/text" && pdftotext -layout "$b" "$T/b/text"
  pdftoppm -png -r "$R" "$A/$a" "$T/a/p" && pdftoppm -png -r "$R" "$b" "$T/b/p"
  why=""
  cmp -s "$T/a/text" "$T/b/text" || why="text"
  pa=$(cd "$T/a" && ls p*.png | wc -l) pb=$(cd "$T/b" && ls p*.png | wc -l)
  if [ "$pa" != "$pb" ]; then
    why="${why:+$why, }$pa pages against $pb"
  else
    for p in $(cd "$T/a" && ls p*.png); do
      cmp -s "$T/a/$p" "$T/b/$p" || { why="${why:+$why, }page image $p"; break; }
    done
  fi
  if [ -n "$why" ]; then
    echo "differs: $a: $why"
    bad=$((bad + 1))
  fi
done
[ "$n" -gt 0 ] || { echo "pdfsame: no PDF under $A" >&2; exit 2; }
echo "pdfsame: $n PDFs, $((n - bad)) the same, $bad different"
[ "$bad" -eq 0 ]
