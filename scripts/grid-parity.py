#!/usr/bin/python3
"""grid-parity.py - check docdrift's RST grid-table parser against docutils.

usage: grid-parity.py --docdrift BIN [-j N] [--json FILE] [--max N] [--all]
                      [--describe] [--timeout S] [--cache FILE | --no-cache] PATH...

PATH is an .rst file or a directory (recursed for *.rst, sorted).  For every
grid table docutils (the Debian python3-docutils, run with /usr/bin/python3)
finds, and every grid table docdrift finds or rejects, the two readings are
matched by the line of the table's top border and compared cell by cell.

docutils' results are cached (--cache, by path, size and mtime): while docdrift
changes, a rerun over the 18 docsets takes docdrift's few seconds, not
docutils' minutes.  --describe prints every table as both sides read it.
RESULTS.md beside this script explains the categories and their causes.
Exit status: 0 when nothing disagrees, 1 when something does (listed), 2 on
trouble.

How docutils is run
  - docutils.parsers.rst.Parser on the file's text (UTF-8, BOM dropped), no
    transforms (they resolve substitutions and references; none changes a
    table's structure), file_insertion_enabled=False,
    raw_enabled=False, report_level=5 (nothing printed), halt_level=5.
  - Unknown directives get a permissive stand-in: any arguments, any options,
    content parsed as RST into a container (so `.. only::`, `.. tabs::` etc.
    go on being parsed) -- except directives whose content is code
    (LITERAL_DIRECTIVES below), whose content becomes a literal block.
    Unknown roles give their text ("title <target>" -> "title", "<target>"
    -> "target"), as docdrift does.
  - Body.table (the one entry for grid and simple tables) is wrapped: it
    records the top border's line, the lines the block took, the table node
    built (or the "Malformed table." error) and every system message the
    isolation produced ("Unexpected indentation.", "Blank line required
    after table.").  Comments, literal blocks ("::" and quoted), directives
    and paragraphs record their line ranges, so that a table docdrift finds
    where docutils has none can be explained.
  - Cells come from the doctree: tgroup/colspec give the columns, thead/tbody
    rows and entries with morerows/morecols give (row, col, rowspan, colspan);
    columns are placed by skipping positions covered by earlier spans.

How text is normalised (both sides the same way, so a difference is real)
  - docutils: the entry's rendered text: every Text node, except inside
    system_message, comment, substitution_definition, raw and target-less
    invisibles; a substitution_reference is shown as |name| (docdrift keeps
    it as written; without transforms docutils does not resolve it);
    footnote/citation references as [label]_ (docdrift keeps the text).
    Block elements (paragraphs, list items, literal blocks...) are separated
    by a space, inline elements are not.
  - docdrift: its paragraphs joined by a space.
  - then both: Unicode NFC, every run of ASCII whitespace to one space,
    stripped.  Cells are equal when these strings are equal.  A difference
    is further classed as "markup" when the two agree once only letters and
    digits are kept (case folded) -- inline markup, punctuation, spacing --
    and "text" otherwise (words differ: misplaced cell boundaries, lost
    lines, block constructs read differently).

Categories printed
  equal / cells differ (shape: rows, columns, header rows, spans;
  text; markup) / docutils accepts, docdrift rejects / docdrift accepts,
  docutils rejects / both reject / only docutils found / only docdrift found
  / docdrift tables in literal/code blocks and comments (docutils: not a
  table).
"""

import argparse
import io
import json
import multiprocessing
import os
import pickle
import re
import signal
import subprocess
import sys
import time
import traceback
import unicodedata

import docutils
import docutils.frontend
import docutils.nodes as nodes
import docutils.utils
from docutils.parsers.rst import Directive, Parser, directives, roles, states, tableparser

# --------------------------------------------------------------------------
# docutils side

CACHE_VERSION = 3   # bump when what docutils_file() returns changes

LITERAL_DIRECTIVES = {
    # docutils' own code directives, and the Sphinx/extension ones whose
    # content is code, not reStructuredText
    'code', 'code-block', 'sourcecode', 'parsed-literal', 'raw', 'math',
    'literalinclude', 'highlight', 'productionlist', 'prompt', 'doctest',
    'testcode', 'testoutput', 'testsetup', 'testcleanup', 'ipython',
    'jupyter-execute', 'graphviz', 'digraph', 'graph', 'uml', 'plantuml',
    'mermaid', 'jinja', 'code-tab', 'tabularcolumns', 'autoprogram',
    'program-output', 'command-output', 'csv-table', 'list-table',
}


class _AnyOptions(dict):
    """Accepts every option name (value unchanged)."""

    def __missing__(self, key):
        return directives.unchanged


class DummyDirective(Directive):
    """An unknown (Sphinx or extension) directive: content parsed as RST."""
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = _AnyOptions(__any__=directives.unchanged)
    has_content = True

    def run(self):
        node = nodes.container()
        if self.content:
            self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class DummyLiteralDirective(DummyDirective):
    """An unknown directive whose content is code: a literal block."""

    def run(self):
        text = '\n'.join(self.content)
        return [nodes.literal_block(text, text)]


