//===- MaestroReport.cpp - MAESTRO's console, CSV and JSON output ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroReport.h"
#include "Union/Engine/Maestro/MaestroAreaPower.h"
#include "Union/Support/ParallelChunks.h"
#include "Union/Support/TextBuffer.h"

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace mlir::union_::maestro;
using llvm::raw_ostream;
using mlir::union_::G6;
using mlir::union_::TextBuffer;

namespace {

// §2.4: energies relative to one MAC; one MAC is 0.00023 nJ in the CSV.
constexpr long double kL2Energy = 18.61L, kL1Energy = 1.68L;
constexpr long double kMacEnergyNj = 0.00023L;

/// Every derived figure of one layer (§9.1, §9.2).
struct Derived {
  const LayerResult &r;
  long double throughput, overallReuse, energyTotal, perfPerEnergy;
  std::array<long double, 3> reuse;
  std::array<std::array<long double, 4>, 3> tensorEnergy; // l2w l2r l1w l1r
  std::array<long double, 4> energySum{};
  int64_t totalL2 = 0, totalL1 = 0;
  long double area, power, pePower, l1Power, l2Power, nocPower;
  long double csvEnergy;
  int64_t inputPixels = 1, weightPixels = 1;

  Derived(const LayerResult &r, const Layer &layer, const TensorTable &table,
          const Hardware &hw, const LayerResult *previous)
      : r(r) {
    throughput = (long double)r.macs / r.runtime;
    int64_t l1ReadSum = 0, l1WriteSum = 0;
    for (unsigned t = 0; t < 3; ++t) {
      const TensorFigures &f = r.tensors[t];
      reuse[t] = (long double)f.l1Read / f.l1Write;
      tensorEnergy[t] = {kL2Energy * f.l2Write, kL2Energy * f.l2Read,
                         kL1Energy * f.l1Write, kL1Energy * f.l1Read};
      for (unsigned k = 0; k < 4; ++k)
        energySum[k] += tensorEnergy[t][k];
      l1ReadSum += f.l1Read;
      l1WriteSum += f.l1Write;
      totalL2 += f.l2SizeReq;
      totalL1 += f.l1SizeReq;
    }
    overallReuse = (long double)l1ReadSum / l1WriteSum;
    energyTotal =
        energySum[0] + energySum[1] + energySum[2] + energySum[3] + r.macs;
    perfPerEnergy = throughput / energyTotal;

    // §2.5: MAESTRO's area/power model, on the required buffer sizes.
    AreaPower model = getAreaPower(hw, totalL1, totalL2);
    area = model.area;
    power = model.power;
    pePower = model.pePower;
    l1Power = model.l1Power;
    l2Power = model.l2Power;
    nocPower = model.nocPower;

    // [Q20]: the L1 term uses the previous layer's counts for multi-level
    // dataflows, and output L2 reads and MACs are left out.
    const LayerResult *l1Source = r.clusterLevels == 1 ? &r : previous;
    long double l1Term = 0;
    if (l1Source)
      for (const TensorFigures &f : l1Source->tensors)
        l1Term += f.l1Read + f.l1Write;
    const auto &in = r.tensors[0], &w = r.tensors[1], &out = r.tensors[2];
    long double l2Term =
        in.l2Read + in.l2Write + w.l2Read + w.l2Write + out.l2Write;
    csvEnergy = kMacEnergyNj * (kL2Energy * l2Term + kL1Energy * l1Term);

    for (Dim dim : table.dims[0])
      if (layer.declares(dim))
        inputPixels *= layer.sizes[dim];
    for (Dim dim : table.dims[1])
      if (layer.declares(dim))
        weightPixels *= layer.sizes[dim];
  }
};

const char *kTensorNames[3] = {"input", "filter", "output"};

/// Writes fn(out, index, layer, result, derived) for each layer to `os`,
/// in order; chunks of layers are formatted on report.threads threads. The
/// derived figures need the previous layer's counts ([Q20]).
template <typename Fn>
void writeLayers(raw_ostream &os, const NetworkReport &report, Fn fn) {
  std::vector<TensorTable> tables = getTensorTables(report.network);
  mlir::union_::formatInOrder<TextBuffer>(
      report.results.size(), report.threads, /*chunkSize=*/64,
      [&](TextBuffer &out, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          const LayerResult &r = report.results[i];
          const Layer &layer = report.network.layers[i];
          Derived d(r, layer, tables[i], report.hardware,
                    i ? &report.results[i - 1] : nullptr);
          fn(out, i, layer, r, d);
        }
      },
      [&](const TextBuffer &text) {
        os.write(text.view().data(), text.size());
      });
}

