//===- Registration.cpp - What a compiler registers to use Union ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Pipeline/Registration.h"

llvm::Error mlir::union_::registerUnion(
    DialectRegistry &dialects,
    llvm::function_ref<llvm::Error(PluginRegistry &)> addPlugins) {
  auto plugins = std::make_shared<PluginRegistry>();
  if (llvm::Error e = registerBuiltinPlugins(*plugins))
    return e;
  if (addPlugins)
    if (llvm::Error e = addPlugins(*plugins))
      return e;
  return attachPluginRegistry(dialects, std::move(plugins));
}
