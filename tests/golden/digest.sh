#!/bin/sh
# Golden tests of `patchlore digest`:
#   digest.sh PATCHLORE fixture   the written fixture mbox in the three
#                                 formats, byte for byte (digest-rules.*)
#   digest.sh PATCHLORE kvm       the reference archive (cloned from
#                                 ../shared/data into a temporary directory)
#                                 against ../shared/reference: equal from
#                                 line 3 on, and lines 1-2 naming the
#                                 clone's own root and newest commit
# Exit 77 (skipped) when ../shared is absent.
set -eu
patchlore=$1
case $patchlore in /*) ;; *) patchlore=$(pwd)/$patchlore ;; esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
shared="$top/../shared"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
status=0

same() { # name got want
  if ! cmp -s "$2" "$3"; then
    echo "FAIL: $1 differs from $3 ($(diff "$3" "$2" | grep -c '^[<>]') lines):"
    diff "$3" "$2" | head -40
    status=1
  else
    echo "ok $1"
  fi
}

case $2 in
fixture)
  cd "$top/tests/fixtures/digest"
  for f in text:txt markdown:md json:json; do
    format=${f%%:*} ext=${f#*:}
    "$patchlore" digest digest-rules.mbox --name rules --format "$format" > "$tmp/out.$ext"
    same "digest-rules ($format)" "$tmp/out.$ext" "$here/digest-rules.$ext"
  done
  ;;
kvm)
  bundle="$shared/data/kvm-2025-10-reference.bundle"
  expected="$shared/reference/kvm-digest-2025-10.expected.txt"
  if [ ! -f "$bundle" ] || [ ! -f "$expected" ]; then
    echo "skipped: $bundle or $expected is absent"
    exit 77
  fi
  git clone -q --bare "$bundle" "$tmp/kvm.git"
  "$patchlore" digest "$tmp/kvm.git" --name KVM > "$tmp/digest.txt"
  tail -n +3 "$tmp/digest.txt" > "$tmp/body.got"
  tail -n +3 "$expected" > "$tmp/body.want"
  same "kvm digest from line 3" "$tmp/body.got" "$tmp/body.want"
  root=$(git -C "$tmp/kvm.git" rev-list --max-parents=0 HEAD | cut -c1-9)
  head=$(git -C "$tmp/kvm.git" rev-parse HEAD | cut -c1-9)
  printf 'From %s to %s\nKVM mailing list update from %s to %s\n' "$root" "$head" "$root" \
    "$head" > "$tmp/head.want"
  head -n 2 "$tmp/digest.txt" > "$tmp/head.got"
  same "kvm digest lines 1-2 (root and newest commit)" "$tmp/head.got" "$tmp/head.want"
  ;;
*)
  echo "usage: digest.sh PATCHLORE fixture|kvm" >&2
  exit 2
  ;;
esac
exit $status
