//===- MaestroMapping.cpp - Loop-centric mappings as MAESTRO dataflows ----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// MAESTRO describes one loop per dim and cluster level: a directive's size
// is the tile a PE (or cluster) works on per step, its offset the step, and
// the directive order the loop order. A Union mapping conforms when
//   - only the levels down to the array level (MAESTRO's L2) and the
//     innermost level (L1) have loops,
//   - every dim has temporal loops at one of the levels above the PEs at
//     most (they merge into one directive, in the levels' order),
//   - at most two dims are spatial across the array (the second one inside
//     a cluster), and no level above the array fans out,
//   - a convolution's filter taps stay whole in the PEs' tiles.
// The PE tile of each dim (its factors at the innermost level, vector
// lanes included) is every directive's size. Convolution rows and columns
// are written in input coordinates with sliding windows: an output tile of
// p rows under a filter tile of r taps reads (p - 1) * stride + r input rows
// and advances by p * stride.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/MaestroMapping.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace mlir;
using namespace mlir::union_;
namespace m = mlir::union_::maestro;

namespace {

struct Translator {
  const MaestroShape &shape;
  const SpaceProblem &problem;
  /// Per problem dim: its tap partner for output rows/columns, else -1.
  std::vector<int> partner;

  Translator(const MaestroShape &shape, const SpaceProblem &problem)
      : shape(shape), problem(problem), partner(problem.getNumDims(), -1) {
    for (auto [d, dim] : shape.names) {
      if (dim != m::Yp && dim != m::Xp)
        continue;
      m::Dim tap = dim == m::Yp ? m::R : m::S;
      for (auto [e, other] : shape.names)
        if (other == tap)
          partner[d] = e;
    }
  }

  /// The directive for dim d with tile `tile` (and filter tile `tapTile`).
  m::Directive directive(unsigned d, int64_t tile, int64_t tapTile,
                         bool spatial) const {
    m::Directive result;
    result.kind =
        spatial ? m::DirectiveKind::SpatialMap : m::DirectiveKind::TemporalMap;
    m::Dim dim = shape.names.lookup(d);
    result.size = result.offset = tile;
    if (dim == m::Yp || dim == m::Xp) {
      m::Dim input = dim == m::Yp ? m::Y : m::X;
      int64_t stride = shape.layer.strides[input];
      result.dim = input;
      result.size = (tile - 1) * stride + tapTile;
      result.offset = tile * stride;
    } else {
      result.dim = dim;
    }
    return result;
  }
};

} // namespace

