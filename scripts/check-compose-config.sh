#!/bin/sh
# Stops a make target before it starts anything when Compose cannot read
# the stack's settings, with one sentence naming them, rather than
# Compose's bare complaint ("Invalid hostPort: abc") from every step after.
# Run through the Makefile, which sets COMPOSE (the stack's compose
# command) and TARGET (the make target, for the message).
set -eu

COMPOSE=${COMPOSE:-docker compose}
TARGET=${TARGET:-up}

output=$($COMPOSE config --quiet 2>&1) && exit 0
problem=$(printf '%s\n' "$output" | tail -n 1)
case "$problem" in
  *[Pp]ort*)
    # Compose reads compose.yaml's ports before compose.prod.yaml replaces
    # them, so a bad dev port stops `make prod` too.
    echo "make $TARGET: Compose cannot read a port setting ($problem);" \
      "HOST_PORT, DEV_PORT and INSPECT_PORT must each be a port such as" \
      "8081, or an address and a port such as 127.0.0.1:8081: check" \
      ".env and the command line." >&2 ;;
  *) echo "make $TARGET: Compose cannot read the settings: $problem" >&2 ;;
esac
exit 1
