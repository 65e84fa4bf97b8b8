#!/usr/bin/env bash
# `npm test`: the whole suite. Typecheck, lint, production build, unit + integration tests on a
# real PostgreSQL (embedded by default, TEST_DATABASE_URL's server when set), then end-to-end tests
# in Chromium against the production build on the embedded database. Every step runs and prints
# its summary; the command fails if any step failed.
#
# Steps that do not need each other run side by side: typecheck and lint (one core each); then,
# after the build, unit + integration and e2e (each with its own app, database and port), which
# mostly wait (for a job, a page, a poll): together they end minutes sooner than one after the
# other. The build runs alone: typecheck reads the types it writes under .next. A step's output is
# printed whole when it has ended, in the order given.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=()
run() {
  local name=$1 command=$2
  echo
  echo "━━━ ${name}: ${command}"
  local started=$SECONDS
  if eval "$command"; then
    echo "━━━ ${name}: ok ($((SECONDS - started))s)"
  else
    echo "━━━ ${name}: FAILED ($((SECONDS - started))s)"
    return 1
  fi
}
step() {
  run "$1" "$2" || failed+=("$1")
}
# together NAME COMMAND [NAME COMMAND …]: the steps at once; each one's output once it has ended.
together() {
  local names=() pids=() logs=()
  while (($# >= 2)); do
    local log
    log=$(mktemp)
    run "$1" "$2" >"$log" 2>&1 &
    names+=("$1")
    pids+=($!)
    logs+=("$log")
    shift 2
  done
  echo
  echo "━━━ running side by side: ${names[*]}"
  local i
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed+=("${names[$i]}")
    cat "${logs[$i]}"
    rm -f "${logs[$i]}"
  done
}

echo "Database for integration tests: ${TEST_DATABASE_URL:-embedded PostgreSQL under .data/test}"
started=$SECONDS
together typecheck 'npx tsc --noEmit' lint 'npm run lint --silent'
step build 'npx next build'
if [[ " ${failed[*]} " == *" build "* ]]; then
  echo "The build failed: skipping the tests that need it."
  step unit 'npx vitest run --project unit'
else
  together unit+integration 'npx vitest run' e2e 'npx playwright test'
fi

echo
echo "The suite took $((SECONDS - started))s."
if ((${#failed[@]})); then
  echo "FAILED steps: ${failed[*]}"
  exit 1
fi
echo "All test steps passed."
