//===- PluginSupport.cpp - Cost models and mappers for the passes ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/PluginSupport.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace mlir::union_;

static const PluginRegistry *getPlugins(Operation *root,
                                        llvm::StringRef passName) {
  const PluginRegistry *plugins = getPluginRegistry(root->getContext());
  if (!plugins)
    emitError(root->getLoc())
        << passName
        << ": no cost models or mappers are registered with this context; "
           "call mlir::union_::registerUnion (or attachPluginRegistry) on "
           "the DialectRegistry the context is built from";
  return plugins;
}

/// The plug-in `name` of `registry` with `options`, or an error at `root`.
template <typename Registry, typename T>
static FailureOr<std::unique_ptr<T>>
create(Operation *root, llvm::StringRef passName,
       const Registry PluginRegistry::*registry, llvm::StringRef name,
       llvm::StringRef options) {
  const PluginRegistry *plugins = getPlugins(root, passName);
  if (!plugins)
    return failure();
  llvm::Expected<std::unique_ptr<T>> created =
      (plugins->*registry).create(name, options);
  if (!created) {
    emitError(root->getLoc())
        << passName << ": " << llvm::toString(created.takeError());
    return failure();
  }
  return std::move(*created);
}

FailureOr<std::unique_ptr<CostModel>>
mlir::union_::createCostModel(Operation *root, llvm::StringRef passName,
                              llvm::StringRef name, llvm::StringRef options) {
  return create<CostModelRegistry, CostModel>(
      root, passName, &PluginRegistry::costModels, name, options);
}

FailureOr<std::unique_ptr<Mapper>>
mlir::union_::createMapper(Operation *root, llvm::StringRef passName,
                           llvm::StringRef name, llvm::StringRef options) {
  return create<MapperRegistry, Mapper>(
      root, passName, &PluginRegistry::mappers, name, options);
}
