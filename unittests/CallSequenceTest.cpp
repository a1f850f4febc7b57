//===- CallSequenceTest.cpp - The box-delta closed form against sum() -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// CallSequence's closed forms of Timeloop's sampled walk with extrapolation
// (sumBoxDeltas, boxCalls, pointCalls) against the walk itself, written
// here call by call with move vectors (not ids), on random loop lists whose
// moves often coincide (zero and repeated shifts), where the box rule
// forgets and re-learns strides in irregular patterns.
//
//===----------------------------------------------------------------------===//

#include "../lib/Engine/LoopNest/CallSequence.h"

#include "gtest/gtest.h"

#include <map>
#include <random>
#include <tuple>

using namespace mlir::union_::loopnest;

namespace {

/// What a call is entered with: whether the loop was called before,
/// whether it remembers a stride and which, and the move into the call
/// (none for the first).
using CallKey = std::tuple<bool, bool, Position, bool, Position>;
using CallWeights = std::map<CallKey, double>;

struct Walked {
  double words = 0;       ///< box rule: the weighted delta words
  CallWeights boxCalls;   ///< per call key under the box rule
  CallWeights pointCalls; ///< per call key for a loop of one point
};

/// The sampled walk: call i (bit j set when outer loop j is at iteration
/// #1) weighs the product of end_j - 1 over its bits. Between calls i - 1
/// and i, loop c = ctz(i) advances from 0 to 1 and the loops inside it
/// return from 1 to 0. The box rule: the first call, and a move that is
/// not the remembered stride, bring in the whole box and forget the
/// stride; other moves bring in what they uncover and become the stride.
Walked walk(const std::vector<OuterLoop> &outer, int64_t whole,
            const std::map<Position, int64_t> &uncoveredByMove) {
  Walked result;
  unsigned numLoops = outer.size();
  bool called = false, hasStride = false;
  Position stride{};
  for (uint64_t i = 0; i < (uint64_t(1) << numLoops); ++i) {
    double weight = 1;
    for (unsigned j = 0; j < numLoops; ++j)
      if (i >> j & 1)
        weight *= static_cast<double>(outer[j].end - 1);
    Position move{};
    if (i > 0) {
      unsigned carry = __builtin_ctzll(i);
      for (unsigned r = 0; r < kMaxRank; ++r) {
        move[r] = (*outer[carry].shift)[r];
        for (unsigned j = 0; j < carry; ++j)
          move[r] -= (*outer[j].shift)[r];
      }
    }
    result.boxCalls[{called, hasStride, hasStride ? stride : Position{}, i > 0,
                     move}] += weight;
    result.pointCalls[{i > 0, false, Position{}, i > 0, move}] += weight;
    if (!called || (hasStride && stride != move)) {
      result.words += weight * static_cast<double>(whole);
      called = true;
      hasStride = false;
    } else {
      result.words += weight * static_cast<double>(uncoveredByMove.at(move));
      hasStride = true;
      stride = move;
    }
  }
  return result;
}

/// The closed form's calls, keyed by move vectors.
CallWeights byKey(const CallSequence &sequence,
                  llvm::ArrayRef<CallSequence::Call> calls) {
  CallWeights total;
  for (const CallSequence::Call &call : calls) {
    bool hasStride = call.state & CallSequence::kBoxStride;
    bool hasMove = call.move != CallSequence::kNoMove;
    total[{static_cast<bool>(call.state & CallSequence::kBoxCalled), hasStride,
           hasStride ? sequence.getMove(CallSequence::boxStride(call.state))
                     : Position{},
           hasMove, hasMove ? sequence.getMove(call.move) : Position{}}] +=
        call.weight;
  }
  return total;
}

TEST(CallSequenceTest, ClosedFormsEqualTheWalk) {
  std::mt19937_64 random(20261204);
  // A few candidate shifts, so that moves coincide often.
  std::vector<Position> candidates(4, Position{});
  candidates[1][0] = 1;
  candidates[2][1] = 3;
  candidates[3][0] = -2;
  candidates[3][1] = 1;
  for (int trial = 0; trial < 20000; ++trial) {
    unsigned numLoops = random() % 8;
    std::vector<Position> shifts(numLoops);
    std::vector<OuterLoop> outer(numLoops);
    for (unsigned j = 0; j < numLoops; ++j) {
      shifts[j] = candidates[random() % candidates.size()];
      outer[j].end = 2 + static_cast<int64_t>(random() % 6);
      outer[j].shift = &shifts[j];
    }
    CallSequence sequence;
    sequence.reset(outer, /*extrapolate=*/true);
    int64_t whole = 1000 + static_cast<int64_t>(random() % 1000);
    // Words a move uncovers, per distinct move vector.
    std::map<Position, int64_t> uncoveredByMove;
    std::vector<int64_t> uncovered;
    for (unsigned id = 0; id < sequence.getNumMoves(); ++id) {
      auto [it, added] = uncoveredByMove.try_emplace(
          sequence.getMove(id), static_cast<int64_t>(random() % 1000));
      uncovered.push_back(it->second);
    }
    Walked walked = walk(outer, whole, uncoveredByMove);
    ASSERT_EQ(walked.words, sequence.sumBoxDeltas(whole, uncovered))
        << "trial " << trial << ", " << numLoops << " loops";
    ASSERT_EQ(walked.boxCalls, byKey(sequence, sequence.boxCalls()))
        << "trial " << trial;
    ASSERT_EQ(walked.pointCalls, byKey(sequence, sequence.pointCalls()))
        << "trial " << trial;
  }
}

} // namespace
