//===- ArchitectureJsonFuzzer.cpp - Fuzz the architecture JSON loader -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Any text: an architecture or an error. A loaded architecture is valid,
// and printing and loading it again gives the same architecture.
//
//===----------------------------------------------------------------------===//

#include "Union/Arch/ArchitectureJson.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mlir::union_;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  auto spec = parseArchitectureJson(text);
  if (!spec) {
    llvm::consumeError(spec.takeError());
    return 0;
  }
  if (llvm::Error error = validateArchitecture(*spec)) {
    llvm::consumeError(std::move(error));
    abort(); // the loader let an invalid architecture through
  }
  std::string printed = printArchitectureJson(*spec);
  auto again = parseArchitectureJson(printed);
  if (!again) {
    llvm::consumeError(again.takeError());
    abort(); // its own output does not load
  }
  if (printArchitectureJson(*again) != printed)
    abort(); // the round trip changed it
  return 0;
}
