#!/usr/bin/env bash
# Runs one benchmark suite (akka, vrm, singleton, ha, drs, journal, migration, startup or all; default all) in Release, under
# scripts/with-postgres.sh so that the PostgreSQL journal figure is measured too (against CLUSTER_TEST_PG if set, else a
# throw-away server); migration (the pre-copy model in virtual time, then the control overhead between real processes
# on SQLite) and startup (process start until /healthz/ready answers, a controller and a host node, on SQLite) need no server.
# Output: the suite's "BENCH name value unit" lines. Extra arguments go to the benchmark (e.g. `vrm recovery`,
# `singleton kill 5`: singleton failover between two controller processes, SIGKILL only, median of 5 runs).
set -euo pipefail
cd "$(dirname "$0")/.."

suite=${1:-all}
shift || true
dotnet build bench/Cluster.Benchmarks -c Release -v quiet -nologo >&2
benchmarks=bench/Cluster.Benchmarks/bin/Release/net10.0/Cluster.Benchmarks.dll
if [[ $suite == migration || $suite == startup ]]; then
    exec dotnet "$benchmarks" "$suite" "$@"
fi
exec scripts/with-postgres.sh dotnet "$benchmarks" "$suite" "$@"
