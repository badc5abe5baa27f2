#!/bin/sh
# make bench-reload: starts the dev stack, waits until the server answers and
# the type checker has finished its first pass (it would otherwise compete
# with the first saves), then runs scripts/bench-reload.mjs in the api
# container. Needs only docker and sh. The Makefile sets DEV_COMPOSE.
set -eu

DEV_COMPOSE=${DEV_COMPOSE:-docker compose}

fail() {
  echo "bench-reload: $*" >&2
  exit 1
}

$DEV_COMPOSE up --build --detach >/dev/null 2>&1 ||
  fail "the dev stack did not start; run make up to see why."

waited=0
until $DEV_COMPOSE logs api 2>&1 | grep -q 'Watching for file changes'; do
  [ "$waited" -lt 120 ] || fail "the type checker did not finish within 120 s."
  sleep 1
  waited=$((waited + 1))
done

# As root, as `make npm` does: the edits go into existing files, which keep
# their owner.
$DEV_COMPOSE exec -T --user root api \
  node --input-type=module - <scripts/bench-reload.mjs
