#!/usr/bin/env bash
# Makes sure the repo's node_modules match package-lock.json; runs `npm ci` only when needed.
#
#   bash tools/setup/ensure-node-deps.sh
#
# node_modules is considered current when the stamp written after the last successful install
# (node_modules/.mlws-deps-stamp, a hash of package-lock.json and every workspace package.json)
# matches. Without a stamp (first run on an existing checkout) `npm ls --all` decides, so a tree
# that is already fine is not wiped. `npm ci` honours the root package.json `overrides`
# (verdaccio needs node-fetch ^2.7), which `npm install` of single packages would not guarantee.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

stamp_file="node_modules/.mlws-deps-stamp"
hash_inputs() {
  # package-lock.json + root and workspace package.json files, in a stable order.
  { echo package-lock.json package.json; ls packages/*/package.json 2>/dev/null; } |
    tr ' ' '\n' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1
}
want="$(hash_inputs)"

if [[ -d node_modules && -f "$stamp_file" && "$(cat "$stamp_file")" == "$want" ]]; then
  echo "[setup] node_modules is current"
  exit 0
fi

if [[ -d node_modules && ! -f "$stamp_file" ]] && npm ls --all >/dev/null 2>&1; then
  echo "[setup] node_modules matches package-lock.json (npm ls); stamping"
  echo "$want" >"$stamp_file"
  exit 0
fi

echo "[setup] node_modules missing or stale: npm ci"
npm ci --no-audit --no-fund
echo "$want" >"$stamp_file"
