#!/usr/bin/env python3
"""measure.py OUT -- CMD...: run CMD with stdout to OUT; print
"wall_seconds peak_kib exit_status cpu_seconds" of the run with the best wall
time. Peak memory is the child's ru_maxrss (Linux: KiB, threads included);
CPU is its user + system time. Best of BENCH_RUNS runs (default 3)."""
import os
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
        best = (dt, ru.ru_maxrss, os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime)
print("%.3f %d %d %.3f" % best)
