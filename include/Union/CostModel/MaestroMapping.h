//===- MaestroMapping.h - Loop-centric mappings as MAESTRO dataflows -*- C++
//-*-//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Translates a point of the map space (per level: temporal factors and
// order, spatial factors, bypass) into MAESTRO's data-centric directives,
// or says why it cannot be expressed (conformability). See
// docs/CostModels.md for the rules.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTROMAPPING_H
#define UNION_COSTMODEL_MAESTROMAPPING_H

#include "Union/MapSpace/Constraint.h"
#include "Union/MapSpace/SpaceModel.h"
#include "Union/Target/MaestroTranslation.h"

#include "llvm/Support/Error.h"

namespace mlir::union_ {

struct MaestroDataflow {
  std::vector<maestro::Directive> directives;
  /// PEs the mapping uses (MAESTRO spreads a spatial map over every PE it
  /// is given, so it is given only these).
  int64_t numPes = 1;
};

/// The MAESTRO dataflow of `point`, where `arrayLevel` is the storage level
/// that feeds the PE array (MAESTRO's L2) and the innermost level is the
/// PEs' L1; an error saying why when the point is not conformable.
llvm::Expected<MaestroDataflow>
translateToMaestro(const MaestroShape &shape, const SpaceProblem &problem,
                   const std::vector<SpaceLevel> &levels, unsigned arrayLevel,
                   const MapPoint &point);

} // namespace mlir::union_

#endif // UNION_COSTMODEL_MAESTROMAPPING_H
