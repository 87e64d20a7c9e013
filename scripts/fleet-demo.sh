#!/usr/bin/env bash
# docs/fleet.md's one-machine walkthrough, run step by step as the doc writes it: Redis, two
# coordinators on it, two hello-pattern runtimes joined to both, a token from GET /tokens, then
# three browsers (headless Chromium driving the unmodified JS SDK in production mode): two stream,
# the third waits at position 1 (read from both coordinators) and streams once the first leaves.
# Then coordinator A stops, B still answers, and A restarted reads the state back from Redis.
#
#   scripts/fleet-demo.sh
#
# Runs inside a private network namespace (scripts/netns-run): Chromium ignores loopback for
# WebRTC, and the namespace keeps the doc's fixed ports (6379, 8080, 8090, 8181/7881, 8182/7882)
# off the host. Needs redis-server, chromium, node and the engine jar (scripts/setup.sh and
# `bin/reactor --help` provide them), e2e/js-sdk's npm packages and curl (apt-get install -y curl).
# Exits non-zero when a step fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ "${1:-}" != "--inside-namespace" ]]; then
  for tool in redis-server chromium node python3; do
    command -v "$tool" >/dev/null || { echo "fleet-demo: needs $tool (scripts/setup.sh installs it)" >&2; exit 2; }
  done
  command -v curl >/dev/null || { echo "fleet-demo: needs curl (sudo apt-get install -y curl)" >&2; exit 2; }
  "$root/bin/reactor" --help >/dev/null                      # builds the engine on first use (needs the network)
  [[ -d "$root/e2e/js-sdk/node_modules" ]] || (cd "$root/e2e/js-sdk" && npm ci --no-audit --no-fund)
  exec "$root/scripts/netns-run" "$0" --inside-namespace
fi

cd "$root"
work="$(mktemp -d /tmp/reactor-fleet-demo-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
# Starts one of the walkthrough's background commands, its output in $work/NAME.log.
start() { local name="$1"; shift; "$@" >"$work/$name.log" 2>&1 & pids+=($!); eval "pid_$name=$!"; }
wait_for() {  # wait_for SECONDS WHAT COMMAND...
  local seconds="$1" what="$2"; shift 2
  for _ in $(seq $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "fleet-demo: timed out waiting for $what; logs in $work:" >&2
  tail -n 20 "$work"/*.log >&2
  exit 1
}

step "secret and Redis"
openssl rand -hex 32 > "$work/fleet-secret"
start redis redis-server --port 6379 --save ''
wait_for 10 "redis-server" redis-cli -p 6379 ping

step "two coordinators on the same Redis"
coordinator() {  # exec: the background job's pid is the coordinator's own, so kill stops it
  exec bin/reactor coordinator --port "$1" --state redis://127.0.0.1:6379 --jwt-secret-file "$work/fleet-secret" --api-key dev-key
}
start coordA coordinator 8080
start coordB coordinator 8090
wait_for 60 "coordinator A" curl -sf localhost:8080/health
wait_for 60 "coordinator B" curl -sf localhost:8090/health

step "two hello-pattern runtimes, joined to both coordinators"
start rt1 bin/reactor run examples/hello-pattern --join http://127.0.0.1:8080,http://127.0.0.1:8090 \
    --jwt-secret-file "$work/fleet-secret" --port 8181 --media-port 7881
start rt2 bin/reactor run examples/hello-pattern --join http://127.0.0.1:8080,http://127.0.0.1:8090 \
    --jwt-secret-file "$work/fleet-secret" --port 8182 --media-port 7882

TOKEN=$(curl -s -H 'Reactor-API-Key: dev-key' localhost:8080/tokens | python3 -c 'import sys,json;print(json.load(sys.stdin)["jwt"])')
two_idle() {  # two_idle PORT: that coordinator lists two idle runtimes
  curl -sf "localhost:$1/fleet" -H "Authorization: Bearer $TOKEN" \
    | python3 -c 'import sys,json;sys.exit(sum(r["state"]=="idle" for r in json.load(sys.stdin)["runtimes"]) != 2)'
}
wait_for 180 "two idle runtimes" two_idle 8090
curl -s localhost:8090/fleet -H "Authorization: Bearer $TOKEN"; echo

step "three browsers: two stream, the third waits, then streams"
node e2e/js-sdk/fleet.mjs --api http://127.0.0.1:8080 --api2 http://127.0.0.1:8090 --api-key dev-key \
    --page-host 127.0.0.1 walkthrough | tee "$work/browsers.log" | grep -v '^RESULT '
result=$(grep '^RESULT ' "$work/browsers.log" | cut -c8-)
python3 - "$result" <<'EOF'
import json, sys
r = json.loads(sys.argv[1])
if not r.get("ok"):
    sys.exit("fleet-demo: the browsers failed: " + r.get("error", "?"))
for k, fleet in enumerate(r["fleets"]):
    queue = fleet["queue"]
    assert [q["session_id"] for q in queue] == [r["waiting"]] and queue[0]["position"] == 1, f"coordinator {k}: {queue}"
    assert sorted(x["state"] for x in fleet["runtimes"]) == ["busy", "busy"], fleet["runtimes"]
assert r["threeWhileFull"]["status"] == "waiting" and r["threeWhileFull"]["frames"] == 0, r["threeWhileFull"]
assert r["three"]["status"] == "ready" and r["three"]["frames"] >= 30, r["three"]
print(f"browser 3 waited at position 1 on both coordinators, then streamed "
      f"{r['three']['videoWidth']}x{r['three']['videoHeight']} ({r['three']['frames']} frames)")
EOF

step "stop coordinator A: B answers; start A again: it reads the state from Redis"
kill "$pid_coordA"; wait "$pid_coordA" 2>/dev/null || true
curl -sf localhost:8090/fleet -H "Authorization: Bearer $TOKEN"; echo
start coordA coordinator 8080
wait_for 60 "coordinator A again" curl -sf localhost:8080/health
wait_for 30 "two idle runtimes seen by the restarted A" two_idle 8080
curl -s localhost:8080/fleet -H "Authorization: Bearer $TOKEN"; echo

step "done: every step of the walkthrough held"
