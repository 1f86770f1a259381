#!/bin/sh
# merge-fidelity.sh DOCDRIFT - a page in docdrift's house layout, merged with
# a copy of itself, comes back byte for byte: every table of
# fixtures/merge/house/ (captions with their markup, the documents' headers,
# simple and grid tables, the source's column widths, "200 OK" key cells).
set -u
# meson passes a path relative to the build directory: make it absolute first
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# The valgrind test setup sets DD_WRAP to put docdrift under valgrind.
DD_WRAP=${DD_WRAP:-}
cd "$(dirname "$0")/.." || exit 99
tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT
fail=0 n=0
for f in fixtures/merge/house/*; do
	fmt=${f##*.}
	n=$((n + 1))
	if ! $DD_WRAP "$exe" merge --to "$fmt" "$f" "$f" >"$tmp" 2>&1 || ! cmp -s "$tmp" "$f"; then
		echo "$f: merged with a copy of itself, it is not given back byte for byte:"
		diff -u "$f" "$tmp" | head -40
		fail=1
	fi
done
[ "$fail" = 0 ] && echo "$n pages given back byte for byte"
exit $fail
