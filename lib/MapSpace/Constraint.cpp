//===- Constraint.cpp - Map-space constraints from their definitions ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/MapSpace/Constraint.h"

#include <algorithm>
#include <cmath>

using namespace mlir::union_;

const char *mlir::union_::stringifyConstraintSource(ConstraintSource source) {
  switch (source) {
  case ConstraintSource::Hardware:
    return "hardware";
  case ConstraintSource::Workload:
    return "workload";
  case ConstraintSource::Mapper:
    return "mapper";
  }
  return "?";
}

const char *mlir::union_::stringifyConstraintKind(ConstraintKind kind) {
  switch (kind) {
  case ConstraintKind::Fanout:
    return "fanout";
  case ConstraintKind::Mesh:
    return "mesh";
  case ConstraintKind::Placement:
    return "placement";
  case ConstraintKind::Capacity:
    return "capacity";
  case ConstraintKind::MeshAxes:
    return "mesh_axes";
  case ConstraintKind::SpatialDims:
    return "spatial_dims";
  case ConstraintKind::Stationary:
    return "stationary";
  case ConstraintKind::Order:
    return "order";
  case ConstraintKind::UnitDims:
    return "unit_dims";
  case ConstraintKind::UnitLoops:
    return "unit_loops";
  case ConstraintKind::MaxTile:
    return "max_tile";
  case ConstraintKind::MinTile:
    return "min_tile";
  case ConstraintKind::PowerOfTwo:
    return "pow2_tiles";
  case ConstraintKind::MinUtilization:
    return "min_utilization";
  case ConstraintKind::Pad:
    return "pad";
  case ConstraintKind::MinimalBypass:
    return "minimal_bypass";
  case ConstraintKind::OneOuterLoop:
    return "one_outer_loop";
  case ConstraintKind::Keep:
    return "keep";
  case ConstraintKind::Bypass:
    return "bypass";
  case ConstraintKind::TemporalDims:
    return "temporal_dims";
  case ConstraintKind::SpatialFactor:
    return "spatial_factor";
  case ConstraintKind::MaxSpatialDims:
    return "max_spatial_dims";
  }
  return "?";
}

namespace {
std::string dimList(const SpaceProblem &problem, uint64_t mask) {
  std::string text;
  for (unsigned d = 0; d < problem.getNumDims(); ++d)
    if (mask >> d & 1)
      text += (text.empty() ? "" : ", ") + problem.dimNames[d];
  return text.empty() ? "none" : text;
}
} // namespace

std::string
mlir::union_::describeConstraint(const Constraint &c,
                                 const SpaceProblem &problem,
                                 const std::vector<SpaceLevel> &levels) {
  std::string text = stringifyConstraintKind(c.kind);
  std::string level = c.level >= 0 ? levels[c.level].name : "";
  switch (c.kind) {
  case ConstraintKind::SpatialDims:
  case ConstraintKind::TemporalDims:
    return text + "(" + level + ": " + dimList(problem, c.dims) + ")";
  case ConstraintKind::SpatialFactor:
    return text + "(" + level + ": " + dimList(problem, c.dims) + " = " +
           std::to_string(c.value) + ")";
  case ConstraintKind::MeshAxes:
    return text + "(" + level + ": X " + dimList(problem, c.dims) + "; Y " +
           dimList(problem, c.dimsY) + ")";
  case ConstraintKind::Keep:
  case ConstraintKind::Bypass:
  case ConstraintKind::Stationary:
    return text + "(" + level + ": " + problem.tensors[c.tensor].name + ")";
  case ConstraintKind::Order: {
    std::string dims;
    for (unsigned d : c.order)
      dims += (dims.empty() ? "" : ", ") + problem.dimNames[d];
    return text + "(" + level + ": " + dims + ")";
  }
  case ConstraintKind::MaxSpatialDims:
    return text + "(" + (level.empty() ? "all" : level) + ": " +
           std::to_string(c.value) + ")";
  case ConstraintKind::Pad:
    return text + "(" + dimList(problem, c.dims) + " to " +
           std::to_string(c.value) + ")";
  case ConstraintKind::MaxTile:
  case ConstraintKind::MinTile:
    return text + "(" + (level.empty() ? "all" : level) + ": " +
           dimList(problem, c.dims) + " " +
           (c.kind == ConstraintKind::MaxTile ? "<= " : ">= ") +
           std::to_string(c.value) + ")";
  case ConstraintKind::Capacity:
    if (c.value > 1)
      return text + "(" + (level.empty() ? "all" : level) + ": " +
             std::to_string(c.value) + " copies)";
    return level.empty() ? text : text + "(" + level + ")";
  case ConstraintKind::MinUtilization: {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%g", c.fraction);
    return text + "(" + (level.empty() ? "all" : level) + ": " + buffer + ")";
  }
  default:
    return level.empty() ? text : text + "(" + level + ")";
  }
}

