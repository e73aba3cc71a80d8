"""make bench: runs a command and prints its wall and CPU seconds (user + system, children
included) as "WALL CPU", so ratios per core hold on a loaded machine.
Run: /usr/bin/python3 tests/bench/cpu.py COMMAND [ARGS...]"""
import resource
import subprocess
import sys
import time

t0 = time.monotonic()
child = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
rc = child.returncode
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
if rc != 0:
    sys.stderr.buffer.write(child.stderr[-2000:])
    sys.exit("bench: %s exited %d" % (" ".join(sys.argv[1:]), rc))
print("%.3f %.3f %d" % (wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss))
