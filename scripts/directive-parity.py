#!/usr/bin/python3
"""directive-parity.py - docdrift's list-table and csv-table against docutils.

usage: directive-parity.py --docdrift BIN [--describe] FILE...

Every FILE (an .rst document) is read by docutils itself (the Debian
python3-docutils, run with /usr/bin/python3) and by `docdrift tables`.  The
tables the list-table and csv-table directives make are matched by the
directive's line and compared: the caption (the directive's title), the
number of columns, rows and header rows, and every cell's text.  Where
docutils refuses a directive (an error or a severe message: no content,
rows of other lengths, bad options, malformed CSV, a :file: it cannot read)
docdrift must refuse it too, with a diagnostic on the directive's block
(DD-130 / DD-131 errors, DD-132 warnings) and no table.

How docutils is run: docutils.parsers.rst.Parser on the file's text, no
transforms, file_insertion_enabled=True (csv-table's :file: is read,
relative to the document), report_level=5.  ListTable.run and
CSVTable.run are wrapped to record each directive's line, the table it made
or the system messages it returned.  A cell's text is its rendered text
(block elements separated by a space), whitespace collapsed, NFC; docdrift's
is its paragraphs joined by a space (as scripts/grid-parity.py compares).

Prints one line per directive (equal / differs / both refuse / ...) and a
count; exit status 0 when every directive agrees, 1 when one does not, 2 on
trouble.
"""

import argparse
import io
import os
import re
import subprocess
import sys
import unicodedata

import docutils.frontend
import docutils.utils
from docutils import nodes
from docutils.parsers.rst import Parser
from docutils.parsers.rst.directives import tables

REC = []  # per directive: {'name', 'line', 'table' or None, 'errors': [...]}


def _wrap(cls, name):
    orig = cls.run

    def run(self):
        res = orig(self)
        entry = {'name': name, 'line': self.lineno, 'table': None, 'errors': []}
        for n in res:
            if isinstance(n, nodes.table):
                entry['table'] = n
            elif isinstance(n, nodes.system_message) and n['level'] >= 2:
                entry['errors'].append((n['level'], n.astext().split('\n')[0]))
        REC.append(entry)
        return res
    cls.run = run


_wrap(tables.ListTable, 'list-table')
_wrap(tables.CSVTable, 'csv-table')

INVISIBLE = (nodes.system_message, nodes.comment, nodes.substitution_definition,
             nodes.raw, nodes.Invisible)
_WS = re.compile(r'[ \t\n\r\f\v]+')


def norm(s):
    return _WS.sub(' ', unicodedata.normalize('NFC', s)).strip()


def plain(node, out):
    if isinstance(node, nodes.Text):
        out.append(node.astext())
        return
    if isinstance(node, INVISIBLE):
        return
    block = not isinstance(node, nodes.Inline)
    if block:
        out.append(' ')
    for c in node.children:
        plain(c, out)
    if block:
        out.append(' ')


def table_of(t):
    """(caption, ncols, nhead, rows of cell texts) of a docutils table."""
    title = ''
    for c in t.children:
        if isinstance(c, nodes.title):
            title = norm(c.astext())
    tgroup = next(c for c in t.children if isinstance(c, nodes.tgroup))
    ncols = sum(1 for c in tgroup.children if isinstance(c, nodes.colspec))
    rows, nhead = [], 0
    for part in tgroup.children:
        if isinstance(part, (nodes.thead, nodes.tbody)):
            for row in part.children:
                cells = []
                for e in row.children:
                    out = []
                    plain(e, out)
                    cells.append(norm(''.join(out)))
                rows.append(cells)
                nhead += isinstance(part, nodes.thead)
    return title, ncols, nhead, rows


DIRECTIVE_RE = re.compile(r'^\s*\.\. (list-table|csv-table)::', re.I)


def docutils_read(path):
    """{line: entry} for every list-table and csv-table of path: the table
    docutils made, or the messages it refused it with (a directive whose
    options docutils refuses never runs: its message is the document's)."""
    del REC[:]
    s = docutils.frontend.get_default_settings(Parser)
    s.file_insertion_enabled = True
    s.report_level = 5
    s.halt_level = 5
    s.warning_stream = io.StringIO()
    with open(path, encoding='utf-8-sig') as f:
        text = f.read()
    doc = docutils.utils.new_document(path, s)
    Parser().parse(text, doc)
    got = {}
    for e in REC:
        got[e['line']] = e
    msgs = [(m.get('line'), m['level'], m.astext().split('\n')[0])
            for m in doc.traverse(nodes.system_message)]
    for i, ln in enumerate(text.split('\n'), 1):
        m = DIRECTIVE_RE.match(ln)
        if m and i not in got:
            got[i] = {'name': m.group(1).lower(), 'line': i, 'table': None,
                      'errors': [(lvl, t) for line, lvl, t in msgs if line == i and lvl >= 2]}
    return got


