#!/usr/bin/env bash
# Runs every end-to-end check of the dev and prod stacks through the Docker
# engine, and ends with a "N passed, N failed" line. Run from the repository
# root, through `make e2e` or `make check`.
set -uo pipefail
cd "$(dirname "$0")/.."

source e2e/lib.sh
for suite in e2e/suites/*.sh; do
  echo "# $suite"
  source "$suite"
done

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
