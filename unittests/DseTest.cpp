//===- DseTest.cpp - Sweeps, Pareto fronts and a replaced area model ------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/Explorer.h"
#include "Union/Dse/Pareto.h"

#include <gtest/gtest.h>

using namespace mlir::union_;
using namespace mlir::union_::dse;

namespace {

DesignFigures point(uint64_t index, int64_t latency, double energy,
                    double area) {
  DesignFigures d;
  d.index = index;
  d.latency = latency;
  d.energy = energy;
  d.area = area;
  return d;
}

TEST(DseTest, ParetoFrontByHand) {
  std::vector<DesignFigures> designs = {
      point(0, 10, 5, 5),  // front
      point(1, 12, 5, 5),  // dominated by 0 (slower, same otherwise)
      point(2, 20, 1, 9),  // front: least energy
      point(3, 10, 5, 5),  // equal to 0: not dominated
      point(4, 30, 9, 1),  // front: least area
      point(5, 30, 9, 2),  // dominated by 4
      point(6, 9, 20, 20), // front: fastest
  };
  designs[5].status = DesignStatus::Valid;
  DesignFigures invalid = point(7, 1, 1, 1);
  invalid.status = DesignStatus::L1TooSmall; // would dominate all if valid
  designs.push_back(invalid);
  std::vector<size_t> front = getParetoFront(designs);
  EXPECT_EQ(front, (std::vector<size_t>{0, 2, 3, 4, 6}));
  EXPECT_EQ(getBestDesign(designs, DseObjective::Latency), 6);
  EXPECT_EQ(getBestDesign(designs, DseObjective::Energy), 2);
  EXPECT_EQ(getBestDesign(designs, DseObjective::Area), 4);
  // EDP: 50 for designs 0 and 3 (tie broken by index), 20 for design 2.
  EXPECT_EQ(getBestDesign(designs, DseObjective::EDP), 2);
}

TEST(DseTest, DesignNumbering) {
  auto spec = parseSweepSpec(R"({"pes": [64, 128], "noc_bw": [8, 16, 32],
                                 "l1_size": [1, 2], "l2_size": [10, 20, 30],
                                 "dataflows": ["KC-P", "X-P"]})");
  ASSERT_TRUE(static_cast<bool>(spec)) << llvm::toString(spec.takeError());
  EXPECT_EQ(spec->getNumDesigns(), 2u * 2 * 3 * 2 * 3);
  EXPECT_EQ(spec->getGroupSize(), 6u);
  // Buffer sizes are the innermost digits (l2 fastest), the dataflow the
  // outermost.
  Design d = getDesign(*spec, 1);
  EXPECT_EQ(d.l1Size, 1);
  EXPECT_EQ(d.l2Size, 20);
  d = getDesign(*spec, 6 * 3 + 6 + 5);
  EXPECT_EQ(d.hardware.numPes, 128);
  EXPECT_EQ(d.hardware.nocBandwidth, 16);
  EXPECT_EQ(d.l1Size, 2);
  EXPECT_EQ(d.l2Size, 30);
  EXPECT_EQ(d.dataflow, 0u);
  EXPECT_EQ(getDesign(*spec, 36).dataflow, 1u);
}

TEST(DseTest, ReplacedAreaModel) {
  auto spec = parseSweepSpec(R"({"pes": [64, 256], "noc_bw": [8],
                                 "max_area": 100})");
  ASSERT_TRUE(static_cast<bool>(spec));
  // A stand-in analysis: the same figures for every design.
  GroupAnalysis analysis = [](const Design &) {
    WorkloadFigures w;
    w.mapped = true;
    w.latency = 1000;
    w.energy = 50;
    return w;
  };
  ExploreOptions options;
  options.keepInvalid = true;
  options.areaPower = [](const Design &design, int64_t, int64_t) {
    maestro::AreaPower model;
    model.area = double(design.hardware.numPes); // 64 or 256
    model.power = 1;
    return model;
  };
  ExploreResult result = explore(*spec, analysis, options);
  ASSERT_EQ(result.designs.size(), 2u);
  EXPECT_EQ(result.designs[0].area, 64);
  EXPECT_EQ(result.designs[0].status, DesignStatus::Valid);
  EXPECT_EQ(result.designs[1].area, 256);
  EXPECT_EQ(result.designs[1].status, DesignStatus::OverArea);
}

} // namespace
