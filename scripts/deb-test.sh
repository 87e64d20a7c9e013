#!/usr/bin/env bash
# The .deb as a user meets it. Installs and removes the package reactor-studio on this machine, so it runs as
# root and refuses when the package is installed already. Not in scripts/test.sh: it takes several minutes.
#   scripts/deb-test.sh                  # builds the .deb first (installers/jpackage/build.sh)
#   DEB=path/to/reactor-studio_*.deb scripts/deb-test.sh
# 1. apt-get install ./the.deb; checks what it put where: /opt/reactor-studio with the examples, the
#    reactor-studio command on the PATH, the class-data archive postinst makes, the menu entry (where a menu
#    system exists; without one the install still succeeds and says so).
# 2. scripts/app-image-test.sh against /opt/reactor-studio, started as reactor-studio with an empty HOME
#    under Xvfb: hello-pattern and python-noise by name, a copy of examples/hello-pattern by path, each --run
#    until /metrics counts delivered frames; then python without numpy names its fix.
# 3. apt-get remove, then purge: nothing named reactor is left under /opt, /usr, /etc or dpkg's records.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[[ $(id -u) -eq 0 ]] || { echo "deb-test.sh: run as root (it installs and removes reactor-studio)" >&2; exit 1; }
if dpkg -s reactor-studio > /dev/null 2>&1; then
  echo "deb-test.sh: reactor-studio is installed already (apt-get purge reactor-studio first)" >&2
  exit 1
fi
# What this test needs beyond scripts/setup.sh: fakeroot (jpackage builds the .deb under it) and xvfb (the
# installed app runs under Xvfb). Installed here, before the snapshot below, so they are not counted as leftovers.
missing=()
[[ -n "${DEB:-}" ]] || command -v fakeroot > /dev/null || missing+=(fakeroot)
command -v xvfb-run > /dev/null || missing+=(xvfb)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "deb-test.sh: installing ${missing[*]} (needed to build the .deb and to run the installed app under Xvfb)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
if [[ -z "${DEB:-}" ]]; then
  installers/jpackage/build.sh >&2
  DEB="$(ls "$root"/studio-app/target/jpackage/deb/reactor-studio_*.deb)"
fi
DEB="$(realpath "$DEB")"
work="$(mktemp -d)"
installed=false
cleanup() {
  if $installed; then DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq reactor-studio > /dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL $*" >&2; exit 1; }
# What the package could leave: the places it writes to, listed before and after.
snapshot() { find /opt /usr /etc /var/lib/dpkg/info /var/lib/dpkg/alternatives -xdev 2>/dev/null | sort; }
snapshot > "$work/before"

echo "deb: $DEB ($(du -h "$DEB" | cut -f1))"
start_s=$SECONDS
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$DEB" > "$work/install.log" 2>&1 \
  || { tail -20 "$work/install.log" >&2; fail "apt-get install"; }
installed=true
echo "ok installed in $((SECONDS - start_s)) s: $(dpkg-query -W -f '${Package} ${Version}, ${Installed-Size} KiB' reactor-studio)"
app=/opt/reactor-studio
[[ -x $app/bin/ReactorStudio ]] || fail "no $app/bin/ReactorStudio"
[[ -f $app/lib/app/examples/hello-pattern/manifest.json ]] || fail "no examples in $app/lib/app/examples"
[[ "$(readlink -f /usr/bin/reactor-studio)" == "$app/bin/ReactorStudio" ]] || fail "reactor-studio on the PATH is not $app/bin/ReactorStudio"
echo "ok reactor-studio on the PATH: $(command -v reactor-studio) -> $(readlink -f "$(command -v reactor-studio)")"
[[ -s $app/lib/app/studio.jsa ]] || fail "postinst made no class-data archive ($app/lib/app/studio.jsa)"
echo "ok class-data archive: $app/lib/app/studio.jsa ($(du -h $app/lib/app/studio.jsa | cut -f1))"
desktop=/usr/share/applications/reactor-studio-ReactorStudio.desktop
if [[ -d /etc/xdg/menus ]]; then
  [[ -f $desktop ]] || fail "a menu system exists (/etc/xdg/menus) but there is no $desktop"
  echo "ok menu entry: $desktop"
else
  grep -q "no desktop menu system here" "$work/install.log" || fail "no menu system and postinst did not say so"
  echo "ok no menu system here (/etc/xdg/menus missing): installed without a menu entry, and said so"
fi

mkdir -p "$work/models"
cp -r examples/hello-pattern "$work/models/"
APP=$app LAUNCHER=/usr/bin/reactor-studio FOLDER="$work/models/hello-pattern" scripts/app-image-test.sh

DEBIAN_FRONTEND=noninteractive apt-get remove -y -q reactor-studio > "$work/remove.log" 2>&1 \
  || { tail -20 "$work/remove.log" >&2; fail "apt-get remove"; }
[[ ! -e $app && ! -e /usr/bin/reactor-studio && ! -e /etc/alternatives/reactor-studio && ! -e $desktop ]] \
  || fail "apt-get remove left: $(ls -d $app /usr/bin/reactor-studio /etc/alternatives/reactor-studio $desktop 2>/dev/null | tr '\n' ' ')"
echo "ok apt-get remove: no $app, no reactor-studio command, no menu entry (dpkg keeps its record until purge: $(dpkg-query -W -f '${db:Status-Abbrev}' reactor-studio))"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q reactor-studio > "$work/purge.log" 2>&1 || fail "apt-get purge"
installed=false
snapshot > "$work/after"
left="$(comm -13 "$work/before" "$work/after" | grep -i reactor || true)"
[[ -z "$left" ]] || fail "left behind after purge: $left"
echo "ok apt-get purge: nothing named reactor left under /opt /usr /etc or dpkg's records ($(comm -3 "$work/before" "$work/after" | wc -l) other paths changed meanwhile)"
