//===- NestAnalysis.cpp - Working sets and deltas of a loop nest ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Timeloop does not use closed forms: it walks a sampled loop nest on
// point sets (docs/LoopNest.md §2). This file computes what that walk
// counts, including its extrapolations [Q10] [Q11], as sums over each
// loop's sequence of calls, so every count is Timeloop's.
//
//===----------------------------------------------------------------------===//

#include "NestAnalysis.h"
#include "CallSequence.h"
#include "PointSet.h"

#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <functional>
#include <optional>

using namespace mlir::union_;
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

class Walker {
public:
  /// Prepares the analysis of `nest`, reusing the memory of earlier ones
  /// (a search evaluates thousands of mappings on one thread).
  void prepare(const Problem &problemToAnalyze, const Nest &nestToAnalyze,
               std::vector<LoopFigures> &figuresOut) {
    problem = &problemToAnalyze;
    nest = &nestToAnalyze;
    loops = nestToAnalyze.loops;
    figures = &figuresOut;
    numTensors = problem->tensors.size();
    numDims = problem->bounds.size();
    unsigned n = loops.size();
    vstride.assign(n, 1);
    moldHigh.assign(size_t(n) * numDims, 0);
    figuresOut.resize(n);
    product.assign(numDims, 1);
    for (unsigned l = 0; l < n; ++l) {
      vstride[l] = product[loops[l].dim];
      product[loops[l].dim] *= loops[l].end;
      for (unsigned d = 0; d < numDims; ++d)
        moldHigh[l * numDims + d] = product[d] - 1;
    }
    // Per loop and tensor, the motion of the working set per iteration:
    // each term moves its rank with the loops of its dim.
    shifts.assign(n * numTensors, Position{});
    boxExtents.resize(n * numTensors);
    // Cleared in place: assign() would rebuild every inner vector.
    loopsOfDim.resize(numDims);
    for (auto &dimLoops : loopsOfDim)
      dimLoops.clear();
    for (unsigned l = 0; l < n; ++l)
      loopsOfDim[loops[l].dim].push_back(l);
    for (unsigned t = 0; t < numTensors; ++t)
      for (auto [r, terms] : llvm::enumerate(problem->tensors[t].ranks))
        for (const Term &term : terms)
          for (unsigned l : loopsOfDim[term.dim])
            shifts[l * numTensors + t][r] +=
                static_cast<int32_t>(term.coefficient * vstride[l]);
    int64_t outerSpatial = 1;
    for (unsigned l = n; l-- > 0;) {
      LoopFigures &f = figuresOut[l];
      f.replication = outerSpatial;
      if (loops[l].isSpatial())
        outerSpatial *= loops[l].end;
      f.master =
          loops[l].isSpatial() && (l + 1 == n || !loops[l + 1].isSpatial());
      f.collected = !loops[l].isSpatial() || f.master;
      f.fanout = 1;
      f.maxSize.assign(numTensors, 0);
      f.access.resize(numTensors);
      for (AccessMap &access : f.access)
        access.clear();
      f.linkTransfers.assign(numTensors, 0);
    }
    for (unsigned l = 0; l < n; ++l) {
      if (!figuresOut[l].master)
        continue;
      int64_t fanout = 1;
      for (unsigned k = l + 1; k-- > 0 && loops[k].isSpatial();)
        fanout *= loops[k].end;
      figuresOut[l].fanout = fanout;
    }
    childOffsets.resize(n * numTensors);
    spatialInfo.resize(n * numTensors);
    for (ChildOffsets &offsets : childOffsets)
      offsets.valid = false;
    for (SpatialInfo &info : spatialInfo)
      info.valid = false;
  }

  void run() {
    if (loops.empty())
      return;
    std::vector<LoopFigures> &figures = *this->figures;
    unsigned n = loops.size();
    for (unsigned t = 0; t < numTensors; ++t) {
      for (unsigned l = 0; l < n; ++l)
        if (loops[l].boundary || figures[l].master)
          figures[l].maxSize[t] =
              extentsInto(l, t, boxExtents[l * numTensors + t]);
      // The innermost loop sees every iteration, one word each.
      if (!loops[0].isSpatial()) {
        double iterations = 1;
        for (const Loop &loop : loops)
          if (!loop.isSpatial())
            iterations *= static_cast<double>(loop.end);
        figures[0].access[t][{1, 1}] += iterations;
      }
      for (unsigned b : nest->boundaries)
        if (b + 1 < n && !loops[b + 1].isSpatial())
          figures[b + 1].access[t][{1, 1}] += boundarySum(b, t);
      for (unsigned l = 0; l < n; ++l)
        if (figures[l].master)
          spatialSum(l, t);
    }
  }

private:
  //===--------------------------------------------------------------------===//
  // The walk as call sequences
  //
  // Every loop's working set is one box of a fixed shape whose corner moves
  // linearly with the transform, and a loop's state (its last working set
  // and stride) depends only on its own calls, so each figure is a sum over
  // the loop's call sequence (CallSequence.h). States are kept relative to
  // the current call, which makes them a few bits: whether there was a
  // previous call, and the ids of the moves that matter.
  //===--------------------------------------------------------------------===//

