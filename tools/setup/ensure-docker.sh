#!/usr/bin/env bash
# Makes a Docker engine answer, where this machine allows it: installs Debian's docker.io (and
# debootstrap, for the locally built base image, and docker-registry, the loopback registry of
# the push tests) when missing, starts dockerd as root in the
# background, waits until `docker info` answers. Prints the docker client path on success.
# Exit 1 with the reason when no engine can run here (e.g. not root, no kernel support).
set -uo pipefail
client=/usr/bin/docker     # Debian's client: it has BuildKit (buildx); another docker on PATH may not
log=/tmp/mlws-dockerd.log

say() { echo "[setup] $*" >&2; }
ready() { DOCKER_BUILDKIT=1 "$client" info >/dev/null 2>&1; }

if [[ -x $client ]] && ready; then
  if [[ ! -x /usr/bin/docker-registry && $(id -u) == 0 ]]; then
    say "installing docker-registry (apt-get)"
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry; }; } >"$log.apt" 2>&1 || say "apt-get install docker-registry failed: see $log.apt"
  fi
  echo "$client"; exit 0
fi
if [[ $(id -u) != 0 ]]; then say "no Docker engine answers and this user is not root (cannot start dockerd)"; exit 1; fi

if ! command -v dockerd >/dev/null || [[ ! -x $client ]] || ! command -v debootstrap >/dev/null || [[ ! -x /usr/bin/docker-registry ]]; then
  say "installing docker.io, debootstrap and docker-registry (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq docker.io debootstrap docker-registry; } >"$log.apt" 2>&1 || { say "apt-get install docker.io failed: see $log.apt"; exit 1; }
fi

if ! pgrep -x dockerd >/dev/null; then
  # a dockerd killed with the previous session leaves its pid files behind
  pgrep -x containerd >/dev/null || rm -f /var/run/docker/containerd/containerd.pid
  rm -f /var/run/docker.pid
  say "starting dockerd (log: $log)"
  nohup dockerd >"$log" 2>&1 &
fi
for _ in $(seq 1 60); do
  if ready; then echo "$client"; exit 0; fi
  sleep 1
done
say "dockerd did not answer within 60s: $(tail -n 3 "$log" 2>/dev/null | tr '\n' ' ')"
exit 1
