#!/bin/sh
# fuzz/run.sh - the one way to run docdrift's fuzz targets (fuzz/README.md).
#
#   sh fuzz/run.sh run TARGET SECONDS [FLAG...]   fuzz TARGET for SECONDS on one core
#   sh fuzz/run.sh merge TARGET                   minimise fuzz/corpus/TARGET (-merge=1)
#   sh fuzz/run.sh smoke EXE TARGET SECONDS       the suite's short run (meson test)
#   sh fuzz/run.sh list                           the targets
#   sh fuzz/run.sh table                          fuzz/runs.tsv summed per target
#
# run and merge build build-fuzz/ first (clang, libFuzzer, release + ASan +
# UBSan) when it is missing. A run reads the kept corpus fuzz/corpus/TARGET/
# and the findings fuzz/regress/TARGET/ but writes only to
# fuzz/corpus-TARGET/ (ignored by git; merge folds it in), puts crashes in
# fuzz/artifacts/, and appends one line to fuzz/runs.tsv:
# date, target, seconds, executions, edges (cov), features (ft), result and
# DD_FUZZ_CODE (what was fuzzed, e.g. a commit). A run stopped by SIGINT
# counts, as result "interrupted". BUILD=DIR uses another build directory.
set -eu
here=$(pwd)
cd "$(dirname "$0")/.."

targets="rst_grid rst_flat rst_simple markdown html sniff roundtrip"

# -max_len per target: a few rows of its format, far more than any branch of
# its parser needs, so the time goes to many small inputs, not a few big ones.
max_len() {
	case $1 in
	rst_grid | markdown | html | sniff) echo 4096 ;;
	rst_flat | rst_simple) echo 2048 ;;
	roundtrip) echo 1024 ;;
	*) echo "fuzz/run.sh: unknown target '$1' (sh fuzz/run.sh list)" >&2; exit 2 ;;
	esac
}

flags() { # target: the flags every run of it uses
	echo "-max_len=$(max_len "$1") -dict=fuzz/dict/$1.dict -timeout=10 -rss_limit_mb=2048 -print_final_stats=1"
}

build() {
	BUILD=${BUILD:-build-fuzz}
	if [ ! -f "$BUILD/build.ninja" ]; then
		DD_EXTRA_PKGS="clang libclang-rt-14-dev" sh scripts/install-deps.sh
		CC=clang meson setup "$BUILD" -Dfuzz=true -Dbuildtype=release \
			-Db_sanitize=address,undefined -Db_lundef=false >/dev/null
	fi
	# DD_FUZZ_PREBUILT=1: run $BUILD as it is (a build of a fixed commit
	# can fuzz in the background while the tree is being edited)
	[ -n "${DD_FUZZ_PREBUILT:-}" ] || meson compile -C "$BUILD" "fuzz_$1" >/dev/null
	exe="$BUILD/fuzz/fuzz_$1"
}

regress() { # target: its findings' directory, when it has one
	[ -d "fuzz/regress/$1" ] && echo "fuzz/regress/$1" || true
}

# libFuzzer's last "#N DONE cov: C ft: F" / "Done N runs" lines -> "N C F"
figures() {
	runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$1" | tail -n 1)
	cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) .*/\1 \2/p' "$1" | tail -n 1)
	echo "${runs:-0} ${cov:-0 0}"
}

case ${1:-} in
list)
	for t in $targets; do echo "$t -max_len=$(max_len "$t")"; done
	;;