std::vector<std::vector<int64_t>>
mlir::union_::getTiles(const MapPoint &point) {
  unsigned numLevels = point.temporal.size();
  std::vector<std::vector<int64_t>> tiles(numLevels);
  std::vector<int64_t> inner(numLevels ? point.temporal[0].size() : 0, 1);
  for (unsigned l = numLevels; l-- > 0;) {
    for (unsigned d = 0; d < inner.size(); ++d)
      inner[d] *= point.temporal[l][d] * point.spatial[l][d];
    tiles[l] = inner;
  }
  return tiles;
}

namespace {

bool appliesTo(const Constraint &c, unsigned level) {
  return c.level < 0 || unsigned(c.level) == level;
}

int64_t spatialProduct(const MapPoint &p, unsigned level) {
  int64_t product = 1;
  for (int64_t f : p.spatial[level])
    product *= f;
  return product;
}

/// Whether the spatial factors of a level can be split between the X and
/// Y axes of a meshX x (fanout / meshX) array.
bool fitsMesh(const std::vector<int64_t> &spatial, int64_t meshX,
              int64_t meshY) {
  std::vector<int64_t> factors;
  for (int64_t f : spatial)
    if (f > 1)
      factors.push_back(f);
  for (uint64_t onX = 0; onX < (uint64_t(1) << factors.size()); ++onX) {
    int64_t x = 1, y = 1;
    for (unsigned i = 0; i < factors.size(); ++i)
      (onX >> i & 1 ? x : y) *= factors[i];
    if (x <= meshX && y <= meshY)
      return true;
  }
  return false;
}

/// The loops of `order` with more than one iteration at this level.
std::vector<unsigned> nonUnitLoops(const MapPoint &p, unsigned level) {
  std::vector<unsigned> loops;
  for (unsigned d : p.order[level])
    if (p.temporal[level][d] > 1)
      loops.push_back(d);
  return loops;
}

/// Whether `order` ends with the dims for which `isTail` holds, sorted by
/// `key`, and no such dim appears earlier.
template <typename Pred, typename Key>
bool hasCanonicalTail(const std::vector<unsigned> &order, Pred isTail,
                      Key key) {
  unsigned first = order.size();
  for (unsigned i = 0; i < order.size(); ++i)
    if (isTail(order[i])) {
      first = i;
      break;
    }
  for (unsigned i = first; i < order.size(); ++i) {
    if (!isTail(order[i]))
      return false;
    if (i > first && !(key(order[i - 1]) < key(order[i])))
      return false;
  }
  return true;
}

bool isPowerOfTwo(int64_t value) { return (value & (value - 1)) == 0; }

} // namespace

bool mlir::union_::satisfies(const Constraint &c, const SpaceProblem &problem,
                             const std::vector<SpaceLevel> &levels,
                             const MapPoint &p) {
  return satisfies(c, problem, levels, p, getTiles(p));
}

