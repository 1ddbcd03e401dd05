#!/bin/sh
# Series benchmark: a whole archive read into series, against the
# foundation's reading benchmark in the same run:
#   (a) git cat-file --batch of every message blob;
#   (c) read_patch_texts.lua: subject and sender of every message and the
#       decoded text of every patch message;
#   (s) load_series.lua: inbox:load of the whole range (every message's
#       ids, the heads' texts, grouping, version links) and every series'
#       fields read once;
#   (r) load_replies.lua: that, and every series' replies and review
#       trailers (the replies' ids and texts, read only when asked for).
# Runs them alternating, RUNS times each (default 5), and prints each one's
# median wall time and CPU time (user + system) and the ratios; the target
# is (s)/(c) <= 1.5; (r)/(c) is for information.
#
#   tests/bench/series.sh [REPO]
#
# REPO is an already cloned bare repository; without it the linux-hyperv
# bundle of ../shared/data is cloned into a temporary directory (removed
# at exit). PATCHLORE names the binary (default: build-perf/patchlore,
# else build/patchlore); RANGE, when set, is passed to every run.
set -eu

. "$(dirname "$0")/setup.sh"

# One run, its output thrown away: prints "wall cpu" in seconds, CPU
# being the user + system time of what it ran (a subshell's children, as
# `times` reports them, written to a file so no other fork counts).
measure() {
  (
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    times >"$tmp/times"
    echo "$start $end $(tail -n 1 "$tmp/times")"
  ) | awk '
    function secs(t,  m, s) { m = t; sub(/m.*/, "", m); s = t; sub(/^[0-9]+m/, "", s); sub(/s$/, "", s); return m * 60 + s }
    { printf "%.3f %.3f\n", $2 - $1, secs($3) + secs($4) }'
}

run_a() {
  git -C "$repo" rev-list "$range" | sed 's/$/:m/' | git -C "$repo" cat-file --batch
}
run_c() {
  "$PATCHLORE" "$here/read_patch_texts.lua" "$repo" $script_range
}
run_s() {
  "$PATCHLORE" "$here/load_series.lua" "$repo" $script_range
}
run_r() {
  "$PATCHLORE" "$here/load_replies.lua" "$repo" $script_range
}

echo "archive: $repo${RANGE:+ ($RANGE)}; binary: $PATCHLORE; $runs runs each"
echo "(c) messages, patches, bytes: $(run_c)"
echo "(s) messages, series, complete, version links: $(run_s 2>/dev/null)"
echo "(r) messages, series, replies, trailers: $(run_r 2>/dev/null)"

i=0
while [ "$i" -lt "$runs" ]; do
  measure run_a >>"$tmp/a"
  measure run_c >>"$tmp/c"
  measure run_s >>"$tmp/s"
  measure run_r >>"$tmp/r"
  i=$((i + 1))
done

median() {
  cut -d' ' -f"$2" "$1" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for x in a c s r; do
  eval "${x}_wall=\$(median \"\$tmp/$x\" 1)"
  eval "${x}_cpu=\$(median \"\$tmp/$x\" 2)"
done
printf '(a) git cat-file --batch   median wall %.3f s  cpu %.3f s\n' "$a_wall" "$a_cpu"
printf '(c) read_patch_texts.lua   median wall %.3f s  cpu %.3f s\n' "$c_wall" "$c_cpu"
printf '(s) load_series.lua        median wall %.3f s  cpu %.3f s\n' "$s_wall" "$s_cpu"
printf '(r) load_replies.lua       median wall %.3f s  cpu %.3f s\n' "$r_wall" "$r_cpu"
awk -v aw="$a_wall" -v cw="$c_wall" -v sw="$s_wall" -v rw="$r_wall" \
    -v ac="$a_cpu" -v cc="$c_cpu" -v sc="$s_cpu" -v rc="$r_cpu" 'BEGIN {
  printf "(c)/(a) = %.2f wall, %.2f cpu\n", cw / aw, cc / ac
  printf "(s)/(a) = %.2f wall, %.2f cpu\n", sw / aw, sc / ac
  printf "(s)/(c) = %.2f wall, %.2f cpu  (target: at most 1.50)\n", sw / cw, sc / cc
  printf "(r)/(c) = %.2f wall, %.2f cpu  (replies and trailers too)\n", rw / cw, rc / cc
}'
