#!/bin/sh
# html.sh DOCDRIFT OUTDIR - the HTML report (diff --to html), checked:
#
#   - it is valid HTML5: the Nu Html Checker (npm vnu-jar, on the Java
#     runtime) reports no error and no warning, for the seeds and for a
#     crafted 50-variant family (tests/gen-family.py);
#   - it is self-contained: no src=, href= or url() that leaves the page;
#   - text is escaped: a document whose cells hold <script>, & and quotes
#     comes out with them as text;
#   - loaded from its file in headless Chromium (tests/html-report.js, Debian
#     chromium through npm playwright-core): the DOM holds every finding of
#     the same run's JSON report, the filters hide what they should, nothing
#     is fetched, deletions are struck through and insertions underlined;
#   - screenshots of both pages, on screen and as printed, are left in
#     OUTDIR (seeds.png, seeds-print.png, family-50.png, family-50-print.png)
#     for a person to look at.
# The tools come from scripts/install-deps.sh --test-tools; without them the
# checks that need them skip, saying why (exit 77 when all of them did).
set -u
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 99
mkdir -p "$out" || exit 99
out=$(cd "$out" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0 ran=0
py=/usr/bin/python3
[ -x "$py" ] || py=python3

"$py" tests/gen-family.py 50 "$tmp/family" || exit 99
"$exe" diff --to html="$out/seeds.html" --to json="$tmp/seeds.json" fixtures/seeds/*.txt \
	>/dev/null 2>&1
"$exe" diff --to html="$out/family-50.html" --to json="$tmp/family-50.json" "$tmp/family" \
	>/dev/null 2>&1
for p in seeds family-50; do
	[ -s "$out/$p.html" ] || { echo "$p: no HTML written"; exit 1; }
	# self-contained: every src/href is a fragment, and no url() or @import
	if grep -Eo '(src|href)="[^#"][^"]*"|url\(|@import' "$out/$p.html" | head -3 | grep .; then
		echo "$p: the page refers to something outside itself"
		fail=1
	fi
done

# escaping: markup in a cell is text in the page
cat >"$tmp/evil-a.md" <<'EOF'
| Status Code | Message | Description |
|---|---|---|
| 200 | OK | Use `<script>alert("x")</script>` & 'quotes' |
| 404 | Not Found | Gone. |
EOF
sed 's/Gone\./Gone <b>"for good"<\/b> \&amp; more./; s/quotes/"quotes"/' "$tmp/evil-a.md" >"$tmp/evil-b.md"
"$exe" diff --to html --label "a<i>=$tmp/evil-a.md" --label "b\"&'=$tmp/evil-b.md" "$tmp/evil-a.md" \
	"$tmp/evil-b.md" \
	>"$tmp/evil.html" 2>"$tmp/evil.err"
if grep -q '<script>alert\|<b>\|<i>' "$tmp/evil.html"; then
	echo "escaping: markup from the documents is in the page as markup"
	grep -n '<script>alert\|<b>\|<i>' "$tmp/evil.html" | head -3
	fail=1
fi
grep -q '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;' "$tmp/evil.html" ||
	{ echo "escaping: the <script> text is not in the page"; cat "$tmp/evil.err"; fail=1; }

vnu=build-tools/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$vnu" ] && command -v java >/dev/null 2>&1; then
	ran=1
	if ! java -jar "$vnu" --Werror "$out/seeds.html" "$out/family-50.html" "$tmp/evil.html" \
		>"$tmp/vnu.log" 2>&1; then
		echo "the Nu Html Checker finds fault:"
		head -20 "$tmp/vnu.log"
		fail=1
	else
		echo "vnu: seeds.html, family-50.html and the escaping page are valid HTML5"
	fi
else
	echo "skip: no vnu.jar or java (sh scripts/install-deps.sh --test-tools)"
fi

pw=build-tools/node_modules
if [ -d "$pw/playwright-core" ] && [ -x /usr/bin/chromium ] && command -v node >/dev/null 2>&1; then
	ran=1
	node tests/html-report.js "$pw" "$out/seeds.html" "$tmp/seeds.json" "$out/seeds.png" \
		--filters || fail=1
	node tests/html-report.js "$pw" "$out/family-50.html" "$tmp/family-50.json" \
		"$out/family-50.png" --filters || fail=1
else
	echo "skip: no playwright-core, chromium or node (sh scripts/install-deps.sh --test-tools)"
fi
[ $fail = 0 ] && [ $ran = 0 ] && exit 77
exit $fail
