#!/bin/sh
# man.sh PAGE - docdrift(1) is clean mdoc: mandoc's linter has nothing to
# say at the warning level or above, and man(1)'s formatter renders it.
set -u
page=$1
command -v mandoc >/dev/null 2>&1 || { echo "SKIP: mandoc is not installed (sh scripts/install-deps.sh --test-tools)"; exit 77; }
out=$(mandoc -T lint -W warning "$page" 2>&1)
st=$?
if [ $st != 0 ] || [ -n "$out" ]; then
	echo "FAIL: mandoc -T lint -W warning $page (exit $st):"; echo "$out"
	exit 1
fi
lines=$(mandoc -T utf8 "$page" | wc -l)
[ "$lines" -gt 100 ] || { echo "FAIL: the page renders to $lines lines"; exit 1; }
echo "man: ok ($lines lines, lint clean)"
