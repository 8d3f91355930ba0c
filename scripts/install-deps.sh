#!/usr/bin/env bash
# Installs the Debian packages the lab and the tests need, only those missing (idempotent; apt-get update runs
# only when something is missing). Needs root. Used by .ci/run (everything) and scripts/lab*.sh (--lab).
#
#   scripts/install-deps.sh [--lab]
#     --lab   only what the lab needs: iproute2, ping, tcpdump, nftables, wireguard-go/-tools, user-mode-linux
set -euo pipefail

lab=(
  iproute2 iputils-ping tcpdump nftables iptables procps kmod
  wireguard-tools wireguard-go user-mode-linux
)
tests=(
  strace gcc libc6-dev linux-libc-dev socat
  python3-grpcio python3-protobuf protobuf-compiler
  golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev
)
packages=("${lab[@]}")
if [ "${1:-}" != --lab ]; then
  packages+=("${tests[@]}")
  # kubectl for the runbook tests: any kubectl on PATH will do, else Debian's (it conflicts with other kubectl packages).
  command -v kubectl >/dev/null || packages+=(kubernetes-client)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "scripts/install-deps.sh: missing ${missing[*]}; run as root to install them" >&2
  exit 1
fi
echo "== installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