static bool translate(const MaestroShape &shape, const SpaceProblem &problem,
                      const std::vector<SpaceLevel> &levels,
                      unsigned arrayLevel, const MapPoint &point,
                      MaestroDataflow &dataflow, std::string &why) {
  unsigned numLevels = levels.size(), numDims = problem.getNumDims();
  unsigned peLevel = numLevels - 1;
  // Size-1 dims without a MAESTRO name (a batch of one) never loop; a
  // batch runs its GEMMs one after another, all outside the accelerator.
  for (unsigned d = 0; d < numDims; ++d) {
    bool isBatch = llvm::is_contained(shape.batchDims, d);
    if (!shape.names.count(d) && problem.dimSizes[d] != 1 && !isBatch) {
      why = "dim '" + problem.dimNames[d] + "' has no MAESTRO dimension";
      return false;
    }
    if (isBatch && numLevels > 1 && getTiles(point)[1][d] != 1) {
      why = "batch dim '" + problem.dimNames[d] +
            "' loops below the outermost level; MAESTRO costs one GEMM of "
            "the batch at a time";
      return false;
    }
  }
  for (unsigned l = 0; l < numLevels; ++l) {
    bool hasLoops = false, hasSpatial = false;
    for (unsigned d = 0; d < numDims; ++d) {
      hasLoops |= point.temporal[l][d] > 1 || point.spatial[l][d] > 1;
      hasSpatial |= point.spatial[l][d] > 1;
    }
    if (l > arrayLevel && l < peLevel && hasLoops) {
      why = "level '" + levels[l].name +
            "' has loops, but MAESTRO models only the array's buffer ('" +
            levels[arrayLevel].name + "') and the PEs' ('" +
            levels[peLevel].name + "') on chip";
      return false;
    }
    if (l < arrayLevel && hasSpatial) {
      why = "level '" + levels[l].name +
            "' has spatial loops; MAESTRO has one array of PEs, below '" +
            levels[arrayLevel].name + "'";
      return false;
    }
  }
  // Temporal loops above the PEs, merged in the levels' order.
  std::vector<unsigned> outerOrder;
  std::vector<int> loopLevel(numDims, -1);
  for (unsigned l = 0; l <= arrayLevel && l < peLevel; ++l)
    for (unsigned d : point.order[l]) {
      if (point.temporal[l][d] == 1 || !shape.names.count(d))
        continue;
      if (loopLevel[d] >= 0) {
        why = "dim '" + problem.dimNames[d] + "' has temporal loops at '" +
              levels[loopLevel[d]].name + "' and '" + levels[l].name +
              "'; a MAESTRO dataflow has one loop per dim and cluster level";
        return false;
      }
      loopLevel[d] = l;
      outerOrder.push_back(d);
    }
  std::vector<unsigned> spatialDims;
  if (arrayLevel < peLevel)
    for (unsigned d = 0; d < numDims; ++d)
      if (point.spatial[arrayLevel][d] > 1)
        spatialDims.push_back(d);
  if (spatialDims.size() > 2) {
    why = "spatial loops over " + std::to_string(spatialDims.size()) +
          " dims below '" + levels[arrayLevel].name +
          "'; MAESTRO spreads at most two (one per cluster level)";
    return false;
  }
  // The first spatial dim is the one whose loop comes first.
  auto position = [&](unsigned d) {
    auto it = std::find(outerOrder.begin(), outerOrder.end(), d);
    return it == outerOrder.end() ? outerOrder.size() + d
                                  : size_t(it - outerOrder.begin());
  };
  llvm::erase_if(spatialDims,
                 [&](unsigned d) { return !shape.names.count(d); });
  std::sort(spatialDims.begin(), spatialDims.end(),
            [&](unsigned a, unsigned b) { return position(a) < position(b); });

  std::vector<std::vector<int64_t>> tiles = getTiles(point);
  const std::vector<int64_t> &peTile = tiles[peLevel];
  Translator translator(shape, problem);
  // MAESTRO slides a window over whole filter rows and columns: a step of
  // p output rows reads (p - 1) * stride + R input rows. Filter taps split
  // above the PEs would be counted as extra outputs.
  for (unsigned d = 0; d < numDims; ++d) {
    int tap = translator.partner[d];
    if (tap >= 0 && peTile[tap] != problem.dimSizes[tap]) {
      why = "the filter taps '" + problem.dimNames[tap] +
            "' are split above the PEs; MAESTRO's sliding windows need the "
            "whole filter row in every PE step";
      return false;
    }
  }
  auto tapTile = [&](unsigned d, const std::vector<int64_t> &tile) {
    int tap = translator.partner[d];
    return tap >= 0 ? tile[tap] : int64_t(1);
  };
  // The top level's tile: the PE tile, times the second spatial dim's
  // factor when a cluster holds it.
  std::vector<int64_t> topTile = peTile;
  int clustered = spatialDims.size() == 2 ? int(spatialDims[1]) : -1;
  if (clustered >= 0)
    topTile[clustered] *= point.spatial[arrayLevel][clustered];
  int topSpatial = spatialDims.empty() ? -1 : int(spatialDims[0]);

  // Outer loops, the spatial dims that have none right after them (spatial
  // loops sit inside their level's temporal loops), then the dims that run
  // once.
  std::vector<unsigned> topOrder = outerOrder;
  for (unsigned d : spatialDims)
    if (loopLevel[d] < 0)
      topOrder.push_back(d);
  for (unsigned d = 0; d < numDims; ++d)
    if (std::find(topOrder.begin(), topOrder.end(), d) == topOrder.end())
      topOrder.push_back(d);
  llvm::erase_if(topOrder, [&](unsigned d) { return !shape.names.count(d); });
  // MAESTRO needs a spatial map at every level: without spatial loops, the
  // first loop runs on one PE.
  if (topSpatial < 0)
    topSpatial = topOrder.front();

  dataflow.directives.clear();
  for (unsigned d : topOrder)
    dataflow.directives.push_back(translator.directive(
        d, topTile[d], tapTile(d, topTile), int(d) == topSpatial));
  dataflow.numPes = 1;
  for (unsigned d : spatialDims)
    dataflow.numPes *= point.spatial[arrayLevel][d];
  if (clustered >= 0) {
    m::Directive cluster;
    cluster.kind = m::DirectiveKind::Cluster;
    cluster.size = point.spatial[arrayLevel][clustered];
    dataflow.directives.push_back(cluster);
    dataflow.directives.push_back(translator.directive(
        clustered, peTile[clustered], tapTile(clustered, peTile), true));
    for (unsigned d : topOrder)
      if (int(d) != clustered)
        dataflow.directives.push_back(
            translator.directive(d, peTile[d], tapTile(d, peTile), false));
  }
  return true;
}

llvm::Expected<MaestroDataflow>
mlir::union_::translateToMaestro(const MaestroShape &shape,
                                 const SpaceProblem &problem,
                                 const std::vector<SpaceLevel> &levels,
                                 unsigned arrayLevel, const MapPoint &point) {
  MaestroDataflow dataflow;
  std::string why;
  if (!translate(shape, problem, levels, arrayLevel, point, dataflow, why))
    return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
  return dataflow;
}
