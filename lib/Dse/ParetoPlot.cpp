//===- ParetoPlot.cpp - An SVG plot of a sweep's Pareto front -------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/ParetoPlot.h"
#include "Union/Support/PlotAxis.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <cmath>

using namespace mlir::union_::dse;

namespace {

constexpr double kWidth = 880, kHeight = 600;
constexpr double kLeft = 100, kRight = 170, kTop = 60, kBottom = 80;

using mlir::union_::plot::Axis;
using mlir::union_::plot::escape;
using mlir::union_::plot::label;

std::string colour(double t) { return mlir::union_::plot::viridis(t); }

} // namespace

void mlir::union_::dse::writeParetoSvg(llvm::raw_ostream &os,
                                       const SweepReport &report) {
  std::vector<size_t> valid;
  for (size_t i = 0; i < report.designs.size(); ++i)
    if (report.designs[i].status == DesignStatus::Valid)
      valid.push_back(i);
  double plotRight = kWidth - kRight, plotBottom = kHeight - kBottom;
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  os << llvm::format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                     "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                     "font-family=\"Helvetica, Arial, sans-serif\">\n",
                     kWidth, kHeight, kWidth, kHeight);
  os << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  os << llvm::format("<text x=\"%.0f\" y=\"30\" font-size=\"17\" "
                     "text-anchor=\"middle\">",
                     (kLeft + plotRight) / 2)
     << escape(report.workload) << ": " << report.numDesigns << " designs, "
     << report.getNumValid() << " valid, " << report.pareto.size()
     << " Pareto-optimal</text>\n";
  if (valid.empty()) {
    os << llvm::format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"15\" "
                       "text-anchor=\"middle\">no valid design</text>\n",
                       (kLeft + plotRight) / 2, (kTop + plotBottom) / 2);
    os << "</svg>\n";
    return;
  }
  // Energies are multiples of one MAC's; the plot shows µJ, as union-opt's
  // reports do.
  double macEnergyPj = report.spec.macEnergyPj;
  auto microjoules = [&](double energy) { return energy * macEnergyPj * 1e-6; };
  double minLatency = 1e300, maxLatency = 0, minEnergy = 1e300, maxEnergy = 0;
  for (size_t i : valid) {
    const DesignFigures &d = report.designs[i];
    minLatency = std::min(minLatency, double(d.latency));
    maxLatency = std::max(maxLatency, double(d.latency));
    minEnergy = std::min(minEnergy, microjoules(d.energy));
    maxEnergy = std::max(maxEnergy, microjoules(d.energy));
  }
  double minArea = 1e300, maxArea = 0;
  for (size_t i : report.pareto) {
    minArea = std::min(minArea, report.designs[i].area);
    maxArea = std::max(maxArea, report.designs[i].area);
  }
  Axis x = Axis::make(minLatency, maxLatency, kLeft, plotRight);
  Axis y = Axis::make(minEnergy, maxEnergy, plotBottom, kTop);

  // Frame, grid and ticks.
  os << llvm::format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                     "height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>\n",
                     kLeft, kTop, plotRight - kLeft, plotBottom - kTop);
  for (double t : x.ticks()) {
    double px = x.map(t);
    os << llvm::format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                       "stroke=\"#e4e4e4\"/>\n",
                       px, kTop, px, plotBottom);
    os << llvm::format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                       "text-anchor=\"middle\">%s</text>\n",
                       px, plotBottom + 18, label(t).c_str());
  }
  for (double t : y.ticks()) {
    double py = y.map(t);
    os << llvm::format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                       "stroke=\"#e4e4e4\"/>\n",
                       kLeft, py, plotRight, py);
    os << llvm::format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                       "text-anchor=\"end\">%s</text>\n",
                       kLeft - 6, py + 4, label(t).c_str());
  }
  os << llvm::format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"14\" "
                     "text-anchor=\"middle\">Latency (cycles%s)</text>\n",
                     (kLeft + plotRight) / 2, kHeight - 30,
                     x.log ? ", log scale" : "");
  os << llvm::format("<text x=\"28\" y=\"%.0f\" font-size=\"14\" "
                     "text-anchor=\"middle\" transform=\"rotate(-90 28 "
                     "%.0f)\">Energy (µJ at %g pJ per MAC%s)</text>\n",
                     (kTop + plotBottom) / 2, (kTop + plotBottom) / 2,
                     macEnergyPj, y.log ? ", log scale" : "");

  // Every distinct (latency, energy) of a valid design once, grey; when
  // there are more than 20,000, those that fall on the same half pixel
  // once. Then the front on top.
  std::vector<std::pair<int64_t, double>> points;
  points.reserve(valid.size());
  for (size_t i : valid)
    points.push_back({report.designs[i].latency, report.designs[i].energy});
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  std::vector<std::pair<long, long>> pixels;
  for (auto [latency, energy] : points)
    pixels.push_back({std::lround(x.map(double(latency)) * 2),
                      std::lround(y.map(microjoules(energy)) * 2)});
  if (points.size() > 20000) {
    std::sort(pixels.begin(), pixels.end());
    pixels.erase(std::unique(pixels.begin(), pixels.end()), pixels.end());
  }
  os << "<g fill=\"#b8b8b8\" fill-opacity=\"0.6\">\n";
  for (auto [px, py] : pixels)
    os << llvm::format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"1.6\"/>\n",
                       px / 2.0, py / 2.0);
  os << "</g>\n<g stroke=\"black\" stroke-width=\"0.6\">\n";
  for (size_t i : report.pareto) {
    const DesignFigures &d = report.designs[i];
    double t = maxArea > minArea ? (d.area - minArea) / (maxArea - minArea) : 0;
    os << llvm::format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
                       "fill=\"%s\"><title>design %llu: %lld cycles, energy "
                       "%.6g µJ, area %.6g um2</title></circle>\n",
                       x.map(double(d.latency)), y.map(microjoules(d.energy)),
                       colour(t).c_str(), (unsigned long long)d.index,
                       (long long)d.latency, microjoules(d.energy), d.area);
  }
  os << "</g>\n";

  // The best design of each objective: a ring and its name(s).
  std::vector<std::pair<long, std::string>> bestDesigns;
  for (const auto &entry : report.best) {
    auto objective = entry.first;
    long position = entry.second;
    if (position < 0)
      continue;
    auto it = llvm::find_if(bestDesigns,
                            [&](const auto &b) { return b.first == position; });
    std::string name = stringifyDseObjective(objective);
    if (name != "edp")
      name = "best " + name;
    else
      name = "best EDP";
    if (it == bestDesigns.end())
      bestDesigns.push_back({position, name});
    else
      it->second += ", " + name.substr(5);
  }
  // Numbered rings on the plot, each number on the side away from the
  // plot's centre (where the other designs are); names go in the legend.
  for (auto [k, best] : llvm::enumerate(bestDesigns)) {
    const DesignFigures &d = report.designs[best.first];
    double px = x.map(double(d.latency)), py = y.map(microjoules(d.energy));
    os << llvm::format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" "
                       "fill=\"none\" stroke=\"#d62728\" "
                       "stroke-width=\"1.8\"/>\n<text x=\"%.1f\" "
                       "y=\"%.1f\" font-size=\"12\" font-weight=\"bold\" "
                       "fill=\"#d62728\">%u</text>\n",
                       px, py, px + (px < (kLeft + plotRight) / 2 ? -17 : 9),
                       py + (py > (kTop + plotBottom) / 2 ? 19 : -9),
                       unsigned(k + 1));
  }

  // Colour bar for area, and a legend.
  double barX = plotRight + 30, barTop = kTop + 40, barHeight = 260;
  os << "<defs><linearGradient id=\"area\" x1=\"0\" y1=\"1\" x2=\"0\" "
        "y2=\"0\">\n";
  for (int s = 0; s <= 4; ++s)
    os << llvm::format("<stop offset=\"%.2f\" stop-color=\"%s\"/>\n", s / 4.0,
                       colour(s / 4.0).c_str());
  os << "</linearGradient></defs>\n";
  os << llvm::format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"13\">Area "
                     "(um2)</text>\n",
                     barX - 6, barTop - 12);
  os << llvm::format("<rect x=\"%.0f\" y=\"%.0f\" width=\"18\" "
                     "height=\"%.0f\" fill=\"url(#area)\" stroke=\"#333\"/>\n",
                     barX, barTop, barHeight);
  for (int s = 0; s <= 4; ++s) {
    double value = minArea + (maxArea - minArea) * s / 4.0;
    os << llvm::format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%s"
                       "</text>\n",
                       barX + 24, barTop + barHeight - barHeight * s / 4.0 + 4,
                       label(value).c_str());
  }
  double legendY = barTop + barHeight + 40;
  os << llvm::format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"3\" "
                     "fill=\"#b8b8b8\"/><text x=\"%.0f\" y=\"%.0f\" "
                     "font-size=\"11\">valid design</text>\n",
                     barX + 4, legendY, barX + 14, legendY + 4);
  os << llvm::format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"4.5\" "
                     "fill=\"%s\" stroke=\"black\" stroke-width=\"0.6\"/>"
                     "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">Pareto-"
                     "optimal</text>\n",
                     barX + 4, legendY + 20, colour(0.5).c_str(), barX + 14,
                     legendY + 24);
  os << llvm::format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"6\" "
                     "fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.8\"/>"
                     "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">best "
                     "design:</text>\n",
                     barX + 4, legendY + 40, barX + 14, legendY + 44);
  for (auto [k, best] : llvm::enumerate(bestDesigns)) {
    double lineY = legendY + 62 + 30 * k;
    os << llvm::format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">"
                       "<tspan font-weight=\"bold\" fill=\"#d62728\">%u"
                       "</tspan> ",
                       barX - 2, lineY, unsigned(k + 1))
       << escape(best.second.substr(5)) << "</text>\n";
    os << llvm::format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">"
                       "design %llu</text>\n",
                       barX + 8, lineY + 13,
                       (unsigned long long)report.designs[best.first].index);
  }
  os << "</svg>\n";
}
