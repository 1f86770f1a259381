#!/bin/sh
# The layout's rules, checked: every folder of src/ and parsers/ has one
# interface header (the rest end in _internal.h); no file of another folder
# (src/, parsers/, fuzz/) includes a folder's internal header (tests/unit
# may: they test internals); no .c file but parsers/html.c is over 750 lines.
set -u
cd "$(dirname "$0")/.." || exit 99
fail=0
for d in src/*/ parsers/; do
	d=${d%/}
	n=$(find "$d" -maxdepth 1 -name '*.h' ! -name '*_internal.h' | wc -l)
	if [ "$n" -ne 1 ]; then
		echo "$d: $n interface headers (expected one; others end in _internal.h):"
		find "$d" -maxdepth 1 -name '*.h' ! -name '*_internal.h'
		fail=1
	fi
done
for f in $(find src parsers fuzz -name '*.[ch]'); do
	dir=$(dirname "$f")
	grep -o '#include "[^"]*_internal\.h"' "$f" | sed 's/#include "\(.*\)"/\1/' | while read -r inc; do
		case $inc in
		*/*) owner=$(dirname "$inc") ;;
		*) owner=${dir#src/} ;;
		esac
		here=${dir#src/}
		if [ "$owner" != "$here" ]; then
			echo "$f includes $inc, internal to $owner/"
			exit 1
		fi
	done || fail=1
done
for f in $(find src parsers -name '*.c' ! -path parsers/html.c); do
	n=$(wc -l <"$f")
	if [ "$n" -gt 750 ]; then
		echo "$f: $n lines; split it along its sections (at most 750)"
		fail=1
	fi
done
exit $fail
