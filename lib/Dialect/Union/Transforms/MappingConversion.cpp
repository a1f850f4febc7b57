//===- MappingConversion.cpp - #union.mapping <-> map-space points --------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/MapSpaceSupport.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::union_;

MappingAttr
mlir::union_::getMappingAttr(MLIRContext *context, const MapPoint &point,
                             const SpaceProblem &problem,
                             const std::vector<SpaceLevel> &levels) {
  SmallVector<LevelMappingAttr> result;
  for (unsigned l = 0; l < levels.size(); ++l) {
    SmallVector<LoopSpec> loops;
    for (unsigned d : point.order[l])
      if (point.temporal[l][d] > 1)
        loops.push_back({StringAttr::get(context, problem.dimNames[d]),
                         point.temporal[l][d], LoopKind::Temporal});
    for (unsigned d = 0; d < problem.getNumDims(); ++d)
      if (point.spatial[l][d] > 1)
        loops.push_back({StringAttr::get(context, problem.dimNames[d]),
                         point.spatial[l][d], LoopKind::Spatial});
    SmallVector<StringAttr> bypass;
    for (unsigned t = 0; t < problem.tensors.size(); ++t)
      if (point.bypass[l] >> t & 1)
        bypass.push_back(StringAttr::get(context, problem.tensors[t].name));
    result.push_back(LevelMappingAttr::get(
        context, StringAttr::get(context, levels[l].name), loops, bypass));
  }
  return MappingAttr::get(context, result);
}

static std::optional<MapPoint> toMapPoint(MappingAttr mapping,
                                          const SpaceProblem &problem,
                                          const std::vector<SpaceLevel> &levels,
                                          std::string &error) {
  unsigned numLevels = levels.size(), numDims = problem.getNumDims();
  MapPoint p;
  p.temporal.assign(numLevels, std::vector<int64_t>(numDims, 1));
  p.spatial.assign(numLevels, std::vector<int64_t>(numDims, 1));
  p.order.assign(numLevels, {});
  p.bypass.assign(numLevels, 0);
  std::vector<std::string> levelNames;
  for (const SpaceLevel &level : levels)
    levelNames.push_back(level.name);
  for (LevelMappingAttr levelMapping : mapping.getLevels()) {
    auto it = std::find(levelNames.begin(), levelNames.end(),
                        levelMapping.getLevel().str());
    if (it == levelNames.end()) {
      error = "mapping names level '" + levelMapping.getLevel().str() +
              "', which is not a storage level of the architecture (" +
              llvm::join(levelNames, ", ") + ")";
      return std::nullopt;
    }
    unsigned l = it - levelNames.begin();
    for (const LoopSpec &loop : levelMapping.getLoops()) {
      int d = problem.findDim(loop.dim.str());
      if (d < 0) {
        error = "mapping level '" + levels[l].name + "' loops over '" +
                loop.dim.str() + "', which is not a dim of the problem (" +
                llvm::join(problem.dimNames, ", ") + ")";
        return std::nullopt;
      }
      if (loop.kind == LoopKind::Spatial) {
        if (levels[l].fanoutBelow <= 1) {
          error = "mapping level '" + levels[l].name +
                  "' has a spatial loop over '" + loop.dim.str() +
                  "' but no fan-out below it";
          return std::nullopt;
        }
        p.spatial[l][d] = loop.factor;
      } else {
        p.temporal[l][d] = loop.factor;
        p.order[l].push_back(d);
      }
    }
    for (StringAttr tensor : levelMapping.getBypass()) {
      int t = problem.findTensor(tensor.str());
      if (t < 0) {
        error = "mapping level '" + levels[l].name + "' bypasses '" +
                tensor.str() + "', which is not a tensor of the problem";
        return std::nullopt;
      }
      p.bypass[l] |= 1u << t;
    }
  }
  // Each dim's leftover runs outermost; unlisted loops follow in the
  // canonical order (size > 1 dims first, each group ascending).
  for (unsigned d = 0; d < numDims; ++d) {
    int64_t product = 1;
    for (unsigned l = 0; l < numLevels; ++l)
      if (__builtin_mul_overflow(product, p.temporal[l][d], &product) ||
          __builtin_mul_overflow(product, p.spatial[l][d], &product))
        product = problem.dimSizes[d] + 1;
    if (problem.dimSizes[d] % product) {
      error = "the factors of dim '" + problem.dimNames[d] + "' multiply to " +
              std::to_string(product) + ", which does not divide its size " +
              std::to_string(problem.dimSizes[d]);
      return std::nullopt;
    }
    if (int64_t rest = problem.dimSizes[d] / product; rest > 1) {
      if (p.temporal[0][d] == 1) {
        p.temporal[0][d] = rest;
        p.order[0].insert(p.order[0].begin(), d);
      } else {
        p.temporal[0][d] *= rest;
      }
    }
  }
  for (unsigned l = 0; l < numLevels; ++l)
    for (bool unitDims : {false, true})
      for (unsigned d = 0; d < numDims; ++d)
        if ((problem.dimSizes[d] == 1) == unitDims &&
            std::find(p.order[l].begin(), p.order[l].end(), d) ==
                p.order[l].end())
          p.order[l].push_back(d);
  return p;
}

llvm::Expected<MapPoint>
mlir::union_::getMapPoint(MappingAttr mapping, const SpaceProblem &problem,
                          const std::vector<SpaceLevel> &levels) {
  std::string error;
  std::optional<MapPoint> point = toMapPoint(mapping, problem, levels, error);
  if (!point)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  return std::move(*point);
}
