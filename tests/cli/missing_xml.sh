#!/bin/sh
# Missing is never zero, everywhere (issue 9): in the XML twin of every report of every
# plugin, for every unit of the examples, over a period with data and one without, an
# aggregate over no reports has no value: an element with reported="0" carries no
# value, mean, pooled rate, sum or count of 是 (only — or 未填报 as its display) (a target keeps its own target value),
# previous_reported="0" no previous_* figure, paired_reported="0" no paired_* figure
# and no change; an indicator 未填报 or 不适用 has no value.  missing_zero.sh checks
# nhc2016's PDF and XML by hand; this is the same rule over every report's XML.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
pxr init >/dev/null
pxr import "$E"/*.csv "$E"/*-narratives-*.md || fail "import the examples" "$(head -c 300 "$T/err")"
pxr plugins --reports
cp "$T/out" "$T/reports"
while read -r plugin report scope period _; do
  # the report's own example period, and one without data (nhc2016 files only 2016S1 and 2016)
  case $plugin in nhc2016) other=2016S1 ;; wuyuan2021) other=2023S2 ;; *) other=2025S2 ;; esac
  for p in "$period" "$other"; do
    mkdir -p "$T/b/$plugin-$report-$p"
    expect 0 "$plugin $report $p: batch --each $scope" -- \
      batch "$plugin" "$report" --period "$p" --each "$scope" -o "$T/b/$plugin-$report-$p" -j 2
  done
done <"$T/reports"
n=$(find "$T/b" -name '*.xml' | wc -l)
[ "$n" -ge 100 ] && pass "every report's XML twin ($n files)" || fail "every report's XML twin" "$n files"
py_lines "no aggregate over no reports has a value" '
import glob, sys
import xml.etree.ElementTree as ET
FIG = ("value", "display", "mean", "pooled", "pooled_n", "sum", "yes", "numerator", "denominator", "measured")
SHOWN = ("", "—", "未填报")  # how a missing figure is shown
bad = []
for f in sorted(glob.glob(sys.argv[1] + "/*/*.xml")):
    name = f.split("/")[-1]
    for e in ET.parse(f).iter():
        tag, a = e.tag.split("}")[-1], e.attrib
        own = ("value",) if tag == "target" else ()
        if a.get("reported") == "0":
            bad += ["%s: <%s %s> reported=\"0\" has %s=%s" % (name, tag, a.get("code", a.get("level", "")), k, a[k])
                    for k in FIG if k in a and k not in own and a[k] not in SHOWN]
        for pre in ("previous", "paired"):
            if a.get(pre + "_reported") == "0":
                bad += ["%s: <%s %s> %s_reported=\"0\" has %s=%s" % (name, tag, a.get("level", ""), pre, k, a[k])
                        for k in a if k.startswith(pre + "_") and k != pre + "_reported"]
        if a.get("previous_reported") == "0" or a.get("paired_reported") == "0" or a.get("reported") == "0":
            bad += ["%s: <%s %s> a change over no reports: %s=%s" % (name, tag, a.get("level", ""), k, a[k])
                    for k in a if k.startswith("change")]
        if tag == "indicator" and a.get("status") in ("未填报", "不适用"):
            bad += ["%s: indicator %s %s has %s=%s" % (name, a.get("code"), a["status"], k, a[k])
                    for k in FIG if k in a and a[k] not in SHOWN]
seen = set()
for b in bad:
    if b not in seen:
        seen.add(b)
        print(b)
    if len(seen) >= 20:
        break
' "$T/b"
rm -rf "$T"
