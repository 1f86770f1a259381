#!/bin/sh
# run-case.sh DOCDRIFT CASEDIR - one golden CLI case.
#
# CASEDIR/cmd     the arguments, one shell line, run from the source root
# CASEDIR/stdout  expected standard output        (compared exactly)
# CASEDIR/stderr  expected standard error          (compared exactly; absent = must be empty)
# CASEDIR/status  expected exit status            (absent = 0)
# With DD_REGEN=1 the expected files are rewritten from what the run gives:
# review them with `git diff` before committing.
set -u
# meson passes paths relative to the build directory: make them absolute first.
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# The valgrind test setup sets DD_WRAP to put docdrift under valgrind.
DD_WRAP=${DD_WRAP:-}
case_dir=$(cd "$2" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
args=$(cat "$case_dir/cmd")
stdin=/dev/null
[ -f "$case_dir/stdin" ] && stdin=$case_dir/stdin
eval "set -- $args"
$DD_WRAP "$exe" "$@" <"$stdin" >"$tmp/stdout" 2>"$tmp/stderr"
echo $? >"$tmp/status"
if [ "${DD_REGEN:-}" = 1 ]; then
	cp "$tmp/stdout" "$case_dir/stdout"
	if [ -s "$tmp/stderr" ]; then cp "$tmp/stderr" "$case_dir/stderr"; else rm -f "$case_dir/stderr"; fi
	if [ "$(cat "$tmp/status")" != 0 ]; then cp "$tmp/status" "$case_dir/status"; else rm -f "$case_dir/status"; fi
	exit 0
fi
fail=0
[ -f "$case_dir/status" ] && want=$(cat "$case_dir/status") || want=0
got=$(cat "$tmp/status")
if [ "$got" != "$want" ]; then
	echo "exit status: expected $want, got $got"
	fail=1
fi
diff -u "$case_dir/stdout" "$tmp/stdout" || fail=1
if [ -f "$case_dir/stderr" ]; then
	diff -u "$case_dir/stderr" "$tmp/stderr" || fail=1
elif [ -s "$tmp/stderr" ]; then
	echo "unexpected standard error:"; cat "$tmp/stderr"; fail=1
fi
exit $fail
