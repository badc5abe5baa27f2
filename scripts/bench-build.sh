#!/usr/bin/env bash
# make bench-build: times a cold build of the prod image (no layer cache),
# then a rebuild after an edit under service/src, and prints both and their
# ratio. It builds a copy of the build context, so your tree is never
# touched, and it fails if the rebuild ran npm ci again. npm's download
# cache (a cache mount) stays warm in both, as on any machine that has built
# once. Needs only docker and bash.
set -euo pipefail

PROJECT=${PROJECT:-$(basename "$PWD")}
tag="$PROJECT-bench-build"
work=$(mktemp -d)
trap 'rm -rf "$work"; docker image rm --force "$tag" >/dev/null 2>&1 || true' EXIT

cp Dockerfile .dockerignore "$work/"
cp -R service "$work/service"

# build NAME [OPTION...]: builds the prod target; its log goes to
# NAME.log and its wall time, in seconds, to NAME.time.
build() {
  local name=$1
  shift
  local TIMEFORMAT=%R
  { time docker build --progress=plain --target prod --tag "$tag" "$@" \
    "$work" >"$work/$name.log" 2>&1; } 2>"$work/$name.time" || {
    tail -n 20 "$work/$name.log" >&2
    echo "bench-build: the $name build failed" >&2
    exit 1
  }
}

# step_cached LOG PATTERN: the build step whose title matches PATTERN came
# from the layer cache.
step_cached() {
  local step
  step=$(grep -E "^#[0-9]+ \[.*$2" "$1" | head -n 1 | cut -d ' ' -f 1)
  [ -n "$step" ] && grep -q "^$step CACHED" "$1"
}

echo "bench-build: cold build (no layer cache)"
build cold --no-cache

printf '\n// bench-build edit, %s\n' "$(date)" >>"$work/service/src/server.ts"
echo "bench-build: rebuild after an edit to service/src/server.ts"
build rebuild

step_cached "$work/rebuild.log" 'RUN .*npm ci' || {
  echo "bench-build: FAILED: the rebuild ran npm ci again" >&2
  exit 1
}
! step_cached "$work/rebuild.log" 'RUN npm run build' || {
  echo "bench-build: FAILED: the rebuild did not bundle the edit" >&2
  exit 1
}

cold=$(cat "$work/cold.time")
rebuild=$(cat "$work/rebuild.time")
cat <<REPORT
bench-build: the prod image
  cold build   ${cold} s
  rebuild      ${rebuild} s, after an edit under service/src; npm ci cached
  ratio        $(awk -v a="$rebuild" -v b="$cold" 'BEGIN { printf "%.2f", a / b }') (rebuild / cold)
REPORT
