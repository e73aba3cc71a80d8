# The template asks indicator 15 (applicability tcm, 中医医院以中医为主治疗的出院患者比例) of the
# institutions whose kind is in pxr.indicator.TCM_KINDS, the one list (core/codes.c), and marks
# it 不适用 for every other kind: one institution per kind that can be imported, each otherwise
# asked everything (三级, 有产科, 牵头), so that EI15 is the only indicator that can differ.
. "$(dirname "$0")/../lib.sh"
pxr init >/dev/null
printf '%s\n' 'for _, k in ipairs(pxr.indicator.TCM_KINDS) do print(k) end' >"$T/kinds.lua"
expect 0 "pxr.indicator.TCM_KINDS is readable from a script" -- run "$T/kinds.lua"
cp "$T/out" "$T/tcm_kinds"
has "$T/tcm_kinds" "中西医结合" "the list has 中西医结合 (pxr's reading)"
kinds="综合 中医 蒙医 中西医结合 妇幼 专科"
{
  echo "code,name,region,level,grade,kind,ownership,obstetrics,alliance_lead"
  i=0
  for k in $kinds; do
    i=$((i + 1))
    echo "HK0$i,${k}测试医院,150100,三级,甲,$k,公立,是,是"
  done
} >"$T/institutions.csv"
expect 0 "one institution of each kind imports" -- import "$T/institutions.csv"
i=0
for k in $kinds; do
  i=$((i + 1))
  expect 0 "$k: the CSV template" -- template nhc2023 --period 2025S2 --institution "HK0$i" -o "$T/$i.csv"
  got=$(awk -F, '$7 ~ /^不适用/ { print $3 }' "$T/$i.csv" | tr '\n' ' ')
  if grep -qxF "$k" "$T/tcm_kinds"; then
    same "$got" "" "$k (in TCM_KINDS): every indicator is asked, EI15 too"
  else
    same "$got" "EI15 " "$k (not in TCM_KINDS): only EI15 is 不适用"
  fi
  awk -F, '$3 == "EI15"' "$T/$i.csv" >"$T/ei15"
  [ -s "$T/ei15" ] && pass "$k: EI15 has its row" || fail "$k: EI15 has its row"
done
rm -rf "$T"
