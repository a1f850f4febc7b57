#!/usr/bin/env bash
# The whole `union-opt --union-map` process (its defaults: loop-nest model,
# decoupled mapper with 4 streams, 3000 evaluations per op, EDP; 2 threads)
# on ResNet-50 and the BERT-base layer, on every preset architecture: the
# median wall time of `runs` runs, output written to /dev/null.
#
#   bash bench/map-presets.sh [build-dir] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-3}
opt="$build/bin/union-opt"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-12s %16s %16s\n' preset "ResNet-50 (s)" "BERT layer (s)"
for arch in maestro-256 eyeriss nvdla shidiannao tpu; do
  row=()
  for model in resnet50 bert-layer; do
    times=()
    for ((run = 0; run < runs; ++run)); do
      start=$(date +%s.%N)
      "$opt" "examples/models/$model.tosa.mlir" \
        "--union-map=arch=examples/arch/$arch.json objective=edp budget=3000 threads=2" \
        -o /dev/null >/dev/null
      end=$(date +%s.%N)
      times+=("$(awk "BEGIN { printf \"%.2f\", $end - $start }")")
    done
    row+=("$(printf '%s\n' "${times[@]}" | median)")
  done
  printf '%-12s %16s %16s\n' "$arch" "${row[0]}" "${row[1]}"
done
