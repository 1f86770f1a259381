#!/bin/sh
# Installs what docdrift needs to build and test on Debian 12, and only what is missing.
set -eu
pkgs="gcc pkg-config meson ninja-build libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev nettle-dev libinih-dev
libutf8proc-dev libjansson-dev python3-docutils ${DD_EXTRA_PKGS:-}"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "installing:$missing" >&2
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
