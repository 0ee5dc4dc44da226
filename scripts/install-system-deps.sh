#!/usr/bin/env bash
# Installs the system programs the test suites run for real (no mocks), with apt, when they are missing.
# Needs root (CI runs as root). One line per program: "<command> <debian-package>".
set -euo pipefail
deps=(
  "redis-server redis-server"
)
missing=()
for dep in "${deps[@]}"; do
  read -r cmd pkg <<<"$dep"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system deps: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system deps: missing ${missing[*]}; install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "system deps: installing ${missing[*]} with apt-get"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
