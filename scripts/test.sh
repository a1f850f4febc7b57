#!/usr/bin/env bash
# Sets up, builds and runs every test: lit (FileCheck) tests, GoogleTest
# unit tests and the find_package(Union) consumer test, all through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure
