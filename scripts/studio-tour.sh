#!/usr/bin/env bash
# Runs the real studio under Xvfb: prints start-up time to the first painted window (the welcome
# screen), then opens examples/hello-pattern and prints the CPU cost of the preview at 30 fps; writes
# docs/images/welcome-{light,dark}.png, docs/images/studio-{light,dark}.png and
# docs/images/preview-media.png (examples/webcam-mirror fed an image and a tone from the Preview).
# `scripts/studio-tour.sh docs/images media` takes only the last one.
# Start-up is printed twice over: as the installed app starts (the app image's launcher and its class-data
# archive, an empty HOME: three runs, then one with class-data sharing off), when an app image exists
# (installers/jpackage/build.sh app-image, or APP=/opt/reactor-studio for the .deb's); then the tour's own
# start from the build's class path (no archive), which is the process that takes the screenshots.
# Needs xvfb and libgtk-3-0 (scripts/setup.sh installs them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v xvfb-run > /dev/null || { echo "studio-tour.sh: needs xvfb-run: sudo apt-get install -y xvfb (scripts/setup.sh installs it)" >&2; exit 1; }
cp="$(scripts/studio-classpath.sh)"

app="${APP:-studio-app/target/jpackage/dist/ReactorStudio}"
first_paint() { # LABEL [JAVA OPTIONS]
  local home pid
  home="$(mktemp -d)"
  setsid env -u XDG_CONFIG_HOME -u XDG_STATE_HOME HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home ${2:-}" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$app/bin/ReactorStudio" > "$home/out" 2>&1 &
  pid=$!
  for _ in $(seq 240); do grep -q 'painted [0-9]* ms' "$home/out" && break; sleep 0.5; done
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "TOUR $1: $(grep -o 'painted [0-9]* ms after JVM start ([0-9-]* ms of CPU)' "$home/out" | head -1 || echo 'no painted window in 120 s')"
  rm -rf "$home"
}
if [[ -x "$app/bin/ReactorStudio" ]]; then
  for run in 1 2 3; do first_paint "app image start-up (launcher + class-data archive, empty HOME), run $run"; done
  first_paint "app image start-up without class-data sharing (-Xshare:off)" -Xshare:off
else
  echo "TOUR no app image at $app (installers/jpackage/build.sh app-image): only the class-path start-up below"
fi
echo "TOUR load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.order=sw -cp "$cp" dev.reactorstudio.studio.app.StudioTour "${1:-docs/images}" ${2:+"$2"}
