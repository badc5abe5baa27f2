#!/usr/bin/env bash
# make bench-image: builds the prod image, then prints its size, the base
# image's, what our layers add and each of those layers, the largest entries
# in /app, and the start time (from spawning node to the first 200) of the
# service against a bare node:http server in the same image. Needs only
# docker and bash.
set -euo pipefail

PROD_COMPOSE=${PROD_COMPOSE:-docker compose -f compose.yaml -f compose.prod.yaml}
BASE_IMAGE=${BASE_IMAGE:-node:24-alpine}
START_RUNS=${START_RUNS:-9}

megabytes() { awk -v bytes="$1" 'BEGIN { printf "%.2f MB", bytes / 1e6 }'; }

echo "bench-image: building the prod image"
$PROD_COMPOSE build --quiet api
image=$($PROD_COMPOSE config --images | head -n 1)

image_bytes=$(docker image inspect --format '{{.Size}}' "$image")
base_bytes=$(docker image inspect --format '{{.Size}}' "$BASE_IMAGE")
added=$((image_bytes - base_bytes))
ours=$(($(docker history --quiet "$image" | wc -l) -
  $(docker history --quiet "$BASE_IMAGE" | wc -l)))

cat <<REPORT
bench-image: $image
  image        $(megabytes "$image_bytes") ($image_bytes bytes)
  base         $(megabytes "$base_bytes") ($BASE_IMAGE)
  our layers   $(megabytes "$added") ($added bytes; the target is 5 MB at most)
  each of our layers, newest first:
REPORT
docker history --human=false --format '{{.Size}}	{{.CreatedBy}}' "$image" |
  head -n "$ours" |
  awk -F '\t' '$1 > 0 {
    sub(/ # buildkit$/, "", $2)
    printf "    %10d  %s\n", $1, substr($2, 1, 60)
  }'

echo "  largest entries in /app (KiB):"
docker run --rm --entrypoint sh "$image" -c 'du -ak /app | sort -rn | head -n 6' |
  awk '{ printf "    %10d  %s\n", $1, $2 }'

# The image's own CMD, spawned START_RUNS times by start-time.mjs inside
# the image, limited to one CPU as in compose.prod.yaml.
command=$(docker image inspect --format '{{join .Config.Cmd " "}}' "$image")
time_start() {
  docker run --rm --cpus 1 --volume "$PWD/scripts/bench:/bench:ro" \
    --entrypoint node "$image" /bench/start-time.mjs "$START_RUNS" "$@"
}
read -r service_ms service_min service_max < <(time_start $command)
read -r bare_ms bare_min bare_max < <(time_start node /bench/bare-server.mjs)

cat <<REPORT
  start, from spawning node to the first 200 (median of $START_RUNS runs):
    service         $service_ms ms (fastest $service_min, slowest $service_max): $command
    bare node:http  $bare_ms ms (fastest $bare_min, slowest $bare_max)
    ratio           $(awk -v a="$service_ms" -v b="$bare_ms" 'BEGIN { printf "%.2f", a / b }')
REPORT