run)
	t=$2 secs=$3
	shift 3
	build "$t"
	mkdir -p "fuzz/corpus-$t" fuzz/artifacts
	log=fuzz/artifacts/$t.log
	status=0
	t0=$(date +%s)
	# shellcheck disable=SC2046
	"$exe" $(flags "$t") -max_total_time="$secs" -artifact_prefix="fuzz/artifacts/$t-" "$@" \
		"fuzz/corpus-$t" "fuzz/corpus/$t" $(regress "$t") >"$log" 2>&1 || status=$?
	secs=$(($(date +%s) - t0)) # what it ran, not what was asked: a finding stops it
	set -- $(figures "$log")
	result=none
	# SIGINT (kill -INT, ^C) ends a run cleanly: its figures count, and it found nothing
	if [ "$status" -ne 0 ] && grep -q '^==[0-9]*== libFuzzer: run interrupted' "$log"; then
		result=interrupted status=0
	elif [ "$status" -ne 0 ]; then
		cp "$log" "fuzz/artifacts/$t-$(date -u +%Y%m%dT%H%M%S).log"
		result="FINDING (fuzz/artifacts/)"
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$t" "$secs" "$1" "$2" \
		"$3" "$result" "${DD_FUZZ_CODE:-}" >>fuzz/runs.tsv
	tail -n 1 fuzz/runs.tsv
	[ "$status" -eq 0 ]
	;;
merge)
	t=$2
	build "$t"
	mkdir -p "fuzz/corpus-$t" "fuzz/corpus/$t" fuzz/artifacts
	new=$(mktemp -d)
	# -use_counters=0: keep an input for the edges it reaches, not for how
	# often it loops; the kept corpus stays small.
	# shellcheck disable=SC2046
	"$exe" $(flags "$t") -merge=1 -use_counters=0 -artifact_prefix="$new/crash-" "$new" \
		"fuzz/corpus/$t" "fuzz/corpus-$t" >fuzz/artifacts/merge.log 2>&1 ||
		{ tail -n 20 fuzz/artifacts/merge.log; rm -rf "$new"; exit 1; }
	# an input that crashes is left out of a merge without a word: stop
	if ls "$new" | grep -q '^crash-'; then
		mv "$new"/crash-* fuzz/artifacts/
		echo "$t: inputs that crash, now in fuzz/artifacts/: fix them first" >&2
		rm -rf "$new"
		exit 1
	fi
	rm -rf "fuzz/corpus/$t"
	mv "$new" "fuzz/corpus/$t"
	chmod 755 "fuzz/corpus/$t"
	echo "$t: $(ls "fuzz/corpus/$t" | wc -l) inputs, $(du -sk "fuzz/corpus/$t" | cut -f1) KiB"
	;;
smoke)
	exe=$2 t=$3 secs=$4
	case $exe in /*) ;; *) exe=$here/$exe ;; esac # meson gives it relative to the build
	src=$(pwd)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	status=0
	# shellcheck disable=SC2046
	(cd "$src" && "$exe" $(flags "$t") -max_total_time="$secs" -artifact_prefix="$tmp/" \
		"$tmp" "fuzz/corpus/$t" $(regress "$t")) >"$tmp/log" 2>&1 || status=$?
	set -- $(figures "$tmp/log")
	echo "$t: $1 executions in ${secs}s, cov $2, ft $3"
	if [ "$status" -ne 0 ]; then
		grep -v '^#' "$tmp/log" | tail -n 30
		for a in "$tmp"/crash-* "$tmp"/timeout-* "$tmp"/leak-* "$tmp"/oom-*; do
			[ -f "$a" ] && echo "finding: $(basename "$a") ($(wc -c <"$a") bytes)" && od -c "$a" | head -n 20
		done
		exit 1
	fi
	;;
table)
	# per target over every run of fuzz/runs.tsv (fuzz/README.md "Runs")
	echo '| target | runs | time | executions | exec/s | edges (cov) | features (ft) | findings |'
	echo '|---|---:|---:|---:|---:|---:|---:|---|'
	for t in $targets; do
		awk -F'\t' -v t="$t" '$2 == t { n++; s += $3; e += $4; if ($5 > c) c = $5; if ($6 > f) f = $6
				if ($7 != "none" && $7 != "interrupted") x = x $1 " " $7 "; " }
			END { if (n) printf "| %s | %d | %.1f h | %d | %d | %d | %d | %s |\n", t, n, s / 3600, e,
				s ? e / s : 0, c, f, x == "" ? "none" : x }' fuzz/runs.tsv
	done
	;;
*)
	sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
	exit 2
	;;
esac
