#!/usr/bin/env python3
"""fidelity.py [--docdrift PATH] [--verbose] DIR|FILE... - how faithfully
`docdrift merge` gives a page back.

For every page, `docdrift merge --to FMT PAGE` (FMT: the page's own table
format, rst for RST pages, md for Markdown pipe tables, html for HTML
tables) is compared with the page:

  byte      every merged table's text is in the page, byte for byte
  indented  the same once a uniform indentation is taken off the page's
            table (a table inside a list item)
  records   not the page's text, but the merge parses back to the page's
            records (key, name, description paragraphs, extra fields, per
            table)
  DIFFERS   the merge loses or changes a record: a bug

and, for each page that is not byte for byte, the reasons its text
cannot be: what the page's tables hold that records do not (inline markup
or lists in cells, wrapped paragraphs, an HTML table's attributes). Prints one line per page, then the
tally. Exit status 1 when any page DIFFERS.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

DOCDRIFT = 'build/docdrift'


def run(args, stdin=None):
    p = subprocess.run([DOCDRIFT] + args, capture_output=True, text=True, input=stdin)
    return p.returncode, p.stdout, p.stderr


def records(path):
    rc, out, err = run(['extract', '--to', 'json', path])
    if rc != 0 and not out.strip():
        return []
    return json.loads(out or '[]')


def shape(recs):
    """Records per table, as comparable tuples."""
    tables = {}
    for r in recs:
        tables.setdefault(r['table'], []).append(
            (r['key'], r['name'], tuple(r['description']),
             tuple((e['header'], tuple(e['value'])) for e in r.get('extra', []))))
    return [tables[k] for k in sorted(tables)]


def blocks(text, fmt):
    """The merged output, one block of lines per table."""
    lines = text.split('\n')
    out, cur = [], []
    for i, line in enumerate(lines):
        start = False
        if fmt == 'rst':
            start = line.startswith('.. table::') or (
                line[:1] in '+=' and (i == 0 or lines[i - 1] == '') and
                not (i >= 2 and lines[i - 2].startswith('.. table::')))
        elif fmt == 'md':
            start = line.startswith('|') and (i == 0 or lines[i - 1] == '') and not (
                i >= 2 and not lines[i - 2].startswith('|') and lines[i - 2] != '')
        elif fmt == 'html':
            start = line.startswith('<table>')
        if start and cur:
            out.append(cur)
            cur = []
        cur.append(line)
    if cur:
        out.append(cur)
    return [[l for l in b] for b in (trim(b) for b in out) if b]


def trim(b):
    while b and b[-1] == '':
        b = b[:-1]
    return b


def find(block, page_lines):
    """'byte', 'indented' or None: where block's lines are in the page."""
    first = block[0]
    for i, pl in enumerate(page_lines):
        if not pl.endswith(first) or pl[:len(pl) - len(first)].strip():
            continue
        ind = pl[:len(pl) - len(first)]
        ok = True
        for k, bl in enumerate(block):
            if i + k >= len(page_lines):
                ok = False
                break
            want = (ind + bl) if bl else ''
            if page_lines[i + k].rstrip() != want.rstrip() if not bl else page_lines[i + k] != want:
                ok = False
                break
        if ok:
            return 'indented' if ind else 'byte'
    return None


def page_format(recs):
    f = recs[0]['format']
    return 'rst' if f.startswith('rst') else 'md' if f == 'md-pipe' else 'html'


def reasons(path, fmt, recs):
    """Why a page's table text is not docdrift's house layout."""
    text = open(path, encoding='utf-8').read()
    why = []
    if fmt == 'html':
        why.append('HTML table (attributes, ids, <strong> headers)')
    if fmt == 'md':
        why.append('pipe table layout (padding, delimiter row)')
    if fmt != 'rst':
        return why
    lines = text.split('\n')
    body = '\n'.join(l.strip() for l in lines if re.match(r'^\s*\|', l))
    if re.search(r'\*\*|``|:ref:|(?<![\w\\])\*\w|\\\w|`[^`]+`_', body):
        why.append('inline markup in cells')
    if re.search(r'\|\s+(-|\*|#\.|\d+\.)\s{1,3}\S', body):
        why.append('lists in cells')
    # a paragraph over several lines: two non-blank lines in one cell
    if wrapped([l.strip() for l in lines]):
        why.append('paragraphs wrapped over several lines')
    if any(r['format'] == 'rst-grid-flat' for r in recs):
        why.append('flattened table (newlines lost)')
    return why or ['(see the diff)']


def wrapped(lines):
    prev = None
    for l in lines:
        if not (l.startswith('|') and l.endswith('|')):
            prev = None
            continue
        parts = [p.strip() for p in l[1:-1].split('|')]
        if prev is not None and len(parts) == len(prev):
            for a, b in zip(prev, parts):
                if a and b and not a.startswith('-') and not b.startswith('-') and \
                        not re.match(r'^\d{3}\b', a):
                    return True
        prev = parts
    return False


def main():
    global DOCDRIFT
    args = sys.argv[1:]
    verbose = False
    while args and args[0].startswith('--'):
        if args[0] == '--docdrift':
            DOCDRIFT = args[1]
            args = args[2:]
        elif args[0] == '--verbose':
            verbose = True
            args = args[1:]
        else:
            sys.exit(__doc__)
    paths = []
    for a in args:
        if os.path.isdir(a):
            paths += sorted(os.path.join(a, f) for f in os.listdir(a)
                            if f.endswith(('.rst', '.md', '.html', '.txt')))
        else:
            paths.append(a)
    tally, why_count = {}, {}
    bad = 0
    for path in paths:
        recs = records(path)
        if not recs:
            continue
        fmt = page_format(recs)
        rc, out, err = run(['merge', '--to', fmt, path])
        page_lines = open(path, encoding='utf-8').read().split('\n')
        found = [find(b, page_lines) for b in blocks(out, fmt)]
        if found and all(f == 'byte' for f in found):
            verdict = 'byte'
        elif found and all(found):
            verdict = 'indented'
        else:
            with tempfile.NamedTemporaryFile('w', suffix='.' + fmt, delete=False) as t:
                t.write(out)
            back = records(t.name)
            os.unlink(t.name)
            verdict = 'records' if shape(back) == shape(recs) else 'DIFFERS'
        tally[verdict] = tally.get(verdict, 0) + 1
        why = []
        if verdict not in ('byte', 'indented'):
            why = reasons(path, fmt, recs)
            for w in why:
                why_count[w] = why_count.get(w, 0) + 1
        if verdict == 'DIFFERS':
            bad = 1
        print('%-9s %s%s' % (verdict, os.path.basename(path), ('  (' + '; '.join(why) + ')') if why else ''))
        if verbose and verdict not in ('byte', 'indented'):
            sys.stdout.write(out)
    n = sum(tally.values())
    print('\n%d pages: ' % n + ', '.join('%s %d (%.0f%%)' % (k, v, 100.0 * v / n)
                                         for k, v in sorted(tally.items())))
    for w, c in sorted(why_count.items(), key=lambda x: -x[1]):
        print('  %3d  %s' % (c, w))
    return bad


sys.exit(main())
