//===- Explorer.cpp - Evaluate every design of a sweep --------------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/Explorer.h"
#include "Union/Engine/Maestro/MaestroAreaPower.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

using namespace mlir::union_;
using namespace mlir::union_::dse;

const char *dse::stringifyDesignStatus(DesignStatus status) {
  switch (status) {
  case DesignStatus::Valid:
    return "valid";
  case DesignStatus::L1TooSmall:
    return "l1_too_small";
  case DesignStatus::L2TooSmall:
    return "l2_too_small";
  case DesignStatus::OverArea:
    return "over_area";
  case DesignStatus::OverPower:
    return "over_power";
  case DesignStatus::Unmappable:
    return "unmappable";
  }
  return "?";
}

std::optional<DesignStatus> dse::parseDesignStatus(llvm::StringRef name) {
  for (unsigned s = 0; s < kNumStatuses; ++s)
    if (name == stringifyDesignStatus(DesignStatus(s)))
      return DesignStatus(s);
  return std::nullopt;
}

GroupAnalysis
dse::getMaestroAnalysis(const std::vector<maestro::Network> &networks) {
  return [&networks](const Design &design) {
    WorkloadFigures figures;
    auto results =
        maestro::analyzeNetwork(networks[design.dataflow], design.hardware);
    if (!results) {
      figures.failure = llvm::toString(results.takeError());
      return figures;
    }
    for (const maestro::LayerResult &r : *results) {
      // Each layer's counts fit 64 bits (the engine checks); their sum
      // over a network might not.
      if (__builtin_add_overflow(figures.latency, r.runtime,
                                 &figures.latency)) {
        figures.failure = "the workload's latency exceeds 64-bit integers";
        return figures;
      }
      figures.energy += maestro::getEnergyTotal(r);
      int64_t l1 = 0, l2 = 0;
      for (const maestro::TensorFigures &t : r.tensors) {
        l1 += t.l1SizeReq;
        l2 += t.l2SizeReq;
      }
      figures.l1Required = std::max(figures.l1Required, l1);
      figures.l2Required = std::max(figures.l2Required, l2);
    }
    figures.mapped = true;
    return figures;
  };
}

DesignFigures dse::getDesignFigures(const SweepSpec &spec, const Design &design,
                                    const WorkloadFigures &workload,
                                    const AreaPowerModel &areaPower) {
  DesignFigures figures;
  figures.index = design.index;
  if (!workload.mapped) {
    figures.status = DesignStatus::Unmappable;
    return figures;
  }
  figures.latency = workload.latency;
  figures.energy = double(workload.energy);
  figures.l1Required = workload.l1Required;
  figures.l2Required = workload.l2Required;
  // A design sized to fit has exactly the buffers its layers need.
  int64_t l1 = spec.isSized() ? design.l1Size : workload.l1Required;
  int64_t l2 = spec.isSized() ? design.l2Size : workload.l2Required;
  maestro::AreaPower model =
      areaPower ? areaPower(design, l1, l2)
                : maestro::getAreaPower(design.hardware, l1, l2);
  figures.area = double(model.area);
  figures.power = double(model.power);
  // A search only visits mappings whose tiles fit the buffers (the map
  // space's capacity rule), so only fixed dataflows are checked here.
  bool checkBuffers = spec.isSized() && !spec.search;
  if (checkBuffers && workload.l1Required > design.l1Size)
    figures.status = DesignStatus::L1TooSmall;
  else if (checkBuffers && workload.l2Required > design.l2Size)
    figures.status = DesignStatus::L2TooSmall;
  else if (spec.maxArea && figures.area > *spec.maxArea)
    figures.status = DesignStatus::OverArea;
  else if (spec.maxPower && figures.power > *spec.maxPower)
    figures.status = DesignStatus::OverPower;
  return figures;
}

ExploreResult dse::explore(const SweepSpec &spec, const GroupAnalysis &analysis,
                           const ExploreOptions &options) {
  auto start = std::chrono::steady_clock::now();
  uint64_t numGroups = spec.getNumGroups();
  uint64_t groupSize = spec.getGroupSize();
  // Groups go round-robin to shards, so every shard gets a mix of sizes.
  std::vector<uint64_t> groups;
  for (uint64_t g = options.shard; g < numGroups; g += options.numShards)
    groups.push_back(g);

  ExploreResult result;
  result.failures.assign(std::max<size_t>(spec.dataflows.size(), 1), "");
  // Every design's figures go straight to their place (group slot times
  // group size), so the list is built once, in index order, with no
  // per-group lists to merge (touching fresh memory costs more than
  // costing a design on the 2-core VMs: docs/DSE.md#speed).
  result.designs.resize(groups.size() * groupSize);
  std::vector<std::array<uint64_t, kNumStatuses>> counts(
      std::max(1u, options.threads));
  std::atomic<uint64_t> next{0}, done{0};
  std::mutex failureMutex;

  auto worker = [&](unsigned thread) {
    while (true) {
      uint64_t slot = next.fetch_add(1);
      if (slot >= groups.size())
        break;
      uint64_t first = groups[slot] * groupSize;
      Design design = getDesign(spec, first);
      WorkloadFigures workload = analysis(design);
      if (!workload.mapped) {
        std::lock_guard<std::mutex> lock(failureMutex);
        std::string &failure = result.failures[design.dataflow];
        if (failure.empty())
          failure = workload.failure;
      }
      DesignFigures *out = result.designs.data() + slot * groupSize;
      for (uint64_t v = 0; v < groupSize; ++v) {
        Design variant = v == 0 ? design : getDesign(spec, first + v);
        out[v] = getDesignFigures(spec, variant, workload, options.areaPower);
        ++counts[thread][unsigned(out[v].status)];
      }
      done.fetch_add(1);
    }
  };

  std::vector<std::thread> threads;
  for (unsigned t = 1; t < options.threads; ++t)
    threads.emplace_back(worker, t);
  if (options.progress) {
    // The main thread reports while the others work.
    std::thread main(worker, 0);
    while (done.load() < groups.size()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      double seconds = std::chrono::duration<double>(
                           std::chrono::steady_clock::now() - start)
                           .count();
      uint64_t designs = done.load() * groupSize;
      llvm::errs() << llvm::format(
          "\runion-dse: %llu / %llu designs (%.1f%%), %.0f designs/s",
          (unsigned long long)designs,
          (unsigned long long)(groups.size() * groupSize),
          100.0 * done.load() / std::max<size_t>(groups.size(), 1),
          designs / std::max(seconds, 1e-9));
    }
    main.join();
    llvm::errs() << "\n";
  } else {
    worker(0);
  }
  for (std::thread &thread : threads)
    thread.join();

  if (!options.keepInvalid)
    result.designs.erase(
        std::remove_if(result.designs.begin(), result.designs.end(),
                       [](const DesignFigures &figures) {
                         return figures.status != DesignStatus::Valid;
                       }),
        result.designs.end());
  for (auto &threadCounts : counts)
    for (unsigned s = 0; s < kNumStatuses; ++s)
      result.byStatus[s] += threadCounts[s];
  result.numDesigns = groups.size() * groupSize;
  result.analyses = groups.size();
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return result;
}
