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
// streams' default form instead ("%g", 6 significant digits), and tables
// meant for reading "%.10g"; writeGeneral produces exactly those without
// printf's cost. The write* functions write
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
inline char *writeGeneralSlowly(char *out, long double value, int precision) {
  int length = std::snprintf(out, kMaxNumberChars, "%.*Lg", precision, value);
  return out + (length > 0 ? length : 0);
}
} // namespace detail

/// The largest precision writeGeneral takes.
constexpr int kMaxGeneralPrecision = 12;

/// Writes exactly what printf("%.<precision>Lg") writes for `value`
/// (precision 1 to kMaxGeneralPrecision): that many significant digits,
/// correctly rounded, trailing zeros dropped, an exponent below 1e-4 and
/// from 10^precision on. Returns the end.
///
/// The digits come from the value rounded to a double and scaled by a
/// double power of ten (each correctly rounded): the scaled figure, below
/// 10^precision, is within 10^precision * 2^-51 of the exact one, so its
/// rounding to an integer is the exact rounding unless its fraction is
/// within 10^precision * 2^-48 of one half. Such near-ties, zeros,
/// infinities, NaNs and magnitudes outside [1e-15, 1e25) take printf's
/// path.
inline char *writeGeneral(char *out, long double value, int precision) {
  // kPowers[k + 25] = 10^k.
  static constexpr double kPowers[53] = {
      1e-25, 1e-24, 1e-23, 1e-22, 1e-21, 1e-20, 1e-19, 1e-18, 1e-17,
      1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9,  1e-8,
      1e-7,  1e-6,  1e-5,  1e-4,  1e-3,  1e-2,  1e-1,  1e0,   1e1,
      1e2,   1e3,   1e4,   1e5,   1e6,   1e7,   1e8,   1e9,   1e10,
      1e11,  1e12,  1e13,  1e14,  1e15,  1e16,  1e17,  1e18,  1e19,
      1e20,  1e21,  1e22,  1e23,  1e24,  1e25,  1e26,  1e27};
  if (precision < 1 || precision > kMaxGeneralPrecision)
    return detail::writeGeneralSlowly(out, value, precision);
  double magnitude = double(value < 0 ? -value : value);
  // NaNs fail both comparisons; zeros and infinities fall outside.
  if (!(magnitude >= 1e-15 && magnitude < 1e25))
    return detail::writeGeneralSlowly(out, value, precision);
  double low = kPowers[precision - 1 + 25], high = kPowers[precision + 25];
  // The decimal exponent from the binary one: exact or one below.
  uint64_t bits;
  std::memcpy(&bits, &magnitude, sizeof(bits));
  int exponent2 = int((bits >> 52) & 0x7ff) - 1023;
  int exponent10 = (exponent2 * 1233 >> 12) + 1; // floor(e2 log10 2) + 1
  double scaled = magnitude * kPowers[precision - 1 - exponent10 + 25];
  if (scaled < low) {
    --exponent10;
    scaled = magnitude * kPowers[precision - 1 - exponent10 + 25];
  }
  if (!(scaled >= low && scaled < high))
    return detail::writeGeneralSlowly(out, value, precision);
  int64_t whole = int64_t(scaled); // truncates: scaled > 0
  double fraction = scaled - double(whole);
  double margin = high * 0x1p-48;
  if (fraction > 0.5 - margin && fraction < 0.5 + margin)
    return detail::writeGeneralSlowly(out, value, precision);
  int64_t digits = whole + (fraction > 0.5 ? 1 : 0);
  if (digits == int64_t(high)) {
    digits = int64_t(low);
    ++exponent10;
  }
  char text[kMaxGeneralPrecision];
  for (int i = precision - 1; i >= 0; --i, digits /= 10)
    text[i] = char('0' + digits % 10);
  int significant = precision;
  while (significant > 1 && text[significant - 1] == '0')
    --significant;
  if (value < 0)
    *out++ = '-';
  if (exponent10 < -4 || exponent10 >= precision) {
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

/// printf("%Lg"), a C++ stream's default: writeGeneral with 6 digits.
inline char *writeG6(char *out, long double value) {
  return writeGeneral(out, value, 6);
}

} // namespace mlir::union_

#endif // UNION_SUPPORT_NUMBERFORMAT_H
