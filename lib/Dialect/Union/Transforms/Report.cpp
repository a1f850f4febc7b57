//===- Report.cpp - Tables, JSON and CSV of costed union ops --------------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Dialect/Union/IR/ArchitectureConversion.h"
#include "Union/Dialect/Union/IR/UnionOps.h"
#include "Union/Dialect/Union/Transforms/Passes.h"
#include "Union/Dialect/Union/Transforms/ReportCharts.h"
#include "Union/Support/NumberFormat.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"

#include <map>

namespace mlir::union_ {
#define GEN_PASS_DEF_UNIONREPORT
#include "Union/Dialect/Union/Transforms/Passes.h.inc"
} // namespace mlir::union_

using namespace mlir;
using namespace mlir::union_;

namespace {

double getNumber(Attribute value) {
  if (auto f = dyn_cast<FloatAttr>(value))
    return f.getValueAsDouble();
  if (auto i = dyn_cast<IntegerAttr>(value))
    return double(i.getInt());
  return 0;
}

/// Words a level moves for a tensor under one cost: its reads, and its
/// writes (fills and updates).
struct Traffic {
  double reads = 0, writes = 0;
};
using TrafficKey = std::pair<std::string, std::string>; ///< level, tensor

/// The per-level, per-tensor traffic a cost counts, from its breakdown's
/// level.tensor.reads, .fills and .updates entries (loop-nest, Timeloop
/// and maestro costs name them so).
std::map<TrafficKey, Traffic> getTraffic(CostAttr cost) {
  std::map<TrafficKey, Traffic> traffic;
  DictionaryAttr breakdown = cost ? cost.getBreakdown() : DictionaryAttr();
  if (!breakdown)
    return traffic;
  for (NamedAttribute entry : breakdown) {
    auto [levelAndTensor, action] = entry.getName().getValue().rsplit('.');
    auto [level, tensor] = levelAndTensor.rsplit('.');
    if (tensor.empty() ||
        (action != "reads" && action != "fills" && action != "updates"))
      continue;
    Traffic &t = traffic[{level.str(), tensor.str()}];
    (action == "reads" ? t.reads : t.writes) += getNumber(entry.getValue());
  }
  return traffic;
}

/// Words a cost counts to and from the outermost level `outerLevel`: its
/// reads and updates (costs name them level.tensor.action), or else the
/// maestro model's offchip_read and offchip_write; none when the cost
/// counts neither.
std::optional<double> getOffChipWords(CostAttr cost, StringRef outerLevel) {
  DictionaryAttr breakdown = cost ? cost.getBreakdown() : DictionaryAttr();
  if (!breakdown)
    return std::nullopt;
  std::string prefix = outerLevel.str() + ".";
  double levelWords = 0, offchipWords = 0;
  bool levelCounted = false, offchipCounted = false;
  for (NamedAttribute entry : breakdown) {
    StringRef name = entry.getName().getValue();
    if (!outerLevel.empty() && name.starts_with(prefix) &&
        (name.ends_with(".reads") || name.ends_with(".updates"))) {
      levelWords += getNumber(entry.getValue());
      levelCounted = true;
    } else if (name == "offchip_read" || name == "offchip_write") {
      offchipWords += getNumber(entry.getValue());
      offchipCounted = true;
    }
  }
  if (levelCounted)
    return levelWords;
  if (offchipCounted)
    return offchipWords;
  return std::nullopt;
}

struct Row {
  MappableOpInterface op;
  std::string label, shape, mapping, words;
  std::string unmapped; ///< why union-search left it without a mapping
  /// A multiply-accumulate left outside union (no `op`): why.
  std::string dropped;
  uint64_t macs = 0;
  llvm::StringMap<int64_t> padded;
  CostAttr cost;
  /// Every model's cost of the current mapping (union.costs), by model.
  std::vector<CostAttr> costs;
  /// MACs the architecture can do per cycle (instances x vector width).
  double peakMacsPerCycle = 0;
  /// Its architecture's level names, outermost first.
  std::vector<std::string> levelNames;
  double edp() const {
    return cost ? double(cost.getCycles()) * double(cost.getEnergy()) : 0;
  }
  /// The op's useful MACs over what the hardware could do in its cycles
  /// (padded work and idle or underused PEs both lower it).
  double macUtilization() const {
    if (!cost || cost.getCycles() == 0 || peakMacsPerCycle == 0)
      return 0;
    return double(macs) / (double(cost.getCycles()) * peakMacsPerCycle);
  }
  /// The cost's energy per level, in the architecture's level order.
  std::vector<std::pair<std::string, double>> getLevelEnergies() const {
    std::vector<std::pair<std::string, double>> energies;
    DictionaryAttr dict = cost ? cost.getEnergies() : DictionaryAttr();
    if (!dict)
      return energies;
    for (NamedAttribute entry : dict)
      energies.push_back(
          {entry.getName().getValue().str(), getNumber(entry.getValue())});
    auto rank = [&](const std::string &name) {
      auto it = llvm::find(levelNames, name);
      return it == levelNames.end() ? levelNames.size()
                                    : size_t(it - levelNames.begin());
    };
    llvm::sort(energies, [&](const auto &a, const auto &b) {
      return std::make_pair(rank(a.first), a.first) <
             std::make_pair(rank(b.first), b.first);
    });
    return energies;
  }
  std::string bottleneck() const {
    return cost && cost.getBottleneck() ? cost.getBottleneck().str() : "-";
  }
};

/// Instances of the compute level times its vector width.
double getPeakMacsPerCycle(ArchitectureAttr arch) {
  if (!arch)
    return 0;
  ArchitectureSpec spec = getArchitectureSpec(arch);
  int64_t width = 1;
  for (const LevelSpec &level : spec.levels)
    if (level.kind == LevelKind::Compute)
      width = level.vectorWidth;
  return double(spec.getNumComputeUnits()) * double(width);
}

/// Dims of size 1 are left out; a padded dim shows both sizes (`p56->64`).
std::string describeShape(ProblemAttr problem,
                          const llvm::StringMap<int64_t> &padded) {
  std::string text;
  for (const DimSpec &dim : problem.getDims()) {
    auto pad = padded.find(dim.name.getValue());
    bool isPadded = pad != padded.end() && pad->second > dim.size;
    if (dim.size == 1 && !isPadded)
      continue;
    text +=
        (text.empty() ? "" : " ") + dim.name.str() + std::to_string(dim.size);
    if (isPadded)
      text += "->" + std::to_string(pad->second);
  }
  return text.empty() ? "scalar" : text;
}

/// The mapping in words: what runs across the array, the loops above the
/// PEs (outermost first) and each PE's tile.
std::string describeMapping(MappingAttr mapping) {
  if (!mapping)
    return "";
  std::string spatial, outer, tile;
  ArrayRef<LevelMappingAttr> levels = mapping.getLevels();
  for (auto [l, level] : llvm::enumerate(levels)) {
    bool innermost = l + 1 == levels.size();
    for (const LoopSpec &loop : level.getLoops()) {
      std::string text = loop.dim.str() + std::to_string(loop.factor);
      if (loop.kind == LoopKind::Spatial)
        spatial += (spatial.empty() ? "" : " x ") + text;
      else if (innermost)
        tile += (tile.empty() ? "" : " ") + text;
      else
        outer += (outer.empty() ? "" : " > ") + text;
    }
  }
  std::string words =
      spatial.empty() ? "no spatial loops" : spatial + " across the array";
  words += "; loops " + (outer.empty() ? std::string("none") : outer);
  words += "; PE tile " + (tile.empty() ? std::string("1") : tile);
  return words;
}

std::string formatCount(double value) {
  if (value >= 1e12)
    return llvm::formatv("{0:F2}T", value / 1e12).str();
  if (value >= 1e9)
    return llvm::formatv("{0:F2}G", value / 1e9).str();
  if (value >= 1e6)
    return llvm::formatv("{0:F2}M", value / 1e6).str();
  if (value >= 1e3)
    return llvm::formatv("{0:F1}k", value / 1e3).str();
  return llvm::formatv("{0}", value).str();
}

struct ReportPass : mlir::union_::impl::UnionReportBase<ReportPass> {
  using Base::Base;

