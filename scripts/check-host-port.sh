#!/bin/sh
# Stops `make prod` before it starts anything when the prod stack's host
# port (HOST_PORT, 8081 by default) is taken, with one sentence that says
# how to move it. A port held by this same prod stack is fine: `make prod`
# then updates it in place. Needs only docker, sh and curl. Run through
# `make prod`, which sets PROD_COMPOSE.
set -eu

PROD_COMPOSE=${PROD_COMPOSE:-docker compose -f compose.yaml -f compose.prod.yaml}

# Compose itself resolves HOST_PORT, from the environment or .env.
port=$($PROD_COMPOSE config --format json |
  sed -n 's/.*"published": *"\([0-9]*\)".*/\1/p' | head -n 1)
[ -n "$port" ] || exit 0

taken() {
  echo "make prod: host port $port is taken$1; set HOST_PORT to a free" \
    "port, in .env or as in 'make prod HOST_PORT=8082'." >&2
  exit 1
}

# Ours already? Then there is nothing to check.
own=$($PROD_COMPOSE ps --quiet api 2>/dev/null || true)
if [ -n "$own" ]; then
  case "$($PROD_COMPOSE port api 8000 2>/dev/null || true)" in
    *:"$port") exit 0 ;;
  esac
fi

holder=$(docker ps --filter "publish=$port" --format '{{.Names}}' | head -n 1)
[ -z "$holder" ] || taken " by the container $holder"

# Anything else listening: curl's exit code 7 means the connection was
# refused, so nothing listens there.
command -v curl >/dev/null 2>&1 || exit 0
for host in 127.0.0.1 '[::1]'; do
  code=0
  curl --silent --output /dev/null --max-time 1 "http://$host:$port/" ||
    code=$?
  [ "$code" -eq 7 ] || taken " by another program"
done
