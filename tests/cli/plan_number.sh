#!/bin/sh
# The national plugin is national, and a plan's own 文号 is not the document it
# implements.  nhc2023's measures carried Inner Mongolia's local deadlines and
# places (3, 11, 15); `pxr plugins`, the catalogs, the reports and the template
# header printed the basis (国卫医政发〔2023〕11号) as the 文号 of plans that
# implement it.
. "$(dirname "$0")/../lib.sh"
E=$ROOT/examples
export T

expect 0 "init" -- init
expect 0 "nhc2023: catalog as CSV" -- catalog nhc2023 --format csv
cp "$T/out" "$T/nhc2023.csv"
py "nhc2023: no measure text names a region's place or deadline; borrowed wording is noted" '
import csv, os, re
rows = [r for r in csv.DictReader(open(os.environ["T"] + "/nhc2023.csv", encoding="utf-8")) if r["kind"] == "measure"]
assert len(rows) == 20, len(rows)
for r in rows:
    assert r["sentence"], r["code"]
    local = re.findall(r"全区|盟市|自治区|内蒙古|呼和浩特|\d{4}年底|到\d{4}年", r["sentence"])
    assert not local, (r["code"], local)
by = {r["code"]: r for r in rows}
assert "预住院" in by["3"]["sentence"] and "有条件的地方" in by["3"]["sentence"], by["3"]["sentence"]
assert "分娩镇痛" in by["11"]["sentence"], by["11"]["sentence"]
assert "不在报道" in by["15"]["note"], by["15"]["note"]
assert by["15"]["sentence"].startswith("建立非急救医疗转运服务体系"), by["15"]["sentence"]
'

pxr plugins
cp "$T/out" "$T/plugins"
has "$T/plugins" "文号：婺妇幼字〔2021〕58号；依据：" "plugins: wuyuan's own 文号 and its basis, each labelled"
has "$T/plugins" "文号：（文件未载明）；依据：国卫医政发〔2023〕11号" \
  "plugins: Inner Mongolia implements 国卫医政发〔2023〕11号, which is not its 文号"
has "$T/plugins" "改善就医感受提升患者体验主题活动
                   文号：国卫医政发〔2023〕11号" "plugins: the national notice's own 文号"
expect 0 "shanghai: catalog" -- catalog shanghai2023
has "$T/out" "  文号：（文件未载明）" "catalog: Shanghai prints no 文号 of its own"
has "$T/out" "  依据：国卫医政发〔2023〕11号" "catalog: Shanghai's basis, labelled"
expect 0 "wuyuan: catalog XML" -- catalog wuyuan2021 --format xml
same "$(xmllint --xpath 'string(/catalog/@number)' "$T/out")" "婺妇幼字〔2021〕58号" "catalog XML: number"

pxr import "$E"/institutions.csv "$E"/values.csv "$E"/innermongolia2023-values.csv >/dev/null
expect 0 "im: template" -- template innermongolia2023 --period 2024S2 --institution H150100001 -o "$T/im.xlsx"
(cd "$T" && mkdir x && cd x && unzip -q ../im.xlsx && cat xl/sharedStrings.xml) >"$T/strings"
has "$T/strings" "文号：（文件未载明）" "template: Inner Mongolia's header prints no borrowed 文号"
has "$T/strings" "依据：国卫医政发〔2023〕11号" "template: its basis, labelled 依据"
hasnt "$T/strings" "文号：国卫医政发" "template: the basis is not printed as 文号"
pxr import "$E"/wuyuan2021-*.csv >/dev/null
expect 0 "wuyuan: progress" -- report wuyuan2021 progress --institution H361130001 --period 2022S2 \
  -o "$T/wy.pdf" --xml "$T/wy.xml"
pdftotext "$T/wy.pdf" - | tr -d ' \n' >"$T/wy.txt"
has "$T/wy.txt" "方案文号婺妇幼字〔2021〕58号" "wuyuan report: 方案文号"
has "$T/wy.txt" "方案依据党史学习教育" "wuyuan report: 方案依据"
expect 0 "im: targets" -- report innermongolia2023 targets --region 150000 --period 2024S2 -o "$T/im.pdf"
pdftotext "$T/im.pdf" - | tr -d ' \n' >"$T/im.txt"
has "$T/im.txt" "依据国卫医政发〔2023〕11号" "im report: 依据"
has "$T/im.txt" "文号（文件未载明）" "im report: 文号 not borrowed"
rm -rf "$T"
