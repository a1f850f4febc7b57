//===- NestAnalysis.cpp - Working sets and deltas of a loop nest ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Timeloop does not use closed forms: it walks a sampled loop nest on
// point sets. This file walks it the same way (docs/LoopNest.md §2), so
// that every count, including its extrapolations [Q10] [Q11], is
// Timeloop's.
//
//===----------------------------------------------------------------------===//

#include "NestAnalysis.h"
#include "PointSet.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <optional>

using namespace mlir::union_::loopnest;

llvm::Error mlir::union_::loopnest::buildNest(const Problem &problem,
                                              const Architecture &arch,
                                              const Mapping &mapping,
                                              const Options &options,
                                              Nest &nest) {
  nest.loops.clear();
  nest.boundaries.clear();
  nest.fanoutX.clear();
  nest.fanoutY.clear();
  nest.options = options;
  unsigned numDims = problem.bounds.size();
  for (unsigned level = 0; level < arch.levels.size(); ++level) {
    const LevelMapping &lm = mapping.levels[level];
    nest.fanoutX.push_back(arch.getFanoutX(level));
    nest.fanoutY.push_back(arch.getFanoutY(level));
    bool hasFanout = nest.fanoutX.back() * nest.fanoutY.back() > 1;
    for (auto [position, dim] : llvm::enumerate(lm.spatialOrder)) {
      int64_t factor = lm.spatialFactors[dim];
      if (factor == 1)
        continue;
      if (!hasFanout)
        return llvm::make_error<RejectionError>(
            RejectionKind::Malformed,
            "cannot find spatial tiling level associated with storage "
            "level " +
                arch.levels[level].name +
                ". This is because the number of instances of the "
                "next-inner level is the same as this level, which means "
                "there cannot be a spatial fanout.");
      nest.loops.push_back(
          {dim, factor,
           position < lm.spatialSplit ? LoopKind::SpatialX : LoopKind::SpatialY,
           level, false});
    }
    size_t before = nest.loops.size();
    for (unsigned dim : lm.temporalOrder)
      if (lm.temporalFactors[dim] != 1)
        nest.loops.push_back(
            {dim, lm.temporalFactors[dim], LoopKind::Temporal, level, false});
    // A level with no temporal loop still needs a boundary.
    if (nest.loops.size() == before)
      nest.loops.push_back({numDims - 1, 1, LoopKind::Temporal, level, false});
    nest.loops.back().boundary = true;
    nest.boundaries.push_back(nest.loops.size() - 1);
  }
  return llvm::Error::success();
}

namespace {

using Transform = llvm::SmallVector<int64_t, 8>;
using Deltas = llvm::SmallVector<PointSet, 3>; ///< per tensor

struct LoopState {
  Deltas last;
  llvm::SmallVector<Translation, 3> lastTranslation;
  /// A master spatial loop's first child's deltas of its previous step
  /// (the others are fixed translations of it).
  Deltas previousBase;
  bool hasPrevious = false;
};

class Walker {
public:
  Walker(const Problem &problem, const Nest &nest)
      : problem(problem), nest(nest), loops(nest.loops),
        numTensors(problem.tensors.size()), numDims(problem.bounds.size()) {
    unsigned n = loops.size();
    vstride.assign(n, 1);
    moldHigh.assign(n, Transform(numDims, 0));
    figures.resize(n);
    states.resize(n);
    Transform product(numDims, 1);
    for (unsigned l = 0; l < n; ++l) {
      vstride[l] = product[loops[l].dim];
      product[loops[l].dim] *= loops[l].end;
      for (unsigned d = 0; d < numDims; ++d)
        moldHigh[l][d] = product[d] - 1;
    }
    int64_t outerSpatial = 1;
    for (unsigned l = n; l-- > 0;) {
      LoopFigures &f = figures[l];
      f.replication = outerSpatial;
      if (loops[l].isSpatial())
        outerSpatial *= loops[l].end;
      f.master =
          loops[l].isSpatial() && (l + 1 == n || !loops[l + 1].isSpatial());
      f.collected = !loops[l].isSpatial() || f.master;
      f.maxSize.assign(numTensors, 0);
      f.access.resize(numTensors);
      f.linkTransfers.assign(numTensors, 0);
      states[l].last.resize(numTensors);
      states[l].lastTranslation.resize(numTensors);
    }
    for (unsigned l = 0; l < n; ++l) {
      if (!figures[l].master)
        continue;
      int64_t fanout = 1;
      for (unsigned k = l + 1; k-- > 0 && loops[k].isSpatial();)
        fanout *= loops[k].end;
      figures[l].fanout = fanout;
    }
    transform.assign(numDims, 0);
  }

