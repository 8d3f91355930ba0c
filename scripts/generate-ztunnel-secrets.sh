#!/usr/bin/env bash
# Generates the four files of the cilium-ztunnel-secrets Secret (what the agent loads from
# /etc/ztunnel and what ztunnel trusts), with openssl:
#   bootstrap-private.key  RSA 2048 (PKCS#8)   TLS key of the agent's xDS/CA listener (127.0.0.1:15012)
#   bootstrap-root.crt     self-signed leaf, O=cluster.local, DNS:localhost, serverAuth+clientAuth, CA:FALSE;
#                          the listener's certificate and ztunnel's XDS_ROOT_CA / CA_ROOT_CA
#   ca-private.key         RSA 2048 (PKCS#8)   signs workload certificates
#   ca-root.crt            self-signed root CA, O=cluster.local, CA:TRUE, keyCertSign+cRLSign
# Usage: scripts/generate-ztunnel-secrets.sh [OUTPUT_DIR] [--days N] [--secret-yaml]
#   --secret-yaml also writes cilium-ztunnel-secrets.yaml (a kube-system Secret with the four keys).
# Private keys are written 0600 and never printed.
set -euo pipefail

out=./ztunnel-secrets
days=3650
yaml=false
while [ $# -gt 0 ]; do
  case "$1" in
    --days) days=$2; shift 2 ;;
    --secret-yaml) yaml=true; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "generate-ztunnel-secrets.sh: unknown option $1" >&2; exit 2 ;;
    *) out=$1; shift ;;
  esac
done

command -v openssl >/dev/null || { echo "generate-ztunnel-secrets.sh: openssl not found" >&2; exit 1; }
mkdir -p "$out"
umask 077

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/bootstrap-private.key"
openssl req -x509 -new -sha256 -days "$days" -key "$out/bootstrap-private.key" \
  -subj "/O=cluster.local" \
  -addext "subjectKeyIdentifier=hash" \
  -addext "authorityKeyIdentifier=keyid:always,issuer" \
  -addext "basicConstraints=CA:FALSE" \
  -addext "keyUsage=digitalSignature,keyEncipherment" \
  -addext "extendedKeyUsage=serverAuth,clientAuth" \
  -addext "subjectAltName=DNS:localhost" \
  -out "$out/bootstrap-root.crt"

openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/ca-private.key"
openssl req -x509 -new -sha256 -days "$days" -key "$out/ca-private.key" \
  -subj "/O=cluster.local" \
  -addext "subjectKeyIdentifier=hash" \
  -addext "authorityKeyIdentifier=keyid:always,issuer" \
  -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,digitalSignature,cRLSign,keyCertSign" \
  -out "$out/ca-root.crt"

chmod 0600 "$out/bootstrap-private.key" "$out/ca-private.key"
chmod 0644 "$out/bootstrap-root.crt" "$out/ca-root.crt"

if [ "$yaml" = true ]; then
  {
    echo "apiVersion: v1"
    echo "kind: Secret"
    echo "metadata:"
    echo "  name: cilium-ztunnel-secrets"
    echo "  namespace: kube-system"
    echo "type: Opaque"
    echo "data:"
    for f in bootstrap-private.key bootstrap-root.crt ca-private.key ca-root.crt; do
      echo "  $f: $(base64 -w0 < "$out/$f")"
    done
  } > "$out/cilium-ztunnel-secrets.yaml"
fi

echo "wrote bootstrap-private.key bootstrap-root.crt ca-private.key ca-root.crt to $out"
