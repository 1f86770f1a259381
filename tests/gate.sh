#!/bin/sh
# gate.sh DOCDRIFT SCENARIO - the CI gate end to end, on a copy of the seeds
# in a temporary repository (a directory with .git). One scenario per run:
#   accept    baseline then check: exit 0, nothing new
#   edit      one description edited: exit 1 naming that code, file and line,
#             and only that finding as new; restored: exit 0
#   move      the edited table moved 20 lines down: the same findings
#   strict    a document deleted: its entries are fixed; check 0, --strict 1
#   broken    a truncated or hand-broken baseline, a broken config: exit 2
#             with file:line, nothing on stdout, no output file
#   failon    --fail-on and [severity] from .docdrift.ini, per level
#   suppress  a suppression with a reason suppresses; without one: exit 2
#   github    workflow commands: <= 10 errors + 10 warnings + a count notice;
#             escapes; the job summary
#   markdown  the pull-request comment stays under 65,536 characters
#   update    baseline --update: kept/added/dropped, notes kept
#   outputs   --to FMT=FILE: several reports at once, all or none
#   config    discovery from a subdirectory, paths relative to the file,
#             docdrift config's origins, [labels]
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
DD_WRAP=${DD_WRAP:-}
scenario=$2
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
repo=$tmp/repo
mkdir -p "$repo/.git" "$repo/docs"
cp "$root"/fixtures/seeds/*.txt "$repo/docs/"
cd "$repo" || exit 99
fail=0
dd() { $DD_WRAP "$exe" "$@"; }
no() { echo "FAIL: $*"; fail=1; }
# run CMD...: status in $st, stdout in $tmp/out, stderr in $tmp/err
run() { dd "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }
expect() { # status, what
	[ "$st" = "$1" ] || { no "$2: exit $st, expected $1"; sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -20; }
}
iam=docs/001_1b7a17603f135351.txt
# iam's 404: "cannot be found." -> "was not found." (same width: the grid stays whole)
edit() { sed -i '61s/resource cannot be found.  /resource was not found.    /' "$iam"; }

dd baseline docs 2>"$tmp/err" || { no "baseline failed"; cat "$tmp/err"; exit 1; }
grep -q '^docdrift-baseline.json: 108 findings accepted' "$tmp/err" || no "baseline message: $(cat "$tmp/err")"

case $scenario in
accept)
	run check docs
	expect 0 "check right after baseline"
	grep -q '0 new, 108 accepted, 0 suppressed, 0 fixed; passed' "$tmp/out" || no "summary: $(tail -1 "$tmp/out")"
	# the baseline is sorted, one entry per line
	[ "$(grep -c '^    {"fingerprint"' docdrift-baseline.json)" = 108 ] || no "not one entry per line"
	sed -n 's/^    {"fingerprint": "[0-9a-f]*", "code": "\([^"]*\)", "file": "\([^"]*\)".*/\2 \1/p' \
		docdrift-baseline.json >"$tmp/order"
	LC_ALL=C sort -s -k1,1 "$tmp/order" | cmp -s - "$tmp/order" || no "baseline not sorted by file"
	grep -q '"file": "docs/001_1b7a17603f135351.txt"' docdrift-baseline.json || no "file is not the repository-relative path"
	;;
edit)
	cp "$iam" "$tmp/orig"
	edit
	run check docs
	expect 1 "check after one edit"
	[ "$(grep -c '\[new ' "$tmp/out")" = 1 ] || no "expected exactly one new finding: $(grep '\[new ' "$tmp/out")"
	grep -q "^docs/001_1b7a17603f135351.txt:61:6: warning: iam's description of code 404 differs" "$tmp/out" ||
		no "the new finding does not name code 404 at $iam:61:6: $(head -1 "$tmp/out")"
	grep -q '1 new (1 warning), 108 accepted, 0 suppressed, 0 fixed; failed' "$tmp/out" || no "summary: $(tail -1 "$tmp/out")"
	cp "$tmp/orig" "$iam"
	run check docs
	expect 0 "check after restoring the file"
	;;
