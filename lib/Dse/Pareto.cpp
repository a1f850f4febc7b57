//===- Pareto.cpp - The Pareto front of a design sweep --------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/Pareto.h"

#include <algorithm>
#include <numeric>
#include <tuple>

using namespace mlir::union_::dse;

namespace {
auto key(const DesignFigures &d) {
  return std::make_tuple(d.latency, d.energy, d.area, d.index);
}
bool dominates(const DesignFigures &a, const DesignFigures &b) {
  return a.latency <= b.latency && a.energy <= b.energy && a.area <= b.area &&
         (a.latency < b.latency || a.energy < b.energy || a.area < b.area);
}
} // namespace

std::vector<size_t>
mlir::union_::dse::getParetoFront(const std::vector<DesignFigures> &designs) {
  std::vector<size_t> order;
  for (size_t i = 0; i < designs.size(); ++i)
    if (designs[i].status == DesignStatus::Valid)
      order.push_back(i);
  // In lexicographic order a design can only be dominated by an earlier
  // one, and if any earlier design dominates it, one on the front does.
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return key(designs[a]) < key(designs[b]);
  });
  std::vector<size_t> front;
  for (size_t i : order) {
    bool dominated = false;
    for (size_t j : front)
      if (dominates(designs[j], designs[i])) {
        dominated = true;
        break;
      }
    if (!dominated)
      front.push_back(i);
  }
  std::sort(front.begin(), front.end());
  return front;
}

const char *mlir::union_::dse::stringifyDseObjective(DseObjective objective) {
  switch (objective) {
  case DseObjective::Latency:
    return "latency";
  case DseObjective::Energy:
    return "energy";
  case DseObjective::Area:
    return "area";
  case DseObjective::EDP:
    return "edp";
  }
  return "?";
}

long mlir::union_::dse::getBestDesign(const std::vector<DesignFigures> &designs,
                                      DseObjective objective) {
  long best = -1;
  auto score = [&](const DesignFigures &d) {
    double primary = objective == DseObjective::Latency  ? double(d.latency)
                     : objective == DseObjective::Energy ? d.energy
                     : objective == DseObjective::Area
                         ? d.area
                         : double(d.latency) * d.energy;
    return std::make_tuple(primary, d.latency, d.energy, d.area, d.index);
  };
  for (size_t i = 0; i < designs.size(); ++i) {
    if (designs[i].status != DesignStatus::Valid)
      continue;
    if (best < 0 || score(designs[i]) < score(designs[best]))
      best = long(i);
  }
  return best;
}
