#!/usr/bin/env bash
# Installs the Union build in BUILD into a scratch prefix, builds the
# consumer project against it with find_package(Union), and runs it.
# Usage: check-consumer.sh <union build dir> <scratch dir>
set -euo pipefail
build=$1
scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$scratch"
mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" > "$scratch/install.log"
compiler_args=()
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
[ -n "$cxx" ] && compiler_args+=("-DCMAKE_CXX_COMPILER=$cxx")
[ -n "$cc" ] && compiler_args+=("-DCMAKE_C_COMPILER=$cc")
link_flags=""
if command -v ld.lld-22 > /dev/null 2>&1 || [ -x /usr/lib/llvm-22/bin/ld.lld ]; then
  link_flags="-fuse-ld=lld"
fi
# A sanitizer build's libraries need the sanitizer runtimes in the consumer.
if grep -q '^UNION_ENABLE_SANITIZERS:BOOL=ON' "$build/CMakeCache.txt"; then
  link_flags="$link_flags -fsanitize=address,undefined"
  compiler_args+=("-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined")
fi
[ -n "$link_flags" ] && compiler_args+=("-DCMAKE_EXE_LINKER_FLAGS=$link_flags")
cmake -G Ninja -S "$here/consumer" -B "$scratch/build" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$scratch/prefix" \
  -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir \
  "${compiler_args[@]}" > "$scratch/configure.log"
cmake --build "$scratch/build" > "$scratch/build.log"
output=$("$scratch/build/union-consumer")
echo "$output"
# The first point of the space keeps every loop at the outermost level: 64
# temporal steps.
[ "$output" = "searched union.compute 'fc' (64 MACs) with consumer-steps: 64 cycles" ]
