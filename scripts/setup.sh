#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for building, running and testing Reactor Studio,
# then resolves every Maven dependency so later steps can run offline (`mvn -o`).
#   scripts/setup.sh            everything the tests need (CI, scripts/test.sh)
#   scripts/setup.sh --runtime  only what bin/reactor and bin/studio need to build and run
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runtime_only=false
[[ "${1:-}" == "--runtime" ]] && runtime_only=true
need=()
command -v java >/dev/null && java -version 2>&1 | grep -q '"17' || need+=(openjdk-17-jdk-headless)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
$runtime_only || command -v ip >/dev/null || need+=(iproute2)
# Python models run in Debian's python3 with numpy (the bridge needs nothing else).
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import numpy' 2>/dev/null || need+=(python3 python3-numpy)
# A model's requirements.txt installs into a venv of its own (python3 -m venv, with pip from python3-venv).
dpkg -s python3-venv >/dev/null 2>&1 || need+=(python3-venv)
# The engine's native float-to-frame pass (runtime-engine/src/main/native) is compiled with gcc;
# without it the build falls back to slower tensor ops for float NDArray frames.
command -v gcc >/dev/null || need+=(gcc)
dpkg -s libc6-dev >/dev/null 2>&1 || need+=(libc6-dev)
# WebRTC: webrtc-java's natives link libpulse; the browser e2e tests drive Debian's chromium
# (never a downloaded browser) with node.
dpkg -s libpulse0 >/dev/null 2>&1 || need+=(libpulse0)
if ! $runtime_only; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  # The fleet tests start their own redis-server on a free loopback port (docs/fleet.md).
  command -v redis-server >/dev/null || need+=(redis-server)
  # The studio under a real X server (screenshots, scripts/studio-tour.sh); its tests use Monocle and need neither.
  command -v Xvfb >/dev/null || need+=(xvfb)
  # scripts/studio-wm-check.sh (in the test run): the studio's windows under a real window manager.
  command -v openbox >/dev/null || need+=(openbox)
  command -v xwininfo >/dev/null || need+=(x11-utils)
fi
# JavaFX's windowing toolkit (the studio).
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [[ ${#need[@]} -gt 0 ]]; then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: please install (as root): ${need[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "setup: installing ${need[*]}..." >&2
  "${sudo[@]}" apt-get update -qq
  # env, because sudo resets the environment (debconf would prompt).
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
$runtime_only && exit 0
echo "setup: installing the browser e2e packages (e2e/js-sdk, e2e/livekit)..." >&2
for dir in js-sdk livekit; do
  (cd "$root/e2e/$dir" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
done
echo "setup: resolving Maven dependencies..." >&2
mvn -B -q -f "$root/pom.xml" -DskipTests install
mvn -B -q -f "$root/pom.xml" dependency:go-offline >/dev/null || true
