//===- MaestroHardwareFuzzer.cpp - Fuzz the MAESTRO hardware-file parser --===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Engine/Maestro/MaestroParser.h"

#include <cstddef>
#include <cstdint>

using namespace mlir::union_::maestro;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  Hardware hardware;
  if (llvm::Error error = parseHardwareFile(text, "fuzz.m", hardware)) {
    llvm::consumeError(std::move(error));
    return 0;
  }
  // Whatever the file says must be checked before an analysis uses it.
  if (llvm::Error error = validateHardware(hardware))
    llvm::consumeError(std::move(error));
  return 0;
}
