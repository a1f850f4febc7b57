//===- Sweep.h - A hardware design space to explore -------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A sweep specification (JSON, see docs/DSE.md): per hardware parameter a
// list or range of values, the dataflows to try (or a mapper to search
// each layer's mappings), and area and power budgets. Designs are numbered
// in a fixed mixed-radix order; the designs that differ only in buffer
// sizes are consecutive and form a group that one analysis serves.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DSE_SWEEP_H
#define UNION_DSE_SWEEP_H

#include "Union/Engine/Maestro/MaestroModel.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::union_::dse {

/// A dataflow to try: MAESTRO directives applied to every layer, or the
/// workload's own (`directives` empty).
struct DataflowChoice {
  std::string name;
  std::string directives;
};

/// "Search the best mapping per layer" instead of fixed dataflows.
struct SearchChoice {
  std::string mapper = "annealing";
  uint64_t budget = 200;
  uint64_t seed = 1;
  std::string objective = "edp";
  /// MAESTRO's by default (a MAESTRO-style design); "loopnest" costs the
  /// same designs with Timeloop's model.
  std::string costModel = "maestro";
};

struct SweepSpec {
  std::vector<int64_t> pes, nocBandwidths, offchipBandwidths, vectorWidths,
      nocLatencies;
  /// Per-PE L1 and shared L2 sizes; empty: each design's buffers are sized
  /// to what its mappings need.
  std::vector<int64_t> l1Sizes, l2Sizes;
  std::vector<DataflowChoice> dataflows;
  std::optional<SearchChoice> search;
  std::optional<double> maxArea, maxPower;
  /// The energy of one MAC in pJ. MAESTRO's energies are multiples of it
  /// (18.61 per L2 and 1.68 per L1 access); the default, 1 pJ, reads them
  /// as pJ, as the maestro-256 preset does. Plots show energy in µJ.
  double macEnergyPj = 1.0;

  bool isSized() const { return !l1Sizes.empty(); }
  /// Designs per group (buffer-size variants).
  uint64_t getGroupSize() const;
  uint64_t getNumGroups() const;
  uint64_t getNumDesigns() const;
};

/// One design: its dataflow (index into `dataflows`, 0 in search mode) and
/// hardware; `l1Size`/`l2Size` are 0 for designs sized to fit.
struct Design {
  uint64_t index = 0;
  unsigned dataflow = 0;
  maestro::Hardware hardware;
  int64_t l1Size = 0, l2Size = 0;
};
Design getDesign(const SweepSpec &spec, uint64_t index);

/// Parses a sweep specification; errors name the JSON key, e.g.
/// `pes.step: expected a positive integer, got 0`.
llvm::Expected<SweepSpec> parseSweepSpec(llvm::StringRef text);

/// MAESTRO dataflows known by name (KC-P, YR-P, X-P, YX-P, CK-P, C-P).
std::optional<std::string> getMaestroDataflow(llvm::StringRef name);
std::vector<std::string> getMaestroDataflowNames();

} // namespace mlir::union_::dse

#endif // UNION_DSE_SWEEP_H
