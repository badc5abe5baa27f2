# The prod container's stop, driven by `docker stop` (SIGTERM) against the
# debug routes (e2e/overrides/debug-routes.yaml): a request in flight gets
# its answer, an idle keep-alive connection is closed rather than waited
# for, /readyz turns 503 at once, the exit code is 0, and the deadline ends
# a stop that hangs.

shutdown_compose="$PROD_COMPOSE -f e2e/overrides/debug-routes.yaml"
shutdown_dir=$(mktemp -d)
shutdown_url=""
shutdown_container=""

now_ns() { date +%s%N; }

# start_stack DELAY_MS TIMEOUT_MS: (re)starts the prod container with the
# debug routes on and these shutdown settings.
start_stack() {
  SHUTDOWN_DELAY_MS=$1 SHUTDOWN_TIMEOUT_MS=$2 \
    $shutdown_compose up --detach --wait >/dev/null 2>&1 || return 1
  shutdown_url=$(base_url "$shutdown_compose") &&
    shutdown_container=$($shutdown_compose ps --quiet api)
}

# stop_in_background: `docker stop` as a deploy would; its pid in stop_pid.
stop_in_background() {
  docker stop --time 30 "$shutdown_container" >/dev/null &
  stop_pid=$!
}

# request_in_background PATH NAME: GET PATH; the status goes to NAME.code,
# the body to NAME.body and the time it ended to NAME.done.
request_in_background() {
  {
    curl --silent --max-time 40 --output "$shutdown_dir/$2.body" \
      --write-out '%{http_code}' "$shutdown_url$1" >"$shutdown_dir/$2.code"
    now_ns >"$shutdown_dir/$2.done"
  } &
}

exit_code() { docker inspect --format '{{.State.ExitCode}}' "$1"; }
milliseconds_between() { echo $((($2 - $1) / 1000000)); }

