#!/bin/sh
# Configures build/ once, then compiles it: build/docdrift.
set -eu
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] || meson setup build >/dev/null
meson compile -C build >/dev/null
