#!/usr/bin/env bash
# The main job on the bundled example: set up, build, then lower ResNet-50
# from TOSA to union ops on a 256-PE MAESTRO-style accelerator and print
# the per-layer summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
exec build/bin/union-opt examples/models/resnet50.tosa.mlir \
  --union-from-tosa \
  --union-attach-arch=file=examples/arch/maestro-256.json \
  --union-summary -o /dev/null
