#!/usr/bin/env bash
# Runs a benchmark and prints its numbers.   bench/run.sh pacing|media [seconds]
# media: glass-to-glass latency, connect→first frame and CPU per viewer with the JS SDK in headless
# Chromium; runs inside scripts/netns-run (WebRTC ignores loopback), so it needs root and setup.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-pacing}"; shift || true
mvn -B -q -f "$root/pom.xml" -pl bench -am -DskipTests package >&2
cp="$root/bench/target/bench-0.1.0.jar:$root/bench/target/lib/*"
case "$name" in
  pacing) exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.PacingBench "$@" ;;
  media) exec "$root/scripts/netns-run" java -Xmx2g -cp "$cp" dev.reactorstudio.bench.MediaBench "$root" "$@" ;;
  *) echo "unknown benchmark: $name (known: pacing, media)" >&2; exit 2 ;;
esac
