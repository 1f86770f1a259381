#!/bin/sh
# bench/run.sh - docdrift's throughput, memory and scaling in one run, beside
# cat, the Python peer, cmark-gfm and xmllint on the same files; prints the
# tables of bench/README.md (bench/report.py) with the command of each figure.
# Corpora come from ../shared/bench/gen-corpus.py (deterministic: the seed is
# the file count) into bench/out/ (ignored by git); records are checked
# against the generator's manifest, so speed is never bought by dropping rows.
# Usage: sh bench/run.sh [FILES...]   (default: 1000 10000; the last size's
# corpus gives the per-layout figures, the first one the peer's);
# BENCH_SHARED=DIR when ../shared/bench is elsewhere, BENCH_RUNS=N runs each.
# Needs python3, cmark-gfm and xmllint (Debian cmark-gfm, libxml2-utils);
# timing by bench/measure.py (wall, CPU, peak RSS of the process).
set -eu
cd "$(dirname "$0")/.."
shared=${BENCH_SHARED:-../shared/bench}   # gen-corpus.py and peer_reconcile.py
gen=$shared/gen-corpus.py
peer=$shared/peer_reconcile.py
out=bench/out
mkdir -p "$out"
[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release >/dev/null
meson compile -C build-release >/dev/null
dd=build-release/docdrift
sizes=${*:-1000 10000}
jobs=$(nproc)
res=$out/results.tsv
: >"$res"

# m KEY BYTES FILES CMD... : measure CMD (stdout to $out/last.out), one TSV row
m() {
	key=$1 bytes=$2 files=$3
	shift 3
	r=$(python3 bench/measure.py "$out/last.out" -- "$@")
	printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$bytes" "$files" "$r" "$*" >>"$res"
}
# the bytes and files of directory $1 (hard links counted once per name)
size() { find -L "$1" -type f -exec cat {} + | wc -c; }
count() { find -L "$1" -type f | wc -l; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$out/load.txt"
first=
for n in $sizes; do
	c=$out/c$n
	[ -d "$c" ] || python3 "$gen" --out "$c" --files "$n" --seed "$n" --manifest "$c.jsonl" >/dev/null
	b=$(size "$c")
	m "cat c$n" "$b" "$n" sh -c 'cat "$0"/*' "$c"
	m "extract -j 1 c$n" "$b" "$n" $dd extract -j 1 "$c"
	m "extract -j $jobs c$n" "$b" "$n" $dd extract -j "$jobs" "$c"
	m "extract -j $jobs --to jsonl c$n" "$b" "$n" $dd extract -j "$jobs" --to jsonl "$c"
	python3 bench/check-manifest.py "$c.jsonl" "$out/last.out" >"$out/c$n.check" || true
	m "diff -j 1 c$n" "$b" "$n" $dd diff -j 1 "$c"
	m "diff -j $jobs c$n" "$b" "$n" $dd diff -j "$jobs" "$c"
	m "diff -j $jobs --to json c$n" "$b" "$n" $dd diff -j "$jobs" --to json "$c"
	if [ -z "$first" ] && /usr/bin/python3 -c 'import docutils' 2>/dev/null; then
		BENCH_RUNS=1 m "peer c$n" "$b" "$n" /usr/bin/python3 "$peer" "$c"
	fi
	first=${first:-$n}
	last=$n
done

# per layout, one thread, on the last corpus: docdrift beside the libraries' own tools
c=$out/c$last
python3 bench/layouts.py "$c" "$c.jsonl"
for l in rst-grid rst-grid-wrap rst-flat rst-simple md-pipe md-html html; do
	d=$c-$l
	b=$(size "$d")
	k=$(count "$d")
	m "layout $l cat" "$b" "$k" sh -c 'cat "$0"/*' "$d"
	m "layout $l docdrift" "$b" "$k" $dd extract -j 1 --to tsv "$d"
	case $l in
	md-*)
		m "layout $l cmark-gfm -e table" "$b" "$k" sh -c 'cmark-gfm -e table "$0"/*' "$d"
		m "layout $l cmark-gfm" "$b" "$k" sh -c 'cmark-gfm "$0"/*' "$d" ;;
	esac
	case $l in
	md-html | html)
		m "layout $l xmllint --html" "$b" "$k" sh -c 'xmllint --html --noout "$0"/* 2>/dev/null' "$d" ;;
	esac
done

# one huge table per format: time and memory linear in its size
bg=$out/big
[ -d "$bg" ] || python3 "$gen" --out "$bg" --big --big-rows 1000,10000,100000 --seed 1 >/dev/null
for f in "$bg"/big_*; do
	m "big $(basename "$f" .txt)" "$(stat -c %s "$f")" 1 $dd extract -j 1 --to tsv "$f"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/load.txt"

python3 bench/report.py "$res" "$first" "$last" "$jobs"
cat "$out/load.txt"
for n in $sizes; do echo "manifest check c$n: $(head -n 1 "$out/c$n.check")"; done
