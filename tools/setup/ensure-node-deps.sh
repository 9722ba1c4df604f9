#!/usr/bin/env bash
# Makes sure the repo's node_modules match package.json + package-lock.json; installs only when
# needed.
#
#   bash tools/setup/ensure-node-deps.sh
#
# Fast path: the stamp written after the last good check/install (node_modules/.mlws-deps-stamp,
# a hash of package-lock.json and every workspace package.json) matches. Otherwise the tree is
# checked (`npm ls --all`, and every version in package-lock.json equals the installed one in
# node_modules/.package-lock.json), so a tree that is already right is never wiped.
#
# Install: `npm ci` (honours the root `overrides`, which verdaccio needs: node-fetch ^2.7). When
# npm ci refuses the lockfile as "not in sync" — it happens with optional platform packages the
# registry mirror does not carry (e.g. @unrs/resolver-binding-* of other platforms) — it falls
# back to `npm install --no-save`, which installs from the same lockfile without rewriting it.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

stamp_file="node_modules/.mlws-deps-stamp"
hash_inputs() {
  { echo package-lock.json; echo package.json; ls packages/*/package.json 2>/dev/null || true; } |
    sort | xargs sha256sum | sha256sum | cut -d' ' -f1
}
want="$(hash_inputs)"

tree_matches_lock() {
  npm ls --all >/dev/null 2>&1 || return 1
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages || {};
    let have;
    try { have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages || {}; }
    catch { process.exit(1); }
    const bad = [];
    for (const [path, meta] of Object.entries(want)) {
      if (!path.startsWith("node_modules/") || meta.link) continue;
      const got = have[path];
      if (!got) { if (!meta.optional && !meta.devOptional) bad.push(`${path}: missing`); continue; }
      if (meta.version && got.version !== meta.version) bad.push(`${path}: ${got.version} != ${meta.version}`);
    }
    if (bad.length) { console.error(bad.slice(0, 10).join("\n")); process.exit(1); }
  '
}

if [[ -d node_modules ]]; then
  if [[ -f "$stamp_file" && "$(cat "$stamp_file")" == "$want" ]]; then
    echo "[setup] node_modules is current"
    exit 0
  fi
  if tree_matches_lock; then
    echo "[setup] node_modules matches package-lock.json; stamped"
    echo "$want" >"$stamp_file"
    exit 0
  fi
  echo "[setup] node_modules is stale"
else
  echo "[setup] node_modules is missing"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "[setup] npm ci"
if ! npm ci --no-audit --no-fund 2>&1 | tee "$log"; then
  if grep -q 'EUSAGE' "$log" && grep -qi 'in sync' "$log"; then
    echo "[setup] npm ci refused the lockfile (see above); falling back to: npm install --no-save"
    npm install --no-save --no-audit --no-fund
  else
    exit 1
  fi
fi
tree_matches_lock || { echo "[setup] node_modules still does not match package-lock.json" >&2; exit 1; }
echo "$want" >"$stamp_file"
