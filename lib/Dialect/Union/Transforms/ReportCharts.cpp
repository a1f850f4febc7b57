//===- ReportCharts.cpp - union-report's SVG charts -----------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/Transforms/ReportCharts.h"
#include "Union/Support/PlotAxis.h"

#include "llvm/Support/Format.h"

#include <algorithm>
#include <map>

using namespace mlir::union_;
using llvm::format;
using llvm::raw_ostream;
using plot::Axis;
using plot::escape;

namespace {

constexpr double kWidth = 1000, kPanelHeight = 420;
constexpr double kLeft = 90, kRight = 190, kTop = 50, kBottom = 110;

/// A panel's frame, title, grid and axis titles; returns its plot area.
struct Panel {
  double top, left = kLeft, right = kWidth - kRight, bottom;
};

Panel beginPanel(raw_ostream &os, double top, llvm::StringRef title) {
  Panel panel{top + kTop, kLeft, kWidth - kRight, top + kPanelHeight - kBottom};
  os << format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"16\" "
               "text-anchor=\"middle\">",
               (panel.left + panel.right) / 2, top + 28)
     << escape(title.str()) << "</text>\n";
  os << format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
               "fill=\"none\" stroke=\"#333\"/>\n",
               panel.left, panel.top, panel.right - panel.left,
               panel.bottom - panel.top);
  return panel;
}

void drawYAxis(raw_ostream &os, const Panel &panel, const Axis &y,
               llvm::StringRef title) {
  for (double t : y.ticks()) {
    double py = y.map(t);
    os << format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"#e4e4e4\"/>\n<text x=\"%.1f\" y=\"%.1f\" "
                 "font-size=\"11\" text-anchor=\"end\">%s</text>\n",
                 panel.left, py, panel.right, py, panel.left - 5, py + 4,
                 plot::label(t).c_str());
  }
  double middle = (panel.top + panel.bottom) / 2;
  os << format("<text x=\"24\" y=\"%.0f\" font-size=\"13\" "
               "text-anchor=\"middle\" transform=\"rotate(-90 24 %.0f)\">",
               middle, middle)
     << escape(title.str()) << (y.log ? " (log scale)" : "") << "</text>\n";
}

/// Op names under the bars, turned so that they fit.
void drawOpNames(raw_ostream &os, const Panel &panel,
                 llvm::ArrayRef<ChartOp> ops, double slot) {
  for (auto [i, op] : llvm::enumerate(ops)) {
    double x = panel.left + slot * (i + 0.5);
    os << format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" "
                 "text-anchor=\"end\" transform=\"rotate(-60 %.1f %.1f)\">",
                 x, panel.bottom + 10, x, panel.bottom + 10)
       << escape(op.label) << "</text>\n";
  }
}

void drawLegend(raw_ostream &os, const Panel &panel,
                llvm::ArrayRef<std::pair<std::string, std::string>> entries,
                llvm::StringRef title) {
  double x = panel.right + 18, y = panel.top + 8;
  os << format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">", x, y)
     << escape(title.str()) << "</text>\n";
  for (auto [k, entry] : llvm::enumerate(entries)) {
    double rowY = y + 18 * (k + 1);
    os << format("<rect x=\"%.0f\" y=\"%.0f\" width=\"12\" height=\"12\" "
                 "fill=\"%s\"/><text x=\"%.0f\" y=\"%.0f\" "
                 "font-size=\"11\">",
                 x, rowY - 10, entry.second.c_str(), x + 17, rowY)
       << escape(entry.first) << "</text>\n";
  }
}

