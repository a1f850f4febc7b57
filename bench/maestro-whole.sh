#!/usr/bin/env bash
# Whole-process time of union-maestro on a 7,800-layer mapping file: every
# distinct layer block of the curated reference cases, repeated
# (bench/make-maestro-network.py), on a 256-PE accelerator. Five runs of
# each output form, the report and the files written to a temporary
# directory: MAESTRO's defaults (report on stdout plus the CSV), the report
# alone, and --json. Prints the median per form, in ms and in µs per layer.
#
# usage: bash bench/maestro-whole.sh [build dir] [threads] [layers]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
threads=${2:-2}
layers=${3:-7800}
tool=$(realpath "$build/bin/union-maestro")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/make-maestro-network.py test/Maestro/Inputs/curated-cases \
  "$layers" > "$work/net.m"
hw=(--num_pes=256 --noc_bw_cstr=64 --l1_size_cstr=1024
    --l2_size_cstr=262144 --offchip_bw_cstr=64 --noc_hops=1
    --noc_hop_latency=1)
# An older union-maestro without --threads can be measured with threads=0.
[ "$threads" != 0 ] && hw+=(--threads="$threads")
echo "union-maestro on $layers layers ($(du -k "$work/net.m" | cut -f1) KB), $threads threads"
measure() {
  local name=$1; shift
  local times=()
  for run in 1 2 3 4 5; do
    rm -f "$work/net.csv"
    local start end
    start=$(date +%s%N)
    (cd "$work" && "$tool" --Mapping_file=net.m "${hw[@]}" "$@" > out.txt)
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  local output csv=0
  [ -f "$work/net.csv" ] && csv=$(stat -c %s "$work/net.csv")
  output=$(( $(stat -c %s "$work/out.txt") + csv ))
  awk -v name="$name" -v us="$median" -v n="$layers" -v kb=$(( output / 1024 )) \
    'BEGIN { printf "%-14s %7.1f ms  %5.2f us/layer  (%d KB written)\n", name, us / 1000, us / n, kb }'
}
measure "report + CSV"
measure "report only" --print_res_csv_file=false
measure "JSON lines" --json --print_res_csv_file=false
measure "no output" --print_res=false --print_res_csv_file=false

# The floor this machine sets for the first line: a process that only
# copies the same bytes (report and CSV, from the page cache) to files,
# timed the same way.
(cd "$work" && "$tool" --Mapping_file=net.m "${hw[@]}" > report.txt)
times=()
for run in 1 2 3 4 5; do
  rm -f "$work/copy.txt"
  start=$(date +%s%N)
  cat "$work/report.txt" "$work/net.csv" > "$work/copy.txt"
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
awk -v us="$median" -v n="$layers" \
  'BEGIN { printf "%-14s %7.1f ms  %5.2f us/layer  (cat of the same bytes)\n", "floor", us / 1000, us / n }'
