#!/usr/bin/env bash
# Runs a benchmark and prints its numbers.
#   bench/run.sh pacing [seconds]
#   bench/run.sh registry [bigMB] [smallCount] [smallMB] [reps]
#   bench/run.sh python [seconds]
#   bench/run.sh media [seconds]            (inside a private network namespace)
#   bench/run.sh twoway [seconds] [loop|av|cpu] (webcam loop latency, A/V offset, audio CPU; namespace too)
#   bench/run.sh av [seconds]               (= twoway SECONDS av: A/V offset at the runtime and in the page)
#   bench/run.sh ndarray [iterations] | cppn [seconds]
#   bench/run.sh fleet [memory|redis|both] [clients=200] [runtimes=10] [seconds=20]
#   bench/run.sh turnover [cycles]          (stop→start over the runtime API)
#   bench/run.sh noise [seconds]            (hard content: fps presented in Chromium; private network namespace)
#   bench/run.sh hd [seconds] [both|on|off] [rounds] [START:MIN:MAX]  (720p uncapped: fps the browser receives vs FFmpeg
#                                           libvpx encode-only at each run's bitrate; namespace too)
#   bench/run.sh latency [commands]         (command → visible change via the JS SDK; inside a private network namespace)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-pacing}"; shift || true
rm -rf "$root/bench/target/lib"   # no jars of an older dependency set left on the class path
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
  av) exec "$root/scripts/netns-run" java -Xmx2g -cp "$cp" dev.reactorstudio.bench.TwoWayMediaBench "$root" "${1:-20}" av ;;
  ndarray) exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.reactorstudio.bench.NdArrayEmitBench "$@" ;;
  turnover) exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.TurnoverBench "$root" "$@" ;;
  noise) exec "$root/scripts/netns-run" java -Xmx2g -cp "$cp" dev.reactorstudio.bench.NoiseBench "$root" "$@" ;;
  hd) exec "$root/scripts/netns-run" java -Xmx2g -cp "$cp" dev.reactorstudio.bench.HdBench "$root" "$@" ;;
  latency) exec "$root/scripts/netns-run" java -Xmx2g -cp "$cp" dev.reactorstudio.bench.CommandLatencyBench "$root" "$@" ;;
  cppn) cd "$root" && exec java -Xmx2g -cp "$cp" dev.reactorstudio.bench.CppnBench "$@" ;;
  fleet) exec java -Xmx1g -cp "$cp" dev.reactorstudio.bench.FleetBench "$@" ;;
  *) echo "unknown benchmark: $name (known: pacing, registry, python, media, twoway, av, ndarray, cppn, turnover, latency, noise, hd, fleet)" >&2; exit 2 ;;
esac
