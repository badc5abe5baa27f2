#!/bin/sh
# Proves that the production container answers as it should: healthy, the
# expected JSON on / and /readyz over the published port, not running as
# root. Starts the prod stack first if it is not running. Needs only docker,
# sh and curl. Run through `make verify`, which sets PROD_COMPOSE.
set -eu

PROD_COMPOSE=${PROD_COMPOSE:-docker compose -f compose.yaml -f compose.prod.yaml}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}

fail() {
  echo "verify: FAILED: $*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || fail "curl is not installed on this host."

# read_package_field NAME: the string value of a top-level field of
# service/package.json, without needing Node on the host.
read_package_field() {
  sed -n "s/^  \"$1\": \"\([^\"]*\)\",*$/\1/p" service/package.json
}

container_id() {
  $PROD_COMPOSE ps --quiet api 2>/dev/null
}

if [ -z "$(container_id)" ]; then
  echo "verify: the prod stack is not running; starting it"
  $PROD_COMPOSE up --build --detach >/dev/null 2>&1 ||
    fail "the prod stack did not start; run 'make prod' to see why."
fi
container=$(container_id)

# health: wait for the engine's own healthcheck to pass.
waited=0
while :; do
  health=$(docker inspect --format '{{.State.Health.Status}}' "$container")
  [ "$health" = healthy ] && break
  [ "$health" = unhealthy ] &&
    fail "the container is unhealthy; see 'make prod-logs'."
  [ "$waited" -ge "$HEALTH_TIMEOUT" ] &&
    fail "the container was not healthy within ${HEALTH_TIMEOUT}s (it is $health)."
  sleep 1
  waited=$((waited + 1))
done

published=$($PROD_COMPOSE port api 8000) ||
  fail "container port 8000 is not published."
base_url="http://localhost:${published##*:}"

# expect_json PATH FRAGMENT: PATH answers 200 with a body holding FRAGMENT.
expect_json() {
  body=$(curl --silent --show-error --max-time 5 --write-out '\n%{http_code}' \
    "$base_url$1") || fail "$base_url$1 did not answer."
  status=$(printf '%s\n' "$body" | tail -n 1)
  body=$(printf '%s\n' "$body" | sed '$d')
  [ "$status" = 200 ] || fail "$base_url$1 answered $status, not 200: $body"
  case "$body" in
    *"$2"*) ;;
    *) fail "$base_url$1 answered $body, without $2." ;;
  esac
}

name=$(read_package_field name)
version=$(read_package_field version)
expect_json / "\"service\":\"$name\",\"version\":\"$version\",\"environment\":\"production\""
expect_json /readyz '"status":"serving"'

uid=$(docker exec "$container" id -u) || fail "could not run id in the container."
[ "$uid" != 0 ] || fail "the container runs as root."

cat <<REPORT
verify: passed
  container   $container (healthy)
  GET /       200 $name $version, environment production
  GET /readyz 200 serving
  user        uid $uid, not root
  url         $base_url
REPORT
