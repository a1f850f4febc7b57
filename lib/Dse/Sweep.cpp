//===- Sweep.cpp - A hardware design space to explore ---------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/Sweep.h"

#include "llvm/ADT/StringExtras.h"

#include <nlohmann/json.hpp>

using namespace mlir::union_;
using namespace mlir::union_::dse;
using nlohmann::json;

namespace {

/// Dataflow and hardware parameters, outermost digit first; buffer sizes
/// are the innermost digits so a group's designs are consecutive.
struct Radix {
  std::vector<uint64_t> sizes;
};

llvm::Error fail(const std::string &key, const std::string &message) {
  return llvm::createStringError(key + ": " + message);
}

std::string show(const json &value) { return value.dump(); }

/// A positive integer at `key`.
llvm::Error getPositive(const json &value, const std::string &key,
                        int64_t &out) {
  if (!value.is_number_integer() || value.get<int64_t>() < 1)
    return fail(key, "expected a positive integer, got " + show(value));
  out = value.get<int64_t>();
  return llvm::Error::success();
}

/// A list of positive integers, or {"from", "to", "step"|"factor"}.
llvm::Error getValues(const json &root, const std::string &key,
                      std::vector<int64_t> &out, bool required,
                      std::vector<int64_t> defaults) {
  auto it = root.find(key);
  if (it == root.end()) {
    if (required)
      return fail(key, "missing (a list of values or {\"from\", \"to\", "
                       "\"step\"})");
    out = defaults;
    return llvm::Error::success();
  }
  const json &value = *it;
  if (value.is_number_integer()) {
    int64_t v;
    if (llvm::Error e = getPositive(value, key, v))
      return e;
    out = {v};
    return llvm::Error::success();
  }
  if (value.is_array()) {
    if (value.empty())
      return fail(key, "the list is empty");
    for (size_t i = 0; i < value.size(); ++i) {
      int64_t v;
      if (llvm::Error e =
              getPositive(value[i], key + "[" + std::to_string(i) + "]", v))
        return e;
      out.push_back(v);
    }
    return llvm::Error::success();
  }
  if (!value.is_object())
    return fail(key, "expected a list of values or {\"from\", \"to\", "
                     "\"step\"}, got " +
                         show(value));
  for (auto field = value.begin(); field != value.end(); ++field)
    if (!llvm::is_contained({"from", "to", "step", "factor"}, field.key()))
      return fail(key + "." + field.key(),
                  "unknown key (expected from, to, step or factor)");
  int64_t from, to, step = 0, factor = 0;
  if (!value.contains("from") || !value.contains("to"))
    return fail(key, "a range needs \"from\" and \"to\"");
  if (llvm::Error e = getPositive(value["from"], key + ".from", from))
    return e;
  if (llvm::Error e = getPositive(value["to"], key + ".to", to))
    return e;
  if (to < from)
    return fail(key, "\"to\" (" + std::to_string(to) + ") is below \"from\" (" +
                         std::to_string(from) + ")");
  if (value.contains("step") == value.contains("factor"))
    return fail(key, "a range needs exactly one of \"step\" and \"factor\"");
  if (value.contains("step")) {
    if (llvm::Error e = getPositive(value["step"], key + ".step", step))
      return e;
    for (int64_t v = from; v <= to; v += step)
      out.push_back(v);
  } else {
    if (llvm::Error e = getPositive(value["factor"], key + ".factor", factor))
      return e;
    if (factor < 2)
      return fail(key + ".factor", "must be at least 2");
    for (int64_t v = from; v <= to; v *= factor)
      out.push_back(v);
  }
  if (out.size() > 1'000'000)
    return fail(key, "more than a million values");
  return llvm::Error::success();
}

} // namespace

uint64_t SweepSpec::getGroupSize() const {
  // A search's mappings depend on the buffer sizes: no sharing then.
  return isSized() && !search ? l1Sizes.size() * l2Sizes.size() : 1;
}

