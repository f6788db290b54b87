#!/usr/bin/env bash
# Rewrites the output of every ```console block in docs/shell.md from a real run: builds Release, then
# runs tests/Integration.Tests' DocExamplesTests with CLUSTER_REGEN_DOCS=1, which starts a controller and
# three host nodes on loopback (ports 9000, 9110, 9121-9123, or all moved up by 100s when busy; embedded
# SQLite in a temp dir), does the set-up docs/shell.md describes, runs each documented command through the
# real cluster-shell in order, and writes what it printed back into the page (times, dates and moved ports
# as placeholders). Needs only the .NET SDK. Review the change with `git diff docs/shell.md`.
#
#   scripts/regen-docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -gt 0 ]]; then
  echo "usage: $0 (no arguments)" >&2
  exit 2
fi

dotnet build Cluster.sln -c Release --nologo -v quiet -clp:ErrorsOnly
CLUSTER_REGEN_DOCS=1 dotnet test tests/Integration.Tests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~DocExamplesTests"
# A second run compares: it fails if an example's output is not the same from one run to the next.
dotnet test tests/Integration.Tests -c Release --no-build --nologo --filter "FullyQualifiedName~DocExamplesTests"
git --no-pager diff --stat -- docs/shell.md