  std::vector<LoopFigures> run() {
    if (!loops.empty())
      deltas(loops.size() - 1);
    return std::move(figures);
  }

private:
  /// The tensor box of the op-space box [lo, lo + extent].
  PointSet project(unsigned t, const Transform &lo,
                   const Transform &extent) const {
    const Tensor &tensor = problem.tensors[t];
    Box box;
    for (auto [r, terms] : llvm::enumerate(tensor.ranks)) {
      int64_t low = 0, high = 0;
      for (const Term &term : terms) {
        int64_t a = term.coefficient * lo[term.dim];
        int64_t b = term.coefficient * (lo[term.dim] + extent[term.dim]);
        low += std::min(a, b);
        high += std::max(a, b);
      }
      box.lo[r] = low;
      box.hi[r] = high + 1;
    }
    return PointSet(box, tensor.ranks.size());
  }

  PointSet workingSet(unsigned l, unsigned t) const {
    return project(t, transform, moldHigh[l]);
  }

  unsigned rankOf(unsigned t) const { return problem.tensors[t].ranks.size(); }

  /// §2.3: runs loop l at the current transform and returns, per tensor,
  /// the points of its working set that were not in the previous one.
  Deltas deltas(unsigned l) {
    if (loops[l].isSpatial())
      spatialStep(l);
    else
      temporalStep(l);
    LoopFigures &f = figures[l];
    LoopState &state = states[l];
    Deltas result(numTensors);
    for (unsigned t = 0; t < numTensors; ++t) {
      unsigned rank = rankOf(t);
      PointSet current = workingSet(l, t);
      if (loops[l].boundary || f.master)
        f.maxSize[t] = std::max(f.maxSize[t], current.size(rank));
      const PointSet &previous = state.last[t];
      Translation moved;
      if (!previous.empty())
        moved = PointSet::between(previous, current, rank);
      Translation &lastMoved = state.lastTranslation[t];
      if (!lastMoved.valid) {
        result[t] = current.minus(previous, rank);
        lastMoved = moved;
      } else if (moved.equals(lastMoved, rank)) {
        result[t] = current.minus(previous, rank);
      } else {
        // The tile moved differently than last time: no reuse.
        result[t] = current;
        lastMoved = Translation();
      }
      state.last[t] = std::move(current);
    }
    return result;
  }

  /// §2.4: iterations #0 and #1 only; #1 stands for the other n - 1 [Q10].
  void temporalStep(unsigned l) {
    const Loop &loop = loops[l];
    LoopFigures &f = figures[l];
    int64_t n = loop.end;
    if (l == 0) {
      double body = static_cast<double>(n) * epochs;
      for (unsigned t = 0; t < numTensors; ++t)
        f.access[t][{1, 1}] += body;
      return;
    }
    int64_t saved = transform[loop.dim];
    if (!nest.options.extrapolateTemporal) {
      // Every iteration, as Timeloop without extrapolation.
      for (int64_t i = 0; i < n; ++i) {
        Deltas delta = deltas(l - 1);
        transform[loop.dim] += vstride[l];
        if (loops[l - 1].boundary)
          for (unsigned t = 0; t < numTensors; ++t)
            f.access[t][{1, 1}] +=
                static_cast<double>(delta[t].size(rankOf(t))) * epochs;
      }
      transform[loop.dim] = saved;
      return;
    }
    Deltas first = deltas(l - 1);
    transform[loop.dim] += vstride[l];
    Deltas second;
    if (n >= 2) {
      double savedEpochs = epochs;
      epochs *= static_cast<double>(n - 1);
      second = deltas(l - 1);
      epochs = savedEpochs;
    }
    transform[loop.dim] = saved;
    if (!loops[l - 1].boundary)
      return;
    for (unsigned t = 0; t < numTensors; ++t) {
      unsigned rank = rankOf(t);
      double words = static_cast<double>(first[t].size(rank));
      if (n >= 2)
        words += static_cast<double>(n - 1) * second[t].size(rank);
      f.access[t][{1, 1}] += words * epochs;
    }
  }

