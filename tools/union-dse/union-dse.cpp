//===- union-dse.cpp - Hardware design-space exploration ------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Evaluates every design of a sweep on a workload with MAESTRO's analysis
// and reports the valid designs, the Pareto front (latency, energy, area)
// and the best design per objective (docs/DSE.md):
//
//   union-dse --workload=layer.m --sweep=sweep.json --jobs=2 \
//             --csv=designs.csv --json=summary.json --svg=pareto.svg
//   union-dse --workload=layer.m --sweep=sweep.json --shard=0/4 ...
//   union-dse --merge shard0.json shard1.json ... --json=all.json
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/SearchAnalysis.h"
#include "Workload.h"

#include "Union/Dse/Explorer.h"
#include "Union/Dse/ParetoPlot.h"
#include "Union/Dse/SweepReport.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

#include <thread>

using namespace mlir::union_;
using namespace mlir::union_::dse;
namespace cl = llvm::cl;

namespace {
/// Only these options show in --help (LLVM's own are hidden).
cl::OptionCategory dseCategory("union-dse options");
cl::opt<std::string>
    workloadPath("workload", cl::cat(dseCategory),
                 cl::desc("MAESTRO mapping file (.m) or MLIR file with "
                          "union.compute ops (.mlir)"),
                 cl::value_desc("file"));
cl::opt<std::string> opLabel("op", cl::cat(dseCategory),
                             cl::desc("only the layer or op with this label"),
                             cl::value_desc("name"));
cl::opt<std::string> sweepPath("sweep", cl::cat(dseCategory),
                               cl::desc("sweep specification (JSON)"),
                               cl::value_desc("file"));
cl::opt<unsigned> threads("jobs", cl::cat(dseCategory),
                          cl::desc("worker threads (default: all "
                                   "cores)"),
                          cl::init(0));
cl::opt<std::string> shardOption(
    "shard", cl::cat(dseCategory),
    cl::desc("evaluate only shard i of N (i/N, 0-based) for a batch "
             "scheduler; merge the shards' summaries with --merge"),
    cl::value_desc("i/N"), cl::init("0/1"));
cl::opt<std::string> csvPath("csv", cl::cat(dseCategory),
                             cl::desc("write designs as CSV"),
                             cl::value_desc("file"));
cl::opt<std::string> csvRows("csv-rows", cl::cat(dseCategory),
                             cl::desc("which designs the CSV holds: all, "
                                      "valid (default) or pareto"),
                             cl::init("valid"));
cl::opt<std::string> jsonPath("json", cl::cat(dseCategory),
                              cl::desc("write the JSON summary"),
                              cl::value_desc("file"));
cl::opt<std::string> svgPath("svg", cl::cat(dseCategory),
                             cl::desc("plot the Pareto front as SVG"),
                             cl::value_desc("file"));
cl::opt<bool> progress("progress", cl::cat(dseCategory),
                       cl::desc("report progress on stderr (default: when "
                                "stderr is a terminal)"),
                       cl::init(false));
cl::opt<bool> merge("merge", cl::cat(dseCategory),
                    cl::desc("merge the shards' JSON summaries given "
                             "as arguments"),
                    cl::init(false));
cl::list<std::string> positional(cl::Positional, cl::cat(dseCategory),
                                 cl::desc("<shard summaries> (with --merge)"));

int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "union-dse") << message << "\n";
  return 1;
}

bool writeFile(const std::string &path,
               llvm::function_ref<void(llvm::raw_ostream &)> write,
               std::string &error) {
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    error = "cannot write '" + path + "': " + ec.message();
    return false;
  }
  write(out.os());
  out.keep();
  return true;
}

