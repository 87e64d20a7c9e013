#!/usr/bin/env bash
# Regenerates weights/cppn-v1 (or OUT_DIR) with the engine's class path. Deterministic.
#   examples/neural-cppn/generate-weights.sh [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lib="$root/runtime-engine/target/lib"
[[ -d "$lib" ]] || mvn -B -q -f "$root/pom.xml" -pl runtime-engine -am -DskipTests package >&2
exec java -cp "$lib/*" "$here/generate_weights.java" "${1:-$here/weights/cppn-v1}"
