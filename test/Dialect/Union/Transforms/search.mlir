// union-search with the exhaustive mapper visits the whole pruned space and
// records its best mapping and cost; union-evaluate of that mapping, run
// afterwards, gives the same cost (an independent re-evaluation).
// RUN: union-opt %s --union-prune-hw --union-prune-workload "--union-search=mapper=exhaustive budget=0 objective=latency" --mlir-print-ir-after=union-search --union-evaluate 2>&1 | FileCheck %s

// CHECK: IR Dump After UnionSearch
// CHECK: cost = #union.cost<model = "maestro", cycles = [[CYCLES:[0-9]+]], macs = 4096, energy = [[ENERGY:[^,]+]],
// CHECK-SAME: union.search = {
// CHECK-SAME: exhausted = true
// CHECK-SAME: mapper = "exhaustive"
// CHECK-NOT: IR Dump
// CHECK: cost = #union.cost<model = "maestro", cycles = [[CYCLES]], macs = 4096, energy = [[ENERGY]],
union.compute "gemm" : () -> () attributes {
  arch = #union.arch<name = "maestro-ref", levels = [
    #union.storage<name = "DRAM">,
    #union.storage<name = "L2", capacity = 262144>,
    #union.network<name = "NoC", fanout = 16, bandwidth = 64.0, latency = 1>,
    #union.storage<name = "L1", capacity = 1024>,
    #union.compute<name = "MAC">]>,
  problem = #union.problem<dims = [m = 16, n = 16, k = 16],
    tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
               C[m, n] : readwrite bits = 16]>} {}
