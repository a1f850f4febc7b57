//===- MaestroMappingFuzzer.cpp - Fuzz the MAESTRO mapping-file parser ----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Any text: the parser returns a network or an error, never crashes; a
// parsed network is analysed too (on a fixed 256-PE design), which must
// also end in a result or an error.
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Engine/Maestro/MaestroParser.h"

#include <cstddef>
#include <cstdint>

using namespace mlir::union_::maestro;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  auto network = parseMappingFile(text, "fuzz.m");
  if (!network) {
    llvm::consumeError(network.takeError());
    return 0;
  }
  Hardware hardware;
  hardware.numPes = 256;
  hardware.nocBandwidth = 64;
  hardware.nocLatency = 1;
  auto results = analyzeNetwork(*network, hardware);
  if (!results)
    llvm::consumeError(results.takeError());
  return 0;
}
