#!/usr/bin/env bash
# Runs every libFuzzer target of build-san (scripts/sanitize.sh builds it)
# for SECONDS each (default 30), starting from the seeds (fuzz/corpus/<target>
# plus the test data listed in test_seeds below, which is read where the
# tests keep it rather than copied) and growing a working corpus in
# build-san/fuzz-corpus.
# A finding (crash, sanitizer report, broken invariant) stops with its
# reproducer saved as build-san/fuzz-findings/<target>-*; the script then
# fails. Prints one line per target: runs, coverage, corpus size.
#
# usage: bash scripts/fuzz.sh [SECONDS] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
jobs=${2:-1}
export ASAN_OPTIONS=allow_user_poisoning=0:detect_leaks=0
targets=(maestro-mapping maestro-hardware maestro-engine arch-json
         timeloop-yaml union-ir onnx-import)
mkdir -p build-san/fuzz-findings
# Test inputs that seed a target.
test_seeds() {
  case $1 in
    maestro-mapping)
      for dir in test/Maestro/Inputs/curated-cases/*/; do
        echo "$dir/model.m"
      done
      ls test/Maestro/Inputs/edge/*.m ;;
    arch-json) ls examples/arch/*.json ;;
    timeloop-yaml) ls test/Target/Timeloop/Inputs/flat/*.yaml ;;
  esac
}
run() {
  local target=$1
  local corpus=build-san/fuzz-corpus/$target
  local seeds=build-san/fuzz-seeds/$target
  mkdir -p "$corpus"
  rm -rf "$seeds" && mkdir -p "$seeds"
  if [ -d "fuzz/corpus/$target" ]; then cp fuzz/corpus/"$target"/* "$seeds"/; fi
  test_seeds "$target" | while read -r file; do
    # Unique names: several test inputs are called model.m.
    cp "$file" "$seeds/$(echo "$file" | tr / _)"
  done
  local log=build-san/fuzz-findings/$target.log
  if ! build-san/bin/union-fuzz-$target "$corpus" "$seeds" \
      -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=4096 \
      -print_final_stats=1 \
      -artifact_prefix="build-san/fuzz-findings/$target-" > "$log" 2>&1; then
    echo "$target: FINDING (see $log)"
    tail -30 "$log"
    return 1
  fi
  local runs cov
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "$target: ${seconds} s, $runs runs, $cov, corpus $(ls "$corpus" | wc -l) files"
}
status=0
if [ "$jobs" -gt 1 ]; then
  pids=()
  for target in "${targets[@]}"; do
    run "$target" & pids+=($!)
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
else
  for target in "${targets[@]}"; do run "$target" || status=1; done
fi
exit $status
