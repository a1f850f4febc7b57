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
// round-trip exactly and stay short. MAESTRO's own outputs print C++
// streams' default form instead ("%g", 6 significant digits); writeG6
// produces exactly that without printf's cost. The write* functions write
// into a caller's buffer and return the end, so writers that print
// millions of numbers allocate nothing per number.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_SUPPORT_NUMBERFORMAT_H
#define UNION_SUPPORT_NUMBERFORMAT_H

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
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

/// Enough room for any number a write* function writes.
constexpr size_t kMaxNumberChars = 64;

/// Writes `value` in decimal; returns the end.
inline char *writeInteger(char *out, int64_t value) {
  return std::to_chars(out, out + kMaxNumberChars, value).ptr;
}

/// Writes the shortest decimal that reads back as `value`, as
/// formatDouble(value) does; returns the end.
inline char *writeShortest(char *out, double value) {
  auto [end, ec] = std::to_chars(out, out + kMaxNumberChars, value);
  return ec == std::errc() ? end : out;
}

namespace detail {
inline char *writeG6Slowly(char *out, long double value) {
  int length = std::snprintf(out, kMaxNumberChars, "%Lg", value);
  return out + (length > 0 ? length : 0);
}
} // namespace detail

/// Writes exactly what printf("%Lg") (a C++ stream's default) writes for
/// `value`: 6 significant digits, correctly rounded, trailing zeros
/// dropped, an exponent below 1e-4 and from 1e6 on. Returns the end.
///
/// The digits come from the value rounded to a double and scaled by a
/// double power of ten: the scaled figure, below 10^6, is within
/// 10^6 * 2^-51 (about 5e-10) of the exact one, so its rounding to an
/// integer is the exact rounding unless its fraction is that close to one
/// half. Such near-ties, zeros, infinities, NaNs and magnitudes outside
/// [1e-15, 1e25) take printf's path.
inline char *writeG6(char *out, long double value) {
  // kScales[i] = 10^(20 - i): scales a magnitude of about 10^(i - 15)
  // to six digits.
  static constexpr double kScales[41] = {
      1e20,  1e19,  1e18,  1e17,  1e16,  1e15,  1e14,  1e13,  1e12,
      1e11,  1e10,  1e9,   1e8,   1e7,   1e6,   1e5,   1e4,   1e3,
      1e2,   1e1,   1e0,   1e-1,  1e-2,  1e-3,  1e-4,  1e-5,  1e-6,
      1e-7,  1e-8,  1e-9,  1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15,
      1e-16, 1e-17, 1e-18, 1e-19, 1e-20};
  double magnitude = double(value < 0 ? -value : value);
  // NaNs fail both comparisons; zeros and infinities fall outside.
  if (!(magnitude >= 1e-15 && magnitude < 1e25))
    return detail::writeG6Slowly(out, value);
  // The decimal exponent from the binary one: exact or one below.
  uint64_t bits;
  std::memcpy(&bits, &magnitude, sizeof(bits));
  int exponent2 = int((bits >> 52) & 0x7ff) - 1023;
  int exponent10 = (exponent2 * 1233 >> 12) + 1; // floor(e2 log10 2) + 1
  double scaled = magnitude * kScales[exponent10 + 15];
  if (scaled < 100000.0) {
    --exponent10;
    scaled = magnitude * kScales[exponent10 + 15];
  }
  if (!(scaled >= 100000.0 && scaled < 1000000.0))
    return detail::writeG6Slowly(out, value);
  int64_t whole = int64_t(scaled); // truncates: scaled > 0
  double fraction = scaled - double(whole);
  if (fraction > 0.5 - 1e-6 && fraction < 0.5 + 1e-6)
    return detail::writeG6Slowly(out, value);
  int64_t digits = whole + (fraction > 0.5 ? 1 : 0);
  if (digits == 1000000) {
    digits = 100000;
    ++exponent10;
  }
  char text[6];
  for (int i = 5; i >= 0; --i, digits /= 10)
    text[i] = char('0' + digits % 10);
  int significant = 6;
  while (significant > 1 && text[significant - 1] == '0')
    --significant;
  if (value < 0)
    *out++ = '-';
  if (exponent10 < -4 || exponent10 >= 6) {
    *out++ = text[0];
    if (significant > 1) {
      *out++ = '.';
      for (int i = 1; i < significant; ++i)
        *out++ = text[i];
    }
    *out++ = 'e';
    *out++ = exponent10 < 0 ? '-' : '+';
    int magnitude10 = exponent10 < 0 ? -exponent10 : exponent10;
    *out++ = char('0' + magnitude10 / 10);
    *out++ = char('0' + magnitude10 % 10);
    return out;
  }
  if (exponent10 < 0) {
    *out++ = '0';
    *out++ = '.';
    for (int i = -1; i > exponent10; --i)
      *out++ = '0';
    for (int i = 0; i < significant; ++i)
      *out++ = text[i];
    return out;
  }
  for (int i = 0; i <= exponent10; ++i)
    *out++ = text[i];
  if (significant > exponent10 + 1) {
    *out++ = '.';
    for (int i = exponent10 + 1; i < significant; ++i)
      *out++ = text[i];
  }
  return out;
}

} // namespace mlir::union_

#endif // UNION_SUPPORT_NUMBERFORMAT_H
