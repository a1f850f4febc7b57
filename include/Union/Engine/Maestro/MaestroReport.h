//===- MaestroReport.h - MAESTRO's console, CSV and JSON output -*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Derived figures (energies, area, power, CSV columns) and the three output
// forms: MAESTRO's console report, its CSV rows, and one JSON object per
// layer with the keys of the reference data (docs/MaestroModel.md §9).
//
//===----------------------------------------------------------------------===//

#ifndef UNION_COSTMODEL_MAESTRO_MAESTROREPORT_H
#define UNION_COSTMODEL_MAESTRO_MAESTROREPORT_H

#include "Union/Engine/Maestro/MaestroEngine.h"

#include "llvm/Support/raw_ostream.h"

namespace mlir::union_::maestro {

/// A network's results, with what the outputs need besides the figures.
struct NetworkReport {
  const Network &network;
  const Hardware &hardware;
  const std::vector<LayerResult> &results;
  /// Threads that format the layers (the output is the same for any).
  unsigned threads = 1;
};

/// The per-layer blocks and the model-wise buffer summary. With
/// `withBandwidthCheck` (MAESTRO prints it only when writing the CSV) the
/// bandwidth analysis follows.
void printConsoleReport(llvm::raw_ostream &os, const NetworkReport &report,
                        bool withBandwidthCheck);

/// MAESTRO's CSV header line.
void printCsvHeader(llvm::raw_ostream &os);
/// One CSV row per layer.
void printCsvRows(llvm::raw_ostream &os, const NetworkReport &report);

/// One JSON object per layer and line.
void printJsonLines(llvm::raw_ostream &os, const NetworkReport &report);

} // namespace mlir::union_::maestro

#endif // UNION_COSTMODEL_MAESTRO_MAESTROREPORT_H
