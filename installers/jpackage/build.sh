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
# Makes the class-data sharing archive where the app lives (lib/app/studio-cds.sh; the .deb runs it in postinst).
cp installers/jpackage/studio-cds.sh "$input/"
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
  --java-options '-XX:SharedArchiveFile=$APPDIR/studio.jsa' \
  --dest "$work/dist"
grep -qw 'jdk.compiler' "$work/dist/ReactorStudio/lib/runtime/release" \
  || { echo "build.sh: the bundled runtime lacks jdk.compiler (Java models could not compile)" >&2; exit 1; }

# Start-up: class-data sharing (AppCDS). A training run starts the image with an empty home, paints the welcome
# screen, opens the first example and quits (StartupTraining); the JVM lists every class it loaded, and
# studio-cds.sh dumps them into lib/app/studio.jsa, which the launcher maps (the -XX:SharedArchiveFile above;
# a missing archive is ignored). Java 17 cannot relocate such an archive, so the .deb makes its own at install.
image="$work/dist/ReactorStudio"
on_display=()
[[ -z "${DISPLAY:-}" ]] && on_display=(xvfb-run -a -s "-screen 0 1600x1000x24")
if [[ -z "${DISPLAY:-}" ]] && ! command -v xvfb-run > /dev/null; then
  echo "build.sh: no display and no xvfb-run: the image has no class-data archive and starts slower" >&2
else
  train_home="$(mktemp -d)"
  if ! env -u XDG_CONFIG_HOME -u XDG_STATE_HOME HOME="$train_home" \
      JAVA_TOOL_OPTIONS="-Duser.home=$train_home -Dreactor.studio.training=true -XX:DumpLoadedClassList=$image/lib/app/studio.classlist" \
      timeout 300 "${on_display[@]}" "$image/bin/ReactorStudio" > "$work/training.log" 2>&1 \
      || ! grep -q '^dev/reactorstudio/studio/manifest/ManifestForm$' "$image/lib/app/studio.classlist"; then
    tail -20 "$work/training.log" >&2
    echo "build.sh: the training run failed (above), so there is no class-data archive" >&2
    exit 1
  fi
  rm -rf "$train_home"
  "$image/lib/app/studio-cds.sh"
fi
echo "app-image: $work/dist/ReactorStudio (run bin/ReactorStudio [MODEL_FOLDER|EXAMPLE_NAME] [--run])"
[[ "$what" == "app-image" ]] && exit 0
for tool in fakeroot dpkg-deb; do
  command -v $tool > /dev/null || { echo "build.sh: the .deb needs $tool: sudo apt-get install -y fakeroot (the app-image above is built)" >&2; exit 1; }
done

# The .deb's computed Depends comes from ldd on the runtime only; JavaFX's natives live in jars and
# need GTK 3, so it is named here (libgtk-3-0t64 on Debian 13). --linux-shortcut writes the desktop entry.
# The archive made above fits this folder only: the .deb ships the class list and its postinst
# (installers/jpackage/resources) makes the archive under /opt; its prerm removes it.
# gzip, not dpkg-deb's default xz: the image is mostly compressed jars and modules, so xz saved 2 % of 243 MB for
# ~25 minutes of a loaded 2-core machine, where gzip takes seconds (any dpkg unpacks it).
export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
jsa_aside="$work/studio.jsa.aside"
[[ -f "$image/lib/app/studio.jsa" ]] && mv "$image/lib/app/studio.jsa" "$jsa_aside"
jpackage --type deb --name reactor-studio --app-version "$version" --vendor "Reactor Studio" \
  --description "IDE for real-time generative video models" \
  --app-image "$work/dist/ReactorStudio" --icon assets/reactor-studio.png \
  --linux-shortcut --linux-menu-group "Development" --linux-app-category devel \
  --linux-package-deps "libgtk-3-0 | libgtk-3-0t64" \
  --resource-dir installers/jpackage/resources \
  --dest "$work/deb"
[[ -f "$jsa_aside" ]] && mv "$jsa_aside" "$image/lib/app/studio.jsa"
echo "deb: $(ls "$work"/deb/*.deb)"
