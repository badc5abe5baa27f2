# The dev loop against the ways hot reload breaks: the type checker beside
# the server, the inspector, the warm server, saves in a burst, config
# files, the polling switch, new and upgraded packages, the shell. (Its
# speed is make bench-reload's.)

reload_url=""
reload_root=service/src/routes/root.ts
reload_backups=$(mktemp -d)

reload_save() { cp "$1" "$reload_backups/$(basename "$1")"; }
reload_restore() { cp "$reload_backups/$(basename "$1")" "$1"; }

# reload_log_since TIMESTAMP: the dev container's log since then.
reload_log_since() {
  $DEV_COMPOSE logs --no-color --since "$1" api 2>&1
}

# reload_wait_for_log TIMESTAMP PATTERN SECONDS: waits until the log since
# TIMESTAMP matches the extended regular expression PATTERN.
reload_wait_for_log() {
  local deadline=$(($(date +%s) + $3))
  until reload_log_since "$1" | grep -Eq "$2"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

reload_now() { date -u +%Y-%m-%dT%H:%M:%S.%NZ; }

# reload_in_container COMMAND: runs a shell command in the dev container.
reload_in_container() {
  $DEV_COMPOSE exec -T api sh -c "$1"
}

# reload_processes PREFIX: "pid command line" of each process in the dev
# container whose command line starts with PREFIX.
reload_processes() {
  reload_in_container "for process in /proc/[0-9]*; do
      line=\$(tr '\\0' ' ' <\$process/cmdline 2>/dev/null) || continue
      case \"\$line\" in '$1'*) echo \"\${process#/proc/} \$line\" ;; esac
    done"
}

# reload_listeners PORT: the pid of each process in the dev container that
# listens on TCP port PORT, from the kernel's socket table.
reload_listeners() {
  reload_in_container "port=\$(printf ':%04X' $1)
    for inode in \$(awk -v port=\"\$port\" \
      '\$4 == \"0A\" && substr(\$2, length(\$2) - 4) == port { print \$10 }' \
      /proc/net/tcp /proc/net/tcp6); do
      for fd in /proc/[0-9]*/fd/*; do
        [ \"\$(readlink \$fd 2>/dev/null)\" = \"socket:[\$inode]\" ] &&
          echo \"\$fd\" | cut -d/ -f3
      done
    done | sort -u"
}

# reload_warm_server SECONDS: the pid of the warm server, the process
# dev/warm-pool.js keeps waiting for the next restart; waits for one.
reload_warm_server() {
  local deadline=$(($(date +%s) + $1)) live pid
  while :; do
    live=$(reload_listeners 8000)
    for pid in $(reload_processes "" | grep 'dev/warm-server\.js' |
      cut -d ' ' -f 1); do
      [ "$pid" = "$live" ] || { echo "$pid"; return 0; }
    done
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# reload_inotify_watches PID: how many inotify watches the process holds;
# a watcher that polls holds none.
reload_inotify_watches() {
  reload_in_container \
    "cat /proc/$1/fdinfo/* 2>/dev/null | grep -c '^inotify wd:'"
}

reload_up() {
  $DEV_COMPOSE up --build --detach --quiet-pull >/dev/null 2>&1 ||
    why "make up failed"
  reload_url=$(base_url "$DEV_COMPOSE") || why "port 8000 is not published"
  wait_for_body "$reload_url/" '"environment":"development"' 90 >/dev/null ||
    why "GET / did not answer within 90s"
}

dev_starts_with_the_type_checker_beside_the_server() {
  local since
  since=$(reload_now)
  $DEV_COMPOSE down >/dev/null 2>&1
  reload_up || return 1
  reload_wait_for_log "$since" 'Found 0 errors' 60 ||
    why "the type checker reported no clean run within 60s"
}

dev_publishes_the_inspector_on_loopback_only() {
  local published
  published=$($DEV_COMPOSE port api 9229) || why "9229 is not published"
  [ "${published%:*}" = 127.0.0.1 ] || why "published on $published"
  curl --silent --max-time 3 "http://$published/json/version" |
    grep -q '"Browser": *"node.js' ||
    why "no inspector answers on $published"
}

# The editor's attach configuration, read from .vscode/launch.json: its
# remoteRoot plus the file's path below localRoot is the running script.
dev_breakpoint_through_launch_json_binds() {
  local launch=.vscode/launch.json remote_root line
  grep -q '"localRoot": *"${workspaceFolder}/service"' "$launch" ||
    why "$launch does not map service/ as localRoot"
  remote_root=$(sed -n 's/.*"remoteRoot": *"\([^"]*\)".*/\1/p' "$launch")
  line=$(grep -n 'ctx.body = {' "$reload_root" | cut -d: -f1)
  $DEV_COMPOSE exec -T \
    -e REMOTE_FILE="$remote_root/${reload_root#service/}" -e LINE="$line" \
    api node --input-type=module - \
    <e2e/support/breakpoint-binds.mjs >/dev/null ||
    why "the breakpoint at $reload_root:$line did not pause the server"
}

dev_restarts_cleanly_after_five_saves_in_a_second() {
  local since index
  since=$(reload_now)
  reload_save "$reload_root"
  for index in 1 2 3 4 5; do
    sed "s/service: identity.name,/service: identity.name, burst: $index,/" \
      "$reload_backups/root.ts" >"$reload_root"
    sleep 0.2
  done
  wait_for_body "$reload_url/" '"burst":5' 10 >/dev/null
  local served=$?
  reload_restore "$reload_root"
  [ "$served" -eq 0 ] || why "the last save was not served within 10s"
  wait_for_body "$reload_url/" '^\{"service"' 10 >/dev/null ||
    why "the restored file was not served"
  sleep 1
  ! reload_log_since "$since" | grep -Eiq 'address already in use|EADDRINUSE' ||
    why "a restart found a port in use: $(reload_log_since "$since")"
  [ "$(reload_listeners 8000 | wc -l)" -eq 1 ] ||
    why "not exactly one process listens on 8000: $(reload_listeners 8000)"
  [ "$(reload_listeners 9229)" = "$(reload_listeners 8000)" ] ||
    why "the inspector is not the server's"
  dev_publishes_the_inspector_on_loopback_only
}

# The restart after a save starts the server that was warmed before it,
# rather than a cold one.
dev_serves_a_save_from_the_warm_server() {
  local warm live
  warm=$(reload_warm_server 20) || why "no warm server waits"
  reload_save "$reload_root"
  sed -i 's/service: identity.name,/service: identity.name, warmed: true,/' \
    "$reload_root"
  wait_for_body "$reload_url/" '"warmed":true' 10 >/dev/null
  local served=$?
  live=$(reload_listeners 8000)
  reload_restore "$reload_root"
  [ "$served" -eq 0 ] || why "the save was not served within 10s"
  [ "$live" = "$warm" ] ||
    why "the save was served by $live, not the warm server $warm"
  wait_for_body "$reload_url/" '^\{"service"' 10 >/dev/null ||
    why "the restored file was not served"
}

reload_type_error=service/src/e2e-type-error.ts

dev_shows_a_type_error_in_the_log_and_keeps_serving() {
  local since
  since=$(reload_now)
  echo "export const count: number = 'not a number';" >"$reload_type_error"
  reload_wait_for_log "$since" "e2e-type-error.ts.*error TS2322" 10 ||
    why "no TS2322 for $reload_type_error in the log within 10s"
  curl --silent "$reload_url/readyz" | grep -q '"status":"serving"' ||
    why "the server stopped serving"
}

dev_make_typecheck_fails_on_the_error_then_passes() {
  local output
  output=$(make --no-print-directory typecheck PROJECT="$PROJECT" 2>&1) &&
    why "make typecheck passed with $reload_type_error present"
  grep -q 'error TS2322' <<<"$output" || why "no TS2322 in: $output"
  rm -f "$reload_type_error"
  make --no-print-directory typecheck PROJECT="$PROJECT" >/dev/null 2>&1 ||
    why "make typecheck failed on the clean tree"
}

# ts-node read tsconfig.json as the warm server warmed: a change must not
# reach a server that read the old one.
dev_restarts_on_a_tsconfig_change() {
  local since warm
  warm=$(reload_warm_server 20) || why "no warm server waits"
  since=$(reload_now)
  reload_save service/tsconfig.json
  printf '\n' >>service/tsconfig.json
  reload_wait_for_log "$since" 'INFO.*listening' 10
  local restarted=$? live
  live=$(reload_listeners 8000)
  reload_restore service/tsconfig.json
  [ "$restarted" -eq 0 ] || why "no restart within 10s of the change"
  [ -n "$live" ] || why "nothing listens on 8000 after the restart"
  [ "$live" != "$warm" ] ||
    why "the server warmed with the old tsconfig.json took the restart"
}

dev_make_restart_applies_a_nodemon_json_change() {
  local since
  since=$(reload_now)
  reload_save service/nodemon.json
  sed -i 's/"watch": \["src",/"watch": ["src", "dev",/' service/nodemon.json
  make --no-print-directory restart PROJECT="$PROJECT" >/dev/null 2>&1 ||
    why "make restart failed"
  reload_wait_for_log "$since" 'watching path\(s\): .* dev' 20
  local applied=$?
  reload_restore service/nodemon.json
  make --no-print-directory restart PROJECT="$PROJECT" >/dev/null 2>&1
  [ "$applied" -eq 0 ] || why "nodemon did not watch dev/ after make restart"
  wait_for_body "$reload_url/" '^\{"service"' 30 >/dev/null ||
    why "the service did not answer after the restarts"
}

# .env: WATCH_POLLING=true, then make up. A polling nodemon holds no
# inotify watch; the default one does.
dev_watch_polling_in_env_reaches_nodemon() {
  local had_env=false nodemon since
  [ -e .env ] && had_env=true && cp .env "$reload_backups/.env"
  echo "WATCH_POLLING=true" >>.env
  reload_up
  local started=$?
  if $had_env; then cp "$reload_backups/.env" .env; else rm -f .env; fi
  [ "$started" -eq 0 ] || return 1

  nodemon=$(reload_processes "node /app/node_modules/.bin/nodemon")
  grep -q -- '--legacy-watch' <<<"$nodemon" ||
    why "nodemon runs without --legacy-watch: $nodemon"
  [ "$(reload_inotify_watches "${nodemon%% *}")" -eq 0 ] ||
    why "nodemon holds inotify watches while polling"
  reload_processes "node /app/node_modules/.bin/tsc" |
    grep -q 'dynamicPriorityPolling' || why "the type checker does not poll"
  dev_serves_a_save_within 5 || return 1

  reload_up || return 1
  nodemon=$(reload_processes "node /app/node_modules/.bin/nodemon")
  [ "$(reload_inotify_watches "${nodemon%% *}")" -gt 0 ] ||
    why "without WATCH_POLLING, nodemon holds no inotify watch"
}

# dev_serves_a_save_within SECONDS
dev_serves_a_save_within() {
  reload_save "$reload_root"
  sed -i 's/service: identity.name,/service: identity.name, polled: true,/' \
    "$reload_root"
  wait_for_body "$reload_url/" '"polled":true' "$1" >/dev/null
  local served=$?
  reload_restore "$reload_root"
  [ "$served" -eq 0 ] || why "a save was not served within $1s"
  wait_for_body "$reload_url/" '^\{"service"' 10 >/dev/null
}

reload_package=just-kebab-case
reload_use_package="added: kebabCase('Added Package'), addedVersion,"

# reload_serves_version VERSION: GET / shows the package at VERSION.
reload_serves_version() {
  wait_for_body "$reload_url/" \
    "\"added\":\"added-package\",\"addedVersion\":\"$1\"" 15 >/dev/null
}

# The host user's files stay the host user's. As root (CI), that would
# prove nothing: the manifest and lockfile get another owner first.
reload_host_owner="$(id -u):$(id -g)"
reload_original_owner=$(ls -ln service/package.json | awk '{ print $3 ":" $4 }')

dev_make_npm_adds_a_package_src_can_use_at_once() {
  local owner
  reload_save service/package.json
  reload_save service/package-lock.json
  reload_save "$reload_root"
  if [ "$(id -u)" = 0 ]; then
    reload_host_owner=4321:4321
    chown "$reload_host_owner" service/package.json service/package-lock.json
  fi
  make --no-print-directory npm PROJECT="$PROJECT" \
    ARGS="install $reload_package@4.1.1 --no-audit --no-fund" >/dev/null 2>&1 ||
    why "make npm install failed"
  grep -q "\"$reload_package\"" service/package.json ||
    why "service/package.json does not list $reload_package"
  for file in service/package.json service/package-lock.json; do
    owner=$(ls -ln "$file" | awk '{ print $3 ":" $4 }')
    [ "$owner" = "$reload_host_owner" ] ||
      why "$file belongs to $owner, not $reload_host_owner"
  done
  [ ! -e service/node_modules ] || why "service/node_modules appeared"

  { echo "import kebabCase from '$reload_package';"
    echo "import { version as addedVersion } from '$reload_package/package.json';"
    cat "$reload_root"; } |
    sed "s/service: identity.name,/service: identity.name, $reload_use_package/" \
      >"$reload_backups/edited.ts"
  cp "$reload_backups/edited.ts" "$reload_root"
  reload_serves_version 4.1.1 ||
    why "src could not use $reload_package within 15s"
}

# Once a server has loaded the package, the next warm server loads it
# ahead; an upgrade must replace that copy, not serve it.
dev_make_npm_upgrade_reaches_the_next_restart() {
  local since
  since=$(reload_now)
  touch "$reload_root"
  reload_wait_for_log "$since" 'INFO.*listening' 10 ||
    why "no restart after touching $reload_root"
  reload_warm_server 20 >/dev/null || why "no warm server waits"
  make --no-print-directory npm PROJECT="$PROJECT" \
    ARGS="install $reload_package@4.2.0 --no-audit --no-fund" >/dev/null 2>&1 ||
    why "make npm install failed"
  reload_serves_version 4.2.0 ||
    why "GET / still shows $(curl --silent "$reload_url/")"
}

# A pull brings a new lockfile the same way: make up rebuilds the image
# from it; nothing to delete by hand.
dev_make_up_rebuilds_with_the_new_package() {
  local since container
  since=$(reload_now)
  container=$($DEV_COMPOSE ps --quiet api)
  reload_up || return 1
  [ "$($DEV_COMPOSE ps --quiet api)" != "$container" ] ||
    why "make up kept the container that npm installed into"
  curl --silent "$reload_url/" | grep -q '"addedVersion":"4.2.0"' ||
    why "the rebuilt container cannot use $reload_package"
  ! reload_log_since "$since" | grep -q 'differs from the lockfile' ||
    why "the rebuilt container warns of a stale lockfile"
}

dev_make_sh_opens_a_shell_in_the_container() {
  local output
  output=$(echo 'echo "in $PWD as $(id -un)"' |
    make --no-print-directory sh PROJECT="$PROJECT" 2>&1)
  [ "$output" = "in /app/service as node" ] || why "make sh printed: $output"
}

reload_restore_package() {
  reload_restore service/package.json
  reload_restore service/package-lock.json
  chown "$reload_original_owner" service/package.json service/package-lock.json
  reload_restore "$reload_root"
}

check "dev: the type checker starts beside the server and finds 0 errors" dev_starts_with_the_type_checker_beside_the_server
check "dev: the inspector is published on 127.0.0.1 only and answers there" dev_publishes_the_inspector_on_loopback_only
check "dev: a breakpoint set through launch.json's path mapping pauses the server" dev_breakpoint_through_launch_json_binds
check "dev: a save is served by the server warmed before it" dev_serves_a_save_from_the_warm_server
check "dev: five saves within a second end in one server, no port in use" dev_restarts_cleanly_after_five_saves_in_a_second
check "dev: a type error shows in the log within 10s; the server keeps serving" dev_shows_a_type_error_in_the_log_and_keeps_serving
check "dev: make typecheck fails on a type error and passes without it" dev_make_typecheck_fails_on_the_error_then_passes
rm -f "$reload_type_error"
check "dev: a change to tsconfig.json restarts the server, not with the warm one" dev_restarts_on_a_tsconfig_change
check "dev: make restart applies a change to nodemon.json" dev_make_restart_applies_a_nodemon_json_change
check "dev: WATCH_POLLING=true in .env reaches nodemon at make up; saves are polled" dev_watch_polling_in_env_reaches_nodemon
check "dev: make npm install writes host-owned files; src uses the package at once" dev_make_npm_adds_a_package_src_can_use_at_once
check "dev: a package upgraded with make npm is served at the next restart" dev_make_npm_upgrade_reaches_the_next_restart
check "dev: make up rebuilds the container with the new package" dev_make_up_rebuilds_with_the_new_package
reload_restore_package
check "dev: make sh opens a shell in the dev container" dev_make_sh_opens_a_shell_in_the_container
$DEV_COMPOSE down --remove-orphans >/dev/null 2>&1
rm -rf "$reload_backups"
