# The prod stack: the merged config, make verify, a bad setting, the stop.

prod_config_has_one_port_and_no_bind_mount() {
  local config
  config=$($PROD_COMPOSE config --format json) || why "compose config failed"
  local ports binds
  ports=$(grep -o '"published": *"[0-9]*"' <<<"$config" | wc -l)
  binds=$(grep -c '"type": *"bind"' <<<"$config")
  [ "$ports" -eq 1 ] || why "$ports published ports, expected 1"
  [ "$binds" -eq 0 ] || why "$binds bind mounts, expected none"
}

prod_passes_make_verify() {
  make --no-print-directory verify PROJECT="$PROJECT" || why "make verify failed"
}

prod_rejects_a_bad_port_with_one_line() {
  local image output status
  image=$(docker inspect --format '{{.Image}}' "$($PROD_COMPOSE ps -q api)")
  output=$(docker run --rm -e PORT=abc "$image" 2>&1)
  status=$?
  [ "$status" -ne 0 ] || why "PORT=abc exited 0"
  [ "$output" = 'Invalid setting PORT="abc": expected a whole number from 1 to 65535' ] ||
    why "PORT=abc printed: $output"
}

# A bad setting in .env: make prod fails, showing the line that names it,
# under a project of its own and on a port Docker picks.
prod_make_prod_shows_a_bad_setting() {
  local project="$PROJECT-bad-setting" backup output status state
  backup=$(mktemp)
  [ -e .env ] && cp .env "$backup"
  echo "LOG_LEVEL=bogus" >>.env
  output=$(make --no-print-directory prod PROJECT="$project" \
    HOST_PORT=127.0.0.1: 2>&1)
  status=$?
  state=$(docker ps -a --format '{{.State}}' \
    --filter "label=com.docker.compose.project=$project-prod")
  if [ -s "$backup" ]; then cp "$backup" .env; else rm -f .env; fi
  rm -f "$backup"
  docker compose -p "$project-prod" -f compose.yaml -f compose.prod.yaml \
    down --rmi local --remove-orphans >/dev/null 2>&1
  [ "$status" -ne 0 ] || why "make prod went ahead with LOG_LEVEL=bogus"
  grep -q '^make prod: the prod service did not start healthy' <<<"$output" ||
    why "make prod did not say the service failed: $output"
  [ "$(grep -c '^Invalid setting LOG_LEVEL="bogus"' <<<"$output")" -eq 1 ] ||
    why "make prod did not show the setting's line exactly once: $output"
  [ "$state" = exited ] ||
    why "make prod left the failing container $state, not stopped"
}

# A HOST_PORT Compose cannot read: make prod says so once, naming the
# setting, and creates nothing.
prod_make_prod_names_an_unreadable_host_port() {
  names_an_unreadable_port prod HOST_PORT "$PROJECT-bad-port-prod"
}

prod_stops_within_3s_with_exit_code_0() {
  local container started elapsed code
  container=$($PROD_COMPOSE ps -q api)
  started=$(date +%s%N)
  docker stop --time 10 "$container" >/dev/null || why "docker stop failed"
  elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
  code=$(docker inspect --format '{{.State.ExitCode}}' "$container")
  [ "$elapsed" -le 3000 ] || why "the stop took ${elapsed}ms"
  [ "$code" = 0 ] || why "exit code $code"
}

check "prod: the merged config publishes one port and mounts nothing" prod_config_has_one_port_and_no_bind_mount
check "prod: make verify passes" prod_passes_make_verify
check "prod: PORT=abc stops the service with one line and a non-zero code" prod_rejects_a_bad_port_with_one_line
check "prod: make prod shows the line naming a bad setting in .env" prod_make_prod_shows_a_bad_setting
check "prod: make prod names HOST_PORT when Compose cannot read it" prod_make_prod_names_an_unreadable_host_port
check "prod: docker stop ends the container within 3s with exit code 0" prod_stops_within_3s_with_exit_code_0
$PROD_COMPOSE down --remove-orphans >/dev/null 2>&1
