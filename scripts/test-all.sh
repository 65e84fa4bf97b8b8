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
# Each failed step's output is kept here and its failures printed again at the very end: CI shows
# only the tail of a run, and e2e's output would otherwise hide which unit test failed.
failure_logs=$(mktemp -d)
trap 'rm -rf "$failure_logs"' EXIT
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
  local log=$failure_logs/$1.log
  if run "$1" "$2" 2>&1 | tee "$log"; [[ ${PIPESTATUS[0]} == 0 ]]; then
    rm -f "$log"
  else
    failed+=("$1")
  fi
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
  local i ok
  for i in "${!pids[@]}"; do
    wait "${pids[$i]}" && ok=true || ok=false
    cat "${logs[$i]}"
    if $ok; then
      rm -f "${logs[$i]}"
    else
      failed+=("${names[$i]}")
      mv "${logs[$i]}" "$failure_logs/${names[$i]}.log"
    fi
  done
}

# The failures of a step's output: vitest's and Playwright's own failure summaries (from their
# heading on), else the step's last lines. Colour codes are dropped so the text reads in CI's log.
print_failures() {
  local plain
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$1")
  if grep -q -E 'Failed Tests [0-9]+|^ +1\) \[|^ +[0-9]+ failed$' <<<"$plain"; then
    sed -n -E '/Failed Tests [0-9]+|^ +1\) \[|^ +[0-9]+ failed$/,$p' <<<"$plain" | head -n 200
  else
    tail -n 60 <<<"$plain"
  fi
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
  for name in "${failed[@]}"; do
    echo
    echo "━━━ what failed in ${name}:"
    print_failures "$failure_logs/${name}.log"
  done
  echo
  echo "FAILED steps: ${failed[*]}"
  exit 1
fi
echo "All test steps passed."
