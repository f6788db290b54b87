#!/usr/bin/env bash
# Runs every test in the solution and ends with the line "N passed, N failed".
# PostgreSQL tests need a server: scripts/with-postgres.sh provides a throwaway one unless
# CLUSTER_TEST_PG already points at one. The shell's terminal tests drive it in tmux: installed from
# Debian's packages if missing.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v tmux >/dev/null 2>&1; then
  echo "test: tmux not found, installing Debian's tmux (for the shell's terminal tests)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq tmux >&2 || echo "test: could not install tmux; the terminal tests will fail" >&2
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

runner=()
if [ -x scripts/with-postgres.sh ]; then
  runner=(scripts/with-postgres.sh)
fi

if [ "$#" -gt 0 ]; then
  "${runner[@]}" dotnet test Cluster.sln -c Release --logger "trx" --results-directory "$results" "$@"
  status=$?
else
  # The multi-node tests run five actor systems on the two cores; beside the other test projects (which dotnet test
  # runs in parallel) their failure detectors starve and the cluster downs itself. So they run alone, afterwards.
  multinode="FullyQualifiedName~Cluster.MultiNode.Tests"
  "${runner[@]}" dotnet test Cluster.sln -c Release --logger "trx" --results-directory "$results" --filter "FullyQualifiedName!~Cluster.MultiNode.Tests"
  status=$?
  dotnet test tests/MultiNode.Tests -c Release --no-build --logger "trx" --results-directory "$results" --filter "$multinode"
  status=$((status | $?))
fi

passed=0
failed=0
postgres=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  pg=$(grep -o '<UnitTestResult [^>]*testName="[^"]*Postgres[^"]*"[^>]*outcome="Passed"' "$trx" | wc -l)
  postgres=$((postgres + pg))
done

if [ "${#trx_files[@]}" -eq 0 ]; then
  echo "no test results were written (the build probably failed)"
  failed=$((failed + 1))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run failed without a failing test: a build error or a crashed test host counts as a failure.
  failed=1
fi

echo "PostgreSQL tests passed: $postgres"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
