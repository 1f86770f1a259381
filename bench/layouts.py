#!/usr/bin/env python3
"""layouts.py CORPUS MANIFEST.jsonl -- per-layout subsets of a gen-corpus.py
corpus, for per-format throughput: CORPUS-<format> holds hard links to the
corpus's files of that layout (rst-grid, rst-grid-wrap, rst-flat, md-pipe,
md-html), so each subset is the same bytes as in the mixed corpus. Two layouts
the generator has not are derived from them:

  CORPUS-rst-simple  every header-ruled, span-free grid table of the rst-grid
                     pages rewritten as an RST simple table (continuation lines
                     with a blank first column, paragraph breaks kept);
  CORPUS-html        the md-html pages through `cmark-gfm --unsafe -e table`,
                     wrapped in <!DOCTYPE html><html><body> ... (standalone HTML).

Existing subsets are left as they are."""
import json
import os
import subprocess
import sys
import unicodedata


def split(src, man):
    for line in open(man, encoding="utf-8"):
        m = json.loads(line)
        d = "%s-%s" % (src, m["format"])
        os.makedirs(d, exist_ok=True)
        dst = os.path.join(d, os.path.basename(m["file"]))
        if not os.path.exists(dst):
            os.link(os.path.join(src, os.path.basename(m["file"])), dst)


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def simple(block, ind):
    """The grid table block (lines) as simple-table lines, or None."""
    ncol = block[0].strip().count("+") - 1
    rows, cur, head = [], [], None
    for l in block[1:]:
        st = l.strip()
        if st.startswith("+"):
            if "=" in st:
                head = len(rows) + 1
            if set(st) - set("+-=") or st.count("+") != ncol + 1:
                return None  # spans
            rows.append(cur)
            cur = []
        else:
            parts = st[1:-1].split(" | ")
            if len(parts) != ncol or not (st.startswith("| ") and st.endswith(" |")):
                return None
            cur.append([p.strip() for p in parts])
    if head != 1 or cur:
        return None
    widths = [1] * ncol
    for r in rows:
        for line in r:
            for c, p in enumerate(line):
                widths[c] = max(widths[c], width(p))
    pad = " " * ind
    rule = pad + "  ".join("=" * w for w in widths)
    out = [rule]
    for k, r in enumerate(rows):
        if k == 1:
            out.append(rule)
        for n, line in enumerate(r):
            if (n == 0) != bool(line[0]):
                return None  # a first line with a blank key, or a continuation with one
            if not any(line):
                out.append("")
            else:
                out.append((pad + "  ".join(p + " " * (widths[c] - width(p))
                                             for c, p in enumerate(line))).rstrip())
        while out[-1] == "":
            out.pop()
    out.append(rule)
    return out


def to_simple(src, dst):
    os.makedirs(dst, exist_ok=True)
    for f in sorted(os.listdir(src)):
        with open(os.path.join(src, f), encoding="utf-8", newline="") as fh:
            lines = fh.read().splitlines(True)
        out, i = [], 0
        while i < len(lines):
            s = lines[i].rstrip("\r\n")
            st = s.lstrip(" ")
            if st.startswith("+-") and st.rstrip().endswith("+") and set(st.strip()) <= set("+-"):
                j = i
                while j < len(lines) and lines[j].strip() and lines[j].lstrip(" ")[:1] in "+|":
                    j += 1
                t = simple([l.rstrip("\r\n") for l in lines[i:j]], len(s) - len(st))
                if t is not None:
                    out.extend(x + "\n" for x in t)
                    i = j
                    continue
            out.append(lines[i])
            i += 1
        with open(os.path.join(dst, f), "w", encoding="utf-8", newline="") as fh:
            fh.write("".join(out))


def to_html(src, dst):
    os.makedirs(dst, exist_ok=True)
    for f in sorted(os.listdir(src)):
        body = subprocess.run(["cmark-gfm", "--unsafe", "-e", "table", os.path.join(src, f)],
                              check=True, capture_output=True).stdout.decode("utf-8")
        with open(os.path.join(dst, os.path.splitext(f)[0] + ".html"), "w", encoding="utf-8") as fh:
            fh.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n"
                     + body + "</body></html>\n")


def main():
    src, man = sys.argv[1].rstrip("/"), sys.argv[2]
    split(src, man)
    if not os.path.isdir(src + "-rst-simple"):
        to_simple(src + "-rst-grid", src + "-rst-simple")
    if not os.path.isdir(src + "-html"):
        to_html(src + "-md-html", src + "-html")


main()
