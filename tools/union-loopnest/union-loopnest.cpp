//===- union-loopnest.cpp - A drop-in for timeloop-model ------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Takes timeloop-model's inputs (YAML files merged into one tree: problem,
// architecture, mapping and an optional ERT), evaluates the mapping with
// Union's loop-nest engine and prints the summary, or with --json every
// figure. Timeloop's TIMELOOP_DISABLE_LINK_TRANSFERS and
// TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION switches are honoured. A mapping
// Timeloop rejects prints Timeloop's `ERROR: ...` line
// and exits 1; other errors name the file and exit 1. Nothing aborts.
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/LoopNest/LoopNestModel.h"
#include "Union/Engine/LoopNest/TimeloopInputs.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string_view>

using namespace mlir::union_;
using namespace mlir::union_::loopnest;

namespace {

/// Only these options show in --help (LLVM's own are hidden).
llvm::cl::OptionCategory loopNestCategory("union-loopnest options");
llvm::cl::list<std::string> inputFiles(llvm::cl::Positional,
                                       llvm::cl::cat(loopNestCategory),
                                       llvm::cl::desc("<file.yaml>..."),
                                       llvm::cl::OneOrMore);
llvm::cl::opt<bool> printJson("json", llvm::cl::cat(loopNestCategory),
                              llvm::cl::desc("Print every figure as JSON"));

/// Timeloop's analysis switches, from the environment variables
/// timeloop-model reads (set and not "0" turns a feature off).
Options getOptionsFromEnvironment() {
  auto disabled = [](const char *name) {
    const char *value = std::getenv(name);
    return value && std::string_view(value) != "0";
  };
  Options options;
  options.linkTransfers = !disabled("TIMELOOP_DISABLE_LINK_TRANSFERS");
  options.extrapolateTemporal =
      !disabled("TIMELOOP_DISABLE_TEMPORAL_EXTRAPOLATION");
  return options;
}

int fail(const llvm::Twine &message) {
  llvm::errs() << "union-loopnest: error: " << message << "\n";
  return 1;
}

const char *sourceName(EnergySource source) {
  switch (source) {
  case EnergySource::Builtin:
    return "builtin";
  case EnergySource::Ert:
    return "ERT";
  case EnergySource::User:
    return "user";
  }
  return "?";
}

nlohmann::json toJson(const Problem &problem, const TimeloopArchitecture &tl,
                      const Result &result) {
  const Architecture &arch = tl.arch;
  nlohmann::json out;
  out["cycles"] = result.cycles;
  out["compute_cycles"] = result.computeCycles;
  out["computes"] = result.computes;
  out["utilization"] = result.utilization;
  out["energy_pJ"] = result.energy;
  out["fJ_per_compute"] = result.getEnergyPerCompute() * 1000.0;
  out["bottleneck"] = result.bottleneck < 0
                          ? nlohmann::json(nullptr)
                          : nlohmann::json(arch.levels[result.bottleneck].name);
  out["arithmetic"] = {{"name", arch.arithmetic.name},
                       {"instances", arch.arithmetic.instances},
                       {"utilized_instances", result.utilizedMacs},
                       {"computes", result.computes},
                       {"compute_energy_pJ", arch.arithmetic.computeEnergy},
                       {"energy_pJ", result.macEnergy}};
  nlohmann::json levels = nlohmann::json::array();
  for (auto [i, level] : llvm::enumerate(result.levels)) {
    const StorageLevel &spec = arch.levels[i];
    nlohmann::json entry = {{"name", level.name},
                            {"instances", spec.instances},
                            {"size_words", spec.size},
                            {"block_size", spec.blockSize},
                            {"energy_source", sourceName(tl.sources[i])},
                            {"read_energy_pJ", spec.energy.read},
                            {"fill_energy_pJ", spec.energy.fill},
                            {"update_energy_pJ", spec.energy.update},
                            {"cycles", level.cycles},
                            {"bandwidth_throttling", level.bandwidthThrottling},
                            {"energy_pJ", level.energy}};
    nlohmann::json spaces = nlohmann::json::object();
    for (auto [t, tensor] : llvm::enumerate(level.tensors)) {
      if (tensor.utilizedInstances == 0)
        continue;
      nlohmann::json accesses = nlohmann::json::array();
      for (const auto &[key, words] : tensor.accesses)
        accesses.push_back({{"multicast", key.first},
                            {"scatter", key.second},
                            {"words", words}});
      spaces[problem.tensors[t].name] = {
          {"reads", tensor.reads},
          {"fills", tensor.fills},
          {"updates", tensor.updates},
          {"utilized_instances", tensor.utilizedInstances},
          {"utilized_capacity", tensor.utilizedCapacity},
          {"partition_size", tensor.partitionSize},
          {"temporal_reductions", tensor.temporalReductions},
          {"energy_per_instance_pJ", tensor.energyPerInstance},
          {"energy_pJ", tensor.energy},
          {"multicast_words", tensor.multicastAccesses},
          {"spatial_reduction_words", tensor.spatialReductions},
          {"accesses", accesses}};
    }
    entry["data_spaces"] = spaces;
    levels.push_back(entry);
  }
  out["levels"] = levels;
  return out;
}

void printSummary(llvm::raw_ostream &os, const Problem &problem,
                  const Architecture &arch, const Result &result) {
  os << llvm::formatv("Cycles: {0}\nComputes: {1}\nUtilization: {2:F4}\n"
                      "Energy: {3:F2} pJ ({4:F2} fJ/compute)\n",
                      result.cycles, result.computes, result.utilization,
                      result.energy, result.getEnergyPerCompute() * 1000.0);
  if (result.bottleneck >= 0)
    os << "Bandwidth-bound at: " << arch.levels[result.bottleneck].name << "\n";
  os << llvm::formatv("{0,-12} {1,-10} {2,14} {3,14} {4,14} {5,10} {6,9} "
                      "{7,18}\n",
                      "level", "tensor", "reads", "fills", "updates",
                      "capacity", "instances", "energy(pJ)");
  for (auto [i, level] : llvm::enumerate(result.levels))
    for (auto [t, tensor] : llvm::enumerate(level.tensors)) {
      if (tensor.utilizedInstances == 0)
        continue;
      os << llvm::formatv("{0,-12} {1,-10} {2,14} {3,14} {4,14} {5,10} {6,9} "
                          "{7,18:F2}\n",
                          level.name, problem.tensors[t].name, tensor.reads,
                          tensor.fills, tensor.updates, tensor.utilizedCapacity,
                          tensor.utilizedInstances, tensor.energy);
    }
  os << llvm::formatv("{0,-12} {1,-10} {2,14} {3,14} {4,14} {5,10} {6,9} "
                      "{7,18:F2}\n",
                      arch.arithmetic.name, "", result.computes, "", "", "",
                      result.utilizedMacs, result.macEnergy);
}

} // namespace

