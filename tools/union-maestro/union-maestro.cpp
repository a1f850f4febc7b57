//===- union-maestro.cpp - A drop-in for MAESTRO's command line -----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Accepts MAESTRO's options, evaluates the mapping file with Union's engine
// and prints MAESTRO's report and CSV, or with --json one JSON object per
// layer. Errors go to stderr with a non-zero exit; nothing aborts.
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroCommandLine.h"
#include "Union/Engine/Maestro/MaestroEngine.h"
#include "Union/Engine/Maestro/MaestroParser.h"
#include "Union/Engine/Maestro/MaestroReport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <thread>

using namespace mlir::union_::maestro;

namespace {

int fail(const llvm::Twine &message) {
  llvm::errs() << "union-maestro: error: " << message << "\n";
  return 1;
}

llvm::Expected<std::string> readFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        path + ": cannot read file: " + buffer.getError().message());
  return (*buffer)->getBuffer().str();
}

/// MAESTRO's CSV name: drop up to the first '/' twice, cut at the first '.'.
std::string csvFileName(llvm::StringRef mappingFile) {
  llvm::StringRef name = mappingFile;
  for (int i = 0; i < 2; ++i) {
    size_t slash = name.find('/');
    if (slash != llvm::StringRef::npos)
      name = name.drop_front(slash + 1);
  }
  return (name.substr(0, name.find('.')) + ".csv").str();
}

void printTrace(llvm::raw_ostream &os, const Layer &layer,
                const AnalysisTrace &trace) {
  os << "layer " << layer.name << "\n";
  for (auto [l, level] : llvm::enumerate(trace.levels)) {
    os << "  cluster level " << l << ": P=" << level.subClusters
       << " E=" << level.edgeSubClusters << "\n";
    for (const Directive &d : level.directives)
      os << "    " << describeDirective(d) << "\n";
    for (const AnalysisTrace::Tile &t : level.tiles)
      os << "    tile " << getDimName(t.dim) << ": m=" << t.m << " u=" << t.u
         << " me=" << t.me << " ue=" << t.ue << "\n";
  }
  for (const AnalysisTrace::Case &c : trace.cases) {
    os << "  case level=" << c.level << " states=" << c.states
       << " occ=" << c.occurrences << " c=" << c.changing
       << " in=" << c.ingressInput << " filter=" << c.ingressFilter
       << " out=" << c.egress << " W=" << c.macs << " nps=" << c.firstMacs;
    if (c.valid)
      os << " comp=" << c.compute << " din=" << c.delayIn
         << " dout=" << c.delayOut << " delay=" << c.delay;
    else
      os << " invalid";
    os << "\n";
  }
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  auto commandLine = parseCommandLine(args);
  if (!commandLine)
    return fail(llvm::toString(commandLine.takeError()));
  if (commandLine->has("help")) {
    llvm::outs() << "union-maestro: MAESTRO's cost model, Union's engine\n"
                    "usage: union-maestro --Mapping_file=<file.m> "
                    "[options]\n\n";
    printCommandLineHelp(llvm::outs());
    return 0;
  }
  if (commandLine->getBool("bw_sweep", false))
    return fail("--bw_sweep is not supported by union-maestro");
  auto mappingFile = commandLine->getString("Mapping_file");
  if (!mappingFile)
    return fail("no mapping file; give --Mapping_file=<file.m>");
  auto hardware = resolveHardware(*commandLine, readFile);
  if (!hardware)
    return fail(llvm::toString(hardware.takeError()));
  auto text = llvm::MemoryBuffer::getFile(*mappingFile, /*IsText=*/true);
  if (!text)
    return fail(*mappingFile +
                ": cannot read file: " + text.getError().message());
  auto network = parseMappingFile((*text)->getBuffer(), *mappingFile);
  if (!network)
    return fail(llvm::toString(network.takeError()));
  int64_t threads = commandLine->getInt(
      "threads", std::max(1u, std::thread::hardware_concurrency()));
  if (threads < 1 || threads > 1024)
    return fail("--threads must be between 1 and 1024, got " +
                llvm::Twine(threads));
  auto results = analyzeNetwork(*network, *hardware, unsigned(threads));
  if (!results)
    return fail(llvm::toString(results.takeError()));

  if (commandLine->has("trace")) {
    // Re-run each layer with a trace; the figures are the same.
    std::vector<TensorTable> tables = getTensorTables(*network);
    for (auto [layer, tensors] : llvm::zip(network->layers, tables)) {
      AnalysisTrace trace;
      llvm::consumeError(
          analyzeLayer(layer, tensors, *hardware, &trace).takeError());
      printTrace(llvm::errs(), layer, trace);
    }
  }

  NetworkReport report{*network, *hardware, *results, unsigned(threads)};
  bool writeCsv = commandLine->getBool("print_res_csv_file", true);
  if (writeCsv) {
    std::string csvName = csvFileName(*mappingFile);
    bool exists = llvm::sys::fs::exists(csvName);
    std::error_code ec;
    llvm::raw_fd_ostream csv(csvName, ec, llvm::sys::fs::OF_Append);
    if (ec)
      return fail(csvName + ": cannot write the CSV file: " + ec.message());
    if (!exists)
      printCsvHeader(csv);
    printCsvRows(csv, report);
  }
  if (commandLine->has("json")) {
    printJsonLines(llvm::outs(), report);
  } else if (commandLine->getBool("print_res", true)) {
    // MAESTRO's hardware-file reader prints an empty line.
    if (commandLine->has("HW_file"))
      llvm::outs() << "\n";
    printConsoleReport(llvm::outs(), report, writeCsv);
  }
  return 0;
}
