#!/bin/sh
# Hostile inputs and outputs (issue 13's robustness list), each checked for
# what a user must see: empty directories, -o onto a FIFO or /dev/stdout,
# signals during -o, an endless input, out of memory, entries that cannot
# be stat'ed, newlines and non-UTF-8 bytes in file names, 255-byte output names, a failed
# stdout write. Golden cases hold the rest (fixtures/errors/).
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# The valgrind test setup sets DD_WRAP to put docdrift under valgrind.
DD_WRAP=${DD_WRAP:-}
cd "$(dirname "$0")/.." || exit 99
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
doc=fixtures/reconcile/base1.md
bad() { echo "FAIL: $*"; fail=1; }
leftovers() { # dir: temporary output files left in it
	ls -A "$1" | grep '^\.docdrift-'
}

# 1. An empty directory, given or met while recursing (qsort(NULL, 0):
# UBSan stops the sanitizer build on it).
mkdir -p "$tmp/empty" "$tmp/tree/sub/empty"
cp "$doc" "$tmp/tree/sub/a.md"
$DD_WRAP "$exe" extract "$tmp/empty" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 0 ] && grep -q "no .rst .md .markdown .html .htm or .txt file in this directory \[DD-003\]" "$tmp/err" ||
	bad "empty directory: status $st, stderr: $(cat "$tmp/err")"
$DD_WRAP "$exe" extract --to tsv "$tmp/tree" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 0 ] && [ "$(wc -l <"$tmp/out")" = 7 ] && [ ! -s "$tmp/err" ] ||
	bad "empty directory met while recursing: status $st, stderr: $(cat "$tmp/err")"

# 2. -o onto a FIFO, a device or a symlink to one (/dev/stdout) is written
# through, not replaced by a regular file. (Only paths inside $tmp: a
# docdrift with the defect would replace /dev/stdout itself.)
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
$DD_WRAP "$exe" extract -o "$tmp/fifo" "$doc" 2>"$tmp/err"
st=$?
wait $reader
[ $st = 0 ] && [ -p "$tmp/fifo" ] && [ -s "$tmp/from-fifo" ] && [ -z "$(leftovers "$tmp")" ] ||
	bad "-o FIFO: status $st, still a FIFO: $([ -p "$tmp/fifo" ] && echo yes || echo no), stderr: $(cat "$tmp/err")"
ln -s /dev/stdout "$tmp/link"
$DD_WRAP "$exe" extract -o "$tmp/link" "$doc" >"$tmp/via-link" 2>"$tmp/err"
st=$?
[ $st = 0 ] && [ -L "$tmp/link" ] && cmp -s "$tmp/via-link" "$tmp/from-fifo" ||
	bad "-o symlink to /dev/stdout: status $st, still a link: $([ -L "$tmp/link" ] && echo yes || echo no), stderr: $(cat "$tmp/err")"
if mknod "$tmp/null" c 1 3 2>/dev/null; then # a character device (root only)
	$DD_WRAP "$exe" extract -o "$tmp/null" "$doc" 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && [ -c "$tmp/null" ] || bad "-o a character device: status $st, still a device: $([ -c "$tmp/null" ] && echo yes || echo no)"
fi

# 3. SIGINT, SIGTERM, SIGHUP during extract/tables -o: no FILE.docdrift-*
# left behind. docdrift blocks reading a FIFO on stdin with the temporary
# file open; the signal then comes at a known point. (env
# --default-signal: a background job of a script starts with SIGINT
# ignored, and docdrift leaves an ignored signal ignored.)
mkdir "$tmp/sig"
for cmd in extract tables; do
	for sig in INT TERM HUP; do
		rm -f "$tmp/in"
		mkfifo "$tmp/in"
		env --default-signal=INT,TERM,HUP $DD_WRAP "$exe" $cmd -o "$tmp/sig/out" - <"$tmp/in" 2>"$tmp/err" &
		pid=$!
		exec 3>"$tmp/in" # the writer: docdrift now waits for bytes
		printf '| Status Code | Name |\n|---|---|\n| 200 | OK |\n' >&3
		n=0 # until the temporary file is there, whatever its name
		while [ -z "$(ls -A "$tmp/sig")" ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n + 1)); done
		[ -n "$(leftovers "$tmp/sig")" ] || bad "$cmd -o: no .docdrift-* file while running: $(ls -A "$tmp/sig")"
		kill -s $sig $pid
		wait $pid 2>/dev/null
		st=$?
		exec 3>&-
		[ -z "$(ls -A "$tmp/sig")" ] && [ $st -gt 128 ] ||
			bad "$cmd -o killed by SIG$sig: status $st, left: $(ls -A "$tmp/sig")"
		rm -rf "$tmp/sig" && mkdir "$tmp/sig"
	done