  void runOnOperation() override {
    std::vector<Row> rows;
    getOperation()->walk([&](Operation *operation) {
      auto op = dyn_cast<MappableOpInterface>(operation);
      if (!op) {
        if (auto why = operation->getAttrOfType<StringAttr>(kDroppedAttrName))
          rows.push_back(getDroppedRow(operation, why.str()));
        return;
      }
      Row row;
      row.op = op;
      row.label = getOpLabel(op);
      row.padded = getPaddedDimSizes(op);
      row.shape = describeShape(op.getProblemAttr(), row.padded);
      row.macs = op.getProblemAttr().getMacs();
      row.cost = op.getCostAttr();
      if (auto costs = op->getAttrOfType<DictionaryAttr>(kCostsAttrName))
        for (NamedAttribute entry : costs)
          if (auto cost = dyn_cast<CostAttr>(entry.getValue()))
            row.costs.push_back(cost);
      row.peakMacsPerCycle = getPeakMacsPerCycle(op.getArchAttr());
      if (ArchitectureAttr arch = op.getArchAttr())
        for (Attribute level : arch.getLevels())
          row.levelNames.push_back(ArchitectureAttr::getLevelName(level).str());
      // A cost an earlier search left stands for its mapping.
      if (auto reason = op->getAttrOfType<StringAttr>(kUnmappedAttrName);
          reason && !row.cost)
        row.unmapped = reason.str();
      if (MappingAttr mapping = op.getMappingAttr()) {
        llvm::raw_string_ostream os(row.mapping);
        os << mapping;
        row.words = describeMapping(mapping);
      } else if (op.getDataflowAttr()) {
        row.words = "MAESTRO dataflow";
      }
      rows.push_back(std::move(row));
    });
    if (failed(write(table, [&](raw_ostream &os) { printTable(os, rows); })) ||
        failed(write(json, [&](raw_ostream &os) { printJson(os, rows); })) ||
        failed(write(csv, [&](raw_ostream &os) { printCsv(os, rows); })) ||
        failed(write(svg, [&](raw_ostream &os) { printCharts(os, rows); })))
      return signalPassFailure();
    Totals totals = getTotals(rows);
    if (strict && (totals.costed < totals.ops || !totals.dropped.empty())) {
      InFlightDiagnostic diag =
          emitError(getOperation()->getLoc(), "union-report: ")
          << totals.ops - totals.costed << " of " << totals.ops
          << " ops are not costed";
      if (!totals.dropped.empty())
        diag << " and " << totals.dropped.size()
             << " multiply-accumulates were not converted";
      diag << " (strict)";
      signalPassFailure();
    }
  }

