//===- SpaceModel.h - Problem and levels as the map space sees them -*- C++
//-*-//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Plain data for the map space and its constraints: the problem's dims and
// tensor projections, and the storage levels of an architecture with the
// fan-out below each. No MLIR here, so the map space, its tests and the
// benchmarks build without the dialect.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_MAPSPACE_SPACEMODEL_H
#define UNION_MAPSPACE_SPACEMODEL_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mlir::union_ {

struct ArchitectureSpec;

/// A tensor index: the sum of coefficient * dim over its terms (constant
/// offsets do not change how many elements a tile touches).
using SpaceIndex = std::vector<std::pair<unsigned, int64_t>>;

struct SpaceTensor {
  std::string name;
  bool isOutput = false;
  int64_t bits = 16;
  std::vector<SpaceIndex> indices;
  /// Bit d: dim d appears in an index (the tensor is relevant to dim d).
  uint64_t relevantDims = 0;
};

struct SpaceProblem {
  std::vector<std::string> dimNames;
  std::vector<int64_t> dimSizes;
  std::vector<SpaceTensor> tensors;

  unsigned getNumDims() const { return dimSizes.size(); }
  /// Position of the dim called `name`, or -1.
  int findDim(const std::string &name) const;
  /// Position of the tensor called `name`, or of the tensor playing the
  /// role `name` names ("input", "weight"/"filter", "output"), or -1.
  int findTensor(const std::string &name) const;
  /// The output (written) tensor, the weights (the last read tensor) and
  /// the input (the first read tensor); -1 when absent.
  int getOutputTensor() const;
  int getWeightTensor() const;
  int getInputTensor() const;
  /// Elements of `tensor` a tile with per-dim extents `tile` touches.
  int64_t getFootprint(unsigned tensor, const int64_t *tile) const;
};

struct SpaceLevel {
  std::string name;
  /// Instances of the next storage level (or MAC units, for the innermost
  /// level) per instance of this one; 1 means no spatial loops here.
  int64_t fanoutBelow = 1;
  /// Width of the 2-D array the fan-out forms (0: a 1-D array).
  int64_t meshX = 0;
  /// Capacity in bits (0: unbounded).
  int64_t capacityBits = 0;
  /// Bit t: this level may hold tensor t.
  uint32_t holdableTensors = ~0u;
};

/// The storage levels of `arch` for `problem`, outermost first: each one
/// gets the product of the network fan-outs up to the next storage level
/// (the innermost, the compute vector width) and which tensors it may hold
/// (an architecture's tensor list names tensors or roles).
std::vector<SpaceLevel> getSpaceLevels(const ArchitectureSpec &arch,
                                       const SpaceProblem &problem);

} // namespace mlir::union_

#endif // UNION_MAPSPACE_SPACEMODEL_H
