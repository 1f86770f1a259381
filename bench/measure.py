#!/usr/bin/env python3
"""measure.py OUT -- CMD...: run CMD with stdout to OUT; print "seconds peak_kib".
Peak memory is the child's ru_maxrss (Linux: KiB). Best of BENCH_RUNS runs (default 3)."""
import os
import resource
import subprocess
import sys
import time

out, cmd = sys.argv[1], sys.argv[3:]
best = None
for _ in range(int(os.environ.get("BENCH_RUNS", "3"))):
    t0 = time.perf_counter()
    with open(out, "wb") as f:
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if best is None or dt < best[0]:
        best = (dt, ru.ru_maxrss, os.waitstatus_to_exitcode(status))
print("%.3f %d %d" % best)
