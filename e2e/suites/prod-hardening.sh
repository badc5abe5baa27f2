# The prod stack's lockdown: what the merged config asks for, what make
# verify finds in the running container (and refuses when it is missing),
# how soon it is healthy, and make prod's check of the host port.

hardening_verify_output=""

# config_has PATTERN: the merged prod config, as JSON on one line, matches
# PATTERN.
config_has() {
  grep -Eq "$1" <<<"$($PROD_COMPOSE config --format json | tr -s ' \n' ' ')" ||
    { why "the merged config lacks $1"; return; }
}

hardening_config_locks_the_container_down() {
  config_has '"read_only": true' &&
    config_has '"cap_drop": \[ ?"ALL"' &&
    config_has '"no-new-privileges:true"' &&
    config_has '"user": "node"' &&
    config_has '"init": true' &&
    config_has '"/tmp:size=' &&
    config_has '"memory": "[0-9]+"' &&
    config_has '"cpus": [0-9.]+' &&
    config_has '"pids": [0-9]+' &&
    config_has '"max-size": "[0-9]+m"' &&
    config_has '"restart": "unless-stopped"'
}

# A fresh start, so that the engine still holds the start's events and
# make verify can time it.
hardening_verify_passes_on_a_fresh_prod_stack() {
  $PROD_COMPOSE down --remove-orphans >/dev/null 2>&1
  make --no-print-directory prod PROJECT="$PROJECT" >/dev/null 2>&1 ||
    { why "make prod failed"; return; }
  hardening_verify_output=$(make --no-print-directory verify \
    PROJECT="$PROJECT" 2>&1) || { why "make verify failed: $hardening_verify_output"; return; }
  local line
  for line in 'root read-only' 'no capabilities' 'no process runs as root' \
    'none names the framework'; do
    grep -q "$line" <<<"$hardening_verify_output" ||
      { why "make verify did not report: $line"; return; }
  done
}

# The time itself is a figure (make bench-image and make verify print it),
# not a pass mark: a timed test fails on a busy machine, not on a bug.
hardening_verify_reports_start_to_healthy() {
  local milliseconds
  milliseconds=$(sed -n 's/.* \([0-9]*\) ms from start to healthy$/\1/p' \
    <<<"$hardening_verify_output")
  [ -n "$milliseconds" ] || { why "make verify did not time the start"; return; }
  echo "  start to healthy: ${milliseconds} ms"
}

# verify_refuses OVERRIDE MESSAGE: make verify fails, saying MESSAGE, on the
# prod container with e2e/overrides/OVERRIDE.yaml laid over it.
verify_refuses() {
  local compose output status=0
  compose="docker compose -p $PROJECT-weakened -f compose.yaml"
  compose+=" -f compose.prod.yaml -f e2e/overrides/$1.yaml"
  if $compose up --detach --wait --quiet-pull >/dev/null 2>&1; then
    output=$(PROD_COMPOSE="$compose" sh scripts/verify.sh 2>&1) || status=$?
  else
    output="the weakened stack did not start"
  fi
  # --rmi local: the image this project built under its own name.
  $compose down --rmi local --remove-orphans >/dev/null 2>&1
  [ "$status" -ne 0 ] || { why "make verify passed on $1: $output"; return; }
  grep -q "$2" <<<"$output" || { why "make verify said: $output"; return; }
}

hardening_verify_refuses_a_writable_root() {
  verify_refuses writable-root 'root filesystem is mounted read-write'
}

hardening_verify_refuses_capabilities() {
  verify_refuses with-capabilities 'has capabilities'
}

# make_prod_refuses PORT HOLDER: make prod, under another project name, stops
# before it creates anything and names HOLDER and HOST_PORT.
make_prod_refuses() {
  local project="$PROJECT-port-check" output status created
  output=$(make --no-print-directory prod PROJECT="$project" HOST_PORT="$1" 2>&1)
  status=$?
  created=$(docker ps --all --quiet \
    --filter "label=com.docker.compose.project=$project-prod")
  # Should it have gone ahead, remove what it made.
  docker compose -p "$project-prod" -f compose.yaml -f compose.prod.yaml \
    down --rmi local --remove-orphans >/dev/null 2>&1

  [ "$status" -ne 0 ] || { why "make prod went ahead on a taken port"; return; }
  grep -q "^make prod: host port $1 is taken by $2; set HOST_PORT" \
    <<<"$output" || { why "make prod said: $output"; return; }
  ! grep -qE '^ *(Container|Network|Volume) |Building|\[\+\]' <<<"$output" ||
    { why "make prod started something: $output"; return; }
  [ -z "$created" ] || { why "make prod created a container"; return; }
}

# A throwaway container publishes a port that Docker picks.
hardening_prod_refuses_a_port_another_container_holds() {
  local blocker="$PROJECT-port-blocker" port
  docker run --detach --rm --name "$blocker" --publish 127.0.0.1::8000 \
    node:24-alpine node -e \
    'require("http").createServer((q, s) => s.end()).listen(8000)' \
    >/dev/null || { why "the blocker did not start"; return; }
  port=$(docker port "$blocker" 8000 | head -n 1)
  make_prod_refuses "${port##*:}" "the container $blocker"
  local result=$?
  docker rm --force "$blocker" >/dev/null 2>&1
  return "$result"
}

# A program on the host's own network, which Docker does not publish: it
# listens on a port the kernel picks and prints it.
hardening_prod_refuses_a_port_another_program_holds() {
  local blocker="$PROJECT-port-listener" port=""
  docker run --detach --rm --name "$blocker" --network host \
    node:24-alpine node -e \
    'const s = require("http").createServer((q, r) => r.end());
     s.listen(0, "127.0.0.1", () => console.log(s.address().port));' \
    >/dev/null || { why "the listener did not start"; return; }
  local tries=0
  while [ -z "$port" ] && [ "$tries" -lt 50 ]; do
    port=$(docker logs "$blocker" 2>/dev/null | head -n 1)
    tries=$((tries + 1))
    sleep 0.1
  done
  make_prod_refuses "$port" "another program"
  local result=$?
  docker rm --force "$blocker" >/dev/null 2>&1
  return "$result"
}

check "prod-hardening: the merged config locks the container down and bounds it" hardening_config_locks_the_container_down
check "prod-hardening: make verify passes: read-only root, no capabilities, non-root, no framework header" hardening_verify_passes_on_a_fresh_prod_stack
check "prod-hardening: make verify reports the time from start to healthy" hardening_verify_reports_start_to_healthy
check "prod-hardening: make verify refuses a writable root filesystem" hardening_verify_refuses_a_writable_root
check "prod-hardening: make verify refuses a container with capabilities" hardening_verify_refuses_capabilities
check "prod-hardening: make prod names HOST_PORT and starts nothing when a container holds the port" hardening_prod_refuses_a_port_another_container_holds
check "prod-hardening: make prod names HOST_PORT and starts nothing when another program holds the port" hardening_prod_refuses_a_port_another_program_holds
