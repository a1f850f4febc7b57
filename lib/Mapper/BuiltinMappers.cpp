//===- BuiltinMappers.cpp - The mappers Union ships -----------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Mapper/Mapper.h"

namespace mlir::union_ {
std::unique_ptr<Mapper> createExhaustiveMapper();
std::unique_ptr<Mapper> createRandomMapper();
std::unique_ptr<Mapper> createAnnealingMapper();
std::unique_ptr<Mapper> createDecoupledMapper();
std::unique_ptr<Mapper> createTimeloopMapper();
} // namespace mlir::union_

using namespace mlir::union_;

llvm::Error mlir::union_::registerBuiltinMappers(MapperRegistry &registry) {
  for (auto create :
       {createExhaustiveMapper, createRandomMapper, createAnnealingMapper,
        createDecoupledMapper, createTimeloopMapper}) {
    std::string name = create()->getName().str();
    // The built-in mappers take their settings from the search options.
    MapperFactory factory = [create, name](llvm::StringRef options)
        -> llvm::Expected<std::unique_ptr<Mapper>> {
      auto parsed = parsePluginOptions(options, {}, "mapper '" + name + "'");
      if (!parsed)
        return parsed.takeError();
      return create();
    };
    if (llvm::Error e =
            registry.add(name, create()->getDescription(), std::move(factory)))
      return e;
  }
  return llvm::Error::success();
}
