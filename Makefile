# The front door. `make` alone lists the targets.

# The Compose project names; the prod stack has its own, so dev and prod can
# run side by side. Override to run two checkouts at once.
PROJECT ?= $(shell basename "$(CURDIR)" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9_-')
DEV_COMPOSE = docker compose -p $(PROJECT)
PROD_COMPOSE = docker compose -p $(PROJECT)-prod -f compose.yaml -f compose.prod.yaml

# The prod image's OCI labels (Dockerfile, prod stage), passed as build
# arguments through compose.prod.yaml. Override any of them, e.g.
# `make prod IMAGE_SOURCE=https://example.com/you/service`; credentials in
# the git remote's URL are left out.
IMAGE_VERSION ?= $(shell sed -n 's/^  "version": "\([^"]*\)",*$$/\1/p' service/package.json)
IMAGE_REVISION ?= $(shell git rev-parse HEAD 2>/dev/null)
IMAGE_CREATED ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
IMAGE_SOURCE ?= $(shell git config --get remote.origin.url 2>/dev/null | sed 's|://[^/@]*@|://|')
# Expanded once, so that every step of one run sees the same values.
IMAGE_CREATED := $(IMAGE_CREATED)
export IMAGE_VERSION IMAGE_REVISION IMAGE_CREATED IMAGE_SOURCE

.DEFAULT_GOAL := help
SHELL := /bin/sh

##@ Develop

# `make npm` and `make sh` go into the running dev container, or into a
# one-off one when it is not running.
IN_DEV = if [ -n "$$($(DEV_COMPOSE) ps --status running --quiet api)" ]; \
  then $(DEV_COMPOSE) exec $(1) api $(2); \
  else $(DEV_COMPOSE) run --rm --no-deps $(1) api $(2); fi

.PHONY: dev
dev: compose-v2 ## Start the dev service with hot reload, in the foreground
	@COMPOSE="$(DEV_COMPOSE)" TARGET=$@ sh scripts/check-compose-config.sh
	$(DEV_COMPOSE) up --build --watch

.PHONY: up
up: compose-v2 ## Start the dev service in the background
	@COMPOSE="$(DEV_COMPOSE)" TARGET=$@ sh scripts/check-compose-config.sh
	$(DEV_COMPOSE) up --build --detach

.PHONY: restart
restart: compose-v2 ## Restart the dev container (after editing nodemon.json)
	$(DEV_COMPOSE) restart api

.PHONY: logs
logs: compose-v2 ## Follow the dev service's log, type errors included
	$(DEV_COMPOSE) logs --follow

.PHONY: npm
npm: compose-v2 ## Add or remove packages: make npm ARGS="install <package>"
	@$(call IN_DEV,--user root,sh dev/npm.sh $(ARGS))

.PHONY: sh
sh: compose-v2 ## Open a shell in the dev container
	@$(call IN_DEV,,sh)

.PHONY: typecheck
typecheck: compose-v2 ## Type-check service/ once; fails on an error
	$(DEV_COMPOSE) build api
	$(DEV_COMPOSE) run --rm --no-deps api tsc --noEmit

.PHONY: test
test: compose-v2 ## Run the vitest suite inside the dev image
	$(DEV_COMPOSE) build api
	$(DEV_COMPOSE) run --rm --no-deps api npm test

##@ Ship

.PHONY: build
build: compose-v2 ## Build the dev and prod images
	$(DEV_COMPOSE) build
	$(PROD_COMPOSE) build

# A service that fails at start would restart in a loop (restart:
# unless-stopped), logging the same lines each time: `make prod` shows them
# once, and stops it. `docker logs` rather than `compose logs`, which
# starts each line with a terminal escape even when piped.
.PHONY: prod
prod: compose-v2 ## Build and start the prod stack on HOST_PORT (8081)
	@COMPOSE="$(PROD_COMPOSE)" TARGET=$@ sh scripts/check-compose-config.sh
	@PROD_COMPOSE="$(PROD_COMPOSE)" sh scripts/check-host-port.sh
	@$(PROD_COMPOSE) up --build --detach --wait || { \
	  echo "make prod: the prod service did not start healthy; its last log lines:" >&2; \
	  docker logs --tail 5 "$$($(PROD_COMPOSE) ps --all --quiet api)" 2>&1 | \
	    awk '!seen[$$0]++' >&2; \
	  $(PROD_COMPOSE) stop api >/dev/null 2>&1; \
	  echo "make prod: stopped it; make prod-logs shows its whole log, make down removes it." >&2; \
	  exit 1; }

.PHONY: verify
verify: compose-v2 ## Prove the prod container answers on HOST_PORT as it should
	@PROD_COMPOSE="$(PROD_COMPOSE)" sh scripts/verify.sh

.PHONY: prod-logs
prod-logs: compose-v2 ## Follow the prod stack's log
	$(PROD_COMPOSE) logs --follow

##@ Measure

.PHONY: bench-image
bench-image: compose-v2 ## Print the prod image's size, what it adds to the base, and its start time
	@PROD_COMPOSE="$(PROD_COMPOSE)" bash scripts/bench-image.sh

.PHONY: bench-build
bench-build: compose-v2 ## Time a cold prod build, then a rebuild after an edit under service/src
	@PROJECT="$(PROJECT)" bash scripts/bench-build.sh

.PHONY: bench-load
bench-load: prod ## Load the prod service and a bare node:http server; print req/s, p99
	@PROJECT="$(PROJECT)" PROD_COMPOSE="$(PROD_COMPOSE)" bash scripts/bench-load.sh

.PHONY: bench-reload
bench-reload: compose-v2 ## Time save-to-serve, ours and tsx watch's (figures)
	@DEV_COMPOSE="$(DEV_COMPOSE)" sh scripts/bench-reload.sh

.PHONY: bench-errors
bench-errors: compose-v2 ## Load prod with good and bad requests: 5xx, failures, memory
	@DEV_COMPOSE="$(DEV_COMPOSE)" PROD_COMPOSE="$(PROD_COMPOSE)" \
	  sh scripts/bench-errors.sh

##@ Check

.PHONY: check
check: test e2e ## Run every test: the vitest suite, then the end-to-end checks

.PHONY: e2e
e2e: compose-v2 ## Run the end-to-end checks of dev and prod through Docker
	@PROJECT="$(PROJECT)" bash e2e/run.sh

##@ Clean up

.PHONY: down
down: compose-v2 ## Stop and remove the dev and prod containers
	$(DEV_COMPOSE) down --remove-orphans
	$(PROD_COMPOSE) down --remove-orphans

##@ Help

.PHONY: help
help: ## List the targets
	@awk 'BEGIN { FS = ":.*## " } \
	  /^##@/ { printf "\n%s\n", substr($$0, 5) } \
	  /^[a-zA-Z0-9_-]+:.*## / { printf "  make %-13s %s\n", $$1, $$2 }' \
	  $(MAKEFILE_LIST)

# Every target needs Compose v2, the `docker compose` plugin.
.PHONY: compose-v2
compose-v2:
	@docker compose version >/dev/null 2>&1 || { \
	  if command -v docker-compose >/dev/null 2>&1; then \
	    echo "Only the old docker-compose (v1) is installed; this project needs Compose v2, the 'docker compose' plugin." >&2; \
	  else \
	    echo "Docker Compose v2 ('docker compose') was not found; install Docker Desktop or Docker Engine with the compose plugin." >&2; \
	  fi; \
	  exit 1; }
