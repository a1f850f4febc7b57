#!/usr/bin/env bash
# The main job on the bundled example: set up, build, then map ResNet-50
# (from TOSA) onto a 256-PE MAESTRO-style accelerator: lower to union ops,
# prune each op's map space, search it with the decoupled mapper and the
# loop-nest cost model (objective: energy-delay product), and print the
# network table and totals.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
exec build/bin/union-opt examples/models/resnet50.tosa.mlir \
  "--union-map=arch=examples/arch/maestro-256.json objective=edp budget=3000 threads=2" \
  -o /dev/null
