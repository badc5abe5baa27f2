# The prod image: its size over the base, every file it adds, its labels,
# and where a stack trace in its log points.

image_base=node:24-alpine
image_name=""
image_debug_compose="$PROD_COMPOSE -f e2e/overrides/debug-routes.yaml"

image_builds_through_make_prod() {
  make --no-print-directory prod PROJECT="$PROJECT" >/dev/null 2>&1 ||
    { why "make prod failed"; return; }
  image_name=$($PROD_COMPOSE config --images | head -n 1)
  docker image inspect "$image_name" >/dev/null 2>&1 ||
    { why "no image $image_name"; return; }
}

# list_files IMAGE: every path on the image's root filesystem, sorted.
list_files() {
  docker run --rm --entrypoint find "$1" / -xdev 2>/dev/null | sort
}

image_adds_only_the_bundle_and_package_json() {
  local added expected all
  added=$(comm -13 <(list_files "$image_base") <(list_files "$image_name"))
  expected=$(printf '%s\n' /app /app/dist /app/dist/server.js \
    /app/dist/server.js.map /app/dist/third-party-licenses.txt \
    /app/package.json)
  [ "$added" = "$expected" ] ||
    { why "the image adds: $(tr '\n' ' ' <<<"$added")"; return; }

  all=$(list_files "$image_name")
  local pattern
  for pattern in '^/app/src(/|$)' '\.(test|spec)\.[cm]?[jt]s$' \
    '(^|/)node_modules/(typescript|vitest|ts-node|nodemon|esbuild)(/|$)' \
    '^/app/node_modules' '(^|/)\.npm(/|$)' '(^|/)\.env(\.|$)' \
    '^/app/.*\.ts$'; do
    ! grep -Eq "$pattern" <<<"$all" ||
      { why "the image holds $(grep -E "$pattern" <<<"$all" | head -n 3)"; return; }
  done
}

# The map names our own sources only (the build trims the dependencies'
# mappings) and must not carry their text.
image_map_names_only_our_sources_without_their_text() {
  local map sources
  map=$(docker run --rm --entrypoint cat "$image_name" \
    /app/dist/server.js.map) || { why "no source map in the image"; return; }
  ! grep -q '"sourcesContent"' <<<"$map" ||
    { why "the source map carries the sources"; return; }
  sources=$(sed 's/.*"sources":\[\([^]]*\)\].*/\1/' <<<"$map" | tr ',' '\n')
  grep -q '^"\.\./src/server\.ts"$' <<<"$sources" ||
    { why "the source map does not name src/server.ts"; return; }
  ! grep -qv '^"\.\./src/[^"]*\.ts"$' <<<"$sources" ||
    { why "the source map names: $(grep -v '^"\.\./src/' <<<"$sources")"; return; }
}

# The bundle step itself refuses a dev dependency in the server's imports,
# run on a copy of the service in the deps stage's image.
image_build_refuses_a_dev_dependency() {
  local deps_image="$PROJECT-e2e-deps" output status
  docker build --quiet --target deps --tag "$deps_image" . >/dev/null ||
    { why "the deps stage did not build"; return; }
  output=$(tar -C service -cf - src scripts package.json package-lock.json \
    tsconfig.json tsconfig.build.json |
    docker run --rm --interactive --user root --entrypoint sh "$deps_image" -c \
      'mkdir /app/copy && tar -x -C /app/copy && cd /app/copy &&
       echo "import \"supertest\";" >>src/app.ts && npm run build' 2>&1)
  status=$?
  docker image rm "$deps_image" >/dev/null 2>&1
  [ "$status" -ne 0 ] || { why "the build bundled supertest"; return; }
  grep -q 'supertest is a dev dependency but the server imports it' \
    <<<"$output" || { why "the build said: $output"; return; }
}

# Every direct production dependency has its section, version included.
image_carries_the_bundled_licenses() {
  local licenses name version
  licenses=$(docker run --rm --entrypoint cat "$image_name" \
    /app/dist/third-party-licenses.txt) ||
    { why "no third-party-licenses.txt in the image"; return; }
  for name in $(sed -n '/"dependencies"/,/}/s/^ *"\([^"]*\)".*/\1/p' \
    service/package.json | grep -v dependencies); do
    grep -Eq "^$name [0-9]+\.[0-9]+\.[0-9]+" <<<"$licenses" ||
      { why "no license section for $name"; return; }
  done
  grep -q 'MIT' <<<"$licenses" || { why "no license text"; return; }
}

image_carries_its_oci_labels() {
  local label value expected
  for label in version revision created source; do
    value=$(docker image inspect --format \
      "{{index .Config.Labels \"org.opencontainers.image.$label\"}}" \
      "$image_name")
    case $label in
      version) expected=$(sed -n 's/^  "version": "\([^"]*\)",*$/\1/p' \
        service/package.json) ;;
      revision) expected=$(git rev-parse HEAD) ;;
      created) expected=$(grep -E '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$' \
        <<<"$value") ;;
      source) expected=$(git config --get remote.origin.url |
        sed 's|://[^/@]*@|://|') ;;
    esac
    [ -n "$value" ] || [ "$label" = source ] ||
      { why "the $label label is empty"; return; }
    [ "$value" = "$expected" ] ||
      { why "the $label label is '$value', expected '$expected'"; return; }
  done
  echo "  labels: $(docker image inspect --format '{{json .Config.Labels}}' "$image_name")"
}

