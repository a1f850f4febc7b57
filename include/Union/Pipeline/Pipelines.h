//===- Pipelines.h - Union's named pass pipelines ---------------*- C++ -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_PIPELINE_PIPELINES_H
#define UNION_PIPELINE_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::union_ {

struct UnionFromTosaPipelineOptions
    : public PassPipelineOptions<UnionFromTosaPipelineOptions> {
  Option<bool> remarks{
      *this, "remarks",
      llvm::cl::desc("a remark for every linalg op that is not a "
                     "multiply-accumulate (dropped multiply-accumulates "
                     "always get a warning)"),
      llvm::cl::init(false)};
};

struct UnionMapPipelineOptions
    : public PassPipelineOptions<UnionMapPipelineOptions> {
  Option<std::string> arch{*this, "arch",
                           llvm::cl::desc("architecture JSON file")};
  Option<std::string> dataflow{
      *this, "dataflow",
      llvm::cl::desc("fixed-dataflow preset: eyeriss, flexible, "
                     "nvdla, shidiannao, tpu (default: "
                     "flexible)"),
      llvm::cl::init("flexible")};
  Option<std::string> mapper{
      *this, "mapper",
      llvm::cl::desc("mapper: exhaustive, random, annealing, "
                     "decoupled, timeloop (default: "
                     "decoupled)"),
      llvm::cl::init("decoupled")};
  Option<std::string> mapperOptions{
      *this, "mapper-options",
      llvm::cl::desc("the mapper's options (key=value ...)")};
  Option<std::string> costModel{*this, "cost-model",
                                llvm::cl::desc("cost model: loopnest, maestro, "
                                               "timeloop (default: loopnest)"),
                                llvm::cl::init("loopnest")};
  Option<std::string> costModelOptions{
      *this, "cost-model-options",
      llvm::cl::desc("the cost model's options (key=value ...)")};
  Option<std::string> objective{
      *this, "objective",
      llvm::cl::desc("latency, energy or edp (default: edp)"),
      llvm::cl::init("edp")};
  Option<uint64_t> budget{*this, "budget",
                          llvm::cl::desc("evaluations per op (default: 3000)"),
                          llvm::cl::init(3000)};
  Option<double> timeLimit{
      *this, "time-limit",
      llvm::cl::desc("seconds per op (0: none; default: 0)"),
      llvm::cl::init(0.0)};
  Option<uint64_t> seed{*this, "seed",
                        llvm::cl::desc("random seed (default: 1)"),
                        llvm::cl::init(1)};
  Option<unsigned> threads{*this, "threads",
                           llvm::cl::desc("search threads per op (default: 1)"),
                           llvm::cl::init(1)};
  Option<unsigned> streams{
      *this, "streams",
      llvm::cl::desc("independent parts of each op's search; the result "
                     "depends on them, not on the threads (default: 4)"),
      llvm::cl::init(4)};
  Option<unsigned> topK{
      *this, "top-k", llvm::cl::desc("best mappings kept per op (default: 1)"),
      llvm::cl::init(1)};
  Option<std::string> json{*this, "json",
                           llvm::cl::desc("JSON report file ('-': stdout)")};
  Option<std::string> csv{*this, "csv",
                          llvm::cl::desc("CSV report file ('-': stdout)")};
  Option<std::string> svg{
      *this, "svg",
      llvm::cl::desc("SVG charts file: energy per level per op, cycles per "
                     "op by bottleneck, roofline")};
  Option<std::string> table{
      *this, "table",
      llvm::cl::desc("table file ('-': stdout, '': none; default: -)"),
      llvm::cl::init("-")};
  Option<bool> strict{
      *this, "strict",
      llvm::cl::desc("exit with an error when an op is not mapped (the report "
                     "is written first; default: false)"),
      llvm::cl::init(false)};
};

/// TOSA or linalg in, annotated union ops out: tosa-to-linalg (a no-op on
/// linalg input), convert-linalg-to-union, union-attach-arch,
/// union-prune-hw, union-prune-workload, union-search, union-report.
/// union-from-tosa: TOSA to linalg (the upstream passes), then every
/// multiply-accumulate wrapped in a union.compute op.
void buildUnionFromTosaPipeline(
    OpPassManager &pm, const UnionFromTosaPipelineOptions &options = {});

/// union-map: union-from-tosa, then attach the architecture, prune, search
/// and report.
void buildUnionMapPipeline(OpPassManager &pm,
                           const UnionMapPipelineOptions &options);

/// Registers `union-from-tosa` and `union-map`.
void registerUnionPipelines();

} // namespace mlir::union_

#endif // UNION_PIPELINE_PIPELINES_H