bool mlir::union_::satisfies(const Constraint &c, const SpaceProblem &problem,
                             const std::vector<SpaceLevel> &levels,
                             const MapPoint &p,
                             const std::vector<std::vector<int64_t>> &tiles) {
  unsigned numLevels = levels.size(), numDims = problem.getNumDims();
  if (c.kind == ConstraintKind::OneOuterLoop) {
    // A dim looping at level l (1 <= l <= c.level) must not loop above it.
    unsigned last = c.level < 0 ? numLevels - 1 : unsigned(c.level);
    for (unsigned l = 1; l <= last && l < numLevels; ++l)
      for (unsigned d = 0; d < numDims; ++d)
        if (p.temporal[l][d] > 1 && tiles[l][d] != problem.dimSizes[d])
          return false;
    return true;
  }
  for (unsigned l = 0; l < numLevels; ++l) {
    if (!appliesTo(c, l))
      continue;
    const SpaceLevel &level = levels[l];
    switch (c.kind) {
    case ConstraintKind::Fanout:
      if (spatialProduct(p, l) > level.fanoutBelow)
        return false;
      break;
    case ConstraintKind::Mesh:
      if (level.meshX > 0 &&
          !fitsMesh(p.spatial[l], level.meshX, level.fanoutBelow / level.meshX))
        return false;
      break;
    case ConstraintKind::MeshAxes: {
      int64_t x = 1, y = 1;
      for (unsigned d = 0; d < numDims; ++d) {
        int64_t f = p.spatial[l][d];
        if (f == 1)
          continue;
        if (c.dims >> d & 1)
          x *= f;
        else if (c.dimsY >> d & 1)
          y *= f;
        else
          return false;
      }
      if (x > level.meshX || y > level.fanoutBelow / level.meshX)
        return false;
      break;
    }
    case ConstraintKind::Placement:
      for (unsigned t = 0; t < problem.tensors.size(); ++t)
        if (!(level.holdableTensors >> t & 1) && !(p.bypass[l] >> t & 1))
          return false;
      break;
    case ConstraintKind::Capacity: {
      if (level.capacityBits == 0)
        break;
      int64_t bits = 0;
      for (unsigned t = 0; t < problem.tensors.size(); ++t)
        if (!(p.bypass[l] >> t & 1))
          bits += problem.getFootprint(t, tiles[l].data()) *
                  problem.tensors[t].bits;
      if (bits * std::max<int64_t>(1, c.value) > level.capacityBits)
        return false;
      break;
    }
    case ConstraintKind::SpatialDims:
      for (unsigned d = 0; d < numDims; ++d)
        if (!(c.dims >> d & 1) && p.spatial[l][d] != 1)
          return false;
      break;
    case ConstraintKind::Stationary: {
      // No loop over a dim the tensor ignores may enclose one over a dim
      // it depends on: the tensor's tile stays while the inner loops run.
      uint64_t relevant = problem.tensors[c.tensor].relevantDims;
      bool seenIrrelevant = false;
      for (unsigned d : nonUnitLoops(p, l)) {
        bool isRelevant = relevant >> d & 1;
        if (isRelevant && seenIrrelevant)
          return false;
        seenIrrelevant |= !isRelevant;
      }
      break;
    }
    case ConstraintKind::Order: {
      std::vector<unsigned> loops = nonUnitLoops(p, l);
      std::vector<unsigned> listed;
      for (unsigned d : loops)
        if (std::find(c.order.begin(), c.order.end(), d) != c.order.end())
          listed.push_back(d);
      // `listed` must follow c.order.
      unsigned position = 0;
      for (unsigned d : listed) {
        while (position < c.order.size() && c.order[position] != d)
          ++position;
        if (position == c.order.size())
          return false;
      }
      break;
    }
    case ConstraintKind::UnitDims:
      if (!hasCanonicalTail(
              p.order[l], [&](unsigned d) { return problem.dimSizes[d] == 1; },
              [](unsigned d) { return d; }))
        return false;
      break;
    case ConstraintKind::UnitLoops:
      if (!hasCanonicalTail(
              p.order[l], [&](unsigned d) { return p.temporal[l][d] == 1; },
              [&](unsigned d) {
                return std::make_pair(problem.dimSizes[d] == 1, d);
              }))
        return false;
      break;
    case ConstraintKind::MaxTile:
      for (unsigned d = 0; d < numDims; ++d)
        if ((c.dims >> d & 1) && tiles[l][d] > c.value)
          return false;
      break;
    case ConstraintKind::MinTile:
      for (unsigned d = 0; d < numDims; ++d)
        if ((c.dims >> d & 1) && tiles[l][d] < c.value)
          return false;
      break;
    case ConstraintKind::PowerOfTwo:
      if (l == 0)
        break;
      for (unsigned d = 0; d < numDims; ++d)
        if (!isPowerOfTwo(tiles[l][d]) && tiles[l][d] != problem.dimSizes[d])
          return false;
      break;
    case ConstraintKind::Pad:
      break; // holds by construction: points live in the padded problem
    case ConstraintKind::MinimalBypass: {
      uint32_t all = (uint32_t(1) << problem.tensors.size()) - 1;
      if (p.bypass[l] != (l == 0 ? 0 : all & ~level.holdableTensors))
        return false;
      break;
    }
    case ConstraintKind::OneOuterLoop:
      // `level` bounds the levels this applies to, not which one.
      break;
    case ConstraintKind::Keep:
      if (c.tensor >= 0 && (p.bypass[l] >> c.tensor & 1))
        return false;
      break;
    case ConstraintKind::Bypass:
      if (c.tensor >= 0 && !(p.bypass[l] >> c.tensor & 1))
        return false;
      break;
    case ConstraintKind::TemporalDims:
      for (unsigned d = 0; d < numDims; ++d)
        if (!(c.dims >> d & 1) && p.temporal[l][d] != 1)
          return false;
      break;
    case ConstraintKind::SpatialFactor:
      for (unsigned d = 0; d < numDims; ++d)
        if ((c.dims >> d & 1) && p.spatial[l][d] != c.value)
          return false;
      break;
    case ConstraintKind::MaxSpatialDims: {
      int64_t spatialDims = 0;
      for (unsigned d = 0; d < numDims; ++d)
        spatialDims += p.spatial[l][d] > 1;
      if (spatialDims > c.value)
        return false;
      break;
    }
    case ConstraintKind::MinUtilization:
      if (level.fanoutBelow > 1 &&
          double(spatialProduct(p, l)) < c.fraction * level.fanoutBelow)
        return false;
      break;
    }
  }
  return true;
}

