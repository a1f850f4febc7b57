//===- LoopNestOracle.cpp - Brute-force counts of a mapped loop nest ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "LoopNestOracle.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

using namespace mlir::union_::loopnest;
using namespace mlir::union_::loopnest::oracle;

namespace {

struct SimLoop {
  unsigned dim;
  int64_t end;
  bool spatial;
  int64_t stride; ///< the dim's step per iteration of this loop
};

using PointList = std::vector<int64_t>; ///< sorted linear coordinates

struct Tile {
  PointList points;
  std::vector<int64_t> corner; ///< the box's lowest coordinates
};

/// What a buffer instance remembers between steps.
struct BufferState {
  Tile last;
  /// How the tile moved at the previous step; empty after a reset.
  std::optional<std::vector<int64_t>> motion;
};

/// Counts an odometer over `ends` (first index fastest) to completion.
template <typename Fn>
void forEachIndex(const std::vector<int64_t> &ends, Fn &&body) {
  std::vector<int64_t> index(ends.size(), 0);
  while (true) {
    body(index);
    size_t k = 0;
    while (k < ends.size() && ++index[k] == ends[k])
      index[k++] = 0;
    if (k == ends.size())
      return;
  }
}

class Simulator {
public:
  Simulator(const Problem &problem, const Architecture &arch,
            const Mapping &mapping)
      : problem(problem), arch(arch), mapping(mapping) {
    unsigned numDims = problem.bounds.size();
    std::vector<int64_t> product(numDims, 1);
    for (unsigned level = 0; level < arch.levels.size(); ++level) {
      const LevelMapping &lm = mapping.levels[level];
      auto add = [&](unsigned dim, int64_t factor, bool spatial) {
        if (factor == 1)
          return;
        loops.push_back({dim, factor, spatial, product[dim]});
        product[dim] *= factor;
      };
      for (unsigned dim : lm.spatialOrder)
        add(dim, lm.spatialFactors[dim], true);
      for (unsigned dim : lm.temporalOrder)
        add(dim, lm.temporalFactors[dim], false);
      innerLoops.push_back(loops.size());
    }
    for (const Tensor &tensor : problem.tensors) {
      // Every coordinate lies in [low, low + extent) per rank.
      std::vector<int64_t> low, extent;
      for (const auto &terms : tensor.ranks) {
        int64_t lo = 0, hi = 0;
        for (const Term &term : terms) {
          int64_t far = term.coefficient * (problem.bounds[term.dim] - 1);
          lo += std::min<int64_t>(0, far);
          hi += std::max<int64_t>(0, far);
        }
        low.push_back(lo);
        extent.push_back(hi - lo + 1);
      }
      lows.push_back(low);
      extents.push_back(extent);
    }
  }

  Counts run() {
    Counts counts;
    counts.computes = 1;
    for (const SimLoop &loop : loops)
      counts.computes *= loop.end;
    unsigned numLevels = arch.levels.size();
    counts.levels.assign(numLevels,
                         std::vector<TensorCounts>(problem.tensors.size()));
    for (unsigned t = 0; t < problem.tensors.size(); ++t) {
      std::vector<int> keepers = {-1}; // the MACs, then keeping levels
      for (unsigned level = 0; level < numLevels; ++level)
        if (mapping.levels[level].keep[t])
          keepers.push_back(level);
      for (size_t k = 0; k + 1 < keepers.size(); ++k)
        transfer(t, keepers[k], keepers[k + 1], counts);
    }
    return counts;
  }

private:
  /// Loops owned by levels up to `level` (none for the MACs, level -1).
  size_t innerCount(int level) const {
    return level < 0 ? 0 : innerLoops[level];
  }