  /// §2.5: the children's deltas (one simulated, the others translated
  /// copies [Q11]) grouped into multicast classes, less what children can
  /// take from a mesh neighbour's previous delta (link transfers) when
  /// that saves parent accesses.
  ///
  /// Every child's delta is the simulated one moved by a fixed offset (a
  /// linear function of its spatial indices), so which children share a
  /// delta, and which equal a neighbour's previous delta, depends only on
  /// those offsets and on how the simulated delta moved since the last
  /// step. The class counts are computed once per such motion and reused.
  void spatialStep(unsigned l) {
    LoopFigures &f = figures[l];
    LoopState &state = states[l];
    unsigned inner = l;
    while (inner > 0 && loops[inner - 1].isSpatial())
      --inner;
    Deltas base(numTensors);
    if (inner == 0) {
      Transform none(numDims, 0);
      for (unsigned t = 0; t < numTensors; ++t)
        base[t] = project(t, transform, none);
    } else {
      base = deltas(inner - 1);
    }

    for (unsigned t = 0; t < numTensors; ++t) {
      unsigned rank = rankOf(t);
      const PointSet &delta = base[t];
      if (delta.empty())
        continue;
      std::optional<Translation> motion;
      if (state.hasPrevious)
        motion = motionBetween(state.previousBase[t], delta, rank);
      const SpatialClasses &classes = getClasses(l, inner, t, motion);
      double words = static_cast<double>(delta.size(rank)) * epochs;
      const ClassCounts *chosen = &classes.without;
      if (classes.linked > 0) {
        // Timeloop compares the totals as integers.
        if (static_cast<uint64_t>(words * classes.with.total) <
            static_cast<uint64_t>(words * classes.without.total)) {
          chosen = &classes.with;
          f.linkTransfers[t] += static_cast<int64_t>(delta.size(rank)) *
                                static_cast<int64_t>(epochs) * classes.linked;
        }
      }
      for (const auto &[members, count] : chosen->byMembers)
        f.access[t][{members, count}] += words * count;
    }
    state.previousBase = std::move(base);
    state.hasPrevious = true;
  }

  /// The translation that takes `from` onto `to` (same boxes), if any.
  static std::optional<Translation>
  motionBetween(const PointSet &from, const PointSet &to, unsigned rank) {
    if (from.empty() || from.getBoxes().size() != to.getBoxes().size())
      return std::nullopt;
    const Box &first = to.getBoxes().front();
    for (const Box &candidate : from.getBoxes()) {
      Translation move;
      move.valid = true;
      bool sameShape = true;
      for (unsigned r = 0; r < rank; ++r) {
        move.offset[r] = first.lo[r] - candidate.lo[r];
        sameShape &=
            first.hi[r] - first.lo[r] == candidate.hi[r] - candidate.lo[r];
      }
      if (sameShape && from.translated(move, rank).equals(to, rank))
        return move;
    }
    return std::nullopt;
  }

