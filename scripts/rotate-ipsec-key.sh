#!/usr/bin/env bash
# Runbook: rotate the cluster's IPsec pre-shared key (Cilium's procedure, made safe to run twice).
#
#   scripts/rotate-ipsec-key.sh [--namespace kube-system] [--secret cilium-ipsec-keys]
#                               [--context CTX] [--wait] [--dry-run]
#
# What it does:
#   1. reads the key in force from the Secret (data key "keys"; the last line is the key in force);
#   2. builds the next line: key ID + 1 with rollover 15 -> 1, the SAME algorithms and key sizes
#      (the agents refuse a key-length change), fresh random bytes from /dev/urandom;
#   3. patches the Secret (strategic merge of stringData.keys) - kubelet refreshes the mounted file
#      within about a minute and every agent's key watcher loads it;
#   4. with --wait, polls every node object until all of them advertise the new key ID
#      (CiliumNode spec.encryption.key), then prints what to check next.
# Never prints key material. Do not rotate during an upgrade; in a ClusterMesh rotate every cluster.
set -euo pipefail

namespace=kube-system secret=cilium-ipsec-keys context="" wait=0 dry_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --namespace|-n) namespace=$2; shift 2 ;;
    --secret) secret=$2; shift 2 ;;
    --context) context=$2; shift 2 ;;
    --wait) wait=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "rotate-ipsec-key.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done

kubectl_() { if [ -n "$context" ]; then kubectl --context "$context" "$@"; else kubectl "$@"; fi; }
command -v kubectl >/dev/null || { echo "rotate-ipsec-key.sh: kubectl not found" >&2; exit 1; }

encoded=$(kubectl_ -n "$namespace" get secret "$secret" -o jsonpath='{.data.keys}') || {
  echo "rotate-ipsec-key.sh: cannot read secret $namespace/$secret (does it exist? create one with: encrypt keys create)" >&2; exit 1; }
current=$(printf '%s' "$encoded" | base64 -d | grep -v '^[[:space:]]*$' | tail -n 1)
read -r -a fields <<<"$current"

spi=${fields[0]%+}
if ! [[ "$spi" =~ ^[0-9]+$ ]] || [ "$spi" -lt 1 ] || [ "$spi" -gt 15 ]; then
  echo "rotate-ipsec-key.sh: the key in force has an invalid key ID (field 1); fix the Secret first" >&2; exit 1
fi
next=$(( spi >= 15 ? 1 : spi + 1 ))

random_hex() { # same number of hex characters as $1 ("" stays empty)
  local n=${#1}; [ "$1" = '""' ] && { printf '""'; return; }
  head -c $(( n / 2 )) /dev/urandom | od -An -v -tx1 | tr -d ' \n'
}
case ${#fields[@]} in
  4) line="$next+ ${fields[1]} $(random_hex "${fields[2]#0x}") ${fields[3]}"; algo="${fields[1]} ICV ${fields[3]}" ;;
  5) line="$next+ ${fields[1]} $(random_hex "${fields[2]#0x}") ${fields[3]} $(random_hex "${fields[4]#0x}")"; algo="${fields[1]} + ${fields[3]}" ;;
  *) echo "rotate-ipsec-key.sh: the key in force has ${#fields[@]} fields, expected 4 or 5" >&2; exit 1 ;;
esac

echo "rotating $namespace/$secret: key $spi -> $next ($algo, same key sizes)"
if [ "$dry_run" = 1 ]; then echo "dry run: Secret not changed"; exit 0; fi
patch=$(printf '{"stringData":{"keys":"%s"}}' "$line")
kubectl_ -n "$namespace" patch secret "$secret" -p "$patch" >/dev/null
echo "Secret patched; agents load the new key within about a minute (key watcher)."

if [ "$wait" = 1 ]; then
  echo "waiting for every node to advertise key $next ..."
  for _ in $(seq 1 120); do
    pending=$(kubectl_ get ciliumnodes -o jsonpath='{range .items[*]}{.metadata.name}={.spec.encryption.key}{"\n"}{end}' | awk -F= -v k="$next" '$2 != k {print $1}')
    [ -z "$pending" ] && { echo "all nodes advertise key $next"; break; }
    sleep 5
  done
  [ -n "${pending:-}" ] && { echo "still pending: $pending" >&2; exit 1; }
fi
cat <<MSG
next checks (no key material is printed by these):
  encrypt status                       # on each node: Keys in use rises, then falls back after the rotation duration
  kubectl get ciliumnodes -o custom-columns=NODE:.metadata.name,KEY:.spec.encryption.key
  watch the cilium_ipsec_xfrm_error metric: it must not rise (no_state / state_protocol = a problem)
MSG
