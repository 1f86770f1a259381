#!/bin/sh
# -o FILE: the file holds exactly what stdout would; a file that cannot be
# created is exit 2 with a message; no temporary is left behind.
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# The valgrind test setup sets DD_WRAP to put docdrift under valgrind.
DD_WRAP=${DD_WRAP:-}
cd "$(dirname "$0")/.." || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
seeds="fixtures/seeds/000_712c53966bc0e2d0.txt fixtures/seeds/001_1b7a17603f135351.txt"
for cmd in "extract" "extract --to rst" "tables" "diff --to json" "merge --to csv"; do
	# shellcheck disable=SC2086
	$DD_WRAP "$exe" $cmd $seeds >"$tmp/stdout" 2>/dev/null
	want=$?
	# shellcheck disable=SC2086
	$DD_WRAP "$exe" $cmd -o "$tmp/out" $seeds >"$tmp/empty" 2>/dev/null
	got=$?
	if [ "$got" != "$want" ] || ! cmp -s "$tmp/stdout" "$tmp/out" || [ -s "$tmp/empty" ]; then
		echo "FAIL: $cmd -o: status $got (want $want), or file differs from stdout, or stdout not empty"
		fail=1
	fi
	rm -f "$tmp/out"
done
(umask 022 && $DD_WRAP "$exe" extract -o "$tmp/mode.json" $seeds 2>/dev/null)
if [ "$(stat -c %a "$tmp/mode.json")" != 644 ]; then
	echo "FAIL: -o file mode $(stat -c %a "$tmp/mode.json"), expected 644 under umask 022"
	fail=1
fi
$DD_WRAP "$exe" extract -o "$tmp/no/such/dir/out.json" $seeds >/dev/null 2>"$tmp/err"
st=$?
if [ "$st" != 2 ] || ! grep -q "cannot create output" "$tmp/err"; then
	echo "FAIL: -o into a missing directory: status $st, stderr: $(cat "$tmp/err")"
	fail=1
fi
# --color=auto colours a terminal, never a -o file: run under a pseudo-terminal
if command -v script >/dev/null 2>&1; then
	script -qec "'$exe' diff -o '$tmp/color.txt' $seeds" /dev/null >"$tmp/tty" 2>&1
	if [ ! -s "$tmp/color.txt" ] || grep -q "$(printf '\033')" "$tmp/color.txt"; then
		echo "FAIL: diff -o from a terminal: file missing or holds colour codes"
		fail=1
	fi
	script -qec "'$exe' diff $seeds" /dev/null >"$tmp/tty" 2>&1
	if ! grep -q "$(printf '\033')" "$tmp/tty"; then
		echo "FAIL: diff on a terminal is not coloured (the check above proves nothing)"
		fail=1
	fi
fi
if ls -A "$tmp" | grep -q "^\.docdrift-"; then
	echo "FAIL: temporary file left behind"; fail=1
fi
[ $fail = 0 ] && echo "output-file: ok"
exit $fail
