#!/usr/bin/env bash
# The test command of the repo (`npm test`): setup, typecheck, unit tests, e2e suites.
#
#   npm test                      # everything (what CI runs: .ci/run)
#   npm test -- unit              # setup + typecheck + unit tests of the plugin
#   npm test -- e2e [pattern…]    # setup + e2e suites (jest path patterns, e.g. `e2e smoke`)
#   MLWS_E2E_NX_VERSION=23.3.2 npm test -- e2e nx-compat   # one suite on another Nx
#
# Exits non-zero if any phase fails (all phases run, a summary is printed at the end).
# Outside CI (CI unset) a suite whose tool (uv, docker) is missing is skipped loudly;
# with CI=true nothing skips. MLWS_KEEP_TMP=1 keeps the /tmp/mlws-e2e-* dirs.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
# shellcheck source=../setup/versions.env
source tools/setup/versions.env

what="${1:-all}"
case "$what" in
  all | unit | e2e) shift || true ;;
  *) echo "usage: npm test -- [all|unit|e2e] [jest path patterns…]" >&2; exit 2 ;;
esac

ci=false
[[ "${CI:-}" =~ ^(1|true|TRUE|True|yes)$ ]] && ci=true
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

t_start=$SECONDS
declare -a summary=()
failed=0
phase() { # phase <name> <command…>
  local name="$1"; shift
  local t0=$SECONDS
  echo
  echo "==> [$name] $*"
  if "$@"; then
    summary+=("$(printf 'ok    %-10s %4ss' "$name" $((SECONDS - t0)))")
  else
    summary+=("$(printf 'FAIL  %-10s %4ss   (%s)' "$name" $((SECONDS - t0)) "$*")")
    failed=1
  fi
}
results_dir="$(mktemp -d /tmp/mlws-test-results-XXXXXX)"
finish() {
  echo
  echo "==> summary (total $((SECONDS - t_start))s)"
  printf '    %s\n' "${summary[@]}"
  # One closing line over every jest run: "N passed, N failed" (", N skipped" when any).
  node -e '
    const fs = require("fs"), path = require("path");
    let passed = 0, failed = 0, skipped = 0;
    for (const f of fs.readdirSync(process.argv[1])) {
      try {
        const r = JSON.parse(fs.readFileSync(path.join(process.argv[1], f), "utf8"));
        passed += r.numPassedTests; failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0); skipped += r.numPendingTests + r.numTodoTests;
      } catch { failed += 1; }
    }
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  ' "$results_dir"
  rm -rf "$results_dir"
  exit "$failed"
}

# ---- setup: node deps and the pinned uv ------------------------------------------------------
phase setup-node bash tools/setup/ensure-node-deps.sh
[[ $failed == 0 ]] || finish

t0=$SECONDS
if uv_bin="$(bash tools/setup/ensure-uv.sh)"; then
  export UV="$uv_bin"
  export PATH="$(dirname "$uv_bin"):$PATH"
  summary+=("$(printf 'ok    %-10s %4ss   (%s)' setup-uv $((SECONDS - t0)) "$("$UV" --version)")")
elif [[ $ci == true ]]; then
  summary+=("$(printf 'FAIL  %-10s %4ss   (uv %s could not be installed; CI=true)' setup-uv $((SECONDS - t0)) "$UV_VERSION")")
  failed=1
  finish
else
  echo
  echo "!!! uv $UV_VERSION could not be installed (needs python3 + pip and PyPI)."
  echo "!!! Suites that need uv will be SKIPPED. Fix: bash tools/setup/ensure-uv.sh"
  summary+=("$(printf 'WARN  %-10s %4ss   (uv missing: uv suites skip)' setup-uv $((SECONDS - t0)))")
fi

# ---- the Docker engine, where this machine allows one (the docker suite needs it) ---------------
t0=$SECONDS
if docker_bin="$(bash tools/setup/ensure-docker.sh)"; then
  export DOCKER="$docker_bin"
  summary+=("$(printf 'ok    %-10s %4ss   (%s)' setup-docker $((SECONDS - t0)) "$("$DOCKER" version --format 'engine {{.Server.Version}}' 2>/dev/null)")")
else
  echo
  echo "!!! No Docker engine can run here (see the [setup] line above). The docker suite prints why and"
  echo "!!! does not run; everything else does."
  export MLWS_DOCKER_UNAVAILABLE="$(bash tools/setup/ensure-docker.sh 2>&1 >/dev/null | tail -n 1)"
  summary+=("$(printf 'WARN  %-10s %4ss   (no Docker engine: %s)' setup-docker $((SECONDS - t0)) "$MLWS_DOCKER_UNAVAILABLE")")
fi

# ---- typecheck + unit tests of the plugin ----------------------------------------------------
if [[ $what == all || $what == unit ]]; then
  phase typecheck bash -c 'npx tsc -p packages/nx/tsconfig.spec.json && npx tsc -p e2e/nx-e2e/tsconfig.json'
  # @nx/nx-plugin-checks reads the cached project graph: compute it first (a fresh clone has none)
  phase lint bash -c 'npx nx show projects >/dev/null && npx eslint --max-warnings=0 packages/nx && npx prettier --check . >/dev/null'
  if [[ -n "$(find packages/nx/src -name '*.spec.ts' -print -quit 2>/dev/null)" ]]; then
    # The plugin loads execa 9 (ESM-only) with a dynamic import(); inside jest's vm sandbox that
    # needs --experimental-vm-modules (jest 30 cannot require(esm) on Node < 24.9).
    # unit tests make temp workspaces (mlws-gen-*, mlws-exec-*, …): give them one dir, removed after
    unit_tmp="$(mktemp -d "${TMPDIR:-/tmp}/mlws-unit-XXXXXX")"
    phase unit env NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules --disable-warning=ExperimentalWarning" TMPDIR="$unit_tmp" \
      npx jest -c packages/nx/jest.config.cjs --json --outputFile="$results_dir/unit.json"
    rm -rf "$unit_tmp"
  else
    echo; echo "==> [unit] no packages/nx/src/**/*.spec.ts yet: nothing to run"
    summary+=("$(printf 'skip  %-10s %4ss   (no unit specs yet)' unit 0)")
  fi
fi

# ---- e2e suites ------------------------------------------------------------------------------
if [[ $what == all || $what == e2e ]]; then
  v="${MLWS_E2E_NX_VERSION:-$NX_VERSION}"
  phase "e2e-nx${v%%.*}" npx jest -c e2e/nx-e2e/jest.config.cjs --runInBand --json --outputFile="$results_dir/e2e.json" "$@"
  # Every older Nx major the peer range claims: the Nx-facing suites again, in workspaces that
  # install that Nx (the plugin built above is reused). Skipped when suites were named.
  if [[ $# == 0 ]]; then
    for v in ${NX_OLDER_MAJORS//,/ }; do
      phase "e2e-nx${v%%.*}" env MLWS_E2E_NX_VERSION="$v" MLWS_E2E_SKIP_BUILD=1 \
        npx jest -c e2e/nx-e2e/jest.config.cjs --runInBand --json --outputFile="$results_dir/e2e-nx$v.json" \
        'src/(smoke|graph|affected|affected-tasks|nx-compat)\.spec\.ts$'
    done
  fi
fi

finish
