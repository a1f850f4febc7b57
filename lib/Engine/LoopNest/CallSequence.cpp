//===- CallSequence.cpp - A loop's calls as a memoised graph --------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CallSequence.h"

#include <cassert>

using namespace mlir::union_::loopnest;

void CallSequence::reset(llvm::ArrayRef<OuterLoop> outer,
                         bool extrapolateTemporal) {
  extrapolate = extrapolateTemporal;
  unsigned numLoops = outer.size();
  // Written by index: push_back reloads the size at every call.
  ends.resize_for_overwrite(numLoops);
  carryMove.resize_for_overwrite(numLoops);
  moves.clear();
  // When loop c advances, the loops inside it return from their last
  // sampled index (1, or end - 1 without extrapolation) to 0.
  // Ranks beyond a tensor's are zero in every shift, so whole positions
  // are compared (which vectorizes).
  auto equal = [](const Position &a, const Position &b) {
    uint32_t differ = 0;
    for (unsigned r = 0; r < kMaxRank; ++r)
      differ |= static_cast<uint32_t>(a[r] ^ b[r]);
    return differ == 0;
  };
  Position back{};
  for (unsigned j = 0; j < numLoops; ++j) {
    const Position &shift = *outer[j].shift;
    Position move;
    for (unsigned r = 0; r < kMaxRank; ++r)
      move[r] = shift[r] - back[r];
    // The closed forms of extrapolation only ask whether a carry is loop
    // 0's, so moves are compared with the first one alone there.
    uint16_t id = 0;
    if (extrapolate)
      id = moves.empty() || equal(move, moves[0]) ? 0 : moves.size();
    else
      while (id < moves.size() && !equal(move, moves[id]))
        ++id;
    if (id == moves.size())
      moves.push_back(move);
    carryMove[j] = id;
    ends[j] = outer[j].end;
    // Positions fit in 32 bits (validate()), and so does the return. A
    // plain sum vectorizes where a 32-bit product would not (SSE2).
    if (extrapolate) {
      for (unsigned r = 0; r < kMaxRank; ++r)
        back[r] += shift[r];
    } else {
      auto last = static_cast<int32_t>(outer[j].end - 1);
      for (unsigned r = 0; r < kMaxRank; ++r)
        back[r] += last * shift[r];
    }
  }
}

llvm::ArrayRef<CallSequence::Call> CallSequence::run(
    uint64_t initial,
    llvm::function_ref<uint64_t(uint64_t state, uint16_t move)> stepFn) {
  assert(initial >> kStateBits == 0 && "state too wide");
  step = stepFn;
  nodes.clear();
  edges.clear();
  firstAtDepth.assign(ends.size() + 1, kNone);
  uint32_t root = visit(ends.size(), initial, kNoMove);
  // Nodes follow their children, so one backward pass spreads the weights.
  weights.assign(nodes.size(), 0.0);
  weights[root] = 1.0;
  calls.clear();
  for (uint32_t n = nodes.size(); n-- > 0;) {
    const Node &node = nodes[n];
    double weight = weights[n];
    if (node.depth == 0) {
      calls.push_back({node.key & ((uint64_t(1) << kStateBits) - 1),
                       static_cast<uint16_t>(node.key >> kStateBits), weight});
    } else if (extrapolate) {
      weights[node.first] += weight;
      if (node.second != kNone)
        weights[node.second] += weight * node.secondWeight;
    } else {
      for (uint32_t e = node.firstEdge; e < node.firstEdge + node.numEdges; ++e)
        weights[edges[e].node] += weight * edges[e].weight;
    }
  }
  return calls;
}

