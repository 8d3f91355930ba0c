#!/usr/bin/env bash
# Runs `helm template ARGS...`: the real helm when it is on PATH, otherwise main.go here (Go text/template + sprig,
# the engine helm uses), built once per source version from Debian's Go packages (golang-go,
# golang-github-masterminds-sprig-dev, golang-gopkg-yaml.v2-dev; .ci/run installs them).
set -euo pipefail
if [ -z "${HELM_TEMPLATE_NO_HELM:-}" ] && command -v helm >/dev/null 2>&1; then
  exec helm "$@"
fi
here=$(cd "$(dirname "$0")" && pwd)
gocode=/usr/share/gocode
for need in go:"$(command -v go || true)" sprig:"$gocode/src/github.com/Masterminds/sprig" yaml.v2:"$gocode/src/gopkg.in/yaml.v2"; do
  if [ -z "${need#*:}" ] || [ ! -e "${need#*:}" ]; then
    echo "helm-template: ${need%%:*} is missing: install golang-go golang-github-masterminds-sprig-dev golang-gopkg-yaml.v2-dev (or put helm on PATH)" >&2
    exit 127
  fi
done
cache=${HELM_TEMPLATE_CACHE:-/var/tmp/encryption-helm-template}
binary="$cache/bin/helm-template-$(sha256sum "$here/main.go" | cut -c1-16)"
if [ ! -x "$binary" ]; then
  # Debian's sprig and semver are major version 3 but live under GOPATH without /v3: alias them in a private GOPATH.
  gopath="$cache/gopath"
  mkdir -p "$gopath/src/github.com/Masterminds/sprig" "$gopath/src/github.com/Masterminds/semver" "$cache/bin"
  # (tolerant of a concurrent run making the same links)
  [ -e "$gopath/src/github.com/Masterminds/sprig/v3" ] || ln -sn "$gocode/src/github.com/Masterminds/sprig" "$gopath/src/github.com/Masterminds/sprig/v3" 2>/dev/null || true
  [ -e "$gopath/src/github.com/Masterminds/semver/v3" ] || ln -sn "$gocode/src/github.com/Masterminds/semver" "$gopath/src/github.com/Masterminds/semver/v3" 2>/dev/null || true
  (cd "$here" && GO111MODULE=off GOPATH="$gopath:$gocode" GOCACHE="$cache/gocache" GOFLAGS= \
    go build -o "$binary.tmp.$$" main.go)
  mv -f "$binary.tmp.$$" "$binary"
fi
exec "$binary" "$@"
