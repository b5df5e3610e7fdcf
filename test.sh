#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds the optimised and
# the sanitizer (ASan + UBSan, libFuzzer) configurations, runs every test.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh release asan
status=0
ctest --preset release -j2 || status=$?
ctest --preset asan -j2 || status=$?
exit $status
