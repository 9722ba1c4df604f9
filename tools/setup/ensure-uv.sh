#!/usr/bin/env bash
# Installs the pinned uv (tools/setup/versions.env) into the project-local .tools/ folder from PyPI
# and prints the path of the uv binary on stdout (progress goes to stderr). Idempotent: a second
# run only checks `uv --version`. .tools/ is git-ignored.
#
#   UV="$(bash tools/setup/ensure-uv.sh)" && "$UV" --version
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=versions.env
source "$repo/tools/setup/versions.env"

target="$repo/.tools/uv-$UV_VERSION"
uv_bin="$target/bin/uv"

is_ok() { [[ -x "$uv_bin" ]] && [[ "$("$uv_bin" --version 2>/dev/null)" == "uv $UV_VERSION"* ]]; }

if ! is_ok; then
  python="${PYTHON:-python3}"
  command -v "$python" >/dev/null || { echo "[setup] $python not found; it is needed to install uv from PyPI" >&2; exit 1; }
  echo "[setup] installing uv $UV_VERSION into ${target#"$repo"/} (pip, PyPI)" >&2
  mkdir -p "$repo/.tools"
  # Install into a scratch dir first, then rename: an interrupted install never looks complete.
  scratch="$(mktemp -d "$repo/.tools/.uv-install-XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
  "$python" -m pip install --quiet --disable-pip-version-check --no-input \
    --root-user-action=ignore --target "$scratch" "uv==$UV_VERSION" >&2
  [[ -x "$scratch/bin/uv" ]] || { echo "[setup] pip did not produce $scratch/bin/uv" >&2; exit 1; }
  rm -rf "$target"
  mv "$scratch" "$target"
  trap - EXIT
  is_ok || { echo "[setup] $uv_bin --version does not report $UV_VERSION" >&2; exit 1; }
fi
echo "$uv_bin"
