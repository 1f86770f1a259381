#!/bin/sh
# report-fit.sh DOCDRIFT - the text report fits a terminal, measured:
#
#   - the seeds' summary and scorecard (-q) fit 80x24, and no line of the
#     whole report is over 80 columns (display columns: East Asian wide
#     characters count two);
#   - a crafted 60-variant family (tests/gen-family.py): no line over the
#     width at --width 40, 80 (no terminal) and 132, and the summary (what
#     comes before the scorecard) fits 24 lines at each; -q is the summary
#     and the scorecard only; the codes x variants matrix gives way to the
#     variants x codes one at 80 columns and to a note at 40, and --matrix
#     brings it back;
#   - on a terminal (script(1) with stty cols 100) the report takes the
#     terminal's width (40 on a narrower one), and -o FILE takes 80.
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# measure FILE WIDTH HEIGHT WHAT: no line wider than WIDTH; with HEIGHT, the
# lines before "Scorecard" (the summary) are at most HEIGHT, and without
# the blank line before it.
measure() {
	"$py" - "$@" <<'EOF' || fail=1
import sys, unicodedata
path, width, height, what = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def cols(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)
lines = open(path, encoding="utf-8").read().split("\n")[:-1]
wide = [(i + 1, cols(l)) for i, l in enumerate(lines) if cols(l) > width]
ok = True
if wide:
    print("%s: %d lines over %d columns, the first at line %d (%d columns)"
          % (what, len(wide), width, wide[0][0], wide[0][1]))
    ok = False
if "\x1f" in "".join(lines):
    print("%s: a glue character was left in the output" % what)
    ok = False
summary = lines.index("Scorecard (most out of line first)") - 1 if height else 0
if height and summary > height:
    print("%s: the summary is %d lines, over %d" % (what, summary, height))
    ok = False
print("%s: %d lines, the widest %d columns%s" % (what, len(lines), max((cols(l) for l in lines), default=0),
      ", summary %d lines" % summary if height else ""))
sys.exit(0 if ok else 1)
EOF
}

"$exe" diff -q fixtures/seeds/*.txt >"$tmp/seeds-q" 2>/dev/null
measure "$tmp/seeds-q" 80 24 "seeds -q"
n=$(wc -l <"$tmp/seeds-q")
if [ "$n" -gt 24 ]; then echo "seeds: summary and scorecard are $n lines, over 24"; fail=1; fi
"$exe" diff fixtures/seeds/*.txt >"$tmp/seeds" 2>/dev/null
measure "$tmp/seeds" 80 24 "seeds"

"$py" tests/gen-family.py 60 "$tmp/fam" || exit 99
for w in 40 80 132; do
	"$exe" diff --width "$w" "$tmp/fam" >"$tmp/fam-$w" 2>/dev/null
	measure "$tmp/fam-$w" "$w" 24 "60 variants, --width $w"
done
"$exe" diff "$tmp/fam" >"$tmp/fam-default" 2>/dev/null
cmp -s "$tmp/fam-default" "$tmp/fam-80" || { echo "no terminal: not the 80-column report"; fail=1; }
"$exe" diff -q "$tmp/fam" >"$tmp/fam-q" 2>/dev/null
n=$(wc -l <"$tmp/fam-q")
want=$(sed -n '/^Scorecard/,/^$/p' "$tmp/fam-80" | grep -c '^  [^ ]')
[ "$(sed -n '/^Scorecard/,$p' "$tmp/fam-q" | grep -c '^  [^ ]')" = "$want" ] && [ "$want" -ge 60 ] ||
	{ echo "-q: not one scorecard line per variant ($want)"; fail=1; }
grep -q '^Code \|^Variants\|^Matrix' "$tmp/fam-q" && { echo "-q: more than the summary and scorecard"; fail=1; }
grep -q '^Matrix, variants x codes' "$tmp/fam-80" || { echo "80 columns: no variants x codes matrix"; fail=1; }
grep -q '^Matrix: 60 variants x 41 codes do not' "$tmp/fam-40" ||
	{ echo "40 columns: no note for the matrix"; fail=1; }
"$exe" diff --matrix "$tmp/fam" >"$tmp/fam-matrix" 2>/dev/null
grep -q '^Matrix, codes x variants' "$tmp/fam-matrix" || { echo "--matrix: no codes x variants matrix"; fail=1; }
[ "$(grep -c '^  [0-9][0-9x][0-9x]  ' "$tmp/fam-matrix")" -ge 41 ] || { echo "--matrix: not a row per code"; fail=1; }

# a terminal of 100 columns (script(1) from util-linux gives the report a tty)
if command -v script >/dev/null 2>&1; then
	TERM=dumb script -qec "stty cols 100 rows 40; NO_COLOR=1 '$exe' diff '$tmp/fam' 2>/dev/null" /dev/null |
		tr -d '\r' >"$tmp/fam-tty"
	measure "$tmp/fam-tty" 100 24 "60 variants on a 100-column terminal"
	"$py" -c "import sys; sys.exit(0 if max(len(l) for l in open(sys.argv[1])) > 81 else 1)" "$tmp/fam-tty" ||
		{ echo "a 100-column terminal: the report did not use its width"; fail=1; }
	TERM=dumb script -qec "stty cols 30; NO_COLOR=1 '$exe' diff '$tmp/fam' 2>/dev/null" /dev/null |
		tr -d '\r' >"$tmp/fam-tty30"
	measure "$tmp/fam-tty30" 40 24 "60 variants on a 30-column terminal (the least width, 40)"
	TERM=dumb script -qec "stty cols 100; '$exe' diff -o '$tmp/fam-o' '$tmp/fam' 2>/dev/null" /dev/null >/dev/null
	cmp -s "$tmp/fam-o" "$tmp/fam-80" || { echo "-o FILE on a terminal: not the 80-column report"; fail=1; }
else
	echo "script(1) not found: the terminal-width check is skipped"
fi
exit $fail
