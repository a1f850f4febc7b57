#!/usr/bin/env bash
# Builds Union with AddressSanitizer + UndefinedBehaviorSanitizer (and the
# libFuzzer targets) into ./build-san and runs the whole test suite there:
# unit tests, lit tests and the install consumer. Needs clang (installed by
# scripts/setup.sh); run scripts/setup.sh first on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-san/CMakeCache.txt ]; then
  cmake -G Ninja -S . -B build-san \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS=-gline-tables-only \
    -DUNION_ENABLE_SANITIZERS=ON -DUNION_ENABLE_FUZZERS=ON \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=/usr/lib/llvm-22/bin/lit \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld > build-san-configure.log 2>&1 ||
    { cat build-san-configure.log; exit 1; }
  rm -f build-san-configure.log
fi
cmake --build build-san
# MLIR's storage allocators poison memory they recycle; ASan must not treat
# that as the program's own poisoning.
export ASAN_OPTIONS=allow_user_poisoning=0:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
ctest --test-dir build-san --output-on-failure
