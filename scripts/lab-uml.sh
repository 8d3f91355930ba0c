#!/usr/bin/env bash
# The lab inside a user-mode-linux guest (scripts/uml-run.sh), for hosts whose kernel lacks what a backend needs
# (IPsec: the ESP transforms esp4/esp6). The guest has its own kernel, namespaces and /run, so the lab lives and
# dies with it: up, status, verify, down in one boot. Build first (scripts/lab.sh does).
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
  if [ ! -f "$bin/encrypt.dll" ]; then
    echo "scripts/lab-uml.sh: $bin/encrypt.dll missing: build first (scripts/lab.sh builds into .lab/bin)" >&2
    exit 1
  fi
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
