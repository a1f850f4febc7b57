//===- ConstrainedMapSpaceTest.cpp - Pruning checked by brute force -------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every test here enumerates the whole unpruned space of a small problem,
// decides each point against each constraint with `satisfies` (the
// definitions), and holds the counting/indexing of ConstrainedMapSpace to
// the result: the size after each rule equals the number of enumerated
// points passing all rules so far, every kept point has an index that
// decodes back to it, and every dropped point violates a named rule.
//
//===----------------------------------------------------------------------===//

#include "Union/MapSpace/ConstrainedMapSpace.h"

#include "TestBudget.h"

#include "gtest/gtest.h"

#include <set>

using namespace mlir::union_;

namespace {

SpaceTensor tensor(std::string name, bool isOutput,
                   std::vector<SpaceIndex> indices, int64_t bits = 16) {
  SpaceTensor t;
  t.name = std::move(name);
  t.isOutput = isOutput;
  t.bits = bits;
  t.indices = std::move(indices);
  for (const SpaceIndex &index : t.indices)
    for (auto [dim, coefficient] : index)
      t.relevantDims |= uint64_t(1) << dim;
  return t;
}

/// 1-D convolution: dims K=2, C=2, P=3, R=2; input[c, p + r], weight[k, c,
/// r], output[k, p].
SpaceProblem conv() {
  SpaceProblem p;
  p.dimNames = {"K", "C", "P", "R"};
  p.dimSizes = {2, 2, 3, 2};
  p.tensors = {tensor("input", false, {{{1, 1}}, {{2, 1}, {3, 1}}}),
               tensor("weight", false, {{{0, 1}}, {{1, 1}}, {{3, 1}}}),
               tensor("output", true, {{{0, 1}}, {{2, 1}}})};
  return p;
}

/// GEMM: M=2, N=3 (prime), K=2; A[m, k], B[k, n], C[m, n].
SpaceProblem gemm() {
  SpaceProblem p;
  p.dimNames = {"M", "N", "K"};
  p.dimSizes = {2, 3, 2};
  p.tensors = {tensor("A", false, {{{0, 1}}, {{2, 1}}}),
               tensor("B", false, {{{2, 1}}, {{1, 1}}}),
               tensor("C", true, {{{0, 1}}, {{1, 1}}})};
  return p;
}

/// 4-index contraction C[a, b] += A[a, c, d] * B[c, d, b], with a unit dim.
SpaceProblem contraction() {
  SpaceProblem p;
  p.dimNames = {"a", "b", "c", "d"};
  p.dimSizes = {2, 2, 6, 1};
  p.tensors = {tensor("A", false, {{{0, 1}}, {{2, 1}}, {{3, 1}}}, 8),
               tensor("B", false, {{{2, 1}}, {{3, 1}}, {{1, 1}}}, 8),
               tensor("C", true, {{{0, 1}}, {{1, 1}}}, 32)};
  return p;
}

Constraint rule(ConstraintSource source, ConstraintKind kind, int level = -1) {
  Constraint c;
  c.source = source;
  c.kind = kind;
  c.level = level;
  return c;
}

std::vector<MapSpaceLevel> unprunedLevels(const std::vector<SpaceLevel> &l) {
  std::vector<MapSpaceLevel> levels;
  for (const SpaceLevel &level : l)
    levels.push_back({level.name, level.fanoutBelow});
  return levels;
}

/// Checks the space after every prefix of `constraints` against brute
/// force, and indexing on the full set. The sanitizer build visits every
/// 13th point (13 is prime, so the sample crosses every digit of the
/// mixed-radix index) and checks sizes only as bounds (TestBudget.h).
void checkAgainstBruteForce(const SpaceProblem &problem,
                            const std::vector<SpaceLevel> &levels,
                            const std::vector<Constraint> &constraints,
                            bool expectEmpty = false) {
  MapSpace unpruned(problem.dimSizes, problem.tensors.size(),
                    unprunedLevels(levels));
  ASSERT_TRUE(unpruned.size().has_value());
  uint64_t total = uint64_t(*unpruned.size());
  ASSERT_LT(total, 3'000'000u) << "test space too large to enumerate";
  const uint64_t stride = sanitizerBudget(1, 13);
  const bool everyPoint = stride == 1;

  // firstFailure[j]: the first constraint point j * stride violates, or
  // size().
  std::vector<uint16_t> firstFailure((total + stride - 1) / stride);
  for (uint64_t i = 0; i < total; i += stride) {
    MapPoint p = unpruned.point(i);
    unsigned k = 0;
    while (k < constraints.size() &&
           satisfies(constraints[k], problem, levels, p))
      ++k;
    firstFailure[i / stride] = k;
  }
  // Sizes after each prefix.
  for (unsigned k = 0; k <= constraints.size(); ++k) {
    std::vector<Constraint> prefix(constraints.begin(),
                                   constraints.begin() + k);
    auto built = ConstrainedMapSpace::build(problem, levels, prefix);
    ASSERT_TRUE(bool(built)) << llvm::toString(built.takeError());
    std::unique_ptr<ConstrainedMapSpace> space = std::move(*built);
    uint64_t kept = 0;
    for (uint16_t f : firstFailure)
      kept += f >= k;
    ASSERT_TRUE(space->size().has_value());
    std::string last =
        k ? describeConstraint(constraints[k - 1], problem, levels) : "";
    if (everyPoint)
      ASSERT_EQ(uint64_t(*space->size()), kept)
          << "after " << k << " rules, the last " << last;
    else
      ASSERT_GE(uint64_t(*space->size()), kept)
          << "after " << k << " rules, the last " << last;
  }
  auto built = ConstrainedMapSpace::build(problem, levels, constraints);
  ASSERT_TRUE(bool(built)) << llvm::toString(built.takeError());
  std::unique_ptr<ConstrainedMapSpace> space = std::move(*built);
  uint64_t size = uint64_t(*space->size());
  if (expectEmpty)
    EXPECT_EQ(size, 0u);
  else
    EXPECT_GT(size, 0u);
  // Every enumerated point: kept <=> satisfies all, and kept points round
  // trip through their index.
  std::set<uint64_t> indices;
  for (uint64_t i = 0; i < total; i += stride) {
    MapPoint p = unpruned.point(i);
    std::optional<MapIndex> index = space->index(p);
    bool satisfiesAll = firstFailure[i / stride] == constraints.size();
    ASSERT_EQ(index.has_value(), satisfiesAll) << "point " << i;
    if (!index)
      continue;
    ASSERT_LT(uint64_t(*index), size);
    ASSERT_TRUE(space->point(*index) == p) << "point " << i;
    indices.insert(uint64_t(*index));
  }
  if (everyPoint)
    EXPECT_EQ(indices.size(), size);
  // And decoding every index gives a point satisfying every rule.
  for (uint64_t i = 0; i < size; i += stride) {
    MapPoint p = space->point(i);
    for (const Constraint &c : constraints)
      ASSERT_TRUE(satisfies(c, problem, levels, p))
          << "index " << i << " violates "
          << describeConstraint(c, problem, levels);
  }
}

std::vector<Constraint> concat(std::vector<std::vector<Constraint>> parts) {
  std::vector<Constraint> all;
  for (auto &part : parts)
    all.insert(all.end(), part.begin(), part.end());
  return all;
}

TEST(ConstrainedMapSpace, UnconstrainedEqualsTheUnprunedSpace) {
  SpaceProblem problem = conv();
  std::vector<SpaceLevel> levels = {{"DRAM", 4, 2, 0}, {"L1", 1, 0, 64}};
  auto space = cantFail(ConstrainedMapSpace::build(problem, levels, {}));
  MapSpace unpruned(problem.dimSizes, 3, unprunedLevels(levels));
  EXPECT_EQ(toString(*space->size()), toString(*unpruned.size()));
}

TEST(ConstrainedMapSpace, ConvHardwareWorkloadMapper) {
  SpaceProblem problem = conv();
  // DRAM feeds a 2x2 array of PEs, each with a 96-bit L1.
  std::vector<SpaceLevel> levels = {{"DRAM", 4, 2, 0}, {"L1", 1, 0, 96}};
  std::vector<Constraint> mapper;
  Constraint maxTile =
      rule(ConstraintSource::Mapper, ConstraintKind::MaxTile, 1);
  maxTile.dims = 1u << 2; // P
  maxTile.value = 1;
  Constraint order = rule(ConstraintSource::Mapper, ConstraintKind::Order, 0);
  order.order = {1, 0}; // C outside K at DRAM
  Constraint util =
      rule(ConstraintSource::Mapper, ConstraintKind::MinUtilization, 0);
  util.fraction = 0.5;
  checkAgainstBruteForce(problem, levels,
                         concat({getHardwareConstraints(problem, levels),
                                 getWorkloadConstraints(),
                                 {maxTile, order, util}}));
}

TEST(ConstrainedMapSpace, ConvDataflowPresets) {
  SpaceProblem problem = conv();
  std::vector<SpaceLevel> levels = {{"DRAM", 4, 2, 0}, {"L1", 1, 0, 128}};
  for (std::string preset : {"nvdla", "eyeriss", "shidiannao", "tpu"}) {
    SCOPED_TRACE(preset);
    auto preset_ = getDataflowPresetConstraints(preset, problem, levels);
    ASSERT_TRUE(bool(preset_)) << llvm::toString(preset_.takeError());
    std::vector<Constraint> dataflow = std::move(*preset_);
    ASSERT_FALSE(dataflow.empty());
    checkAgainstBruteForce(problem, levels,
                           concat({getHardwareConstraints(problem, levels),
                                   dataflow, getWorkloadConstraints()}));
  }
}

TEST(ConstrainedMapSpace, GemmThreeLevelsWithPlacement) {
  SpaceProblem problem = gemm();
  // DRAM -> L2 (96 bits) -(4, 2x2)-> L1 that may only hold B.
  std::vector<SpaceLevel> levels = {
      {"DRAM", 1, 0, 0}, {"L2", 4, 2, 96}, {"L1", 1, 0, 32, 0b010}};
  Constraint pow2 = rule(ConstraintSource::Mapper, ConstraintKind::PowerOfTwo);
  Constraint minimalBypass =
      rule(ConstraintSource::Mapper, ConstraintKind::MinimalBypass);
  Constraint oneOuterLoop =
      rule(ConstraintSource::Mapper, ConstraintKind::OneOuterLoop, 1);
  Constraint minTile =
      rule(ConstraintSource::Mapper, ConstraintKind::MinTile, 1);
  minTile.dims = 1u << 1; // N
  minTile.value = 3;
  checkAgainstBruteForce(problem, levels,
                         concat({getHardwareConstraints(problem, levels),
                                 getWorkloadConstraints(),
                                 {pow2, minTile}}));
  // The search constraints a cost model like MAESTRO's adds (one dim
  // across the array here; MAESTRO's two cluster levels allow two).
  Constraint maxSpatialDims =
      rule(ConstraintSource::Mapper, ConstraintKind::MaxSpatialDims, 1);
  maxSpatialDims.value = 1;
  checkAgainstBruteForce(
      problem, levels,
      concat({getHardwareConstraints(problem, levels),
              getWorkloadConstraints(),
              {minimalBypass, oneOuterLoop, maxSpatialDims}}));
}

TEST(ConstrainedMapSpace, ContractionWithVectorUnitAndSpatialDims) {
  SpaceProblem problem = contraction();
  // DRAM -(2)-> L1 (80 bits) with a 2-wide vector unit.
  std::vector<SpaceLevel> levels = {{"DRAM", 2, 0, 0}, {"L1", 2, 0, 80}};
  Constraint spatial =
      rule(ConstraintSource::Mapper, ConstraintKind::SpatialDims, 1);
  spatial.dims = 1u << 2; // only c across the vector lanes
  Constraint stationary =
      rule(ConstraintSource::Hardware, ConstraintKind::Stationary, 1);
  stationary.tensor = 2;
  Constraint pow2 = rule(ConstraintSource::Mapper, ConstraintKind::PowerOfTwo);
  checkAgainstBruteForce(problem, levels,
                         concat({getHardwareConstraints(problem, levels),
                                 {spatial, stationary},
                                 getWorkloadConstraints(),
                                 {pow2}}));
  // c = 6 can loop at both levels, which one_outer_loop forbids.
  Constraint oneOuterLoop =
      rule(ConstraintSource::Mapper, ConstraintKind::OneOuterLoop, 1);
  Constraint minimalBypass =
      rule(ConstraintSource::Mapper, ConstraintKind::MinimalBypass);
  checkAgainstBruteForce(problem, levels,
                         concat({getHardwareConstraints(problem, levels),
                                 getWorkloadConstraints(),
                                 {oneOuterLoop, minimalBypass}}));
}

TEST(ConstrainedMapSpace, TimeloopArchitectureConstraints) {
  // Timeloop's mapper constraints: keep/bypass per level, temporal factors
  // of 1 (temporal_dims), exact spatial factors (spatial_factor).
  SpaceProblem problem = gemm();
  std::vector<SpaceLevel> levels = {
      {"DRAM", 1, 0, 0}, {"L2", 4, 0, 0}, {"L1", 1, 0, 64}};
  Constraint keep = rule(ConstraintSource::Mapper, ConstraintKind::Keep, 1);
  keep.tensor = 0;
  Constraint bypass = rule(ConstraintSource::Mapper, ConstraintKind::Bypass, 1);
  bypass.tensor = 1;
  Constraint temporal =
      rule(ConstraintSource::Mapper, ConstraintKind::TemporalDims, 2);
  temporal.dims = 0b101; // M, K
  Constraint factor =
      rule(ConstraintSource::Mapper, ConstraintKind::SpatialFactor, 1);
  factor.dims = 1u << 1; // N
  factor.value = 3;
  checkAgainstBruteForce(problem, levels,
                         concat({getHardwareConstraints(problem, levels),
                                 getWorkloadConstraints(),
                                 {keep, bypass, temporal, factor}}));
  // Each alone, and temporal_dims at the outermost level.
  Constraint outerTemporal =
      rule(ConstraintSource::Mapper, ConstraintKind::TemporalDims, 0);
  outerTemporal.dims = 0b011; // M, N
  for (const Constraint &c : {keep, bypass, temporal, factor, outerTemporal})
    checkAgainstBruteForce(
        problem, levels,
        concat({getHardwareConstraints(problem, levels), {c}}));
}

TEST(ConstrainedMapSpace, ImpossibleConstraintsGiveAnEmptySpace) {
  SpaceProblem problem = gemm();
  std::vector<SpaceLevel> levels = {{"DRAM", 4, 2, 0}, {"L1", 1, 0, 64}};
  // Use at least 4 PEs, but only M (size 2) may be spatial.
  Constraint util =
      rule(ConstraintSource::Mapper, ConstraintKind::MinUtilization, 0);
  util.fraction = 1.0;
  Constraint spatial =
      rule(ConstraintSource::Mapper, ConstraintKind::SpatialDims, 0);
  spatial.dims = 1u << 0;
  checkAgainstBruteForce(
      problem, levels,
      concat({getHardwareConstraints(problem, levels), {spatial, util}}),
      /*expectEmpty=*/true);
}

TEST(ConstrainedMapSpace, SamplesAreUniformOverTheSpace) {
  SpaceProblem problem = gemm();
  std::vector<SpaceLevel> levels = {{"DRAM", 4, 2, 0}, {"L1", 1, 0, 64}};
  std::string error;
  auto space = cantFail(ConstrainedMapSpace::build(
      problem, levels,
      concat({getHardwareConstraints(problem, levels),
              getWorkloadConstraints()})));
  uint64_t size = uint64_t(*space->size());
  std::vector<unsigned> hits(size, 0);
  std::mt19937_64 random(42);
  unsigned draws = size * 200;
  for (unsigned i = 0; i < draws; ++i)
    ++hits[uint64_t(*space->index(space->sample(random)))];
  // Each point is drawn 200 times on average; a chi-square bound far in
  // the tail catches a skewed sampler.
  double chiSquare = 0;
  for (unsigned h : hits)
    chiSquare += (h - 200.0) * (h - 200.0) / 200.0;
  EXPECT_LT(chiSquare, size * 1.5 + 100);
}

TEST(ConstrainedMapSpace, RefusesTooManyTileShapes) {
  SpaceProblem problem;
  for (int d = 0; d < 12; ++d) {
    problem.dimNames.push_back("d" + std::to_string(d));
    problem.dimSizes.push_back(720720); // 240 divisors each
  }
  auto built = ConstrainedMapSpace::build(problem, {{"DRAM"}}, {});
  ASSERT_FALSE(bool(built));
  std::string error = llvm::toString(built.takeError());
  EXPECT_NE(error.find("tile shapes"), std::string::npos) << error;
}

} // namespace
