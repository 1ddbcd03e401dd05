# Sourced by the benchmark scripts: finds the binary, and the repository
# to read (the script's first argument, else the linux-hyperv bundle cloned
# into a temporary directory removed at exit). Sets here, top, runs,
# range (for git), script_range (for patchlore: empty for all history),
# PATCHLORE, tmp and repo.
bench=$(basename "$0")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
runs=${RUNS:-5}
range=${RANGE:-HEAD}

if [ -z "${PATCHLORE:-}" ]; then
  for p in "$top/build-perf/patchlore" "$top/build/patchlore"; do
    if [ -x "$p" ]; then PATCHLORE=$p; break; fi
  done
fi
if [ -z "${PATCHLORE:-}" ] || [ ! -x "$PATCHLORE" ]; then
  echo "$bench: no patchlore binary (build one, or set PATCHLORE)" >&2
  exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
if [ $# -ge 1 ]; then
  repo=$1
else
  bundle="$top/../shared/data/linux-hyperv-2019-2026.bundle"
  if [ ! -f "$bundle" ]; then
    echo "$bench: $bundle is absent; pass a cloned repository" >&2
    exit 2
  fi
  repo="$tmp/hyperv.git"
  git clone -q --bare "$bundle" "$repo"
fi

script_range=
[ -n "${RANGE:-}" ] && script_range=$RANGE
