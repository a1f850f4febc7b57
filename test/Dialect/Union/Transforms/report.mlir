// union-report lists every op with its cost and the network's totals; ops
// without a cost are listed as not costed. Totals by hand: cycles
// 1000 + 3000 = 4000; MACs 4096 + 512 + 64 = 4672; energy 2.5 + 0.5 = 3 uJ
// (3000000 pJ); EDP 4000 * 3000000 = 1.2E+10 cycle*pJ.
// RUN: union-opt %s --union-report -o /dev/null | FileCheck %s
// RUN: union-opt %s "--union-report=table= json=-" -o /dev/null | FileCheck %s --check-prefix=JSON

// CHECK: op shape MACs cycles util energy(uJ) best mapping
// CHECK-NEXT: a m16 n16 k16 4.1k 1.0k 25% 2.50
// CHECK-NEXT: b m8 n8 k8 512.00 3.0k 1% 0.50
// CHECK-NEXT: c m4 n4 k4 64.00 not costed
// CHECK-NEXT: total: 3 ops (2 costed), 4672 MACs, 4000 cycles, 3.00 uJ,
// CHECK-SAME: EDP 1.200E+10 cycle*pJ

// JSON: "totals":
// JSON-DAG: "cycles": 4000
// JSON-DAG: "costed": 2
// JSON-DAG: "macs": 4672

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
  cost = #union.cost<model = "maestro", cycles = 1000, macs = 4096,
                     energy = 2500000.0, utilization = 0.25>} {}
union.compute "b" : () -> () attributes {problem = #problem8,
  cost = #union.cost<model = "maestro", cycles = 3000, macs = 512,
                     energy = 500000.0, utilization = 0.01>} {}
union.compute "c" : () -> () attributes {problem = #problem4} {}