  /// A multiply-accumulate convert-linalg-to-union could not convert.
  static Row getDroppedRow(Operation *op, std::string why) {
    Row row;
    row.label = op->getName().getStringRef().str();
    if (auto name = dyn_cast<NameLoc>(op->getLoc()))
      row.label = name.getName().str();
    row.shape = op->getName().getStringRef().str();
    row.dropped = std::move(why);
    return row;
  }

  LogicalResult write(StringRef path,
                      llvm::function_ref<void(raw_ostream &)> print) {
    if (path.empty())
      return success();
    std::string error;
    auto file = openOutputFile(path, &error);
    if (!file)
      return emitError(getOperation()->getLoc(), "union-report: cannot write '")
             << path << "': " << error;
    print(file->os());
    file->keep();
    return success();
  }

  struct Totals {
    uint64_t macs = 0, ops = 0, costed = 0;
    double cycles = 0, energy = 0, busy = 0;
    std::vector<std::string> unmapped, dropped; ///< labels
    /// Over costed ops: their MACs and their cycles times the peak rate.
    double costedMacs = 0, peakMacs = 0;
    /// Energy per level over costed ops, in first-seen order.
    std::vector<std::pair<std::string, double>> levelEnergies;
    double getMacUtilization() const {
      return peakMacs > 0 ? costedMacs / peakMacs : 0;
    }
  };

