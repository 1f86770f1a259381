#!/bin/sh
# Installs what docdrift needs to build and test on Debian 12, and only what is missing.
# With --test-tools, also the tools only the tests use: mandoc (the man page
# lint), Node.js and npm from Debian if there is no node, and npm's
# @microsoft/sarif-multitool (the SARIF validator) in build-tools/, which git
# ignores. A test tool that cannot be installed is reported, not fatal: the
# test that needs it says why it skips (build-tools/install.log).
set -eu
cd "$(dirname "$0")/.."
pkgs="gcc pkg-config meson ninja-build libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
nettle-dev libinih-dev libutf8proc-dev libjansson-dev python3-docutils ${DD_EXTRA_PKGS:-}"
test_tools=0
[ "${1:-}" = --test-tools ] && test_tools=1
[ $test_tools = 1 ] && pkgs="$pkgs mandoc"
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
# The SARIF validator: a self-contained binary inside an npm package; it runs offline.
sarif_version=5.7.0
tool=build-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$tool" ] || ! grep -q "\"version\": \"$sarif_version\"" \
	build-tools/node_modules/@microsoft/sarif-multitool/package.json 2>/dev/null; then
	mkdir -p build-tools
	if ! npm install --no-audit --no-fund --prefix build-tools \
		"@microsoft/sarif-multitool@$sarif_version" >build-tools/install.log 2>&1; then
		echo "warning: npm could not install @microsoft/sarif-multitool (build-tools/install.log);" \
			"the SARIF validation test will skip" >&2
		exit 0
	fi
	# npm 11 runs no install scripts unless allowed; the package's only one is this chmod
	[ -f "$tool" ] && chmod u+x "$tool"
fi
exit 0