move)
	edit
	run check docs
	expect 1 "check after the edit"
	sed 's/:[0-9]*:[0-9]*:/:L:C:/' "$tmp/out" >"$tmp/before"
	line=$(sed -n 's/^docs\/001_1b7a17603f135351.txt:\([0-9]*\):.*/\1/p' "$tmp/out")
	# 20 lines of page text before the table's page title
	awk 'NR == 1 { for (i = 0; i < 20; i++) print "" } { print }' "$iam" >"$tmp/moved" && cp "$tmp/moved" "$iam"
	run check docs
	expect 1 "check after moving the table"
	sed 's/:[0-9]*:[0-9]*:/:L:C:/' "$tmp/out" | cmp -s - "$tmp/before" || no "moving the table changed the findings"
	grep -q "^docs/001_1b7a17603f135351.txt:$((line + 20)):" "$tmp/out" || no "line not moved by 20: $(head -1 "$tmp/out")"
	;;
strict)
	# a sixth page with two codes in the canonical wording: removing it
	# leaves every canonical choice as it was, so only its own entries
	# (its 40 missing codes) are fixed
	dd merge docs 2>/dev/null | sed -n '3,4p;/^| 404 /p;/^| 412 /p' >docs/zz-extra.md
	dd baseline docs 2>"$tmp/err"
	grep -q '^docdrift-baseline.json: 148 findings accepted' "$tmp/err" || no "baseline with the extra page: $(cat "$tmp/err")"
	rm docs/zz-extra.md
	run check docs
	expect 0 "check after deleting a document"
	grep -q '0 new, 108 accepted, 0 suppressed, 40 fixed; passed' "$tmp/out" || no "summary: $(tail -1 "$tmp/out")"
	run check --strict docs
	expect 1 "check --strict after deleting a document"
	[ "$(grep -c '^docdrift-baseline.json:[0-9]*: error: fixed: docs/zz-extra.md ' "$tmp/out")" = 40 ] ||
		no "--strict does not list the 40 fixed entries as errors"
	grep -q 'failed: 40 new at warning or above or fixed (--strict)' "$tmp/out" || no "summary: $(tail -1 "$tmp/out")"
	;;
broken)
	for case in truncated handbroken unknownkey; do
		case $case in
		truncated) head -c 700 docdrift-baseline.json >b.json ;;
		handbroken) sed '5s/"code": /"code" /' docdrift-baseline.json >b.json ;;
		unknownkey) sed '6s/"class":/"klass":/' docdrift-baseline.json >b.json ;;
		esac
		run check --baseline b.json --to sarif=out.sarif docs
		expect 2 "$case baseline"
		grep -Eq '^b\.json:[0-9]+:[0-9]+: error: .*\[DD-601\]$' "$tmp/err" || no "$case baseline: no file:line:col: $(cat "$tmp/err")"
		[ -s "$tmp/out" ] && no "$case baseline: stdout written"
		[ -e out.sarif ] && no "$case baseline: out.sarif written"
	done
	grep -q '^b.json:6:5: error: baseline entry 3: "klass" is not a baseline key' "$tmp/err" || no "unknown key position: $(cat "$tmp/err")"
	run check --baseline none.json docs
	expect 2 "missing baseline"
	grep -q "^none.json: error: cannot read the baseline" "$tmp/err" || no "missing baseline: $(cat "$tmp/err")"
	printf 'fail-on = warning\n[severity]\nrewording = loud\nnoeq\n' >.docdrift.ini
	run check --to json=out.json docs
	expect 2 "broken config"
	grep -q "^.docdrift.ini:3:1: error: \[severity\] rewording: 'loud' is not a level" "$tmp/err" || no "bad value: $(cat "$tmp/err")"
	grep -q "^.docdrift.ini:4:1: error: not a key = value line" "$tmp/err" || no "syntax error: $(cat "$tmp/err")"
	[ -s "$tmp/out" ] && no "broken config: stdout written"
	[ -e out.json ] && no "broken config: out.json written"
	printf 'colour = red\n' >.docdrift.ini
	run check docs
	expect 2 "unknown key"
	grep -q "^.docdrift.ini:1:1: error: unknown key 'colour'" "$tmp/err" || no "unknown key: $(cat "$tmp/err")"
	;;
