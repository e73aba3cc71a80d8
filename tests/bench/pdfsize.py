"""make bench: where a PDF's bytes go.  Prints "TOTAL FONTFILE2 N GLYPHS HINTS": the file's
size, the bytes of its FontFile2 streams as stored (deflated: each stream's /Length), how
many there are, how many glyphs they hold in all (each font's maxp) and the bytes of their
hinting tables (fpgm, prep, cvt), read through `qpdf` (Debian's qpdf).
Run: /usr/bin/python3 tests/bench/pdfsize.py FILE.pdf"""
import json
import os
import struct
import subprocess
import sys

path = sys.argv[1]
out = subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=none", path],
                     capture_output=True, check=True).stdout
objects = json.loads(out)["qpdf"][1]


def length(ref):
    n = objects["obj:" + ref]["stream"]["dict"]["/Length"]
    return n if isinstance(n, int) else objects["obj:" + n]["value"]


fonts = [o["value"]["/FontFile2"] for o in objects.values()
         if isinstance(o.get("value"), dict) and "/FontFile2" in o["value"]]


def tables(ref):
    """The font program of stream ref, decoded: {tag: (offset, length)} and the bytes."""
    data = subprocess.run(["qpdf", "--show-object=" + ref.split()[0], "--filtered-stream-data",
                           path], capture_output=True, check=True).stdout
    n = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, size = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        out[tag.decode("latin-1")] = (off, size)
    return out, data


glyphs = hints = 0
for ref in set(fonts):
    t, data = tables(ref)
    glyphs += struct.unpack(">H", data[t["maxp"][0] + 4:t["maxp"][0] + 6])[0]
    hints += sum(t[k][1] for k in ("fpgm", "prep", "cvt ") if k in t)
print(os.path.getsize(path), sum(length(r) for r in set(fonts)), len(set(fonts)), glyphs, hints)
