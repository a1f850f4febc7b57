//===- MaestroReport.cpp - MAESTRO's console, CSV and JSON output ---------===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Union/Engine/Maestro/MaestroReport.h"
#include "Union/Engine/Maestro/MaestroAreaPower.h"

#include "llvm/Support/Format.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

using namespace mlir::union_::maestro;
using llvm::raw_ostream;

namespace {

// §2.4: energies relative to one MAC; one MAC is 0.00023 nJ in the CSV.
constexpr long double kL2Energy = 18.61L, kL1Energy = 1.68L;
constexpr long double kMacEnergyNj = 0.00023L;

/// The C++ stream default: 6 significant digits.
std::string g6(long double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%Lg", value);
  return buffer;
}

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

/// Calls fn(index, layer, result, derived) for each layer in order; the
/// derived figures need the previous layer's counts ([Q20]).
template <typename Fn> void forEachLayer(const NetworkReport &report, Fn fn) {
  std::vector<TensorTable> tables = getTensorTables(report.network);
  const LayerResult *previous = nullptr;
  for (auto [i, r] : llvm::enumerate(report.results)) {
    const Layer &layer = report.network.layers[i];
    Derived d(r, layer, tables[i], report.hardware, previous);
    previous = &r;
    fn(i, layer, r, d);
  }
}

} // namespace

void mlir::union_::maestro::printConsoleReport(raw_ostream &os,
                                               const NetworkReport &report,
                                               bool withBandwidthCheck) {
  int64_t maxL1 = 0, maxL2 = 0, sumL1 = 0, sumL2 = 0, maxPeak = 0,
          maxOffchip = 0;
  forEachLayer(report, [&](size_t, const Layer &, const LayerResult &r,
                           const Derived &d) {
    os << "\n\nNum MACs: " << r.macs << "\n\n";
    os << "[Performance Analysis]\n";
    os << "Runtime: " << r.runtime << " cycles\n";
    os << "Throughput: " << g6(d.throughput) << " MACs/cycle\n";
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
      os << "Data reuse factor: " << g6(d.reuse[t]) << "\n";
    }
    os << "Overall data reuse factor: " << g6(d.overallReuse) << "\n";
    os << "[Energy Analysis]\n-For each data class\n";
    for (unsigned t = 0; t < 3; ++t) {
      os << "Tensor " << kTensorNames[t] << "\n";
      os << "L2 buffer write energy: " << g6(d.tensorEnergy[t][0])
         << " X MAC energy\n";
      os << "L2 buffer read energy: " << g6(d.tensorEnergy[t][1])
         << " X MAC energy\n";
      os << "L1 buffer write energy: " << g6(d.tensorEnergy[t][2])
         << " X MAC energy\n";
      os << "L1 buffer read energy: " << g6(d.tensorEnergy[t][3])
         << " X MAC energy\n";
    }
    os << "\n[Summary]\n";
    os << "Total L2 buffer requirement: " << d.totalL2 << "\n";
    os << "Total L1 buffer requirement: " << d.totalL1 << "\n";
    os << "Total L2 buffer write energy: " << g6(d.energySum[0])
       << " X MAC energy\n";
    os << "Total L2 buffer read energy: " << g6(d.energySum[1])
       << " X MAC energy\n";
    os << "Total L1 buffer write energy: " << g6(d.energySum[2])
       << " X MAC energy\n";
    os << "Total L1 buffer read energy: " << g6(d.energySum[3])
       << " X MAC energy\n";
    os << "Total MAC energy: " << r.macs << " X MAC energy\n";
    os << "Peak bandwidth requirement: " << r.peakBandwidth << "\n";
    os << "Avg bandwidth requirement: " << g6(r.averageBandwidth) << "\n\n";
    os << "Total energy consumption: " << g6(d.energyTotal)
       << " X MAC energy\n";
    os << "Runtime: " << r.runtime << " cycles\n";
    os << "Throughput: " << g6(d.throughput) << " MACs/cycle\n";
    os << "Performance per MAC energy: " << g6(d.perfPerEnergy)
       << " MACs/cycle/(MAC_energy)\n";
    auto delays = [&](const char *name, int64_t lo, int64_t hi, int64_t avg) {
      os << name << "\nMin: " << lo << "\nMax: " << hi << "\nAvg: " << avg
         << "\n";
    };
    delays("Ingress Delay", r.ingressMin, r.ingressMax, r.ingressAvg);
    delays("Egress Delay", r.egressMin, r.egressMax, r.egressAvg);
    delays("Computation Delay", r.computeMin, r.computeMax, r.computeAvg);
    os << "Average number of utilized PEs: " << g6(r.averageActivePes) << "\n";
    os << "Arithmetic intensity: " << g6(r.arithmeticIntensity) << "\n";
    maxL1 = std::max(maxL1, d.totalL1);
    maxL2 = std::max(maxL2, d.totalL2);
    sumL1 += d.totalL1;
    sumL2 += d.totalL2;
    maxPeak = std::max(maxPeak, r.peakBandwidth);
    maxOffchip = std::max(maxOffchip, r.offchipBandwidthReq);
  });
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

