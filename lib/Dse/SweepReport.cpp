//===- SweepReport.cpp - What a design sweep found, as CSV and JSON -------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dse/SweepReport.h"
#include "Union/Support/NumberFormat.h"
#include "Union/Support/ParallelChunks.h"
#include "Union/Support/TextBuffer.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

using namespace mlir::union_;
using namespace mlir::union_::dse;
using nlohmann::ordered_json;

namespace {

const char *kCsvHeader =
    "design,dataflow,pes,noc_bw,offchip_bw,vector_width,noc_latency,l1_size,"
    "l2_size,latency_cycles,energy,area_um2,power_mw,l1_required,l2_required,"
    "status,pareto";

/// The buffer sizes a design has (its own, or what it needs when sized to
/// fit).
std::pair<int64_t, int64_t> getBuffers(const SweepSpec &spec,
                                       const Design &design,
                                       const DesignFigures &figures) {
  if (spec.isSized())
    return {design.l1Size, design.l2Size};
  return {figures.l1Required, figures.l2Required};
}

ordered_json toJson(const SweepReport &report, const DesignFigures &figures) {
  Design design = getDesign(report.spec, figures.index);
  auto [l1, l2] = getBuffers(report.spec, design, figures);
  ordered_json j;
  j["design"] = figures.index;
  j["dataflow"] = report.spec.dataflows[design.dataflow].name;
  j["pes"] = design.hardware.numPes;
  j["noc_bw"] = design.hardware.nocBandwidth;
  j["offchip_bw"] = design.hardware.offchipBandwidth;
  j["vector_width"] = design.hardware.simdLanes;
  j["noc_latency"] = design.hardware.nocLatency;
  j["l1_size"] = l1;
  j["l2_size"] = l2;
  j["latency_cycles"] = figures.latency;
  j["energy"] = figures.energy;
  j["area_um2"] = figures.area;
  j["power_mw"] = figures.power;
  return j;
}

} // namespace

void SweepReport::finish() {
  pareto = getParetoFront(designs);
  best.clear();
  for (DseObjective objective : {DseObjective::Latency, DseObjective::Energy,
                                 DseObjective::Area, DseObjective::EDP})
    best.push_back({objective, getBestDesign(designs, objective)});
}

void dse::writeCsv(llvm::raw_ostream &os, const SweepReport &report,
                   CsvRows rows) {
  os << kCsvHeader << "\n";
  std::vector<bool> onFront(report.designs.size(), false);
  for (size_t i : report.pareto)
    onFront[i] = true;
  // Rows are formatted in chunks on the sweep's threads and written in
  // order: the file is the same for any thread count.
  formatInOrder<TextBuffer>(
      report.designs.size(), report.threads, /*chunkSize=*/1024,
      [&](TextBuffer &out, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          const DesignFigures &figures = report.designs[i];
          bool valid = figures.status == DesignStatus::Valid;
          if ((rows == CsvRows::Valid && !valid) ||
              (rows == CsvRows::Pareto && !onFront[i]))
            continue;
          Design design = getDesign(report.spec, figures.index);
          auto [l1, l2] = getBuffers(report.spec, design, figures);
          const maestro::Hardware &hw = design.hardware;
          out << figures.index << ','
              << report.spec.dataflows[design.dataflow].name << ',' << hw.numPes
              << ',' << hw.nocBandwidth << ',' << hw.offchipBandwidth << ','
              << hw.simdLanes << ',' << hw.nocLatency << ',' << l1 << ',' << l2
              << ',' << figures.latency << ',' << Shortest{figures.energy}
              << ',' << Shortest{figures.area} << ',' << Shortest{figures.power}
              << ',' << figures.l1Required << ',' << figures.l2Required << ','
              << stringifyDesignStatus(figures.status) << ','
              << (onFront[i] ? '1' : '0') << '\n';
        }
      },
      [&](const TextBuffer &chunk) {
        os.write(chunk.view().data(), chunk.size());
      });
}