failon)
	edit # one new substitution (a warning)
	for lv in "error 0" "warning 1" "note 1" "none 0"; do
		set -- $lv
		run check --fail-on "$1" docs
		expect "$2" "--fail-on $1 with a new warning"
	done
	for cfg in "substitution=error fail-on=error 1" "substitution=note fail-on=warning 0" \
		"substitution=note fail-on=note 1" "substitution=none fail-on=note 0"; do
		set -- $cfg
		printf 'fail-on = %s\n[severity]\n%s\n' "${2#fail-on=}" "$(echo "$1" | sed 's/=/ = /')" >.docdrift.ini
		run check docs
		expect "$3" ".docdrift.ini with $1, $2"
	done
	# the command line wins over the file
	run check --fail-on error docs
	expect 0 "--fail-on error over fail-on = note"
	# an error-level new finding: a missing code fails even with --fail-on error
	rm .docdrift.ini
	sed -i '/^| 404 /d' docs/002_4c25b561525d1b26.txt
	run check --fail-on error docs
	expect 1 "a missing code with --fail-on error"
	grep -q "error: generic has no row for code 404" "$tmp/out" || no "missing code not an error: $(grep 404 "$tmp/out")"
	;;
suppress)
	edit
	printf '[suppress iam-404]\ncode = 404\nvariant = docs/001_*\nclass = substitution\nreason = iam says it its own way; DOC-12\n' >.docdrift.ini
	run check docs
	expect 0 "check with the new finding suppressed"
	grep -q '0 new, 108 accepted, 1 suppressed, 0 fixed; passed' "$tmp/out" || no "summary: $(tail -1 "$tmp/out")"
	grep -q "^.docdrift.ini:1: note: \[suppress iam-404\] suppressed 1 finding: iam says it its own way; DOC-12" "$tmp/out" ||
		no "suppression not reported: $(cat "$tmp/out")"
	dd check --to json docs 2>/dev/null | grep -q '"baseline": "suppressed"' || no "JSON has no suppressed finding"
	printf '[suppress iam-404]\ncode = 404\nclass = substitution\n' >.docdrift.ini
	run check docs
	expect 2 "a suppression without a reason"
	grep -q "^.docdrift.ini:1:1: error: \[suppress iam-404\] has no reason" "$tmp/err" || no "no reason: $(cat "$tmp/err")"
	printf '[suppress stale]\ncode = 999\nreason = gone\n' >.docdrift.ini
	run check docs
	grep -q "^.docdrift.ini:1:1: warning: \[suppress stale\] matches no finding" "$tmp/err" || no "unused suppression not warned: $(cat "$tmp/err")"
	;;
github)
	# 108 findings (1 error, 98 warnings, 9 notes) against an empty baseline
	printf '{\n  "schema": "docdrift-baseline/1",\n  "findings": []\n}\n' >empty.json
	GITHUB_STEP_SUMMARY=$tmp/summary run check --baseline empty.json --to github docs
	expect 1 "check --to github"
	e=$(grep -c '^::error ' "$tmp/out"); w=$(grep -c '^::warning ' "$tmp/out"); n=$(grep -c '^::notice ' "$tmp/out")
	[ "$e" -le 10 ] && [ "$w" -le 10 ] && [ "$n" -le 10 ] || no "too many annotations: $e errors, $w warnings, $n notices"
	[ "$w" = 10 ] && [ "$e" = 1 ] || no "expected the 1 error and 10 warnings: $e, $w"
	head -1 "$tmp/out" | grep -q '^::error file=docs/001_1b7a17603f135351.txt,title=docdrift%3A 200%3A missing::' || no "most severe not first: $(head -1 "$tmp/out")"
	grep -q '^::notice title=docdrift::88 more findings not annotated (0 errors, 88 warnings, 0 notes)' "$tmp/out" ||
		no "no count notice: $(grep notice "$tmp/out")"
	grep '^::warning ' "$tmp/out" | grep -q '%0A' || no "message newline not escaped as %0A"
	grep -q '^### docdrift check: failed' "$tmp/summary" || no "no job summary"
	grep -q '^| new | 1 | 98 | 9 |' "$tmp/summary" || no "summary counts: $(grep '^|' "$tmp/summary")"
	;;