/// A JSON string as nlohmann::json's dump() writes it (invalid UTF-8 is
/// replaced rather than aborting).
void writeJsonString(TextBuffer &out, std::string_view text) {
  bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    out << '"' << text << '"';
    return;
  }
  out << nlohmann::json(std::string(text))
             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// A double as nlohmann::json's dump() writes it: null unless finite.
void writeJsonDouble(TextBuffer &out, double value) {
  if (!std::isfinite(value)) {
    out << "null";
    return;
  }
  char *start = out.reserve(mlir::union_::kMaxNumberChars);
  out.commit(nlohmann::detail::to_chars(
      start, start + mlir::union_::kMaxNumberChars, value));
}

/// Writes a flat JSON object one member at a time, as nlohmann's compact
/// dump() of an ordered_json would.
class JsonObjectWriter {
public:
  explicit JsonObjectWriter(TextBuffer &out) : out(out) { out << '{'; }
  void key(std::string_view prefix, std::string_view name) {
    out << (first ? "\"" : ",\"") << prefix << name << "\":";
    first = false;
  }
  void operator()(std::string_view prefix, std::string_view name,
                  std::string_view value) {
    key(prefix, name);
    writeJsonString(out, value);
  }
  void operator()(std::string_view prefix, std::string_view name,
                  int64_t value) {
    key(prefix, name);
    out << value;
  }
  void operator()(std::string_view prefix, std::string_view name,
                  double value) {
    key(prefix, name);
    writeJsonDouble(out, value);
  }
  template <typename T> void operator()(std::string_view name, T value) {
    (*this)("", name, value);
  }
  void close() { out << '}'; }

private:
  TextBuffer &out;
  bool first = true;
};

} // namespace

