//===- LoopNestOracleTest.cpp - The loop-nest engine against brute force --===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Random small problems (convolutions with strides and dilations,
// depthwise convolutions, batched GEMMs), random architectures of 2 to 5
// storage levels with 1-D and 2-D meshes, and random mappings with
// bypass: the engine's reads, fills, updates, multicasts, spatial
// reductions, tile sizes and instances equal the brute-force simulator's.
//
//===----------------------------------------------------------------------===//

#include "LoopNestOracle.h"
#include "TestBudget.h"

#include "Union/Engine/LoopNest/LoopNestModel.h"

#include "gtest/gtest.h"

#include <random>
#include <sstream>

using namespace mlir::union_::loopnest;

namespace {

using Rng = std::mt19937_64;

int64_t pick(Rng &rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

std::vector<Term> sum(std::initializer_list<Term> terms) { return terms; }

/// A random problem of at most `maxIterations` iterations.
Problem randomProblem(Rng &rng, int64_t maxIterations) {
  Problem p;
  auto dims = [&](std::vector<std::pair<std::string, int64_t>> named) {
    for (auto &[name, hi] : named) {
      p.dimNames.push_back(name);
      p.bounds.push_back(pick(rng, 1, hi));
    }
  };
  switch (pick(rng, 0, 2)) {
  case 0: { // convolution: strides and dilations
    dims(
        {{"N", 2}, {"K", 4}, {"C", 4}, {"P", 4}, {"Q", 4}, {"R", 3}, {"S", 3}});
    int64_t hs = pick(rng, 1, 2), ws = pick(rng, 1, 2);
    int64_t hd = pick(rng, 1, 2), wd = pick(rng, 1, 2);
    p.tensors.push_back({"Weights", {{{1, 1}}, {{2, 1}}, {{5, 1}}, {{6, 1}}}});
    p.tensors.push_back({"Inputs",
                         {{{0, 1}},
                          {{2, 1}},
                          sum({{3, hs}, {5, hd}}),
                          sum({{4, ws}, {6, wd}})}});
    p.tensors.push_back(
        {"Outputs", {{{0, 1}}, {{1, 1}}, {{3, 1}}, {{4, 1}}}, true});
    break;
  }
  case 1: { // depthwise
    dims({{"C", 4}, {"P", 5}, {"Q", 4}, {"R", 3}, {"S", 3}});
    int64_t stride = pick(rng, 1, 2);
    p.tensors.push_back({"Weights", {{{0, 1}}, {{3, 1}}, {{4, 1}}}});
    p.tensors.push_back(
        {"Inputs",
         {{{0, 1}}, sum({{1, stride}, {3, 1}}), sum({{2, stride}, {4, 1}})}});
    p.tensors.push_back({"Outputs", {{{0, 1}}, {{1, 1}}, {{2, 1}}}, true});
    break;
  }
  default: { // batched GEMM
    dims({{"B", 3}, {"M", 8}, {"N", 8}, {"K", 8}});
    p.tensors.push_back({"A", {{{0, 1}}, {{1, 1}}, {{3, 1}}}});
    p.tensors.push_back({"B", {{{0, 1}}, {{3, 1}}, {{2, 1}}}});
    p.tensors.push_back({"C", {{{0, 1}}, {{1, 1}}, {{2, 1}}}, true});
    break;
  }
  }
  // Shrink the largest dims until the nest is small enough to walk.
  auto iterations = [&] {
    int64_t n = 1;
    for (int64_t b : p.bounds)
      n *= b;
    return n;
  };
  while (iterations() > maxIterations)
    --*std::max_element(p.bounds.begin(), p.bounds.end());
  return p;
}

/// 2 to 5 storage levels above a MAC array with a 1-D or 2-D mesh; each
/// level's mesh divides the one below, the outermost is a single DRAM.
Architecture randomArchitecture(Rng &rng) {
  Architecture a;
  a.arithmetic.meshX = pick(rng, 1, 4);
  a.arithmetic.meshY = pick(rng, 1, 3);
  a.arithmetic.instances = a.arithmetic.meshX * a.arithmetic.meshY;
  int numLevels = pick(rng, 2, 5);
  int64_t meshX = a.arithmetic.meshX, meshY = a.arithmetic.meshY;
  for (int i = 0; i < numLevels; ++i) {
    StorageLevel level;
    level.name = "L" + std::to_string(i);
    bool top = i + 1 == numLevels;
    auto divisor = [&](int64_t n) {
      std::vector<int64_t> divisors;
      for (int64_t d = 1; d <= n; ++d)
        if (n % d == 0)
          divisors.push_back(d);
      return divisors[pick(rng, 0, divisors.size() - 1)];
    };
    meshX = top ? 1 : divisor(meshX);
    meshY = top ? 1 : divisor(meshY);
    level.meshX = meshX;
    level.meshY = meshY;
    level.instances = meshX * meshY;
    level.isDram = top;
    a.levels.push_back(level);
  }
  return a;
}

std::vector<int64_t> primeFactors(int64_t n) {
  std::vector<int64_t> factors;
  for (int64_t p = 2; n > 1; ++p)
    for (; n % p == 0; n /= p)
      factors.push_back(p);
  return factors;
}

/// Spreads every dim's prime factors over the levels' temporal and
/// spatial loops (within each fan-out), with random orders and bypass.
Mapping randomMapping(Rng &rng, const Problem &problem,
                      const Architecture &arch) {
  unsigned numDims = problem.bounds.size();
  unsigned numTensors = problem.tensors.size();
  unsigned numLevels = arch.levels.size();
  Mapping m;
  m.levels.resize(numLevels);
  std::vector<std::vector<bool>> inX(numLevels, std::vector<bool>(numDims));
  std::vector<int64_t> roomX(numLevels), roomY(numLevels);
  for (unsigned i = 0; i < numLevels; ++i) {
    LevelMapping &lm = m.levels[i];
    lm.temporalFactors.assign(numDims, 1);
    lm.spatialFactors.assign(numDims, 1);
    roomX[i] = arch.getFanoutX(i);
    roomY[i] = arch.getFanoutY(i);
    for (unsigned d = 0; d < numDims; ++d)
      inX[i][d] = pick(rng, 0, 1);
  }
  for (unsigned d = 0; d < numDims; ++d)
    for (int64_t factor : primeFactors(problem.bounds[d])) {
      unsigned i = pick(rng, 0, numLevels - 1);
      LevelMapping &lm = m.levels[i];
      int64_t &room = inX[i][d] ? roomX[i] : roomY[i];
      if (pick(rng, 0, 1) && room % factor == 0) {
        lm.spatialFactors[d] *= factor;
        room /= factor;
      } else {
        lm.temporalFactors[d] *= factor;
      }
    }
  for (unsigned i = 0; i < numLevels; ++i) {
    LevelMapping &lm = m.levels[i];
    for (unsigned d = 0; d < numDims; ++d)
      lm.temporalOrder.push_back(d);
    std::shuffle(lm.temporalOrder.begin(), lm.temporalOrder.end(), rng);
    std::vector<unsigned> xs, ys;
    for (unsigned d = 0; d < numDims; ++d)
      (inX[i][d] ? xs : ys).push_back(d);
    std::shuffle(xs.begin(), xs.end(), rng);
    std::shuffle(ys.begin(), ys.end(), rng);
    lm.spatialOrder = xs;
    lm.spatialOrder.insert(lm.spatialOrder.end(), ys.begin(), ys.end());
    lm.spatialSplit = xs.size();
    for (unsigned t = 0; t < numTensors; ++t)
      lm.keep.push_back(i + 1 == numLevels ? pick(rng, 0, 9) > 0
                                           : pick(rng, 0, 9) < 7);
  }
  for (unsigned t = 0; t < numTensors; ++t) {
    bool kept = false;
    for (const LevelMapping &lm : m.levels)
      kept = kept || lm.keep[t];
    if (!kept)
      m.levels[pick(rng, 0, numLevels - 1)].keep[t] = true;
  }
  return m;
}

std::string describe(const Problem &p, const Architecture &a,
                     const Mapping &m) {
  std::ostringstream os;
  os << "problem:";
  for (auto [name, bound] : llvm::zip(p.dimNames, p.bounds))
    os << " " << name << "=" << bound;
  for (const Tensor &t : p.tensors) {
    os << "\n  " << t.name << "[";
    for (const auto &terms : t.ranks) {
      os << " ";
      for (const Term &term : terms)
        os << "+" << term.coefficient << "*" << p.dimNames[term.dim];
    }
    os << " ]" << (t.readWrite ? " rw" : "");
  }
  os << "\nMAC mesh " << a.arithmetic.meshX << "x" << a.arithmetic.meshY;
  for (auto [i, level] : llvm::enumerate(a.levels)) {
    const LevelMapping &lm = m.levels[i];
    os << "\n"
       << level.name << " mesh " << level.meshX << "x" << level.meshY
       << " temporal";
    for (unsigned d : lm.temporalOrder)
      if (lm.temporalFactors[d] > 1)
        os << " " << p.dimNames[d] << lm.temporalFactors[d];
    os << " spatial";
    for (auto [k, d] : llvm::enumerate(lm.spatialOrder))
      if (lm.spatialFactors[d] > 1)
        os << " " << p.dimNames[d] << lm.spatialFactors[d]
           << (k < lm.spatialSplit ? "X" : "Y");
    os << " keep";
    for (auto [t, kept] : llvm::enumerate(lm.keep))
      os << " " << (kept ? p.tensors[t].name : "-");
  }
  return os.str();
}

/// Whether Timeloop's temporal extrapolation [Q10] may differ from a
/// walk of every iteration: a loop of more than two iterations above a
/// buffer moves some tensor rank that a loop outside it moves too, so the
/// tile after its wrap-around is compared with iteration #1's tile
/// instead of the last one's.
bool extrapolationMayDiffer(const Problem &p, const Mapping &m) {
  struct Temporal {
    unsigned dim, level;
    int64_t end;
  };
  std::vector<Temporal> loops; // innermost first
  for (auto [level, lm] : llvm::enumerate(m.levels))
    for (unsigned d : lm.temporalOrder)
      if (lm.temporalFactors[d] > 1)
        loops.push_back(
            {d, static_cast<unsigned>(level), lm.temporalFactors[d]});
  auto moves = [](const Tensor &t, unsigned r, unsigned dim) {
    for (const Term &term : t.ranks[r])
      if (term.dim == dim && term.coefficient != 0)
        return true;
    return false;
  };
  for (size_t a = 0; a < loops.size(); ++a) {
    if (loops[a].level == 0 || loops[a].end < 3)
      continue;
    for (size_t b = a + 1; b < loops.size(); ++b)
      for (const Tensor &t : p.tensors)
        for (unsigned r = 0; r < t.ranks.size(); ++r)
          if (moves(t, r, loops[a].dim) && moves(t, r, loops[b].dim))
            return true;
  }
  return false;
}

// The simulator itself, on a GEMM small enough to count by hand: M = N =
// K = 2; the buffer holds the K loop, DRAM runs N inside M.
TEST(LoopNestOracle, SimulatorCountsByHand) {
  Problem problem;
  problem.dimNames = {"M", "N", "K"};
  problem.bounds = {2, 2, 2};
  problem.tensors.push_back({"A", {{{0, 1}}, {{2, 1}}}});
  problem.tensors.push_back({"B", {{{2, 1}}, {{1, 1}}}});
  problem.tensors.push_back({"C", {{{0, 1}}, {{1, 1}}}, true});
  Architecture arch;
  for (const char *name : {"Buffer", "DRAM"}) {
    StorageLevel level;
    level.name = name;
    arch.levels.push_back(level);
  }
  Mapping mapping;
  mapping.levels.resize(2);
  mapping.levels[0].temporalFactors = {1, 1, 2};
  mapping.levels[1].temporalFactors = {2, 2, 1};
  mapping.levels[1].temporalOrder = {1, 0, 2}; // N inside M
  mapping.levels[0].temporalOrder = {2, 0, 1};
  for (LevelMapping &lm : mapping.levels) {
    lm.spatialFactors = {1, 1, 1};
    lm.spatialOrder = {0, 1, 2};
    lm.keep = {true, true, true};
  }
  oracle::Counts counts = oracle::simulate(problem, arch, mapping);
  EXPECT_EQ(counts.computes, 8);
  const auto &buffer = counts.levels[0], &dram = counts.levels[1];
  // A's row stays while N moves: 2 rows of 2 words.
  EXPECT_EQ(buffer[0].fills, 4);
  EXPECT_EQ(dram[0].reads, 4);
  EXPECT_EQ(buffer[0].reads, 8); // one per MAC
  // B's column changes at every step; at M's step it moves back (a
  // change of stride), so nothing is kept: 4 x 2 words.
  EXPECT_EQ(buffer[1].fills, 8);
  EXPECT_EQ(buffer[1].capacity, 2);
  // C: each of the 4 outputs is updated twice by the MACs (the second a
  // read-modify-write), never refilled, written back once.
  EXPECT_EQ(buffer[2].updates, 8);
  EXPECT_EQ(buffer[2].reads, 4);
  EXPECT_EQ(buffer[2].fills, 0);
  EXPECT_EQ(dram[2].updates, 4);
  EXPECT_EQ(dram[2].reads, 0);
  EXPECT_EQ(buffer[2].instances, 1);
}

/// The engine's figures that differ from the simulator's, or "".
std::string compare(const Problem &problem, const Architecture &arch,
                    const Mapping &mapping, const Result &result,
                    const oracle::Counts &counts) {
  std::ostringstream diff;
  auto check = [&](const std::string &what, int64_t engine, int64_t brute) {
    if (engine != brute)
      diff << "\n"
           << what << ": engine " << engine << ", brute force " << brute;
  };
  check("computes", result.computes, counts.computes);
  for (unsigned i = 0; i < arch.levels.size(); ++i)
    for (unsigned t = 0; t < problem.tensors.size(); ++t) {
      const TensorLevelResult &r = result.levels[i].tensors[t];
      const oracle::TensorCounts &o = counts.levels[i][t];
      std::string where = arch.levels[i].name + " " + problem.tensors[t].name;
      // The engine counts per instance, as Timeloop prints.
      int64_t n = r.utilizedInstances;
      double shared = problem.tensors[t].readWrite ? r.spatialReductions
                                                   : r.multicastAccesses;
      check(where + " reads", r.reads * n, o.reads);
      check(where + " fills", r.fills * n, o.fills);
      check(where + " updates", r.updates * n, o.updates);
      check(where + " shared", std::llround(shared * n), o.sharedAccesses);
      if (mapping.levels[i].keep[t]) {
        check(where + " capacity", r.utilizedCapacity, o.capacity);
        check(where + " instances", n, o.instances);
      }
    }
  return diff.str();
}

struct Tally {
  int compared = 0, skipped = 0, mismatched = 0;
};

/// Evaluates `trials` random mappings with `options` and compares each
/// with the simulator; `skip` leaves mappings out.
Tally run(uint64_t seed, int trials, const Options &options,
          bool (*skip)(const Problem &, const Mapping &)) {
  Rng rng(seed);
  Tally tally;
  for (int trial = 0; trial < trials; ++trial) {
    Problem problem = randomProblem(rng, 1500);
    Architecture arch = randomArchitecture(rng);
    Mapping mapping = randomMapping(rng, problem, arch);
    if (skip && skip(problem, mapping)) {
      ++tally.skipped;
      continue;
    }
    llvm::Expected<Result> result = evaluate(problem, arch, mapping, options);
    if (!result) {
      ADD_FAILURE() << llvm::toString(result.takeError()) << "\n"
                    << describe(problem, arch, mapping);
      ++tally.mismatched;
      continue;
    }
    ++tally.compared;
    std::string diff = compare(problem, arch, mapping, *result,
                               oracle::simulate(problem, arch, mapping));
    if (!diff.empty() && ++tally.mismatched <= 5)
      ADD_FAILURE() << describe(problem, arch, mapping) << diff;
  }
  return tally;
}

// Timeloop's analysis walked on every iteration (its
// TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION) counts what the simulator
// counts on every mapping: working sets, deltas, the reset on a change of
// stride, multicast and reduction classes from the first child's
// translated copies [Q11], bypass, first-read elision and instances.
TEST(LoopNestOracle, EveryIterationWalkedEqualsBruteForce) {
  Options options;
  options.linkTransfers = false; // the simulator has no mesh links
  options.extrapolateTemporal = false;
  const int trials = mlir::union_::sanitizerBudget(3000, 300);
  Tally tally = run(20261203, trials, options, nullptr);
  EXPECT_EQ(tally.mismatched, 0) << "of " << tally.compared << " mappings";
  EXPECT_EQ(tally.compared, trials);
}

// With Timeloop's default extrapolation [Q10], on every mapping where it
// is exact (the others are covered above, without it).
TEST(LoopNestOracle, ExtrapolationEqualsBruteForceWhereExact) {
  Options options;
  options.linkTransfers = false;
  const int trials = mlir::union_::sanitizerBudget(3000, 300);
  Tally tally = run(1203, trials, options, extrapolationMayDiffer);
  EXPECT_EQ(tally.mismatched, 0) << "of " << tally.compared << " mappings";
  EXPECT_GT(tally.compared, trials * 2 / 3) << tally.skipped << " skipped";
}

// Where the extrapolation is inexact it is Timeloop's approximation, and
// the engine keeps it: in this mapping, Inputs' last rank (2Q + 2S) is
// moved by the outer loops S and Q, and a K loop inside them leaves it in
// place. After S's three iterations, Timeloop compares Q's next tile with
// S's iteration #1 tile (the same place: reused) where the walk compares
// it with iteration #2's (another place: reloaded).
TEST(LoopNestOracle, ExtrapolationKeepsTimeloopsApproximation) {
  Problem problem;
  problem.dimNames = {"N", "K", "C", "P", "Q", "R", "S"};
  problem.bounds = {2, 4, 1, 3, 3, 3, 3};
  problem.tensors.push_back(
      {"Weights", {{{1, 1}}, {{2, 1}}, {{5, 1}}, {{6, 1}}}});
  problem.tensors.push_back(
      {"Inputs",
       {{{0, 1}}, {{2, 1}}, sum({{3, 1}, {5, 2}}), sum({{4, 2}, {6, 2}})}});
  problem.tensors.push_back(
      {"Outputs", {{{0, 1}}, {{1, 1}}, {{3, 1}}, {{4, 1}}}, true});
  Architecture arch;
  arch.arithmetic.meshY = 3;
  arch.arithmetic.instances = 3;
  for (const char *name : {"Buffer", "DRAM"}) {
    StorageLevel level;
    level.name = name;
    arch.levels.push_back(level);
  }
  arch.levels.back().isDram = true;
  Mapping mapping;
  mapping.levels.resize(2);
  LevelMapping &buffer = mapping.levels[0], &dram = mapping.levels[1];
  //                        N  K  C  P  Q  R  S
  buffer.temporalFactors = {2, 2, 1, 1, 1, 3, 1};
  buffer.spatialFactors = {1, 1, 1, 3, 1, 1, 1};
  dram.temporalFactors = {1, 2, 1, 1, 3, 1, 3};
  dram.spatialFactors = {1, 1, 1, 1, 1, 1, 1};
  buffer.temporalOrder = {1, 5, 0, 2, 3, 4, 6}; // K, R, N
  dram.temporalOrder = {1, 6, 4, 0, 2, 3, 5};   // K, S, Q
  for (LevelMapping *lm : {&buffer, &dram}) {
    lm->spatialOrder = {0, 1, 2, 3, 4, 5, 6};
    lm->spatialSplit = 0; // P spreads over mesh Y
    lm->keep = {true, true, true};
  }
  ASSERT_TRUE(extrapolationMayDiffer(problem, mapping));
  Options walked;
  walked.linkTransfers = false;
  walked.extrapolateTemporal = false;
  oracle::Counts counts = oracle::simulate(problem, arch, mapping);
  llvm::Expected<Result> exact = evaluate(problem, arch, mapping, walked);
  ASSERT_TRUE(static_cast<bool>(exact));
  EXPECT_EQ(compare(problem, arch, mapping, *exact, counts), "");
  // The buffer's Inputs tile (N 2 x P + 2R 7 = 14 words) moves by 2 in
  // the last rank at each step of S or Q, by 0 at K's: the change of
  // stride reloads it whole at each of the 3 x 3 moves in the walk (126
  // words). Timeloop walks Q #0 (S #0, then S #1 for 2: 14 + 2 x 14) and
  // Q #1 for 2 (S #0 finds the tile where S #1 left it, 0; S #1 for 2:
  // 2 x 14): 42 + 2 x 28 = 98.
  llvm::Expected<Result> timeloop = evaluate(problem, arch, mapping);
  ASSERT_TRUE(static_cast<bool>(timeloop));
  EXPECT_EQ(exact->levels[0].tensors[1].fills, 126);
  EXPECT_EQ(counts.levels[0][1].fills, 126);
  EXPECT_EQ(timeloop->levels[0].tensors[1].fills, 98);
}

} // namespace
