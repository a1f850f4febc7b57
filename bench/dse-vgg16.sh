#!/usr/bin/env bash
# union-dse on the MAESTRO-style sweep of issue #7: VGG16 conv3_2 with the
# KC-P (NVDLA-like) dataflow, PEs 64..1024 step 16 x NoC bandwidth 8..512
# step 8 x L1 {256, 512, 1024, 2048} x L2 {64, 128, 256, 512} Ki elements =
# 62,464 designs, every one fully evaluated (runtime, energy, area, power,
# buffer checks, Pareto front). Five runs of each:
#   - the exploration alone (the designs/s union-dse reports),
#   - the whole process without a CSV (the summary JSON only),
#   - the whole process with --csv (every design, --csv-rows=all).
# Prints the medians: designs per second end to end, and the CSV's cost.
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
run() {
  "$build/bin/union-dse" \
    --workload=test/Maestro/Inputs/curated-cases/vgg16_conv3_2__kcp_ws__hw256/model.m \
    --sweep="$work/sweep.json" --jobs="$threads" --json="$work/summary.json" \
    "$@" > "$work/stdout.txt"
}
median() { sort -n | sed -n 3p; }
explored=() without=() with=()
for i in 1 2 3 4 5; do
  start=$(date +%s%N); run; end=$(date +%s%N)
  without+=($(( (end - start) / 1000 )))
  explored+=("$(python3 -c "import json; print(round(json.load(open('$work/summary.json'))['designs_per_second']))")")
  start=$(date +%s%N); run --csv="$work/designs.csv"; end=$(date +%s%N)
  with+=($(( (end - start) / 1000 )))
done
designs=$(python3 -c "import json; print(json.load(open('$work/summary.json'))['designs'])")
explore=$(printf '%s\n' "${explored[@]}" | median)
us_without=$(printf '%s\n' "${without[@]}" | median)
us_with=$(printf '%s\n' "${with[@]}" | median)
awk -v d="$designs" -v e="$explore" -v a="$us_without" -v b="$us_with" \
    -v kb=$(( $(stat -c %s "$work/designs.csv") / 1024 )) -v t="$threads" 'BEGIN {
  printf "%d designs on %d threads (medians of 5)\n", d, t
  printf "exploration alone:       %9.0f designs/s\n", e
  printf "whole run without a CSV: %7.1f ms  %9.0f designs/s\n", a / 1000, d / (a / 1e6)
  printf "whole run with --csv:    %7.1f ms  %9.0f designs/s  (%d KB CSV; %.2fx the run without)\n", b / 1000, d / (b / 1e6), kb, b / a
  print "MAESTRO'"'"'s DSE: about 170,000 designs/s (its paper)"
}'
