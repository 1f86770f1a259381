#!/bin/sh
# Installs what docdrift needs to build and test on Debian 12, and only what is missing.
# With --test-tools, also the tools only the tests use: mandoc (the man page
# lint), python3-jsonschema (the flat findings against their JSON Schema),
# chromium and fonts (the HTML report rendered headless), a Java runtime
# if there is none (for the HTML validator), Node.js and npm from Debian if
# there is no node, and in build-tools/ (which git ignores) the npm packages
# @microsoft/sarif-multitool (the SARIF validator), vnu-jar (the Nu HTML
# checker, the W3C's HTML5 validator) and playwright-core (drives the Debian
# chromium; it downloads no browser). A test tool that cannot be installed is
# reported, not fatal: the test that needs it says why it skips
# (build-tools/install.log).
set -eu
cd "$(dirname "$0")/.."
pkgs="gcc pkg-config meson ninja-build libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
nettle-dev libinih-dev libutf8proc-dev libjansson-dev python3-docutils ${DD_EXTRA_PKGS:-}"
test_tools=0
[ "${1:-}" = --test-tools ] && test_tools=1
[ $test_tools = 1 ] && pkgs="$pkgs mandoc chromium fonts-dejavu-core python3-jsonschema"
[ $test_tools = 1 ] && ! command -v java >/dev/null 2>&1 && pkgs="$pkgs default-jre-headless"
[ $test_tools = 1 ] && ! command -v npm >/dev/null 2>&1 && pkgs="$pkgs nodejs npm"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
if [ -n "$missing" ]; then
	echo "installing:$missing" >&2
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
[ $test_tools = 1 ] || exit 0
# npm_tool PACKAGE VERSION: PACKAGE@VERSION in build-tools/ unless it is there
# already; 1 (after a warning) when npm could not install it.
npm_tool() {
	if grep -q "\"version\": \"$2\"" "build-tools/node_modules/$1/package.json" 2>/dev/null; then
		return 0
	fi
	mkdir -p build-tools
	if ! npm install --no-audit --no-fund --prefix build-tools "$1@$2" >>build-tools/install.log 2>&1; then
		echo "warning: npm could not install $1 (build-tools/install.log); the tests that need it will skip" >&2
		return 1
	fi
}
# The SARIF validator: a self-contained binary inside an npm package; it runs offline.
# npm 11 runs no install scripts unless allowed; the package's only one is this chmod.
tool=build-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
npm_tool @microsoft/sarif-multitool 5.7.0 && [ -f "$tool" ] && chmod u+x "$tool"
# The HTML report: validated by vnu.jar (runs offline on the Java runtime) and
# loaded in the Debian chromium through playwright-core (no browser download).
npm_tool vnu-jar 26.9.27 || true
npm_tool playwright-core 1.65.1 || true
exit 0
