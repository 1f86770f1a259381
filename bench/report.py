#!/usr/bin/env python3
"""report.py RESULTS.tsv FIRST LAST JOBS -- the tables of bench/README.md from
run.sh's measurements: every command on the two corpora (cFIRST, cLAST) with
the ratios to cat and to the Python peer and the growth cLAST/cFIRST; the
per-layout throughput beside cmark-gfm and xmllint; the huge single tables;
and the issue's targets, each met or missed. Wall seconds are the best of the
runs; CPU (user + system) is that run's, the figure to read on a loaded
machine."""
import re
import sys

res, first, last, jobs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
rows = {}
for line in open(res, encoding="utf-8"):
    key, b, files, r, cmd = line.rstrip("\n").split("\t", 4)
    wall, kib, rc, cpu = r.split()
    rows[key] = dict(bytes=int(b), files=int(files), wall=float(wall), kib=int(kib), rc=int(rc),
                     cpu=float(cpu), cmd=cmd)


def show(cmd):
    """The command as a user types it: sh -c 'SCRIPT' DIR -> SCRIPT on DIR."""
    m = re.match(r"sh -c (.*) (\S+)$", cmd)
    if m:
        cmd = m.group(1).replace('"$0"', m.group(2)).replace(" 2>/dev/null", "")
    cmd = cmd.replace("build-release/docdrift", "docdrift").replace("/usr/bin/python3 ", "")
    cmd = re.sub(r"\S*/(peer_reconcile\.py)", r"\1", cmd)
    return re.sub(r"bench/out/", "", cmd)


def mbs(r, t):
    return r["bytes"] / 1e6 / r[t] if r[t] > 0 else 0


def ratio(a, b):
    return a / b if b > 0 else float("inf")


c1, c2 = "c" + first, "c" + last
cmds = ["extract -j 1", "extract -j %s" % jobs, "extract -j %s --to jsonl" % jobs, "diff -j 1",
        "diff -j %s" % jobs, "diff -j %s --to json" % jobs]
cat1, cat2 = rows.get("cat " + c1), rows.get("cat " + c2)
peer = rows.get("peer " + c1)

print("### Commands (%s: %d files, %.1f MB; %s: %d files, %.1f MB)\n" % (
    c1, cat1["files"], cat1["bytes"] / 1e6, c2, cat2["files"], cat2["bytes"] / 1e6))
print("| run | %s s (CPU) | %s s (CPU) | %s MB/s | peak MiB | x cat (CPU) | %s/%s (CPU) |" % (c1, c2, c2, c2, c1))
print("|---|---:|---:|---:|---:|---:|---:|")
for k in ["cat"] + cmds:
    a, b = rows.get("%s %s" % (k, c1)), rows.get("%s %s" % (k, c2))
    if not a or not b:
        continue
    print("| `%s` | %.3f (%.2f) | %.3f (%.2f) | %.1f | %.1f | %.1f (%.1f) | %.2f (%.2f) |" % (
        show(b["cmd"]).replace(c2, "DIR"), a["wall"], a["cpu"], b["wall"], b["cpu"], mbs(b, "wall"),
        b["kib"] / 1024, ratio(b["wall"], cat2["wall"]), ratio(b["cpu"], cat2["cpu"]),
        ratio(b["wall"], a["wall"]), ratio(b["cpu"], a["cpu"])))
if peer:
    scale = cat2["bytes"] / peer["bytes"]
    print("| `%s` | %.3f (%.2f) | %.1f (%.1f) scaled | %.1f | %.1f | | |" % (
        show(peer["cmd"]).replace(c1, "DIR"), peer["wall"], peer["cpu"], peer["wall"] * scale,
        peer["cpu"] * scale, mbs(peer, "wall"), peer["kib"] / 1024))
    print("\nThe peer ran once, on %s only; its %s figure is that time scaled by the bytes (x%.2f)."
          % (c1, c2, scale))

