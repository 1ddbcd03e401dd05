#!/bin/sh
# The whole test suite built with AddressSanitizer and UndefinedBehavior-
# Sanitizer, in build-asan (or $1). Any sanitizer report fails the test
# that printed it: UBSan stops at its first report, ASan and LeakSanitizer
# at theirs (a leak at exit is exit status 23).
#
#   tests/sanitize.sh [BUILDDIR]
set -eu

cd "$(dirname "$0")/.."
build=${1:-build-asan}

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" -Db_sanitize=address,undefined -Db_lundef=false
fi
ninja -C "$build"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:print_summary=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1}"
# A sanitized build is a few times slower: give each test twice its time.
meson test -C "$build" --print-errorlogs --timeout-multiplier 3