  /// The tile of tensor t that loops [0, inner) touch with the outer
  /// loops at `outer` (indices of loops [inner, end)): every point is
  /// visited, then the set is widened to its bounding box [Q3].
  Tile tile(unsigned t, size_t inner, const std::vector<int64_t> &outer) const {
    const Tensor &tensor = problem.tensors[t];
    unsigned rank = tensor.ranks.size();
    std::vector<int64_t> base(problem.bounds.size(), 0);
    for (size_t l = inner; l < loops.size(); ++l)
      base[loops[l].dim] += outer[l - inner] * loops[l].stride;
    std::vector<int64_t> ends;
    for (size_t l = 0; l < inner; ++l)
      ends.push_back(loops[l].end);
    std::vector<int64_t> lo(rank, INT64_MAX), hi(rank, INT64_MIN);
    forEachIndex(ends, [&](const std::vector<int64_t> &index) {
      std::vector<int64_t> dims = base;
      for (size_t l = 0; l < inner; ++l)
        dims[loops[l].dim] += index[l] * loops[l].stride;
      for (unsigned r = 0; r < rank; ++r) {
        int64_t x = 0;
        for (const Term &term : tensor.ranks[r])
          x += term.coefficient * dims[term.dim];
        lo[r] = std::min(lo[r], x);
        hi[r] = std::max(hi[r], x);
      }
    });
    std::vector<int64_t> boxEnds(rank);
    for (unsigned r = 0; r < rank; ++r)
      boxEnds[r] = hi[r] - lo[r] + 1;
    PointList points;
    forEachIndex(boxEnds, [&](const std::vector<int64_t> &offset) {
      int64_t linear = 0;
      for (unsigned r = 0; r < rank; ++r)
        linear = linear * extents[t][r] + (lo[r] + offset[r] - lows[t][r]);
      points.push_back(linear);
    });
    std::sort(points.begin(), points.end());
    return {std::move(points), lo};
  }

  static PointList minus(const PointList &a, const PointList &b) {
    PointList result;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                        std::back_inserter(result));
    return result;
  }

  /// The delta of a buffer instance whose tile becomes `current`: what is
  /// new, unless the tile moved differently than at the previous step;
  /// then the instance keeps nothing of the old tile (Timeloop's reset on
  /// a change of stride: address generators do not follow such patterns).
  static PointList step(BufferState &state, const Tile &current) {
    std::optional<std::vector<int64_t>> motion;
    if (!state.last.points.empty()) {
      motion.emplace();
      for (auto [now, before] : llvm::zip(current.corner, state.last.corner))
        motion->push_back(now - before);
    }
    PointList delta;
    if (!state.motion || motion == state.motion) {
      delta = minus(current.points, state.last.points);
      if (!state.motion)
        state.motion = motion;
    } else {
      delta = current.points;
      state.motion.reset();
    }
    state.last = current;
    return delta;
  }

