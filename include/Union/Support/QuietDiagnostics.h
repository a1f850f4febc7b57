//===- QuietDiagnostics.h - Diagnostics without IR dumps --------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// MLIR attaches the whole operation to every diagnostic by default ("see
// current operation: ..."), which buries the message under kilobytes of IR.
// Union's tools turn that off unless the command line sets it.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_QUIETDIAGNOSTICS_H
#define UNION_SUPPORT_QUIETDIAGNOSTICS_H

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace mlir::union_ {

/// `argv` with --mlir-print-op-on-diagnostic=false added after the program
/// name, unless an argument already sets that option.
inline std::vector<char *> withQuietDiagnostics(int argc, char **argv) {
  static char flag[] = "--mlir-print-op-on-diagnostic=false";
  std::vector<char *> args(argv, argv + argc);
  for (int i = 1; i < argc; ++i)
    if (llvm::StringRef(argv[i]).contains("mlir-print-op-on-diagnostic"))
      return args;
  args.insert(args.begin() + 1, flag);
  return args;
}

} // namespace mlir::union_

#endif // UNION_SUPPORT_QUIETDIAGNOSTICS_H