  Totals getTotals(const std::vector<Row> &rows) {
    Totals totals;
    for (const Row &row : rows) {
      if (!row.dropped.empty()) {
        totals.dropped.push_back(row.label);
        continue;
      }
      ++totals.ops;
      totals.macs += row.macs;
      if (!row.unmapped.empty())
        totals.unmapped.push_back(row.label);
      if (!row.cost)
        continue;
      ++totals.costed;
      totals.cycles += double(row.cost.getCycles());
      totals.energy += row.cost.getEnergy();
      totals.busy += double(row.cost.getCycles()) * row.cost.getUtilization();
      // Ops whose hardware peak is unknown (no architecture) are left out.
      if (row.peakMacsPerCycle > 0) {
        totals.costedMacs += double(row.macs);
        totals.peakMacs += double(row.cost.getCycles()) * row.peakMacsPerCycle;
      }
      for (const auto &entry : row.getLevelEnergies()) {
        auto it = llvm::find_if(totals.levelEnergies, [&](const auto &e) {
          return e.first == entry.first;
        });
        if (it == totals.levelEnergies.end())
          totals.levelEnergies.push_back(entry);
        else
          it->second += entry.second;
      }
    }
    return totals;
  }

  void printTable(raw_ostream &os, const std::vector<Row> &rows) {
    os << llvm::formatv(
        "{0,-20} {1,-34} {2,9} {3,10} {4,8} {5,8} {6,-22} {7,11}  {8}\n", "op",
        "shape", "MACs", "cycles", "PEs-busy", "MAC-util", "bottleneck",
        "energy(uJ)", "best mapping");
    for (const Row &row : rows) {
      if (!row.dropped.empty()) {
        os << llvm::formatv("{0,-20} {1,-34} {2,9} {3,10}  {4}\n", row.label,
                            row.shape, "?", "not converted", row.dropped);
        continue;
      }
      if (!row.cost) {
        os << llvm::formatv("{0,-20} {1,-34} {2,9} {3,10}", row.label,
                            row.shape, formatCount(double(row.macs)),
                            row.unmapped.empty() ? "not costed" : "not mapped");
        if (!row.unmapped.empty())
          os << "  " << row.unmapped;
        os << "\n";
        continue;
      }
      os << llvm::formatv(
          "{0,-20} {1,-34} {2,9} {3,10} {4,7:P0} {5,7:P0} {6,-22} {7,11:F2}  "
          "{8}\n",
          row.label, row.shape, formatCount(double(row.macs)),
          formatCount(double(row.cost.getCycles())),
          double(row.cost.getUtilization()), row.macUtilization(),
          row.bottleneck(), row.cost.getEnergy() / 1e6, row.words);
    }
    Totals totals = getTotals(rows);
    std::string costed = std::to_string(totals.costed) + " costed";
    if (!totals.unmapped.empty())
      costed += "; " + std::to_string(totals.unmapped.size()) +
                " not mapped: " + llvm::join(totals.unmapped, ", ");
    if (!totals.dropped.empty())
      costed += "; " + std::to_string(totals.dropped.size()) +
                (totals.dropped.size() == 1 ? " multiply-accumulate"
                                            : " multiply-accumulates") +
                " not converted: " + llvm::join(totals.dropped, ", ");
    os << llvm::formatv(
        "total: {0} ops ({1}), {2} MACs, {3} cycles, {4:F2} uJ, "
        "PEs busy {5:P1}, MAC utilization {6:P1}, EDP {7:E3} cycle*pJ\n",
        totals.ops, costed, totals.macs, uint64_t(totals.cycles),
        totals.energy / 1e6, totals.cycles ? totals.busy / totals.cycles : 0.0,
        totals.getMacUtilization(), totals.cycles * totals.energy);
    if (!totals.levelEnergies.empty()) {
      os << "energy by level:";
      double sum = 0;
      for (const auto &entry : totals.levelEnergies)
        sum += entry.second;
      for (auto [i, entry] : llvm::enumerate(totals.levelEnergies))
        os << llvm::formatv("{0} {1} {2:F2} uJ ({3:P1})", i ? "," : "",
                            entry.first, entry.second / 1e6,
                            sum > 0 ? entry.second / sum : 0.0);
      os << "\n";
    }
    printSkippedAtImport(os);
    printComparison(os, rows);
  }

