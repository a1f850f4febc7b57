//===- PluginRegistry.cpp - The cost models and mappers of a context ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/PluginRegistry.h"
#include "Union/Dialect/Union/IR/UnionDialect.h"

#include "mlir/IR/DialectInterface.h"
#include "mlir/IR/MLIRContext.h"

using namespace mlir;
using namespace mlir::union_;

namespace {

/// Carries the plug-ins in the union dialect of a context.
class PluginRegistryInterface
    : public DialectInterface::Base<PluginRegistryInterface> {
public:
  PluginRegistryInterface(Dialect *dialect,
                          std::shared_ptr<const PluginRegistry> plugins)
      : Base(dialect), plugins(std::move(plugins)) {}
  const PluginRegistry *get() const { return plugins.get(); }

private:
  std::shared_ptr<const PluginRegistry> plugins;
};

class PluginRegistryExtension
    : public DialectExtension<PluginRegistryExtension, UnionDialect> {
public:
  explicit PluginRegistryExtension(
      std::shared_ptr<const PluginRegistry> plugins)
      : plugins(std::move(plugins)) {}
  void apply(MLIRContext *, UnionDialect *dialect) const override {
    if (!dialect->getRegisteredInterface<PluginRegistryInterface>())
      dialect->addInterface(
          std::make_unique<PluginRegistryInterface>(dialect, plugins));
  }

private:
  std::shared_ptr<const PluginRegistry> plugins;
};

} // namespace

llvm::Error mlir::union_::registerBuiltinPlugins(PluginRegistry &plugins) {
  if (llvm::Error e = registerBuiltinCostModels(plugins.costModels))
    return e;
  return registerBuiltinMappers(plugins.mappers);
}

llvm::Error mlir::union_::attachPluginRegistry(
    DialectRegistry &dialects, std::shared_ptr<const PluginRegistry> plugins) {
  dialects.insert<UnionDialect>();
  if (!dialects.addExtension(
          TypeID::get<PluginRegistryExtension>(),
          std::make_unique<PluginRegistryExtension>(std::move(plugins))))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "this DialectRegistry already has Union plug-ins; register all cost "
        "models and mappers in one PluginRegistry");
  return llvm::Error::success();
}

const PluginRegistry *mlir::union_::getPluginRegistry(MLIRContext *context) {
  auto *dialect = context->getOrLoadDialect<UnionDialect>();
  if (!dialect)
    return nullptr;
  auto *carrier = dialect->getRegisteredInterface<PluginRegistryInterface>();
  return carrier ? carrier->get() : nullptr;
}
