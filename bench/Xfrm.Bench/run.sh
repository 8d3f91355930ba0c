#!/usr/bin/env bash
# Builds Xfrm.Bench and runs it in one user-mode-linux boot (the host kernel may lack ESP/GCM), printing the
# host's load before and after (figures taken on a busy machine are slower; keep the run with the lowest load).
#
#   bench/Xfrm.Bench/run.sh [--repeat R] [--library-only] [N ...]     (default N = 1000 5000 20000, R = 3)
#
# Output: a table, the ratios to ip -batch against the issue's targets, and one JSON line per measurement.
# Needs root, linux.uml (Debian: user-mode-linux) and iproute2. ENC_ARTIFACTS selects a private build tree.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${ENC_ARTIFACTS:-$repo/artifacts}
ENC_ARTIFACTS=$artifacts dotnet build "$repo/bench/Xfrm.Bench" -c Release --nologo -v quiet >&2
echo "host before: $(uptime)"
"$repo/scripts/uml-run.sh" --mem 2G --timeout "${UML_TIMEOUT:-5400}" -- \
  dotnet "$artifacts/bin/Xfrm.Bench/release/Xfrm.Bench.dll" "$@"
echo "host after: $(uptime)"
