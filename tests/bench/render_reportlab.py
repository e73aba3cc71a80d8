"""make bench: the render row's peer.  ReportLab (Debian's python3-reportlab) renders the content
of tests/bench/render.lua (the indicator names are read from it) with the same fonts, N times in
one process.  Run: /usr/bin/python3 tests/bench/render_reportlab.py N OUTDIR"""
import os
import re
import sys

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

here = os.path.dirname(os.path.abspath(__file__))
n, out = int(sys.argv[1]), sys.argv[2]
src = open(os.path.join(here, "render.lua"), encoding="utf-8").read()
names = re.findall(r'^  "([^"]+)",$', src, re.M)
assert len(names) == 27, len(names)

pdfmetrics.registerFont(TTFont("UMing", "/usr/share/fonts/truetype/arphic/uming.ttc", subfontIndex=0))
pdfmetrics.registerFont(TTFont("ZenHei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
title = ParagraphStyle("title", fontName="ZenHei", fontSize=18, leading=26, alignment=1)
body = ParagraphStyle("body", fontName="UMing", fontSize=10.5, leading=16)
grid = TableStyle([("FONT", (0, 0), (-1, -1), "UMing", 9),
                   ("FONT", (0, 0), (-1, 0), "ZenHei", 9),
                   ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                   ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.85, 0.9, 0.97)),
                   ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("ALIGN", (0, 1), (0, -1), "RIGHT")])
for i in range(1, n + 1):
    rows = [["序号", "指标", "本期", "上期", "变化"]]
    for k, name in enumerate(names, 1):
        v, p = ((i * 37 + k * 101) % 1000) / 10, ((i * 53 + k * 71) % 1000) / 10
        rows.append([str(k), name, "%.1f" % v, "%.1f" % p, "%+.1f" % (v - p)])
    doc = SimpleDocTemplate(os.path.join(out, "doc%04d.pdf" % i), pagesize=A4, title="改善就医感受提升患者体验评估报告")
    table = Table(rows, colWidths=[w * 160 * mm / 15 for w in (1, 8, 2, 2, 2)], style=grid)
    doc.build([Paragraph("改善就医感受提升患者体验评估报告", title),
               Paragraph("基准医院%d　2024年上半年　共%d项指标。" % (i, len(names)), body), table])
