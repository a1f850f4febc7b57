//===- Annealing.h - The annealing walk shared by mappers -------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPPER_ANNEALING_H
#define UNION_MAPPER_ANNEALING_H

#include "Union/Mapper/Neighborhood.h"
#include "Union/Mapper/SearchState.h"

namespace mlir::union_ {

/// SearchStats::stopReason of a local search that found no point it had
/// not costed, from its best or from fresh samples.
inline constexpr char kNothingNewToCost[] =
    "no new point within reach: the walks and fresh samples only found "
    "points already costed";

/// Anneals for `steps` proposals (0: until the budget ends) from `start`
/// (or a uniform sample), moving only within `scope`; every costed point
/// goes through `search`. Returns the best point of the walk. The
/// temperature starts at `initialTemperature` (a relative loss of
/// `initialTemperature` is accepted with probability 1/e) and cools
/// geometrically to 0.002 over the steps.
std::optional<std::pair<MapPoint, double>>
anneal(const ConstrainedMapSpace &space, ThreadSearch &search,
       std::mt19937_64 &random, const MoveScope &scope,
       std::optional<MapPoint> start, uint64_t steps,
       double initialTemperature = 0.5);

} // namespace mlir::union_

#endif // UNION_MAPPER_ANNEALING_H
