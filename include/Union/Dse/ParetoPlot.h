//===- ParetoPlot.h - An SVG plot of a sweep's Pareto front -----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DSE_PARETOPLOT_H
#define UNION_DSE_PARETOPLOT_H

#include "Union/Dse/SweepReport.h"

namespace mlir::union_::dse {

/// Latency against energy (log axes when they span more than a decade):
/// every valid design as a grey dot (at most 20,000, evenly chosen), the
/// Pareto-optimal ones as circles coloured by area with a colour bar.
void writeParetoSvg(llvm::raw_ostream &os, const SweepReport &report);

} // namespace mlir::union_::dse

#endif // UNION_DSE_PARETOPLOT_H
