#!/usr/bin/env bash
# The project's one test command: builds once, runs every tier.
#   1. unit + host-kernel tests (network namespaces; needs root)   -> dotnet test, Tier!=Uml
#   2. user-mode-linux tests (real ESP datapath)                     -> scripts/uml-run.sh, Tier=Uml
# A tier that cannot run fails; nothing is skipped silently.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIGURATION:-Release}

if [ "$(id -u)" != 0 ]; then
  echo "scripts/test.sh: the host-kernel and UML tiers need root (network namespaces, XFRM)." >&2
  exit 1
fi

dotnet build Encryption.sln -c "$config" -nologo -clp:ErrorsOnly
dotnet test Encryption.sln -c "$config" --no-build -nologo --filter "Tier!=Uml" --logger "console;verbosity=minimal"

# UML tier: every test assembly that has Tier=Uml tests runs inside one UML boot each.
uml_dlls=()
for project in tests/*/; do
  name=$(basename "$project")
  if grep -rqs 'Tier", "Uml"\|TierUml\|Tiers.Uml' "$project" --include='*.cs'; then
    uml_dlls+=("$project/bin/$config/net10.0/$name.dll")
  fi
done
if [ ${#uml_dlls[@]} -gt 0 ]; then
  for dll in "${uml_dlls[@]}"; do
    scripts/uml-run.sh -- dotnet test "$(realpath "$dll")" --filter "Tier=Uml" --logger "console;verbosity=normal"
  done
fi
echo "scripts/test.sh: all tiers passed"