TABLE_RE = re.compile(r'^table (\d+) (\S+) at (\d+):(\d+): (\d+) columns?, (\d+) rows?(?:, (\d+) header)?')
CELL_RE = re.compile(r'^  cell (\d+) at')
DIAG_RE = re.compile(r'^[^:]+:(\d+):(\d+): (error|warning): (.*) \[DD-(\d+)\]$')


def unquote(s):
    s = s.strip()[1:-1]
    return re.sub(r'\\(x[0-9a-fA-F]{2}|.)', lambda m: {
        'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\'}.get(m.group(1), m.group(1))
        if len(m.group(1)) == 1 else chr(int(m.group(1)[1:], 16)), s)


def docdrift_read(binary, path):
    """{line: table} for docdrift's rst-list and rst-csv tables, and the
    DD-130/131/132 diagnostics as [(line, code, message)]."""
    p = subprocess.run([binary, 'tables', path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    tabs, cur, row = {}, None, None
    for ln in p.stdout.decode('utf-8').splitlines():
        m = TABLE_RE.match(ln)
        if m:
            cur = None
            if m.group(2) in ('rst-list', 'rst-csv'):
                cur = {'line': int(m.group(3)), 'ncols': int(m.group(5)),
                       'nhead': int(m.group(7) or 0), 'rows': [], 'caption': ''}
                tabs[cur['line']] = cur
            continue
        if cur is None:
            continue
        if ln.startswith('caption '):
            cur['caption'] = norm(unquote(ln[len('caption '):]))
        elif ln.startswith('row '):
            cur['rows'].append([])
        elif CELL_RE.match(ln):
            cur['rows'][-1].append([])
        elif ln.startswith('    "'):
            cur['rows'][-1][-1].append(unquote(ln))
    for t in tabs.values():
        t['rows'] = [[norm(' '.join(c)) for c in r] for r in t['rows']]
    diags = []
    for ln in p.stderr.decode('utf-8').splitlines():
        m = DIAG_RE.match(ln)
        if m and m.group(5) in ('130', '131', '132', '005'):
            diags.append((int(m.group(1)), int(m.group(5)), m.group(4)))
    return tabs, diags


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    ap.add_argument('--docdrift', required=True)
    ap.add_argument('--describe', action='store_true')
    ap.add_argument('files', nargs='+')
    a = ap.parse_args()
    counts, bad = {}, 0
    for path in a.files:
        du = docutils_read(path)
        dd, diags = docdrift_read(a.docdrift, path)
        for line in sorted(set(du) | set(dd)):
            e, t = du.get(line), dd.get(line)
            # a diagnostic of docdrift's inside the directive's block
            ends = sorted(set(du) | set(dd) | {10 ** 9})
            nxt = next(x for x in ends if x > line)
            mine = [d for d in diags if line <= d[0] < nxt]
            name = e['name'] if e else 'table'
            if e and e['table'] is not None and t:
                cap, ncols, nhead, rows = table_of(e['table'])
                same = (cap, ncols, nhead, rows) == (t['caption'], t['ncols'], t['nhead'], t['rows'])
                what = 'equal' if same else 'differs'
                if not same:
                    bad += 1
                    print('%s:%d: %s differs' % (path, line, name))
                    print('  docutils: %r' % ((cap, ncols, nhead, rows),))
                    print('  docdrift: %r' % ((t['caption'], t['ncols'], t['nhead'], t['rows']),))
                elif a.describe:
                    print('%s:%d: %s equal: %d columns, %d rows, %d header' % (
                        path, line, name, ncols, len(rows), nhead))
            elif e and e['table'] is None and not t:
                what = 'both refuse'
                refused = [m for lvl, m in e['errors'] if lvl >= 2]
                if not mine:
                    bad += 1
                    what = 'refused without a diagnostic'
                print('%s:%d: %s %s; docutils: %s; docdrift: %s' % (
                    path, line, name, what, '; '.join(refused) or '-',
                    '; '.join('DD-%03d %s' % (d[1], d[2]) for d in mine) or '-'))
            else:
                bad += 1
                what = 'only docutils reads it' if e and e['table'] is not None else 'only docdrift reads it'
                print('%s:%d: %s %s %s' % (path, line, name, what,
                                             e['errors'] if e else ''))
            counts[what] = counts.get(what, 0) + 1
    print('directives: ' + ', '.join('%s %d' % kv for kv in sorted(counts.items())))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
