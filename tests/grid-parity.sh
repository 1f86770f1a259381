#!/bin/sh
# grid-parity.sh DOCDRIFT - docdrift's grid tables against docutils itself,
# over the crafted edge cases in fixtures/rst/parity/: scripts/grid-parity.py
# reads every case with both, and its report (counts per category, every
# disagreement) must be tests/grid-parity.expected. The disagreements left
# there are explained in fixtures/rst/parity/README.md. With DD_REGEN=1 the
# expected report is rewritten; review it with git diff.
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
# the first line names the binaries, the time line varies: both left out
"$PY" scripts/grid-parity.py --docdrift "$exe" --no-cache --max 0 -j 1 \
	fixtures/rst/parity 2>&1 | grep -v '^grid-parity: docutils\|^time: ' >"$tmp"
if [ "${DD_REGEN:-}" = 1 ]; then
	cp "$tmp" tests/grid-parity.expected
	exit 0
fi
diff -u tests/grid-parity.expected "$tmp"
