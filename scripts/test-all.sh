#!/usr/bin/env bash
# `npm test`: the whole suite. Typecheck, lint, production build, unit + integration tests on a
# real PostgreSQL (embedded by default, TEST_DATABASE_URL's server when set), then end-to-end tests
# in Chromium against the production build on the embedded database. Every step runs and prints
# its summary; the command fails if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=()
step() {
  local name=$1
  shift
  echo
  echo "━━━ ${name}: $*"
  local started=$SECONDS
  if "$@"; then
    echo "━━━ ${name}: ok ($((SECONDS - started))s)"
  else
    echo "━━━ ${name}: FAILED ($((SECONDS - started))s)"
    failed+=("$name")
  fi
}

echo "Database for integration tests: ${TEST_DATABASE_URL:-embedded PostgreSQL under .data/test}"
step typecheck npx tsc --noEmit
step lint npm run lint --silent
step build npx next build
if [[ " ${failed[*]} " == *" build "* ]]; then
  echo "The build failed: skipping the tests that need it."
  step unit npx vitest run --project unit
else
  step unit+integration npx vitest run
  step e2e npx playwright test
fi

echo
if ((${#failed[@]})); then
  echo "FAILED steps: ${failed[*]}"
  exit 1
fi
echo "All test steps passed."
