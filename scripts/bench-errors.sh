#!/bin/sh
# Runs service/bench/errors-under-load.ts against the prod service: starts
# the prod stack if needed, then runs the load generator from the dev image
# (which has autocannon) in a container that shares the prod container's
# network and process namespaces. So the load goes to 127.0.0.1 inside that
# namespace, no host port is involved, and the script can read the
# service's memory from /proc. Needs only docker. Run through
# `make bench-errors`, which sets DEV_COMPOSE and PROD_COMPOSE.
set -eu

DEV_COMPOSE=${DEV_COMPOSE:-docker compose}
PROD_COMPOSE=${PROD_COMPOSE:-docker compose -f compose.yaml -f compose.prod.yaml}

fail() {
  echo "bench-errors: FAILED: $*" >&2
  exit 1
}

$PROD_COMPOSE up --build --detach --wait >/dev/null 2>&1 ||
  fail "the prod stack did not start; run 'make prod' to see why."
container=$($PROD_COMPOSE ps --quiet api)
[ -n "$container" ] || fail "the prod container is not running."

$DEV_COMPOSE build --quiet api >/dev/null || fail "the dev image did not build."
image=$($DEV_COMPOSE config --images | head -n 1)

exec docker run --rm \
  --network "container:$container" \
  --pid "container:$container" \
  --mount "type=bind,source=$PWD/service,target=/app/service,readonly" \
  --env BENCH_SECONDS --env BENCH_WARMUP_SECONDS --env BENCH_CONNECTIONS \
  "$image" node -r ts-node/register bench/errors-under-load.ts