uint64_t SweepSpec::getNumDesigns() const {
  uint64_t buffers = isSized() ? l1Sizes.size() * l2Sizes.size() : 1;
  return uint64_t(std::max<size_t>(dataflows.size(), 1)) * pes.size() *
         nocBandwidths.size() * offchipBandwidths.size() * vectorWidths.size() *
         nocLatencies.size() * buffers;
}

uint64_t SweepSpec::getNumGroups() const {
  return getNumDesigns() / getGroupSize();
}

Design dse::getDesign(const SweepSpec &spec, uint64_t index) {
  Design design;
  design.index = index;
  uint64_t rest = index;
  auto digit = [&](size_t size) {
    uint64_t d = rest % size;
    rest /= size;
    return d;
  };
  if (spec.isSized()) {
    design.l2Size = spec.l2Sizes[digit(spec.l2Sizes.size())];
    design.l1Size = spec.l1Sizes[digit(spec.l1Sizes.size())];
  }
  maestro::Hardware &hw = design.hardware;
  hw.nocLatency = spec.nocLatencies[digit(spec.nocLatencies.size())];
  hw.simdLanes = spec.vectorWidths[digit(spec.vectorWidths.size())];
  hw.offchipBandwidth =
      spec.offchipBandwidths[digit(spec.offchipBandwidths.size())];
  hw.nocBandwidth = spec.nocBandwidths[digit(spec.nocBandwidths.size())];
  hw.numPes = spec.pes[digit(spec.pes.size())];
  design.dataflow = digit(std::max<size_t>(spec.dataflows.size(), 1));
  // Buffer sizes do not change MAESTRO's analysis; they are checked
  // against its requirements.
  hw.l1Size = design.l1Size ? design.l1Size : INT_MAX;
  hw.l2Size = design.l2Size ? design.l2Size : INT_MAX;
  return design;
}

