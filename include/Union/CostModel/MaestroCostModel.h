//===- MaestroCostModel.h - MAESTRO as a Union cost model -------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The `maestro` cost model: an op's MAESTRO dataflow, or a loop-centric
// mapping translated into MAESTRO directives, costed by the built-in
// MAESTRO engine (see docs/CostModels.md).
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTROCOSTMODEL_H
#define UNION_COSTMODEL_MAESTROCOSTMODEL_H

#include "Union/CostModel/CostModel.h"
#include "Union/Target/MaestroTranslation.h"

namespace mlir::union_ {

/// The `maestro` model; it takes no options.
llvm::Expected<std::unique_ptr<CostModel>>
createMaestroCostModel(llvm::StringRef options);

/// What the `maestro` model's mapping evaluator analyses for `point` of
/// `op`'s map space; an error when the architecture or the mapping cannot
/// be written in MAESTRO's terms.
llvm::Expected<MaestroMappedLayer>
getMaestroMappedLayer(MappableOpInterface op, const SpaceProblem &problem,
                      const std::vector<SpaceLevel> &levels,
                      const MapPoint &point);

} // namespace mlir::union_

#endif // UNION_COSTMODEL_MAESTROCOSTMODEL_H
