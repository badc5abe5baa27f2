# The front door. `make` alone lists the targets.

# The Compose project names; the prod stack has its own, so dev and prod can
# run side by side. Override to run two checkouts at once.
PROJECT ?= $(shell basename "$(CURDIR)" | tr 'A-Z' 'a-z' | tr -cd 'a-z0-9_-')
DEV_COMPOSE = docker compose -p $(PROJECT)
PROD_COMPOSE = docker compose -p $(PROJECT)-prod -f compose.yaml -f compose.prod.yaml

.DEFAULT_GOAL := help
SHELL := /bin/sh

##@ Develop

.PHONY: dev
dev: compose-v2 ## Start the dev service with hot reload, in the foreground
	$(DEV_COMPOSE) up --build

.PHONY: up
up: compose-v2 ## Start the dev service in the background
	$(DEV_COMPOSE) up --build --detach

.PHONY: logs
logs: compose-v2 ## Follow the dev service's log
	$(DEV_COMPOSE) logs --follow

.PHONY: test
test: compose-v2 ## Run the vitest suite inside the dev image
	$(DEV_COMPOSE) build api
	$(DEV_COMPOSE) run --rm --no-deps api npm test

##@ Ship

.PHONY: build
build: compose-v2 ## Build the dev and prod images
	$(DEV_COMPOSE) build
	$(PROD_COMPOSE) build

.PHONY: prod
prod: compose-v2 ## Build and start the prod stack on http://localhost:8081
	$(PROD_COMPOSE) up --build --detach --wait

.PHONY: verify
verify: compose-v2 ## Prove the prod container answers on 8081 as it should
	@PROD_COMPOSE="$(PROD_COMPOSE)" sh scripts/verify.sh

.PHONY: prod-logs
prod-logs: compose-v2 ## Follow the prod stack's log
	$(PROD_COMPOSE) logs --follow

##@ Check

.PHONY: check
check: test e2e ## Run every test: the vitest suite, then the end-to-end checks

.PHONY: e2e
e2e: compose-v2 ## Run the end-to-end checks of dev and prod through Docker
	@PROJECT="$(PROJECT)" bash e2e/run.sh

##@ Benchmark

.PHONY: bench-errors
bench-errors: compose-v2 ## Load prod with good and bad requests: 5xx, failures, memory
	@DEV_COMPOSE="$(DEV_COMPOSE)" PROD_COMPOSE="$(PROD_COMPOSE)" \
	  sh scripts/bench-errors.sh

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