markdown)
	# 40 variants that reword every description: thousands of findings
	for i in $(seq 10 49); do
		sed "s/\bthe\b/t$i/g" docs/004_630f8735e6e5ec51.txt >"docs/v$i.txt"
	done
	run check --no-baseline --to markdown docs
	expect 1 "check --to markdown"
	size=$(wc -m <"$tmp/out")
	[ "$size" -lt 65536 ] || no "markdown comment of $size characters"
	grep -Eq '^_[0-9]+ more findings not shown here' "$tmp/out" || no "no truncation line"
	;;
update)
	edit
	# a note the team wrote stays
	sed -i '4s/"class": /"note": "known", "class": /' docdrift-baseline.json
	run baseline --update docs
	expect 0 "baseline --update"
	grep -q '^docdrift-baseline.json: 108 kept, 0 added, 0 dropped (new findings not added' "$tmp/err" || no "update message: $(cat "$tmp/err")"
	grep -q '"note": "known"' docdrift-baseline.json || no "note dropped"
	run baseline --update --accept-new docs
	grep -q '^docdrift-baseline.json: 108 kept, 1 added, 0 dropped$' "$tmp/err" || no "accept-new message: $(cat "$tmp/err")"
	run check docs
	expect 0 "check after --accept-new"
	;;
outputs)
	edit
	run check --to sarif=r.sarif --to json=r.json --to markdown=r.md docs
	expect 1 "check with three reports"
	for f in r.sarif r.json r.md; do [ -s "$f" ] || no "$f not written"; done
	python3 -c 'import json,sys; [json.load(open(f)) for f in sys.argv[1:]]' r.sarif r.json || no "a JSON report does not parse"
	grep -q '"baseline": "new"' r.json || no "r.json has no new finding"
	run check --to sarif=r.sarif --to json=r.sarif docs
	expect 2 "two reports to one file"
	if ls | grep -q ddtmp; then no "temporary file left behind"; fi
	;;
config)
	mkdir -p sub/deeper
	printf 'input = docs\nbaseline = gate/accepted.json\nfail-on = error\n[labels]\nseed-css = docs/000_*\n' >.docdrift.ini
	mkdir gate
	(cd sub/deeper && dd baseline 2>"$tmp/err") || no "baseline from a subdirectory: $(cat "$tmp/err")"
	[ -s gate/accepted.json ] || no "baseline not written where the config says"
	(cd sub/deeper && dd check >"$tmp/out" 2>&1) || no "check from a subdirectory: $(cat "$tmp/out")"
	(cd sub/deeper && dd config >"$tmp/out" 2>&1)
	grep -q '^config file        ../../.docdrift.ini (found from the working directory up)' "$tmp/out" || no "config file: $(head -1 "$tmp/out")"
	grep -Eq '^baseline +../../gate/accepted.json +../../.docdrift.ini:2$' "$tmp/out" || no "baseline origin: $(grep baseline "$tmp/out")"
	grep -Eq '^fail-on +error +../../.docdrift.ini:3$' "$tmp/out" || no "fail-on origin: $(grep fail-on "$tmp/out")"
	(cd sub/deeper && dd config --fail-on note >"$tmp/out" 2>&1)
	grep -Eq '^fail-on +note +command line$' "$tmp/out" || no "command-line origin: $(grep fail-on "$tmp/out")"
	grep -Eq '^  rewording +warning +default$' "$tmp/out" || no "default origin: $(grep rewording "$tmp/out")"
	dd diff 2>/dev/null | grep -q 'seed-css ' || no "[labels] not applied"
	(cd sub && dd --help >/dev/null)
	run check --no-config docs
	expect 0 "--no-config"
	grep -q 'passed (fail-on warning)' "$tmp/out" || no "--no-config read the config: $(tail -1 "$tmp/out")"
	;;
*)
	echo "unknown scenario $scenario"; exit 99 ;;
esac
[ $fail = 0 ] && echo "gate/$scenario: ok"
exit $fail
