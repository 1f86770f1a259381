#!/bin/sh
# directive-parity.sh DOCDRIFT - docdrift's list-table and csv-table against
# docutils itself: scripts/directive-parity.py reads every fixture of
# fixtures/rst/directives/ with both (tables: caption, columns, rows, header
# rows, every cell's text; refusals: docutils' error and docdrift's
# diagnostic) and its report must be tests/directive-parity.expected. With
# DD_REGEN=1 the expected report is rewritten; review it with git diff.
# Exit 77 (skipped) when /usr/bin/python3 has no docutils.
set -u
PY=/usr/bin/python3
[ -x "$PY" ] && "$PY" -c 'import docutils.core' 2>/dev/null || {
	echo "docutils not available: skipped"
	exit 77
}
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.." || exit 99
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
"$PY" scripts/directive-parity.py --docdrift "$exe" --describe fixtures/rst/directives/*.rst \
	>"$tmp" 2>&1
rc=$?
if [ "${DD_REGEN:-}" = 1 ]; then
	cp "$tmp" tests/directive-parity.expected
	exit 0
fi
diff -u tests/directive-parity.expected "$tmp" || exit 1
exit $rc
