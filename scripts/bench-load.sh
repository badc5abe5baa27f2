#!/usr/bin/env bash
# make bench-load: loads GET / of the running prod container, then a bare
# node:http server started from the same image with the same CPU and memory
# limits, in alternating rounds, and prints the medians of requests per
# second and p99 latency for each, and their ratio. autocannon runs in its
# own container inside each server's network namespace, so all traffic
# stays on that container's 127.0.0.1. Bounded: about a minute by default.
# Needs only docker and bash.
set -euo pipefail

PROJECT=${PROJECT:-$(basename "$PWD")}
PROD_COMPOSE=${PROD_COMPOSE:-docker compose -f compose.yaml -f compose.prod.yaml}
BENCH_SECONDS=${BENCH_SECONDS:-8}
BENCH_ROUNDS=${BENCH_ROUNDS:-3}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-50}

loader="$PROJECT-bench-load"
bare="$PROJECT-bench-bare"
trap 'docker rm --force "$bare" >/dev/null 2>&1 || true' EXIT

service=$($PROD_COMPOSE ps --quiet api)
[ -n "$service" ] || {
  echo "bench-load: the prod stack is not running; run make prod" >&2
  exit 1
}
image=$(docker inspect --format '{{.Image}}' "$service")
nano_cpus=$(docker inspect --format '{{.HostConfig.NanoCpus}}' "$service")
memory=$(docker inspect --format '{{.HostConfig.Memory}}' "$service")
cpus=$(awk -v n="$nano_cpus" 'BEGIN { printf "%.2f", n / 1e9 }')

echo "bench-load: building the load generator"
docker build --quiet --tag "$loader" scripts/bench >/dev/null

docker rm --force "$bare" >/dev/null 2>&1 || true
docker run --detach --name "$bare" --cpus "$cpus" --memory "${memory}b" \
  --read-only --cap-drop ALL --user node \
  --volume "$PWD/scripts/bench:/bench:ro" \
  --entrypoint node "$image" /bench/bare-server.mjs >/dev/null
until docker exec "$bare" wget -q -O /dev/null http://127.0.0.1:8000/; do
  sleep 0.2
done

# load CONTAINER SECONDS: prints "req/s p99 failures non-2xx".
load() {
  docker run --rm --network "container:$1" "$loader" \
    http://127.0.0.1:8000/ "$2" "$BENCH_CONNECTIONS"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "bench-load: warming up both servers"
load "$service" 3 >/dev/null
load "$bare" 3 >/dev/null

service_runs=""
bare_runs=""
for round in $(seq "$BENCH_ROUNDS"); do
  echo "bench-load: round $round of $BENCH_ROUNDS (${BENCH_SECONDS} s each)"
  service_runs+="$(load "$service" "$BENCH_SECONDS")"$'\n'
  bare_runs+="$(load "$bare" "$BENCH_SECONDS")"$'\n'
done

column() { printf '%s' "$1" | awk -v c="$2" 'NF { print $c }' | median; }
total() { printf '%s' "$1" | awk -v c="$2" '{ s += $c } END { print s + 0 }'; }
service_rps=$(column "$service_runs" 1)
bare_rps=$(column "$bare_runs" 1)

cat <<REPORT
bench-load: GET /, $BENCH_CONNECTIONS connections, $BENCH_ROUNDS rounds of ${BENCH_SECONDS} s, medians; each server limited to $cpus CPU
                    req/s      p99 ms   failed   non-2xx
  prod service   $(printf '%8.0f %10s %8s %9s' "$service_rps" "$(column "$service_runs" 2)" "$(total "$service_runs" 3)" "$(total "$service_runs" 4)")
  bare node:http $(printf '%8.0f %10s %8s %9s' "$bare_rps" "$(column "$bare_runs" 2)" "$(total "$bare_runs" 3)" "$(total "$bare_runs" 4)")
  ratio          $(awk -v a="$service_rps" -v b="$bare_rps" 'BEGIN { printf "%8.2f", a / b }') (service / bare, req/s)
REPORT
