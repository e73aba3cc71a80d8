#!/bin/sh
# validate and template ask only institutions in scope: every indicator of every plugin's catalog
# (pxr catalog ID --format csv), walked over institutions of every kind that matters
# (level, grade, kind, ownership, 有产科, 医联体牵头, the yes/no answers other answers
# depend on) in and outside each plan's region.  The expected scope of each indicator
# is written below from the seeds, independently of the plugins' code; an indicator
# the table does not know fails, so a new one needs its reading here.
. "$(dirname "$0")/../lib.sh"
export T

pxr init >/dev/null
for id in innermongolia2023 nhc2016 nhc2023 shanghai2023 wuyuan2021; do
  pxr catalog "$id" --format csv && cp "$T/out" "$T/$id.catalog.csv"
done

# institutions: archetypes x regions x answer variants (A: the answers others depend on
# are 是, B: 否, C: not given); each reports one indicator of every plan that applies to all
python3 - "$T" <<'PY'
import csv, sys
T = sys.argv[1]
archetypes = [  # level grade kind ownership obstetrics alliance_lead
    ("三级", "甲", "综合", "公立", "是", "是"), ("三级", "甲", "综合", "非公立", "是", "否"),
    ("三级", "乙", "中医", "公立", "否", "否"), ("三级", "甲", "蒙医", "公立", "否", "否"),
    ("二级", "甲", "综合", "公立", "是", "是"), ("二级", "乙", "中西医结合", "公立", "否", "否"),
    ("二级", "甲", "妇幼", "公立", "是", "否"), ("一级", "", "综合", "公立", "否", "否"),
    ("未定级", "", "专科", "非公立", "否", "否"),
]
regions = ["150100", "310101", "361130", "110105"]
flags = ["F16_APPT", "F16_TIMED_APPT", "F16_DAY_SURGERY", "F16_CLINICAL_PATHWAY", "F16_VOLUNTEER",
         "IM_PAIN_PILOT"]
inst = csv.writer(open(T + "/inst.csv", "w", encoding="utf-8", newline=""))
vals = csv.writer(open(T + "/values.csv", "w", encoding="utf-8", newline=""))
inst.writerow(["code", "name", "region", "level", "grade", "kind", "ownership", "obstetrics", "alliance_lead"])
vals.writerow(["institution", "period", "indicator", "value", "numerator", "denominator"])
n = 0
for r in regions:
    for a in archetypes:
        for variant in "ABC":
            n += 1
            code = "H%s%03d" % (r, n)
            inst.writerow([code, "范围%d医院" % n, r] + list(a))
            # anchors: answers asked of every institution of the plan
            vals.writerow([code, "2016", "F16_SOCIAL_WORK", "是", "", ""])
            vals.writerow([code, "2024S2", "EI03", "是", "", ""])
            vals.writerow([code, "2022S2", "WY_MULTI_ID", "是", "", ""])
            if variant != "C":
                for f in flags:
                    vals.writerow([code, "2024S2" if f.startswith("IM_") else "2016", f,
                                   "是" if variant == "A" else "否", "", ""])
PY
pxr import "$T/inst.csv" "$T/values.csv" || fail "import" "$(head -c 300 "$T/err")"
sql "SELECT DISTINCT parent FROM indicator WHERE parent IS NOT NULL" >"$T/compound"
for spec in "innermongolia2023 2024S2" "nhc2016 2016" "nhc2023 2024S2" "shanghai2023 2024S2" \
            "wuyuan2021 2022S2"; do
  set -- $spec
  pxr validate --plugin "$1" --period "$2" -o "$T/$1.viol.csv"
done

# the template of each plan for the institutions that gave their answers (variants A, B),
# in the plan's region and outside it (110105)
mkdir "$T/tpl"
for spec in "innermongolia2023 2024S2 150100" "nhc2016 2016 150100" "nhc2023 2024S2 310101" \
            "shanghai2023 2024S2 310101" "wuyuan2021 2022S2 361130"; do
  set -- $spec
  for u in $(awk -F, -v r="$3" 'NR > 1 && (NR - 2) % 3 != 2 && ($3 == r || $3 == "110105") { print $1 }' \
             "$T/inst.csv"); do
    pxr template "$1" --period "$2" --institution "$u" -o "$T/tpl/$1.$u.csv" ||
      fail "template $1 $u" "$(head -c 300 "$T/err")"
  done
done

