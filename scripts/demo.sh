#!/usr/bin/env bash
# The main job on the bundled example: set up, build, then summarize the
# union ops of five ResNet-50 layers on a 256-PE MAESTRO-style accelerator.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh > /dev/null
exec build/bin/union-opt examples/resnet50-layers.mlir \
  --union-attach-arch=file=examples/arch/maestro-256.json \
  --union-summary -o /dev/null