void mlir::union_::maestro::printConsoleReport(raw_ostream &os,
                                               const NetworkReport &report,
                                               bool withBandwidthCheck) {
  writeLayers(
      os, report,
      [&](TextBuffer &os, size_t, const Layer &, const LayerResult &r,
          const Derived &d) {
        os << "\n\nNum MACs: " << r.macs << "\n\n";
        os << "[Performance Analysis]\n";
        os << "Runtime: " << r.runtime << " cycles\n";
        os << "Throughput: " << G6{d.throughput} << " MACs/cycle\n";
        os << "[Buffer Access Analysis]\n";
        for (unsigned t = 0; t < 3; ++t) {
          const TensorFigures &f = r.tensors[t];
          os << "Tensor " << kTensorNames[t] << "\n";
          os << "L2 size requirement: " << f.l2SizeReq << "\n";
          os << "L1 size requirement: " << f.l1SizeReq << "\n";
          os << "L2 buffer write: " << f.l2Write << "\n";
          os << "L2 buffer read: " << f.l2Read << "\n";
          os << "L1 buffer write: " << f.l1Write << "\n";
          os << "L1 buffer read: " << f.l1Read << "\n";
          os << "Data reuse factor: " << G6{d.reuse[t]} << "\n";
        }
        os << "Overall data reuse factor: " << G6{d.overallReuse} << "\n";
        os << "[Energy Analysis]\n-For each data class\n";
        for (unsigned t = 0; t < 3; ++t) {
          os << "Tensor " << kTensorNames[t] << "\n";
          os << "L2 buffer write energy: " << G6{d.tensorEnergy[t][0]}
             << " X MAC energy\n";
          os << "L2 buffer read energy: " << G6{d.tensorEnergy[t][1]}
             << " X MAC energy\n";
          os << "L1 buffer write energy: " << G6{d.tensorEnergy[t][2]}
             << " X MAC energy\n";
          os << "L1 buffer read energy: " << G6{d.tensorEnergy[t][3]}
             << " X MAC energy\n";
        }
        os << "\n[Summary]\n";
        os << "Total L2 buffer requirement: " << d.totalL2 << "\n";
        os << "Total L1 buffer requirement: " << d.totalL1 << "\n";
        os << "Total L2 buffer write energy: " << G6{d.energySum[0]}
           << " X MAC energy\n";
        os << "Total L2 buffer read energy: " << G6{d.energySum[1]}
           << " X MAC energy\n";
        os << "Total L1 buffer write energy: " << G6{d.energySum[2]}
           << " X MAC energy\n";
        os << "Total L1 buffer read energy: " << G6{d.energySum[3]}
           << " X MAC energy\n";
        os << "Total MAC energy: " << r.macs << " X MAC energy\n";
        os << "Peak bandwidth requirement: " << r.peakBandwidth << "\n";
        os << "Avg bandwidth requirement: " << G6{r.averageBandwidth} << "\n\n";
        os << "Total energy consumption: " << G6{d.energyTotal}
           << " X MAC energy\n";
        os << "Runtime: " << r.runtime << " cycles\n";
        os << "Throughput: " << G6{d.throughput} << " MACs/cycle\n";
        os << "Performance per MAC energy: " << G6{d.perfPerEnergy}
           << " MACs/cycle/(MAC_energy)\n";
        auto delays = [&](const char *name, int64_t lo, int64_t hi,
                          int64_t avg) {
          os << name << "\nMin: " << lo << "\nMax: " << hi << "\nAvg: " << avg
             << "\n";
        };
        delays("Ingress Delay", r.ingressMin, r.ingressMax, r.ingressAvg);
        delays("Egress Delay", r.egressMin, r.egressMax, r.egressAvg);
        delays("Computation Delay", r.computeMin, r.computeMax, r.computeAvg);
        os << "Average number of utilized PEs: " << G6{r.averageActivePes}
           << "\n";
        os << "Arithmetic intensity: " << G6{r.arithmeticIntensity} << "\n";
      });
  int64_t maxL1 = 0, maxL2 = 0, sumL1 = 0, sumL2 = 0, maxPeak = 0,
          maxOffchip = 0;
  for (const LayerResult &r : report.results) {
    int64_t totalL1 = 0, totalL2 = 0;
    for (const TensorFigures &f : r.tensors) {
      totalL1 += f.l1SizeReq;
      totalL2 += f.l2SizeReq;
    }
    maxL1 = std::max(maxL1, totalL1);
    maxL2 = std::max(maxL2, totalL2);
    sumL1 += totalL1;
    sumL2 += totalL2;
    maxPeak = std::max(maxPeak, r.peakBandwidth);
    maxOffchip = std::max(maxOffchip, r.offchipBandwidthReq);
  }
  const Hardware &hw = report.hardware;
  // A "[WARNING:kind] Per-layer <what> requirement [need] is larger than
  // the given <what> [have]" line when need > have.
  auto check = [&](const char *kind, const char *what, int64_t need,
                   int64_t have) {
    if (need <= have)
      return true;
    os << "[WARNING:" << kind << "] Per-layer " << what << " requirement ["
       << need << "] is larger than the given " << what << " [" << have
       << "]\n";
    return false;
  };
  os << "Buffer Analysis:\n";
  bool bufferOk = check("Buffer", "L1 size", maxL1, hw.l1Size);
  bufferOk &= check("Buffer", "L2 size", maxL2, hw.l2Size);
  if (bufferOk)
    os << "[PASS]\n";
  os << "[Model-wise Buffer Summary]\n";
  os << "Model-wise total L2 size usage: " << sumL2 << "\n";
  os << "Model-wise total L1 size usage: " << sumL1 << "\n";
  if (!withBandwidthCheck)
    return;
  os << "BW Analysis:\n";
  bool bandwidthOk = check("BW", "NoC BW", maxPeak, hw.nocBandwidth);
  bandwidthOk &= check("BW", "OffChip BW", maxOffchip, hw.offchipBandwidth);
  if (bandwidthOk)
    os << "[PASS]\n";
}

