// union-report lists every op with its cost and the network's totals; ops
// without a cost are listed as not costed. Totals by hand: cycles
// 1000 + 3000 = 4000; MACs 4096 + 512 + 64 = 4672; energy 2.5 + 0.5 = 3 uJ
// (3000000 pJ); EDP 4000 * 3000000 = 1.2E+10 cycle*pJ; PEs busy weighted
// by cycles (0.25 * 1000 + 0.01 * 3000) / 4000 = 7.0%.
// MAC utilization: op a's architecture does 16 PEs x 2 lanes = 32 MACs a
// cycle, so 4096 / (1000 * 32) = 12.8%; b has no architecture (0%); over
// the network 4096 / (1000 * 32) = 12.8% as well (b adds no peak).
// Energy by level (only a says): DRAM 2.0, RF 0.4, MAC 0.1 uJ of 2.5
// (80.0%, 16.0%, 4.0%), in the architecture's order.
// RUN: union-opt %s --union-report -o /dev/null | FileCheck %s
// RUN: union-opt %s "--union-report=table= json=-" -o /dev/null | FileCheck %s --check-prefix=JSON
// RUN: union-opt %s "--union-report=table= csv=-" -o /dev/null | FileCheck %s --check-prefix=CSV

// CHECK: op shape MACs cycles PEs-busy MAC-util bottleneck energy(uJ) best mapping
// CHECK-NEXT: a m16 n16 k16 4.1k 1.0k 25% 13% RF bandwidth 2.50
// CHECK-NEXT: b m8 n8 k8 512.00 3.0k 1% 0% - 0.50
// CHECK-NEXT: c m4 n4 k4 64.00 not costed
// CHECK-NEXT: total: 3 ops (2 costed), 4672 MACs, 4000 cycles, 3.00 uJ,
// CHECK-SAME: PEs busy 7.0%, MAC utilization 12.8%, EDP 1.200E+10 cycle*pJ
// CHECK-NEXT: energy by level: DRAM 2.00 uJ (80.0%), RF 0.40 uJ (16.0%), MAC 0.10 uJ (4.0%)

// JSON: "totals":
// JSON-DAG: "cycles": 4000
// JSON-DAG: "costed": 2
// JSON-DAG: "macs": 4672
// JSON-DAG: "mac_utilization": 0.128

// CSV: op,shape,macs,cycles,utilization,energy_pj,edp,cost_model,mapping,not_mapped,mac_utilization,bottleneck,energy_by_level
// CSV-NEXT: "a","m16 n16 k16",4096,1000,0.25,2500000,2500000000,"maestro","",,0.128,"RF bandwidth","DRAM=2000000;RF=400000;MAC=100000"
// CSV-NEXT: "b","m8 n8 k8",512,3000,0.01,500000,1500000000,"maestro","",,0,,""
// CSV-NEXT: "c","m4 n4 k4",64,,,,,,"",,,,

#problem16 = #union.problem<dims = [m = 16, n = 16, k = 16],
  tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
             C[m, n] : readwrite bits = 16]>
#problem8 = #union.problem<dims = [m = 8, n = 8, k = 8],
  tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
             C[m, n] : readwrite bits = 16]>
#problem4 = #union.problem<dims = [m = 4, n = 4, k = 4],
  tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
             C[m, n] : readwrite bits = 16]>
union.compute "a" : () -> () attributes {problem = #problem16,
  arch = #union.arch<name = "t", levels = [#union.storage<name = "DRAM">,
    #union.network<name = "NoC", fanout = 16>,
    #union.storage<name = "RF", capacity = 64>,
    #union.compute<name = "MAC", vector_width = 2>]>,
  cost = #union.cost<model = "maestro", cycles = 1000, macs = 4096,
                     energy = 2500000.0, utilization = 0.25,
                     bottleneck = "RF bandwidth",
                     energies = {MAC = 100000.0, RF = 400000.0, DRAM = 2000000.0}>} {}
union.compute "b" : () -> () attributes {problem = #problem8,
  cost = #union.cost<model = "maestro", cycles = 3000, macs = 512,
                     energy = 500000.0, utilization = 0.01>} {}
union.compute "c" : () -> () attributes {problem = #problem4} {}
