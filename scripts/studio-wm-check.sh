#!/usr/bin/env bash
# The studio under a real window manager (openbox on Xvfb, 1600x1000), as a new user meets it: the first
# window's size and place, the place remembered across a relaunch; New Model, Settings, Keyboard Shortcuts,
# About and Open Folder over the studio as the user left it, then New Model (three times) and Open over a
# maximized studio: each centred on the studio where X has the windows (xwininfo), the studio keeping its
# place and size (WindowManagerCheck). Prints "WM ok|FAIL ..." per check with the geometries and how far
# each dialog's centre is from the studio's, writes screenshots of the whole screen to the folder given
# (default studio-app/target/wm-check), exits 1 on a failure. About a minute; scripts/test.sh runs it.
# Needs xvfb, openbox and x11-utils (xwininfo), which scripts/setup.sh installs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$(realpath -m "${1:-studio-app/target/wm-check}")"
for tool in openbox xwininfo; do
  command -v $tool > /dev/null || { echo "studio-wm-check.sh: needs $tool (apt-get install -y openbox x11-utils)" >&2; exit 1; }
done
cp="$(scripts/studio-classpath.sh)"
# shellcheck disable=SC2016 # expanded by the inner shell, inside the X server xvfb-run starts
exec xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  openbox & wm=$!
  sleep 1
  java -Dprism.order=sw -cp "$0" dev.reactorstudio.studio.app.WindowManagerCheck "$1"; rc=$?
  kill $wm 2>/dev/null || true
  exit $rc' "$cp" "$out"