  /// Fills `e` with the extent per rank of loop l's working set of tensor
  /// t and returns its volume. Written in place: a returned Position made
  /// of 4-byte stores and copied in 16-byte loads stalls store forwarding.
  int64_t extentsInto(unsigned l, unsigned t, Position &e) const {
    int64_t v = 1;
    unsigned r = 0;
    for (const auto &terms : problem->tensors[t].ranks) {
      int64_t span = 0;
      for (const Term &term : terms)
        span += std::abs(term.coefficient) * moldHigh[l * numDims + term.dim];
      e[r++] = static_cast<int32_t>(span + 1);
      v *= span + 1;
    }
    for (; r < kMaxRank; ++r)
      e[r] = 0;
    return v;
  }

  static int64_t volume(const Position &e, unsigned rank) {
    int64_t v = 1;
    for (unsigned r = 0; r < rank; ++r)
      v *= e[r];
    return v;
  }

  /// The temporal loops outside loop l, as the call sequence of tensor t's
  /// working set at loop l sees them.
  void startSequence(unsigned l, unsigned t) {
    outer.clear();
    for (unsigned m = l + 1; m < loops.size(); ++m)
      if (!loops[m].isSpatial() && loops[m].end > 1)
        outer.push_back({loops[m].end, &shifts[m * numTensors + t]});
    sequence.reset(outer, nest->options.extrapolateTemporal);
  }

  /// Per move of the current sequence, the words of a box of extents `e`
  /// (`whole` words) that a box moved by it leaves uncovered. With
  /// extrapolation, only move 0's: the closed forms read no other.
  void computeUncovered(const Position &e, unsigned rank, int64_t whole) {
    uncovered.clear();
    unsigned needed = nest->options.extrapolateTemporal
                          ? std::min(sequence.getNumMoves(), 1u)
                          : sequence.getNumMoves();
    for (unsigned id = 0; id < needed; ++id) {
      const Position &move = sequence.getMove(id);
      int64_t overlap = 1;
      for (unsigned r = 0; r < rank; ++r)
        overlap *= std::max<int64_t>(0, e[r] - std::abs(int64_t(move[r])));
      uncovered.push_back(whole - overlap);
    }
  }

  static constexpr uint64_t kHasLast = CallSequence::kBoxCalled,
                            kMoving = CallSequence::kBoxStride;
  struct BoxStep {
    uint64_t exit;
    bool subtracted; ///< the delta is the box less the previous one
    int64_t size;
  };
  /// One call of a box loop entered by `move`: its delta, with Timeloop's
  /// reset on a change of stride.
  BoxStep stepBox(uint64_t state, uint16_t move, int64_t whole) const {
    // The first call, and a move that is not the remembered stride, bring
    // in the whole box.
    if (!(state & kHasLast) ||
        ((state & kMoving) && CallSequence::boxStride(state) != move))
      return {kHasLast, false, whole};
    return {CallSequence::boxRemembering(move), true, uncovered[move]};
  }

  /// Words the calls of boundary loop b bring in for tensor t, weighted.
  double boundarySum(unsigned b, unsigned t) {
    unsigned rank = rankOf(t);
    const Position &e = boxExtents[b * numTensors + t];
    int64_t whole = volume(e, rank);
    startSequence(b, t);
    computeUncovered(e, rank, whole);
    if (nest->options.extrapolateTemporal)
      return sequence.sumBoxDeltas(whole, uncovered);
    return sequence.sum(0, [&](uint64_t state, uint16_t move) {
      BoxStep step = stepBox(state, move, whole);
      return std::make_pair(step.exit, step.size);
    });
  }

