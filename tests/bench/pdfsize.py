"""make bench: where a PDF's bytes go.  Prints "TOTAL FONTFILE2 N": the file's size, the
bytes of its FontFile2 streams as stored (deflated: each stream's /Length) and how many
there are, read through `qpdf --json` (Debian's qpdf).
Run: /usr/bin/python3 tests/bench/pdfsize.py FILE.pdf"""
import json
import os
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
print(os.path.getsize(path), sum(length(r) for r in set(fonts)), len(set(fonts)))