py_lines "validate and template: every catalog indicator is asked of exactly the institutions in its scope" '
import csv, sys
T = sys.argv[1]
TCM = {"中医", "蒙医", "藏医", "维医", "傣医", "壮医", "民族医", "中西医结合"}
insts = {r["code"]: r for r in csv.DictReader(open(T + "/inst.csv", encoding="utf-8"))}
answers = {}
for r in csv.DictReader(open(T + "/values.csv", encoding="utf-8")):
    answers[(r["institution"], r["indicator"])] = r["value"]
def yes(i, flag): return answers.get((i["code"], flag)) == "是"
def given(i, code): return (i["code"], code) in answers
def lvl(*ls): return lambda i: i["level"] in ls
T3, T23 = lvl("三级"), lvl("三级", "二级")
ALL = lambda i: True
NEVER = lambda i: False  # reported by a region or province, or by a group only its members know
LEAD = lambda i: i["level"] == "三级" or i["alliance_lead"] == "是"      # ▲
OBST = lambda i: i["obstetrics"] == "是"                                  # ＃
# the 27 of the national appendix: ▲ 2 6 7 11 20 24, ＃ 16, 15 the tcm reading; else all
national = {"EI%02d" % k: ALL for k in range(1, 28)}
for k in ("EI02", "EI06", "EI07", "EI11", "EI24", "EI20_OP", "EI20_IP"): national[k] = LEAD
national.update({"EI16": OBST, "EI14_IN": ALL, "EI14_OUT": ALL,
                 "EI15": lambda i: i["kind"] in TCM,
                 # 120呼叫反应时间, 3分钟出车率: the 院前医疗急救 units, known by reporting them
                 "EI09": NEVER, "EI10": NEVER})
BY_REPORTING = {"SH_EXPERT_DOWN", "EI09", "EI10",  # groups an institution joins by answering
                "IM_PAIN_PILOT"}
scope = {
  "nhc2023": dict(national),
  "shanghai2023": dict(national, SH_LOGISTICS_24H=ALL,
                       SH_EXPERT_DOWN=NEVER),  # 各区域性医疗中心: those who report it
  "innermongolia2023": dict(national,
    IM_SLOT=T23,                                   # 全区二级及以上医院…分时段预约精确到30分钟
    IM_PREADMIT=T3,                                # 三级医疗机构应全部开展“预住院”
    IM_ONESTOP=T23,                                # 三级公立医院…；全区二级以上医疗机构全部建立
    IM_MDT_TEAMS=lambda i: i["level"] == "三级" and i["grade"] == "甲" and i["kind"] == "综合",
    IM_ANESTHESIA_CLINIC=T3, IM_PAIN_CLINIC=T3,    # 完成三级医院麻醉门诊、疼痛门诊建设
    IM_DDI=OBST,                                   # 危重孕产妇紧急剖宫产…DDI
    IM_FIVE_CENTERS=NEVER, IM_INFO_NETWORK=NEVER,  # 各盟市建立…
    IM_REGION_PLAN=NEVER, IM_CITY_PLAN=NEVER,      # 自治区/各盟市卫生健康委…实施方案
    IM_PAIN_PILOT=NEVER,                           # no list names the 试点医院: a pilot says so
    IM_PAIN_SERVICE=lambda i: yes(i, "IM_PAIN_PILOT"),  # 疼痛综合管理试点医院提供…
    IM_LABOR_ANALGESIA=T23,                        # 全区二级及以上医院推广普及分娩镇痛等
    IM_BEDS_DOWN=lambda i: i["alliance_lead"] == "是",  # 紧密型城市医疗集团牵头医院…1/4的住院床位
    IM_LOGISTICS_24H=ALL),                         # 加强医院后勤保障…（未限级别）
  "nhc2016": {
    # the 汇总表 cells: 数量 of every institution; 三级医院平均… over 三级 that answered 是
    "F16_APPT": ALL, "F16_TIMED_APPT": ALL, "F16_DAY_SURGERY": ALL, "F16_DAY_SURGERY_CENTER": ALL,
    "F16_APPT_RATE": lambda i: T3(i) and yes(i, "F16_APPT"),
    "F16_REVISIT_APPT_RATE": lambda i: T3(i) and yes(i, "F16_APPT"),
    "F16_TIMED_APPT_RATE": lambda i: T3(i) and yes(i, "F16_TIMED_APPT"),
    "F16_APPT_HOUR": T3,                           # 三级医院…争取预约时间精确到小时
    "F16_REPORT_TIME_LAB": ALL, "F16_REPORT_TIME_BIO": ALL,
    "F16_DAY_SURGERY_CASES": lambda i: yes(i, "F16_DAY_SURGERY"),
    "F16_DAY_SURGERY_SHARE": lambda i: yes(i, "F16_DAY_SURGERY"),
    "F16_INSURANCE": NEVER,                        # the province answers it
    "F16_CLINIC_SETTLE": ALL, "F16_BEDSIDE_SETTLE": ALL, "F16_MOBILE_PAY": ALL,
    "F16_RESULT_QUERY": ALL, "F16_TELEMEDICINE": ALL, "F16_DRUG_QUERY": ALL,
    "F16_QUALITY_NURSING": ALL, "F16_WARD_COVERAGE": T3,  # 实现病房全覆盖的三级医院数量
    "F16_NURSE_BED_RATIO": ALL,                    # 各级各类医疗机构…不低于0.4:1
    "F16_CLINICAL_PATHWAY": ALL,
    "F16_PATHWAY_CASES": lambda i: yes(i, "F16_CLINICAL_PATHWAY"),
    "F16_PATHWAY_COMPLETION": lambda i: T23(i) and yes(i, "F16_CLINICAL_PATHWAY"),
    "F16_RESULT_MUTUAL": ALL, "F16_SOCIAL_WORK": ALL, "F16_VOLUNTEER": ALL,
    "F16_VOLUNTEERS": lambda i: yes(i, "F16_VOLUNTEER"),
    "F16_MEDIATION": NEVER,                        # 覆盖县: regions report it
    "F16_LIABILITY_INS": ALL},
}
# the plan covers: Inner Mongolia, Shanghai, the 婺源县妇幼保健院; the national ones all
covers = {"innermongolia2023": lambda i: i["region"].startswith("15"),
          "shanghai2023": lambda i: i["region"].startswith("31"),
          "wuyuan2021": lambda i: i["region"] == "361130" and i["kind"] == "妇幼"}
