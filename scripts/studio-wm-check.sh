#!/usr/bin/env bash
# The studio under a real window manager (openbox on Xvfb, 1600x1000), as a new user meets it: the first
# window's size and place, the place remembered across a relaunch, and New Model / Open over a maximized
# studio (centred on it; the studio keeps its size). Prints "WM ok|FAIL ..." per check, writes screenshots
# of the whole screen to the folder given (default studio-app/target/wm-check), exits 1 on a failure.
# Needs xvfb and openbox (apt-get install -y xvfb openbox).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(realpath -m "${1:-studio-app/target/wm-check}")"
command -v openbox > /dev/null || { echo "studio-wm-check.sh: needs openbox (apt-get install -y openbox)" >&2; exit 1; }
mvn -B -q -o -pl studio-app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test >&2
cp="runtime-engine/target/classes:studio-app/target/test-classes:studio-app/target/classes:$(cat studio-app/target/classpath.txt)"
# shellcheck disable=SC2016 # expanded by the inner shell, inside the X server xvfb-run starts
exec xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  openbox & wm=$!
  sleep 1
  java -Dprism.order=sw -cp "$0" dev.reactorstudio.studio.app.WindowManagerCheck "$1"; rc=$?
  kill $wm 2>/dev/null || true
  exit $rc' "$cp" "$out"
