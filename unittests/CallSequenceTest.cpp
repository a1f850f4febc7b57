//===- CallSequenceTest.cpp - The box-delta closed form against sum() -----===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// CallSequence's closed forms (sumBoxDeltas, boxCalls, pointCalls) stand
// for sum() and run() with Timeloop's box delta rule. Here the rule is
// written again as a step function, and both are compared on random loop
// lists whose moves often coincide (zero shifts and repeated shifts), where
// the rule forgets and re-learns strides in irregular patterns.
//
//===----------------------------------------------------------------------===//

#include "../lib/Engine/LoopNest/CallSequence.h"

#include "gtest/gtest.h"

#include <map>
#include <random>

using namespace mlir::union_::loopnest;

namespace {

TEST(CallSequenceTest, BoxDeltaClosedFormEqualsTheWalk) {
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
    }
    for (unsigned j = 0; j < numLoops; ++j)
      outer[j].shift = &shifts[j];
    CallSequence sequence;
    sequence.reset(outer, /*extrapolate=*/true);
    int64_t whole = 1000 + static_cast<int64_t>(random() % 1000);
    std::vector<int64_t> uncovered(sequence.getNumMoves());
    for (int64_t &words : uncovered)
      words = static_cast<int64_t>(random() % 1000);

    // The rule as Timeloop applies it, call by call: state bit 0, a call
    // happened; bit 1, a stride is remembered; bits 2-17, its move id.
    auto step = [&](uint64_t state, uint16_t move) {
      if (!(state & 1))
        return std::make_pair(uint64_t(1), whole);
      if (!(state & 2))
        return std::make_pair(uint64_t(3) | uint64_t(move) << 2,
                              uncovered[move]);
      if (((state >> 2) & 0xffff) == move)
        return std::make_pair(state, uncovered[move]);
      return std::make_pair(uint64_t(1), whole);
    };
    double walked = sequence.sum(0, step);
    double closed = sequence.sumBoxDeltas(whole, uncovered);
    ASSERT_EQ(walked, closed)
        << "trial " << trial << ", " << numLoops << " loops";
  }
}

/// Per (state, move), the total weight of the calls.
std::map<std::pair<uint64_t, uint16_t>, double>
byStateAndMove(llvm::ArrayRef<CallSequence::Call> calls) {
  std::map<std::pair<uint64_t, uint16_t>, double> total;
  for (const CallSequence::Call &call : calls)
    total[{call.state, call.move}] += call.weight;
  return total;
}

TEST(CallSequenceTest, ClosedFormCallListsEqualTheWalk) {
  std::mt19937_64 random(4122026);
  std::vector<Position> candidates(3, Position{});
  candidates[1][0] = 1;
  candidates[2][2] = -4;
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
    // The box rule's states, written again: forget on a new stride.
    auto boxStep = [](uint64_t state, uint16_t move) -> uint64_t {
      if (!(state & 1))
        return 1;
      if ((state & 2) && ((state >> 2) & 0xffff) != move)
        return 1;
      return 3 | uint64_t(move) << 2;
    };
    auto walkedBox = byStateAndMove(sequence.run(0, boxStep));
    ASSERT_EQ(walkedBox, byStateAndMove(sequence.boxCalls()))
        << "trial " << trial;
    auto walkedPoint = byStateAndMove(
        sequence.run(0, [](uint64_t, uint16_t) -> uint64_t { return 1; }));
    ASSERT_EQ(walkedPoint, byStateAndMove(sequence.pointCalls()))
        << "trial " << trial;
  }
}

} // namespace