void dse::writeJson(llvm::raw_ostream &os, const SweepReport &report,
                    llvm::StringRef csvPath) {
  ordered_json j;
  j["workload"] = report.workload;
  j["sweep"] = ordered_json::parse(report.sweepText, nullptr, false);
  j["designs"] = report.numDesigns;
  j["valid"] = report.getNumValid();
  ordered_json byStatus;
  for (unsigned s = 0; s < kNumStatuses; ++s)
    byStatus[stringifyDesignStatus(DesignStatus(s))] = report.byStatus[s];
  j["by_status"] = byStatus;
  ordered_json failures = ordered_json::object();
  for (auto [d, failure] : llvm::enumerate(report.failures))
    if (!failure.empty())
      failures[report.spec.dataflows[d].name] = failure;
  j["unmappable_because"] = failures;
  // Only when a dataflow left layers out: older summaries stay the same.
  ordered_json skipped = ordered_json::object();
  for (auto [d, layers] : llvm::enumerate(report.skipped)) {
    if (layers.empty() || d >= report.spec.dataflows.size())
      continue;
    ordered_json list = ordered_json::array();
    for (const auto &[layer, reason] : layers)
      list.push_back({{"layer", layer}, {"reason", reason}});
    skipped[report.spec.dataflows[d].name] = list;
  }
  if (!skipped.empty())
    j["layers_left_out"] = skipped;
  j["analyses"] = report.analyses;
  if (report.mergedShards)
    j["merged_shards"] = report.mergedShards;
  else
    j["shard"] =
        std::to_string(report.shard) + "/" + std::to_string(report.numShards);
  j["threads"] = report.threads;
  j["seconds"] = report.seconds;
  j["designs_per_second"] =
      report.seconds > 0 ? double(report.numDesigns) / report.seconds : 0.0;
  j["pareto_size"] = report.pareto.size();
  ordered_json best = ordered_json::object();
  for (auto [objective, position] : report.best)
    best[stringifyDseObjective(objective)] =
        position < 0 ? ordered_json()
                     : toJson(report, report.designs[position]);
  j["best"] = best;
  ordered_json front = ordered_json::array();
  for (size_t i : report.pareto)
    front.push_back(toJson(report, report.designs[i]));
  j["pareto"] = front;
  j["csv"] = csvPath.str();
  j["csv_has_invalid"] = report.hasInvalid;
  os << j.dump(2) << "\n";
}

void dse::writeText(llvm::raw_ostream &os, const SweepReport &report) {
  os << "workload: " << report.workload << "\n";
  os << llvm::format("designs: %llu, valid: %llu",
                     (unsigned long long)report.numDesigns,
                     (unsigned long long)report.getNumValid());
  for (unsigned s = 1; s < kNumStatuses; ++s)
    if (report.byStatus[s])
      os << ", " << stringifyDesignStatus(DesignStatus(s)) << ": "
         << report.byStatus[s];
  os << "\n";
  if (report.seconds > 0)
    os << llvm::format("evaluated in %.3f s on %u threads: %.0f designs/s "
                       "(%llu MAESTRO analyses)\n",
                       report.seconds, report.threads,
                       report.numDesigns / report.seconds,
                       (unsigned long long)report.analyses);
  os << "pareto front (latency, energy, area): " << report.pareto.size()
     << " designs\n";
  for (auto [objective, position] : report.best) {
    os << "best " << stringifyDseObjective(objective) << ": ";
    if (position < 0) {
      os << "none (no valid design)\n";
      continue;
    }
    const DesignFigures &d = report.designs[position];
    Design design = getDesign(report.spec, d.index);
    auto [l1, l2] = getBuffers(report.spec, design, d);
    os << llvm::format("design %llu: %s, %lld PEs, NoC %lld, L1 %lld, L2 "
                       "%lld: %lld cycles, energy %.6g, area %.6g um2, power "
                       "%.6g mW\n",
                       (unsigned long long)d.index,
                       report.spec.dataflows[design.dataflow].name.c_str(),
                       (long long)design.hardware.numPes,
                       (long long)design.hardware.nocBandwidth, (long long)l1,
                       (long long)l2, (long long)d.latency, d.energy, d.area,
                       d.power);
  }
  for (auto [d, failure] : llvm::enumerate(report.failures))
    if (!failure.empty())
      os << "dataflow " << report.spec.dataflows[d].name
         << " could not map some designs: " << failure << "\n";
  for (auto [d, layers] : llvm::enumerate(report.skipped)) {
    if (layers.empty() || d >= report.spec.dataflows.size())
      continue;
    os << "dataflow " << report.spec.dataflows[d].name << " leaves out "
       << layers.size() << (layers.size() == 1 ? " layer" : " layers")
       << " (not in its figures):";
    for (auto [k, layer] : llvm::enumerate(layers))
      os << (k ? ", " : " ") << layer.first;
    os << "\n";
  }
}

