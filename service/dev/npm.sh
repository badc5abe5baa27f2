#!/bin/sh
# make npm ARGS="...": runs npm on the dev container's packages. They live in
# /app/node_modules, beside a copy of the manifest and lockfile, and not in
# the mount; so npm runs in /app, and the manifest and lockfile it leaves
# are written back into the mount. Runs as root (the packages are root's);
# writing into the existing files keeps their owner, the host's user.
set -eu

case "${1:-}" in
  "")
    echo 'Usage: make npm ARGS="install <package>"' >&2
    exit 2
    ;;
  run | run-script | test | start | stop | restart | exec | x)
    echo "make npm manages the dependencies; run scripts from 'make sh'" \
      "(npm $1 ... in /app/service), or use 'make test' or" \
      "'make typecheck'" >&2
    exit 2
    ;;
esac

cp /app/service/package.json /app/
if [ -e /app/service/package-lock.json ]; then
  cp /app/service/package-lock.json /app/
else
  rm -f /app/package-lock.json
fi
cd /app
npm "$@"

# A file npm created rather than changed takes the manifest's owner.
owner=$(stat -c %u:%g /app/service/package.json)
for file in package.json package-lock.json; do
  cmp -s "/app/$file" "/app/service/$file" && continue
  cat "/app/$file" >"/app/service/$file"
  [ "$(stat -c %u:%g "/app/service/$file")" = "$owner" ] ||
    chown "$owner" "/app/service/$file"
done
