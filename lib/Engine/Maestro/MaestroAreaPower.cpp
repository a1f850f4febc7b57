//===- MaestroAreaPower.cpp - MAESTRO's area and power model --------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroAreaPower.h"

#include <algorithm>

using namespace mlir::union_::maestro;

AreaPower mlir::union_::maestro::getAreaPower(const Hardware &hw,
                                              int64_t l1Size, int64_t l2Size) {
  // In long double, as MAESTRO computes it.
  long double P = hw.numPes, V = hw.simdLanes, B = hw.nocBandwidth;
  long double l1Cells = l1Size == 0 ? 1 : l1Size;
  long double l2Cells = l2Size == 0 ? 1 : l2Size;
  long double a = 1.2886L * P * P + 5.5814L * P - 23.711L;
  long double bus = 14.662L * P + 28.895L;
  AreaPower result;
  result.area = P * (283 * V + 0.104L * l1Cells) + 0.104L * l2Cells +
                101.7938L * bus * B + std::max(395.473L, 395.473L * a);
  result.pePower = 1.2223L * V * P;
  result.l1Power = 0.00345L * P * l1Cells;
  result.l2Power = 0.00345L * l2Cells;
  result.nocPower = 0.8L * bus / 1000 * B + std::max(0.34L, 0.34L * a / 1000);
  result.power =
      result.pePower + result.l1Power + result.l2Power + result.nocPower;
  return result;
}

long double mlir::union_::maestro::getEnergyTotal(const LayerResult &result) {
  constexpr long double kL2Energy = 18.61L, kL1Energy = 1.68L;
  long double sums[4] = {0, 0, 0, 0};
  for (const TensorFigures &f : result.tensors) {
    sums[0] += kL2Energy * f.l2Write;
    sums[1] += kL2Energy * f.l2Read;
    sums[2] += kL1Energy * f.l1Write;
    sums[3] += kL1Energy * f.l1Read;
  }
  return sums[0] + sums[1] + sums[2] + sums[3] + result.macs;
}
