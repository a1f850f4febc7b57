//===- HideBackendOptions.h - --help without LLVM's backend options -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Linking LLVM registers hundreds of code-generation options (--x86-...,
// --amdgpu-..., --polly-...) that mean nothing to a Union tool and bury its
// own in --help. Every option registered before main() runs is one of
// those; MLIR's and Union's are registered later, by the tool itself.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_HIDEBACKENDOPTIONS_H
#define UNION_SUPPORT_HIDEBACKENDOPTIONS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

namespace mlir::union_ {

/// Moves the options registered so far to --help-hidden, except --help,
/// --help-list, --version and --color. Call it first thing in main().
inline void hideBackendOptions() {
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::StringRef name = entry.first;
    if (name == "help" || name == "help-list" || name == "version" ||
        name == "color")
      continue;
    if (entry.second->getOptionHiddenFlag() == llvm::cl::NotHidden)
      entry.second->setHiddenFlag(llvm::cl::Hidden);
  }
}

} // namespace mlir::union_

#endif // UNION_SUPPORT_HIDEBACKENDOPTIONS_H
