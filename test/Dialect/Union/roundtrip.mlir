// RUN: union-opt %s | FileCheck %s
// RUN: union-opt %s | union-opt | FileCheck %s
// RUN: union-opt %s --mlir-print-op-generic | union-opt | FileCheck %s

// Every attribute and op of the dialect prints in a form that parses back
// to the same thing.

// CHECK-LABEL: func.func @gemm
// CHECK: union.compute "gemm"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<8x4xf32>, tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
// CHECK-SAME: problem = #union.problem<dims = [m = 8, n = 8, k = 4], tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 8, C[m, n] : readwrite bits = 32]>
// CHECK: linalg.matmul
// CHECK: union.yield %{{.*}} : tensor<8x8xf32>
func.func @gemm(%a: tensor<8x4xf32>, %b: tensor<4x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %0 = union.compute "gemm" (%a, %b, %c) : (tensor<8x4xf32>, tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
      attributes {problem = #union.problem<dims = [m = 8, n = 8, k = 4],
                    tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 8,
                               C[m, n] : readwrite bits = 32]>} {
  ^bb0(%x: tensor<8x4xf32>, %y: tensor<4x8xf32>, %z: tensor<8x8xf32>):
    %r = linalg.matmul ins(%x, %y : tensor<8x4xf32>, tensor<4x8xf32>) outs(%z : tensor<8x8xf32>) -> tensor<8x8xf32>
    union.yield %r : tensor<8x8xf32>
  }
  return %0 : tensor<8x8xf32>
}

// Strided, dilated convolution with named input coordinates; an op without
// operands or body (as imported from a MAESTRO file).
// CHECK-LABEL: func.func @conv
// CHECK: union.compute "conv" : () -> () attributes {problem = #union.problem<dims = [n = 1, k = 16, c = 8, p = 7, q = 7, r = 3, s = 3], tensors = [input[n, c, p * 2 + r * 2 as y, q * 2 + s * 2 as x] : read bits = 16, weight[k, c, r, s] : read bits = 16, output[n, k, p, q] : readwrite bits = 16]>} {
// CHECK-NEXT: }
func.func @conv() {
  union.compute "conv" : () -> () attributes {problem = #union.problem<
      dims = [n = 1, k = 16, c = 8, p = 7, q = 7, r = 3, s = 3],
      tensors = [input[n, c, 2 * p + 2 * r as y, q * 2 + s * 2 as x] : read bits = 16,
                 weight[k, c, r, s] : read bits = 16,
                 output[n, k, p, q] : readwrite bits = 16]>} {}
  return
}

