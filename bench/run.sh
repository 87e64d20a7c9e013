#!/usr/bin/env bash
# Runs a benchmark and prints its numbers.
#   bench/run.sh pacing [seconds]
#   bench/run.sh registry [bigMB] [smallCount] [smallMB] [reps]
#   bench/run.sh python [seconds]
#   bench/run.sh media [seconds]            (inside a private network namespace)
#   bench/run.sh twoway [seconds]           (webcam loop latency, A/V offset, audio CPU; namespace too)
#   bench/run.sh ndarray [iterations] | cppn [seconds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-pacing}"; shift || true
mvn -B -q -f "$root/pom.xml" -pl bench -am -DskipTests package >&2
# libgomp threads spin while idle; on 2 shared cores that starves everything else (docs/djl.md).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
cp="$root/bench/target/bench-0.1.0.jar:$root/bench/target/lib/*"
case "$name" in
  pacing) exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.PacingBench "$@" ;;
  registry) exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.RegistryPullBench "$@" ;;
  python) exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.PythonBridgeBench "$@" ;;
  media) exec "$root/scripts/netns-run" java -Xmx2g -cp "$cp" dev.reactorstudio.bench.MediaBench "$root" "$@" ;;
  twoway) exec "$root/scripts/netns-run" java -Xmx2g -cp "$cp" dev.reactorstudio.bench.TwoWayMediaBench "$root" "$@" ;;
  ndarray) exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.reactorstudio.bench.NdArrayEmitBench "$@" ;;
  cppn) cd "$root" && exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.CppnBench "$@" ;;
  *) echo "unknown benchmark: $name (known: pacing, registry, python, media, twoway, ndarray, cppn)" >&2; exit 2 ;;
esac