done

# 8. An endless input is cut at DD_MAX_INPUT_BYTES (256 MiB) with DD-005;
# the files before it are still output.
$DD_WRAP "$exe" extract --to tsv "$doc" /dev/zero >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] && [ "$(wc -l <"$tmp/out")" = 7 ] &&
	grep -q "^/dev/zero: error: input is over the 256 MiB limit (DD_MAX_INPUT_BYTES); not read further \[DD-005\]$" "$tmp/err" ||
	bad "/dev/zero: status $st, stderr: $(cat "$tmp/err")"
truncate -s 300M "$tmp/huge.md"
$DD_WRAP "$exe" extract "$tmp/huge.md" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "huge.md: error: file of 314572800 bytes; the limit is 256 MiB (DD_MAX_INPUT_BYTES) \[DD-005\]$" "$tmp/err" ||
	bad "300 MB file: status $st, stderr: $(cat "$tmp/err")"

# 8. Out of memory is a message and exit 2, not a core dump, and a -o
# temporary file is removed. (Skipped where the address-space limit stops
# the program from starting at all: ASan, valgrind.)
truncate -s 200M "$tmp/big.md"
if [ -z "$DD_WRAP" ] && (ulimit -v 150000 && "$exe" --version) >/dev/null 2>&1; then
	mkdir "$tmp/oom"
	(ulimit -c 0 && ulimit -v 150000 && exec "$exe" extract -o "$tmp/oom/out.json" "$tmp/big.md") >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 2 ] && [ "$(cat "$tmp/err")" = "docdrift: error: out of memory" ] && [ -z "$(ls -A "$tmp/oom")" ] ||
		bad "out of memory: status $st, stderr: $(cat "$tmp/err"), left: $(ls -A "$tmp/oom")"
	# The same inside cmark-gfm, whose own allocator aborts: 10 MB that load
	# well within the limit, read by cmark-gfm whole (the fence keeps it off
	# the fast path) into a node per emphasis, hundreds of MB.
	python3 -c 'import sys
f = open(sys.argv[1], "w")
f.write("```\ncode\n```\n\n| Status Code | Name |\n|---|---|\n| 200 | OK |\n\n")
f.write(("*a* " * 25 + "\n") * 100000)' "$tmp/nodes.md"
	(ulimit -c 0 && ulimit -v 150000 && exec "$exe" extract -o "$tmp/oom/out.json" "$tmp/nodes.md") >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 2 ] && [ "$(cat "$tmp/err")" = "docdrift: error: out of memory" ] && [ -z "$(ls -A "$tmp/oom")" ] ||
		bad "out of memory in cmark-gfm: status $st, stderr: $(cat "$tmp/err"), left: $(ls -A "$tmp/oom")"
	rm -f "$tmp/nodes.md"
	# And inside jansson: a --reference JSON of 80,000 records (10 MB of text,
	# far more as jansson's objects); jansson's own allocator failing made it
	# "error: ; expected a JSON array of records" [DD-521].
	python3 -c 'import sys
desc = ",".join(["\"a\""] * 20)
rows = ("{\"key\":\"%03d\",\"name\":\"N\",\"description\":[%s]}" % (100 + i % 500, desc)
        for i in range(80000))
open(sys.argv[1], "w").write("[\n" + ",\n".join(rows) + "\n]\n")' "$tmp/ref.json"
	(ulimit -c 0 && ulimit -v 150000 && exec "$exe" merge --reference "$tmp/ref.json" "$doc") >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 2 ] && [ "$(cat "$tmp/err")" = "docdrift: error: out of memory" ] ||
		bad "out of memory in jansson: status $st, stderr: $(cat "$tmp/err")"
	rm -f "$tmp/ref.json"
fi
rm -f "$tmp/big.md" "$tmp/huge.md"

# 7. Entries that cannot be stat'ed while recursing are DD-001 errors: a
# path past PATH_MAX, and (as a user other than root) no search permission.
deep=$tmp/deep
mkdir "$deep"
# (python: the shell's cd gives up past PATH_MAX)
python3 -c 'import os, sys
os.chdir(sys.argv[1])
for _ in range(22):
    os.mkdir("0" * 200)
    os.chdir("0" * 200)
