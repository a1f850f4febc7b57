#!/usr/bin/env bash
# Designs per second of union-dse on the MAESTRO-style sweep of issue #7:
# VGG16 conv3_2 with the KC-P (NVDLA-like) dataflow, PEs 64..1024 step 16
# x NoC bandwidth 8..512 step 8 x L1 {256, 512, 1024, 2048} x L2 {64, 128,
# 256, 512} Ki elements = 62,464 designs, every one fully evaluated
# (runtime, energy, area, power, buffer checks, Pareto front). Prints the
# rate of each of 5 runs and their median.
#
# usage: bash bench/dse-vgg16.sh [build dir] [threads]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
threads=${2:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/sweep.json" <<'JSON'
{"pes": {"from": 64, "to": 1024, "step": 16},
 "noc_bw": {"from": 8, "to": 512, "step": 8},
 "offchip_bw": 64,
 "l1_size": [256, 512, 1024, 2048],
 "l2_size": [65536, 131072, 262144, 524288],
 "dataflows": ["KC-P"]}
JSON
rates=()
for run in 1 2 3 4 5; do
  line=$("$build/bin/union-dse" --workload=test/Maestro/Inputs/curated-cases/vgg16_conv3_2__kcp_ws__hw256/model.m \
           --sweep="$work/sweep.json" --jobs="$threads" \
           --json="$work/summary.json" | grep '^evaluated')
  echo "run $run: $line"
  rates+=("$(python3 -c "import json; print(round(json.load(open('$work/summary.json'))['designs_per_second']))")")
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | sed -n 3p)
echo "median: $median designs/s on $threads threads (MAESTRO's DSE: about 170,000 designs/s)"