periods = {"innermongolia2023": "2024S2", "nhc2016": "2016", "nhc2023": "2024S2",
           "shanghai2023": "2024S2", "wuyuan2021": "2022S2"}
forms = set()
for plugin, period in periods.items():
    rows = list(csv.DictReader(open(T + "/" + plugin + ".catalog.csv", encoding="utf-8")))
    codes = [r["code"] for r in rows if r["kind"] == "indicator"]
    compound = set(open(T + "/compound").read().split())  # values go on their parts
    table = scope.get(plugin, {c: ALL for c in codes if c.startswith("WY_")})
    asked = {(r["unit"], r["indicator"]) for r in
             csv.DictReader(open(T + "/" + plugin + ".viol.csv", encoding="utf-8"))
             if r["rule"] == "missing"}
    inplan = covers.get(plugin, ALL)
    for code in codes:
        if code in compound: continue
        if code not in table:
            print("%s %s: no reading of its scope in this test" % (plugin, code)); continue
        for i in insts.values():
            want = inplan(i) and table[code](i) and not given(i, code)
            got = (i["code"], code) in asked
            if want != got:
                print("%s %s %s (%s %s %s %s 产科%s 牵头%s): validate %s, the seed %s" % (
                      plugin, code, i["code"], i["region"], i["level"], i["grade"] or "-", i["kind"],
                      i["obstetrics"], i["alliance_lead"], "asks" if got else "does not ask",
                      "does" if want else "does not"))
        # the template: 适用 where the seed asks it; an answer not given yet counts as 是,
        # and an institution may always say it belongs to a group known only by its
        # answers (区域性医疗中心)
        form = ALL if code in BY_REPORTING else table[code]
        for i in insts.values():
            path = "%s/tpl/%s.%s.csv" % (T, plugin, i["code"])
            try: f = open(path, encoding="utf-8-sig")
            except OSError: continue
            forms.add(plugin)
            rows = {r["indicator"]: r["applicability"] for r in csv.DictReader(f)}
            want = inplan(i) and form(i)
            got = rows.get(code, "").startswith("适用")
            if code not in rows or want != got:
                print("template %s %s %s (%s %s %s %s): %s, the seed %s" % (plugin, code, i["code"],
                      i["region"], i["level"], i["grade"] or "-", i["kind"], rows.get(code, "no row"),
                      "asks it" if want else "does not"))
    # nothing is asked outside the catalog
    for u, c in asked:
        if c not in codes: print("%s: asked %s of %s, not in the catalog" % (plugin, c, u))
if forms != set(periods): print("templates read for %s only" % sorted(forms))
' "$T"
rm -rf "$T"
