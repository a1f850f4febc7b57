//===- NumberFormatTest.cpp - Fast number writers against printf ----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// writeG6 must print exactly what printf("%Lg") prints (MAESTRO's reports
// are compared byte for byte), so it is checked against the C library on
// random values of every magnitude and on the boundary cases of its fast
// path: rounding ties, powers of ten, carries to the next decade.
//
//===----------------------------------------------------------------------===//

#include "Union/Support/NumberFormat.h"
#include "Union/Support/ParallelChunks.h"
#include "Union/Support/TextBuffer.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <random>

using namespace mlir::union_;

namespace {

std::string printfG(long double value) {
  char text[128];
  std::snprintf(text, sizeof(text), "%Lg", value);
  return text;
}

std::string fastG(long double value) {
  char text[kMaxNumberChars];
  return std::string(text, writeG6(text, value));
}

TEST(NumberFormat, G6MatchesPrintfOnRandomValues) {
  std::mt19937_64 random(20261203);
  unsigned mismatches = 0;
  for (int i = 0; i < 400000; ++i) {
    long double value;
    switch (i % 5) {
    case 0: // an energy: a count times a per-access energy
      value = (long double)(random() % 100000000) * 18.61L;
      break;
    case 1: // a ratio of counts
      value = (long double)(random() % 10000000) /
              (long double)(1 + random() % 100000);
      break;
    case 2: // any magnitude
      value = std::ldexp((long double)random(), int(random() % 240) - 160);
      break;
    case 3: // a half: a rounding tie at some digit
      value = (long double)(random() % 100000000) + 0.5L;
      break;
    default: // a long double rounded to a double (the CSV's columns)
      value = double((long double)(random() % 1000000) /
                     (long double)(1 + random() % 1000));
      break;
    }
    if (random() % 5 == 0)
      value = -value;
    if (fastG(value) != printfG(value) && ++mismatches < 10)
      ADD_FAILURE() << printfG(value) << " printed as " << fastG(value);
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(NumberFormat, G6MatchesPrintfOnBoundaries) {
  std::vector<long double> values = {
      0.0L,
      -0.0L,
      1.0L,
      0.5L,
      999999.0L,
      999999.5L,
      999999.4L,
      9999995.0L,
      1234565.0L,
      123456.5L,
      1e-4L,
      9.99999e-5L,
      0.0001L,
      0.00001L,
      1e6L,
      1e5L,
      99999.95L,
      1e-15L,
      1e25L,
      1e-16L,
      1e26L,
      1e300L,
      1e-300L,
      std::numeric_limits<long double>::max(),
      std::numeric_limits<long double>::denorm_min(),
      std::numeric_limits<long double>::infinity(),
      -std::numeric_limits<long double>::infinity(),
      std::numeric_limits<long double>::quiet_NaN()};
  // Around every power of ten, both sides of the carry.
  for (int k = -20; k <= 30; ++k)
    for (long double nudge : {0.0L, 1e-12L, -1e-12L, 5e-7L, -5e-7L}) {
      long double power = std::pow(10.0L, k);
      values.push_back(power * (1 + nudge));
      values.push_back(power * (9.999995L + nudge));
    }
  for (long double value : values)
    EXPECT_EQ(fastG(value), printfG(value));
}

TEST(NumberFormat, GeneralMatchesPrintfAtEveryPrecision) {
  std::mt19937_64 random(11);
  unsigned mismatches = 0;
  for (int precision = 1; precision <= kMaxGeneralPrecision; ++precision)
    for (int i = 0; i < 40000; ++i) {
      long double value =
          i % 2 ? std::ldexp((long double)random(), int(random() % 200) - 130)
                : (long double)(random() % 100000000000) / 1000 + 0.5L / 1000;
      char fast[kMaxNumberChars], slow[128];
      std::string written(fast, writeGeneral(fast, value, precision));
      std::snprintf(slow, sizeof(slow), "%.*Lg", precision, value);
      if (written != slow && ++mismatches < 10)
        ADD_FAILURE() << slow << " printed as " << written << " at precision "
                      << precision;
    }
  EXPECT_EQ(mismatches, 0u);
}

TEST(NumberFormat, ShortestMatchesFormatDouble) {
  std::mt19937_64 random(7);
  for (int i = 0; i < 10000; ++i) {
    double value =
        std::ldexp(double(random() >> 11), int(random() % 200) - 120);
    char text[kMaxNumberChars];
    EXPECT_EQ(std::string(text, writeShortest(text, value)),
              formatDouble(value));
  }
}

TEST(TextBuffer, GrowsAndKeepsText) {
  TextBuffer buffer;
  std::string expected;
  for (int i = 0; i < 100000; ++i) {
    buffer << "row " << i << ',' << G6{i / 7.0L} << ';';
    expected += "row " + std::to_string(i) + "," + printfG(i / 7.0L) + ";";
  }
  EXPECT_EQ(buffer.view(), expected);
  buffer.clear();
  buffer << int64_t(-5);
  EXPECT_EQ(buffer.view(), "-5");
}

TEST(ParallelChunks, SameTextForAnyThreadCount) {
  auto render = [](unsigned threads) {
    std::string text;
    formatInOrder<TextBuffer>(
        1000, threads, /*chunkSize=*/7,
        [](TextBuffer &out, size_t begin, size_t end) {
          for (size_t i = begin; i < end; ++i)
            out << i << '\n';
        },
        [&](const TextBuffer &chunk) { text += chunk.view(); });
    return text;
  };
  std::string one = render(1);
  EXPECT_EQ(one.substr(0, 6), "0\n1\n2\n");
  EXPECT_EQ(render(2), one);
  EXPECT_EQ(render(5), one);
}

} // namespace