  /// Nodes `union-translate --import-onnx --onnx-keep-going` could not
  /// import (their outputs became placeholder arguments): the totals
  /// leave them out.
  void printSkippedAtImport(raw_ostream &os) {
    Operation *root = getOperation();
    while (root->getParentOp())
      root = root->getParentOp();
    auto skipped = root->getAttrOfType<ArrayAttr>("union.onnx_skipped");
    if (!skipped || skipped.empty())
      return;
    os << "not imported from ONNX (--onnx-keep-going), left out of the "
          "totals: "
       << skipped.size() << " node(s): ";
    llvm::interleaveComma(skipped, os, [&](Attribute name) {
      if (auto text = dyn_cast<StringAttr>(name))
        os << text.getValue();
    });
    os << "\n";
  }

  /// Ops costed by several models (union-evaluate run with each): their
  /// cycles, energy and off-chip words per model, and each model's ratio to
  /// the first.
  void printComparison(raw_ostream &os, const std::vector<Row> &rows) {
    if (llvm::none_of(rows, [](const Row &r) { return r.costs.size() > 1; }))
      return;
    os << "cost models compared (ratios to the first model):\n";
    for (const Row &row : rows) {
      if (row.costs.size() < 2)
        continue;
      StringRef outer =
          row.levelNames.empty() ? StringRef() : StringRef(row.levelNames[0]);
      CostAttr first = row.costs.front();
      std::optional<double> firstWords = getOffChipWords(first, outer);
      os << llvm::formatv("{0,-20}", row.label);
      for (CostAttr cost : row.costs) {
        std::optional<double> words = getOffChipWords(cost, outer);
        os << llvm::formatv("  {0}: {1} cycles", cost.getModel(),
                            formatCount(double(cost.getCycles())));
        if (cost != first)
          os << llvm::formatv(" ({0:F2}x)", double(cost.getCycles()) /
                                                double(first.getCycles()));
        os << llvm::formatv(", {0:F2} uJ", cost.getEnergy() / 1e6);
        if (cost != first)
          os << llvm::formatv(" ({0:F2}x)",
                              double(cost.getEnergy()) / first.getEnergy());
        if (words) {
          os << ", " << formatCount(*words) << " off-chip words";
          if (cost != first && firstWords && *firstWords > 0)
            os << llvm::formatv(" ({0:F2}x)", *words / *firstWords);
        }
        os << ";";
      }
      os << "\n";
      printTraffic(os, row);
    }
  }