  /// The translation from the previous delta to the current one, entered
  /// by `move`: two whole boxes, or two boxes less boxes placed alike, are
  /// translates of each other (a finite set has one translation onto
  /// another at most); other pairs are compared as point sets.
  /// Written into `motion`, left invalid when there is none
  /// (an out parameter: a returned optional is copied through memory).
  void motionOf(bool fromCut, uint16_t fromMove, bool toCut, uint16_t move,
                const Position &e, unsigned rank, Translation &motion) const {
    const Position &by = sequence.getMove(move);
    if (fromCut == toCut && (!fromCut || fromMove == move)) {
      motion.valid = true;
      for (unsigned r = 0; r < rank; ++r)
        motion.offset[r] = by[r];
      for (unsigned r = rank; r < kMaxRank; ++r)
        motion.offset[r] = 0;
      return;
    }
    // The current delta sits at the origin, the previous one at -by.
    auto delta = [&](const Position &at, const Position *less) {
      Box box;
      for (unsigned r = 0; r < rank; ++r) {
        box.lo[r] = at[r];
        box.hi[r] = int64_t(at[r]) + e[r];
      }
      PointSet set(box, rank);
      if (!less)
        return set;
      Box cut;
      for (unsigned r = 0; r < rank; ++r) {
        cut.lo[r] = int64_t(at[r]) - (*less)[r];
        cut.hi[r] = cut.lo[r] + e[r];
      }
      return set.minus(PointSet(cut, rank), rank);
    };
    Position origin{}, previous{};
    for (unsigned r = 0; r < rank; ++r)
      previous[r] = -by[r];
    PointSet from =
        delta(previous, fromCut ? &sequence.getMove(fromMove) : nullptr);
    PointSet to = delta(origin, toCut ? &by : nullptr);
    motionBetween(from, to, rank, motion);
  }

  /// The accesses of master spatial loop l for tensor t: at each call, the
  /// first child's delta (the boundary below's, or one point above the
  /// MACs) in multicast classes, with link transfers.
  void spatialSum(unsigned l, unsigned t) {
    unsigned rank = rankOf(t);
    unsigned inner = l;
    while (inner > 0 && loops[inner - 1].isSpatial())
      --inner;
    // The child's extents: one point, the boundary's box, or computed.
    Position computed{};
    const Position *childExtents = &computed;
    int64_t whole = 1;
    if (inner == 0) {
      for (unsigned r = 0; r < rank; ++r)
        computed[r] = 1;
    } else if (loops[inner - 1].boundary) {
      childExtents = &boxExtents[(inner - 1) * numTensors + t];
      whole = volume(*childExtents, rank);
    } else {
      whole = extentsInto(inner - 1, t, computed);
    }
    const Position &e = *childExtents;
    startSequence(l, t);
    computeUncovered(e, rank, whole);
    auto childStep = [&](uint64_t state, uint16_t move) {
      if (inner == 0)
        return BoxStep{kHasLast, false, 1};
      return stepBox(state, move, whole);
    };
    // The child's box state tells what its previous delta was, so calls
    // are told apart by it alone.
    llvm::ArrayRef<CallSequence::Call> calls;
    if (nest->options.extrapolateTemporal)
      calls = inner == 0 ? sequence.pointCalls() : sequence.boxCalls();
    else
      calls = sequence.run(0, [&](uint64_t state, uint16_t move) {
        return childStep(state, move).exit;
      });
    LoopFigures &f = (*figures)[l];
    for (const CallSequence::Call &call : calls) {
      BoxStep child = childStep(call.state, call.move);
      if (child.size == 0)
        continue;
      Translation &motion = this->motion;
      motion.valid = false;
      if (call.state & kHasLast) {
        // The previous delta was a box less the box its move left (a cut),
        // unless it was a whole box or the move left nothing.
        auto previousMove = static_cast<uint16_t>(
            inner == 0 ? 0 : CallSequence::boxStride(call.state));
        bool previousCut = inner != 0 && (call.state & kMoving) &&
                           uncovered[previousMove] < whole;
        int64_t previousSize = previousCut ? uncovered[previousMove] : whole;
        if (previousSize > 0)
          motionOf(previousCut, previousMove,
                   child.subtracted && child.size < whole, call.move, e, rank,
                   motion);
      }
      const SpatialClasses &classes = getClasses(l, inner, t, motion);
      double words = static_cast<double>(child.size);
      const ClassCounts *chosen = &classes.without;
      if (classes.linked > 0 &&
          static_cast<uint64_t>(words * classes.with.total) <
              static_cast<uint64_t>(words * classes.without.total)) {
        chosen = &classes.with;
        f.linkTransfers[t] +=
            static_cast<int64_t>(call.weight) * child.size * classes.linked;
      }
      for (const auto &[members, count] : chosen->byMembers)
        f.access[t][{members, count}] +=
            call.weight * (words * static_cast<double>(count));
    }
  }

  unsigned rankOf(unsigned t) const { return problem->tensors[t].ranks.size(); }

