//===- Explorer.h - Evaluate every design of a sweep ------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Runs MAESTRO's analysis once per group of designs that differ only in
// buffer sizes (the sizes do not change the analysis, only whether the
// design can hold what it needs), on several threads, and derives every
// design's latency, energy, area, power and validity.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DSE_EXPLORER_H
#define UNION_DSE_EXPLORER_H

#include "Union/Dse/Sweep.h"
#include "Union/Engine/Maestro/MaestroAreaPower.h"
#include "Union/Engine/Maestro/MaestroEngine.h"

#include <array>
#include <functional>

namespace mlir::union_::dse {

enum class DesignStatus : uint8_t {
  Valid,
  L1TooSmall, ///< a layer needs more L1 than the design has
  L2TooSmall, ///< a layer needs more L2 than the design has
  OverArea,   ///< area above max_area
  OverPower,  ///< power above max_power
  Unmappable, ///< the dataflow (or the search) gives no mapping
};
constexpr unsigned kNumStatuses = 6;
const char *stringifyDesignStatus(DesignStatus status);
std::optional<DesignStatus> parseDesignStatus(llvm::StringRef name);

/// What a design costs on the whole workload: latency and energy summed
/// over its layers (MAESTRO's runtime and activity energy in MAC units),
/// area (um^2) and power (mW) by MAESTRO's model on the design's buffers,
/// and the largest per-layer buffer requirements.
struct DesignFigures {
  uint64_t index = 0;
  DesignStatus status = DesignStatus::Valid;
  int64_t latency = 0;
  double energy = 0, area = 0, power = 0;
  int64_t l1Required = 0, l2Required = 0;
};

/// The per-layer figures a design's analysis gives; the explorer turns
/// them into DesignFigures for each buffer variant.
struct WorkloadFigures {
  bool mapped = false;
  std::string failure; ///< why not, when not mapped
  int64_t latency = 0;
  long double energy = 0;
  int64_t l1Required = 0, l2Required = 0;
};

/// Analyses one group's design (its dataflow and hardware; buffer sizes
/// ignored). Called from several threads at once.
using GroupAnalysis = std::function<WorkloadFigures(const Design &design)>;

/// The analysis with fixed dataflows: `networks[d]` is the workload with
/// dataflow d on every layer.
GroupAnalysis getMaestroAnalysis(const std::vector<maestro::Network> &networks);

/// The area (um^2) and power (mW) of a design with buffers `l1` (per PE)
/// and `l2`; MAESTRO's model unless replaced.
using AreaPowerModel = std::function<maestro::AreaPower(
    const Design &design, int64_t l1, int64_t l2)>;

struct ExploreOptions {
  /// Replaces MAESTRO's area and power model (null: MAESTRO's).
  AreaPowerModel areaPower;
  unsigned threads = 1;
  unsigned shard = 0, numShards = 1;
  /// Keep the figures of invalid designs too (for a CSV of all designs).
  bool keepInvalid = false;
  /// Print progress to stderr about twice a second.
  bool progress = false;
};

struct ExploreResult {
  /// This shard's designs (valid ones, or all with keepInvalid), by index.
  std::vector<DesignFigures> designs;
  uint64_t numDesigns = 0; ///< designs this shard evaluated
  std::array<uint64_t, kNumStatuses> byStatus{};
  /// The first reason each dataflow failed to map, by dataflow index.
  std::vector<std::string> failures;
  uint64_t analyses = 0; ///< MAESTRO analyses run (one per group)
  double seconds = 0;
};

ExploreResult explore(const SweepSpec &spec, const GroupAnalysis &analysis,
                      const ExploreOptions &options);

/// The figures of `design` from its group's analysis.
DesignFigures getDesignFigures(const SweepSpec &spec, const Design &design,
                               const WorkloadFigures &workload,
                               const AreaPowerModel &areaPower = nullptr);

} // namespace mlir::union_::dse

#endif // UNION_DSE_EXPLORER_H
