//===- NumberFormat.h - The one way Union prints doubles --------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Every figure Union writes (IR attributes, Timeloop YAML, DSE CSV/JSON)
// is the shortest decimal that reads back as the same double, so files
// round-trip exactly and stay short.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_NUMBERFORMAT_H
#define UNION_SUPPORT_NUMBERFORMAT_H

#include <charconv>
#include <cmath>
#include <string>

namespace mlir::union_ {

enum class NumberNotation {
  Shortest, ///< fixed or scientific, whichever is shorter
  Fixed,    ///< no exponent for magnitudes in [1e-6, 1e15)
};

/// The shortest decimal that reads back as `value` ("inf", "nan" for
/// those).
inline std::string
formatDouble(double value, NumberNotation notation = NumberNotation::Shortest) {
  char buffer[400];
  double magnitude = std::fabs(value);
  bool fixed = notation == NumberNotation::Fixed && std::isfinite(value) &&
               (magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15));
  auto [end, ec] = fixed
                       ? std::to_chars(buffer, buffer + sizeof(buffer), value,
                                       std::chars_format::fixed)
                       : std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

} // namespace mlir::union_

#endif // UNION_SUPPORT_NUMBERFORMAT_H