  /// The translation that takes `from` onto `to` (same boxes), if any,
  /// into `motion` (left invalid if there is none).
  static void motionBetween(const PointSet &from, const PointSet &to,
                            unsigned rank, Translation &motion) {
    motion.valid = false;
    if (from.empty() || from.getBoxes().size() != to.getBoxes().size())
      return;
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
      if (sameShape && from.translated(move, rank).equals(to, rank)) {
        motion = move;
        return;
      }
    }
  }

  /// Per tensor rank, the offset of child k's delta from child 0's.
  /// Per combination of the indices of spatial loops `over` (the first
  /// one the least significant digit), the offset of tensor t's delta.
  void offsetsOver(llvm::ArrayRef<unsigned> over, unsigned t,
                   std::vector<int64_t> &offsets) const {
    unsigned rank = rankOf(t);
    int64_t count = 1;
    for (unsigned j : over)
      count *= loops[j].end;
    // Each loop repeats the offsets of the loops before it, moved by its
    // digit.
    offsets.assign(count * rank, 0);
    int64_t stride = 1;
    for (unsigned j : over) {
      Coordinates shift = getShift(j, t);
      int64_t end = loops[j].end;
      for (int64_t digit = 1; digit < end; ++digit) {
        int64_t *to = &offsets[digit * stride * rank];
        for (int64_t k = 0; k < stride; ++k)
          for (unsigned r = 0; r < rank; ++r)
            to[k * rank + r] = offsets[k * rank + r] + digit * shift[r];
      }
      stride *= end;
    }
  }

  /// For index combinations of loops `over` counted up (the first loop the
  /// least significant digit): per loop c, the change of tensor t's delta
  /// offset when c's index advances and the loops before it wrap to 0; and
  /// the last combination's offset less the first's.
  void stepsOver(llvm::ArrayRef<unsigned> over, unsigned t,
                 llvm::SmallVectorImpl<Coordinates> &steps,
                 Coordinates &span) const {
    unsigned rank = rankOf(t);
    steps.clear();
    span.fill(0);
    for (unsigned j : over) {
      const Position &shift = shifts[j * numTensors + t];
      Coordinates step{};
      for (unsigned r = 0; r < rank; ++r)
        step[r] = shift[r] - span[r];
      steps.push_back(step);
      for (unsigned r = 0; r < rank; ++r)
        span[r] += (loops[j].end - 1) * shift[r];
    }
  }

  /// Per index combination of loops `over` but the last (counted up, the
  /// first loop the least significant digit), the loop that advances to
  /// the next.
  void carriesOver(llvm::ArrayRef<unsigned> over,
                   llvm::SmallVectorImpl<uint8_t> &carry) const {
    int64_t count = 1;
    for (unsigned j : over)
      count *= loops[j].end;
    carry.clear();
    llvm::SmallVector<int64_t, 8> digits(over.size(), 0);
    for (int64_t k = 0; k + 1 < count; ++k) {
      unsigned c = 0;
      while (digits[c] == loops[over[c]].end - 1)
        digits[c++] = 0;
      ++digits[c];
      carry.push_back(static_cast<uint8_t>(c));
    }
  }

  /// Children are numbered with the outermost spatial loop's index as the
  /// most significant digit.
  const std::vector<int64_t> &getChildOffsets(unsigned l, unsigned inner,
                                              unsigned t) {
    ChildOffsets &cached = childOffsets[l * numTensors + t];
    if (cached.valid)
      return cached.offsets;
    llvm::SmallVector<unsigned, 8> block;
    for (unsigned j = inner; j <= l; ++j)
      block.push_back(j);
    offsetsOver(block, t, cached.offsets);
    cached.valid = true;
    return cached.offsets;
  }

  struct ClassCounts {
    /// Number of multicast classes per class size.
    FlatMap<int64_t, int64_t, 4> byMembers;
    int64_t total = 0; ///< classes
  };
  struct SpatialClasses {
    ClassCounts without, with;
    int64_t linked = 0; ///< children fed by a mesh neighbour
  };

  /// Per index combination of loops `over` (the first loop the least
  /// significant digit), a key of tensor t's delta offset in [0, span):
  /// equal offsets get equal keys. The offsets are linear in the loop
  /// indices, so their range and keys come from the loops' shifts. False
  /// when the keys would overflow.
  bool keysOver(llvm::ArrayRef<unsigned> over, unsigned t,
                std::vector<int64_t> &keys, int64_t &span) const {
    unsigned rank = rankOf(t);
    Coordinates low{}, high{};
    for (unsigned j : over) {
      const Position &shift = shifts[j * numTensors + t];
      int64_t last = loops[j].end - 1;
      for (unsigned r = 0; r < rank; ++r) {
        int64_t reach = last * shift[r];
        (reach < 0 ? low[r] : high[r]) += reach;
      }
    }
    Coordinates radix{};
    span = 1;
    int64_t base = 0;
    for (unsigned r = 0; r < rank; ++r) {
      radix[r] = span;
      if (__builtin_mul_overflow(span, high[r] - low[r] + 1, &span) ||
          span >= (int64_t(1) << 62))
        return false;
      base -= low[r] * radix[r];
    }
    int64_t count = 1;
    for (unsigned j : over)
      count *= loops[j].end;
    keys.resize(count);
    keys[0] = base;
    int64_t stride = 1;
    for (unsigned j : over) {
      const Position &shift = shifts[j * numTensors + t];
      int64_t step = 0;
      for (unsigned r = 0; r < rank; ++r)
        step += shift[r] * radix[r];
      int64_t end = loops[j].end;
      for (int64_t digit = 1; digit < end; ++digit) {
        int64_t *to = &keys[digit * stride];
        int64_t add = digit * step;
        for (int64_t k = 0; k < stride; ++k)
          to[k] = keys[k] + add;
      }
      stride *= end;
    }
    return true;
  }

  /// [Q12] children with equal keys form one class; children marked in
  /// `skip` are left out.
  ClassCounts countKeyClasses(llvm::ArrayRef<int64_t> keys, int64_t span,
                              llvm::ArrayRef<bool> skip) {
    ClassCounts counts;
    // Classes come in runs of equal sizes: remember the last size's slot.
    int64_t lastMembers = -1;
    int64_t *lastSlot = nullptr;
    auto tally = [&](size_t members) {
      if (static_cast<int64_t>(members) != lastMembers) {
        lastMembers = static_cast<int64_t>(members);
        lastSlot = &counts.byMembers[lastMembers];
      }
      ++*lastSlot;
      ++counts.total;
    };
    int64_t n = keys.size();
    // Keys in a small range are counted in a table (kept zeroed), which
    // is linear; others are sorted.
    if (span <= std::max<int64_t>(4 * n, 4096)) {
      if (classTable.size() < static_cast<size_t>(span))
        classTable.resize(span, 0);
      for (int64_t k = 0; k < n; ++k)
        if (skip.empty() || !skip[k])
          ++classTable[keys[k]];
      for (int64_t k = 0; k < n; ++k)
        if (uint32_t members = classTable[keys[k]]) {
          tally(members);
          classTable[keys[k]] = 0;
        }
      return counts;
    }
    sortedKeys.clear();
    for (int64_t k = 0; k < n; ++k)
      if (skip.empty() || !skip[k])
        sortedKeys.push_back(keys[k]);
    std::sort(sortedKeys.begin(), sortedKeys.end());
    for (size_t i = 0; i < sortedKeys.size();) {
      size_t j = i + 1;
      while (j < sortedKeys.size() && sortedKeys[j] == sortedKeys[i])
        ++j;
      tally(j - i);
      i = j;
    }
    return counts;
  }

  /// countKeyClasses over the children of loops `over`, from their offsets
  /// where the keys would overflow.
  ClassCounts countClassesOver(llvm::ArrayRef<unsigned> over, unsigned t,
                               llvm::ArrayRef<bool> skip) {
    int64_t span;
    if (keysOver(over, t, scratchKeys, span))
      return countKeyClasses(scratchKeys, span, skip);
    offsetsOver(over, t, scratchOffsets);
    return countClasses(scratchOffsets, rankOf(t),
                        scratchOffsets.size() / rankOf(t), skip);
  }

  /// [Q12] children with equal deltas (equal offsets) form one class;
  /// children marked in `skip` are left out.
  ClassCounts countClasses(const std::vector<int64_t> &offsets, unsigned rank,
                           int64_t fanout, llvm::ArrayRef<bool> skip) {
    // Equal offsets get equal keys: the offsets relative to their minimum,
    // in mixed radix (or lexicographic order where that would overflow).
    Coordinates low, high;
    low.fill(INT64_MAX);
    high.fill(INT64_MIN);
    for (int64_t k = 0; k < fanout; ++k)
      for (unsigned r = 0; r < rank; ++r) {
        low[r] = std::min(low[r], offsets[k * rank + r]);
        high[r] = std::max(high[r], offsets[k * rank + r]);
      }
    bool packed = true;
    Coordinates radix{};
    int64_t span = 1;
    for (unsigned r = 0; r < rank && packed; ++r) {
      radix[r] = span;
      int64_t width = high[r] - low[r] + 1;
      packed = !__builtin_mul_overflow(span, width, &span) &&
               span < (int64_t(1) << 62);
    }
    ClassCounts counts;
    // Classes come in runs of equal sizes: remember the last size's slot.
    int64_t lastMembers = -1;
    int64_t *lastSlot = nullptr;
    auto tally = [&](size_t members) {
      if (static_cast<int64_t>(members) != lastMembers) {
        lastMembers = static_cast<int64_t>(members);
        lastSlot = &counts.byMembers[lastMembers];
      }
      ++*lastSlot;
      ++counts.total;
    };
    if (packed) {
      llvm::SmallVector<int64_t, 256> keys;
      for (int64_t k = 0; k < fanout; ++k) {
        if (!skip.empty() && skip[k])
          continue;
        int64_t key = 0;
        for (unsigned r = 0; r < rank; ++r)
          key += (offsets[k * rank + r] - low[r]) * radix[r];
        keys.push_back(key);
      }
      // Keys in a small range are counted in a table (kept zeroed), which
      // is linear; others are sorted.
      if (span <= std::max<int64_t>(4 * fanout, 4096)) {
        if (classTable.size() < static_cast<size_t>(span))
          classTable.resize(span, 0);
        for (int64_t key : keys)
          ++classTable[key];
        for (int64_t key : keys)
          if (uint32_t members = classTable[key]) {
            tally(members);
            classTable[key] = 0;
          }
        return counts;
      }
      std::sort(keys.begin(), keys.end());
      for (size_t i = 0; i < keys.size();) {
        size_t j = i + 1;
        while (j < keys.size() && keys[j] == keys[i])
          ++j;
        tally(j - i);
        i = j;
      }
      return counts;
    }
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
    for (size_t i = 0; i < order.size();) {
      size_t j = i + 1;
      while (j < order.size() && !less(order[i], order[j]))
        ++j;
      tally(j - i);
      i = j;
    }
    return counts;
  }

  /// The shift of tensor t's delta per step of spatial loop j.
  Coordinates getShift(unsigned j, unsigned t) const {
    const Position &shift = shifts[j * numTensors + t];
    Coordinates wide{};
    for (unsigned r = 0; r < kMaxRank; ++r)
      wide[r] = shift[r];
    return wide;
  }

  /// countClasses without skipped children, from the loops' shifts: loops
  /// that move disjoint ranks combine independently, so only loops that
  /// share a rank (a sliding window spread over the array) are enumerated.
  ClassCounts countClassesByLoops(unsigned l, unsigned inner, unsigned t) {
    unsigned rank = rankOf(t);
    struct Group {
      llvm::SmallVector<unsigned, 8> loops;
      uint32_t ranks = 0; ///< bit r: some loop moves rank r
    };
    llvm::SmallVector<Group, 4> groups;
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
    FlatMap<int64_t, int64_t, 4> histogram = {{broadcast, 1}};
    for (const Group &group : groups) {
      FlatMap<int64_t, int64_t, 4> local;
      if (group.loops.size() == 1) {
        local[1] = loops[group.loops.front()].end;
      } else {
        local = countClassesOver(group.loops, t, {}).byMembers;
      }
      FlatMap<int64_t, int64_t, 4> combined;
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

  /// Per master spatial loop and tensor: the classes without link
  /// transfers, and those with them for each motion seen so far.
  struct SpatialInfo {
    bool valid = false;
    SpatialClasses plain;
    std::vector<std::pair<Coordinates, SpatialClasses>> byMotion;
    /// Once a motion needs them: per X (Y) loop, the step of the offset
    /// from a logical column (row) to the next when that loop's index
    /// advances; the last column's offset less the first's; and, once a
    /// motion links some children, per column (row) but the last, the loop
    /// that advances to the next.
    bool hasSteps = false, hasCarries = false;
    llvm::SmallVector<Coordinates, 4> columnSteps, rowSteps;
    llvm::SmallVector<uint8_t, 32> columnCarry, rowCarry;
    Coordinates columnSpan;
    /// The logical rows' offsets, where vertical neighbours are several
    /// logical rows apart.
    std::vector<int64_t> rowOffsets;
  };

  /// The classes of master spatial loop l's children for tensor t when
  /// the simulated delta moved by `motion` since the previous step.
  const SpatialClasses &getClasses(unsigned l, unsigned inner, unsigned t,
                                   const Translation &motion) {
    SpatialInfo &info = spatialInfo[l * numTensors + t];
    if (!info.valid) {
      info.plain = SpatialClasses();
      info.plain.without = countClassesByLoops(l, inner, t);
      info.byMotion.clear();
      info.hasSteps = info.hasCarries = false;
      info.rowOffsets.clear();
      info.valid = true;
    }
    if (!motion.valid || !nest->options.linkTransfers)
      return info.plain;
    unsigned rank = rankOf(t);
    for (const auto &[seen, classes] : info.byMotion)
      if (std::equal(seen.begin(), seen.begin() + rank, motion.offset.begin()))
        return classes;

    int64_t fanout = (*figures)[l].fanout;
    SpatialClasses classes;
    classes.without = info.plain.without;
    // Child k equals neighbour j's previous delta when
    // offset(j) - offset(k) is the motion.
    int64_t logicalX = 1, logicalY = 1;
    llvm::SmallVector<unsigned, 8> xLoops, yLoops;
    for (unsigned k = inner; k <= l; ++k) {
      bool isX = loops[k].kind == LoopKind::SpatialX;
      (isX ? logicalX : logicalY) *= loops[k].end;
      (isX ? xLoops : yLoops).push_back(k);
    }
    unsigned level = loops[l].level;
    int64_t width = std::max(nest->fanoutX[level], logicalX);
    int64_t height = std::max(nest->fanoutY[level], logicalY);
    llvm::SmallVector<bool, 256> linked(fanout, false);
    const int64_t *move = motion.offset.data();
    auto differs = [&](const std::vector<int64_t> &offsets, int64_t j,
                       int64_t k) {
      for (unsigned r = 0; r < rank; ++r)
        if (offsets[j * rank + r] - offsets[k * rank + r] != move[r])
          return true;
      return false;
    };
    if (width % logicalX == 0) {
      // The X loops are the low digits, and a mesh row holds `m` whole
      // logical rows: a child's offset is its logical column's plus its
      // logical row's. A vertical neighbour is m logical rows away; a
      // horizontal one is in the same logical row, except at a logical
      // row's ends inside a mesh row, where it is the next row's first
      // child (or the previous row's last). So each test depends on the
      // logical column or the logical row alone, and only children of
      // linked rows, columns or row ends need visiting.
      // Offsets are linear in the loop indices, so the step from one
      // logical column (row) to the next depends only on the loop whose
      // index advances (the loops before it wrap): a test is one of a few
      // per motion, looked up by that loop.
      if (!info.hasSteps) {
        stepsOver(xLoops, t, info.columnSteps, info.columnSpan);
        Coordinates rowSpan;
        stepsOver(yLoops, t, info.rowSteps, rowSpan);
        info.hasSteps = true;
      }
      int64_t columns = logicalX, rows = logicalY, m = width / logicalX;
      auto isMove = [&](const Coordinates &v, int64_t sign) {
        for (unsigned r = 0; r < rank; ++r)
          if (sign * v[r] != move[r])
            return false;
        return true;
      };
      // Per X loop: the next column's delta (up) or the previous one's
      // (down) is the motion. Per Y loop, the same for rows, and for the
      // wraps between a logical row's ends.
      llvm::SmallVector<bool, 8> upX, downX, upY, downY, startY, endY;
      for (const Coordinates &step : info.columnSteps) {
        upX.push_back(isMove(step, 1));
        downX.push_back(isMove(step, -1));
      }
      for (const Coordinates &step : info.rowSteps) {
        upY.push_back(isMove(step, 1));
        downY.push_back(isMove(step, -1));
        Coordinates wrap;
        for (unsigned r = 0; r < rank; ++r)
          wrap[r] = info.columnSpan[r] - step[r];
        startY.push_back(isMove(wrap, 1));
        endY.push_back(isMove(wrap, -1));
      }
      // Most motions match no neighbour's step: then no column or row is
      // visited.
      auto anyOf = [](llvm::ArrayRef<bool> flags) {
        return llvm::is_contained(flags, true);
      };
      bool columnLinks = width > 1 && (anyOf(upX) || anyOf(downX));
      bool wrapLinks = width > 1 && m > 1 && (anyOf(startY) || anyOf(endY));
      bool rowLinks = height > 1 && m == 1 && (anyOf(upY) || anyOf(downY));
      if ((columnLinks || wrapLinks || rowLinks) && !info.hasCarries) {
        carriesOver(xLoops, info.columnCarry);
        carriesOver(yLoops, info.rowCarry);
        info.hasCarries = true;
      }
      llvm::ArrayRef<uint8_t> columnCarry = info.columnCarry,
                              rowCarry = info.rowCarry;
      llvm::SmallVector<bool, 32> left(columns, false), right(columns, false);
      llvm::SmallVector<bool, 32> row(rows, false), rowStart(rows, false),
          rowEnd(rows, false);
      bool any = false;
      if (columnLinks) {
        for (int64_t x = 0; x < columns; ++x) {
          any |= left[x] = x > 0 && downX[columnCarry[x - 1]];
          any |= right[x] = x + 1 < columns && upX[columnCarry[x]];
        }
      }
      if (wrapLinks) {
        // The wrap from the last column of row y to the first of row y + 1.
        // inMeshRow: y % m, counted rather than divided.
        for (int64_t y = 0, inMeshRow = 0; y < rows; ++y) {
          any |= rowStart[y] = inMeshRow != 0 && startY[rowCarry[y - 1]];
          any |= rowEnd[y] =
              inMeshRow != m - 1 && y + 1 < rows && endY[rowCarry[y]];
          if (++inMeshRow == m)
            inMeshRow = 0;
        }
      }
      if (height > 1 && m == 1) {
        for (int64_t y = 0; rowLinks && y < rows; ++y)
          any |= row[y] = (y >= 1 && downY[rowCarry[y - 1]]) ||
                          (y + 1 < height && y + 1 < rows && upY[rowCarry[y]]);
      } else if (height > 1) {
        // Vertical neighbours are m logical rows apart.
        if (info.rowOffsets.empty())
          offsetsOver(yLoops, t, info.rowOffsets);
        const std::vector<int64_t> &rowOffsets = info.rowOffsets;
        auto moves = [&](int64_t to, int64_t from) {
          return !differs(rowOffsets, to, from);
        };
        for (int64_t y = 0; y < rows; ++y)
          any |= row[y] =
              (y >= m && moves(y - m, y)) ||
              (y / m + 1 < height && y + m < rows && moves(y + m, y));
      }
      if (any) {
        for (int64_t y = 0, k = 0; y < rows; ++y)
          for (int64_t x = 0; x < columns; ++x, ++k)
            if (row[y] || left[x] || right[x] || (x == 0 && rowStart[y]) ||
                (x == columns - 1 && rowEnd[y])) {
              linked[k] = true;
              ++classes.linked;
            }
      }
    } else {
      const std::vector<int64_t> &offsets = getChildOffsets(l, inner, t);
      for (int64_t y = 0; y < height; ++y)
        for (int64_t x = 0; x < width; ++x) {
          int64_t k = y * width + x;
          if (k >= fanout)
            break;
          const int64_t *here = &offsets[k * rank];
          auto matches = [&](int64_t j) {
            const int64_t *there = &offsets[j * rank];
            for (unsigned r = 0; r < rank; ++r)
              if (there[r] - here[r] != move[r])
                return false;
            return true;
          };
          bool hit = false;
          if (height > 1)
            hit = (y > 0 && matches(k - width)) ||
                  (y + 1 < height && k + width < fanout && matches(k + width));
          if (!hit && width > 1)
            hit = (x > 0 && matches(k - 1)) ||
                  (x + 1 < width && k + 1 < fanout && matches(k + 1));
          if (hit) {
            linked[k] = true;
            ++classes.linked;
          }
        }
    }
    if (classes.linked > 0) {
      llvm::SmallVector<unsigned, 8> block;
      for (unsigned j = inner; j <= l; ++j)
        block.push_back(j);
      classes.with = countClassesOver(block, t, linked);
    }
    info.byMotion.emplace_back(motion.offset, std::move(classes));
    return info.byMotion.back().second;
  }

  const Problem *problem = nullptr;
  const Nest *nest = nullptr;
  llvm::ArrayRef<Loop> loops;
  std::vector<LoopFigures> *figures = nullptr;
  unsigned numTensors = 0, numDims = 0;
  std::vector<int64_t> vstride, product;
  std::vector<int64_t> moldHigh;          ///< per loop, then dim
  llvm::SmallVector<Position, 32> shifts; ///< per loop, then tensor
  llvm::SmallVector<llvm::SmallVector<unsigned, 8>, 8> loopsOfDim;
  /// Per boundary or master spatial loop, then tensor: its box's extents.
  llvm::SmallVector<Position, 32> boxExtents;
  /// Per loop, then tensor (master spatial loops only).
  struct ChildOffsets {
    bool valid = false;
    std::vector<int64_t> offsets;
  };
  std::vector<ChildOffsets> childOffsets;
  std::vector<SpatialInfo> spatialInfo;
  llvm::SmallVector<OuterLoop, 12> outer;
  CallSequence sequence;
  llvm::SmallVector<int64_t, 12> uncovered; ///< per move id
  Translation motion; ///< spatialSum's current motion, kept out of the stack
  std::vector<int64_t> scratchOffsets, scratchKeys, sortedKeys;
  /// countClasses' table of children per key, all zero between calls.
  std::vector<uint32_t> classTable;
};

} // namespace

void mlir::union_::loopnest::analyzeNest(const Problem &problem,
                                         const Nest &nest,
                                         std::vector<LoopFigures> &figures) {
  // The walker's tables keep their memory between evaluations.
  static thread_local Walker walker;
  walker.prepare(problem, nest, figures);
  walker.run();
}