/// The 52 CSV values of a layer, as (key, text) pairs in column order.
static std::vector<std::pair<std::string, nlohmann::json>>
csvColumns(const Derived &d, const Layer &layer, const Network &network,
           const Hardware &hw) {
  const LayerResult &r = d.r;
  std::vector<std::pair<std::string, nlohmann::json>> c;
  auto add = [&](const char *key, nlohmann::json value) {
    c.emplace_back(key, std::move(value));
  };
  add("network_name", network.name);
  add("layer_name", layer.name);
  add("num_pes", hw.numPes);
  add("runtime_cycles", r.runtime);
  add("energy_nj", (double)d.csvEnergy);
  add("throughput", (double)d.throughput);
  add("throughput_per_energy", (double)(d.throughput / d.csvEnergy * 1e9L));
  add("area", (double)d.area);
  add("power", (double)d.power);
  add("noc_bw_req", r.peakBandwidth);
  add("avg_bw_req", (double)r.averageBandwidth);
  add("peak_bw_req", r.peakBandwidth);
  add("vector_width", hw.simdLanes);
  add("offchip_bw_req", r.offchipBandwidthReq);
  add("l2_size_req", d.totalL2);
  add("l1_size_req", d.totalL1);
  add("mcast_factor_weight",
      (double)((long double)r.tensors[1].l1Write / r.tensors[1].l2Read));
  add("mcast_factor_input",
      (double)((long double)r.tensors[0].l1Write / r.tensors[0].l2Read));
  add("num_input_pixels", d.inputPixels);
  add("num_weight_pixels", d.weightPixels);
  add("ops_per_joule", (double)(r.macs / d.csvEnergy * 1e9L));
  add("num_macs", r.macs);
  add("pe_power", (double)d.pePower);
  add("l1_power", (double)d.l1Power);
  add("l2_power", (double)d.l2Power);
  add("noc_power", (double)d.nocPower);
  for (unsigned t = 0; t < 3; ++t) {
    const TensorFigures &f = r.tensors[t];
    std::string p = kTensorNames[t];
    c.emplace_back(p + "_l1_read", f.l1Read);
    c.emplace_back(p + "_l1_write", f.l1Write);
    c.emplace_back(p + "_l2_read", f.l2Read);
    c.emplace_back(p + "_l2_write", f.l2Write);
    c.emplace_back(p + "_reuse", (double)d.reuse[t]);
  }
  add("ingress_delay_min", r.ingressMin);
  add("ingress_delay_max", r.ingressMax);
  add("ingress_delay_avg", r.ingressAvg);
  add("egress_delay_min", r.egressMin);
  add("egress_delay_max", r.egressMax);
  add("egress_delay_avg", r.egressAvg);
  add("compute_delay_min", r.computeMin);
  add("compute_delay_max", r.computeMax);
  add("compute_delay_avg", r.computeAvg);
  add("avg_utilized_pes", (double)r.averageActivePes);
  add("arithmetic_intensity", (double)r.arithmeticIntensity);
  return c;
}