int writeOutputs(SweepReport &report, CsvRows rows) {
  std::string error;
  std::string csvRecorded;
  if (!csvPath.empty()) {
    llvm::SmallString<256> absolute(csvPath);
    llvm::sys::fs::make_absolute(absolute);
    csvRecorded = std::string(absolute);
    if (!writeFile(
            csvPath, [&](llvm::raw_ostream &os) { writeCsv(os, report, rows); },
            error))
      return fail(error);
  }
  if (!jsonPath.empty() &&
      !writeFile(
          jsonPath,
          [&](llvm::raw_ostream &os) { writeJson(os, report, csvRecorded); },
          error))
    return fail(error);
  if (!svgPath.empty() &&
      !writeFile(
          svgPath, [&](llvm::raw_ostream &os) { writeParetoSvg(os, report); },
          error))
    return fail(error);
  writeText(llvm::outs(), report);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(dseCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "Union hardware design-space "
                              "exploration\n");
  CsvRows rows;
  if (csvRows == "all")
    rows = CsvRows::All;
  else if (csvRows == "valid")
    rows = CsvRows::Valid;
  else if (csvRows == "pareto")
    rows = CsvRows::Pareto;
  else
    return fail("--csv-rows must be all, valid or pareto, got '" + csvRows +
                "'");

  if (merge) {
    if (positional.empty())
      return fail("--merge needs the shards' JSON summaries as arguments");
    if (rows == CsvRows::All)
      return fail("--merge reads the shards' valid designs; "
                  "--csv-rows=all is not available");
    auto merged = mergeShards(positional);
    if (!merged)
      return fail(llvm::toString(merged.takeError()));
    return writeOutputs(*merged, rows);
  }
  if (!positional.empty())
    return fail("unexpected argument '" + positional.front() +
                "' (shard summaries go with --merge)");
  if (workloadPath.empty())
    return fail("no workload given (--workload=FILE)");
  if (sweepPath.empty())
    return fail("no sweep specification given (--sweep=FILE)");

  unsigned shard = 0, numShards = 1;
  {
    auto [first, second] = llvm::StringRef(shardOption).split('/');
    if (first.getAsInteger(10, shard) || second.getAsInteger(10, numShards) ||
        numShards == 0 || shard >= numShards)
      return fail("--shard must be i/N with 0 <= i < N, got '" + shardOption +
                  "'");
  }
  unsigned threadCount =
      threads ? unsigned(threads)
              : std::max(1u, std::thread::hardware_concurrency());
  if (threadCount > 256)
    return fail("--jobs must be at most 256");

  auto sweepBuffer = llvm::MemoryBuffer::getFile(sweepPath);
  if (!sweepBuffer)
    return fail("cannot read sweep '" + sweepPath +
                "': " + sweepBuffer.getError().message());
  auto spec = parseSweepSpec((*sweepBuffer)->getBuffer());
  if (!spec)
    return fail(sweepPath + ": " + llvm::toString(spec.takeError()));
  auto workload = loadWorkload(workloadPath, opLabel);
  if (!workload)
    return fail(llvm::toString(workload.takeError()));
  std::vector<mlir::union_::maestro::Network> networks;
  std::vector<std::vector<std::pair<std::string, std::string>>> skipped;
  std::unique_ptr<SearchAnalysis> search;
  GroupAnalysis analysis;
  if (spec->search) {
    auto created = SearchAnalysis::create(workloadPath, opLabel, *spec->search);
    if (!created)
      return fail(llvm::toString(created.takeError()));
    search = std::move(*created);
    analysis = [&search](const Design &design) {
      return search->analyze(design);
    };
  } else {
    for (const DataflowChoice &dataflow : spec->dataflows) {
      std::vector<SkippedLayer> layers = workload->leftOut;
      auto network = applyDataflow(*workload, dataflow, layers);
      if (!network)
        return fail(llvm::toString(network.takeError()));
      networks.push_back(std::move(*network));
      skipped.emplace_back();
      for (SkippedLayer &layer : layers) {
        llvm::WithColor::warning(llvm::errs(), "union-dse")
            << "dataflow " << dataflow.name << " leaves out layer '"
            << layer.layer << "': " << layer.reason << "\n";
        skipped.back().push_back({layer.layer, layer.reason});
      }
    }
    analysis = getMaestroAnalysis(networks);
  }

  ExploreOptions options;
  options.threads = threadCount;
  options.shard = shard;
  options.numShards = numShards;
  options.keepInvalid = rows == CsvRows::All;
  options.progress = progress || llvm::sys::Process::StandardErrIsDisplayed();
  ExploreResult result = explore(*spec, analysis, options);

  SweepReport report;
  report.workload = workload->name;
  report.sweepText = (*sweepBuffer)->getBuffer().str();
  report.spec = *spec;
  report.designs = std::move(result.designs);
  report.numDesigns = result.numDesigns;
  report.byStatus = result.byStatus;
  report.failures = result.failures;
  report.skipped = std::move(skipped);
  report.analyses = result.analyses;
  report.shard = shard;
  report.numShards = numShards;
  report.threads = threadCount;
  report.seconds = result.seconds;
  report.hasInvalid = options.keepInvalid;
  report.finish();
  return writeOutputs(report, rows);
}