  /// Per tensor rank, the offset of child k's delta from child 0's.
  const std::vector<int64_t> &getChildOffsets(unsigned l, unsigned inner,
                                              unsigned t) {
    auto key = std::make_pair(l, t);
    auto it = childOffsets.find(key);
    if (it != childOffsets.end())
      return it->second;
    unsigned rank = rankOf(t);
    int64_t fanout = figures[l].fanout;
    std::vector<int64_t> offsets(fanout * rank, 0);
    // Children are numbered with the outermost spatial loop's index as
    // the most significant digit.
    int64_t stride = 1;
    for (unsigned j = inner; j <= l; ++j) {
      Coordinates shift = getShift(j, t);
      int64_t end = loops[j].end;
      for (int64_t k = 0; k < fanout; ++k) {
        int64_t digit = (k / stride) % end;
        for (unsigned r = 0; r < rank; ++r)
          offsets[k * rank + r] += digit * shift[r];
      }
      stride *= end;
    }
    return childOffsets.emplace(key, std::move(offsets)).first->second;
  }

  struct ClassCounts {
    /// Number of multicast classes per class size.
    std::map<int64_t, int64_t> byMembers;
    int64_t total = 0; ///< classes
  };
  struct SpatialClasses {
    ClassCounts without, with;
    int64_t linked = 0; ///< children fed by a mesh neighbour
  };

  /// [Q12] children with equal deltas (equal offsets) form one class;
  /// children marked in `skip` are left out.
  static ClassCounts countClasses(const std::vector<int64_t> &offsets,
                                  unsigned rank, int64_t fanout,
                                  llvm::ArrayRef<bool> skip) {
    std::vector<int64_t> order;
    order.reserve(fanout);
    for (int64_t k = 0; k < fanout; ++k)
      if (skip.empty() || !skip[k])
        order.push_back(k);
    auto less = [&](int64_t a, int64_t b) {
      return std::lexicographical_compare(
          offsets.begin() + a * rank, offsets.begin() + (a + 1) * rank,
          offsets.begin() + b * rank, offsets.begin() + (b + 1) * rank);
    };
    std::sort(order.begin(), order.end(), less);
    ClassCounts counts;
    for (size_t i = 0; i < order.size();) {
      size_t j = i + 1;
      while (j < order.size() && !less(order[i], order[j]))
        ++j;
      ++counts.byMembers[static_cast<int64_t>(j - i)];
      ++counts.total;
      i = j;
    }
    return counts;
  }

  /// The shift of tensor t's delta per step of spatial loop j.
  Coordinates getShift(unsigned j, unsigned t) const {
    Coordinates shift{};
    for (auto [r, terms] : llvm::enumerate(problem.tensors[t].ranks))
      for (const Term &term : terms)
        if (term.dim == loops[j].dim)
          shift[r] += term.coefficient * vstride[j];
    return shift;
  }

  /// countClasses without skipped children, from the loops' shifts: loops
  /// that move disjoint ranks combine independently, so only loops that
  /// share a rank (a sliding window spread over the array) are enumerated.
  ClassCounts countClassesByLoops(unsigned l, unsigned inner, unsigned t) {
    unsigned rank = rankOf(t);
    struct Group {
      std::vector<unsigned> loops;
      uint32_t ranks = 0; ///< bit r: some loop moves rank r
    };
    std::vector<Group> groups;
    int64_t broadcast = 1; ///< children that see the same delta
    for (unsigned j = inner; j <= l; ++j) {
      Coordinates shift = getShift(j, t);
      uint32_t ranks = 0;
      for (unsigned r = 0; r < rank; ++r)
        if (shift[r] != 0)
          ranks |= 1u << r;
      if (ranks == 0) {
        broadcast *= loops[j].end;
        continue;
      }
      Group merged{{j}, ranks};
      for (auto it = groups.begin(); it != groups.end();) {
        if (it->ranks & merged.ranks) {
          merged.ranks |= it->ranks;
          merged.loops.insert(merged.loops.end(), it->loops.begin(),
                              it->loops.end());
          it = groups.erase(it);
        } else {
          ++it;
        }
      }
      groups.push_back(std::move(merged));
    }
    // Histogram: class size -> classes, combined over independent groups.
    std::map<int64_t, int64_t> histogram = {{broadcast, 1}};
    for (const Group &group : groups) {
      std::map<int64_t, int64_t> local;
      if (group.loops.size() == 1) {
        local[1] = loops[group.loops.front()].end;
      } else {
        int64_t count = 1;
        for (unsigned j : group.loops)
          count *= loops[j].end;
        std::vector<int64_t> offsets(count * rank, 0);
        int64_t stride = 1;
        for (unsigned j : group.loops) {
          Coordinates shift = getShift(j, t);
          for (int64_t k = 0; k < count; ++k) {
            int64_t digit = (k / stride) % loops[j].end;
            for (unsigned r = 0; r < rank; ++r)
              offsets[k * rank + r] += digit * shift[r];
          }
          stride *= loops[j].end;
        }
        local = countClasses(offsets, rank, count, {}).byMembers;
      }
      std::map<int64_t, int64_t> combined;
      for (const auto &[membersA, classesA] : histogram)
        for (const auto &[membersB, classesB] : local)
          combined[membersA * membersB] += classesA * classesB;
      histogram = std::move(combined);
    }
    ClassCounts counts;
    counts.byMembers = std::move(histogram);
    for (const auto &entry : counts.byMembers)
      counts.total += entry.second;
    return counts;
  }