_orig_directive = directives.directive


def _directive(directive_name, language_module, document):
    cls, msgs = _orig_directive(directive_name, language_module, document)
    if cls is None:
        if directive_name.lower() in LITERAL_DIRECTIVES:
            cls = DummyLiteralDirective
        else:
            cls = DummyDirective
        msgs = []
    return cls, msgs


_TITLE_TARGET = re.compile(r'^(.*?)\s*(?<!\x00)<([^<]*)>$', re.S)


def _dummy_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    m = _TITLE_TARGET.match(text)
    if m:
        shown = m.group(1) if m.group(1).strip() else m.group(2)
    else:
        shown = text
    return [nodes.inline(rawtext, docutils.utils.unescape(shown))], []


_orig_role = roles.role


def _role(role_name, language_module, lineno, reporter):
    fn, msgs = _orig_role(role_name, language_module, lineno, reporter)
    if fn is None:
        return _dummy_role, []
    return fn, msgs


directives.directive = _directive
roles.role = _role


class Rec:
    """What one file's parse recorded (module global: one file at a time)."""

    def __init__(self):
        self.tables = []    # dicts, see _table()
        self.regions = []   # (kind, name, first line, last line)
        self.depth = 0      # table cells being parsed (nested tables)
        self.crashes = []   # (line, message): tables docutils' parser dies on


REC = Rec()


def _line(sm):
    # Inside a table cell docutils' line numbers run one too high per level
    # of nesting (build_table_row passes input_offset=tableline+offset, one
    # more than the 0-based index of the cell's first line).
    return sm.abs_line_number() - REC.depth


def _msg_text(m):
    parts = []
    for c in m.children:
        if isinstance(c, nodes.paragraph):
            parts.append(c.astext())
    return ' '.join(' '.join(parts).split())


_orig_table = states.Body.table


def _table(self, isolate_function, parser_class):
    sm = self.state_machine
    top = _line(sm)
    kind = 'grid' if parser_class is tableparser.GridTableParser else 'simple'
    entry = {'kind': kind, 'top': top, 'depth': REC.depth, 'node': None, 'msgs': [],
             'nlines': 1}
    REC.tables.append(entry)

    def isolate():
        block, messages, blank_finish = isolate_function()
        entry['nlines'] = max(1, len(block))
        return block, messages, blank_finish
    try:
        nodelist, blank_finish = _orig_table(self, isolate, parser_class)
    except AssertionError as e:   # GridTableParser.mark_done / structure_from_cells
        # docutils itself dies here (the exception ends the whole run). To
        # go on comparing the rest of the file, the table is reported as a
        # severe error instead and parsing resumes after its block.
        fn = traceback.extract_tb(e.__traceback__)[-1]
        text = 'docutils crashes: AssertionError in GridTableParser.%s (%s)' % (fn.name, fn.line)
        REC.crashes.append((top, text))
        entry['crash'] = True
        nodelist, blank_finish = [self.reporter.severe(text, line=top)], True
    entry['blank_finish'] = bool(blank_finish)
    for n in nodelist:
        if isinstance(n, nodes.table):
            entry['node'] = n
        elif isinstance(n, nodes.system_message):
            entry['msgs'].append((n['level'], _msg_text(n), n.get('line')))
            lit = [c for c in n.children if isinstance(c, nodes.literal_block)]
            if lit and entry['node'] is None and _msg_text(n).startswith('Malformed table'):
                entry['nlines'] = max(entry['nlines'], len(lit[0].astext().split('\n')))
    entry['bottom'] = top + entry['nlines'] - 1
    if not blank_finish:
        entry['msgs'].append((2, 'Blank line required after table.', entry['bottom'] + 1))
    return nodelist, blank_finish


_orig_build_table = states.Body.build_table


def _build_table(self, *a, **kw):
    REC.depth += 1
    try:
        return _orig_build_table(self, *a, **kw)
    finally:
        REC.depth -= 1


def _region_wrap(cls, meth, kind, namer=None):
    orig = getattr(cls, meth)

    def wrapper(self, *a, **kw):
        sm = self.state_machine
        start = _line(sm)
        try:
            return orig(self, *a, **kw)
        finally:
            try:
                end = _line(sm)
            except Exception:
                end = start
            REC.regions.append((kind, namer(a) if namer else '', start, max(start, end)))
    setattr(cls, meth, wrapper)


_orig_paragraph = states.RSTState.paragraph


def _paragraph(self, lines, lineno):
    # lineno is the 1-based line of the paragraph's first line (less nesting)
    first = lineno - REC.depth
    REC.regions.append(('paragraph', '', first, first + len(lines) - 1))
    return _orig_paragraph(self, lines, lineno)


states.Body.table = _table
states.Body.build_table = _build_table
states.RSTState.paragraph = _paragraph
_region_wrap(states.Body, 'comment', 'comment')
_region_wrap(states.Text, 'literal_block', 'literal')
_region_wrap(states.Body, 'doctest', 'doctest')
_region_wrap(states.Body, 'run_directive', 'directive', lambda a: str(a[2]).lower())


