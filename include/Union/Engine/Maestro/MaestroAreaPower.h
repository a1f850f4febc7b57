//===- MaestroAreaPower.h - MAESTRO's area and power model ------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The area (um^2) and power (mW) MAESTRO prints for a design (spec §2.5):
// PEs with their vector lanes and L1 buffers, the L2 buffer, the NoC and a
// fixed term. MAESTRO feeds it the buffer sizes a layer requires; a design
// space exploration feeds it the sizes a design provides.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTRO_MAESTROAREAPOWER_H
#define UNION_COSTMODEL_MAESTRO_MAESTROAREAPOWER_H

#include "Union/Engine/Maestro/MaestroEngine.h"

namespace mlir::union_::maestro {

struct AreaPower {
  long double area = 0, power = 0;
  long double pePower = 0, l1Power = 0, l2Power = 0, nocPower = 0;
};

/// `l1Size` is the L1 of one PE, `l2Size` the shared L2 (0 counts as 1,
/// as MAESTRO does); the PEs, vector lanes and NoC bandwidth come from
/// `hardware`.
AreaPower getAreaPower(const Hardware &hardware, int64_t l1Size,
                       int64_t l2Size);

/// MAESTRO's activity-based energy of a layer (its `energy_total`, in units
/// of one MAC): 18.61 per L2 and 1.68 per L1 access, 1 per MAC, summed in
/// MAESTRO's order.
long double getEnergyTotal(const LayerResult &result);

} // namespace mlir::union_::maestro

#endif // UNION_COSTMODEL_MAESTRO_MAESTROAREAPOWER_H
