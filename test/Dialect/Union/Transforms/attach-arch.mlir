// RUN: union-opt %s --union-attach-arch=file=%examples/arch/maestro-256.json | FileCheck %s
// RUN: union-opt %s --union-attach-arch="file=%examples/arch/tpu.json overwrite=true" | FileCheck %s --check-prefix=OVERWRITE

// The architecture from the file lands on every op that has none; an op
// that already has one keeps it unless overwrite is set.

// CHECK-LABEL: func.func @f
// CHECK: union.compute "a"
// CHECK-SAME: arch = #union.arch<name = "maestro-256", levels = [#union.storage<name = "DRAM", read_energy = 200.0, write_energy = 200.0>, #union.storage<name = "L2", capacity = 1048576, read_energy = 18.61, write_energy = 18.61>, #union.network<name = "NoC", fanout = 256, mesh_x = 16, bandwidth = 64.0, latency = 1>, #union.storage<name = "L1", capacity = 512, read_energy = 1.68, write_energy = 1.68>, #union.compute<name = "MAC">]>
// CHECK: union.compute "b"
// CHECK-SAME: arch = #union.arch<name = "mine"
// OVERWRITE: union.compute "a"
// OVERWRITE-SAME: arch = #union.arch<name = "tpu"
// OVERWRITE: union.compute "b"
// OVERWRITE-SAME: arch = #union.arch<name = "tpu"
func.func @f() {
  union.compute "a" : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>} {}
  union.compute "b" : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
    arch = #union.arch<name = "mine", levels = [#union.storage<name = "DRAM">, #union.compute<name = "MAC">]>} {}
  return
}