  /// Moves tensor t between a child level and the next level above it
  /// that keeps t (-1 is the MACs): at every step of the loops above the
  /// child, each child instance takes the delta of its tile.
  void transfer(unsigned t, int child, int parent, Counts &counts) {
    bool readWrite = problem.tensors[t].readWrite;
    size_t childInner = innerCount(child), parentInner = innerCount(parent);
    // The loops above the child: temporal ones are time, spatial ones
    // pick the child instance (those above the parent pick its instance).
    std::vector<size_t> timeLoops, childSpace, parentSpace;
    for (size_t l = childInner; l < loops.size(); ++l) {
      if (!loops[l].spatial)
        timeLoops.push_back(l);
      else if (l < parentInner)
        childSpace.push_back(l);
      else
        parentSpace.push_back(l);
    }
    std::vector<int64_t> timeEnds, childEnds, parentEnds;
    for (size_t l : timeLoops)
      timeEnds.push_back(loops[l].end);
    for (size_t l : childSpace)
      childEnds.push_back(loops[l].end);
    for (size_t l : parentSpace)
      parentEnds.push_back(loops[l].end);

    TensorCounts *childCounts = child < 0 ? nullptr : &counts.levels[child][t];
    TensorCounts &parentCounts = counts.levels[parent][t];
    int64_t childInstances = 1, parentInstances = 1;
    for (int64_t end : childEnds)
      childInstances *= end;
    for (int64_t end : parentEnds)
      parentInstances *= end;
    parentCounts.instances = parentInstances;
    if (childCounts)
      childCounts->instances = childInstances * parentInstances;

    std::map<std::vector<int64_t>, BufferState> states; // per child
    std::map<std::vector<int64_t>, std::set<int64_t>> childSeen, parentSeen;
    std::vector<int64_t> outer(loops.size() - childInner);
    forEachIndex(timeEnds, [&](const std::vector<int64_t> &time) {
      for (auto [k, l] : llvm::enumerate(timeLoops))
        outer[l - childInner] = time[k];
      forEachIndex(parentEnds, [&](const std::vector<int64_t> &where) {
        for (auto [k, l] : llvm::enumerate(parentSpace))
          outer[l - childInner] = where[k];
        // Children with equal deltas share one parent access.
        std::map<PointList, int64_t> classes;
        forEachIndex(childEnds, [&](const std::vector<int64_t> &which) {
          for (auto [k, l] : llvm::enumerate(childSpace))
            outer[l - childInner] = which[k];
          Tile current = tile(t, childInner, outer);
          std::vector<int64_t> key = where;
          key.insert(key.end(), which.begin(), which.end());
          PointList delta;
          if (child < 0) {
            delta = current.points; // the MACs keep nothing
          } else {
            delta = step(states[key], current);
            childCounts->capacity =
                std::max<int64_t>(childCounts->capacity, current.points.size());
            if (readWrite) {
              // A partial sum the instance held before comes back.
              std::set<int64_t> &seen = childSeen[key];
              for (int64_t point : delta)
                childCounts->fills += seen.insert(point).second ? 0 : 1;
            } else {
              childCounts->fills += delta.size();
            }
          }
          if (delta.empty())
            return;
          // Timeloop forms classes level by level: children share an
          // access only if the bypassed instances above them hold equal
          // tiles too.
          PointList key2 = delta;
          for (int j = child + 1; j < parent; ++j) {
            size_t skip = innerCount(j) - childInner;
            std::vector<int64_t> above(outer.begin() + skip, outer.end());
            Tile held = tile(t, innerCount(j), above);
            key2.push_back(-1);
            key2.insert(key2.end(), held.points.begin(), held.points.end());
          }
          ++classes[key2];
        });
        std::set<int64_t> &seen = parentSeen[where];
        for (const auto &[keyed, members] : classes) {
          PointList delta(keyed.begin(),
                          std::find(keyed.begin(), keyed.end(), -1));
          int64_t words = delta.size();
          if (members > 1)
            parentCounts.sharedAccesses += words;
          if (!readWrite) {
            parentCounts.reads += words;
            continue;
          }
          parentCounts.updates += words;
          for (int64_t point : delta)
            parentCounts.reads += seen.insert(point).second ? 0 : 1;
        }
      });
    });
    if (parent >= 0 && parentCounts.capacity == 0) {
      // The parent's own tile, for levels no other transfer sized.
      size_t inner = parentInner;
      std::vector<size_t> above;
      std::vector<int64_t> ends;
      for (size_t l = inner; l < loops.size(); ++l) {
        above.push_back(l);
        ends.push_back(loops[l].end);
      }
      forEachIndex(ends, [&](const std::vector<int64_t> &index) {
        parentCounts.capacity = std::max<int64_t>(
            parentCounts.capacity, tile(t, inner, index).points.size());
      });
    }
  }

  const Problem &problem;
  const Architecture &arch;
  const Mapping &mapping;
  std::vector<SimLoop> loops;     ///< innermost first
  std::vector<size_t> innerLoops; ///< per level, loops up to its boundary
  std::vector<std::vector<int64_t>> lows, extents; ///< per tensor and rank
};

} // namespace

Counts mlir::union_::loopnest::oracle::simulate(const Problem &problem,
                                                const Architecture &arch,
                                                const Mapping &mapping) {
  return Simulator(problem, arch, mapping).run();
}
