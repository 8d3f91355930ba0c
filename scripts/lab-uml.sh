#!/usr/bin/env bash
# The lab inside a user-mode-linux guest (scripts/uml-run.sh), for hosts whose kernel lacks what a backend needs
# (IPsec: the ESP transforms esp4/esp6). The guest has its own kernel, namespaces and /run, so the lab lives and
# dies with it: up, status, verify, down in one boot. Builds the agent and CLI into .lab/bin first.
#
#   sudo scripts/lab-uml.sh [--backend B] [--nodes N] [--name NAME] [--bin DIR]
#
# Exit status: that of lab verify inside the guest.
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=3
name=lab
backend=none
bin=$PWD/.lab/bin
guest=false
while [ $# -gt 0 ]; do
  case "$1" in
    --backend) backend=$2; shift ;;
    --nodes) nodes=$2; shift ;;
    --name) name=$2; shift ;;
    --bin) bin=$2; shift ;;
    --in-guest) guest=true ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "scripts/lab-uml.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$guest" = false ]; then
  scripts/install-deps.sh --lab
  echo "== building the agent and the CLI into $bin"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  for project in src/Encryption.Agent src/Encryption.Cli; do
    if ! log=$(dotnet build "$project" -c Release -o "$bin" -nologo -clp:ErrorsOnly 2>&1); then
      echo "$log" >&2
      exit 1
    fi
  done
  echo "== booting a user-mode-linux guest for the lab"

  exec scripts/uml-run.sh -- bash scripts/lab-uml.sh --in-guest --backend "$backend" --nodes "$nodes" --name "$name" --bin "$bin"
fi

# In the guest: its own /run (tmpfs), so the lab's state and namespaces vanish with it.
encrypt() { dotnet "$bin/encrypt.dll" "$@"; }
encrypt lab up --name "$name" --nodes "$nodes" --backend "$backend"
echo
encrypt lab status --name "$name" || true
echo
status=0
encrypt lab verify --name "$name" || status=$?
echo
encrypt lab down --name "$name"
exit $status