void mlir::union_::maestro::printCsvRows(raw_ostream &os,
                                         const NetworkReport &report) {
  forEachLayer(report, [&](size_t, const Layer &layer, const LayerResult &,
                           const Derived &d) {
    auto columns = csvColumns(d, layer, report.network, report.hardware);
    for (auto [k, column] : llvm::enumerate(columns)) {
      // MAESTRO separates the per-tensor and delay columns with ", ".
      if (k)
        os << (k >= 27 ? ", " : ",");
      const nlohmann::json &value = column.second;
      if (value.is_string())
        os << value.get<std::string>();
      else if (value.is_number_integer())
        os << value.get<int64_t>();
      else
        os << g6(value.get<double>());
    }
    os << "\n";
  });
}

void mlir::union_::maestro::printJsonLines(raw_ostream &os,
                                           const NetworkReport &report) {
  forEachLayer(report, [&](size_t i, const Layer &layer, const LayerResult &r,
                           const Derived &d) {
    nlohmann::ordered_json j;
    j["layer_index"] = i;
    j["layer_name"] = layer.name;
    j["layer_type"] = getLayerTypeName(layer.type);
    j["macs"] = r.macs;
    j["runtime_cycles"] = r.runtime;
    j["throughput"] = (double)d.throughput;
    for (unsigned t = 0; t < 3; ++t) {
      const TensorFigures &f = r.tensors[t];
      nlohmann::ordered_json tensor;
      tensor["l2_size_req"] = f.l2SizeReq;
      tensor["l1_size_req"] = f.l1SizeReq;
      tensor["l2_write"] = f.l2Write;
      tensor["l2_read"] = f.l2Read;
      tensor["l1_write"] = f.l1Write;
      tensor["l1_read"] = f.l1Read;
      tensor["reuse"] = (double)d.reuse[t];
      tensor["l2_write_energy"] = (double)d.tensorEnergy[t][0];
      tensor["l2_read_energy"] = (double)d.tensorEnergy[t][1];
      tensor["l1_write_energy"] = (double)d.tensorEnergy[t][2];
      tensor["l1_read_energy"] = (double)d.tensorEnergy[t][3];
      j[kTensorNames[t]] = std::move(tensor);
    }
    j["overall_reuse"] = (double)d.overallReuse;
    j["total_l2_size_req"] = d.totalL2;
    j["total_l1_size_req"] = d.totalL1;
    j["energy_l2_write"] = (double)d.energySum[0];
    j["energy_l2_read"] = (double)d.energySum[1];
    j["energy_l1_write"] = (double)d.energySum[2];
    j["energy_l1_read"] = (double)d.energySum[3];
    j["energy_mac"] = r.macs;
    j["energy_total"] = (double)d.energyTotal;
    j["perf_per_mac_energy"] = (double)d.perfPerEnergy;
    j["peak_noc_bw_req"] = r.peakBandwidth;
    j["avg_noc_bw_req"] = (double)r.averageBandwidth;
    j["ingress_delay_min"] = r.ingressMin;
    j["ingress_delay_max"] = r.ingressMax;
    j["ingress_delay_avg"] = r.ingressAvg;
    j["egress_delay_min"] = r.egressMin;
    j["egress_delay_max"] = r.egressMax;
    j["egress_delay_avg"] = r.egressAvg;
    j["compute_delay_min"] = r.computeMin;
    j["compute_delay_max"] = r.computeMax;
    j["compute_delay_avg"] = r.computeAvg;
    j["avg_utilized_pes"] = (double)r.averageActivePes;
    j["arithmetic_intensity"] = (double)r.arithmeticIntensity;
    j["offchip_bw_req"] = r.offchipBandwidthReq;
    j["area"] = (double)d.area;
    j["power"] = (double)d.power;
    j["csv_energy_nj"] = (double)d.csvEnergy;
    nlohmann::ordered_json csv;
    for (auto &[key, value] :
         csvColumns(d, layer, report.network, report.hardware))
      csv[key] = value;
    j["csv"] = std::move(csv);
    os << j.dump() << "\n";
  });
}
