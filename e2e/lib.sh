# Shared helpers for the end-to-end checks. Sourced by e2e/run.sh.

PROJECT=${PROJECT:-$(basename "$PWD" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9_-')}
DEV_COMPOSE="docker compose -p $PROJECT"
PROD_COMPOSE="docker compose -p $PROJECT-prod -f compose.yaml -f compose.prod.yaml"

passed=0
failed=0
check_failed=false

# check TITLE FUNCTION: runs FUNCTION and counts it. A function fails by
# returning non-zero, or by saying why at any step (see why), even a step
# that the function goes on after.
check() {
  local title=$1 function=$2
  check_failed=false
  if "$function" && ! $check_failed; then
    passed=$((passed + 1))
    echo "ok - $title"
  else
    failed=$((failed + 1))
    echo "not ok - $title"
  fi
}

# why MESSAGE: says why a check fails, and fails it. A `... || why` in the
# middle of a function would otherwise be lost to the steps after it.
why() {
  echo "  $*" >&2
  check_failed=true
  return 1
}

# base_url COMPOSE: the URL of the api service's published port 8000.
base_url() {
  local published
  published=$($1 port api 8000 2>/dev/null) || return 1
  echo "http://localhost:${published##*:}"
}

# wait_for_body URL PATTERN SECONDS: polls URL until its body matches the
# extended regular expression PATTERN; prints the seconds it took.
wait_for_body() {
  local url=$1 pattern=$2 deadline started now
  started=$(date +%s%N)
  deadline=$((started + $3 * 1000000000))
  while :; do
    if curl --silent --max-time 2 "$url" | grep -Eq "$pattern"; then
      now=$(date +%s%N)
      awk -v ns=$((now - started)) 'BEGIN { printf "%.2f\n", ns / 1e9 }'
      return 0
    fi
    [ "$(date +%s%N)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}

# names_an_unreadable_port TARGET SETTING PROJECT: `make TARGET`, under the
# Compose project PROJECT with SETTING=abc, fails with one sentence that
# names SETTING, shows Compose's complaint once, and creates no container
# of PROJECT (the prod stack's is PROJECT-prod).
names_an_unreadable_port() {
  local target=$1 setting=$2 project=$3 output status
  output=$(make --no-print-directory "$target" PROJECT="${project%-prod}" \
    "$setting=abc" 2>&1)
  status=$?
  [ "$status" -ne 0 ] || why "make $target went ahead with $setting=abc"
  grep -q "^make $target: Compose cannot read a port setting .*$setting" \
    <<<"$output" || why "make $target did not name $setting: $output"
  [ "$(grep -c 'Invalid hostPort' <<<"$output")" -eq 1 ] ||
    why "Compose's complaint is not there exactly once: $output"
  [ -z "$(docker ps -aq --filter "label=com.docker.compose.project=$project")" ] ||
    why "make $target created a container with $setting=abc"
}
