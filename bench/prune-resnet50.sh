#!/usr/bin/env bash
# Map-space construction and pruning for all 54 union ops of ResNet-50
# (from TOSA) on each preset architecture with its fixed dataflow: the wall
# time of union-prune-hw + union-prune-workload + union-prune-mapper, best
# of three runs, as MLIR's pass timing reports it.
#
#   bash bench/prune-resnet50.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
opt="$build/bin/union-opt"
model=examples/models/resnet50.tosa.mlir
# Lower once; the benchmark times only the pruning passes.
lowered=$(mktemp --suffix=.mlir)
trap 'rm -f "$lowered"' EXIT
"$opt" "$model" --union-from-tosa -o "$lowered"
printf '%-12s %-11s %10s\n' architecture dataflow "prune (s)"
for entry in maestro-256:flexible eyeriss:eyeriss nvdla:nvdla \
             shidiannao:shidiannao tpu:tpu; do
  arch=${entry%%:*}
  dataflow=${entry##*:}
  best=
  for run in 1 2 3; do
    seconds=$("$opt" "$lowered" \
      --union-attach-arch=file=examples/arch/$arch.json \
      "--union-prune-hw=dataflow=$dataflow" --union-prune-workload \
      "--union-prune-mapper=pow2-tiles=false" \
      --mlir-timing -o /dev/null 2>&1 |
      awk '/UnionPrune/ { sum += $1 } END { printf "%.3f", sum }')
    if [[ -z $best ]] || awk "BEGIN { exit !($seconds < $best) }"; then
      best=$seconds
    fi
  done
  printf '%-12s %-11s %10s\n' "$arch" "$dataflow" "$best"
done
