#!/bin/sh
# docutils-check.sh RST JSON - docutils must accept the rendered grid table
# without a single warning (halt_level 2) and read every cell back as the
# records in JSON hold them (fixtures/render/expected.{rst,json}, which
# test_render keeps equal to the renderers' output).
# Exit 77 (skipped) when /usr/bin/python3 has no docutils.
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import docutils.core' 2>/dev/null || {
	echo "docutils not available: skipped"
	exit 77
}
exec "$PY" - "$1" "$2" <<'PYEOF'
import json, sys
import docutils.core, docutils.nodes as n

rst_path, json_path = sys.argv[1], sys.argv[2]
with open(rst_path, encoding='utf-8') as f:
    src = f.read()
with open(json_path, encoding='utf-8') as f:
    recs = json.load(f)
try:
    doc = docutils.core.publish_doctree(src, source_path=rst_path, settings_overrides={
        'halt_level': 2, 'report_level': 1, 'warning_stream': sys.stderr})
except Exception as e:
    print('docutils rejected %s: %s' % (rst_path, e))
    sys.exit(1)

def find(node, cls):  # findall() is docutils >= 0.18, traverse() before
    return list(node.findall(cls) if hasattr(node, 'findall') else node.traverse(cls))

tables = find(doc, n.table)
if len(tables) != 1:
    print('want one table, docutils found %d' % len(tables)); sys.exit(1)

def cells(row):
    # a wrapped paragraph comes back with its line breaks: collapse them as a parser does
    return [[' '.join(p.astext().split()) for p in e.children] for e in row.children]

head = [c for c in cells(find(tables[0], n.thead)[0].children[0])]
extras = []
for r in recs:
    for x in r.get('extra', []):
        if x['header'] not in extras:
            extras.append(x['header'])
want_head = [['Status Code'], ['Name'], ['Description']] + [[h] for h in extras]
fail = 0
if head != want_head:
    print('header', head, 'want', want_head); fail = 1
rows = find(tables[0], n.tbody)[0].children
if len(rows) != len(recs):
    print('%d body rows, want %d' % (len(rows), len(recs))); sys.exit(1)
for r, row in zip(recs, rows):
    want = [[r['key']], [r['name']] if r['name'] else [], r['description']]
    for h in extras:
        want.append(next((x['value'] for x in r.get('extra', []) if x['header'] == h), []))
    got = cells(row)
    if got != want:
        print('row %s:\n  got:  %r\n  want: %r' % (r['key'], got, want)); fail = 1
title = (find(tables[0], n.title) or [None])[0]
if title is not None:
    print('caption: %s' % title.astext())
print('docutils read %d rows of %s back exactly' % (len(rows), rst_path) if not fail else 'FAILED')
sys.exit(fail)
PYEOF
