# The service under bad input, as a user tries it with curl: each bad input
# gets its documented JSON answer, and the log has one access line per
# request with the request id (pretty in dev, raw JSON in prod).

errors_url=""
# The request ids sent so far, one per request that must be logged.
sent_ids=()

errors_dev_starts() {
  $DEV_COMPOSE up --build --detach --quiet-pull >/dev/null 2>&1 ||
    why "make up failed"
  errors_url=$(base_url "$DEV_COMPOSE") || why "port 8000 is not published"
  wait_for_body "$errors_url/readyz" '"status":"serving"' 60 >/dev/null ||
    why "/readyz did not answer within 60s"
}

# expect_answer STATUS BODY PATH [CURL_ARGS...]: sends a request with a
# fresh X-Request-Id and checks the status, the exact body (where BODY
# holds REQUEST_ID for the id) and the X-Request-Id sent back.
expect_answer() {
  local status=$1 expected=$2 path=$3
  shift 3
  local id="e2e-$RANDOM$RANDOM" headers body code
  headers=$(mktemp)
  sent_ids+=("$id")
  body=$(curl --silent --max-time 5 --dump-header "$headers" \
    --write-out '\n%{http_code}' -H "X-Request-Id: $id" "$@" \
    "$errors_url$path")
  code=$(tail -n 1 <<<"$body")
  body=$(sed '$d' <<<"$body")
  local echoed
  echoed=$(tr -d '\r' <"$headers" | sed -n 's/^[Xx]-[Rr]equest-[Ii]d: //p')
  answer_headers=$(cat "$headers")
  rm -f "$headers"
  expected=${expected//REQUEST_ID/$id}
  [ "$code" = "$status" ] || why "$path answered $code, not $status: $body"
  [ "$body" = "$expected" ] || why "$path answered $body, not $expected"
  [ "$echoed" = "$id" ] || why "X-Request-Id came back as '$echoed', not $id"
}

# error_body STATUS MESSAGE: the JSON error shape, without fields.
error_body() {
  printf '{"status":%s,"message":"%s","requestId":"REQUEST_ID"}' "$1" "$2"
}

json=(-H 'Content-Type: application/json')

errors_unknown_path_gets_404() {
  expect_answer 404 "$(error_body 404 'Not Found')" /nowhere
}

errors_wrong_method_gets_405_with_allow() {
  expect_answer 405 "$(error_body 405 'Method Not Allowed')" /api/notes \
    -X DELETE || return 1
  grep -qi '^allow: POST, HEAD, GET' <<<"$answer_headers" ||
    why "no Allow header: $answer_headers"
}

errors_malformed_json_gets_400() {
  expect_answer 400 \
    "$(error_body 400 'Request body must be a JSON object or array')" \
    /api/notes "${json[@]}" --data '{"title": '
}

errors_oversized_body_gets_413() {
  local big
  big=$(head -c 110000 /dev/zero | tr '\0' 'a')
  expect_answer 413 \
    "$(error_body 413 'Request body is over the limit of 102400 bytes')" \
    /api/notes "${json[@]}" --data-binary "{\"title\":\"$big\"}"
}

errors_wrong_content_type_gets_415() {
  expect_answer 415 "$(error_body 415 'Content-Type must be application/json')" \
    /api/notes -H 'Content-Type: text/plain' --data 'a note'
}

errors_invalid_fields_get_422_naming_them() {
  local fields='[{"field":"title","message":"Too small: expected string to have >=1 characters"},{"field":"tags","message":"Invalid input: expected array, received string"}]'
  expect_answer 422 \
    "{\"status\":422,\"message\":\"Invalid fields: title, tags\",\"requestId\":\"REQUEST_ID\",\"fields\":$fields}" \
    /api/notes "${json[@]}" --data '{"title": "", "tags": "x"}'
}

errors_a_valid_note_gets_201_with_location() {
  local id="e2e-create-$RANDOM" response
  sent_ids+=("$id")
  response=$(curl --silent --include --max-time 5 -H "X-Request-Id: $id" \
    "${json[@]}" --data '{"title": "Milk"}' "$errors_url/api/notes")
  grep -q '^HTTP/1.1 201' <<<"$response" || why "not 201: $response"
  grep -qi '^location: /api/notes/' <<<"$response" ||
    why "no Location: $response"
  grep -q '"title":"Milk"' <<<"$response" || why "no note: $response"
}

errors_unsafe_request_ids_are_replaced() {
  local value uuid='[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
  for value in $'e2e-odd-bytes-\xe9\xff' \
    "e2e-huge-$(head -c 4000 /dev/zero | tr '\0' 'z')" 'e2e-with space'; do
    local headers
    headers=$(curl --silent --max-time 5 --output /dev/null --dump-header - \
      -H "X-Request-Id: $value" "$errors_url/")
    grep -Eqi "^x-request-id: $uuid"$'\r'"?$" <<<"$headers" ||
      why "X-Request-Id was not replaced by a UUID: $headers"
    ! grep -q 'e2e-odd\|e2e-huge\|e2e-with' <<<"$headers" ||
      why "the unsafe id came back: $headers"
  done
  # A line break in a header never reaches the service: Node refuses it.
  curl --silent --max-time 5 --output /dev/null --write-out '%{http_code}' \
    -H $'X-Request-Id: e2e-line\nbreak' "$errors_url/" | grep -q '^400$' ||
    why "a header with a line break was not refused with 400"
}

errors_headers_are_secure_and_anonymous() {
  local headers
  headers=$(curl --silent --max-time 5 --output /dev/null --dump-header - \
    "$errors_url/nowhere")
  grep -qi "^content-security-policy: default-src 'none'" <<<"$headers" ||
    why "no CSP: $headers"
  grep -qi '^x-content-type-options: nosniff' <<<"$headers" ||
    why "no nosniff: $headers"
  grep -qi '^x-frame-options: DENY' <<<"$headers" ||
    why "no X-Frame-Options: $headers"
  ! grep -qi '^x-powered-by\|^server:\|koa\|express' <<<"$headers" ||
    why "a header names the framework: $headers"
}

# log_lines COMPOSE: the api service's log, without Compose's prefixes and
# the erase-line sequences it may still print.
log_lines() {
  $1 logs --no-color --no-log-prefix api 2>&1 |
    sed 's/\x1b\[[0-9;]*[A-Za-z]//g'
}

# wait_for_log COMPOSE PATTERN: waits up to 5s for a log line matching the
# extended regular expression PATTERN.
wait_for_log() {
  local tries
  for tries in $(seq 50); do
    log_lines "$1" | grep -Eq "$2" && return 0
    sleep 0.1
  done
  return 1
}

errors_dev_log_has_one_access_line_per_request() {
  local log id count
  # A probe, then a request after it: once the second is logged, the
  # probe's line would be there too, had it been logged at info.
  curl --silent --max-time 5 -H 'X-Request-Id: e2e-probe' \
    "$errors_url/livez" >/dev/null
  curl --silent --max-time 5 -H 'X-Request-Id: e2e-after-probe' \
    "$errors_url/" >/dev/null
  wait_for_log "$DEV_COMPOSE" 'e2e-after-probe' ||
    why "the request after the probe was not logged"
  log=$(log_lines "$DEV_COMPOSE")
  for id in "${sent_ids[@]}"; do
    count=$(grep -c "INFO: request .*\"requestId\":\"$id\"" <<<"$log")
    [ "$count" -eq 1 ] || why "$count access lines for $id, expected 1"
  done
  ! grep -q 'e2e-probe' <<<"$log" || why "a probe was logged at info"
  ! grep -q 'e2e-odd\|e2e-huge\|e2e-with\|e2e-line' <<<"$log" ||
    why "an unsafe request id reached the log"
  echo "  ${#sent_ids[@]} requests, ${#sent_ids[@]} access lines"
}

errors_prod_log_is_raw_json_with_the_request_id() {
  $PROD_COMPOSE up --build --detach --wait --quiet-pull >/dev/null 2>&1 ||
    why "the prod stack did not start"
  local prod_url line
  prod_url=$(base_url "$PROD_COMPOSE") || why "port 8000 is not published"
  curl --silent --max-time 5 -H 'X-Request-Id: e2e-prod-1' \
    "$prod_url/nowhere" >/dev/null
  wait_for_log "$PROD_COMPOSE" '"requestId":"e2e-prod-1"' ||
    why "the request was not logged"
  line=$(log_lines "$PROD_COMPOSE" | grep '"requestId":"e2e-prod-1"')
  [ "$(wc -l <<<"$line")" -eq 1 ] || why "not one line for the request: $line"
  grep -Eq '^\{"level":30,"time":[0-9]+,.*"method":"GET","path":"/nowhere","status":404,"durationMs":[0-9.]+,"msg":"request"\}$' \
    <<<"$line" || why "not a raw JSON access line: $line"
}

check "errors: dev starts for the bad-input checks" errors_dev_starts
check "errors: an unknown path gets a JSON 404 with the request id" errors_unknown_path_gets_404
check "errors: a wrong method gets 405 with Allow" errors_wrong_method_gets_405_with_allow
check "errors: malformed JSON gets 400" errors_malformed_json_gets_400
check "errors: a body over BODY_LIMIT gets 413" errors_oversized_body_gets_413
check "errors: a JSON route given text/plain gets 415" errors_wrong_content_type_gets_415
check "errors: invalid fields get 422 naming each field" errors_invalid_fields_get_422_naming_them
check "errors: a valid note gets 201 with its Location" errors_a_valid_note_gets_201_with_location
check "errors: an unsafe X-Request-Id is replaced by a UUID" errors_unsafe_request_ids_are_replaced
check "errors: answers carry security headers and name no framework" errors_headers_are_secure_and_anonymous
check "errors: the dev log has one access line per request with its id" errors_dev_log_has_one_access_line_per_request
check "errors: the prod log is raw JSON with the request id" errors_prod_log_is_raw_json_with_the_request_id
$DEV_COMPOSE down --remove-orphans >/dev/null 2>&1
$PROD_COMPOSE down --remove-orphans >/dev/null 2>&1
