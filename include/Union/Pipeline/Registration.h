//===- Registration.h - What a compiler registers to use Union --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_PIPELINE_REGISTRATION_H
#define UNION_PIPELINE_REGISTRATION_H

#include "Union/Mapper/PluginRegistry.h"

#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir::union_ {

/// What a compiler calls once to use Union: inserts the union dialect in
/// `dialects` with Union's built-in cost models and mappers plus those
/// `addPlugins` adds (a name used twice is an error), so that the passes of
/// every context built from `dialects` find them. Passes and pipelines are
/// registered apart (registerUnionPasses, registerUnionPipelines), where a
/// tool wants them on its command line.
///
///   mlir::DialectRegistry registry;
///   if (llvm::Error e = mlir::union_::registerUnion(
///           registry, [](mlir::union_::PluginRegistry &plugins) {
///             return plugins.costModels.add("mine", "...", createMine);
///           }))
///     return fail(std::move(e));
llvm::Error registerUnion(
    DialectRegistry &dialects,
    llvm::function_ref<llvm::Error(PluginRegistry &)> addPlugins = nullptr);

} // namespace mlir::union_

#endif // UNION_PIPELINE_REGISTRATION_H
