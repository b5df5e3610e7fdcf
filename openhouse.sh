#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and opens the viewer on the
# demo apartment the build generates from scenes/demo-apartment.json (with no
# display, renders preview images and prints their paths).
# Any arguments replace the default model: ./openhouse.sh path/to/model.glb
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh release
if (($# == 0)); then set -- build/scenes/demo-apartment.glb; fi
exec build/bin/openhouse "$@"
