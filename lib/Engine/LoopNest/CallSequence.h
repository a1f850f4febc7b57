//===- CallSequence.h - A loop's calls as a memoised graph ------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Timeloop calls a loop once per sampled iteration of the temporal loops
// outside it, innermost fastest: iterations #0 and #1 (#1 weighted n - 1)
// [Q10], or all of them without extrapolation. Between two consecutive
// calls the loop's working set moves by a vector fixed by the carry: the
// innermost outer loop whose index advanced. What a call counts depends
// only on a small state (what the loop remembers of earlier calls) and on
// that move, so the sequence is a graph of distinct (state, move) pairs
// per depth: the calls of iteration i of outer loop j are the sequence of
// the loops inside j entered in the state the previous iteration left.
// A figure is then a sum over the distinct calls, each weighted by how
// often the sequence makes it.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_LIB_ENGINE_LOOPNEST_CALLSEQUENCE_H
#define UNION_LIB_ENGINE_LOOPNEST_CALLSEQUENCE_H

#include "PointSet.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <array>
#include <cstdint>

namespace mlir::union_::loopnest {

/// Tensor coordinates in call sequences: validate() keeps every rank's span
/// below 2^30, so moves fit in 32 bits.
using Position = std::array<int32_t, kMaxRank>;

/// A temporal loop outside the sequence's loop: its trip count and the
/// motion of the working set per iteration (pointed to, not copied).
struct OuterLoop {
  int64_t end = 1;
  const Position *shift = nullptr;
};

class CallSequence {
public:
  /// The move into the first call, which has no predecessor.
  static constexpr uint16_t kNoMove = 0xffff;
  /// States are opaque to the sequence; they must fit in 48 bits.
  static constexpr unsigned kStateBits = 48;

  struct Call {
    uint64_t state; ///< before the call
    uint16_t move;  ///< into the call, a move id or kNoMove
    double weight;  ///< how many calls of the sequence this one stands for
  };

  /// `outer` lists loops with end > 1, innermost first; shifts are zero
  /// beyond the tensor's ranks.
  void reset(llvm::ArrayRef<OuterLoop> outer, bool extrapolate);

  /// Equal moves share an id (with extrapolation, only those equal to the
  /// first loop's, id 0: the closed forms need no more).
  unsigned getNumMoves() const { return moves.size(); }
  const Position &getMove(uint16_t id) const { return moves[id]; }

  /// Walks the sequence from `initial`: `step(state, move)` is the state
  /// after a call entered in `state` by `move`, asked once per distinct
  /// pair. Returns the distinct calls with their weights.
  llvm::ArrayRef<Call>
  run(uint64_t initial,
      llvm::function_ref<uint64_t(uint64_t state, uint16_t move)> step);

  /// The weighted sum of a scalar figure over the sequence from
  /// `initial`: `step(state, move)` returns the state after a call entered
  /// in `state` by `move` and the call's figure. Cheaper than run() when
  /// a call's figure is one number: sums are kept per distinct (depth,
  /// state, move) and combined on the way up, with no graph.
  template <typename Step> double sum(uint64_t initial, Step &&step) {
    if (memoAtDepth.size() < ends.size() + 1)
      memoAtDepth.resize(ends.size() + 1);
    for (unsigned depth = 0; depth <= ends.size(); ++depth)
      memoAtDepth[depth].clear();
    return sumAt(ends.size(), initial, kNoMove, step).sum;
  }

  /// Timeloop's rule for a box loop, whose working set keeps its shape: a
  /// call brings in the whole box when it is the first, or when its move
  /// differs from the stride the loop remembers, which it then forgets;
  /// otherwise the words its move uncovers, and that move becomes the
  /// stride. Its states: bit 0, it was called; bit 1, it remembers a
  /// stride; bits 2-17, that stride's move id.
  static constexpr uint64_t kBoxCalled = 1, kBoxStride = 2;
  static uint64_t boxStride(uint64_t state) { return (state >> 2) & 0xffff; }
  static uint64_t boxRemembering(uint16_t move) {
    return kBoxCalled | kBoxStride | uint64_t(move) << 2;
  }