# A copy of the build context with a line added to src/server.ts; the
# rebuild must take npm ci from the cache and bundle again.
image_src_edit_rebuilds_without_npm_ci() {
  local context log tag="$PROJECT-e2e-rebuild"
  context=$(mktemp -d)
  cp Dockerfile .dockerignore "$context/"
  cp -R service "$context/service"
  # A new line each time: the same edit twice would come from the cache.
  printf '\n// e2e rebuild check %s\n' "$(date +%s%N)" \
    >>"$context/service/src/server.ts"
  log=$(docker build --progress=plain --target prod --tag "$tag" \
    "$context" 2>&1)
  local status=$?
  rm -rf "$context"
  docker image rm "$tag" >/dev/null 2>&1
  [ "$status" -eq 0 ] || { why "the rebuild failed: $(tail -n 5 <<<"$log")"; return; }
  local npm_ci bundle
  npm_ci=$(grep -E '^#[0-9]+ \[deps .*npm ci' <<<"$log" | head -n 1 | cut -d ' ' -f 1)
  bundle=$(grep -E '^#[0-9]+ \[build .*npm run build' <<<"$log" | head -n 1 | cut -d ' ' -f 1)
  [ -n "$npm_ci" ] && grep -q "^$npm_ci CACHED" <<<"$log" ||
    { why "npm ci ran again"; return; }
  [ -n "$bundle" ] && ! grep -q "^$bundle CACHED" <<<"$log" ||
    { why "the edit was not bundled"; return; }
}

# GET /debug/error throws on a known line of src/routes/debug.ts; the
# logged stack must name that file and line, through the source map.
image_stack_trace_points_at_the_typescript_line() {
  local url line log
  line=$(grep -n 'throw new Error' service/src/routes/debug.ts | cut -d: -f1)
  [ -n "$line" ] || { why "no throw found in src/routes/debug.ts"; return; }
  $image_debug_compose up --detach --wait >/dev/null 2>&1 ||
    { why "the prod stack with debug routes did not start"; return; }
  url=$(base_url "$image_debug_compose")
  [ "$(curl --silent --output /dev/null --write-out '%{http_code}' \
    "$url/debug/error")" = 500 ] || { why "GET /debug/error did not fail"; return; }
  sleep 0.2
  log=$($image_debug_compose logs --no-color api 2>&1)
  grep -q "at .*/src/routes/debug\.ts:$line:[0-9]" <<<"$log" ||
    { why "no stack frame at src/routes/debug.ts:$line in: $log"; return; }
  echo "  frame: $(grep -o "at [^(]*(/app/src/routes/debug\.ts:$line:[0-9]*)" <<<"$log" | head -n 1)"
}

check "prod-image: make prod builds the image" image_builds_through_make_prod
check "prod-image: it adds only the bundle, its source map, its licenses and package.json: no sources, tests, node_modules, npm cache or .env" image_adds_only_the_bundle_and_package_json
check "prod-image: it carries the license of every bundled package" image_carries_the_bundled_licenses
check "prod-image: the source map names only src/*.ts files and carries no source text" image_map_names_only_our_sources_without_their_text
check "prod-image: the build refuses to bundle a dev dependency" image_build_refuses_a_dev_dependency
check "prod-image: make prod labels the image with version, revision, created and source" image_carries_its_oci_labels
check "prod-image: an edit under service/src rebuilds without running npm ci" image_src_edit_rebuilds_without_npm_ci
check "prod-image: a stack trace in the prod log points at the TypeScript line" image_stack_trace_points_at_the_typescript_line
$image_debug_compose down --remove-orphans >/dev/null 2>&1
