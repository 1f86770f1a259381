#!/bin/sh
# -j N: the same output, diagnostics and exit status whatever the number of
# threads (files are parsed on them and taken in input order; diff and merge
# reconcile their codes on them). Runs over every fixture, errors included,
# so results of all kinds are interleaved across threads; the fixtures'
# status-code and error-code tables (111 variants, 44 status codes, a
# systematic substitution) give the reconciliation many codes to share out.
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# The valgrind test setup sets DD_WRAP to put docdrift under valgrind.
DD_WRAP=${DD_WRAP:-}
cd "$(dirname "$0")/.." || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
for cmd in "extract" "extract --to tsv" "extract --to rst" "tables" "diff --to json" \
           "merge --to md" "extract -v" "diff" "diff --matrix --width 200" \
           "diff --reference iana --to json" "merge --to json" "merge --reference iana"; do
	# shellcheck disable=SC2086
	$DD_WRAP "$exe" $cmd -j 1 fixtures no-such-dir >"$tmp/out1" 2>"$tmp/err1"
	want=$?
	for j in 2 3 8; do
		# shellcheck disable=SC2086
		$DD_WRAP "$exe" $cmd -j $j fixtures no-such-dir >"$tmp/out" 2>"$tmp/err"
		got=$?
		if [ "$got" != "$want" ] || ! cmp -s "$tmp/out1" "$tmp/out" || ! cmp -s "$tmp/err1" "$tmp/err"; then
			echo "FAIL: $cmd -j $j differs from -j 1 (status $got, want $want)"
			fail=1
		fi
	done
	if [ ! -s "$tmp/out1" ] || [ "$want" != 2 ] || ! grep -q "no-such-dir" "$tmp/err1"; then
		echo "FAIL: $cmd -j 1: expected output, exit 2 and a message for no-such-dir"
		fail=1
	fi
done
$DD_WRAP "$exe" extract -j 0 fixtures >/dev/null 2>"$tmp/err"
if [ $? != 2 ] || ! grep -q "bad --jobs '0'" "$tmp/err"; then
	echo "FAIL: -j 0 is not refused"
	fail=1
fi
exit $fail
