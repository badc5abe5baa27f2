# The dev stack: starts, compiles with ts-node, reloads an edit, stops.

dev_url=""
edited_file=service/src/routes/root.ts

dev_starts_and_answers() {
  $DEV_COMPOSE up --build --detach --quiet-pull >/dev/null 2>&1 ||
    why "make up failed"
  dev_url=$(base_url "$DEV_COMPOSE") || why "port 8000 is not published"
  wait_for_body "$dev_url/" '"environment":"development"' 60 >/dev/null ||
    why "GET / did not answer within 60s"
}

# Node 24 can run a .ts file through its own type stripping, which rejects
# an enum; src/lifecycle.ts has one, so an answer from /readyz proves that
# ts-node compiled it.
dev_runs_through_ts_node() {
  curl --silent "$dev_url/readyz" | grep -q '"status":"serving"' ||
    why "/readyz did not answer serving"
  local log
  log=$($DEV_COMPOSE logs api 2>&1)
  ! grep -Eq 'MODULE_TYPELESS_PACKAGE_JSON|Type Stripping|ExperimentalWarning' <<<"$log" ||
    why "Node reported type stripping or a typeless package: $log"
}

dev_serves_an_edit() {
  local backup seconds
  backup=$(mktemp)
  cp "$edited_file" "$backup"
  sed -i 's/service: identity.name,/service: identity.name, edited: "e2e",/' \
    "$edited_file"
  # A generous bound: the speed is a figure (make bench-reload), not a
  # pass mark.
  seconds=$(wait_for_body "$dev_url/" '"edited":"e2e"' 30)
  local result=$?
  cp "$backup" "$edited_file"
  rm -f "$backup"
  [ "$result" -eq 0 ] || why "the edit was not served within 30s"
  echo "  save to serve: ${seconds}s"
  wait_for_body "$dev_url/" '^\{"service"' 10 >/dev/null ||
    why "the restored file was not served again"
}

dev_writes_no_node_modules_to_the_host() {
  [ ! -e service/node_modules ] || why "service/node_modules appeared"
}

dev_stops_within_3s_through_the_signal_handler() {
  local started elapsed
  started=$(date +%s%N)
  $DEV_COMPOSE stop --timeout 10 api >/dev/null 2>&1 || why "stop failed"
  elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
  [ "$elapsed" -le 3000 ] || why "the stop took ${elapsed}ms"
  # The last lines, so that a shutdown from an earlier reload does not count.
  $DEV_COMPOSE logs --no-color api 2>&1 | tail -n 6 | grep -q 'shutting down' ||
    why "the service's shutdown line is not at the end of the log"
}

# A port setting Compose cannot read: make up says so in one sentence
# naming the settings, and creates nothing.
dev_make_up_names_an_unreadable_port() {
  names_an_unreadable_port up DEV_PORT "$PROJECT-bad-port"
}

check "dev: make up names DEV_PORT when Compose cannot read it" dev_make_up_names_an_unreadable_port
check "dev: make up starts the service and GET / answers" dev_starts_and_answers
check "dev: ts-node compiles the code, not Node's type stripping" dev_runs_through_ts_node
check "dev: an edit under service/src is served" dev_serves_an_edit
check "dev: no node_modules is written into the host's service/" dev_writes_no_node_modules_to_the_host
check "dev: docker compose stop ends the service within 3s, cleanly" dev_stops_within_3s_through_the_signal_handler
$DEV_COMPOSE down --remove-orphans >/dev/null 2>&1
