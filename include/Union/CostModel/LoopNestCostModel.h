//===- LoopNestCostModel.h - The loop-nest model as a cost model -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The `loopnest` cost model: an op and each of its mappings are written as
// Timeloop inputs (as the `timeloop` model writes them for timeloop-model)
// and evaluated in-process by the loop-nest engine, which gives
// timeloop-model's figures (docs/LoopNest.md). It takes no options.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_LOOPNESTCOSTMODEL_H
#define UNION_COSTMODEL_LOOPNESTCOSTMODEL_H

#include "Union/CostModel/CostModel.h"
#include "Union/Engine/LoopNest/LoopNestModel.h"

namespace mlir::union_ {

llvm::Expected<std::unique_ptr<CostModel>>
createLoopNestCostModel(llvm::StringRef options);

/// The Union cost of a loop-nest result: cycles, computes, energy,
/// utilization and, per storage level (outermost first) and kept tensor,
/// the reads, fills and updates of all instances, then each level's
/// energy, as the `timeloop` model reports Timeloop's statistics.
Cost getLoopNestCost(const loopnest::Problem &problem,
                     const loopnest::Result &result,
                     llvm::StringRef arithmeticName);

} // namespace mlir::union_

#endif // UNION_COSTMODEL_LOOPNESTCOSTMODEL_H