void mlir::union_::maestro::printCsvHeader(raw_ostream &os) {
  os << "Neural Network Name, Layer Number, NumPEs, Runtime (Cycles), "
        "Activity count-based Energy (nJ), Throughput (MACs/Cycle), "
        "Throughput Per Energy (GMACs/s*J), Area, Power, NoC BW Req "
        "(Elements/cycle), Avg BW Req, Peak BW Req, Vector Width, Offchip BW "
        "Req (Elements/cycle),  L2 SRAM Size Req (Bytes), L1 SRAM Size Req "
        "(Bytes), Multicasting Factor (Weight), Multicasting Factor (Input), "
        "Num Total Input Pixels, Num Total Weight Pixels, Ops/J, Num MACs, PE "
        "power, L1 power, L2 power, NOC power, input l1 read, input l1 "
        "write, input l2 read, input l2 write, input reuse factor,filter l1 "
        "read, filter l1 write, filter l2 read, filter l2 write, filter reuse "
        "factor,output l1 read, output l1 write, output l2 read, output l2 "
        "write, output reuse factor,Ingress Delay (Min), Ingress Delay "
        "(Max), Ingress Delay (Avg), Egress Delay (Min), Egress Delay (Max),  "
        "Egress Delay (Avg),Compute Delay (Min), Compute Delay (Min), Compute "
        "Delay (Avg),Avg number of utilized PEs, Arithmetic Intensity\n";
}

/// Calls column(prefix, name, value) for the 52 CSV values of a layer in
/// column order; a value is a std::string_view, an int64_t or a double.
template <typename Visitor>
static void visitCsvColumns(const Derived &d, const Layer &layer,
                            const Network &network, const Hardware &hw,
                            Visitor &&column) {
  const LayerResult &r = d.r;
  auto add = [&](std::string_view name, auto value) {
    column(std::string_view(), name, value);
  };
  auto addInt = [&](std::string_view name, int64_t value) { add(name, value); };
  auto addDouble = [&](std::string_view name, long double value) {
    add(name, double(value));
  };
  add("network_name", std::string_view(network.name));
  add("layer_name", std::string_view(layer.name));
  addInt("num_pes", hw.numPes);
  addInt("runtime_cycles", r.runtime);
  addDouble("energy_nj", d.csvEnergy);
  addDouble("throughput", d.throughput);
  addDouble("throughput_per_energy", d.throughput / d.csvEnergy * 1e9L);
  addDouble("area", d.area);
  addDouble("power", d.power);
  addInt("noc_bw_req", r.peakBandwidth);
  addDouble("avg_bw_req", r.averageBandwidth);
  addInt("peak_bw_req", r.peakBandwidth);
  addInt("vector_width", hw.simdLanes);
  addInt("offchip_bw_req", r.offchipBandwidthReq);
  addInt("l2_size_req", d.totalL2);
  addInt("l1_size_req", d.totalL1);
  addDouble("mcast_factor_weight",
            (long double)r.tensors[1].l1Write / r.tensors[1].l2Read);
  addDouble("mcast_factor_input",
            (long double)r.tensors[0].l1Write / r.tensors[0].l2Read);
  addInt("num_input_pixels", d.inputPixels);
  addInt("num_weight_pixels", d.weightPixels);
  addDouble("ops_per_joule", r.macs / d.csvEnergy * 1e9L);
  addInt("num_macs", r.macs);
  addDouble("pe_power", d.pePower);
  addDouble("l1_power", d.l1Power);
  addDouble("l2_power", d.l2Power);
  addDouble("noc_power", d.nocPower);
  for (unsigned t = 0; t < 3; ++t) {
    const TensorFigures &f = r.tensors[t];
    std::string_view p = kTensorNames[t];
    column(p, "_l1_read", int64_t(f.l1Read));
    column(p, "_l1_write", int64_t(f.l1Write));
    column(p, "_l2_read", int64_t(f.l2Read));
    column(p, "_l2_write", int64_t(f.l2Write));
    column(p, "_reuse", double(d.reuse[t]));
  }
  addInt("ingress_delay_min", r.ingressMin);
  addInt("ingress_delay_max", r.ingressMax);
  addInt("ingress_delay_avg", r.ingressAvg);
  addInt("egress_delay_min", r.egressMin);
  addInt("egress_delay_max", r.egressMax);
  addInt("egress_delay_avg", r.egressAvg);
  addInt("compute_delay_min", r.computeMin);
  addInt("compute_delay_max", r.computeMax);
  addInt("compute_delay_avg", r.computeAvg);
  addDouble("avg_utilized_pes", r.averageActivePes);
  addDouble("arithmetic_intensity", r.arithmeticIntensity);
}