print("\n### Per layout, one thread (%s's files of each layout; rst-simple and html derived, bench/layouts.py)\n" % c2)
print("| layout | MB | `docdrift extract -j 1 --to tsv` MB/s (CPU) | `cmark-gfm -e table` | `cmark-gfm` | `xmllint --html --noout` | `cat` |")
print("|---|---:|---:|---:|---:|---:|---:|")
layouts = ["rst-grid", "rst-grid-wrap", "rst-flat", "rst-simple", "md-pipe", "md-html", "html"]
for l in layouts:
    d = rows.get("layout %s docdrift" % l)
    if not d:
        continue
    cells = []
    for tool in ["cmark-gfm -e table", "cmark-gfm", "xmllint --html", "cat"]:
        r = rows.get("layout %s %s" % (l, tool))
        cells.append("%.0f (%.0f)" % (mbs(r, "wall"), mbs(r, "cpu")) if r else "")
    print("| %s | %.1f | %.0f (%.0f) | %s |" % (l, d["bytes"] / 1e6, mbs(d, "wall"), mbs(d, "cpu"),
                                               " | ".join(cells)))

print("\n### One huge table per format (`docdrift extract -j 1 --to tsv FILE`)\n")
print("| table | MB | s (CPU) | MB/s (CPU) | peak MiB | CPU per byte vs the layout's %s files |" % c2)
print("|---|---:|---:|---:|---:|---:|")
big_ratio = {}
for k in sorted(r for r in rows if r.startswith("big ")):
    r = rows[k]
    l = re.sub(r"^big big_(.*)_\d+$", r"\1", k)
    lay = rows.get("layout %s docdrift" % l)
    per = ratio(r["cpu"] / r["bytes"], lay["cpu"] / lay["bytes"]) if lay and r["cpu"] > 0 else 0
    if k.endswith("_100000"):
        big_ratio[l] = per
    print("| %s | %.1f | %.3f (%.3f) | %.1f (%.1f) | %.1f | %.2f |" % (
        k[4:], r["bytes"] / 1e6, r["wall"], r["cpu"], mbs(r, "wall"), mbs(r, "cpu"), r["kib"] / 1024, per))

print("\n### Targets (issue 13), %s\n" % c2)


def target(what, value, ok, how):
    print("- %s: %s -- %s (%s)" % (what, value, "met" if ok else "MISSED", how))


dj = rows.get("diff -j %s %s" % (jobs, c2))
ej = rows.get("extract -j %s %s" % (jobs, c2))
if peer and dj:
    p2 = peer["wall"] * cat2["bytes"] / peer["bytes"]
    target("diff -j %s vs the peer" % jobs, "%.0fx" % ratio(p2, dj["wall"]), ratio(p2, dj["wall"]) >= 100,
           "target >= 100x; peer scaled from %s" % c1)
if dj:
    target("diff -j %s vs cat" % jobs, "%.1fx (CPU %.1fx)" % (ratio(dj["wall"], cat2["wall"]), ratio(dj["cpu"], cat2["cpu"])),
           ratio(dj["wall"], cat2["wall"]) <= 5, "target <= 5x")
    target("diff peak RSS", "%.0f MiB = %.2fx the corpus" % (dj["kib"] / 1024, dj["kib"] * 1024 / cat2["bytes"]),
           dj["kib"] * 1024 <= 0.5 * cat2["bytes"], "target <= 0.5x")
if ej:
    target("extract -j %s vs cat" % jobs, "%.1fx (CPU %.1fx)" % (ratio(ej["wall"], cat2["wall"]), ratio(ej["cpu"], cat2["cpu"])),
           ratio(ej["wall"], cat2["wall"]) <= 3, "target <= 3x")
worst = max(((ratio(rows["%s %s" % (k, c2)]["wall"], rows["%s %s" % (k, c1)]["wall"]), k) for k in cmds
             if "%s %s" % (k, c2) in rows and "%s %s" % (k, c1) in rows), default=None)
if worst:
    target("time(%s)/time(%s), worst command" % (c2, c1), "%.2f (%s)" % worst, worst[0] <= 10.5,
           "target <= 10.5 for every command, %.2fx the bytes" % (cat2["bytes"] / cat1["bytes"]))
for l, per in sorted(big_ratio.items()):
    target("100k-row %s table, CPU per byte vs %s" % (l, c2), "%.2fx" % per, per <= 1.2, "target <= 1.2x")
for l in ["rst-grid", "rst-grid-wrap", "rst-flat", "rst-simple"]:
    d = rows.get("layout %s docdrift" % l)
    if d:
        target("%s on one core" % l, "%.0f MB/s CPU" % mbs(d, "cpu"), mbs(d, "cpu") >= 200, "target >= 200 MB/s")
