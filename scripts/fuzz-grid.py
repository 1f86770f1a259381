#!/usr/bin/python3
"""fuzz-grid.py - random grid tables through grid-parity.py.

usage: fuzz-grid.py --docdrift BIN [--seed S] [--files N] [--tables N]
                    [--mutations K] [--out DIR] [grid-parity options...]

Writes N files of random grid tables (random column widths, row heights,
row/column spans, an optional '+===+' header separator, one-word cells),
each table then damaged by up to K random one-character edits inside it
('|', '+', '-', '=', ' ', 'x'), and runs grid-parity.py over them.  A
disagreement is then a small table to read.
"""
import argparse
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = ['a', 'bc', 'def', 'ok', 'x', 'yz', 'pq', 'k']


def table(rng, mutations):
    ncols = rng.randint(1, 4)
    nrows = rng.randint(1, 4)
    widths = [rng.randint(1, 6) for _ in range(ncols)]
    heights = [rng.randint(1, 2) for _ in range(nrows)]
    xs = [0]
    for w in widths:
        xs.append(xs[-1] + w + 1)
    ys = [0]
    for h in heights:
        ys.append(ys[-1] + h + 1)
    owner = [[None] * ncols for _ in range(nrows)]
    cells = []
    for r in range(nrows):
        for c in range(ncols):
            if owner[r][c] is not None:
                continue
            rs, cs = 1, 1
            if rng.random() < 0.3:
                rs = rng.randint(1, min(2, nrows - r))
                cs = rng.randint(1, min(2, ncols - c))
                while any(owner[rr][cc] is not None for rr in range(r, r + rs)
                          for cc in range(c, c + cs)):
                    rs, cs = 1, 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    owner[rr][cc] = len(cells)
            cells.append((r, c, rs, cs))
    H, W = ys[-1] + 1, xs[-1] + 1
    g = [[' '] * W for _ in range(H)]
    for r, c, rs, cs in cells:
        t, b, lft, rt = ys[r], ys[r + rs], xs[c], xs[c + cs]
        for x in range(lft, rt + 1):
            g[t][x] = g[t][x] if g[t][x] == '+' else '-'
            g[b][x] = g[b][x] if g[b][x] == '+' else '-'
        for y in range(t, b + 1):
            g[y][lft] = g[y][lft] if g[y][lft] == '+' else '|'
            g[y][rt] = g[y][rt] if g[y][rt] == '+' else '|'
    for r, c, rs, cs in cells:
        t, b, lft, rt = ys[r], ys[r + rs], xs[c], xs[c + cs]
        for y, x in ((t, lft), (t, rt), (b, lft), (b, rt)):
            g[y][x] = '+'
        word = rng.choice(WORDS)[:rt - lft - 1]
        for i, ch in enumerate(word):
            g[t + 1][lft + 1 + i] = ch
    # header separator: a row boundary no cell crosses
    seps = [i for i in range(1, nrows) if all(not (r < i < r + rs) for r, c, rs, cs in cells)]
    if seps and rng.random() < 0.4:
        y = ys[rng.choice(seps)]
        g[y] = ['=' if ch == '-' else ch for ch in g[y]]
    for _ in range(rng.randint(0, mutations)):
        y, x = rng.randrange(H), rng.randrange(W)
        g[y][x] = rng.choice('|+-= x')
    lines = [''.join(row).rstrip() for row in g]
    if rng.random() < 0.05:
        i = rng.randrange(H)
        lines[i] = lines[i] + rng.choice(['|', ' |', 'x'])
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--docdrift', required=True)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--files', type=int, default=20)
    ap.add_argument('--tables', type=int, default=100)
    ap.add_argument('--mutations', type=int, default=2)
    ap.add_argument('--out', default='/tmp/grid-fuzz')
    a, rest = ap.parse_known_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for f in range(a.files):
        parts = ['Fuzz file %d, seed %d.' % (f, a.seed)]
        for t in range(a.tables):
            parts.append('\n'.join(table(rng, a.mutations)))
            parts.append('Paragraph %d.' % t)
        with open(os.path.join(a.out, 'fuzz-%03d.rst' % f), 'w') as fh:
            fh.write('\n\n'.join(parts) + '\n')
    cmd = [sys.executable, os.path.join(HERE, 'grid-parity.py'), '--docdrift', a.docdrift] + rest + [a.out]
    return subprocess.call(cmd)


if __name__ == '__main__':
    sys.exit(main())
