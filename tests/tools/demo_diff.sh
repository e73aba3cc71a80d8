#!/bin/sh
# Compares the content of two `make demo` outputs: the text of every PDF
# (pdftotext -layout) and every XML (elements, attributes and text).
#   sh tests/tools/demo_diff.sh PXR_BIN OUT_DIR   renders the demo into OUT_DIR
#   sh tests/tools/demo_diff.sh --diff OLD NEW     prints the differences; exit 1 if any
# Deliberate changes, applied to OLD before comparing (RENAMES, tag@old=new):
#   shanghai2023 semiannual <measure>: the one status vocabulary of pxr.result
#   (completed, in_progress, missing -> done, progressing, unreported).
set -e
RENAMES=${RENAMES:-measure@completed=done measure@in_progress=progressing measure@missing=unreported}
if [ "$1" = "--diff" ]; then
  old=$2 new=$3 status=0
  for f in "$old"/*.pdf "$old"/scripts/*.pdf; do
    rel=${f#"$old"/}
    if [ ! -f "$new/$rel" ]; then echo "missing in $new: $rel"; status=1; continue; fi
    pdftotext -layout "$f" /tmp/demo_diff.a; pdftotext -layout "$new/$rel" /tmp/demo_diff.b
    if ! cmp -s /tmp/demo_diff.a /tmp/demo_diff.b; then
      echo "== $rel"; diff /tmp/demo_diff.a /tmp/demo_diff.b | head -"${DIFF_LINES:-20}" || true; status=1
    fi
  done
  rm -f /tmp/demo_diff.a /tmp/demo_diff.b
  python3 - "$old" "$new" "$RENAMES" <<'PY' || status=1
import glob, os, sys, xml.etree.ElementTree as E
old, new, renames = sys.argv[1], sys.argv[2], {}
for r in sys.argv[3].split():
    tag, rest = r.split("@"); a, b = rest.split("=")
    renames.setdefault(tag, {})[a] = b
def canon(path, rename):
    out = []
    for el in E.parse(path).iter():
        m = renames.get(el.tag, {}) if rename else {}
        out.append((el.tag, sorted((m.get(k, k), v) for k, v in el.attrib.items()), (el.text or "").strip()))
    return out
bad = 0
for f in sorted(glob.glob(old + "/*.xml")):
    g = os.path.join(new, os.path.basename(f))
    if not os.path.exists(g):
        print("missing in %s: %s" % (new, os.path.basename(f))); bad += 1; continue
    a, b = canon(f, True), canon(g, False)
    if a != b:
        bad += 1
        i = next(i for i in range(min(len(a), len(b)) + 1) if i >= min(len(a), len(b)) or a[i] != b[i])
        print("== %s: element %d\n< %s\n> %s" % (os.path.basename(f), i, a[i] if i < len(a) else None,
                                                b[i] if i < len(b) else None))
for g in sorted(glob.glob(new + "/*.xml")):
    if not os.path.exists(os.path.join(old, os.path.basename(g))):
        print("new in %s: %s" % (new, os.path.basename(g))); bad += 1
sys.exit(1 if bad else 0)
PY
  for f in "$new"/*.pdf; do
    [ -f "$old/${f#"$new"/}" ] || { echo "new in $new: ${f#"$new"/}"; status=1; }
  done
  exit $status
fi
cd "$(dirname "$0")/../.."
rm -rf "$2"
PXR_DEMO_OUT=$2 sh examples/demo.sh "$1" >/dev/null