int main(int argc, char **argv) {
  llvm::cl::HideUnrelatedOptions(loopNestCategory);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "union-loopnest: evaluates a Timeloop v3.0.3 mapping with Union's "
      "loop-nest model (a drop-in for timeloop-model)\n");
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string &path : inputFiles) {
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
    if (!buffer)
      return fail(path + ": cannot read file: " + buffer.getError().message());
    files.push_back({path, (*buffer)->getBuffer().str()});
  }
  timeloop::Inputs inputs;
  std::vector<std::string> warnings;
  if (llvm::Error e = timeloop::readInputs(files, inputs, warnings))
    return fail(llvm::toString(std::move(e)));
  for (const std::string &warning : warnings)
    llvm::errs() << "union-loopnest: warning: " << warning << "\n";
  if (!inputs.problem)
    return fail("no 'problem' section in the input files");
  if (!inputs.architecture)
    return fail("no 'architecture' section in the input files");
  if (!inputs.mapping)
    return fail("no 'mapping' section in the input files");

  auto problem = getProblem(*inputs.problem);
  if (!problem)
    return fail(llvm::toString(problem.takeError()));
  if (llvm::Error e = validate(*problem))
    return fail("problem: " + llvm::toString(std::move(e)));
  auto arch = getArchitecture(*inputs.architecture,
                              inputs.ert ? &*inputs.ert : nullptr);
  if (!arch)
    return fail("architecture: " + llvm::toString(arch.takeError()));

  auto reportRejection = [](llvm::Error e) {
    int code = 1;
    llvm::handleAllErrors(
        std::move(e),
        [](const RejectionError &rejection) {
          llvm::errs() << "ERROR: " << rejection.getMessage() << "\n";
        },
        [&](const llvm::ErrorInfoBase &other) {
          code = fail(other.message());
        });
    return code;
  };
  auto origin = inputs.origins.find("mapping");
  std::string mappingFile =
      origin == inputs.origins.end() ? "mapping" : origin->second.first;
  auto mapping = getMapping(*inputs.mapping, *inputs.problem, *problem,
                            arch->arch, mappingFile);
  if (!mapping)
    return reportRejection(mapping.takeError());
  auto result =
      evaluate(*problem, arch->arch, *mapping, getOptionsFromEnvironment());
  if (!result)
    return reportRejection(result.takeError());
  if (printJson)
    llvm::outs() << toJson(*problem, *arch, *result).dump(1) << "\n";
  else
    printSummary(llvm::outs(), *problem, arch->arch, *result);
  return 0;
}
