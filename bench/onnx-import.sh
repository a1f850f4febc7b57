#!/usr/bin/env bash
# Whole-process time and peak memory of `union-translate --import-onnx` on
# torchvision's ResNet-50 as PyTorch exports it (opset 17, with its
# weights: about 100 MB), weights dropped (the default) and kept. The
# export is made once into the cache directory. Prints the median of five
# runs of each and the largest peak RSS.
#
# usage: bash bench/onnx-import.sh [build dir] [cache dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cache=${2:-${TMPDIR:-/tmp}/union-onnx-bench}
tool=$(realpath "$build/bin/union-translate")
mkdir -p "$cache"
model=$cache/resnet50.onnx
if [ ! -f "$model" ]; then
  /usr/bin/python3 -c "
import warnings, torch, torchvision
warnings.filterwarnings('ignore')
model = torchvision.models.resnet50().eval()
torch.onnx.export(model, torch.randn(1, 3, 224, 224), '$model', opset_version=17)"
fi
echo "union-translate --import-onnx on resnet50.onnx ($(du -m "$model" | cut -f1) MB)"
measure() {
  local name=$1; shift
  local times=() peak=0
  for run in 1 2 3 4 5; do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$tool" --import-onnx "$model" "$@" \
             -o "$cache/out.mlir" > /dev/null; } 2>&1 | tail -1)
    times+=("${out% *}")
    local rss=${out#* }
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  printf '%-16s %6.2f s  peak RSS %4d MB  output %4d KB\n' "$name" "$median" \
    $((peak / 1024)) $(( $(stat -c %s "$cache/out.mlir") / 1024 ))
}
measure "weights dropped"
measure "weights kept" --onnx-drop-weights=false
rm -f "$cache/out.mlir"
