//===- MaestroMappingExport.cpp - Searched mappings as MAESTRO layers -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Pipeline/MaestroMappingExport.h"
#include "Union/CostModel/MaestroCostModel.h"
#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"

using namespace mlir;
using namespace mlir::union_;

FailureOr<MaestroMappedLayer>
mlir::union_::exportSearchedMaestroMapping(ComputeOp op) {
  auto mappable = cast<MappableOpInterface>(op.getOperation());
  // The op's map space as union-search saw it (padding included), and the
  // mapping as a point of it: the maestro model's translation takes both.
  FailureOr<OpSpace> space = getOpSpace(mappable);
  if (failed(space))
    return failure();
  llvm::Expected<MapPoint> point =
      getMapPoint(op.getMappingAttr(), space->problem, space->levels);
  if (!point)
    return op.emitError("export-maestro: ")
           << llvm::toString(point.takeError());
  llvm::Expected<MaestroMappedLayer> mapped =
      getMaestroMappedLayer(mappable, space->problem, space->levels, *point);
  if (!mapped)
    return op.emitError("export-maestro: its mapping cannot be written as "
                        "MAESTRO directives: ")
           << llvm::toString(mapped.takeError());
  return std::move(*mapped);
}
