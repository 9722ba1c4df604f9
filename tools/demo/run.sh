#!/usr/bin/env bash
# The main job (`npm run demo`): a demo ML workspace driven end to end by @mlws/nx.
#
#   npm run demo                 # in a new temp dir
#   npm run demo -- <dir>        # in <dir>: new, empty, or left by an earlier run (then emptied first)
#
# What each step shows, and a real run: docs/demo.md. Exit 1 when any step's check fails.
# Set-up is part of it: node modules and the pinned uv are installed into the checkout.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
bash tools/setup/ensure-node-deps.sh
uv_bin="$(bash tools/setup/ensure-uv.sh)"
export UV="$uv_bin" PATH="$(dirname "$uv_bin"):$PATH"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
exec node -r ./tools/setup/ts-register.cjs tools/demo/demo.ts "$@"
