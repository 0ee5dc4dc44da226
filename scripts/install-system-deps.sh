#!/usr/bin/env bash
# Installs the system programs the test suites run for real (no mocks), with apt, only when they are missing:
#   redis-server — the @vodmns/redis store tests and the fleet test
#   chromium     — the mns-local console's browser tests (driven by playwright-core; never a downloaded browser)
# Runs apt-get update at most once. Needs root (or sudo) only when something is missing.
# One line per program: "<command> <debian-package>".
set -euo pipefail
deps=(
  "redis-server redis-server"
  "chromium chromium"
)
missing=()
for dep in "${deps[@]}"; do
  read -r cmd pkg <<<"$dep"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system deps: all present (${deps[*]%% *})"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system deps: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
  exit 1
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "system deps: installing ${missing[*]} with apt-get"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
