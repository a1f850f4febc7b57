//===- Pareto.h - The Pareto front of a design sweep ------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DSE_PARETO_H
#define UNION_DSE_PARETO_H

#include "Union/Dse/Explorer.h"

namespace mlir::union_::dse {

/// Positions in `designs` of the valid designs no other valid design
/// dominates on (latency, energy, area) (at most as large in all three,
/// smaller in one), in the order of `designs`. Designs with equal figures
/// do not dominate each other.
std::vector<size_t> getParetoFront(const std::vector<DesignFigures> &designs);

enum class DseObjective { Latency, Energy, Area, EDP };
const char *stringifyDseObjective(DseObjective objective);

/// Position of the valid design best for `objective` (ties: lower latency,
/// energy, area, then index), or -1 when none is valid.
long getBestDesign(const std::vector<DesignFigures> &designs,
                   DseObjective objective);

} // namespace mlir::union_::dse

#endif // UNION_DSE_PARETO_H