// Depthwise (the channel indexes every tensor), grouped (g), batched GEMM
// and a contraction with a constant offset.
// CHECK-LABEL: func.func @forms
// CHECK: tensors = [in[c, p + r] : read bits = 16, w[c, r] : read bits = 16, out[c, p] : readwrite bits = 16]
// CHECK: tensors = [in[g, c, p] : read bits = 16, w[g, k, c] : read bits = 16, out[g, k, p] : readwrite bits = 16]
// CHECK: tensors = [A[b, m, k] : read bits = 16, B[b, k, n] : read bits = 16, C[b, m, n] : readwrite bits = 16]
// CHECK: tensors = [T[i, j + 1, l] : read bits = 16, "out tensor"[i, j] : readwrite bits = 64]
func.func @forms() {
  union.compute "dw" : () -> () attributes {problem = #union.problem<dims = [c = 4, p = 6, r = 3], tensors = [in[c, p + r] : read bits = 16, w[c, r] : read bits = 16, out[c, p] : readwrite bits = 16]>} {}
  union.compute "grouped" : () -> () attributes {problem = #union.problem<dims = [g = 2, k = 4, c = 4, p = 6], tensors = [in[g, c, p] : read bits = 16, w[g, k, c] : read bits = 16, out[g, k, p] : readwrite bits = 16]>} {}
  union.compute "bmm" : () -> () attributes {problem = #union.problem<dims = [b = 2, m = 4, n = 4, k = 8], tensors = [A[b, m, k] : read bits = 16, B[b, k, n] : read bits = 16, C[b, m, n] : readwrite bits = 16]>} {}
  union.compute : () -> () attributes {problem = #union.problem<dims = [i = 2, j = 3, l = 5], tensors = [T[i, j + 1, l] : read bits = 16, "out tensor"[i, j] : readwrite bits = 64]>} {}
  return
}

// Architecture: every level kind, defaults elided, explicit values kept.
// CHECK-LABEL: func.func @arch
// CHECK: arch = #union.arch<name = "tiny", levels = [#union.storage<name = "DRAM", read_bandwidth = 4.0, read_energy = 200.0, write_energy = 200.5>, #union.storage<name = "L2", capacity = 4096, word_bits = 8>, #union.network<name = "NoC", fanout = 16, mesh_x = 4, bandwidth = 4.0, latency = 2, multicast = false, reduction = false, hop_energy = 0.125>, #union.storage<name = "L1", capacity = 64, tensors = ["A", "B"]>, #union.compute<name = "MAC", vector_width = 4, mac_energy = 0.5>]>
func.func @arch() {
  union.compute : () -> () attributes {
    problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>,
    arch = #union.arch<name = "tiny", levels = [
      #union.storage<name = "DRAM", read_bandwidth = 4, read_energy = 200.0, write_energy = 200.5>,
      #union.storage<name = "L2", capacity = 4096, word_bits = 8>,
      #union.network<name = "NoC", fanout = 16, mesh_x = 4, bandwidth = 4.0, latency = 2, multicast = false, reduction = false, hop_energy = 0.125>,
      #union.storage<name = "L1", capacity = 64, tensors = ["A", "B"]>,
      #union.compute<name = "MAC", vector_width = 4, mac_energy = 0.5>]>} {}
  return
}

// Vector lanes: spatial loops at the innermost storage level, up to the
// compute level's vector width (the network fans DRAM out to two L1s).
// CHECK-LABEL: func.func @vector_lanes
// CHECK: mapping = #union.mapping<[DRAM [k=2, spatial k=2], L1 [spatial k=4]]>
func.func @vector_lanes() {
  union.compute : () -> () attributes {
    problem = #union.problem<dims = [k = 16], tensors = [o[k] : readwrite bits = 16]>,
    arch = #union.arch<name = "v", levels = [#union.storage<name = "DRAM">,
      #union.network<name = "N", fanout = 2>, #union.storage<name = "L1">,
      #union.compute<name = "MAC", vector_width = 4>]>,
    mapping = #union.mapping<[DRAM [k=2, spatial k=2], L1 [spatial k=4]]>} {}
  return
}

// Mapping, dataflow and cost.
// CHECK-LABEL: func.func @mapping
// CHECK: cost = #union.cost<model = "maestro", cycles = 604, macs = 2304, energy = 35484.96, utilization = 0.25, breakdown = {l2_read = 4.320000e+02 : f64}>
// CHECK-SAME: dataflow = #union.dataflow<[spatial_map(1, 1) k, temporal_map(2, 2) c, temporal_map(3, 1) "Y'", cluster(2), spatial_map(1, 1) c]>
// CHECK-SAME: mapping = #union.mapping<[DRAM [k=2], L2 [spatial k=4, c=2, spatial c=2] bypass [out], "L1 buf" [c=2]]>
func.func @mapping() {
  union.compute : () -> () attributes {
    problem = #union.problem<dims = [k = 8, c = 8, p = 4, r = 3], tensors = [in[c, p + r as "Y'"] : read bits = 16, w[k, c, r] : read bits = 16, out[k, p] : readwrite bits = 16]>,
    arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L2">, #union.network<name = "N", fanout = 8>, #union.storage<name = "L1 buf">, #union.compute<name = "MAC">]>,
    mapping = #union.mapping<[DRAM [k=2], "L2" [spatial k=4, c=2, spatial c=2] bypass [out], "L1 buf" [temporal c=2]]>,
    dataflow = #union.dataflow<[spatial_map(1, 1) k, temporal_map(2, 2) c, temporal_map(3, 1) "Y'", cluster(2), spatial_map(1, 1) c]>,
    cost = #union.cost<model = "maestro", cycles = 604, macs = 2304, energy = 35484.96, utilization = 0.25, breakdown = {l2_read = 432.0 : f64}>} {}
  return
}

// Each attribute also stands alone, e.g. as a discardable attribute.
// CHECK: func.func @standalone
// CHECK-SAME: union.level = #union.level_mapping<L2 [spatial k=4] bypass [w]>
// CHECK-SAME: union.none = #union.cost<>
func.func @standalone() attributes {union.level = #union.level_mapping<L2 [spatial k=4] bypass [w]>, union.none = #union.cost<>} {
  return
}
