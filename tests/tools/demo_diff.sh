#!/bin/sh
# Compares the content of two `make demo` outputs: the text of every PDF
# (pdftotext -layout) and every XML (canonicalised by xmllint --c14n).
#   sh tests/tools/demo_diff.sh PXR_BIN OUT_DIR   renders the demo into OUT_DIR
#   sh tests/tools/demo_diff.sh --diff OLD NEW     prints the differences; exit 1 if any
set -e
if [ "$1" = "--diff" ]; then
  old=$2 new=$3 status=0
  for f in "$old"/*.pdf "$old"/*.xml "$old"/scripts/*.pdf; do
    rel=${f#"$old"/}
    if [ ! -f "$new/$rel" ]; then echo "missing in $new: $rel"; status=1; continue; fi
    case $f in
      *.pdf) pdftotext -layout "$f" /tmp/demo_diff.a; pdftotext -layout "$new/$rel" /tmp/demo_diff.b ;;
      *.xml) xmllint --c14n "$f" >/tmp/demo_diff.a; xmllint --c14n "$new/$rel" >/tmp/demo_diff.b ;;
    esac
    if ! cmp -s /tmp/demo_diff.a /tmp/demo_diff.b; then
      echo "== $rel"; diff /tmp/demo_diff.a /tmp/demo_diff.b | head -${DIFF_LINES:-20} || true; status=1
    fi
  done
  for f in "$new"/*.pdf "$new"/*.xml; do
    [ -f "$old/${f#"$new"/}" ] || { echo "new in $new: ${f#"$new"/}"; status=1; }
  done
  rm -f /tmp/demo_diff.a /tmp/demo_diff.b
  exit $status
fi
cd "$(dirname "$0")/../.."
rm -rf "$2"
PXR_DEMO_OUT=$2 sh examples/demo.sh "$1" >/dev/null
