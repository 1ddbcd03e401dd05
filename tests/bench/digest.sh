#!/bin/sh
# Digest benchmark, against git itself in the same run:
#   (a) git cat-file --batch of every message blob of the range (the
#       baseline: inflating each blob once);
#   (b) the classic text digest of the same range (target: (b)/(a) <= 0.8);
#   (c) the classic digest of a 100-message range, HEAD~100..HEAD
#       (target: under 30 ms).
# Runs them alternating, RUNS times each (default 5), and prints each
# one's median wall time and the ratio (b)/(a).
#
#   tests/bench/digest.sh [REPO]
#
# REPO is an already cloned bare repository of the archive; without it the
# linux-hyperv bundle of ../shared/data is cloned into a temporary
# directory (removed at exit). PATCHLORE names the binary (default:
# build-perf/patchlore, else build/patchlore); RANGE, when set, replaces the
# whole history in (a) and (b) (e.g. RANGE=HEAD~3000..HEAD).
set -eu

. "$(dirname "$0")/setup.sh"

# Wall time of one command in seconds, its output thrown away.
elapsed() {
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f\n", e - s }'
}

run_a() {
  git -C "$repo" rev-list "$range" | sed 's/$/:m/' | git -C "$repo" cat-file --batch
}
run_b() {
  "$PATCHLORE" digest "$repo" $script_range 2>/dev/null
}
run_c() {
  "$PATCHLORE" digest "$repo" HEAD~100..HEAD 2>/dev/null
}

# One warm-up of each, so that every timed run finds the pack in the page
# cache; it also shows what each reads.
echo "archive: $repo${RANGE:+ ($RANGE)}; binary: $PATCHLORE; $runs runs each"
echo "(a) blobs: $(run_a | grep -c ' blob ')"
echo "(b) digest lines: $(run_b | wc -l)"
echo "(c) digest lines of HEAD~100..HEAD: $(run_c | wc -l)"

i=0
while [ "$i" -lt "$runs" ]; do
  elapsed run_a >>"$tmp/a"
  elapsed run_b >>"$tmp/b"
  elapsed run_c >>"$tmp/c"
  i=$((i + 1))
done

median() {
  sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
a=$(median "$tmp/a")
b=$(median "$tmp/b")
c=$(median "$tmp/c")
printf '(a) git cat-file --batch        median %.3f s  runs: %s\n' "$a" "$(tr '\n' ' ' <"$tmp/a")"
printf '(b) patchlore digest            median %.3f s  runs: %s\n' "$b" "$(tr '\n' ' ' <"$tmp/b")"
printf '(c) digest HEAD~100..HEAD       median %.1f ms runs: %s\n' "$(awk -v c="$c" 'BEGIN { print c * 1000 }')" "$(tr '\n' ' ' <"$tmp/c")"
awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN {
  printf "(b)/(a) = %.2f (target <= 0.80)\n", b / a
  printf "(c) = %.1f ms (target < 30 ms)\n", c * 1000
}'