std::vector<Constraint>
mlir::union_::getHardwareConstraints(const SpaceProblem &problem,
                                     const std::vector<SpaceLevel> &levels) {
  std::vector<Constraint> constraints;
  auto add = [&](ConstraintKind kind) {
    Constraint c;
    c.source = ConstraintSource::Hardware;
    c.kind = kind;
    c.origin = "architecture";
    constraints.push_back(c);
  };
  // Capacity first: it shrinks the tile shapes the later counts visit.
  bool hasMesh = false, hasPlacement = false;
  uint32_t allTensors =
      problem.tensors.size() >= 32 ? ~0u : (1u << problem.tensors.size()) - 1;
  for (const SpaceLevel &level : levels) {
    hasMesh |= level.meshX > 0 && level.fanoutBelow > 1;
    hasPlacement |= (level.holdableTensors & allTensors) != allTensors;
  }
  if (hasPlacement)
    add(ConstraintKind::Placement);
  add(ConstraintKind::Capacity);
  add(ConstraintKind::Fanout);
  if (hasMesh)
    add(ConstraintKind::Mesh);
  return constraints;
}

std::vector<Constraint> mlir::union_::getWorkloadConstraints() {
  std::vector<Constraint> constraints;
  for (ConstraintKind kind :
       {ConstraintKind::UnitDims, ConstraintKind::UnitLoops}) {
    Constraint c;
    c.source = ConstraintSource::Workload;
    c.kind = kind;
    c.origin = "workload";
    constraints.push_back(c);
  }
  return constraints;
}

static bool pad(const std::vector<Constraint> &constraints,
                SpaceProblem &problem, std::string &error) {
  for (const Constraint &c : constraints) {
    if (c.kind != ConstraintKind::Pad)
      continue;
    for (unsigned d = 0; d < problem.getNumDims(); ++d) {
      if (!(c.dims >> d & 1))
        continue;
      if (c.value < problem.dimSizes[d]) {
        error = "cannot pad dim '" + problem.dimNames[d] + "' of size " +
                std::to_string(problem.dimSizes[d]) + " to " +
                std::to_string(c.value);
        return false;
      }
      problem.dimSizes[d] = c.value;
    }
  }
  return true;
}

llvm::Error
mlir::union_::applyPadding(const std::vector<Constraint> &constraints,
                           SpaceProblem &problem) {
  std::string error;
  if (!pad(constraints, problem, error))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  return llvm::Error::success();
}
