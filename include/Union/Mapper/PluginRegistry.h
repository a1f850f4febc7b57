//===- PluginRegistry.h - The cost models and mappers of a context -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The cost models and mappers Union's passes can use belong to the
// compiler, not to the process: a PluginRegistry is attached once to a
// DialectRegistry, and every MLIRContext built from it carries it (as a
// dialect interface of the union dialect), where the passes find it. Two
// compilers, or two pipelines with different plug-ins, in one process do not
// see each other's.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPPER_PLUGINREGISTRY_H
#define UNION_MAPPER_PLUGINREGISTRY_H

#include "Union/CostModel/CostModel.h"
#include "Union/Mapper/Mapper.h"

#include "mlir/IR/DialectRegistry.h"

#include <memory>

namespace mlir::union_ {

struct PluginRegistry {
  CostModelRegistry costModels;
  MapperRegistry mappers;
};

/// Adds the built-in cost models and mappers to `plugins`.
llvm::Error registerBuiltinPlugins(PluginRegistry &plugins);

/// Makes `plugins` the cost models and mappers of every context built from
/// `dialects` (and inserts the union dialect there); an error when
/// `dialects` already has plug-ins.
llvm::Error attachPluginRegistry(DialectRegistry &dialects,
                                 std::shared_ptr<const PluginRegistry> plugins);

/// The plug-ins of `context`, or null when none were attached.
const PluginRegistry *getPluginRegistry(MLIRContext *context);

} // namespace mlir::union_

#endif // UNION_MAPPER_PLUGINREGISTRY_H