void mlir::union_::maestro::printCsvRows(raw_ostream &os,
                                         const NetworkReport &report) {
  writeLayers(
      os, report,
      [&](TextBuffer &out, size_t, const Layer &layer, const LayerResult &,
          const Derived &d) {
        unsigned k = 0;
        auto separate = [&] {
          // MAESTRO separates the per-tensor and delay columns with ", ".
          if (k)
            out << (k >= 27 ? ", " : ",");
          ++k;
        };
        struct {
          decltype(separate) &separate;
          TextBuffer &out;
          void operator()(std::string_view, std::string_view,
                          std::string_view v) {
            separate();
            out << v;
          }
          void operator()(std::string_view, std::string_view, int64_t v) {
            separate();
            out << v;
          }
          void operator()(std::string_view, std::string_view, double v) {
            separate();
            out << G6{v};
          }
        } column{separate, out};
        visitCsvColumns(d, layer, report.network, report.hardware, column);
        out << "\n";
      });
}

void mlir::union_::maestro::printJsonLines(raw_ostream &os,
                                           const NetworkReport &report) {
  writeLayers(os, report,
              [&](TextBuffer &out, size_t i, const Layer &layer,
                  const LayerResult &r, const Derived &d) {
                JsonObjectWriter j(out);
                j("layer_index", int64_t(i));
                j("layer_name", std::string_view(layer.name));
                j("layer_type", std::string_view(getLayerTypeName(layer.type)));
                j("macs", r.macs);
                j("runtime_cycles", r.runtime);
                j("throughput", double(d.throughput));
                for (unsigned t = 0; t < 3; ++t) {
                  const TensorFigures &f = r.tensors[t];
                  j.key("", kTensorNames[t]);
                  JsonObjectWriter tensor(out);
                  tensor("l2_size_req", int64_t(f.l2SizeReq));
                  tensor("l1_size_req", int64_t(f.l1SizeReq));
                  tensor("l2_write", int64_t(f.l2Write));
                  tensor("l2_read", int64_t(f.l2Read));
                  tensor("l1_write", int64_t(f.l1Write));
                  tensor("l1_read", int64_t(f.l1Read));
                  tensor("reuse", double(d.reuse[t]));
                  tensor("l2_write_energy", double(d.tensorEnergy[t][0]));
                  tensor("l2_read_energy", double(d.tensorEnergy[t][1]));
                  tensor("l1_write_energy", double(d.tensorEnergy[t][2]));
                  tensor("l1_read_energy", double(d.tensorEnergy[t][3]));
                  tensor.close();
                }
                j("overall_reuse", double(d.overallReuse));
                j("total_l2_size_req", d.totalL2);
                j("total_l1_size_req", d.totalL1);
                j("energy_l2_write", double(d.energySum[0]));
                j("energy_l2_read", double(d.energySum[1]));
                j("energy_l1_write", double(d.energySum[2]));
                j("energy_l1_read", double(d.energySum[3]));
                j("energy_mac", r.macs);
                j("energy_total", double(d.energyTotal));
                j("perf_per_mac_energy", double(d.perfPerEnergy));
                j("peak_noc_bw_req", r.peakBandwidth);
                j("avg_noc_bw_req", double(r.averageBandwidth));
                j("ingress_delay_min", r.ingressMin);
                j("ingress_delay_max", r.ingressMax);
                j("ingress_delay_avg", r.ingressAvg);
                j("egress_delay_min", r.egressMin);
                j("egress_delay_max", r.egressMax);
                j("egress_delay_avg", r.egressAvg);
                j("compute_delay_min", r.computeMin);
                j("compute_delay_max", r.computeMax);
                j("compute_delay_avg", r.computeAvg);
                j("avg_utilized_pes", double(r.averageActivePes));
                j("arithmetic_intensity", double(r.arithmeticIntensity));
                j("offchip_bw_req", r.offchipBandwidthReq);
                j("area", double(d.area));
                j("power", double(d.power));
                j("csv_energy_nj", double(d.csvEnergy));
                j.key("", "csv");
                JsonObjectWriter csv(out);
                visitCsvColumns(d, layer, report.network, report.hardware, csv);
                csv.close();
                j.close();
                out << "\n";
              });
}
