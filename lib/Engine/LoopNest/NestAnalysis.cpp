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

using namespace mlir::union_::loopnest;

llvm::Error mlir::union_::loopnest::buildNest(const Problem &problem,
                                              const Architecture &arch,
                                              const Mapping &mapping,
                                              Nest &nest) {
  nest.loops.clear();
  nest.boundaries.clear();
  nest.fanoutX.clear();
  nest.fanoutY.clear();
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
  /// A master spatial loop's children's deltas of its previous step.
  std::vector<Deltas> previousChildren;
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
  void spatialStep(unsigned l) {
    LoopFigures &f = figures[l];
    LoopState &state = states[l];
    std::vector<Deltas> children(f.fanout, Deltas(numTensors));
    fill(l, 0, 0, l, children);

    // Children are numbered y * width + x on the mesh for neighbours.
    int64_t logicalX = 1, logicalY = 1;
    for (unsigned k = l + 1; k-- > 0 && loops[k].isSpatial();)
      (loops[k].kind == LoopKind::SpatialX ? logicalX : logicalY) *=
          loops[k].end;
    unsigned level = loops[l].level;
    int64_t width = std::max(nest.fanoutX[level], logicalX);
    int64_t height = std::max(nest.fanoutY[level], logicalY);
    const std::vector<Deltas> &previous = state.previousChildren;

    llvm::SmallVector<bool, 64> linked(f.fanout);
    for (unsigned t = 0; t < numTensors; ++t) {
      unsigned rank = rankOf(t);
      AccessMap without = group(children, t, {}), chosen;
      double totalWithout = total(without);
      int64_t linkWords = 0;
      std::fill(linked.begin(), linked.end(), false);
      for (int64_t k = 0; k < f.fanout && !previous.empty(); ++k) {
        const PointSet &delta = children[k][t];
        if (delta.empty())
          continue;
        int64_t x = k % width, y = k / width;
        auto matches = [&](int64_t nx, int64_t ny) {
          if (nx < 0 || ny < 0 || nx >= width || ny >= height)
            return false;
          int64_t index = ny * width + nx;
          return index < static_cast<int64_t>(previous.size()) &&
                 previous[index][t].equals(delta, rank);
        };
        if ((height > 1 && (matches(x, y - 1) || matches(x, y + 1))) ||
            (width > 1 && (matches(x - 1, y) || matches(x + 1, y)))) {
          linked[k] = true;
          linkWords += delta.size(rank) * static_cast<int64_t>(epochs);
        }
      }
      chosen = std::move(without);
      if (linkWords > 0) {
        AccessMap with = group(children, t, linked);
        // Timeloop compares the totals as integers.
        if (static_cast<uint64_t>(total(with)) <
            static_cast<uint64_t>(totalWithout)) {
          chosen = std::move(with);
          f.linkTransfers[t] += linkWords;
        }
      }
      for (const auto &[key, words] : chosen)
        f.access[t][key] += words;
    }
    state.previousChildren = std::move(children);
  }

  static double total(const AccessMap &access) {
    double sum = 0;
    for (const auto &entry : access)
      sum += entry.second;
    return sum;
  }

  /// Multicast classes of the children's deltas of tensor t, leaving out
  /// the children marked in `skip`: a class of m equal deltas is one
  /// access multicast to (or reduced from) m children [Q12].
  AccessMap group(const std::vector<Deltas> &children, unsigned t,
                  llvm::ArrayRef<bool> skip) const {
    unsigned rank = rankOf(t);
    int64_t count = children.size();
    llvm::SmallVector<bool, 64> taken(count, false);
    std::map<int64_t, std::pair<double, int64_t>> byMulticast;
    for (int64_t i = 0; i < count; ++i) {
      if (taken[i] || (!skip.empty() && skip[i]))
        continue;
      taken[i] = true;
      int64_t members = 1;
      const PointSet &delta = children[i][t];
      for (int64_t j = i + 1; j < count; ++j)
        if (!taken[j] && (skip.empty() || !skip[j]) &&
            children[j][t].equals(delta, rank)) {
          taken[j] = true;
          ++members;
        }
      if (delta.empty())
        continue;
      auto &entry = byMulticast[members];
      entry.first += static_cast<double>(delta.size(rank)) * epochs;
      entry.second += 1;
    }
    AccessMap access;
    for (const auto &[members, entry] : byMulticast)
      access[{members, entry.second}] = entry.first;
    return access;
  }

  void fill(unsigned l, int64_t base, int64_t xstride, unsigned xlevel,
            std::vector<Deltas> &children) {
    const Loop &loop = loops[l];
    int64_t n = loop.end;
    base *= n;
    int64_t saved = transform[loop.dim];
    if (l == 0) {
      // Spatial loops right above the MACs: one operation point each.
      Transform none(numDims, 0);
      for (int64_t i = 0; i < n; ++i) {
        for (unsigned t = 0; t < numTensors; ++t)
          children[base + i][t] = project(t, transform, none);
        transform[loop.dim] += vstride[l];
      }
      transform[loop.dim] = saved;
      return;
    }
    if (loops[l - 1].isSpatial()) {
      for (int64_t i = 0; i < n; ++i) {
        fill(l - 1, base + i, i == 0 ? xstride * n : 1, i == 0 ? xlevel : l,
             children);
        transform[loop.dim] += vstride[l];
      }
      transform[loop.dim] = saved;
      return;
    }
    int64_t first = 0;
    if (xstride == 0) {
      children[base] = deltas(l - 1);
      transform[loop.dim] += vstride[l];
      xstride = 1;
      xlevel = l;
      first = 1;
    } else {
      xstride *= n;
    }
    const Loop &stepLoop = loops[xlevel];
    llvm::SmallVector<Translation, 3> shifts(numTensors);
    for (unsigned t = 0; t < numTensors; ++t) {
      PointSet here = workingSet(xlevel, t);
      transform[stepLoop.dim] += vstride[xlevel];
      PointSet there = workingSet(xlevel, t);
      transform[stepLoop.dim] -= vstride[xlevel];
      shifts[t] = PointSet::between(here, there, rankOf(t));
    }
    for (int64_t i = first; i < n; ++i)
      for (unsigned t = 0; t < numTensors; ++t)
        children[base + i][t] =
            children[base + i - xstride][t].translated(shifts[t], rankOf(t));
    transform[loop.dim] = saved;
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
};

} // namespace

std::vector<LoopFigures>
mlir::union_::loopnest::analyzeNest(const Problem &problem, const Nest &nest) {
  return Walker(problem, nest).run();
}
