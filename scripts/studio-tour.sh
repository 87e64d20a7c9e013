#!/usr/bin/env bash
# Runs the real studio under Xvfb: prints start-up time to the first painted window (the welcome
# screen), then opens examples/hello-pattern and prints the CPU cost of the preview at 30 fps; writes
# docs/images/welcome-{light,dark}.png, docs/images/studio-{light,dark}.png and
# docs/images/preview-media.png (examples/webcam-mirror fed an image and a tone from the Preview).
# `scripts/studio-tour.sh docs/images media` takes only the last one.
# Needs xvfb and libgtk-3-0 (scripts/setup.sh installs them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -o -pl studio-app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test >&2
cp="studio-app/target/test-classes:studio-app/target/classes:$(cat studio-app/target/classpath.txt)"
# The engine from this tree, not whatever another build installed in ~/.m2.
cp="runtime-engine/target/classes:$cp"
exec xvfb-run -a -s "-screen 0 1600x1000x24" java -Dprism.order=sw -cp "$cp" dev.reactorstudio.studio.app.StudioTour "${1:-docs/images}" ${2:+"$2"}
