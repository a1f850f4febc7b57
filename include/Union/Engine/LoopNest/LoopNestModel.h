//===- LoopNestModel.h - Timeloop's dense loop-nest cost model --*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The loop-nest cost model: a mapped loop nest on a hierarchy of storage
// levels is analysed as Timeloop v3.0.3's dense model does (nest analysis
// on point sets with its extrapolation, multicast and spatial reduction by
// equal deltas, collapse to storage levels with bypass, first-read
// elision, capacity and fan-out checks, per-block energies, bandwidth
// throttling), so every figure equals timeloop-model's. Quirks that are
// reproduced on purpose carry their number of docs/LoopNest.md ([Qn]).
//
// Plain C++: the types below hold no MLIR, so mappers and sweeps call the
// model in their inner loops.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_LOOPNEST_LOOPNESTMODEL_H
#define UNION_COSTMODEL_LOOPNEST_LOOPNESTMODEL_H

#include "Union/Support/FlatMap.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mlir::union_::loopnest {

//===----------------------------------------------------------------------===//
// Inputs
//===----------------------------------------------------------------------===//

/// `coefficient * dim`, one term of a tensor rank's index expression.
struct Term {
  unsigned dim = 0;
  int64_t coefficient = 1;
};

struct Tensor {
  std::string name;
  /// Per rank, the sum of terms that indexes it.
  std::vector<std::vector<Term>> ranks;
  /// Outputs are accumulated (read-modify-write) and written back.
  bool readWrite = false;
};

struct Problem {
  std::vector<std::string> dimNames;
  std::vector<int64_t> bounds; ///< per dim, >= 1
  std::vector<Tensor> tensors;
};

/// Energy of one access of a block (`blockSize` words), in pJ.
struct AccessEnergies {
  double read = 0, fill = 0, update = 0;
};

struct StorageLevel {
  std::string name;
  int64_t instances = 1;
  int64_t meshX = 1, meshY = 1;
  /// Capacity in words; 0 means unbounded (DRAM).
  int64_t size = 0;
  double multipleBuffering = 1.0;
  double minUtilization = 0;
  int64_t wordBits = 16;
  int64_t blockSize = 1;
  int64_t clusterSize = 1;
  /// Words per cycle per instance; 0 means unlimited.
  double readBandwidth = 0, writeBandwidth = 0, sharedBandwidth = 0;
  bool isDram = false;
  AccessEnergies energy;

  /// The capacity checks use: size / multiple buffering (0: unbounded).
  int64_t getEffectiveSize() const;
};

struct Arithmetic {
  std::string name = "MAC";
  int64_t instances = 1;
  int64_t meshX = 1, meshY = 1;
  double computeEnergy = 1.0; ///< pJ per compute
};

struct Architecture {
  std::vector<StorageLevel> levels; ///< innermost (next to the MACs) first
  Arithmetic arithmetic;

  /// The fan-out from storage level `i` to the level below it (storage
  /// level i - 1, or the MACs for level 0), along X and Y.
  int64_t getFanoutX(unsigned i) const;
  int64_t getFanoutY(unsigned i) const;
};

/// The loops one storage level owns. Orders list dims innermost first and
/// hold every dim once.
struct LevelMapping {
  std::vector<int64_t> temporalFactors; ///< per dim
  std::vector<unsigned> temporalOrder;
  std::vector<int64_t> spatialFactors; ///< per dim
  std::vector<unsigned> spatialOrder;
  /// The first `spatialSplit` dims of `spatialOrder` are mesh-X loops, the
  /// others mesh-Y loops.
  unsigned spatialSplit = 0;
  std::vector<bool> keep; ///< per tensor
};

struct Mapping {
  std::vector<LevelMapping> levels; ///< innermost first, one per level
};

//===----------------------------------------------------------------------===//
// Results
//===----------------------------------------------------------------------===//

/// Words per (multicast factor, scatter), in key order.
using AccessMap = FlatMap<std::pair<int64_t, int64_t>, double>;

/// One tensor at one storage level. Counts are per instance, as Timeloop
/// prints them; multiply by `utilizedInstances` for totals.
struct TensorLevelResult {
  bool kept = false;
  int64_t utilizedCapacity = 0;
  int64_t partitionSize = 0;
  int64_t utilizedInstances = 0;
  int64_t reads = 0, fills = 0, updates = 0;
  int64_t temporalReductions = 0;
  double energyPerInstance = 0; ///< pJ
  double energy = 0;            ///< pJ, all utilized instances
  /// The parent-side view of the children's requests: words sent per
  /// (multicast factor, scatter) to the instances below (after bypass).
  AccessMap accesses;
  /// Of those, words delivered to several children at once (multicast of
  /// read-only tensors) and partial results reduced across children
  /// (read-write tensors).
  double multicastAccesses = 0, spatialReductions = 0;
};

struct LevelResult {
  std::string name;
  int64_t cycles = 0;
  double bandwidthThrottling = 1.0;
  double energy = 0; ///< pJ, the sum of its tensors'
  /// Per tensor; inline, so a result allocates once per level list.
  llvm::SmallVector<TensorLevelResult, 4> tensors;
};

struct Result {
  int64_t cycles = 0;
  int64_t computeCycles = 0; ///< before bandwidth throttling
  int64_t computes = 0;
  int64_t utilizedMacs = 0;
  double utilization = 0;
  double macEnergy = 0;            ///< pJ
  double energy = 0;               ///< pJ, arithmetic plus storage
  std::vector<LevelResult> levels; ///< innermost first
  /// The storage level whose bandwidth sets the cycles, -1 for compute.
  int bottleneck = -1;

  double getEnergyPerCompute() const {
    return computes ? energy / computes : 0;
  }
};

//===----------------------------------------------------------------------===//
// Evaluation
//===----------------------------------------------------------------------===//

/// Why Timeloop would not evaluate a mapping.
enum class RejectionKind {
  Malformed, ///< the mapping does not fit the problem or architecture
  Fanout,    ///< more spatial instances than the hardware has
  Capacity,  ///< a tile does not fit a level (or is below its minimum)
};

/// A mapping Timeloop rejects, with Timeloop's message.
class RejectionError : public llvm::ErrorInfo<RejectionError> {
public:
  static char ID;
  RejectionError(RejectionKind kind, std::string message)
      : kind(kind), message(std::move(message)) {}
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
  RejectionKind getKind() const { return kind; }
  const std::string &getMessage() const { return message; }

private:
  RejectionKind kind;
  std::string message;
};

/// Checks that the problem is well formed (positive bounds, tensors of 1
/// to 8 ranks indexed by its dims).
llvm::Error validate(const Problem &problem);
/// Checks that the architecture is well formed (meshes that hold the
/// instances and divide the mesh below, positive sizes).
llvm::Error validate(const Architecture &arch);

/// Timeloop's switches of its analysis; the defaults are Timeloop's.
struct Options {
  /// Children may take a delta from a mesh neighbour instead of the
  /// parent (off: TIMELOOP_DISABLE_LINK_TRANSFERS).
  bool linkTransfers = true;
  /// Only iterations #0 and #1 of a temporal loop are walked, #1 standing
  /// for the others [Q10] (off: TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION,
  /// every iteration is walked; slow, for checking).
  bool extrapolateTemporal = true;
};

/// Evaluates `mapping`; a RejectionError when Timeloop rejects it.
llvm::Expected<Result> evaluate(const Problem &problem,
                                const Architecture &arch,
                                const Mapping &mapping,
                                const Options &options = {});

} // namespace mlir::union_::loopnest

#endif // UNION_COSTMODEL_LOOPNEST_LOOPNESTMODEL_H
