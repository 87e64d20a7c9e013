#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for building, running and testing Reactor Studio,
# then resolves every Maven dependency so later steps can run offline (`mvn -o`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
need=()
command -v java >/dev/null && java -version 2>&1 | grep -q '"17' || need+=(openjdk-17-jdk-headless)
command -v javac >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v ip >/dev/null || need+=(iproute2)
# The studio under a real X server (screenshots, scripts/studio-tour.sh); its tests use Monocle and need neither.
command -v Xvfb >/dev/null || need+=(xvfb)
ldconfig -p 2>/dev/null | grep -q libgtk-3.so.0 || need+=(libgtk-3-0)
if [[ ${#need[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]]; then echo "setup: please install: ${need[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
echo "setup: resolving Maven dependencies..." >&2
mvn -B -q -f "$root/pom.xml" -DskipTests install
mvn -B -q -f "$root/pom.xml" dependency:go-offline >/dev/null || true