INVISIBLE = (nodes.system_message, nodes.comment, nodes.substitution_definition,
             nodes.raw, nodes.Invisible)


def plain(node, out):
    """Rendered text of node into list out (see the module docstring)."""
    if isinstance(node, nodes.Text):
        out.append(node.astext())   # resolves the \x00 escape markers
        return
    if isinstance(node, INVISIBLE) and not isinstance(node, nodes.target):
        return
    if isinstance(node, nodes.substitution_reference):
        out.append('|%s|' % node.astext())
        return
    if isinstance(node, (nodes.footnote_reference, nodes.citation_reference)):
        out.append('[%s]_' % node.astext())
        return
    block = not isinstance(node, nodes.Inline)
    if block:
        out.append(' ')
    for c in node.children:
        plain(c, out)
    if block:
        out.append(' ')


_WS = re.compile(r'[ \t\n\r\f\v]+')


def norm(s):
    return _WS.sub(' ', unicodedata.normalize('NFC', s)).strip()


def loose(s):
    return ''.join(ch for ch in s.casefold() if ch.isalnum())


def table_cells(t):
    """(ncols, nrows, nhead, cells) of a docutils table node; cells are
    [row, col, rowspan, colspan, text] with 0-based row/col."""
    tgroup = next(c for c in t.children if isinstance(c, nodes.tgroup))
    ncols = sum(1 for c in tgroup.children if isinstance(c, nodes.colspec))
    rows = []
    nhead = 0
    for part in tgroup.children:
        if isinstance(part, (nodes.thead, nodes.tbody)):
            for row in part.children:
                rows.append(row)
                if isinstance(part, nodes.thead):
                    nhead += 1
    occ = set()
    cells = []
    for r, row in enumerate(rows):
        c = 0
        for e in row.children:
            while (r, c) in occ:
                c += 1
            rs = e.get('morerows', 0) + 1
            cs = e.get('morecols', 0) + 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    occ.add((rr, cc))
            out = []
            plain(e, out)
            cells.append([r, c, rs, cs, norm(''.join(out))])
            c += cs
    return ncols, len(rows), nhead, cells


def settings():
    s = docutils.frontend.get_default_settings(Parser)
    s.file_insertion_enabled = False
    s.raw_enabled = False
    s.report_level = 5
    s.halt_level = 5
    s.warning_stream = io.StringIO()
    s.syntax_highlight = 'none'
    s.tab_width = 8
    s.input_encoding = 'utf-8'
    return s


_SETTINGS = None
_PARSER = None


def _timeout(signum, frame):
    raise TimeoutError('docutils took too long')


def docutils_file(job):
    """Worker: parse one file with docutils.  job = (path, timeout).
    Returns a picklable dict: tables, the regions of constructs, crashes."""
    global _SETTINGS, _PARSER, REC
    path, timeout = job
    if _SETTINGS is None:
        _SETTINGS = settings()
        _PARSER = Parser()
        signal.signal(signal.SIGALRM, _timeout)
    res = {'file': path, 'tables': [], 'exc': None, 'regions': []}
    t0 = time.time()
    try:
        text = open(path, 'rb').read().decode('utf-8-sig')
    except Exception as e:  # noqa: BLE001
        res['exc'] = 'cannot read: %s' % e
        return res
    REC = Rec()
    _SETTINGS.warning_stream = io.StringIO()
    doc = docutils.utils.new_document(path, _SETTINGS)
    signal.alarm(timeout)
    try:
        _PARSER.parse(text, doc)
    except TimeoutError as e:
        res['exc'] = str(e)
    except RecursionError:
        res['exc'] = 'RecursionError'
    except Exception as e:  # noqa: BLE001
        fn = traceback.extract_tb(e.__traceback__)[-1]
        res['exc'] = '%s: %s (in %s: %s)' % (type(e).__name__, e, fn.name, fn.line)
    finally:
        signal.alarm(0)
    res['crashes'] = REC.crashes
    src_lines = re.sub('[\v\f]', ' ', text).splitlines()
    for t in REC.tables:
        d = {k: v for k, v in t.items() if k != 'node'}
        nxt = src_lines[t['bottom']] if t['bottom'] < len(src_lines) else ''
        d['truncated'] = (not t.get('blank_finish', True)) and nxt.strip()[:1] in ('+', '|')
        if t['node'] is not None and t['kind'] == 'grid':
            try:
                d['ncols'], d['nrows'], d['nhead'], d['cells'] = table_cells(t['node'])
            except Exception as e:  # noqa: BLE001
                d['cellerr'] = '%s: %s' % (type(e).__name__, e)
            d['accepted'] = True
        else:
            d['accepted'] = t['node'] is not None
        res['tables'].append(d)
    res['regions'] = [tuple(r) for r in REC.regions] + [
        ('table', t['kind'], t['top'], t.get('bottom', t['top'])) for t in REC.tables]
    res['seconds'] = round(time.time() - t0, 3)
    return res


