//===- PlotAxis.h - Axes and colours for Union's SVG charts -----*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What the SVG charts (union-dse's Pareto plot, union-report's charts)
// share: an axis that maps values onto pixels, logarithmic when the values
// span more than a decade, with readable ticks; tick labels; a colour
// scale; and XML escaping.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_PLOTAXIS_H
#define UNION_SUPPORT_PLOTAXIS_H

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace mlir::union_::plot {

/// One axis: a value range mapped onto pixels, linear or logarithmic.
struct Axis {
  double low, high;
  bool log;
  double from, to; ///< pixels

  /// Logarithmic when the (positive) range spans more than a decade, or
  /// when `forceLog` and the range is positive.
  static Axis make(double low, double high, double from, double to,
                   bool forceLog = false) {
    Axis axis{low, high, false, from, to};
    if (!(high > low)) {
      double pad = low == 0 ? 1 : std::fabs(low) * 0.05;
      axis.low = low - pad;
      axis.high = high + pad;
    }
    axis.log = axis.low > 0 && (forceLog || axis.high / axis.low > 10);
    if (axis.log) {
      axis.low = std::pow(10, std::floor(std::log10(axis.low)));
      axis.high = std::pow(10, std::ceil(std::log10(axis.high)));
      if (axis.high <= axis.low)
        axis.high = axis.low * 10;
    } else {
      double pad = (axis.high - axis.low) * 0.05;
      axis.low -= pad;
      axis.high += pad;
      if (low >= 0 && axis.low < 0)
        axis.low = 0;
    }
    return axis;
  }
  double map(double value) const {
    double t = log ? (std::log10(value) - std::log10(low)) /
                         (std::log10(high) - std::log10(low))
                   : (value - low) / (high - low);
    return from + t * (to - from);
  }
  std::vector<double> ticks() const {
    std::vector<double> result;
    if (log) {
      int decades = int(std::lround(std::log10(high / low)));
      for (double v = low; v <= high * 1.0001; v *= 10)
        for (double m : {1.0, 2.0, 5.0})
          if ((m == 1 || decades <= 3) && v * m <= high * 1.0001)
            result.push_back(v * m);
      return result;
    }
    double span = high - low;
    double step = std::pow(10, std::floor(std::log10(span / 5)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
      if (span / (step * m) <= 7) {
        step *= m;
        break;
      }
    for (double v = std::ceil(low / step) * step; v <= high + step * 1e-9;
         v += step)
      result.push_back(v);
    return result;
  }
};

/// A tick label: 3 significant digits with an exponent for large or small
/// magnitudes, else up to 6.
inline std::string label(double value) {
  char buffer[32];
  double magnitude = std::fabs(value);
  if (magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-2))
    std::snprintf(buffer, sizeof(buffer), "%.3g", value);
  else
    std::snprintf(buffer, sizeof(buffer), "%.6g", value);
  return buffer;
}

/// Viridis at t in [0, 1], in five stops.
inline std::string viridis(double t) {
  static const double stops[5][3] = {{68, 1, 84},
                                     {59, 82, 139},
                                     {33, 145, 140},
                                     {94, 201, 98},
                                     {253, 231, 37}};
  t = std::clamp(t, 0.0, 1.0) * 4;
  int i = std::min(int(t), 3);
  double f = t - i;
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "#%02x%02x%02x",
                int(stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                int(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                int(stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
  return buffer;
}

/// Ten distinct colours for categories (Tableau 10).
inline const char *categoryColour(size_t index) {
  static const char *colours[10] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
                                    "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                                    "#9c755f", "#bab0ac"};
  return colours[index % 10];
}

/// Text for SVG element content and attribute values.
inline std::string escape(std::string_view text) {
  std::string out;
  for (char c : text)
    out += c == '<'   ? "&lt;"
           : c == '>' ? "&gt;"
           : c == '&' ? "&amp;"
           : c == '"' ? "&quot;"
                      : std::string(1, c);
  return out;
}

} // namespace mlir::union_::plot

#endif // UNION_SUPPORT_PLOTAXIS_H
