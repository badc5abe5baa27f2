#!/bin/sh
# Proves that the production container answers as it should: healthy (and
# how long that took), the expected JSON on / and /readyz over the published
# port, no response header naming the framework, and locked down: read-only
# root filesystem, no capabilities, no privilege gain, no process running as
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
  PROD_COMPOSE="$PROD_COMPOSE" sh scripts/check-host-port.sh || exit 1
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

# startup: from the container's start to its first passing healthcheck,
# from the engine's own event times (which it keeps for a while only).
started_at=$(docker inspect --format '{{.State.StartedAt}}' "$container")
events=$(docker events --since "$started_at" --until "$(($(date +%s) + 1))" \
  --filter "container=$container" --format '{{.TimeNano}} {{.Action}}' \
  2>/dev/null) || events=""
start_ns=$(printf '%s\n' "$events" |
  sed -n 's/^\([0-9]*\) start$/\1/p' | tail -n 1)
healthy_ns=$(printf '%s\n' "$events" |
  sed -n 's/^\([0-9]*\) health_status: healthy$/\1/p' | head -n 1)
if [ -n "$start_ns" ] && [ -n "$healthy_ns" ]; then
  startup="$(((healthy_ns - start_ns) / 1000000)) ms from start to healthy"
else
  startup="not measured: the engine no longer holds the start's events"
fi

# headers: nothing that tells an attacker which framework to try.
headers=$(curl --silent --show-error --max-time 5 --dump-header - \
  --output /dev/null "$base_url/") || fail "$base_url/ did not answer."
naming=$(printf '%s\n' "$headers" |
  grep -iE '^(x-powered-by|server):|koa|express' || true)
[ -z "$naming" ] || fail "a response header names the framework: $naming"

# user and capabilities: every process in the container, this check's own
# included, from the kernel's view of it.
status=$(docker exec "$container" sh -c \
  'grep -hE "^(Uid|CapEff|CapBnd|NoNewPrivs):" /proc/[0-9]*/status' \
  2>/dev/null) || fail "could not read the container's processes."
root_lines=$(printf '%s\n' "$status" |
  grep -E '^Uid:[[:space:]]+0[[:space:]]' || true)
[ -z "$root_lines" ] || fail "a process in the container runs as root."
capable=$(printf '%s\n' "$status" | grep -E '^Cap(Eff|Bnd):' |
  grep -v '0000000000000000$' | head -n 1 || true)
[ -z "$capable" ] ||
  fail "a process in the container has capabilities: $capable"
privileged=$(printf '%s\n' "$status" |
  grep -E '^NoNewPrivs:[[:space:]]+0' || true)
[ -z "$privileged" ] || fail "a process in the container may gain privileges."
uid=$(docker exec "$container" id -u) ||
  fail "could not run id in the container."

# filesystem: the root is mounted read-only, and a write where any user may
# write (/var/tmp) fails for that reason; /tmp is the writable tmpfs.
root_mount=$(docker exec "$container" \
  sh -c 'grep "^[^ ]* / " /proc/self/mounts')
case " $root_mount" in
  *" ro,"*) ;;
  *) fail "the root filesystem is mounted read-write, not read-only." ;;
esac
write_error=$(docker exec "$container" touch /var/tmp/.verify 2>&1) &&
  fail "the root filesystem is writable."
case "$write_error" in
  *"Read-only file system"*) ;;
  *) fail "a write to /var/tmp failed, but not as read-only: $write_error" ;;
esac
docker exec "$container" sh -c 'touch /tmp/.verify && rm /tmp/.verify' ||
  fail "/tmp is not writable."

cat <<REPORT
verify: passed
  container   $container (healthy)
  startup     $startup
  GET /       200 $name $version, environment production
  GET /readyz 200 serving
  headers     none names the framework
  user        uid $uid; no process runs as root
  privileges  no capabilities, no privilege gain (no-new-privileges)
  filesystem  root read-only; /tmp writable (tmpfs)
  url         $base_url
REPORT