# --------------------------------------------------------------------------
# docdrift side

_TABLE = re.compile(r'^table (\d+) (\S+) at (\d+):(\d+): (\d+) columns, (\d+) rows, (\d+) header$')
_CELL = re.compile(r'^  cell (\d+)(?: (covered)| at (\d+):(\d+)(?: span (\d+)x(\d+))?( empty)?)$')
_DIAG = re.compile(r'^(.*?):(\d+):(\d+): (error|warning|note): (.*) \[(DD-\d+)\]$')


def unquote(s):
    assert s[0] == '"' and s[-1] == '"', s
    out = []
    i, n = 1, len(s) - 1
    while i < n:
        ch = s[i]
        if ch == '\\':
            nx = s[i + 1]
            if nx == 't':
                out.append('\t')
            elif nx == 'n':
                out.append('\n')
            elif nx == 'r':
                out.append('\r')
            elif nx == 'x':
                out.append(chr(int(s[i + 2:i + 4], 16)))
                i += 2
            else:
                out.append(nx)
            i += 2
        else:
            out.append(ch)
            i += 1
    return ''.join(out)


def parse_dump(text):
    """docdrift `tables` output -> {file: [table dict]}"""
    files = {}
    cur = None
    t = None
    row = None
    cell = None
    for ln in text.split('\n'):
        if ln.startswith('file '):
            cur = files.setdefault(ln[5:], [])
            t = None
        elif ln.startswith('page '):
            pass
        elif ln.startswith('table '):
            m = _TABLE.match(ln)
            t = {'index': int(m.group(1)), 'format': m.group(2), 'line': int(m.group(3)),
                 'col': int(m.group(4)), 'ncols': int(m.group(5)), 'nrows': int(m.group(6)),
                 'nhead': int(m.group(7)), 'cells': []}
            cur.append(t)
        elif ln.startswith('caption '):
            pass
        elif ln.startswith('row '):
            row = int(ln.split()[1]) - 1
        elif ln.startswith('  cell '):
            m = _CELL.match(ln)
            if m.group(2):
                cell = None
                continue
            cell = {'r': row, 'c': int(m.group(1)) - 1,
                    'rs': int(m.group(5) or 1), 'cs': int(m.group(6) or 1),
                    'line': int(m.group(3)), 'paras': []}
            t['cells'].append(cell)
        elif ln.startswith('    "'):
            cell['paras'].append(unquote(ln[4:]))
        elif ln.strip():
            raise ValueError('unexpected docdrift dump line: %r' % ln)
    for tabs in files.values():
        for t in tabs:
            t['cells'] = [[c['r'], c['c'], c['rs'], c['cs'], norm(' '.join(c['paras']))]
                          for c in t['cells']]
    return files


def run_docdrift(binary, paths, jobs):
    """Runs `BIN tables --format rst` over paths in chunks; returns
    ({file: tables}, {file: [diag]}, seconds)."""
    t0 = time.time()
    tables, diags = {}, {}
    known = set(paths)
    for i in range(0, len(paths), 400):
        chunk = paths[i:i + 400]
        p = subprocess.run([binary, 'tables', '--format', 'rst', '-j', str(jobs)] + chunk,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1, 2):
            raise OSError('%s exited with status %d: %s' % (
                binary, p.returncode, p.stderr.decode('utf-8', 'replace')[:500]))
        out = p.stdout.decode('utf-8', 'surrogateescape')
        tables.update(parse_dump(out))
        for ln in p.stderr.decode('utf-8', 'surrogateescape').splitlines():
            m = _DIAG.match(ln)
            if not m:
                continue
            f = m.group(1)
            if f not in known:  # a ':NN:NN: ' inside the path: find the path given
                for f2 in chunk:
                    if ln.startswith(f2 + ':'):
                        m2 = _DIAG.match('X' + ln[len(f2):])
                        if m2:
                            f, m = f2, m2
                            break
            diags.setdefault(f, []).append({'line': int(m.group(2)), 'col': int(m.group(3)),
                                            'sev': m.group(4), 'msg': m.group(5),
                                            'code': m.group(6)})
    return tables, diags, time.time() - t0


# --------------------------------------------------------------------------
# candidates

_BORDERISH = re.compile(rb'(?:^|\s)\+[-=+]*[-=][-=+]*\+[ \t\r\f\v]*$', re.M)


