//===- ShortSourceLines.h - Diagnostics quoting part of a line -*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// MLIR quotes the whole source line under a diagnostic. union-opt prints
// each union op on one line, with its problem, architecture, mapping and
// cost: kilobytes. A diagnostic on such a file (a verifier error, a
// pruning warning, a remark) quotes a window of the line around the
// column instead, marked with "..." where it is cut.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_PIPELINE_SHORTSOURCELINES_H
#define UNION_PIPELINE_SHORTSOURCELINES_H

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace mlir::union_ {

struct ShortSourceLineOptions {
  /// The severities the tool shows (mlir-opt's verbosity level); others
  /// are dropped, as its filter would.
  bool showWarnings = true, showRemarks = true;
  /// Lines up to this many characters are quoted whole (by MLIR's own
  /// handler); longer ones are cut to this width around the column.
  unsigned width = 160;
};

/// Registers on `context` a handler, run before those registered earlier,
/// that prints diagnostics located in a long line of a readable file
/// (file:line:col: severity: message, the window, a caret, then the
/// notes), and leaves every other diagnostic to the earlier handlers.
void registerShortSourceLineHandler(MLIRContext *context,
                                    const ShortSourceLineOptions &options);

} // namespace mlir::union_

#endif // UNION_PIPELINE_SHORTSOURCELINES_H
