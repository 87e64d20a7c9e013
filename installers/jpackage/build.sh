#!/usr/bin/env bash
# Builds Reactor Studio as a self-contained app-image (bundled Java runtime) and a .deb.
#   installers/jpackage/build.sh            -> studio-app/target/jpackage/{dist/ReactorStudio, deb/reactor-studio_*.deb}
#   installers/jpackage/build.sh app-image  -> the app-image only
#   REACTOR_PREBUILT=1 ...                  -> package the jars already in studio-app/target (after `mvn verify`)
# The image carries everything a model needs at run time: the examples (lib/app/examples, read-only; the
# studio copies one to ~/ReactorStudio/examples before opening it), jdk.compiler (Java models compile at load),
# the engine jar's Python bridge files and native float kernel (checked below).
# Needs a JDK 17 with jmods (Debian's openjdk-17-jdk-headless has them), fakeroot and dpkg-deb for the .deb.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
what="${1:-all}"
version="$(sed -n 's|.*<version>\([0-9][0-9.]*\)</version>.*|\1|p' pom.xml | head -1)"
work="studio-app/target/jpackage"
input="$work/input"

if [[ -z "${REACTOR_PREBUILT:-}" ]]; then
  mvn -B -q -pl studio-app -am -DskipTests package
fi
rm -rf "$work"
mkdir -p "$input"
cp studio-app/target/reactor-studio.jar studio-app/target/lib/*.jar "$input/"
# The openjfx POMs add empty placeholder jars beside the real -linux ones; they only confuse the class path.
find "$input" -name 'javafx-*.jar' ! -name '*-linux.jar' -size -2k -delete
# The examples, as sources only (no build output a developer may have left in them).
mkdir -p "$input/examples"
for example in examples/*/; do
  [[ -f "$example/manifest.json" ]] || continue
  cp -r "$example" "$input/examples/"
done
find "$input/examples" -type d \( -name target -o -name __pycache__ \) -prune -exec rm -rf {} +
find "$input/examples" -name '*.class' -delete
# What the engine loads from its own jar at run time must be in it: fail here, not on the user's first Run.
engine_jar="$(ls "$input"/runtime-engine-*.jar)"
arch="$(uname -m)"; [[ "$arch" == x86_64 ]] && arch=amd64
for needed in python/reactor_runtime/_child.py python/FILES "dev/reactorstudio/runtime/frame/libreactorframes-$(uname -s)-$arch.so"; do
  if ! jar tf "$engine_jar" | grep -qx "$needed"; then
    echo "build.sh: $needed is missing from $engine_jar (the native kernel needs gcc + libc6-dev at build time)" >&2
    exit 1
  fi
done

# jdeps finds most modules; jdk.compiler is added because single-source Java models are compiled at load
# time (found through a service lookup jdeps cannot see), and the network/TLS modules for the registry.
modules="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http"
modules="$modules,java.prefs,java.scripting,java.security.jgss,java.sql,java.xml,jdk.compiler,jdk.crypto.ec"
modules="$modules,jdk.jfr,jdk.management,jdk.unsupported,jdk.zipfs"

jpackage --type app-image --name ReactorStudio --app-version "$version" \
  --input "$input" --main-jar reactor-studio.jar --main-class dev.reactorstudio.studio.app.StudioLauncher \
  --icon assets/reactor-studio.png --add-modules "$modules" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2" \
  --dest "$work/dist"
grep -qw 'jdk.compiler' "$work/dist/ReactorStudio/lib/runtime/release" \
  || { echo "build.sh: the bundled runtime lacks jdk.compiler (Java models could not compile)" >&2; exit 1; }
echo "app-image: $work/dist/ReactorStudio (run bin/ReactorStudio [MODEL_FOLDER|EXAMPLE_NAME] [--run])"
[[ "$what" == "app-image" ]] && exit 0

# The .deb's computed Depends comes from ldd on the runtime only; JavaFX's natives live in jars and
# need GTK 3, so it is named here (libgtk-3-0t64 on Debian 13). --linux-shortcut writes the desktop entry.
jpackage --type deb --name reactor-studio --app-version "$version" --vendor "Reactor Studio" \
  --description "IDE for real-time generative video models" \
  --app-image "$work/dist/ReactorStudio" --icon assets/reactor-studio.png \
  --linux-shortcut --linux-menu-group "Development" --linux-app-category devel \
  --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" \
  --dest "$work/deb"
echo "deb: $(ls "$work"/deb/*.deb)"
