#!/usr/bin/env bash
# The main job on one machine: a multi-node cluster in network namespaces on this host, one agent per node,
# encrypted by the best backend this build and host can run, then proven on the wire.
#
#   sudo scripts/lab.sh [--backend none|ipsec|wireguard|ztunnel] [--nodes N] [--name NAME]
#   sudo scripts/lab.sh down [--name NAME]
#
# Builds the agent and the CLI into .lab/bin, then: encrypt lab up, lab status, lab verify. The lab stays up;
# the last lines say how to take it down. Exit status: that of lab verify (0 = the expected result).
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=3
name=lab
backend=""
action=up
while [ $# -gt 0 ]; do
  case "$1" in
    down) action=down ;;
    --backend) backend=$2; shift ;;
    --nodes) nodes=$2; shift ;;
    --name) name=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "scripts/lab.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$(id -u)" != 0 ]; then
  echo "scripts/lab.sh: the lab needs root (network namespaces, veths, tcpdump)" >&2
  exit 1
fi

bin=$PWD/.lab/bin
[ "$action" = down ] || scripts/install-deps.sh --lab
encrypt() { dotnet "$bin/encrypt.dll" "$@"; }

if [ "$action" = down ]; then
  encrypt lab down --name "$name"
  exit
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "== building the agent and the CLI into $bin"
for project in src/Encryption.Agent src/Encryption.Cli; do
  if ! log=$(dotnet build "$project" -c Release -o "$bin" -nologo -clp:ErrorsOnly 2>&1); then
    echo "$log" >&2
    exit 1
  fi
done

# The best backend both built into the agent and runnable on this host, unless one was asked for.
if [ -z "$backend" ]; then
  built=$(dotnet "$bin/encryption-agent.dll" backends)
  has() { grep -qx "$1" <<<"$built"; }
  if has ipsec && { [ -d /sys/module/esp4 ] || modprobe -q esp4 2>/dev/null; }; then
    backend=ipsec
  elif has wireguard && { [ -d /sys/module/wireguard ] || modprobe -q wireguard 2>/dev/null || command -v wireguard-go >/dev/null; }; then
    backend=wireguard
  elif has ztunnel && command -v ztunnel >/dev/null; then
    backend=ztunnel
  else
    backend=none
  fi
  echo "== backend: $backend (built: $(tr '\n' ' ' <<<"$built"); override with --backend)"
fi

if [ -d "/run/encryption-lab/$name" ] || ip netns list | grep -q "^enclab-$name-"; then
  echo "== lab \"$name\" exists: taking it down first"
  encrypt lab down --name "$name"
fi

echo "== lab up"
encrypt lab up --name "$name" --nodes "$nodes" --backend "$backend"
echo
echo "== lab status"
encrypt lab status --name "$name" || true
echo
echo "== lab verify"
status=0
encrypt lab verify --name "$name" || status=$?
echo
echo "The lab \"$name\" is still up. Look around:"
echo "  sudo ip netns exec enclab-$name-n1p1 ping 10.2.0.10        # a pod on node1 to a pod on node2"
echo "  sudo ENCRYPT_AGENT_SOCKET=/run/encryption-lab/$name/nodes/node1/agent.sock dotnet $bin/encrypt.dll status"
echo "Take it down with:"
echo "  sudo scripts/lab.sh down --name $name      (same as: dotnet $bin/encrypt.dll lab down --name $name)"
exit $status
