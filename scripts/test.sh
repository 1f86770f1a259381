#!/bin/sh
# The whole test suite: install what is missing, build with -Werror, run every
# test; then the same suite again in a release (-O3) build, whose optimiser
# sees warnings -O2 does not, and under ASan+UBSan. Where clang and its
# libFuzzer runtime are installed, every fuzz target also runs for a few
# seconds (build-fuzz/, suite fuzz-run; half a minute). With DD_VALGRIND=1
# the first build's suite also runs under valgrind (meson test --setup
# valgrind, a few minutes). The test-only tools (mandoc, the npm SARIF
# validator in build-tools/) are installed first. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
[ "${DD_VALGRIND:-}" = 1 ] && export DD_EXTRA_PKGS="valgrind"
sh scripts/install-deps.sh --test-tools || { echo "dependency install failed"; echo "0 passed, 1 failed"; exit 1; }
pass=0 fail=0
run_suite() { # builddir, meson options... (DD_SETUP: a test setup to run under;
	# DD_CC: the compiler; DD_SUITE: only that suite, building only DD_TARGETS)
	dir=$1; shift
	log=$dir.test${DD_SETUP:+-$DD_SETUP}.log
	if [ ! -d "$dir" ]; then
		${DD_CC:+env CC="$DD_CC"} meson setup "$dir" -Dwerror=true "$@" >"$dir.setup.log" 2>&1 ||
			{ cat "$dir.setup.log"; fail=$((fail + 1)); return; }
	fi
	# shellcheck disable=SC2086
	if ! meson compile -C "$dir" ${DD_TARGETS:-} >"$dir.compile.log" 2>&1; then
		cat "$dir.compile.log"; fail=$((fail + 1)); return
	fi
	meson test -C "$dir" --print-errorlogs --num-processes 2 ${DD_SETUP:+--setup "$DD_SETUP"} \
		${DD_SUITE:+--suite "$DD_SUITE" --no-rebuild} >"$log" 2>&1
	grep -E '^ *[0-9]+/[0-9]+ ' "$log" | grep -vE ' (OK|SKIP) ' || true
	ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log")
	bad=0
	for k in Fail 'Unexpected Pass' Timeout; do
		n=$(sed -n "s/^$k: *\([0-9]*\).*/\1/p" "$log")
		bad=$((bad + ${n:-0}))
	done
	xf=$(sed -n 's/^Expected Fail: *\([0-9]*\).*/\1/p' "$log")
	sk=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' "$log")
	if [ -z "$ok" ]; then
		tail -n 30 "$log"; fail=$((fail + 1)); return
	fi
	echo "$dir${DD_SETUP:+ ($DD_SETUP)}: ${ok} ok, ${xf:-0} expected failures, ${sk:-0} skipped, ${bad} failed"
	[ "$bad" -gt 0 ] && sed -n '/^Summary of Failures/,$p' "$log" | head -n 40
	pass=$((pass + ok + ${xf:-0}))
	fail=$((fail + bad))
}
run_suite build
run_suite build-release --buildtype=release
run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false
if command -v clang >/dev/null 2>&1 && probe=$(mktemp -d) &&
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >"$probe/p.c" &&
	clang -fsanitize=fuzzer "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
	DD_CC=clang DD_SUITE=fuzz-run DD_TARGETS="$(sh fuzz/run.sh list | sed 's/^\([^ ]*\).*/fuzz_\1/')" \
		run_suite build-fuzz -Dfuzz=true -Dbuildtype=release -Db_sanitize=address,undefined -Db_lundef=false
fi
rm -rf "${probe:-}"
[ "${DD_VALGRIND:-}" = 1 ] && DD_SETUP=valgrind run_suite build
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
