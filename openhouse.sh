#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and opens the viewer on the
# demo apartment the build generates from scenes/demo-apartment.json (with no
# display, renders preview images and prints their paths).
# Any arguments replace the default model: ./openhouse.sh path/to/model.glb
# `./openhouse.sh table` opens the branch table on the demo catalog instead
# (further arguments go to openhouse-table, e.g. --full-screen).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh release
if (($# > 0)) && [[ $1 == table ]]; then
    shift
    exec build/bin/openhouse-table build/demo-catalog --trust build/demo-catalog/demo-key.pub "$@"
fi
if (($# == 0)); then set -- build/scenes/demo-apartment.glb; fi
exec build/bin/openhouse "$@"
