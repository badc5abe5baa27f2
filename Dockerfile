# One Dockerfile for every stage of the service's life:
#   dev    nodemon + ts-node over the bind-mounted source (compose.yaml)
#   build  compiles the TypeScript
#   prod   the slim image that ships (compose.prod.yaml)
# No `# syntax=` line: the engine's built-in frontend has what this uses.

ARG NODE_VERSION=24

# base: the Node image and directory every stage shares.
FROM node:${NODE_VERSION}-alpine AS base
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

# build: compile src/ to dist/.
FROM deps AS build
WORKDIR /app/service
COPY service/ ./
RUN npm run build

# prod-deps: production dependencies only.
FROM base AS prod-deps
COPY service/package.json service/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# prod: compiled code and production dependencies, run as the node user.
# node is PID 1's child (compose sets init: true) and gets SIGTERM directly;
# npm would not pass it on.
FROM base AS prod
ENV NODE_ENV=production
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/service/dist ./dist
COPY service/package.json ./
USER node
EXPOSE 8000
# 127.0.0.1, not localhost: BusyBox wget tries ::1 first.
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8000/readyz || exit 1
CMD ["node", "dist/server.js"]
