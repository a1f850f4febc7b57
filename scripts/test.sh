#!/usr/bin/env bash
# Sets up, builds and runs every test: lit (FileCheck) tests, GoogleTest
# unit tests and the find_package(Union) consumer test through ctest; then
# the same suite again in an AddressSanitizer + UndefinedBehaviorSanitizer
# build (scripts/sanitize.sh); then every libFuzzer target for 30 s
# (scripts/fuzz.sh), so that regressions on odd inputs show.
# UNION_QUICK=1 stops after the first part.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure
if [ "${UNION_QUICK:-0}" != 1 ]; then
  bash scripts/sanitize.sh
  bash scripts/fuzz.sh 30
fi
