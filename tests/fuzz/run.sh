#!/bin/sh
# Builds the fuzz harnesses (clang, libFuzzer, ASan + UBSan) in their own
# build directory and runs each for a bounded time, printing per harness
# the executions done, libFuzzer's last coverage line and whether it
# crashed. Exits 1 when any harness crashed, leaked, timed out or failed
# to run.
#
#   tests/fuzz/run.sh [SECONDS [HARNESS...]]
#
# SECONDS per harness, 60 by default; HARNESS: a NAME of
# tests/fuzz/fuzz_NAME.c (all of them by default). Environment:
#   FUZZ_BUILD  the build directory (build-fuzz)
#   FUZZ_FLAGS  more libFuzzer flags, e.g. "-runs=10000000"; a flag given
#               here wins over the same flag below (the last one counts)
#
# An input that runs longer than 25 seconds is a failure (a hang or a
# quadratic blow-up: no harness input takes a tenth of a second). On a
# machine starved of CPU, raise it with FUZZ_FLAGS=-timeout=N.
#
# The corpus each harness grows is kept in $FUZZ_BUILD/fuzz-corpus/NAME
# (seeded afresh from the fixtures by seeds.py on every run); crashing
# inputs go to $FUZZ_BUILD/fuzz-artifacts/, logs to $FUZZ_BUILD/fuzz-logs/.
# To reproduce a crash: $FUZZ_BUILD/tests/fuzz/fuzz_NAME FILE. The input is
# also printed, gzipped and in base64, so a CI log is enough to get it.
set -eu

cd "$(dirname "$0")/../.."
secs=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-$(for f in tests/fuzz/fuzz_*.c; do f=${f#tests/fuzz/fuzz_}; echo "${f%.c}"; done)}
build=${FUZZ_BUILD:-build-fuzz}

case $secs in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS [HARNESS...]]" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzz=true >"$build.setup.log" 2>&1 ||
    { cat "$build.setup.log" >&2; exit 1; }
  mv "$build.setup.log" "$build/meson-logs/setup-by-run.sh.log"
fi
targets=
for h in $harnesses; do
  targets="$targets tests/fuzz/fuzz_$h"
done
# shellcheck disable=SC2086 # one target per word
ninja -C "$build" $targets >/dev/null

mkdir -p "$build/fuzz-corpus" "$build/fuzz-artifacts" "$build/fuzz-logs"
seeds=$(mktemp -d "$build/fuzz-seeds.XXXXXX")
trap 'rm -rf "$seeds"' EXIT INT TERM
python3 tests/fuzz/seeds.py "$seeds" >/dev/null

# UBSan stops at its first report (the harnesses are built with
# -fno-sanitize-recover) and prints a stack; leaks are errors.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

failed=0
for h in $harnesses; do
  corpus="$build/fuzz-corpus/$h"
  log="$build/fuzz-logs/$h.log"
  mkdir -p "$corpus" "$seeds/$h"
  dict=
  [ -f "tests/fuzz/$h.dict" ] && dict="-dict=tests/fuzz/$h.dict"
  started="$seeds/started-$h"
  touch "$started"
  set +e
  # shellcheck disable=SC2086 # $dict may be empty, FUZZ_FLAGS is a list
  "$build/tests/fuzz/fuzz_$h" -max_total_time="$secs" -timeout=25 \
    -rss_limit_mb=2048 -print_final_stats=1 $dict \
    -artifact_prefix="$build/fuzz-artifacts/$h-" ${FUZZ_FLAGS:-} \
    "$corpus" "$seeds/$h" >"$log" 2>&1
  rc=$?
  set -e
  # With -jobs the runs log to fuzz-N.log in the current directory.
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{s += $1} END {print s + 0}')
  time=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -n 1 |
    sed 's/^#[0-9]*[[:space:]]*[A-Z]*[[:space:]]*//; s/ exec\/s.*//')
  if [ "$rc" -eq 0 ]; then
    result="no crash"
  else
    failed=1
    result="CRASHED (exit $rc): $(grep -m 1 -E '^SUMMARY|check failed|ERROR: libFuzzer' "$log" || echo 'see log')"
  fi
  printf '%-8s %10s executions in %ss, %s: %s\n' "$h" "$runs" "${time:-?}" "${last:-no stats}" "$result"
  if [ "$rc" -ne 0 ]; then
    # Only this run's inputs: older crashes stay in the directory.
    find "$build/fuzz-artifacts" -name "$h-*" -newer "$started" | while read -r input; do
      echo "         input: $input"
      # The bytes themselves, for a machine whose files are gone (CI).
      echo "         as gzip + base64 (base64 -d | gunzip > FILE to reproduce):"
      gzip -9c "$input" | base64 -w 76 | head -n 200 | sed 's/^/           /'
    done
    echo "         log: $log"
  fi
done
exit "$failed"
