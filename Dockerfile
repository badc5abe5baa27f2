# One Dockerfile for every stage of the service's life:
#   dev    nodemon + ts-node over the bind-mounted source (compose.yaml)
#   build  type-checks and bundles the TypeScript (esbuild)
#   prod   the slim image that ships (compose.prod.yaml)
# No `# syntax=` line: the engine's built-in frontend has what this uses.

ARG NODE_VERSION=24

# base: the Node image and directory every stage shares.
FROM node:${NODE_VERSION}-alpine AS base
# npm's check for a newer npm only adds noise to every build and make npm.
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app

# deps: every dependency, installed from the lockfile alone so that a source
# change never re-runs npm ci. The cache mount keeps npm's downloads between
# builds without putting them in a layer.
FROM base AS deps
COPY service/package.json service/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

# dev: the source is bind-mounted at /app/service, one level below
# /app/node_modules. Node looks for packages in parent directories, so the
# mount hides nothing and no node_modules is written into the host's tree.
# /app/package-lock.json stays the lockfile those packages came from, which
# dev/start.sh compares with the mounted one.
FROM deps AS dev
ENV NODE_ENV=development \
    PATH=/app/node_modules/.bin:$PATH
# Every restart loads the same modules again: Node keeps their compiled code
# on disk. ts-node's own cache (v8-compile-cache-lib) is switched off, as it
# would bypass Node's and measured slower.
ENV NODE_COMPILE_CACHE=/tmp/node-compile-cache-dev \
    DISABLE_V8_COMPILE_CACHE=1
WORKDIR /app/service
COPY --chown=node:node service/ ./
USER node
EXPOSE 8000 9229
CMD ["sh", "dev/start.sh"]

# build: type-check src/, then bundle it with every production dependency
# into dist/server.js and its source map (service/scripts/bundle.mjs). Only
# what the build reads is copied, so that an edit to the tests or the dev
# settings reuses this stage, and an edit under src/ reuses deps (no npm ci).
FROM deps AS build
COPY service/tsconfig.json service/tsconfig.build.json ./
COPY service/scripts/ ./scripts/
COPY service/src/ ./src/
RUN npm run build

# prod: the bundle, its source map, its licenses and package.json (name and
# version for GET /), on the bare base image: no node_modules, no sources,
# no npm cache.
# node is PID 1's child (compose sets init: true) and gets SIGTERM directly;
# npm would not pass it on.
FROM base AS prod
ENV NODE_ENV=production
COPY service/package.json ./
COPY --from=build /app/dist/ ./dist/
USER node
EXPOSE 8000
# 127.0.0.1, not localhost: BusyBox wget tries ::1 first. The short start
# interval probes every half second until the first success, so the
# container reports healthy about as soon as it listens; after that, every
# 10 s.
HEALTHCHECK --start-period=10s --start-interval=500ms --interval=10s \
    --timeout=2s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8000/readyz || exit 1
# Stack traces map through dist/server.js.map back to src/*.ts lines.
# --no-warnings silences Node's plain-text printer of process warnings; the
# service logs each one as JSON (src/process-warnings.ts).
CMD ["node", "--enable-source-maps", "--no-warnings", "dist/server.js"]

# OCI labels, last so that a new value (created changes on every build)
# touches no layer. The Makefile passes them: make prod, make build.
ARG VERSION="" REVISION="" CREATED="" SOURCE=""
LABEL org.opencontainers.image.title="koa-service" \
      org.opencontainers.image.description="A Koa microservice in TypeScript" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}"
