// RUN: union-opt %s --union-from-tosa | FileCheck %s
// RUN: union-opt %s --union-from-tosa --union-summary -o /dev/null | FileCheck %s --check-prefix=MACS

// TOSA ops arrive as union ops through the upstream TOSA-to-linalg passes;
// the problems are the layers' (MACs by hand, padding included).

func.func @conv2d(%input: tensor<1x16x16x8xf32>) -> tensor<1x8x8x4xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<4x3x3x8xf32>}> : () -> tensor<4x3x3x8xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // 16x16 input, padded by 1 before and 0 after (TOSA needs an exact fit),
  // stride 2: (16 + 1 - 3) / 2 + 1 = 8 outputs per row.
  %0 = tosa.conv2d %input, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
       : (tensor<1x16x16x8xf32>, tensor<4x3x3x8xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}
// CHECK-LABEL: func.func @conv2d
// CHECK: union.compute
// CHECK-SAME: problem = #union.problem<dims = [N = 1, P = 8, Q = 8, K = 4, R = 3, S = 3, C = 8], tensors = [input[N, P * 2 + R, Q * 2 + S, C] : read bits = 32, filter[K, R, S, C] : read bits = 32, output[N, P, Q, K] : readwrite bits = 32]>
// 1*8*8*4*3*3*8 = 18432
// MACS: N=1 P=8 Q=8 K=4 R=3 S=3 C=8 18432

func.func @depthwise(%input: tensor<1x8x8x4xf32>) -> tensor<1x6x6x8xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<3x3x4x2xf32>}> : () -> tensor<3x3x4x2xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<8xf32>}> : () -> tensor<8xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.depthwise_conv2d %input, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
       : (tensor<1x8x8x4xf32>, tensor<3x3x4x2xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x6x6x8xf32>
  return %0 : tensor<1x6x6x8xf32>
}
// CHECK-LABEL: func.func @depthwise
// CHECK: problem = #union.problem<dims = [N = 1, P = 6, Q = 6, C = 4, K = 2, R = 3, S = 3]
// 1*6*6*4*2*3*3 = 2592
// MACS: N=1 P=6 Q=6 C=4 K=2 R=3 S=3 2592

func.func @conv3d(%input: tensor<1x4x6x6x2xf32>) -> tensor<1x2x4x4x4xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<4x3x3x3x2xf32>}> : () -> tensor<4x3x3x3x2xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.conv3d %input, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0, 0, 0>, stride = array<i64: 1, 1, 1>, dilation = array<i64: 1, 1, 1>}
       : (tensor<1x4x6x6x2xf32>, tensor<4x3x3x3x2xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x4x4x4xf32>
  return %0 : tensor<1x2x4x4x4xf32>
}
// CHECK-LABEL: func.func @conv3d
// CHECK: problem = #union.problem<dims = [N = 1, Z = 2, P = 4, Q = 4, K = 4, T = 3, R = 3, S = 3, C = 2]
// 1*2*4*4*4*3*3*3*2 = 6912
// MACS: N=1 Z=2 P=4 Q=4 K=4 T=3 R=3 S=3 C=2 6912

func.func @matmul(%a: tensor<2x8x4xf32>, %b: tensor<2x4x16xf32>) -> tensor<2x8x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<2x8x4xf32>, tensor<2x4x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}
// CHECK-LABEL: func.func @matmul
// CHECK: problem = #union.problem<dims = [B = 2, M = 8, N = 16, K = 4], tensors = [A[B, M, K] : read bits = 32, B[B, K, N] : read bits = 32, C[B, M, N] : readwrite bits = 32]>
// 2*8*16*4 = 1024
// MACS: B=2 M=8 N=16 K=4 1024

// A strided transposed conv: the upstream lowering computes it as one conv
// over all 2x2 stride phases, each with a 2x2 share of the (zero-padded to
// 4x4) kernel: K = 4 channels x 4 phases = 16, 5x5 outputs per phase
// (ceil(9 / 2)), so 1*5*5*16*2*2*8 = 12800 MACs. That is the computation
// the compiler will run, and the one Union costs.
func.func @transpose_conv(%input: tensor<1x4x4x8xf32>) -> tensor<1x9x9x4xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<4x3x3x8xf32>}> : () -> tensor<4x3x3x8xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.transpose_conv2d %input, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>}
       : (tensor<1x4x4x8xf32>, tensor<4x3x3x8xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x9x9x4xf32>
  return %0 : tensor<1x9x9x4xf32>
}
// CHECK-LABEL: func.func @transpose_conv
// CHECK: problem = #union.problem<dims = [N = 1, P = 5, Q = 5, K = 16, R = 2, S = 2, C = 8], tensors = [input[N, P + R, Q + S, C] : read bits = 32, filter[K, R, S, C] : read bits = 32, output[N, P, Q, K] : readwrite bits = 32]>
// MACS: N=1 P=5 Q=5 K=16 R=2 S=2 C=8 12800
