#!/bin/sh
# The dev container's command (Dockerfile, dev stage): checks the packages
# against the lockfile, starts the type checker and the warm pool in the
# background, then puts nodemon in this shell's place, so that a stop's
# SIGTERM reaches nodemon.
set -eu

# WATCH_POLLING=true (.env): stat every watched file on a timer, for hosts
# whose file events do not reach the container.
polling_setting() {
  case "${WATCH_POLLING:-false}" in
    true | false) echo "${WATCH_POLLING:-false}" ;;
    *)
      printf 'Invalid setting WATCH_POLLING="%s": expected true or false\n' \
        "$WATCH_POLLING" >&2
      return 1
      ;;
  esac
}

# The image installed /app/node_modules from /app/package-lock.json; a
# mounted lockfile that differs (a pull, an edit on the host) means packages
# may be missing. `make up` rebuilds the image from it.
warn_if_packages_are_stale() {
  cmp -s /app/package-lock.json package-lock.json && return
  echo "warning: service/package-lock.json differs from the lockfile this" \
    "container's packages were installed from; run 'make up' to rebuild," \
    "or 'make npm ARGS=ci' to install them in place" >&2
}

# tsc --watch at the lowest CPU priority, so that a restart never waits on
# it. Its errors go to the container's log, which `make logs` follows.
start_type_checker() {
  if [ "$1" = true ]; then
    set -- --watchFile dynamicPriorityPolling \
      --watchDirectory dynamicPriorityPolling
  else
    set --
  fi
  tsc --noEmit --watch --preserveWatchOutput "$@" &
  # BusyBox has no nice(1); Node can lower another process's priority.
  node -e 'require("node:os").setPriority(Number(process.argv[1]), 19)' "$!"
}

polling=$(polling_setting)
warn_if_packages_are_stale
start_type_checker "$polling"
# Keeps the next server warm, so that a restart loads only src/; nodemon's
# command (dev/run-server.js) asks it for one at each restart.
node dev/warm-pool.js &
if [ "$polling" = true ]; then
  exec nodemon --legacy-watch
fi
exec nodemon
