//===- PluginSupport.h - Cost models and mappers for the passes -*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The passes make the cost model and mapper their options name from the
// context's PluginRegistry; failures are errors at the pass's root op.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_TRANSFORMS_PLUGINSUPPORT_H
#define UNION_DIALECT_UNION_TRANSFORMS_PLUGINSUPPORT_H

#include "Union/Mapper/PluginRegistry.h"

#include "mlir/IR/Operation.h"

namespace mlir::union_ {

/// The cost model `name` with `options`, from `root`'s context; an error
/// at `root` (prefixed with `passName`) when there is none.
FailureOr<std::unique_ptr<CostModel>> createCostModel(Operation *root,
                                                      llvm::StringRef passName,
                                                      llvm::StringRef name,
                                                      llvm::StringRef options);

/// The mapper `name` with `options`, likewise.
FailureOr<std::unique_ptr<Mapper>> createMapper(Operation *root,
                                                llvm::StringRef passName,
                                                llvm::StringRef name,
                                                llvm::StringRef options);

} // namespace mlir::union_

#endif // UNION_DIALECT_UNION_TRANSFORMS_PLUGINSUPPORT_H