# The default settings: no delay, a 10 s deadline. One stop, read by the
# three checks after it.
shutdown_default_stop_runs() {
  rm -f "$shutdown_dir"/*
  start_stack 0 10000 || { why "the prod stack did not start"; return; }

  # An idle keep-alive connection: one request answered, then nothing.
  exec 7<>"/dev/tcp/127.0.0.1/${shutdown_url##*:}" ||
    { why "could not connect"; return; }
  printf 'GET /livez HTTP/1.1\r\nHost: e2e\r\n\r\n' >&7
  local status_line
  read -r -t 5 status_line <&7
  [[ $status_line == "HTTP/1.1 200"* ]] ||
    { why "the keep-alive request got: $status_line"; return; }
  { cat <&7 >/dev/null; now_ns >"$shutdown_dir/idle.closed"; } &
  exec 7<&-

  request_in_background /debug/delay/2000 slow
  sleep 0.5
  local started stopped
  started=$(now_ns)
  stop_in_background
  wait "$stop_pid"
  stopped=$(now_ns)
  wait
  echo "$started" >"$shutdown_dir/stop.started"
  echo "$stopped" >"$shutdown_dir/stop.ended"
  echo "  stop took $(milliseconds_between "$started" "$stopped") ms"
}

shutdown_request_in_flight_gets_its_200() {
  [ "$(cat "$shutdown_dir/slow.code" 2>/dev/null)" = 200 ] ||
    { why "the request in flight got $(cat "$shutdown_dir/slow.code")"; return; }
  grep -q '"delayedMs":2000' "$shutdown_dir/slow.body" ||
    { why "its body was $(cat "$shutdown_dir/slow.body")"; return; }
}

# Closed while the request in flight still ran, so it held nothing.
shutdown_idle_connection_closes_at_once() {
  [ -s "$shutdown_dir/idle.closed" ] ||
    { why "the idle connection was never closed"; return; }
  local closed answered started
  closed=$(cat "$shutdown_dir/idle.closed")
  answered=$(cat "$shutdown_dir/slow.done")
  started=$(cat "$shutdown_dir/stop.started")
  echo "  closed $(milliseconds_between "$started" "$closed") ms after" \
    "docker stop began; the request in flight ended after" \
    "$(milliseconds_between "$started" "$answered") ms"
  [ "$closed" -lt "$answered" ] ||
    { why "the idle connection stayed open until the request ended"; return; }
}

# Exit 0 within 5 s: neither the 65 s keep-alive timeout nor the 10 s
# deadline (which exits 1) came into it.
shutdown_exits_0_once_the_request_is_answered() {
  local code elapsed
  code=$(exit_code "$shutdown_container")
  elapsed=$(milliseconds_between "$(cat "$shutdown_dir/stop.started")" \
    "$(cat "$shutdown_dir/stop.ended")")
  [ "$code" = 0 ] || { why "exit code $code"; return; }
  [ "$elapsed" -lt 5000 ] || { why "the stop took $elapsed ms"; return; }
  docker logs "$shutdown_container" 2>&1 | grep -q '"inFlight":1,"msg":"shutting down"' ||
    { why "the log does not show the stop with one request in flight"; return; }
}

# SHUTDOWN_DELAY_MS keeps the port open after the signal: /readyz then
# answers 503 at once while other requests are still served, each told to
# close its connection.
shutdown_readyz_turns_503_at_once() {
  start_stack 1500 10000 || { why "the prod stack did not start"; return; }
  local started code="" first_503="" headers
  started=$(now_ns)
  stop_in_background
  while [ "$(milliseconds_between "$started" "$(now_ns)")" -lt 1000 ]; do
    code=$(curl --silent --max-time 1 --output /dev/null \
      --write-out '%{http_code}' "$shutdown_url/readyz")
    if [ "$code" = 503 ]; then
      first_503=$(milliseconds_between "$started" "$(now_ns)")
      break
    fi
    [ "$code" = 200 ] || break
  done
  headers=$(curl --silent --dump-header - --output /dev/null "$shutdown_url/")
  wait "$stop_pid"
  [ -n "$first_503" ] || { why "/readyz answered $code, not 503"; return; }
  echo "  /readyz answered 503 ${first_503} ms after docker stop began"
  grep -q '^HTTP/1.1 200' <<<"$headers" ||
    { why "GET / during the delay got: $headers"; return; }
  grep -qi '^connection: close' <<<"$headers" ||
    { why "GET / during the delay kept its connection: $headers"; return; }
  [ "$(exit_code "$shutdown_container")" = 0 ] ||
    { why "exit code $(exit_code "$shutdown_container")"; return; }
}

shutdown_deadline_ends_a_hung_stop() {
  rm -f "$shutdown_dir"/*
  start_stack 0 1500 || { why "the prod stack did not start"; return; }
  request_in_background /debug/delay/30000 hung
  sleep 0.5
  local started elapsed code
  started=$(now_ns)
  stop_in_background
  wait "$stop_pid"
  elapsed=$(milliseconds_between "$started" "$(now_ns)")
  wait
  code=$(exit_code "$shutdown_container")
  echo "  the deadline ended the stop after $elapsed ms, exit code $code"
  [ "$code" = 1 ] || { why "exit code $code, expected 1"; return; }
  [ "$elapsed" -lt 5000 ] ||
    { why "the stop took $elapsed ms: Docker's kill, not the deadline"; return; }
  docker logs "$shutdown_container" 2>&1 |
    grep -q '"timeoutMs":1500,"inFlight":1,"msg":"shutdown deadline passed, exiting"' ||
    { why "no deadline line in the log"; return; }
}

check "prod-shutdown: docker stop during a 2 s request (default settings)" shutdown_default_stop_runs
check "prod-shutdown: the request begun before SIGTERM gets its 200" shutdown_request_in_flight_gets_its_200
check "prod-shutdown: an idle keep-alive connection is closed at once, not waited for" shutdown_idle_connection_closes_at_once
check "prod-shutdown: the container exits 0 as soon as the request is answered" shutdown_exits_0_once_the_request_is_answered
check "prod-shutdown: with SHUTDOWN_DELAY_MS, /readyz answers 503 at once while the port stays open" shutdown_readyz_turns_503_at_once
check "prod-shutdown: the SHUTDOWN_TIMEOUT_MS deadline ends a hung stop with exit code 1 and a log line" shutdown_deadline_ends_a_hung_stop
$shutdown_compose down --remove-orphans >/dev/null 2>&1
rm -rf "$shutdown_dir"