  /// Per level (outermost first) and tensor, the words each model reads
  /// and writes there, with ratios to the first model.
  void printTraffic(raw_ostream &os, const Row &row) {
    std::vector<std::map<TrafficKey, Traffic>> traffic;
    std::vector<TrafficKey> keys;
    for (CostAttr cost : row.costs) {
      traffic.push_back(getTraffic(cost));
      for (const auto &entry : traffic.back())
        if (!llvm::is_contained(keys, entry.first))
          keys.push_back(entry.first);
    }
    auto levelIndex = [&](const std::string &level) {
      return size_t(llvm::find(row.levelNames, level) - row.levelNames.begin());
    };
    std::stable_sort(keys.begin(), keys.end(),
                     [&](const TrafficKey &a, const TrafficKey &b) {
                       return levelIndex(a.first) < levelIndex(b.first);
                     });
    auto ratio = [](double value, double first) {
      return first > 0 ? llvm::formatv(" ({0:F2}x)", value / first).str()
                       : std::string();
    };
    for (const TrafficKey &key : keys) {
      os << llvm::formatv("    {0,-16} {1,-10}", key.first, key.second);
      const Traffic *first = nullptr;
      for (auto [i, cost] : llvm::enumerate(row.costs)) {
        auto it = traffic[i].find(key);
        os << "  " << cost.getModel() << ": ";
        if (it == traffic[i].end()) {
          os << "-;";
          continue;
        }
        const Traffic &t = it->second;
        os << formatCount(t.reads) << " read"
           << (first ? ratio(t.reads, first->reads) : "") << ", "
           << formatCount(t.writes) << " written"
           << (first ? ratio(t.writes, first->writes) : "") << ";";
        if (i == 0)
          first = &t;
      }
      os << "\n";
    }
  }

  void printCsv(raw_ostream &os, const std::vector<Row> &rows) {
    os << "op,shape,macs,cycles,utilization,energy_pj,edp,cost_model,"
          "mapping,not_mapped,mac_utilization,bottleneck,energy_by_level\n";
    auto quote = [](const std::string &text) {
      std::string quoted = "\"";
      for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      return quoted + "\"";
    };
    for (const Row &row : rows) {
      if (!row.dropped.empty()) {
        os << quote(row.label) << "," << quote(row.shape) << ",,,,,,,,"
           << quote("not converted: " + row.dropped) << ",,,\n";
        continue;
      }
      os << quote(row.label) << "," << quote(row.shape) << "," << row.macs;
      auto number = [](double value) {
        char text[kMaxNumberChars];
        return std::string(text, writeGeneral(text, value, 10)); // "%.10g"
      };
      if (row.cost)
        os << "," << row.cost.getCycles() << ","
           << number(row.cost.getUtilization()) << ","
           << number(row.cost.getEnergy()) << "," << number(row.edp()) << ","
           << quote(row.cost.getModel().str());
      else
        os << ",,,,,";
      os << "," << quote(row.mapping) << ","
         << (row.unmapped.empty() ? std::string() : quote(row.unmapped));
      if (row.cost) {
        // Levels as "name=pJ" separated by semicolons.
        std::string energies;
        for (const auto &[level, value] : row.getLevelEnergies())
          energies +=
              (energies.empty() ? "" : ";") + level + "=" + number(value);
        os << "," << number(row.macUtilization()) << ","
           << (row.cost.getBottleneck() ? quote(row.bottleneck())
                                        : std::string())
           << "," << quote(energies);
      } else {
        os << ",,,";
      }
      os << "\n";
    }
  }

