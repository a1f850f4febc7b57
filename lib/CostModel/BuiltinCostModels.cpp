//===- BuiltinCostModels.cpp - The cost models Union ships ----------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/CostModel.h"
#include "Union/CostModel/LoopNestCostModel.h"
#include "Union/CostModel/MaestroCostModel.h"
#include "Union/CostModel/TimeloopCostModel.h"

llvm::Error
mlir::union_::registerBuiltinCostModels(CostModelRegistry &registry) {
  if (llvm::Error e = registry.add(
          "maestro",
          "MAESTRO's data-centric model (built in); costs dataflows and "
          "two-level loop-centric mappings",
          createMaestroCostModel))
    return e;
  if (llvm::Error e = registry.add(
          "loopnest",
          "Timeloop v3.0.3's dense loop-nest model (built in, exact to "
          "timeloop-model); costs loop-centric mappings on any architecture",
          createLoopNestCostModel))
    return e;
  return registry.add("timeloop",
                      "Timeloop v3.0.3's timeloop-model, run on each mapping; "
                      "options: timeloop-model=PATH timeloop-mapper=PATH "
                      "timeout=SECONDS",
                      createTimeloopCostModel);
}