llvm::Expected<SweepReport>
dse::mergeShards(llvm::ArrayRef<std::string> jsonPaths) {
  SweepReport merged;
  std::vector<bool> seenShard;
  for (const std::string &path : jsonPaths) {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer)
      return llvm::createStringError("cannot read '" + path +
                                     "': " + buffer.getError().message());
    auto j = ordered_json::parse((*buffer)->getBuffer().begin(),
                                 (*buffer)->getBuffer().end(), nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("shard") ||
        !j["shard"].is_string() || !j.contains("sweep") || !j.contains("csv") ||
        !j["csv"].is_string())
      return llvm::createStringError(
          "'" + path + "' is not the JSON summary of a union-dse shard");
    auto [shardText, countText] =
        llvm::StringRef(j["shard"].get<std::string>()).split('/');
    unsigned shard, count;
    if (shardText.getAsInteger(10, shard) || countText.getAsInteger(10, count))
      return llvm::createStringError("'" + path + "': bad shard field");
    std::string sweepText = j["sweep"].dump();
    std::string workload = j.value("workload", "");
    if (seenShard.empty()) {
      seenShard.assign(count, false);
      merged.sweepText = sweepText;
      merged.workload = workload;
      merged.numShards = count;
      auto spec = parseSweepSpec(sweepText);
      if (!spec)
        return spec.takeError();
      merged.spec = *spec;
      merged.failures.assign(merged.spec.dataflows.size(), "");
      merged.hasInvalid = true;
    } else if (count != merged.numShards || sweepText != merged.sweepText ||
               workload != merged.workload) {
      return llvm::createStringError("'" + path +
                                     "' comes from another sweep or workload");
    }
    if (shard >= count || seenShard[shard])
      return llvm::createStringError(
          "'" + path + "': shard " + std::to_string(shard) + "/" +
          std::to_string(count) +
          (shard >= count ? " is out of range" : " given twice"));
    seenShard[shard] = true;
    merged.numDesigns += j.value("designs", uint64_t(0));
    merged.analyses += j.value("analyses", uint64_t(0));
    merged.seconds += j.value("seconds", 0.0);
    merged.threads = std::max(merged.threads, j.value("threads", 1u));
    for (unsigned s = 0; s < kNumStatuses; ++s)
      merged.byStatus[s] += j["by_status"].value(
          stringifyDesignStatus(DesignStatus(s)), uint64_t(0));
    for (auto [d, choice] : llvm::enumerate(merged.spec.dataflows))
      if (merged.failures[d].empty() &&
          j["unmappable_because"].contains(choice.name))
        merged.failures[d] =
            j["unmappable_because"][choice.name].get<std::string>();
    merged.hasInvalid &= j.value("csv_has_invalid", false);
    // Every shard leaves out the same layers.
    if (merged.skipped.empty()) {
      merged.skipped.assign(merged.spec.dataflows.size(), {});
      if (j.contains("layers_left_out") && j["layers_left_out"].is_object())
        for (auto [d, choice] : llvm::enumerate(merged.spec.dataflows))
          if (j["layers_left_out"].contains(choice.name) &&
              j["layers_left_out"][choice.name].is_array())
            for (const auto &entry : j["layers_left_out"][choice.name])
              merged.skipped[d].push_back(
                  {entry.value("layer", ""), entry.value("reason", "")});
    }

    // The shard's CSV: next to the summary when the recorded path is
    // relative and not found from here.
    std::string csvPath = j["csv"].get<std::string>();
    if (csvPath.empty())
      return llvm::createStringError("'" + path +
                                     "' names no CSV file (run the shard "
                                     "with --csv)");
    if (!llvm::sys::fs::exists(csvPath)) {
      llvm::SmallString<256> sibling(llvm::sys::path::parent_path(path));
      llvm::sys::path::append(sibling, llvm::sys::path::filename(csvPath));
      csvPath = std::string(sibling);
    }
    auto csv = llvm::MemoryBuffer::getFile(csvPath);
    if (!csv)
      return llvm::createStringError("cannot read '" + csvPath +
                                     "': " + csv.getError().message());
    llvm::SmallVector<llvm::StringRef> lines;
    (*csv)->getBuffer().split(lines, '\n', -1, false);
    if (lines.empty() || lines[0] != kCsvHeader)
      return llvm::createStringError("'" + csvPath +
                                     "' is not a union-dse CSV file");
    uint64_t validRows = 0;
    for (size_t n = 1; n < lines.size(); ++n) {
      llvm::SmallVector<llvm::StringRef> cells;
      lines[n].split(cells, ',');
      auto bad = [&] {
        return llvm::createStringError(csvPath + ":" + std::to_string(n + 1) +
                                       ": malformed row");
      };
      if (cells.size() != 17)
        return bad();
      DesignFigures d;
      std::optional<DesignStatus> status = parseDesignStatus(cells[15]);
      if (cells[0].getAsInteger(10, d.index) ||
          cells[9].getAsInteger(10, d.latency) ||
          cells[10].getAsDouble(d.energy) || cells[11].getAsDouble(d.area) ||
          cells[12].getAsDouble(d.power) ||
          cells[13].getAsInteger(10, d.l1Required) ||
          cells[14].getAsInteger(10, d.l2Required) || !status)
        return bad();
      d.status = *status;
      validRows += d.status == DesignStatus::Valid;
      merged.designs.push_back(d);
    }
    uint64_t expectedValid = j["by_status"].value("valid", uint64_t(0));
    if (validRows != expectedValid)
      return llvm::createStringError(
          "'" + csvPath + "' holds " + std::to_string(validRows) +
          " valid designs, its summary says " + std::to_string(expectedValid) +
          " (was it written with --csv-rows=pareto?)");
  }
  for (unsigned s = 0; s < merged.numShards; ++s)
    if (!seenShard[s])
      return llvm::createStringError("shard " + std::to_string(s) + "/" +
                                     std::to_string(merged.numShards) +
                                     " is missing");
  std::sort(merged.designs.begin(), merged.designs.end(),
            [](const DesignFigures &a, const DesignFigures &b) {
              return a.index < b.index;
            });
  merged.mergedShards = merged.numShards;
  merged.finish();
  return merged;
}
