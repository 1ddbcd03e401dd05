#!/bin/bash
# Reading benchmark, against git itself in the same run:
#   (a) git cat-file --batch of every message blob (the baseline: inflating
#       each blob once, which no reader can avoid);
#   (b) read_subjects.lua: subject and sender of every message;
#   (c) read_patch_texts.lua: that, and the decoded text of every patch.
# Runs them alternating, RUNS times each (default 5), and prints each
# one's median wall time and the ratios (b)/(a) and (c)/(a); the median
# CPU time (user + system, all processes) goes beside it, which a busy
# machine disturbs less.
#
#   tests/bench/read.sh [REPO]
#
# REPO is an already cloned bare repository of the archive; without it the
# linux-hyperv bundle of ../shared/data is cloned into a temporary
# directory (removed at exit). PATCHLORE names the binary (default:
# build-perf/patchlore, else build/patchlore); RANGE, when set, is passed
# to the scripts and to git rev-list alike (e.g. RANGE=HEAD~3000..HEAD).
set -eu

. "$(dirname "$0")/setup.sh"

# "wall cpu" of one command in seconds, its output thrown away.
elapsed() {
  local TIMEFORMAT='%R %U %S'
  { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

run_a() {
  git -C "$repo" rev-list "$range" | sed 's/$/:m/' | git -C "$repo" cat-file --batch
}
run_b() {
  "$PATCHLORE" "$here/read_subjects.lua" "$repo" $script_range
}
run_c() {
  "$PATCHLORE" "$here/read_patch_texts.lua" "$repo" $script_range
}

# One warm-up of each, so that every timed run finds the pack in the page
# cache; it also shows what each reads (and stops here if one fails).
echo "archive: $repo${RANGE:+ ($RANGE)}; binary: $PATCHLORE; $runs runs each"
out=$(run_a | grep -c ' blob ')
echo "(a) blobs: $out"
out=$(run_b 2>/dev/null)
echo "(b) messages, bytes: $out"
out=$(run_c 2>/dev/null)
echo "(c) messages, patches, bytes: $out"

i=0
while [ "$i" -lt "$runs" ]; do
  elapsed run_a >>"$tmp/a"
  elapsed run_b >>"$tmp/b"
  elapsed run_c >>"$tmp/c"
  i=$((i + 1))
done

# The median of column $2 of file $1.
median() {
  awk -v c="$2" '{ print $c }' "$1" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
a_wall=$(median "$tmp/a" 1) a_cpu=$(median "$tmp/a" 2)
b_wall=$(median "$tmp/b" 1) b_cpu=$(median "$tmp/b" 2)
c_wall=$(median "$tmp/c" 1) c_cpu=$(median "$tmp/c" 2)
show() {
  printf '%s median %.3f s wall, %.3f s cpu; wall runs: %s\n' "$1" "$2" "$3" \
    "$(awk '{ printf "%s ", $1 }' "$4")"
}
show '(a) git cat-file --batch   ' "$a_wall" "$a_cpu" "$tmp/a"
show '(b) read_subjects.lua      ' "$b_wall" "$b_cpu" "$tmp/b"
show '(c) read_patch_texts.lua   ' "$c_wall" "$c_cpu" "$tmp/c"
awk -v a="$a_wall" -v b="$b_wall" -v c="$c_wall" -v ac="$a_cpu" -v bc="$b_cpu" -v cc="$c_cpu" \
  'BEGIN { printf "(b)/(a) = %.2f (cpu %.2f)\n(c)/(a) = %.2f (cpu %.2f)\n", b / a, bc / ac, c / a, cc / ac }'