def collect(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for dp, dn, fn in os.walk(p):
                dn.sort()
                for f in sorted(fn):
                    if f.endswith('.rst'):
                        out.append(os.path.join(dp, f))
        else:
            out.append(p)
    return out


def has_border(path):
    try:
        with open(path, 'rb') as fh:
            return _BORDERISH.search(fh.read()) is not None
    except OSError:
        return True


def docdrift_table_top(lines, ln):
    """Top border of the grid block that docdrift's diagnostic at line ln
    (1-based) is about: walk up through the lines starting with '+' or '|'
    to the first one, then down to the first border among them."""
    i = ln - 1
    if i >= len(lines) or not lines[i].lstrip().startswith(('+', '|')):
        i -= 1
    while i > 0 and lines[i - 1].lstrip().startswith(('+', '|')) and lines[i - 1].strip():
        i -= 1
    while i < ln - 1 and not re.match(r'^\s*\+[-=+]*[-=][-=+]*\+\s*$', lines[i]):
        i += 1
    return i + 1


# --------------------------------------------------------------------------
# comparison

LITERAL_LABEL = {'comment': 'comment', 'literal': 'literal block ("::" or quoted)',
                 'code': 'code/raw/math directive'}


def context_at(du, ln):
    """The innermost docutils construct (kind, name, first, last) around line ln."""
    inner = None
    for reg in du['regions']:
        if reg[2] <= ln <= reg[3]:
            if inner is None or (reg[3] - reg[2], -reg[2]) < (inner[3] - inner[2], -inner[2]):
                inner = reg
    return inner


def context_kind(ctx):
    """docutils' construct around a line docdrift saw a table on."""
    if ctx is None:
        return 'none', 'no docutils construct'
    kind, name, a, b = ctx
    if kind == 'comment':
        return 'comment', 'comment (lines %d-%d)' % (a, b)
    if kind == 'literal':
        return 'literal', 'literal block after "::" (lines %d-%d)' % (a, b)
    if kind == 'doctest':
        return 'literal', 'doctest block (lines %d-%d)' % (a, b)
    if kind == 'directive' and name in LITERAL_DIRECTIVES:
        return 'code', '.. %s:: directive (lines %d-%d)' % (name, a, b)
    if kind == 'directive':
        return 'directive', '.. %s:: directive (lines %d-%d)' % (name, a, b)
    if kind == 'paragraph':
        return 'paragraph', 'paragraph text (lines %d-%d)' % (a, b)
    if kind == 'table':
        return 'table', 'inside the %s table at lines %d-%d' % (name, a, b)
    return kind, '%s %s (lines %d-%d)' % (kind, name, a, b)


def snippet(a, b, before=30, after=50):
    """a and b around their first difference."""
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    lo = max(0, i - before)
    pre = '...' if lo else ''

    def cut(s):
        return pre + s[lo:i + after] + ('...' if len(s) > i + after else '')
    return cut(a), cut(b)


_ENUM = re.compile(r'([a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+)[.)] ')


def text_cause(du, dd):
    """A short guess at why docdrift's cell text differs from docutils'."""
    i = 0
    while i < len(du) and i < len(dd) and du[i] == dd[i]:
        i += 1
    while i > 0 and not dd[i - 1].isspace():   # from the start of the word
        i -= 1
    rest_dd, rest_du = dd[i:], du[i:]
    if re.match(r'\.\. _[^:]*:', rest_dd) or re.search(r'(^| )\.\. _\S*:', dd) and '.. _' not in du:
        return 'a ".. _label:" target in the cell is text for docdrift'
    if re.match(r'\.\. [A-Za-z][\w:+.-]*:', rest_dd) or (
            re.search(r'(^| )\.\. [A-Za-z][\w+.-]*:', dd) and not re.search(r'\.\. [A-Za-z]', du)):
        return 'a directive (.. NAME::) in the cell is text for docdrift'
    if _ENUM.match(rest_dd) and not _ENUM.match(rest_du):
        return 'an enumerated list with letters/roman numerals keeps its enumerators in docdrift'
    if re.match(r'\+[-=+]{2,}', rest_dd):
        return 'a grid table nested in the cell is text for docdrift'
    extra = [w for w in dd.split() if re.fullmatch(r'[-+|=*#~^"\'`.:_]+', w)]
    if extra and any(dd.split().count(w) > du.split().count(w) for w in extra):
        return ('a lone punctuation line in the cell ("-", "+", "|", "===") is markup for docutils '
                '(empty list item, line block, section title, transition), text for docdrift')
    if rest_du[:1] in ('*', '\\', '_', '`', '|') or rest_dd[:1] in ('*', '\\', '_', '`', '|'):
        return 'inline markup / escapes read differently (often inside literal text)'
    return 'other'


def first_diff(du, dd):
    """First differing cell between docutils cells and docdrift cells, as
    (class, description, cause)."""
    def show(c):
        return 'r%d c%d %dx%d %r' % (c[0] + 1, c[1] + 1, c[2], c[3], c[4][:80])
    dmap = {(c[0], c[1]): c for c in dd}
    umap = {(c[0], c[1]): c for c in du}
    for c in sorted(du):
        o = dmap.get((c[0], c[1]))
        if o is None:
            return 'shape', 'docutils cell %s; docdrift: no cell starts there' % show(c), None
        if (o[2], o[3]) != (c[2], c[3]):
            return 'shape', 'docutils %s; docdrift %s' % (show(c), show(o)), None
    for c in sorted(dd):
        if (c[0], c[1]) not in umap:
            return 'shape', 'docdrift cell %s; docutils: no cell starts there' % show(c), None
    for c in sorted(du):
        o = dmap[(c[0], c[1])]
        if o[4] != c[4]:
            cls = 'markup' if loose(o[4]) == loose(c[4]) else 'text'
            a, b = snippet(c[4], o[4])
            return cls, 'r%d c%d: docutils %r; docdrift %r' % (c[0] + 1, c[1] + 1, a, b), \
                text_cause(c[4], o[4])
    return None, None, None


GRID_CODES = ('DD-101', 'DD-102', 'DD-103', 'DD-104', 'DD-005')


def read_lines(f):
    with open(f, 'rb') as fh:
        t = fh.read().decode('utf-8-sig', 'replace')
    return t.replace('\r\n', '\n').replace('\r', '\n').split('\n')


def compare(files, ddt, ddd, dures):
    """Returns (counts, {category: [(file, line, reason, sub)]})."""
    cats = {}

    def add(cat, f, line, why, sub=None):
        cats.setdefault(cat, []).append((f, line, why, sub))

    counts = {}

    def inc(k, n=1):
        counts[k] = counts.get(k, 0) + n

    for f in files:
        du = dures.get(f)
        if du is None:
            continue
        if du['exc']:
            add('docutils crashed on the file', f, 0, du['exc'])
        for ln, text in du.get('crashes', []):
            add('docutils crashed on the file', f, ln, text + '; the script goes on after the table')
        tabs = [t for t in ddt.get(f, []) if t['format'] == 'rst-grid']
        inc('docdrift rst-grid-flat tables (not compared)',
            sum(1 for t in ddt.get(f, []) if t['format'] == 'rst-grid-flat'))
        dd_by_line = {t['line']: t for t in tabs}
        errs = [d for d in ddd.get(f, []) if d['sev'] == 'error' and d['code'] in GRID_CODES]
        dd_err_by_top = {}
        if errs:
            lines = read_lines(f)
            for d in errs:
                dd_err_by_top.setdefault(docdrift_table_top(lines, d['line']), d)
        gt = [t for t in du['tables'] if t['kind'] == 'grid']
        trunc_bottoms = {t['bottom'] for t in gt if t.get('truncated')}
        seen_dd = set()
        for t in gt:
            top = t['top']
            umsg = '; '.join('%s (line %s)' % (m[1], m[2]) for m in t['msgs'])
            notes = ('; docutils notes: ' + umsg) if umsg else ''
            o = dd_by_line.get(top)
            e = dd_err_by_top.get(top)
            if o is not None or e is not None:
                seen_dd.add(top)
            if t['accepted'] and 'cells' in t:
                if t['depth']:
                    sub = 'nested in a table cell'
                elif t['ncols'] == 0:
                    sub = "empty table (0 columns) from a lone '+---+' line"
                elif t.get('truncated'):
                    sub = 'docutils ends the table at its last border before more +/| lines'
                else:
                    sub = None
                if o is not None:
                    inc('compared')
                    shape = (t['ncols'], t['nrows'], t['nhead'])
                    oshape = (o['ncols'], o['nrows'], o['nhead'])
                    cls, why, cause = first_diff(t['cells'], o['cells'])
                    if shape != oshape:
                        why = 'columns/rows/header rows: docutils %s, docdrift %s%s' % (
                            shape, oshape, ('; ' + why) if why and cls == 'shape' else '')
                        cls, cause = 'shape', None
                    if cls is None:
                        inc('equal')
                    else:
                        add('cells differ: %s' % cls, f, top, why, cause)
                elif e is not None:
                    add('docutils accepts, docdrift rejects', f, top,
                        'docdrift %d:%d: %s [%s]%s' % (e['line'], e['col'], e['msg'], e['code'], notes),
                        sub or 'DD-%s' % e['code'][3:] + ' ' + _dd_kind(e))
                elif t['ncols'] == 0 and not t['depth']:
                    add(ARTEFACTS, f, top, 'docdrift reports nothing here%s' % notes,
                        "empty table (0 columns) from a lone '+---+' line; docdrift silent")
                else:
                    add('only docutils found', f, top, 'docdrift reports nothing here%s' % notes,
                        sub or 'a table docdrift does not see')
            elif t['accepted']:
                add('docutils crashed on the file', f, top, t.get('cellerr', '?'))
            else:
                if o is not None:
                    add('docdrift accepts, docutils rejects', f, top, 'docutils: %s' % umsg)
                elif e is not None:
                    inc('both reject')
                    add('both reject (agreement, listed for reference)', f, top,
                        'docutils: %s | docdrift %d:%d: %s [%s]' % (umsg, e['line'], e['col'], e['msg'], e['code']))
                elif top in trunc_bottoms:
                    add(ARTEFACTS, f, top, 'docutils rejects it: %s' % umsg,
                        "Malformed table from re-reading a truncated table's last border")
                else:
                    add('only docutils found', f, top,
                        'docutils rejects it: %s' % umsg, 'rejected by docutils; docdrift sees no table')
        inc('docutils grid tables', len(gt))
        inc('docutils grid tables accepted', sum(1 for t in gt if t['accepted']))
        inc('docdrift rst-grid tables', len(tabs))
        inc('docdrift grid errors', len(dd_err_by_top))
        for ln, o in sorted(dd_by_line.items()):
            if ln in seen_dd:
                continue
            k, desc = context_kind(context_at(du, ln))
            if k in ('comment', 'literal', 'code'):
                add('docdrift tables in literal/code blocks and comments', f, ln,
                    'docdrift found a %dx%d table inside a %s' % (o['nrows'], o['ncols'], desc),
                    LITERAL_LABEL[k])
            else:
                add('only docdrift found', f, ln, 'docutils: %s' % desc, 'docutils: ' + k)
        for ln, e in sorted(dd_err_by_top.items()):
            if ln in seen_dd:
                continue
            k, desc = context_kind(context_at(du, ln))
            why = 'docdrift %d:%d: %s [%s]; docutils: %s' % (e['line'], e['col'], e['msg'], e['code'], desc)
            if k in ('comment', 'literal', 'code'):
                add('docdrift errors in literal/code blocks and comments', f, ln, why, LITERAL_LABEL[k])
            else:
                add('docdrift rejects where docutils sees no grid table', f, ln, why, 'docutils: ' + k)
    return counts, cats


def _dd_kind(e):
    m = e['msg']
    if 'not on a column boundary' in m:
        return "'|' near a column boundary inside a spanning cell (check_spans)"
    if 'where a column separator is expected' in m:
        return "'|' on a boundary on only some lines of a spanning cell (check_spans)"
    if 'meets the border' in m:
        return "'|' under a '-' of the border (check_spans)"
    if 'columns wide' in m:
        return 'line width'
    if 'starts at column' in m:
        return 'line indented unlike the top border'
    if 'no bottom border' in m:
        return 'no bottom border'
    if 'header separator' in m:
        return 'header separator'
    if 'limit' in m:
        return 'hard limit'
    return 'other'


def _cells_text(cells, indent='      ', limit=40):
    cells = sorted(cells)
    out = ''.join('%sr%d c%d %dx%d %s\n' % (indent, c[0] + 1, c[1] + 1, c[2], c[3],
                                            json.dumps(c[4], ensure_ascii=False))
                  for c in cells[:limit])
    if len(cells) > limit:
        out += '%s... %d more cells\n' % (indent, len(cells) - limit)
    return out


def describe(files, ddt, ddd, dures, cats):
    by_file = {}
    for k, items in cats.items():
        for f, line, why, sub in items:
            by_file.setdefault(f, []).append((line, k, ('[%s] ' % sub if sub else '') + why))
    for f in sorted(files):
        du = dures[f]
        print()
        print('#### %s' % f)
        if du['exc']:
            print('  docutils stopped: %s' % du['exc'])
        for t in du['tables']:
            if t['kind'] != 'grid':
                continue
            notes = ''.join('\n      docutils says (level %d, line %s): %s' % (m[0], m[2], m[1]) for m in t['msgs'])
            nest = ' (nested in a cell)' if t['depth'] else ''
            if t['accepted'] and 'cells' in t:
                print('  docutils: grid table at line %d%s, lines %d-%d: %d columns, %d rows, %d header%s' % (
                    t['top'], nest, t['top'], t['bottom'], t['ncols'], t['nrows'], t['nhead'], notes))
                sys.stdout.write(_cells_text(t['cells']))
            else:
                print('  docutils: grid table at line %d%s REJECTED%s' % (t['top'], nest, notes))
        for t in ddt.get(f, []):
            print('  docdrift: %s table at line %d: %d columns, %d rows, %d header' % (
                t['format'], t['line'], t['ncols'], t['nrows'], t['nhead']))
            sys.stdout.write(_cells_text(t['cells']))
        for d in ddd.get(f, []):
            print('  docdrift: %s %d:%d: %s [%s]' % (d['sev'], d['line'], d['col'], d['msg'], d['code']))
        for line, k, why in sorted(by_file.get(f, [])):
            print('  => line %d: %s: %s' % (line, k, why))
        if not by_file.get(f):
            print('  => agree')


ARTEFACTS = 'docutils artefacts (no disagreement; listed for reference)'

ORDER = [
    'cells differ: shape', 'cells differ: text', 'cells differ: markup',
    'docutils accepts, docdrift rejects', 'docdrift accepts, docutils rejects',
    'only docutils found',
    'only docdrift found', 'docdrift rejects where docutils sees no grid table',
    'docdrift tables in literal/code blocks and comments',
    'docdrift errors in literal/code blocks and comments',
    'docutils crashed on the file',
    ARTEFACTS,
    'both reject (agreement, listed for reference)',
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--docdrift', required=True, help='the docdrift binary')
    ap.add_argument('-j', '--jobs', type=int, default=2, help='docutils worker processes (2)')
    ap.add_argument('--json', help='write every result (counts, categories) as JSON here')
    ap.add_argument('--max', type=int, default=0, help='at most N examples per category (0: all)')
    ap.add_argument('--all', action='store_true',
                    help='parse every file with docutils, not only files with a "+--+" line')
    ap.add_argument('--timeout', type=int, default=120, help='seconds per file for docutils (120)')
    ap.add_argument('--describe', action='store_true',
                    help='also print, file by file, every grid table as docutils and docdrift read it')
    ap.add_argument('--cache', default=os.path.join(
        os.environ.get('XDG_CACHE_HOME') or os.path.expanduser('~/.cache'), 'grid-parity',
        'docutils.pickle'),
        help="keep docutils' results here, by path, size and mtime, so that a rerun parses only "
             "changed files (default ~/.cache/grid-parity/docutils.pickle)")
    ap.add_argument('--no-cache', dest='cache', action='store_const', const=None,
                    help='parse every file with docutils again and keep nothing')
    ap.add_argument('paths', nargs='+')
    a = ap.parse_args()

    t0 = time.time()
    files = collect(a.paths)
    cand = files if a.all else [f for f in files if has_border(f)]
    ddt, ddd, dd_secs = run_docdrift(a.docdrift, cand, a.jobs)
    cache, cache_key = {}, (CACHE_VERSION, docutils.__version__, a.timeout)
    if a.cache:
        try:
            with open(a.cache, 'rb') as fh:
                c = pickle.load(fh)
            if c.get('key') == cache_key:
                cache = c['files']
        except (OSError, EOFError, pickle.UnpicklingError, KeyError, AttributeError):
            cache = {}
    dures, todo = {}, []
    for f in cand:
        st = os.stat(f)
        hit = cache.get(f)
        if hit and hit[0] == (st.st_size, st.st_mtime_ns):
            dures[f] = hit[1]
        else:
            todo.append(f)
    todo.sort(key=lambda f: -os.path.getsize(f))
    t1 = time.time()
    if todo:
        with multiprocessing.Pool(min(a.jobs, len(todo))) as pool:
            for r in pool.imap_unordered(docutils_file, [(f, a.timeout) for f in todo],
                                         chunksize=4):
                dures[r['file']] = r
    if a.cache and todo:
        for f in todo:
            st = os.stat(f)
            cache[f] = ((st.st_size, st.st_mtime_ns), dures[f])
        os.makedirs(os.path.dirname(os.path.abspath(a.cache)), exist_ok=True)
        tmp = a.cache + '.tmp%d' % os.getpid()
        with open(tmp, 'wb') as fh:
            pickle.dump({'key': cache_key, 'files': cache}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, a.cache)
    du_secs = time.time() - t1
    counts, cats = compare(cand, ddt, ddd, dures)
    counts['files given'] = len(files)
    counts['files with a border-like line (parsed by both)'] = len(cand)

    show = ['files given', 'files with a border-like line (parsed by both)',
            'docutils grid tables', 'docutils grid tables accepted', 'docdrift rst-grid tables',
            'docdrift grid errors', 'compared', 'equal']
    print('grid-parity: docutils %s (%s), docdrift %s' % (docutils.__version__,
                                                        os.path.dirname(docutils.__file__), a.docdrift))
    for k in show:
        print('%-66s %7d' % (k, counts.get(k, 0)))
    for k in ORDER:
        items = cats.get(k, [])
        print('%-66s %7d' % (k, len(items)))
        subs = {}
        for it in items:
            if it[3]:
                subs[it[3]] = subs.get(it[3], 0) + 1
        for sk, n in sorted(subs.items(), key=lambda kv: -kv[1]):
            print('    %-62s %7d' % (sk[:62], n))
    print('%-66s %7d' % ('docdrift rst-grid-flat tables (not compared)',
                         counts.get('docdrift rst-grid-flat tables (not compared)', 0)))
    slow = sorted(((r.get('seconds', 0), f) for f, r in dures.items()), reverse=True)[:1]
    print('time: docdrift %.1fs, docutils %.1fs (%d workers, %d files parsed, %d from the cache), '
          'total %.1fs%s' % (dd_secs, du_secs, a.jobs, len(todo), len(cand) - len(todo),
                             time.time() - t0,
                             ('; slowest file %.1fs' % slow[0][0]) if slow else ''))
    for k in ORDER:
        items = cats.get(k, [])
        if not items or k.startswith('both reject') or k == ARTEFACTS:
            continue
        print()
        print('== %s (%d)' % (k, len(items)))
        for f, line, why, sub in (items[:a.max] if a.max else items):
            print('%s:%d: %s%s' % (f, line, ('[%s] ' % sub) if sub else '', why))
    if a.describe:
        describe(cand, ddt, ddd, dures, cats)
    if a.json:
        with open(a.json, 'w') as fh:
            json.dump({'counts': counts, 'categories': cats}, fh, indent=1, ensure_ascii=False)
    disagree = any(cats.get(k) for k in ORDER
                   if k != ARTEFACTS and not k.startswith('both reject'))
    return 1 if disagree else 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except OSError as e:
        print('grid-parity: %s' % e, file=sys.stderr)
        sys.exit(2)