/// Energy per level per op, stacked, outermost level at the bottom.
void drawEnergy(raw_ostream &os, llvm::ArrayRef<ChartOp> ops, double top) {
  Panel panel = beginPanel(os, top, "Energy per level per op");
  std::vector<std::string> levels;
  double most = 0;
  for (const ChartOp &op : ops) {
    double total = 0;
    for (const auto &[level, energy] : op.levelEnergies) {
      if (llvm::find(levels, level) == levels.end())
        levels.push_back(level);
      total += energy / 1e6;
    }
    most = std::max(most, total);
  }
  Axis y = Axis::make(0, std::max(most, 1e-12), panel.bottom, panel.top);
  y.low = 0; // bars stand on zero
  drawYAxis(os, panel, y, "energy (uJ)");
  double slot = (panel.right - panel.left) / std::max<size_t>(ops.size(), 1);
  os << "<g class=\"energy\">\n";
  for (auto [i, op] : llvm::enumerate(ops)) {
    double base = 0;
    for (const auto &[level, energy] : op.levelEnergies) {
      double uj = energy / 1e6;
      size_t colour = llvm::find(levels, level) - levels.begin();
      double y0 = y.map(base), y1 = y.map(base + uj);
      os << format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                   "height=\"%.2f\" fill=\"%s\"><title>",
                   panel.left + slot * i + slot * 0.1, y1, slot * 0.8,
                   std::max(0.0, y0 - y1), plot::categoryColour(colour))
         << escape(op.label) << ": " << escape(level) << format(" %.4g uJ", uj)
         << "</title></rect>\n";
      base += uj;
    }
  }
  os << "</g>\n";
  drawOpNames(os, panel, ops, slot);
  std::vector<std::pair<std::string, std::string>> legend;
  for (auto [k, level] : llvm::enumerate(levels))
    legend.push_back({level, plot::categoryColour(k)});
  drawLegend(os, panel, legend, "level");
}

/// Cycles per op, coloured by what bounds them.
void drawCycles(raw_ostream &os, llvm::ArrayRef<ChartOp> ops, double top) {
  Panel panel = beginPanel(os, top, "Cycles per op, by what bounds them");
  std::vector<std::string> kinds;
  double least = 1e300, most = 0;
  for (const ChartOp &op : ops) {
    std::string kind = op.bottleneck.empty() ? "not given" : op.bottleneck;
    if (llvm::find(kinds, kind) == kinds.end())
      kinds.push_back(kind);
    least = std::min(least, op.cycles);
    most = std::max(most, op.cycles);
  }
  Axis y = Axis::make(std::max(least, 1.0), std::max(most, 1.0), panel.bottom,
                      panel.top);
  if (!y.log)
    y.low = 0;
  drawYAxis(os, panel, y, "cycles");
  double slot = (panel.right - panel.left) / std::max<size_t>(ops.size(), 1);
  os << "<g class=\"cycles\">\n";
  for (auto [i, op] : llvm::enumerate(ops)) {
    std::string kind = op.bottleneck.empty() ? "not given" : op.bottleneck;
    size_t colour = llvm::find(kinds, kind) - kinds.begin();
    double y1 = y.map(std::max(op.cycles, y.log ? y.low : 0.0));
    os << format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.2f\" "
                 "fill=\"%s\"><title>",
                 panel.left + slot * i + slot * 0.1, y1, slot * 0.8,
                 std::max(0.0, panel.bottom - y1), plot::categoryColour(colour))
       << escape(op.label) << format(": %.0f cycles, ", op.cycles)
       << escape(kind) << "</title></rect>\n";
  }
  os << "</g>\n";
  drawOpNames(os, panel, ops, slot);
  std::vector<std::pair<std::string, std::string>> legend;
  for (auto [k, kind] : llvm::enumerate(kinds))
    legend.push_back({kind, plot::categoryColour(k)});
  drawLegend(os, panel, legend, "bound by");
}

