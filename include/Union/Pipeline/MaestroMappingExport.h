//===- MaestroMappingExport.h - Searched mappings as MAESTRO layers -*- C++
//-*-//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// What `union-translate --export-maestro` writes for an op that carries a
// searched `mapping` (and no `dataflow`): the layer and hardware the
// `maestro` cost model analyses for that mapping, so that union-maestro (or
// MAESTRO) run on the file gives the cost union-search reported.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_PIPELINE_MAESTROMAPPINGEXPORT_H
#define UNION_PIPELINE_MAESTROMAPPINGEXPORT_H

#include "Union/Target/MaestroTranslation.h"

namespace mlir::union_ {

/// The op's mapping in MAESTRO's terms, or a diagnostic on the op saying
/// why it has none (see MaestroMappingExporter).
FailureOr<MaestroMappedLayer> exportSearchedMaestroMapping(ComputeOp op);

} // namespace mlir::union_

#endif // UNION_PIPELINE_MAESTROMAPPINGEXPORT_H
