//===- SpaceModel.cpp - Problem and levels as the map space sees them -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/MapSpace/SpaceModel.h"

#include "Union/Arch/ArchitectureSpec.h"

#include <cstdlib>

using namespace mlir::union_;

int SpaceProblem::findDim(const std::string &name) const {
  for (unsigned d = 0; d < dimNames.size(); ++d)
    if (dimNames[d] == name)
      return d;
  return -1;
}

int SpaceProblem::findTensor(const std::string &name) const {
  for (unsigned t = 0; t < tensors.size(); ++t)
    if (tensors[t].name == name)
      return t;
  if (name == "weight" || name == "weights" || name == "filter")
    return getWeightTensor();
  if (name == "input" || name == "inputs" || name == "ifmap")
    return getInputTensor();
  if (name == "output" || name == "outputs" || name == "ofmap" ||
      name == "psum")
    return getOutputTensor();
  return -1;
}

int SpaceProblem::getOutputTensor() const {
  for (unsigned t = 0; t < tensors.size(); ++t)
    if (tensors[t].isOutput)
      return t;
  return -1;
}

int SpaceProblem::getWeightTensor() const {
  int weight = -1;
  unsigned reads = 0;
  for (unsigned t = 0; t < tensors.size(); ++t)
    if (!tensors[t].isOutput) {
      weight = t;
      ++reads;
    }
  return reads >= 2 ? weight : -1;
}

int SpaceProblem::getInputTensor() const {
  for (unsigned t = 0; t < tensors.size(); ++t)
    if (!tensors[t].isOutput)
      return t;
  return -1;
}

int64_t SpaceProblem::getFootprint(unsigned tensor, const int64_t *tile) const {
  int64_t elements = 1;
  for (const SpaceIndex &index : tensors[tensor].indices) {
    // A sliding window p*s + r over extents P, R touches (P-1)*s + (R-1) + 1
    // positions.
    int64_t extent = 1;
    for (auto [dim, coefficient] : index)
      extent += std::llabs(coefficient) * (tile[dim] - 1);
    elements *= extent;
  }
  return elements;
}

std::vector<SpaceLevel>
mlir::union_::getSpaceLevels(const ArchitectureSpec &arch,
                             const SpaceProblem &problem) {
  std::vector<SpaceLevel> levels;
  unsigned networksSinceStorage = 0;
  for (const LevelSpec &spec : arch.levels) {
    switch (spec.kind) {
    case LevelKind::Storage: {
      SpaceLevel level;
      level.name = spec.name;
      level.capacityBits = spec.capacity * spec.wordBits;
      if (spec.tensors) {
        level.holdableTensors = 0;
        for (const std::string &name : *spec.tensors) {
          int tensor = problem.findTensor(name);
          if (tensor >= 0)
            level.holdableTensors |= 1u << tensor;
        }
      }
      levels.push_back(level);
      networksSinceStorage = 0;
      break;
    }
    case LevelKind::Network:
      if (levels.empty())
        break;
      levels.back().fanoutBelow *= spec.fanout;
      // A 2-D array only when one network forms the whole fan-out.
      levels.back().meshX = ++networksSinceStorage == 1 ? spec.meshX : 0;
      break;
    case LevelKind::Compute:
      if (!levels.empty() && spec.vectorWidth > 1) {
        levels.back().fanoutBelow *= spec.vectorWidth;
        levels.back().meshX = 0;
      }
      break;
    }
  }
  return levels;
}
