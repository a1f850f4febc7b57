//===- MaestroCommandLine.cpp - MAESTRO's command-line options ------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroCommandLine.h"
#include "Union/Engine/Maestro/MaestroParser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"

using namespace mlir::union_::maestro;
using llvm::StringRef;

namespace {

enum class Kind { Bool, Int, Double, String, Flag };

struct Option {
  const char *name;
  Kind kind;
  const char *help;
};

// MAESTRO's options (its option.hpp), plus --json. Prefix matching runs
// over this whole list, so a prefix ambiguous in MAESTRO is ambiguous here.
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
    {"top_bw_only", Kind::Bool, "accepted; see --bw_sweep"},
    {"bw_sweep", Kind::Bool, "not supported: use union-dse"},
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
    {"l1_size_cstr", Kind::Int, "L1 size, only checked (default 2^31-1)"},
    {"l2_size_cstr", Kind::Int, "L2 size, only checked (default 2^31-1)"},
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
    {"trace", Kind::Flag,
     "print the normalised levels and every analysed case (stderr)"},
    {"threads", Kind::Int,
     "threads that analyse and format the layers (default: all cores; the "
     "output is the same for any count)"},
};

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::optional<bool> parseBool(StringRef text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on")
    return true;
  if (text == "false" || text == "0" || text == "no" || text == "off")
    return false;
  return std::nullopt;
}

} // namespace

int64_t CommandLine::getInt(StringRef name, int64_t fallback) const {
  auto it = values.find(name.str());
  int64_t value = fallback;
  if (it != values.end())
    StringRef(it->second).getAsInteger(10, value);
  return value;
}

bool CommandLine::getBool(StringRef name, bool fallback) const {
  auto it = values.find(name.str());
  return it == values.end() ? fallback
                            : parseBool(it->second).value_or(fallback);
}

std::optional<std::string> CommandLine::getString(StringRef name) const {
  auto it = values.find(name.str());
  if (it == values.end())
    return std::nullopt;
  return it->second;
}

llvm::Expected<CommandLine>
mlir::union_::maestro::parseCommandLine(llvm::ArrayRef<std::string> args) {
  CommandLine result;
  for (size_t i = 0; i < args.size(); ++i) {
    StringRef arg = args[i];
    if (!arg.consume_front("--"))
      return makeError("unexpected argument '" + arg +
                       "' (options start with --)");
    auto [name, value] = arg.split('=');
    bool hasValue = arg.contains('=');
    // An exact match first, then a unique prefix, as boost does.
    const Option *match = nullptr;
    std::vector<const Option *> candidates;
    for (const Option &option : kOptions) {
      if (name == option.name) {
        match = &option;
        break;
      }
      if (!name.empty() && StringRef(option.name).starts_with(name))
        candidates.push_back(&option);
    }
    if (!match) {
      if (candidates.empty())
        return makeError("unrecognised option '--" + arg + "'");
      if (candidates.size() > 1) {
        std::string list;
        for (const Option *option : candidates)
          list += (list.empty() ? "'--" : ", '--") + std::string(option->name) +
                  "'";
        return makeError("option '--" + arg + "' is ambiguous and matches " +
                         list);
      }
      match = candidates.front();
    }
    if (match->kind == Kind::Flag) {
      if (hasValue && !parseBool(value).value_or(false))
        return makeError(llvm::Twine("option '--") + match->name +
                         "' takes no value");
      result.values[match->name] = "true";
      continue;
    }
    if (!hasValue) {
      if (i + 1 >= args.size())
        return makeError(llvm::Twine("option '--") + match->name +
                         "' requires a value");
      value = args[++i];
    }
    bool valid = true;
    int64_t integer;
    double real;
    switch (match->kind) {
    case Kind::Bool:
      valid = parseBool(value).has_value();
      break;
    case Kind::Int:
      // MAESTRO keeps these in an int.
      valid = !value.getAsInteger(10, integer) && integer >= INT_MIN &&
              integer <= INT_MAX;
      break;
    case Kind::Double:
      valid = !value.getAsDouble(real);
      break;
    default:
      break;
    }
    if (!valid)
      return makeError("the argument ('" + value + "') for option '--" +
                       match->name + "' is invalid");
    result.values[match->name] = value.str();
  }
  return result;
}

void mlir::union_::maestro::printCommandLineHelp(llvm::raw_ostream &os) {
  for (const Option &option : kOptions)
    os << "  --" << llvm::left_justify(option.name, 22) << " " << option.help
       << "\n";
}

llvm::Expected<Hardware> mlir::union_::maestro::resolveHardware(
    const CommandLine &commandLine,
    const std::function<llvm::Expected<std::string>(StringRef)> &readFile) {
  Hardware hardware;
  hardware.numPes = commandLine.getInt("num_pes", 7);
  hardware.simdLanes = commandLine.getInt("num_simd_lanes", 1);
  hardware.l1Size = commandLine.getInt("l1_size_cstr", INT_MAX);
  hardware.l2Size = commandLine.getInt("l2_size_cstr", INT_MAX);
  hardware.nocBandwidth = commandLine.getInt("noc_bw_cstr", INT_MAX);
  hardware.offchipBandwidth = commandLine.getInt("offchip_bw_cstr", 70000);
  // [Q5]: hops x latency per hop on the command line, 1 x 0 by default.
  hardware.nocLatency = commandLine.getInt("noc_hops", 1) *
                        commandLine.getInt("noc_hop_latency", 0);
  if (auto hwFile = commandLine.getString("HW_file")) {
    auto text = readFile(*hwFile);
    if (!text)
      return text.takeError();
    if (llvm::Error e = parseHardwareFile(*text, *hwFile, hardware))
      return std::move(e);
  }
  return hardware;
}
