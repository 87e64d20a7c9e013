#!/usr/bin/env bash
# The installed app runs models: builds the jpackage app-image (installers/jpackage/build.sh), then starts
# bin/ReactorStudio under Xvfb with an empty HOME for the Java example (hello-pattern) and the Python one
# (python-noise), each with --run, and waits until the runtime's /metrics counts delivered frames. A third
# start points REACTOR_PYTHON at an interpreter without numpy and expects the install command in the
# studio's log file. Exit 0 when all three hold.
#   scripts/app-image-test.sh            # builds the app-image first (jars from `mvn verify` when REACTOR_PREBUILT=1)
#   APP=/path/to/ReactorStudio scripts/app-image-test.sh   # test an image built elsewhere (e.g. the .deb's /opt/reactor-studio)
#   LAUNCHER=/usr/bin/reactor-studio FOLDER=/tmp/x/hello-pattern ...   # start it through another path (the .deb's link),
#                                        and also run a model folder given by path (scripts/deb-test.sh does both)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ -z "${APP:-}" ]]; then
  installers/jpackage/build.sh app-image >&2
  APP="$root/studio-app/target/jpackage/dist/ReactorStudio"
fi
[[ -x "$APP/bin/ReactorStudio" ]] || { echo "no app-image at $APP" >&2; exit 1; }
launcher="${LAUNCHER:-$APP/bin/ReactorStudio}"
[[ -f "$APP/lib/app/examples/hello-pattern/manifest.json" ]] || { echo "the app-image carries no examples" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]]; then kill -- -"$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts the app on an example with a fresh HOME. Only the ports are preset (a free one each, so a
# `reactor run` elsewhere on this machine cannot clash); everything else is first-run state.
start() { # NAME|FOLDER [ENV=VALUE...]
  local name="$1"; shift
  home="$work/home-$(basename "$name")-$RANDOM"
  mkdir -p "$home/.config/reactor-studio"
  runtime_port="$(free_port)"
  printf 'port.runtime=%s\nport.coordinator=%s\nport.media=%s\n' "$runtime_port" "$(free_port)" "$(free_port)" \
    > "$home/.config/reactor-studio/settings.properties"
  # Java takes user.home from the password database, not $HOME: the engine's caches must land in the empty home too.
  setsid env -u XDG_CONFIG_HOME -u XDG_STATE_HOME HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" "$@" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$launcher" "$name" --run > "$work/$(basename "$name").out" 2>&1 &
  pid=$!
}

stop() {
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
}

frames() { # python3 rather than curl: setup.sh installs it anyway
  python3 - "$runtime_port" <<'PY' 2>/dev/null
import sys, urllib.request
text = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/metrics", timeout=2).read().decode()
print(next(int(float(l.split()[1])) for l in text.splitlines() if l.startswith("reactor_frames_delivered_total")))
PY
}

expect_frames() { # NAME|FOLDER
  local name="$1" start_s=$SECONDS delivered=0 out="$work/$(basename "$1").out"
  start "$name"
  while (( SECONDS - start_s < 180 )); do
    delivered="$(frames || true)"
    if [[ -n "$delivered" && "$delivered" -ge 30 ]]; then break; fi
    sleep 1
  done
  local painted
  painted="$(grep -o 'painted [0-9]* ms after JVM start\( ([0-9-]* ms of CPU)\)\?' "$out" | head -1 || true)"
  stop
  if [[ -z "$delivered" || "$delivered" -lt 30 ]]; then
    echo "FAIL $name: ${delivered:-no} frames in /metrics after 180 s; the app said:" >&2
    tail -30 "$out" >&2
    exit 1
  fi
  [[ -d "$name" || -f "$home/ReactorStudio/examples/$name/manifest.json" ]] \
    || { echo "FAIL $name: not run from a writable copy in ~/ReactorStudio/examples" >&2; exit 1; }
  [[ -s "$home/.local/state/reactor-studio/logs/studio.log" ]] && grep -q "Session .* started" "$home/.local/state/reactor-studio/logs/studio.log" \
    || { echo "FAIL $name: no log file in ~/.local/state/reactor-studio/logs" >&2; exit 1; }
  echo "ok $name: $delivered frames delivered $((SECONDS - start_s)) s after launch (window ${painted:-not logged}; load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

expect_frames hello-pattern
expect_frames python-noise
if [[ -n "${FOLDER:-}" ]]; then expect_frames "$FOLDER"; fi

# An interpreter without numpy (python3 -S skips site-packages, where numpy lives): the Run fails with
# the command that fixes it, not a stack trace.
printf '#!/bin/sh\nexec python3 -S "$@"\n' > "$work/python-without-numpy"
chmod +x "$work/python-without-numpy"
start python-noise REACTOR_PYTHON="$work/python-without-numpy"
log="$home/.local/state/reactor-studio/logs/studio.log"
start_s=$SECONDS
until grep -q "Run failed\|did not load" "$log" 2>/dev/null || (( SECONDS - start_s > 120 )); do sleep 1; done
stop
if grep -q "numpy is not installed.*apt-get install python3-numpy" "$log"; then
  echo "ok missing numpy: $(grep -o 'numpy is not installed.*apt-get install python3-numpy' "$log" | head -1)"
else
  echo "FAIL missing numpy: the log does not name the fix:" >&2
  tail -20 "$log" >&2
  exit 1
fi
