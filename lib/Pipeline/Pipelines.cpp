//===- Pipelines.cpp - Union's named pass pipelines -----------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Pipeline/Pipelines.h"

#include "Union/Conversion/Passes.h"
#include "Union/Dialect/Union/Transforms/Passes.h"

#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::union_;

void mlir::union_::buildUnionFromTosaPipeline(
    OpPassManager &pm, const UnionFromTosaPipelineOptions &options) {
  // No tosa-validate: in MLIR 22 it rejects the rank-8 shape that the
  // upstream decomposition of a strided transpose_conv2d creates.
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions(),
                              TosaToLinalgNamedOptions(),
                              /*validationOptions=*/std::nullopt);
  ConvertLinalgToUnionOptions conversion;
  conversion.remarks = options.remarks;
  pm.addPass(createConvertLinalgToUnion(conversion));
}

void mlir::union_::buildUnionMapPipeline(
    OpPassManager &pm, const UnionMapPipelineOptions &options) {
  buildUnionFromTosaPipeline(pm);
  pm.addPass(createUnionAttachArch({options.arch, /*overwrite=*/false}));
  UnionPruneHardwareOptions hardware;
  hardware.dataflow = options.dataflow;
  pm.addPass(createUnionPruneHardware(hardware));
  pm.addPass(createUnionPruneWorkload());
  UnionSearchOptions search;
  search.mapper = options.mapper;
  search.mapperOptions = options.mapperOptions;
  search.costModel = options.costModel;
  search.costModelOptions = options.costModelOptions;
  search.objective = options.objective;
  search.budget = options.budget;
  search.timeLimit = options.timeLimit;
  search.seed = options.seed;
  search.threads = options.threads;
  search.streams = options.streams;
  search.topK = options.topK;
  pm.addPass(createUnionSearch(search));
  UnionReportOptions report;
  report.json = options.json;
  report.csv = options.csv;
  report.svg = options.svg;
  report.table = options.table;
  report.strict = options.strict;
  pm.addPass(createUnionReport(report));
}

void mlir::union_::registerUnionPipelines() {
  PassPipelineRegistration<UnionFromTosaPipelineOptions>(
      "union-from-tosa",
      "Lower TOSA to linalg with the upstream passes (tosa-to-linalg-"
      "pipeline), then wrap every multiply-accumulate in a union.compute op",
      buildUnionFromTosaPipeline);
  PassPipelineRegistration<UnionMapPipelineOptions>(
      "union-map",
      "From TOSA or linalg to union ops annotated with their best mapping "
      "and its cost, and a report: lower, convert, attach the "
      "architecture, prune, search, report",
      buildUnionMapPipeline);
}
