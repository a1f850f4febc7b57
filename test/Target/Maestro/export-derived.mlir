// RUN: union-translate --export-maestro %s | FileCheck %s

// Ops made from linalg (no union.maestro_layer record) export when their
// problem is a GEMM or an undilated convolution: the output rows/columns P
// and Q are MAESTRO's Y'/X', the input size is (P - 1) * stride + R.

// CHECK: Network union {
// CHECK: Layer conv {
// CHECK-NEXT: Type: CONV
// CHECK-NEXT: Stride { X: 2, Y: 2 }
// 7 = (3 - 1) * 2 + 3
// CHECK-NEXT: Dimensions { C: 8, K: 4, N: 1, R: 3, S: 3, X: 7, Y: 7 }
// CHECK-NEXT: Dataflow {
// CHECK-NEXT: SpatialMap(1,1) K;
// CHECK-NEXT: TemporalMap(1,1) Y';
// CHECK-NEXT: TemporalMap(1,1) X';
union.compute "conv" : () -> () attributes {problem = #union.problem<dims = [N = 1, P = 3, Q = 3, K = 4, R = 3, S = 3, C = 8], tensors = [input[N, P * 2 + R, Q * 2 + S, C] : read bits = 32, filter[K, R, S, C] : read bits = 32, output[N, P, Q, K] : readwrite bits = 32]>,
  dataflow = #union.dataflow<[spatial_map(1, 1) K, temporal_map(1, 1) P, temporal_map(1, 1) Q]>} {}

// CHECK: Layer dw {
// CHECK-NEXT: Type: DSCONV
// CHECK-NEXT: Dimensions { C: 8, R: 3, S: 3, X: 8, Y: 8 }
union.compute "dw" : () -> () attributes {problem = #union.problem<dims = [P = 6, Q = 6, C = 8, R = 3, S = 3], tensors = [input[P + R, Q + S, C] : read bits = 32, filter[R, S, C] : read bits = 32, output[P, Q, C] : readwrite bits = 32]>,
  dataflow = #union.dataflow<[spatial_map(1, 1) C]>} {}

// CHECK: Layer mm {
// CHECK-NEXT: Type: GEMM
// CHECK-NEXT: Dimensions { K: 4, M: 8, N: 16 }
// CHECK-NEXT: Dataflow {
// CHECK-NEXT: SpatialMap(1,1) M;
// CHECK-NEXT: TemporalMap(4,4) K;
union.compute "mm" : () -> () attributes {problem = #union.problem<dims = [a = 8, b = 16, c = 4], tensors = [A[a, c] : read bits = 32, B[c, b] : read bits = 32, C[a, b] : readwrite bits = 32]>,
  dataflow = #union.dataflow<[spatial_map(1, 1) a, temporal_map(4, 4) c]>} {}