llvm::Expected<SweepSpec> dse::parseSweepSpec(llvm::StringRef text) {
  json root = json::parse(text.begin(), text.end(), nullptr,
                          /*allow_exceptions=*/false);
  if (root.is_discarded())
    return llvm::createStringError("the sweep specification is not valid "
                                   "JSON");
  if (!root.is_object())
    return llvm::createStringError("the sweep specification must be a JSON "
                                   "object");
  static const char *known[] = {
      "pes",       "noc_bw",        "offchip_bw", "vector_width", "noc_latency",
      "l1_size",   "l2_size",       "dataflows",  "search",       "max_area",
      "max_power", "mac_energy_pj", "description"};
  for (auto field = root.begin(); field != root.end(); ++field)
    if (!llvm::is_contained(known, field.key()))
      return fail(field.key(), "unknown key (expected one of pes, noc_bw, "
                               "offchip_bw, vector_width, noc_latency, "
                               "l1_size, l2_size, dataflows, search, "
                               "max_area, max_power, mac_energy_pj, "
                               "description)");
  SweepSpec spec;
  if (llvm::Error e = getValues(root, "pes", spec.pes, true, {}))
    return std::move(e);
  if (llvm::Error e = getValues(root, "noc_bw", spec.nocBandwidths, true, {}))
    return std::move(e);
  if (llvm::Error e =
          getValues(root, "offchip_bw", spec.offchipBandwidths, false, {64}))
    return std::move(e);
  if (llvm::Error e =
          getValues(root, "vector_width", spec.vectorWidths, false, {1}))
    return std::move(e);
  if (llvm::Error e =
          getValues(root, "noc_latency", spec.nocLatencies, false, {1}))
    return std::move(e);
  if (root.contains("l1_size") != root.contains("l2_size"))
    return fail(root.contains("l1_size") ? "l2_size" : "l1_size",
                "give both l1_size and l2_size, or neither (buffers sized "
                "to fit)");
  if (llvm::Error e = getValues(root, "l1_size", spec.l1Sizes, false, {}))
    return std::move(e);
  if (llvm::Error e = getValues(root, "l2_size", spec.l2Sizes, false, {}))
    return std::move(e);

  for (const char *key : {"max_area", "max_power"})
    if (root.contains(key)) {
      const json &value = root[key];
      if (!value.is_number() || value.get<double>() <= 0)
        return fail(key, "expected a positive number, got " + show(value));
      (std::string(key) == "max_area" ? spec.maxArea : spec.maxPower) =
          value.get<double>();
    }

  if (root.contains("mac_energy_pj")) {
    const json &value = root["mac_energy_pj"];
    if (!value.is_number() || !(value.get<double>() > 0))
      return fail("mac_energy_pj",
                  "expected a positive number of pJ, got " + show(value));
    spec.macEnergyPj = value.get<double>();
  }

  if (root.contains("dataflows") && root.contains("search"))
    return fail("search", "give either dataflows or search, not both");
  if (root.contains("search")) {
    const json &search = root["search"];
    if (!search.is_object())
      return fail("search", "expected {\"mapper\", \"budget\", \"seed\", "
                            "\"objective\", \"cost_model\"}");
    SearchChoice choice;
    for (auto field = search.begin(); field != search.end(); ++field) {
      std::string key = "search." + field.key();
      if (field.key() == "mapper" || field.key() == "objective" ||
          field.key() == "cost_model") {
        if (!field->is_string())
          return fail(key, "expected a string, got " + show(*field));
        (field.key() == "mapper"      ? choice.mapper
         : field.key() == "objective" ? choice.objective
                                      : choice.costModel) =
            field->get<std::string>();
      } else if (field.key() == "budget" || field.key() == "seed") {
        int64_t v;
        if (llvm::Error e = getPositive(*field, key, v))
          return std::move(e);
        (field.key() == "budget" ? choice.budget : choice.seed) = v;
      } else {
        return fail(key, "unknown key (expected mapper, budget, seed, "
                         "objective or cost_model)");
      }
    }
    spec.search = choice;
    spec.dataflows = {{"search:" + choice.mapper, ""}};
    return spec;
  }
  if (!root.contains("dataflows")) {
    spec.dataflows = {{"workload", ""}};
    return spec;
  }
  const json &dataflows = root["dataflows"];
  if (!dataflows.is_array() || dataflows.empty())
    return fail("dataflows", "expected a non-empty list of dataflow names "
                             "(" +
                                 llvm::join(getMaestroDataflowNames(), ", ") +
                                 ", or \"workload\") or {\"name\": ..., "
                                 "\"directives\": ...} objects");
  for (size_t i = 0; i < dataflows.size(); ++i) {
    std::string key = "dataflows[" + std::to_string(i) + "]";
    const json &entry = dataflows[i];
    DataflowChoice choice;
    if (entry.is_string()) {
      choice.name = entry.get<std::string>();
      if (choice.name != "workload") {
        std::optional<std::string> preset = getMaestroDataflow(choice.name);
        if (!preset)
          return fail(key, "unknown dataflow '" + choice.name + "' (known: " +
                               llvm::join(getMaestroDataflowNames(), ", ") +
                               ", workload)");
        choice.directives = *preset;
      }
    } else if (entry.is_object() && entry.contains("name") &&
               entry.contains("directives") && entry["name"].is_string() &&
               entry["directives"].is_string() && entry.size() == 2) {
      choice.name = entry["name"].get<std::string>();
      choice.directives = entry["directives"].get<std::string>();
      if (choice.directives.empty())
        return fail(key + ".directives", "empty");
    } else {
      return fail(key, "expected a dataflow name or {\"name\", "
                       "\"directives\"}, got " +
                           show(entry));
    }
    for (const DataflowChoice &other : spec.dataflows)
      if (other.name == choice.name)
        return fail(key, "dataflow '" + choice.name + "' listed twice");
    spec.dataflows.push_back(choice);
  }
  return spec;
}
