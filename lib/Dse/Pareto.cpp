//===- Pareto.cpp - The Pareto front of a design sweep --------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/Pareto.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

using namespace mlir::union_::dse;

namespace {
/// A valid design's objectives, packed so that sorting and the dominance
/// scan stay in cache (a sweep has tens of thousands of designs).
struct Point {
  int64_t latency;
  double energy, area;
  uint64_t index;  ///< the design's index, the last tie-break
  size_t position; ///< in the designs vector

  auto key() const { return std::make_tuple(latency, energy, area, index); }
  bool dominates(const Point &other) const {
    return latency <= other.latency && energy <= other.energy &&
           area <= other.area &&
           (latency < other.latency || energy < other.energy ||
            area < other.area);
  }
};
} // namespace

std::vector<size_t>
mlir::union_::dse::getParetoFront(const std::vector<DesignFigures> &designs) {
  std::vector<Point> points;
  points.reserve(designs.size());
  for (size_t i = 0; i < designs.size(); ++i)
    if (designs[i].status == DesignStatus::Valid)
      points.push_back({designs[i].latency, designs[i].energy, designs[i].area,
                        designs[i].index, i});
  // In lexicographic order a design can only be dominated by an earlier
  // one, and if any earlier design dominates it, one on the front does.
  std::sort(points.begin(), points.end(),
            [](const Point &a, const Point &b) { return a.key() < b.key(); });
  std::vector<Point> front;
  bool finite = std::all_of(points.begin(), points.end(), [](const Point &p) {
    return std::isfinite(p.energy) && std::isfinite(p.area);
  });
  if (!finite) {
    // NaNs compare false both ways: the plain scan handles them.
    for (const Point &point : points)
      if (std::none_of(front.begin(), front.end(), [&](const Point &member) {
            return member.dominates(point);
          }))
        front.push_back(point);
  } else {
    // An earlier design dominates a later one exactly when its (energy,
    // area) is no larger in both and its triple differs. The staircase
    // keeps the minimal (energy, area) pairs seen, areas falling as
    // energies rise; a run of equal triples is checked against the designs
    // before it, then added.
    std::map<double, double> staircase;
    auto isCovered = [&](const Point &point) {
      auto above = staircase.upper_bound(point.energy);
      return above != staircase.begin() &&
             std::prev(above)->second <= point.area;
    };
    for (size_t runStart = 0; runStart < points.size();) {
      const Point &head = points[runStart];
      size_t runEnd = runStart + 1;
      while (runEnd < points.size() && points[runEnd].latency == head.latency &&
             points[runEnd].energy == head.energy &&
             points[runEnd].area == head.area)
        ++runEnd;
      if (!isCovered(head)) {
        front.insert(front.end(), points.begin() + runStart,
                     points.begin() + runEnd);
        // Drop the pairs the new one covers, then add it.
        auto it = staircase.lower_bound(head.energy);
        while (it != staircase.end() && it->second >= head.area)
          it = staircase.erase(it);
        staircase[head.energy] = head.area;
      }
      runStart = runEnd;
    }
  }
  std::vector<size_t> positions;
  for (const Point &member : front)
    positions.push_back(member.position);
  std::sort(positions.begin(), positions.end());
  return positions;
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
