//===- union-maestro.cpp - A drop-in for MAESTRO's command line -----------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Accepts MAESTRO's options (same names, unambiguous prefixes, `--opt=value`
// or `--opt value`), evaluates the mapping file with Union's engine and
// prints MAESTRO's report and CSV, or with --json one JSON object per layer.
// Errors go to stderr with a non-zero exit; nothing aborts.
//
//===----------------------------------------------------------------------===//

#include "Union/CostModel/Maestro/MaestroEngine.h"
#include "Union/CostModel/Maestro/MaestroParser.h"
#include "Union/CostModel/Maestro/MaestroReport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <map>

using namespace mlir::union_::maestro;

namespace {

enum class Kind { Bool, Int, Double, String, Flag };

struct Option {
  const char *name;
  Kind kind;
  const char *help;
};

// MAESTRO's options (its option.hpp), plus --json. Prefix matching is over
// this whole list, so a prefix ambiguous in MAESTRO is ambiguous here.
const Option kOptions[] = {
    {"help", Kind::Flag, "print this help"},
    {"print_res", Kind::Bool, "print the report (default true)"},
    {"print_res_csv_file", Kind::Bool,
     "append one CSV row per layer to <mapping file name>.csv (default true)"},
    {"print_log_file", Kind::Bool, "accepted; no log file is written"},
    {"msg_print_lv", Kind::Int, "accepted and ignored"},
    {"dataflow_file", Kind::String, "accepted and ignored (legacy)"},
    {"layer_file", Kind::String, "accepted and ignored (legacy)"},
    {"Mapping_file", Kind::String, "the mapping file (required)"},
    {"HW_file", Kind::String,
     "a hardware file; replaces PEs, buffer sizes, bandwidths and latency"},
    {"offchip_bw_cstr", Kind::Int, "off-chip bandwidth (default 70000)"},
    {"noc_bw_cstr", Kind::Int, "NoC bandwidth (default 2^31-1)"},
    {"noc_hops", Kind::Int, "NoC hops (default 1)"},
    {"noc_hop_latency", Kind::Int, "latency per hop (default 0)"},
    {"noc_mc_support", Kind::Bool, "accepted; multicast is always modelled"},
    {"top_bw_only", Kind::Bool, "not supported (with bw_sweep)"},
    {"bw_sweep", Kind::Bool, "not supported"},
    {"num_pes", Kind::Int, "number of PEs (default 7)"},
    {"num_simd_lanes", Kind::Int, "MACs per PE per cycle (default 1)"},
    {"do_implicit_reduction", Kind::Bool, "accepted and ignored"},
    {"do_fg_sync", Kind::Bool, "accepted and ignored"},
    {"do_reduction_op", Kind::Bool, "accepted and ignored"},
    {"full_buffer", Kind::Bool, "accepted and ignored"},
    {"do_dse", Kind::Bool, "accepted and ignored"},
    {"verbose", Kind::Bool, "accepted and ignored"},
    {"print_design_space", Kind::Bool, "accepted and ignored"},
    {"print_space", Kind::Bool, "accepted and ignored"},
    {"l1_size_cstr", Kind::Int, "L1 size, checked only (default 2^31-1)"},
    {"l2_size_cstr", Kind::Int, "L2 size, checked only (default 2^31-1)"},
    {"min_num_PEs", Kind::Int, "accepted and ignored (DSE)"},
    {"min_noc_bw", Kind::Int, "accepted and ignored (DSE)"},
    {"max_num_PEs", Kind::Int, "accepted and ignored (DSE)"},
    {"max_noc_bw", Kind::Int, "accepted and ignored (DSE)"},
    {"pe_tick", Kind::Int, "accepted and ignored (DSE)"},
    {"bw_tick", Kind::Int, "accepted and ignored (DSE)"},
    {"area_constraint", Kind::Double, "accepted and ignored (DSE)"},
    {"power_constraint", Kind::Double, "accepted and ignored (DSE)"},
    {"optimization_target", Kind::String, "accepted and ignored (DSE)"},
    {"json", Kind::Flag,
     "print one JSON object per layer instead of the report"},
};

int fail(const llvm::Twine &message) {
  llvm::errs() << "union-maestro: error: " << message << "\n";
  return 1;
}

std::optional<bool> parseBool(llvm::StringRef text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on")
    return true;
  if (text == "false" || text == "0" || text == "no" || text == "off")
    return false;
  return std::nullopt;
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

void printHelp() {
  llvm::outs() << "union-maestro: MAESTRO's cost model with Union's engine\n"
                  "usage: union-maestro --Mapping_file=<file.m> [options]\n\n";
  for (const Option &option : kOptions)
    llvm::outs() << "  --" << llvm::left_justify(option.name, 22) << " "
                 << option.help << "\n";
}

} // namespace

int main(int argc, char **argv) {
  std::map<std::string, std::string> values;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg = argv[i];
    if (!arg.consume_front("--"))
      return fail("unexpected argument '" + arg + "' (options start with --)");
    auto [name, value] = arg.split('=');
    bool hasValue = arg.contains('=');
    // Exact match first, then a unique prefix, as boost::program_options.
    const Option *match = nullptr;
    std::vector<const Option *> candidates;
    for (const Option &option : kOptions) {
      if (name == option.name) {
        match = &option;
        break;
      }
      if (llvm::StringRef(option.name).starts_with(name) && !name.empty())
        candidates.push_back(&option);
    }
    if (!match) {
      if (candidates.size() == 1) {
        match = candidates.front();
      } else if (candidates.empty()) {
        return fail("unrecognised option '--" + arg + "'");
      } else {
        std::string list;
        for (const Option *option : candidates)
          list += (list.empty() ? "'--" : ", '--") + std::string(option->name) +
                  "'";
        return fail("option '--" + arg + "' is ambiguous and matches " + list);
      }
    }
    if (match->kind == Kind::Flag) {
      if (hasValue && !parseBool(value).value_or(false))
        return fail(llvm::Twine("option '--") + match->name +
                    "' takes no value");
      values[match->name] = "true";
      continue;
    }
    if (!hasValue) {
      if (i + 1 >= argc)
        return fail(llvm::Twine("option '--") + match->name +
                    "' requires a value");
      value = argv[++i];
    }
    bool ok = true;
    int64_t integer;
    double real;
    switch (match->kind) {
    case Kind::Bool:
      ok = parseBool(value).has_value();
      break;
    case Kind::Int:
      ok = !value.getAsInteger(10, integer) && integer >= INT_MIN &&
           integer <= INT_MAX;
      break;
    case Kind::Double:
      ok = !value.getAsDouble(real);
      break;
    default:
      break;
    }
    if (!ok)
      return fail("the argument ('" + value + "') for option '--" +
                  match->name + "' is invalid");
    values[match->name] = value.str();
  }
  auto get = [&](const char *name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end())
      return std::nullopt;
    return it->second;
  };
  auto getInt = [&](const char *name, int64_t fallback) {
    auto text = get(name);
    int64_t value = fallback;
    if (text)
      llvm::StringRef(*text).getAsInteger(10, value);
    return value;
  };
  auto getBool = [&](const char *name, bool fallback) {
    auto text = get(name);
    return text ? *parseBool(*text) : fallback;
  };
  if (get("help")) {
    printHelp();
    return 0;
  }
  if (getBool("bw_sweep", false))
    return fail("--bw_sweep is not supported by union-maestro; use union-dse");
  auto mappingFile = get("Mapping_file");
  if (!mappingFile)
    return fail("no mapping file; give --Mapping_file=<file.m>");

  Hardware hardware;
  hardware.numPes = getInt("num_pes", 7);
  hardware.simdLanes = getInt("num_simd_lanes", 1);
  hardware.l1Size = getInt("l1_size_cstr", INT_MAX);
  hardware.l2Size = getInt("l2_size_cstr", INT_MAX);
  hardware.nocBandwidth = getInt("noc_bw_cstr", INT_MAX);
  hardware.offchipBandwidth = getInt("offchip_bw_cstr", 70000);
  hardware.nocLatency = getInt("noc_hops", 1) * getInt("noc_hop_latency", 0);
  if (auto hwFile = get("HW_file")) {
    auto buffer = llvm::MemoryBuffer::getFile(*hwFile, /*IsText=*/true);
    if (!buffer)
      return fail(*hwFile + ": cannot read hardware file: " +
                  buffer.getError().message());
    if (llvm::Error e =
            parseHardwareFile((*buffer)->getBuffer(), *hwFile, hardware))
      return fail(llvm::toString(std::move(e)));
  }

  auto buffer = llvm::MemoryBuffer::getFile(*mappingFile, /*IsText=*/true);
  if (!buffer)
    return fail(*mappingFile +
                ": cannot read mapping file: " + buffer.getError().message());
  auto network = parseMappingFile((*buffer)->getBuffer(), *mappingFile);
  if (!network)
    return fail(llvm::toString(network.takeError()));
  auto results = analyzeNetwork(*network, hardware);
  if (!results)
    return fail(llvm::toString(results.takeError()));

  NetworkReport report{*network, hardware, *results};
  bool writeCsv = getBool("print_res_csv_file", true);
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
  if (get("json"))
    printJsonLines(llvm::outs(), report);
  else if (getBool("print_res", true))
    printConsoleReport(llvm::outs(), report, writeCsv);
  return 0;
}
