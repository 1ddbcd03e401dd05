#!/bin/sh
# valgrind memcheck over the real binary reading real mail: every field of
# every message (tests/lua/read_every_field.lua) of the kvm bundle, cloned
# into a temporary directory, and of the example mbox, and the bundled
# digest over the bundle. Fails on any memcheck error and on any block
# definitely lost. What GLib, GMime and libgit2 allocate once and keep
# (type system, charset tables, libgit2's TLS certificates) is "still
# reachable" and needs no suppression.
#
#   tests/valgrind.sh [BUILDDIR]
#
# BUILDDIR is a build without sanitizers (build-valgrind by default, set
# up when missing); the bundle is ../shared/data/kvm-2025-10-reference.bundle
# or $PATCHLORE_DATA/kvm-2025-10-reference.bundle; without it only the
# example mbox is read (the bundle's runs are skipped, with a message, as
# the real-archive tests do).
set -eu

cd "$(dirname "$0")/.."
build=${1:-build-valgrind}
data=${PATCHLORE_DATA:-$(pwd)/../shared/data}
bundle=$data/kvm-2025-10-reference.bundle

if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build"
fi
ninja -C "$build" patchlore
sanitize=$(python3 -c 'import json, sys
print(next(o["value"] for o in json.load(open(sys.argv[1])) if o["name"] == "b_sanitize"))' \
  "$build/meson-info/intro-buildoptions.json")
if [ "$sanitize" != none ]; then
  echo "valgrind.sh: $build is built with -Db_sanitize=$sanitize; valgrind needs a build without" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# GLib's slice allocator and its non-zeroed frees would hide blocks from
# memcheck (GLib 2.74; later versions ignore G_SLICE).
export G_SLICE=always-malloc G_DEBUG=gc-friendly

failed=0
run() {
  echo "+ valgrind patchlore $*"
  if ! valgrind --leak-check=full --errors-for-leak-kinds=definite \
      --error-exitcode=1 --num-callers=30 --log-file="$tmp/memcheck.log" \
      "$build/patchlore" "$@" >"$tmp/out" 2>"$tmp/err"; then
    failed=1
    cat "$tmp/err" "$tmp/memcheck.log"
  fi
  grep -E 'definitely lost|ERROR SUMMARY' "$tmp/memcheck.log" | sed 's/^==[0-9]*== */  /'
}
run tests/lua/read_every_field.lua tests/fixtures/example.mbox
if [ -f "$bundle" ]; then
  git clone -q --bare "$bundle" "$tmp/kvm.git"
  run tests/lua/read_every_field.lua "$tmp/kvm.git"
  run digest "$tmp/kvm.git"
else
  echo "valgrind.sh: skipped the kvm bundle: $bundle is absent" >&2
fi
exit "$failed"
