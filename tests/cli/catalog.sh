# pxr plugins and pxr catalog in their three formats, for every plugin.
. "$(dirname "$0")/../lib.sh"
expect 0 "plugins lists the plugins" -- plugins
cp "$T/out" "$T/plugins.txt"
for id in nhc2016 nhc2023 innermongolia2023 shanghai2023 wuyuan2021; do
  has "$T/plugins.txt" "$id" "plugins lists $id"
  expect 0 "$id: catalog as XML" -- catalog "$id" --format xml
  xmllint --noout --schema "$ROOT/reports/schema/pxr-catalog.xsd" "$T/out" 2>/dev/null \
    && pass "$id: the catalog XML validates" || fail "$id: the catalog XML validates"
  expect 0 "$id: catalog as CSV" -- catalog "$id" --format csv
  same "$(head -n 1 "$T/out")" "kind,code,name,section,unit,type,applicability,comparator,value,deadline,source,sentence,judged,judged_by,note" \
    "$id: the CSV header"
  expect 0 "$id: catalog as text" -- catalog "$id"
  has "$T/out" "日程 (calendar)" "$id: the text shows the plan's calendar"
done
pxr catalog nhc2016
has "$T/out" "2016-07-15" "nhc2016: due 7/15 (half-year summary)"
has "$T/out" "2017-01-15" "nhc2016: due 1/15 (annual summary)"
pxr catalog shanghai2023
has "$T/out" "每年 06-10" "shanghai2023: summaries due 6/10"
has "$T/out" "每年 12-10" "shanghai2023: and 12/10"
expect 2 "an unknown plugin is a usage error" -- catalog nhc2099
has "$T/err" "known: " "the message lists the known plugins"
expect 2 "an unknown format is a usage error" -- catalog nhc2023 --format json
