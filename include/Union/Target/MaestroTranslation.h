//===- MaestroTranslation.h - MAESTRO mapping files <-> union IR -*- C++
//-*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Import: each layer of a MAESTRO mapping file becomes a `union.compute` op
// with the layer's loop nest as a #union.problem (true strided output
// sizes; input rows/columns named Y/X, output rows/columns Y'/X', so the
// directives resolve) and its directives as a #union.dataflow. The layer as
// declared (type, dimensions, strides) is kept in a `union.maestro_layer`
// dictionary so export gives MAESTRO the same layer back.
// Export: the inverse, for ops that carry a dataflow.
//
//===----------------------------------------------------------------------===//

#ifndef UNION_TARGET_MAESTROTRANSLATION_H
#define UNION_TARGET_MAESTROTRANSLATION_H

#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Engine/Maestro/MaestroModel.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Error.h"

#include <functional>

namespace mlir::union_ {

/// The MAESTRO layer of a union.compute op with a dataflow: its type,
/// dimensions and strides come from its `union.maestro_layer` record, or
/// are derived from a GEMM or (strided, undilated) convolution problem,
/// whose output rows/columns P/Q are MAESTRO's Y'/X'. Emits an error at
/// the op when the problem or a directive has no MAESTRO form.
FailureOr<maestro::Layer> getMaestroLayer(MappableOpInterface op);

/// A union op's problem as a MAESTRO layer without a dataflow, and the
/// MAESTRO dimension of each problem dim (output rows and columns as Y'
/// and X', their filter taps as R and S).
struct MaestroShape {
  maestro::Layer layer;
  llvm::SmallDenseMap<unsigned, maestro::Dim> names;
  /// Batch dims of a batched GEMM (in all three tensors): MAESTRO costs one
  /// GEMM, and the batch runs them one after another.
  llvm::SmallVector<unsigned> batchDims;
};
/// The shape of `op`, or an error saying why the problem is not a MAESTRO
/// layer (no diagnostic is emitted).
llvm::Expected<MaestroShape> getMaestroShape(MappableOpInterface op);

/// Parses `text` (a MAESTRO mapping file called `fileName`) into a module
/// of union.compute ops; errors are emitted as diagnostics.
OwningOpRef<ModuleOp> importMaestroMapping(llvm::StringRef text,
                                           llvm::StringRef fileName,
                                           MLIRContext *context);

/// A loop-centric mapping in MAESTRO's terms: the layer with the mapping's
/// directives and the hardware it is analysed on (only the PEs the mapping
/// uses). A batch of GEMMs runs `repeat` times.
struct MaestroMappedLayer {
  maestro::Layer layer;
  maestro::Hardware hardware;
  int64_t repeat = 1;
};

/// Translates the loop-centric mapping of an op (its `mapping`, without a
/// `dataflow`), or fails with a diagnostic on the op. The translation
/// lives above this library (it is the maestro cost model's).
using MaestroMappingExporter =
    std::function<FailureOr<MaestroMappedLayer>(ComputeOp)>;

/// Writes the union.compute ops of `module` as a MAESTRO mapping file: ops
/// with a `dataflow` as they are; with `exportMapping`, ops with only a
/// searched `mapping` too, each after a comment with the union-maestro
/// flags of the hardware it is analysed on.
LogicalResult exportMaestroMapping(
    ModuleOp module, llvm::raw_ostream &os,
    const MaestroMappingExporter &exportMapping = MaestroMappingExporter());

/// Registers --import-maestro and --export-maestro for union-translate
/// (see exportMaestroMapping for `exportMapping`); `extendRegistry`, when
/// set, is applied to each translation's dialect registry (the tool's
/// diagnostic setup, for one).
void registerMaestroTranslations(
    MaestroMappingExporter exportMapping = MaestroMappingExporter(),
    std::function<void(DialectRegistry &)> extendRegistry = nullptr);

} // namespace mlir::union_

#endif // UNION_TARGET_MAESTROTRANSLATION_H
