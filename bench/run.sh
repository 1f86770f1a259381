#!/bin/sh
# bench/run.sh - docdrift's throughput, peak memory and scaling, beside the
# Python peer, on corpora from ../shared/bench/gen-corpus.py (deterministic).
# Records are checked against the generator's manifest: speed never bought by
# dropping rows. Usage: sh bench/run.sh [FILES...]   (default: 1000 10000)
set -eu
cd "$(dirname "$0")/.."
gen=../shared/bench/gen-corpus.py
peer=../shared/bench/peer_reconcile.py
out=bench/out
mkdir -p "$out"
sh scripts/build.sh
[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release >/dev/null
meson compile -C build-release >/dev/null
dd=build-release/docdrift
sizes=${*:-1000 10000}
jobs=$(nproc)

row() { # label files bytes "secs kib rc"
	set -- "$1" "$2" "$3" $4
	awk -v l="$1" -v f="$2" -v b="$3" -v s="$4" -v k="$5" 'BEGIN {
		printf "| %-34s | %7d | %8.1f | %7.3f | %8.1f | %9.0f | %8.1f |\n",
		       l, f, b / 1e6, s, (s > 0 ? b / 1e6 / s : 0), (s > 0 ? f / s : 0), k / 1024 }'
}
echo "| run | files | MB | seconds | MB/s | files/s | peak MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
	c=$out/c$n
	[ -d "$c" ] || python3 "$gen" --out "$c" --files "$n" --seed "$n" --manifest "$c.jsonl" >/dev/null
	bytes=$(du -sb "$c" | cut -f1)
	r=$(python3 bench/measure.py "$out/c$n.records" -- $dd extract -j 1 --to jsonl "$c")
	row "docdrift extract -j 1 c$n" "$n" "$bytes" "$r"
	r=$(python3 bench/measure.py "$out/c$n.records" -- $dd extract -j "$jobs" --to jsonl "$c")
	row "docdrift extract -j $jobs c$n" "$n" "$bytes" "$r"
	python3 bench/check-manifest.py "$c.jsonl" "$out/c$n.records" >"$out/c$n.check" || true
	r=$(python3 bench/measure.py "$out/c$n.diff" -- $dd diff -j 1 --to json "$c")
	row "docdrift diff -j 1 --to json c$n" "$n" "$bytes" "$r"
	r=$(python3 bench/measure.py "$out/c$n.diff" -- $dd diff -j "$jobs" --to json "$c")
	row "docdrift diff -j $jobs --to json c$n" "$n" "$bytes" "$r"
	if [ "$n" -le 1000 ] && /usr/bin/python3 -c 'import docutils' 2>/dev/null; then
		r=$(BENCH_RUNS=1 python3 bench/measure.py "$out/c$n.peer" -- /usr/bin/python3 "$peer" "$c")
		row "peer_reconcile.py c$n" "$n" "$bytes" "$r"
	fi
done
b=$out/big
[ -d "$b" ] || python3 "$gen" --out "$b" --big --big-rows 1000,10000,100000 --seed 1 >/dev/null
for f in "$b"/big_*.txt; do
	bytes=$(stat -c %s "$f")
	r=$(python3 bench/measure.py "$out/big.records" -- $dd extract -j 1 --to jsonl "$f")
	row "extract $(basename "$f" .txt)" 1 "$bytes" "$r"
done
echo
for n in $sizes; do echo "manifest check c$n: $(head -n 1 "$out/c$n.check")"; done
