#!/usr/bin/env bash
# Runs every test: sets up a fresh machine, builds, then runs the whole suite offline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
mvn -B -o verify
