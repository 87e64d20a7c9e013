#!/bin/sh
# Makes the class-data sharing archive (AppCDS) of an installed Reactor Studio: a static archive of the
# classes listed in studio.classlist (recorded by the build's training run, see build.sh), written next to it
# as studio.jsa, which the launcher maps at every start (-XX:SharedArchiveFile=$APPDIR/studio.jsa in
# ReactorStudio.cfg). It roughly halves the CPU the studio needs to its first frame. The archive records the
# absolute paths of the jars, so it is made where the app lives: by build.sh for the app-image, by the .deb's
# postinst under /opt. Without it, or after the app is moved, the studio starts as before, only slower.
set -e
app="$(cd "$(dirname "$0")" && pwd -P)"   # .../lib/app, as the launcher resolves $APPDIR
[ -f "$app/studio.classlist" ] || { echo "studio-cds.sh: no $app/studio.classlist" >&2; exit 1; }
# The class path exactly as the launcher builds it from ReactorStudio.cfg (order matters to CDS).
cp="$(sed -n "s|^app.classpath=\\\$APPDIR/|$app/|p" "$app/ReactorStudio.cfg" | paste -sd: -)"
rm -f "$app/studio.jsa"
if ! out="$("$app/../runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$app/studio.classlist" \
      -XX:SharedArchiveFile="$app/studio.jsa" -cp "$cp" 2>&1)"; then
  echo "$out" | tail -20 >&2
  echo "studio-cds.sh: could not write $app/studio.jsa (the studio still starts, without it)" >&2
  exit 1
fi
echo "studio-cds.sh: $app/studio.jsa ($(du -h "$app/studio.jsa" | cut -f1))"