uint32_t CallSequence::visit(unsigned depth, uint64_t state, uint16_t move) {
  uint64_t key = state | uint64_t(move) << kStateBits;
  for (uint32_t n = firstAtDepth[depth]; n != kNone; n = nodes[n].nextAtDepth)
    if (nodes[n].key == key)
      return n;
  Node node{key, state, kNone, depth, kNone, kNone, 0.0, 0, 0};
  if (depth == 0) {
    node.exit = step(state, move);
  } else {
    unsigned loop = depth - 1;
    node.first = visit(loop, state, move);
    uint64_t current = nodes[node.first].exit;
    uint16_t carry = carryMove[loop];
    int64_t end = ends[loop];
    if (extrapolate) {
      uint32_t second = visit(loop, current, carry);
      node.exit = nodes[second].exit;
      // Iteration #1 stands for the n - 1 after #0 [Q10].
      node.secondWeight = static_cast<double>(end - 1);
      node.second = second;
    } else {
      llvm::SmallVector<Edge, 8> children = {{node.first, 1.0}};
      auto add = [&](uint32_t child, double weight) {
        for (Edge &edge : children)
          if (edge.node == child) {
            edge.weight += weight;
            return;
          }
        children.push_back({child, weight});
      };
      for (int64_t i = 1; i < end; ++i) {
        uint32_t next = visit(loop, current, carry);
        if (nodes[next].exit == current) {
          // A fixed point: the remaining iterations repeat this one.
          add(next, static_cast<double>(end - i));
          break;
        }
        add(next, 1.0);
        current = nodes[next].exit;
      }
      node.exit = current;
      node.firstEdge = edges.size();
      node.numEdges = children.size();
      edges.append(children.begin(), children.end());
    }
  }
  node.nextAtDepth = firstAtDepth[depth];
  firstAtDepth[depth] = nodes.size();
  nodes.push_back(node);
  return nodes.size() - 1;
}

/// Per outer loop j, the weight of the calls whose lowest iteration-#1
/// loop is j: (end_j - 1) times the product of the ends above j.
static void carryWeights(llvm::ArrayRef<int64_t> ends,
                         llvm::SmallVectorImpl<double> &weights) {
  weights.resize(ends.size());
  double above = 1;
  for (unsigned j = ends.size(); j-- > 0;) {
    weights[j] = static_cast<double>(ends[j] - 1) * above;
    above *= static_cast<double>(ends[j]);
  }
}

llvm::ArrayRef<CallSequence::Call> CallSequence::pointCalls() {
  assert(extrapolate && "the closed form samples iterations #0 and #1");
  unsigned numLoops = ends.size();
  calls.resize_for_overwrite(1 + numLoops);
  calls[0] = {0, kNoMove, 1.0};
  carryWeights(ends, weights);
  for (unsigned j = 0; j < numLoops; ++j)
    calls[1 + j] = {kBoxCalled, carryMove[j], weights[j]};
  return calls;
}

llvm::ArrayRef<CallSequence::Call> CallSequence::boxCalls() {
  assert(extrapolate && "the closed form samples iterations #0 and #1");
  unsigned numLoops = ends.size();
  calls.resize_for_overwrite(numLoops == 0 ? 1 : 2 * numLoops);
  calls[0] = {0, kNoMove, 1.0};
  if (numLoops == 0)
    return calls;
  carryWeights(ends, weights);
  uint16_t c0 = carryMove[0];
  auto before0 = static_cast<double>(ends[0] - 1);
  // Call 1 follows call 0.
  calls[1] = {kBoxCalled, c0, before0};
  for (unsigned j = 1; j < numLoops; ++j) {
    uint16_t carry = carryMove[j];
    // Even calls of lowest bit j follow an odd call, which remembers c0.
    calls[2 * j] = {boxRemembering(c0), carry, weights[j]};
    // The odd calls right after them.
    calls[2 * j + 1] = {carry == c0 ? boxRemembering(c0) : kBoxCalled, c0,
                        before0 * weights[j]};
  }
  return calls;
}

double CallSequence::sumBoxDeltas(int64_t whole,
                                  llvm::ArrayRef<int64_t> uncovered) const {
  assert(extrapolate && "the closed form samples iterations #0 and #1");
  auto wholeWords = static_cast<double>(whole);
  if (ends.empty())
    return wholeWords;
  // Calls are numbered in binary, bit j set when loop j is at iteration
  // #1; call i > 0 is entered by the carry of loop ctz(i). Every odd call
  // is entered by loop 0's carry c0 from a state that remembers c0 or no
  // stride, so it subtracts and leaves c0 remembered. An even call i > 0
  // then subtracts if its carry is c0 and brings in the whole box (and
  // forgets) otherwise. `rest` sums the calls after the first of the
  // block of the loops inside d.
  uint16_t c0 = carryMove[0];
  double rest =
      static_cast<double>(ends[0] - 1) * static_cast<double>(uncovered[c0]);
  for (unsigned d = 1; d < ends.size(); ++d) {
    // Iteration #1 of loop d repeats the block inside it, entered by d's
    // carry and weighted end - 1.
    uint16_t carry = carryMove[d];
    double first =
        carry == c0 ? static_cast<double>(uncovered[c0]) : wholeWords;
    rest += static_cast<double>(ends[d] - 1) * (first + rest);
  }
  return wholeWords + rest;
}
