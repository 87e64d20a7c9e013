#!/usr/bin/env bash
# Longer fuzz runs than CI's (same tests, more cases, any seed); prints what each run covered.
#   bench/fuzz.sh manifest [cases] [seed]        (CI: 1,500 cases)
#   bench/fuzz.sh http [cases] [seed]            (CI: 1,500 requests over every route of the four servers)
#   bench/fuzz.sh datachannel [frames] [seed]    (CI: 600 frames from a real WebRTC peer; runs in scripts/netns-run)
#   bench/fuzz.sh livekit [packets] [seed]       (CI: 600 DataPackets from a real LiveKit peer on :7880; runs in scripts/netns-run)
# A failure names the seed and case number; the same command with that seed replays it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:-manifest}"; shift || true
cases="${1:-}"; seed="${2:-}"
props=()
[[ -n "$cases" ]] && props+=("-Dfuzz.iterations=$cases")
[[ -n "$seed" ]] && props+=("-Dfuzz.seed=$seed")
cd "$root"
mvn -B -o -q -pl runtime-engine -am test-compile >&2
run() { # test class, extra args...
  local test="$1"; shift
  "$@" mvn -B -o -pl runtime-engine surefire:test -Dtest="$test" -Dtest.excludedGroups= ${props[@]+"${props[@]}"} \
    -Dsurefire.failIfNoSpecifiedTests=false | grep -E "fuzz:|Tests run:|FAIL|replay" || true
}
case "$name" in
  manifest) run ManifestFuzzTest ;;
  http) run HttpFuzzTest ;;
  datachannel) run DataChannelFuzzTest "$root/scripts/netns-run" ;;
  livekit) run LiveKitDataFuzzTest "$root/scripts/netns-run" ;;
  *) echo "unknown fuzzer: $name (known: manifest, http, datachannel, livekit)" >&2; exit 2 ;;
esac