open("a.md", "w").write("| Status Code | Name |\n|---|---|\n| 200 | OK |\n")' "$deep"
$DD_WRAP "$exe" extract "$deep" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q "error: cannot open: File name too long \[DD-001\]" "$tmp/err" ||
	bad "a path past PATH_MAX while recursing: status $st, stderr: $(head -c 300 "$tmp/err")"
rm -rf "$deep"
mkdir -p "$tmp/locked/inner"
cp "$doc" "$tmp/locked/inner/a.md"
chmod 0644 "$tmp/locked/inner" # readable, not searchable
runas=""
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && runas="setpriv --reuid=65534 --regid=65534 --clear-groups"
chmod 0777 "$tmp"
# (not under valgrind: as that user it cannot write its log)
if [ -z "$DD_WRAP" ] && { [ "$(id -u)" != 0 ] || [ -n "$runas" ]; }; then
	$runas $DD_WRAP "$exe" extract "$tmp/locked" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 2 ] && grep -q "locked/inner/a.md: error: cannot open: Permission denied \[DD-001\]" "$tmp/err" ||
		bad "no search permission while recursing: status $st, stderr: $(cat "$tmp/err")"
fi
chmod 0755 "$tmp/locked/inner"
chmod 0700 "$tmp"

# 10. A newline in a file name is escaped in diagnostics and the report.
mkdir "$tmp/nl"
nl='a
b.md'
printf '| Status Code | Name |\n|---|---|\n| 200 | OK |\n| 200 | OK |\n' >"$tmp/nl/$nl"
cp "$doc" "$tmp/nl/base.md"
$DD_WRAP "$exe" diff -v "$tmp/nl" >"$tmp/out" 2>"$tmp/err"
grep -q "^\"$tmp/nl/a\\\\nb.md\":4:3: warning: status code 200 appears twice" "$tmp/err" ||
	bad "newline in a file name, diagnostic: $(cat "$tmp/err")"
# (the whole line: the label made from the name is escaped too, or the
# list and the scorecard break at it)
grep -q "^  1  generic:\"a\\\\nb\"  \"$tmp/nl/a\\\\nb.md\" (1 code)$" "$tmp/out" ||
	bad "newline in a file name, variant list: $(sed -n '/^Variants/,/^$/p' "$tmp/out")"
grep -q "^  generic:\"a\\\\nb\"  agrees on 1/6" "$tmp/out" ||
	bad "newline in a file name, scorecard: $(sed -n '/^Scorecard/,/^$/p' "$tmp/out")"

# A file name that is not UTF-8 keeps its "file" in the JSON, the bad byte
# as U+FFFD (jansson refused such a string, and the field went missing).
mkdir "$tmp/latin1"
cp "$doc" "$tmp/latin1/$(printf 'caf\351.md')"
cp "$doc" "$tmp/latin1/base.md"
$DD_WRAP "$exe" extract --to jsonl "$tmp/latin1" >"$tmp/out" 2>"$tmp/err"
grep -q "\"file\":\"$tmp/latin1/caf$(printf '\357\277\275').md\"" "$tmp/out" ||
	bad "a file name not in UTF-8, extract's JSON: $(head -1 "$tmp/out")"
$DD_WRAP "$exe" diff --to json "$tmp/latin1" >"$tmp/out" 2>"$tmp/err"
grep -q "\"file\": \"$tmp/latin1/caf$(printf '\357\277\275').md\"" "$tmp/out" ||
	bad "a file name not in UTF-8, the JSON report: $(grep -m3 '"file"' "$tmp/out")"

# 11. -o accepts every legal name: 255 bytes (NAME_MAX).
long=$(printf '%0251d' 0).md
$DD_WRAP "$exe" extract -o "$tmp/$long" "$doc" 2>"$tmp/err"
st=$?
[ $st = 0 ] && [ -s "$tmp/$long" ] || bad "-o with a 255-byte name: status $st, stderr: $(cat "$tmp/err")"

# A failed write to standard output names its reason.
if [ -w /dev/full ]; then
	$DD_WRAP "$exe" extract "$doc" >/dev/full 2>"$tmp/err"
	st=$?
	[ $st = 2 ] && grep -q "^docdrift: error: cannot write standard output: No space left on device \[DD-008\]$" "$tmp/err" ||
		bad "stdout onto /dev/full: status $st, stderr: $(cat "$tmp/err")"
fi

[ -z "$(leftovers "$tmp")" ] || bad "temporary files left: $(leftovers "$tmp")"
[ $fail = 0 ] && echo "hostile: ok"
exit $fail
