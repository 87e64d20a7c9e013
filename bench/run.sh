#!/usr/bin/env bash
# Runs a benchmark and prints its numbers.   bench/run.sh pacing [seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-pacing}"; shift || true
mvn -B -q -f "$root/pom.xml" -pl bench -am -DskipTests package >&2
cp="$root/bench/target/bench-0.1.0.jar:$root/bench/target/lib/*"
case "$name" in
  pacing) exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.PacingBench "$@" ;;
  *) echo "unknown benchmark: $name (known: pacing)" >&2; exit 2 ;;
esac