  /// The costed ops as the charts take them; the roofs come from the first
  /// costed op's architecture.
  void printCharts(raw_ostream &os, const std::vector<Row> &rows) {
    std::vector<ChartOp> ops;
    ChartMachine machine;
    std::string model; ///< the first costed op's, for the title
    for (const Row &row : rows) {
      if (!row.cost)
        continue;
      MappableOpInterface op = row.op;
      if (ops.empty())
        model = row.cost.getModel().str();
      if (ops.empty() && op && op.getArchAttr()) {
        ArchitectureSpec arch = getArchitectureSpec(op.getArchAttr());
        machine.name = arch.name;
        machine.peakMacsPerCycle = row.peakMacsPerCycle;
        if (!arch.levels.empty() &&
            arch.levels.front().kind == LevelKind::Storage) {
          machine.offChipLevel = arch.levels.front().name;
          machine.offChipWordsPerCycle = arch.levels.front().readBandwidth;
        }
      }
      ChartOp chartOp;
      chartOp.label = row.label;
      chartOp.macs = double(row.macs);
      chartOp.cycles = double(row.cost.getCycles());
      if (row.cost.getBottleneck())
        chartOp.bottleneck = row.bottleneck();
      chartOp.levelEnergies = row.getLevelEnergies();
      if (std::optional<double> words =
              getOffChipWords(row.cost, machine.offChipLevel))
        chartOp.offChipWords = *words;
      ops.push_back(std::move(chartOp));
    }
    std::string title = std::to_string(ops.size()) + " costed ops";
    if (!model.empty())
      title += " (cost model " + model + ")";
    writeReportCharts(os, ops, machine, title);
  }

  void printJson(raw_ostream &os, const std::vector<Row> &rows) {
    llvm::json::OStream json(os, 2);
    json.object([&] {
      json.attributeArray("ops", [&] {
        for (const Row &row : rows)
          json.object([&] {
            json.attribute("op", row.label);
            if (!row.dropped.empty()) {
              json.attribute("operation", row.shape);
              json.attribute("not_converted", row.dropped);
              return;
            }
            json.attributeObject("problem", [&] {
              json.attributeObject("dims", [&] {
                for (const DimSpec &dim :
                     MappableOpInterface(row.op).getProblemAttr().getDims())
                  json.attribute(dim.name.getValue(), dim.size);
              });
              json.attribute("macs", int64_t(row.macs));
              if (!row.padded.empty())
                json.attributeObject("padded", [&] {
                  for (const DimSpec &dim :
                       MappableOpInterface(row.op).getProblemAttr().getDims()) {
                    auto pad = row.padded.find(dim.name.getValue());
                    if (pad != row.padded.end())
                      json.attribute(dim.name.getValue(), pad->second);
                  }
                });
            });
            if (!row.unmapped.empty())
              json.attribute("not_mapped", row.unmapped);
            if (!row.mapping.empty()) {
              json.attribute("mapping", row.mapping);
              json.attribute("mapping_in_words", row.words);
            }
            if (row.cost)
              json.attributeObject("cost", [&] {
                json.attribute("model", row.cost.getModel());
                json.attribute("cycles", row.cost.getCycles());
                json.attribute("macs", row.cost.getMacs());
                json.attribute("energy_pj", double(row.cost.getEnergy()));
                json.attribute("utilization",
                               double(row.cost.getUtilization()));
                json.attribute("edp", row.edp());
                json.attribute("mac_utilization", row.macUtilization());
                if (row.cost.getBottleneck())
                  json.attribute("bottleneck", row.bottleneck());
                std::vector<std::pair<std::string, double>> energies =
                    row.getLevelEnergies();
                if (!energies.empty())
                  json.attributeObject("energy_by_level_pj", [&] {
                    for (const auto &[level, value] : energies)
                      json.attribute(level, value);
                  });
                if (DictionaryAttr breakdown = row.cost.getBreakdown())
                  json.attributeObject("breakdown", [&] {
                    for (NamedAttribute entry : breakdown) {
                      if (auto value = dyn_cast<FloatAttr>(entry.getValue()))
                        json.attribute(entry.getName().getValue(),
                                       value.getValueAsDouble());
                      else if (auto count =
                                   dyn_cast<IntegerAttr>(entry.getValue()))
                        json.attribute(entry.getName().getValue(),
                                       count.getInt());
                    }
                  });
              });
            // Every model's cost when several costed the op.
            if (row.costs.size() > 1)
              json.attributeObject("costs", [&] {
                StringRef outer = row.levelNames.empty()
                                      ? StringRef()
                                      : StringRef(row.levelNames[0]);
                for (CostAttr cost : row.costs)
                  json.attributeObject(cost.getModel(), [&] {
                    json.attribute("cycles", cost.getCycles());
                    json.attribute("energy_pj", double(cost.getEnergy()));
                    if (std::optional<double> words =
                            getOffChipWords(cost, outer))
                      json.attribute("off_chip_words", *words);
                    // Per level and tensor: words read and written.
                    std::map<TrafficKey, Traffic> traffic = getTraffic(cost);
                    if (!traffic.empty())
                      json.attributeObject("traffic", [&] {
                        for (const std::string &level : row.levelNames)
                          if (llvm::any_of(traffic, [&](const auto &entry) {
                                return entry.first.first == level;
                              }))
                            json.attributeObject(level, [&] {
                              for (const auto &[key, t] : traffic)
                                if (key.first == level)
                                  json.attributeObject(key.second, [&] {
                                    json.attribute("reads", t.reads);
                                    json.attribute("writes", t.writes);
                                  });
                            });
                      });
                  });
              });
            if (auto stats =
                    MappableOpInterface(row.op)->getAttrOfType<DictionaryAttr>(
                        "union.search"))
              json.attributeObject("search", [&] { writeStats(json, stats); });
          });
      });
      Totals totals = getTotals(rows);
      json.attributeObject("totals", [&] {
        json.attribute("ops", int64_t(totals.ops));
        json.attribute("costed", int64_t(totals.costed));
        json.attribute("not_mapped", int64_t(totals.unmapped.size()));
        json.attribute("not_converted", int64_t(totals.dropped.size()));
        json.attribute("macs", int64_t(totals.macs));
        json.attribute("cycles", totals.cycles);
        json.attribute("energy_pj", totals.energy);
        json.attribute("utilization",
                       totals.cycles ? totals.busy / totals.cycles : 0.0);
        json.attribute("edp", totals.cycles * totals.energy);
        json.attribute("mac_utilization", totals.getMacUtilization());
        if (!totals.levelEnergies.empty())
          json.attributeObject("energy_by_level_pj", [&] {
            for (const auto &[level, value] : totals.levelEnergies)
              json.attribute(level, value);
          });
      });
    });
    os << "\n";
  }