  /// With extrapolation [Q10], run() of a box loop in O(loops): its
  /// distinct calls (each state before the call in the box encoding above)
  /// with their weights. Calls are numbered in binary, bit j set when
  /// outer loop j is at iteration #1, so call i weighs the product of
  /// end - 1 over its bits; call i > 0 is entered by the carry of loop
  /// ctz(i). Every odd call is entered by loop 0's carry c0 from a state
  /// that remembers c0 or no stride, so it subtracts and remembers c0; an
  /// even call i > 0 then subtracts if its carry is c0, and otherwise
  /// brings in the whole box and forgets the stride.
  llvm::ArrayRef<Call> boxCalls();
  /// The same for a loop of one point, which keeps no stride: call 0 is
  /// in state 0, the others in kBoxCalled.
  llvm::ArrayRef<Call> pointCalls();

  /// sum() for a box loop's deltas with extrapolation [Q10], in O(loops).
  /// `whole` is the box's words, `uncovered[move id]` the words a move
  /// uncovers; the closed forms read only `uncovered[0]`, loop 0's carry's.
  double sumBoxDeltas(int64_t whole, llvm::ArrayRef<int64_t> uncovered) const;

private:
  static constexpr uint32_t kNone = ~uint32_t(0);

  /// The state after some calls and their weighted figure (returned in
  /// registers).
  struct Outcome {
    uint64_t exit;
    double sum;
  };
  struct Memo {
    uint64_t key; ///< entry state and move
    uint64_t exit;
    double sum;
  };
  /// The calls of the loops inside outer loop `depth - 1` (one call at
  /// depth 0) entered in `state` by `move`.
  template <typename Step>
  Outcome sumAt(unsigned depth, uint64_t state, uint16_t move, Step &step) {
    if (depth == 0) {
      auto [exit, figure] = step(state, move);
      return {exit, static_cast<double>(figure)};
    }
    uint64_t key = state | uint64_t(move) << kStateBits;
    llvm::SmallVector<Memo, 8> &memo = memoAtDepth[depth];
    for (const Memo &known : memo)
      if (known.key == key)
        return {known.exit, known.sum};
    unsigned loop = depth - 1;
    Outcome result = sumAt(loop, state, move, step);
    uint16_t carry = carryMove[loop];
    int64_t end = ends[loop];
    if (extrapolate) {
      // Iteration #1 stands for the n - 1 after #0 [Q10].
      Outcome second = sumAt(loop, result.exit, carry, step);
      result.exit = second.exit;
      result.sum += static_cast<double>(end - 1) * second.sum;
    } else {
      for (int64_t i = 1; i < end; ++i) {
        Outcome next = sumAt(loop, result.exit, carry, step);
        if (next.exit == result.exit) {
          // A fixed point: the remaining iterations repeat this one.
          result.sum += static_cast<double>(end - i) * next.sum;
          break;
        }
        result.sum += next.sum;
        result.exit = next.exit;
      }
    }
    // Field by field: a 16-byte copy of `result` would read back its two
    // 8-byte halves just written, which stalls store forwarding.
    Memo &added = memoAtDepth[depth].emplace_back();
    added.key = key;
    added.exit = result.exit;
    added.sum = result.sum;
    return result;
  }
  /// A distinct (entry state, move) at a depth: the calls of the loops
  /// inside outer loop `depth - 1` (one call at depth 0).
  struct Node {
    uint64_t key;  ///< entry state and move
    uint64_t exit; ///< state after the node's calls
    uint32_t nextAtDepth;
    unsigned depth;
    /// Iterations #0 and #1 with extrapolation (second is kNone when both
    /// are the same node); otherwise edges[firstEdge, +numEdges).
    uint32_t first, second;
    double secondWeight;
    uint32_t firstEdge, numEdges;
  };
  struct Edge {
    uint32_t node;
    double weight;
  };

  uint32_t visit(unsigned depth, uint64_t state, uint16_t move);

  llvm::SmallVector<int64_t, 12> ends;
  llvm::SmallVector<uint16_t, 12> carryMove; ///< per outer loop, a move id
  llvm::SmallVector<Position, 12> moves;
  bool extrapolate = true;
  llvm::function_ref<uint64_t(uint64_t, uint16_t)> step;
  llvm::SmallVector<Node, 64> nodes;
  llvm::SmallVector<Edge, 16> edges; ///< without extrapolation only
  llvm::SmallVector<uint32_t, 16> firstAtDepth;
  llvm::SmallVector<double, 64> weights;
  llvm::SmallVector<Call, 32> calls;
  llvm::SmallVector<llvm::SmallVector<Memo, 8>, 12> memoAtDepth;
};

} // namespace mlir::union_::loopnest

#endif // UNION_LIB_ENGINE_LOOPNEST_CALLSEQUENCE_H
