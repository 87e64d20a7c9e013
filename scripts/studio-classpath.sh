#!/usr/bin/env bash
# Compiles the studio's test classes (offline) and prints the class path the tools that drive the real studio
# under an X server run on (scripts/studio-tour.sh, scripts/studio-wm-check.sh), relative to the repository
# root: the engine and the studio of this tree first, never whatever another build installed in ~/.m2.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mvn -B -q -o -pl studio-app -am test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test >&2
echo "runtime-engine/target/classes:studio-app/target/test-classes:studio-app/target/classes:$(cat studio-app/target/classpath.txt)"
