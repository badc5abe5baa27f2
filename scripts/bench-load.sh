#!/usr/bin/env bash
# make bench-load: loads GET / of the running prod container, then a bare
# node:http server started from the same image with the same CPU and memory
# limits, in alternating rounds, and prints the medians of requests per
# second, p99 latency and CPU time per request for each, and their ratios.
# autocannon runs in its own container inside each server's network
# namespace, so all traffic stays on that container's 127.0.0.1. Bounded:
# about a minute by default. Needs only docker and bash.
#
# Requests per second depend on everything else the machine runs; the CPU
# time the server's node process spends per request hardly does, so its
# ratio is the steadier figure on a busy machine.
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
until docker exec "$bare" wget -q -O /dev/null http://127.0.0.1:8000/ 2>/dev/null; do
  sleep 0.2
done

# cpu_ticks CONTAINER: the CPU time, user and system, of the container's
# node process so far, in clock ticks (1/100 s). Node names its main thread
# MainThread.
cpu_ticks() {
  docker exec "$1" sh -c 'cat /proc/[0-9]*/stat 2>/dev/null' |
    awk '$2 == "(MainThread)" || $2 == "(node)" { t += $14 + $15 }
      END { print t + 0 }'
}

# load CONTAINER SECONDS: prints "req/s p99 failures non-2xx cpu-us/req".
load() {
  local before after
  before=$(cpu_ticks "$1")
  docker run --rm --network "container:$1" "$loader" \
    http://127.0.0.1:8000/ "$2" "$BENCH_CONNECTIONS" | {
    read -r rps p99 failures non2xx total
    after=$(cpu_ticks "$1")
    awk -v rps="$rps" -v p99="$p99" -v f="$failures" -v n="$non2xx" \
      -v total="$total" -v ticks=$((after - before)) \
      'BEGIN { print rps, p99, f, n, ticks * 10000 / total }'
  }
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "bench-load: warming up both servers"
load "$service" 3 >/dev/null
load "$bare" 3 >/dev/null

service_runs=""
bare_runs=""
round=0
while [ "$round" -lt "$BENCH_ROUNDS" ]; do
  round=$((round + 1))
  echo "bench-load: round $round of $BENCH_ROUNDS (${BENCH_SECONDS} s each)"
  service_runs+="$(load "$service" "$BENCH_SECONDS")"$'\n'
  bare_runs+="$(load "$bare" "$BENCH_SECONDS")"$'\n'
done

column() { printf '%s' "$1" | awk -v c="$2" 'NF { print $c }' | median; }
total() { printf '%s' "$1" | awk -v c="$2" '{ s += $c } END { print s + 0 }'; }
service_rps=$(column "$service_runs" 1)
bare_rps=$(column "$bare_runs" 1)

service_cpu=$(column "$service_runs" 5)
bare_cpu=$(column "$bare_runs" 5)

# row NAME RUNS: one line of the table.
row() {
  printf '  %-14s %8.0f %8s %10.1f %7s %8s\n' "$1" "$(column "$2" 1)" \
    "$(column "$2" 2)" "$(column "$2" 5)" "$(total "$2" 3)" "$(total "$2" 4)"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "bench-load: GET /, $BENCH_CONNECTIONS connections, $BENCH_ROUNDS rounds" \
  "of ${BENCH_SECONDS} s, medians; each server limited to $cpus CPU"
printf '  %-14s %8s %8s %10s %7s %8s\n' '' 'req/s' 'p99 ms' 'CPU us/req' \
  failed non-2xx
row 'prod service' "$service_runs"
row 'bare node:http' "$bare_runs"
echo "  ratio, service to bare: $(ratio "$service_rps" "$bare_rps") in req/s," \
  "$(ratio "$bare_cpu" "$service_cpu") in CPU time per request"