  const SpatialClasses &getClasses(unsigned l, unsigned inner, unsigned t,
                                   const std::optional<Translation> &motion) {
    unsigned rank = rankOf(t);
    std::vector<int64_t> key = {l, t, motion.has_value()};
    if (motion)
      key.insert(key.end(), motion->offset.begin(),
                 motion->offset.begin() + rank);
    auto it = classCache.find(key);
    if (it != classCache.end())
      return it->second;

    int64_t fanout = figures[l].fanout;
    SpatialClasses classes;
    classes.without = countClassesByLoops(l, inner, t);
    if (motion && nest.options.linkTransfers) {
      const std::vector<int64_t> &offsets = getChildOffsets(l, inner, t);
      // Child k equals neighbour j's previous delta when
      // offset(j) - offset(k) is the motion.
      int64_t logicalX = 1, logicalY = 1;
      for (unsigned k = l + 1; k-- > inner;)
        (loops[k].kind == LoopKind::SpatialX ? logicalX : logicalY) *=
            loops[k].end;
      unsigned level = loops[l].level;
      int64_t width = std::max(nest.fanoutX[level], logicalX);
      int64_t height = std::max(nest.fanoutY[level], logicalY);
      llvm::SmallVector<bool, 64> linked(fanout, false);
      for (int64_t k = 0; k < fanout; ++k) {
        int64_t x = k % width, y = k / width;
        auto matches = [&](int64_t nx, int64_t ny) {
          if (nx < 0 || ny < 0 || nx >= width || ny >= height)
            return false;
          int64_t j = ny * width + nx;
          if (j >= fanout)
            return false;
          for (unsigned r = 0; r < rank; ++r)
            if (offsets[j * rank + r] - offsets[k * rank + r] !=
                motion->offset[r])
              return false;
          return true;
        };
        if ((height > 1 && (matches(x, y - 1) || matches(x, y + 1))) ||
            (width > 1 && (matches(x - 1, y) || matches(x + 1, y)))) {
          linked[k] = true;
          ++classes.linked;
        }
      }
      if (classes.linked > 0)
        classes.with = countClasses(offsets, rank, fanout, linked);
    }
    return classCache.emplace(std::move(key), std::move(classes)).first->second;
  }

  const Problem &problem;
  const Nest &nest;
  const std::vector<Loop> &loops;
  unsigned numTensors, numDims;
  std::vector<int64_t> vstride;
  std::vector<Transform> moldHigh;
  std::vector<LoopFigures> figures;
  std::vector<LoopState> states;
  Transform transform;
  double epochs = 1;
  std::map<std::pair<unsigned, unsigned>, std::vector<int64_t>> childOffsets;
  std::map<std::vector<int64_t>, SpatialClasses> classCache;
};

} // namespace

std::vector<LoopFigures>
mlir::union_::loopnest::analyzeNest(const Problem &problem, const Nest &nest) {
  return Walker(problem, nest).run();
}