  void writeStats(llvm::json::OStream &json, DictionaryAttr stats) {
    for (NamedAttribute entry : stats) {
      StringRef name = entry.getName().getValue();
      Attribute value = entry.getValue();
      if (auto s = dyn_cast<StringAttr>(value))
        json.attribute(name, s.getValue());
      else if (auto b = dyn_cast<BoolAttr>(value))
        json.attribute(name, b.getValue());
      else if (auto i = dyn_cast<IntegerAttr>(value))
        json.attribute(name, i.getInt());
      else if (auto f = dyn_cast<FloatAttr>(value))
        json.attribute(name, f.getValueAsDouble());
      else if (auto mapping = dyn_cast<MappingAttr>(value)) {
        std::string text;
        llvm::raw_string_ostream os(text);
        os << mapping;
        json.attribute(name, text);
      } else if (auto array = dyn_cast<ArrayAttr>(value))
        json.attributeArray(name, [&] {
          for (Attribute element : array) {
            if (auto dict = dyn_cast<DictionaryAttr>(element))
              json.object([&] { writeStats(json, dict); });
            else if (auto mapping = dyn_cast<MappingAttr>(element)) {
              std::string text;
              llvm::raw_string_ostream os(text);
              os << mapping;
              json.value(text);
            } else if (auto pair = dyn_cast<ArrayAttr>(element))
              json.array([&] {
                for (Attribute item : pair)
                  if (auto f = dyn_cast<FloatAttr>(item))
                    json.value(f.getValueAsDouble());
              });
            else if (auto f = dyn_cast<FloatAttr>(element))
              json.value(f.getValueAsDouble());
          }
        });
    }
  }
};

} // namespace
