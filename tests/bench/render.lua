-- make bench: the one-page document of the render row (a title, one line, a 27-row table),
-- rendered N times in one process.  tests/bench/render_reportlab.py renders the same content.
-- Run: pxr run tests/bench/render.lua --out OUTDIR N
-- Writes doc0001.pdf … into the run's output directory (pxr run … --out DIR).
local n = tonumber(arg[1] or "200")
local names = {
  "门诊患者预约诊疗率",
  "门诊号源下放比例",
  "是否提供预就诊服务",
  "择期手术患者术前等待时间",
  "门诊患者预约到院后平均等待时间",
  "门诊提供MDT服务的病种数",
  "是否设置新型门诊（麻醉、疼痛、药学等）服务",
  "是否开展“先诊疗、后付费”",
  "120呼叫反应时间",
  "院前医疗急救3分钟出车率",
  "是否设置急诊急救五大中心",
  "急诊留观患者平均滞留时间",
  "日间手术占择期手术比例",
  "临床路径入径率",
  "中医医院以中医为主治疗的出院患者比例",
  "分娩镇痛率",
  "是否建立“一站式”入出院服务中心",
  "开展责任制整体护理的病区占比",
  "出院患者当日结算率",
  "下转患者人次数（门急诊）",
  "出院患者随访比例",
  "提供延续性护理服务的病区占比",
  "是否提供“互联网+护理服务”",
  "是否提供加速康复外科服务",
  "智慧医院建设分级",
  "是否建成老年友善医疗机构",
  "患者满意度",
}
for i = 1, n do
  local rows = {}
  for k, name in ipairs(names) do
    local v, p = ((i * 37 + k * 101) % 1000) / 10, ((i * 53 + k * 71) % 1000) / 10
    rows[k] = { tostring(k), name, string.format("%.1f", v), string.format("%.1f", p),
                string.format("%+.1f", v - p) }
  end
  local doc = pxr.doc.document {
    title = "改善就医感受提升患者体验评估报告",
    body = {
      pxr.doc.paragraph(string.format("基准医院%d　2024年上半年　共%d项指标。", i, #names)),
      pxr.doc.table { columns = { { title = "序号", width = 1 }, { title = "指标", width = 8 },
                                  { title = "本期", width = 2 }, { title = "上期", width = 2 },
                                  { title = "变化", width = 2 } },
                      rows = rows },
    },
  }
  assert(pxr.pdf(doc, string.format("doc%04d.pdf", i)))
end