/// MACs per cycle against MACs per off-chip word, under the roofs.
void drawRoofline(raw_ostream &os, llvm::ArrayRef<ChartOp> ops,
                  const ChartMachine &machine, double top) {
  Panel panel =
      beginPanel(os, top,
                 "Roofline on " + machine.name + " (" +
                     (machine.offChipLevel.empty() ? std::string("off-chip")
                                                   : machine.offChipLevel) +
                     " traffic)");
  std::vector<const ChartOp *> placed;
  for (const ChartOp &op : ops)
    if (op.offChipWords > 0 && op.cycles > 0 && op.macs > 0)
      placed.push_back(&op);
  double peak = std::max(machine.peakMacsPerCycle, 1.0);
  double lowX = 1e300, highX = 0, lowY = peak, highY = peak;
  for (const ChartOp *op : placed) {
    double intensity = op->macs / op->offChipWords;
    lowX = std::min(lowX, intensity);
    highX = std::max(highX, intensity);
    lowY = std::min(lowY, op->macs / op->cycles);
  }
  if (placed.empty()) {
    os << format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"14\" "
                 "text-anchor=\"middle\">no op's cost counts its off-chip "
                 "traffic</text>\n",
                 (panel.left + panel.right) / 2,
                 (panel.top + panel.bottom) / 2);
    return;
  }
  double bandwidth = machine.offChipWordsPerCycle;
  // The ridge (where the roofs meet) is on the chart.
  if (bandwidth > 0) {
    lowX = std::min(lowX, peak / bandwidth);
    highX = std::max(highX, peak / bandwidth);
  }
  Axis x = Axis::make(lowX, highX, panel.left, panel.right, /*forceLog=*/true);
  Axis y = Axis::make(lowY, highY * 1.5, panel.bottom, panel.top,
                      /*forceLog=*/true);
  drawYAxis(os, panel, y, "MACs per cycle");
  for (double t : x.ticks()) {
    double px = x.map(t);
    os << format("<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"#e4e4e4\"/>\n<text x=\"%.1f\" y=\"%.1f\" "
                 "font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
                 px, panel.top, px, panel.bottom, px, panel.bottom + 16,
                 plot::label(t).c_str());
  }
  os << format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"13\" "
               "text-anchor=\"middle\">MACs per word moved to or from %s%s"
               "</text>\n",
               (panel.left + panel.right) / 2, panel.bottom + 40,
               escape(machine.offChipLevel.empty() ? "off-chip memory"
                                                   : machine.offChipLevel)
                   .c_str(),
               x.log ? " (log scale)" : "");
  // The roofs: the peak, and the bandwidth's slope up to it.
  double ridge = bandwidth > 0 ? peak / bandwidth : x.low;
  double startX = std::max(x.low, ridge);
  os << format("<polyline class=\"roof\" fill=\"none\" stroke=\"#333\" "
               "stroke-width=\"2\" points=\"",
               0);
  if (bandwidth > 0) {
    double firstX = std::max(x.low, y.low / bandwidth);
    os << format("%.1f,%.1f %.1f,%.1f ", x.map(firstX),
                 y.map(firstX * bandwidth), x.map(ridge), y.map(peak));
  }
  os << format("%.1f,%.1f %.1f,%.1f\"/>\n", x.map(startX), y.map(peak),
               x.map(x.high), y.map(peak));
  os << format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
               "text-anchor=\"end\">peak %s MACs/cycle</text>\n",
               panel.right - 4, y.map(peak) - 6, plot::label(peak).c_str());
  if (bandwidth > 0) {
    // On the slope, a decade below the ridge (where no op usually is).
    double at = std::max(x.low, ridge / 10);
    os << format("<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s "
                 "words/cycle from %s</text>\n",
                 x.map(at) + 8, y.map(at * bandwidth) + 4,
                 plot::label(bandwidth).c_str(),
                 escape(machine.offChipLevel).c_str());
  }
  os << "<g class=\"ops\" stroke=\"black\" stroke-width=\"0.5\">\n";
  for (const ChartOp *op : placed) {
    double intensity = op->macs / op->offChipWords;
    double rate = op->macs / op->cycles;
    os << format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\">"
                 "<title>",
                 x.map(intensity), y.map(rate), plot::categoryColour(0))
       << escape(op->label)
       << format(": %.4g MACs/word, %.4g MACs/cycle", intensity, rate)
       << "</title></circle>\n";
  }
  os << "</g>\n";
  size_t missing = ops.size() - placed.size();
  if (missing)
    os << format("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%zu op%s "
                 "without off-chip traffic figures not shown</text>\n",
                 panel.left + 6, panel.top + 16, missing,
                 missing == 1 ? "" : "s");
}

} // namespace

void mlir::union_::writeReportCharts(raw_ostream &os,
                                     llvm::ArrayRef<ChartOp> ops,
                                     const ChartMachine &machine,
                                     llvm::StringRef title) {
  double height = 60 + 3 * kPanelHeight;
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  os << format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
               "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
               "font-family=\"Helvetica, Arial, sans-serif\">\n",
               kWidth, height, kWidth, height);
  os << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  os << format("<text x=\"%.0f\" y=\"32\" font-size=\"19\" "
               "text-anchor=\"middle\">",
               kWidth / 2)
     << escape(title.str()) << "</text>\n";
  if (ops.empty()) {
    os << format("<text x=\"%.0f\" y=\"120\" font-size=\"15\" "
                 "text-anchor=\"middle\">no op is costed</text>\n",
                 kWidth / 2);
  } else {
    drawEnergy(os, ops, 60);
    drawCycles(os, ops, 60 + kPanelHeight);
    drawRoofline(os, ops, machine, 60 + 2 * kPanelHeight);
  }
  os << "</svg>\n";
}
