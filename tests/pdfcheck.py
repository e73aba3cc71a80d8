#!/usr/bin/env python3
"""pdfcheck.py PDF... -- what the tests require of every PDF pxr writes.

Each file must pass, with poppler-utils and qpdf (Debian packages):
  text     pdftotext extracts it without a warning (a broken ToUnicode CMap
           warns), and at least --min-chars characters that are not space;
  qpdf     `qpdf --check` reports no error;
  fonts    pdffonts lists every font as embedded, subset and Unicode-mapped;
  glyphs   every glyph drawn has an outline: pdftocairo -svg writes each glyph
           used as a <symbol>; one without a path draws nothing, so a reader sees
           a blank where pdftotext still finds a character (libharu 2.3.0's
           composite-glyph bug).  Space characters are allowed to be empty.
Prints "ok FILE" or "FAIL FILE: problem; problem" per file; exit 1 if any fails.
"""
import os
import re
import subprocess
import sys
import tempfile


def run(*cmd):
    p = subprocess.run(cmd, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_text(path, min_chars):
    rc, text, err = run("pdftotext", "-enc", "UTF-8", path, "-")
    if rc != 0:
        return None, ["pdftotext exit %d: %s" % (rc, err.strip()[:160])]
    problems = []
    warnings = [line for line in err.splitlines() if line.strip()]
    if warnings:
        problems.append("pdftotext: %s (%d lines)" % (warnings[0][:120], len(warnings)))
    visible = sum(1 for c in text if not c.isspace())
    if visible < min_chars:
        problems.append("%d characters of text, want at least %d" % (visible, min_chars))
    return text, problems


def check_qpdf(path):
    rc, out, err = run("qpdf", "--check", path)
    if rc == 0:
        return []
    last = (err.strip() or out.strip() or "no message").splitlines()[-1]
    return ["qpdf --check exit %d: %s" % (rc, last[:160])]


def check_fonts(path):
    rc, out, err = run("pdffonts", path)
    if rc != 0:
        return ["pdffonts exit %d: %s" % (rc, err.strip()[:160])]
    problems = []
    # columns: name type encoding emb sub uni object-id; the name and type may hold spaces,
    # the last five columns never do
    for line in out.splitlines()[2:]:
        cols = line.split()
        if len(cols) < 6:
            continue
        emb, sub, uni = cols[-5:-2]
        if (emb, sub, uni) != ("yes", "yes", "yes"):
            problems.append("font %s: embedded %s, subset %s, unicode %s" % (cols[0], emb, sub, uni))
    return problems


SYMBOL = re.compile(r'<symbol\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</symbol>', re.S)
USE = re.compile(r'xlink:href="#([^"]+)"')
PATH_DATA = re.compile(r'\bd="[^"]+"')


def blank_glyphs(path, text):
    """Number of glyphs drawn that have no outline, less those that stand for spaces."""
    with tempfile.TemporaryDirectory() as tmp:
        svg = os.path.join(tmp, "pages.svg")
        rc, _, err = run("pdftocairo", "-svg", path, svg)
        if rc != 0 or not os.path.exists(svg):
            return None, "pdftocairo -svg exit %d: %s" % (rc, err.strip()[:160])
        with open(svg, encoding="utf-8", errors="replace") as f:
            s = f.read()
    used = set(USE.findall(s))
    empty = sum(1 for sid, body in SYMBOL.findall(s) if sid in used and not PATH_DATA.search(body))
    # every distinct kind of space in the text may own one empty glyph per font
    spaces = len({c for c in text if c.isspace() and c not in "\n\r\f"})
    fonts = max(1, len(set(re.findall(r'id="glyph(\d+)-', s))))
    return max(0, empty - spaces * fonts), None


def check(path, min_chars):
    if not os.path.isfile(path):
        return ["no such file"]
    text, problems = check_text(path, min_chars)
    if text is None:
        return problems
    problems += check_qpdf(path)
    problems += check_fonts(path)
    blank, err = blank_glyphs(path, text)
    if err:
        problems.append(err)
    elif blank:
        problems.append("%d glyph(s) draw nothing" % blank)
    return problems


def main(argv):
    min_chars, files = 1, []
    args = iter(argv)
    for a in args:
        if a == "--min-chars":
            min_chars = int(next(args, "1"))
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        else:
            files.append(a)
    if not files:
        print("usage: pdfcheck.py [--min-chars N] PDF...", file=sys.stderr)
        return 2
    failed = 0
    for f in files:
        problems = check(f, min_chars)
        if problems:
            failed += 1
            print("FAIL %s: %s" % (f, "; ".join(problems)))
        else:
            print("ok %s" % f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
