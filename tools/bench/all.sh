#!/usr/bin/env bash
# Every benchmark of issue 15 in one command, each writing its own section of docs/benchmarks.md:
#
#   npm run bench                 # the full run (~25 min on 2 cores)
#   npm run bench -- --quick      # fewer rounds, smaller sizes (~10 min): a check, not figures to publish
#   npm run bench -- --no-docs    # print only, leave docs/benchmarks.md alone
#   npm run bench -- --docs FILE  # write the sections into FILE instead
#
# graph (tools/bench/graph), affected (tools/bench/affected, when it exists), docker
# (tools/bench/docker, needs a Docker engine) and uv/sync (tools/bench/uv, with a torch-sized wheel).
# A benchmark that cannot run here is skipped with the reason; one that fails does not stop the
# others; the exit code is 1 when any failed. Not part of `npm test`. Extra flags per benchmark:
# GRAPH_ARGS, AFFECTED_ARGS, DOCKER_ARGS, UV_ARGS (appended to the defaults below).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
quick=0
docs=docs/benchmarks.md
while (($#)); do
  a=$1
  shift
  case "$a" in
    --quick) quick=1 ;;
    --no-docs) docs= ;;
    --docs) docs=${1:?--docs needs a file}; shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "[bench] unknown argument $a (use --quick, --no-docs, --docs FILE)" >&2; exit 2 ;;
  esac
done
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
export DOCKER="${DOCKER:-/usr/bin/docker}"
say() { echo "[bench] $*" >&2; }
write=(); [[ -n $docs ]] && write=(--write-docs "$docs")
start=$(date +%s)
summary=()
failed=0

step() { # step <name> <command…>
  local name=$1 t0 rc
  shift
  say "── $name: $*"
  t0=$(date +%s)
  "$@"
  rc=$?
  local took=$(($(date +%s) - t0))
  if ((rc == 0)); then summary+=("$name: ok in ${took}s"); else summary+=("$name: FAILED (exit $rc) after ${took}s"); failed=1; fi
}
skip() { summary+=("$1: SKIPPED — $2"); say "── $1: SKIPPED — $2"; }
# a benchmark's own --quick when it has one
quick_flag() { ((quick)) && node "$1" --help 2>&1 | grep -q -- '--quick' && echo --quick; }

say "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other sessions share this machine)"
step "build the plugin" npx nx run nx:build --output-style=static

# --idle-wait bounds each benchmark's wait for idle CPUs: on a loaded machine the graph's default
# (15 s before each of ~120 measurements) alone took 25 of a 32-minute run
if ((quick)); then graph=(--sizes 200,1000 --repeat 1); else graph=(--sizes 200,1000,3000 --repeat 3); fi
graph+=(--idle-wait 4)
# shellcheck disable=SC2046
step graph node tools/bench/graph/run.mjs "${graph[@]}" $(quick_flag tools/bench/graph/run.mjs) "${write[@]}" ${GRAPH_ARGS:-}

if [[ -f tools/bench/affected/run.mjs ]]; then
  # shellcheck disable=SC2046
  step affected node tools/bench/affected/run.mjs $(quick_flag tools/bench/affected/run.mjs) "${write[@]}" ${AFFECTED_ARGS:-}
else
  skip affected "tools/bench/affected/run.mjs does not exist on this branch (issue 15 item 4 lands with it)"
fi

if bash tools/setup/ensure-docker.sh >/dev/null 2>&1; then
  if ((quick)); then dk=(--quick); else dk=(--repeat 2 --torch-mb 500); fi
  dk+=(--idle-wait 10)
  step docker node tools/bench/docker/run.mjs "${dk[@]}" "${write[@]}" ${DOCKER_ARGS:-}
else
  skip docker "no Docker engine answers here (bash tools/setup/ensure-docker.sh says why)"
fi

if ((quick)); then uvargs=(--quick --torch-mb 200); else uvargs=(--repeat 5 --lock-repeat 3 --warmup 2 --torch-mb 500); fi
uvargs+=(--idle-wait 15)
step "uv/sync" node tools/bench/uv/run.mjs "${uvargs[@]}" "${write[@]}" ${UV_ARGS:-}

total=$(($(date +%s) - start))
say "════ summary ($( ((quick)) && echo quick || echo full ) run)"
for line in "${summary[@]}"; do say "  $line"; done
say "total: $((total / 60)) min $((total % 60)) s; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -n $docs ]] && say "sections written to $docs"
exit $failed
