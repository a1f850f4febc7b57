// RUN: union-opt %s --convert-linalg-to-union | FileCheck %s
// RUN: union-opt %s --convert-linalg-to-union --union-summary -o /dev/null | FileCheck %s --check-prefix=MACS

// Every op family, with the problem and its MAC count checked against a
// hand calculation (MACs = product of the loop ranges).

// CHECK-LABEL: func.func @matmul
// CHECK: union.compute "matmul_0"
// CHECK-SAME: problem = #union.problem<dims = [M = 8, N = 16, K = 4], tensors = [A[M, K] : read bits = 32, B[K, N] : read bits = 32, C[M, N] : readwrite bits = 32]>
// MACS: matmul_0 M=8 N=16 K=4 512
func.func @matmul(%a: tensor<8x4xf32>, %b: tensor<4x16xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x16xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// A transposed: A is K x M.
// CHECK-LABEL: func.func @matmul_transposed
// CHECK: problem = #union.problem<dims = [M = 8, N = 16, K = 4], tensors = [A[K, M] : read bits = 32, B[K, N] : read bits = 32, C[M, N] : readwrite bits = 32]>
// MACS: matmul_1 M=8 N=16 K=4 512
func.func @matmul_transposed(%a: tensor<4x8xf32>, %b: tensor<4x16xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.matmul indexing_maps = [affine_map<(d0, d1, d2) -> (d2, d0)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>]
         ins(%a, %b : tensor<4x8xf32>, tensor<4x16xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @batch_matmul
// CHECK: problem = #union.problem<dims = [B = 2, M = 8, N = 16, K = 4], tensors = [A[B, M, K] : read bits = 16, B[B, K, N] : read bits = 16, C[B, M, N] : readwrite bits = 32]>
// MACS: batch_matmul_2 B=2 M=8 N=16 K=4 1024
func.func @batch_matmul(%a: tensor<2x8x4xf16>, %b: tensor<2x4x16xf16>, %c: tensor<2x8x16xf32>) -> tensor<2x8x16xf32> {
  %0 = linalg.batch_matmul ins(%a, %b : tensor<2x8x4xf16>, tensor<2x4x16xf16>) outs(%c : tensor<2x8x16xf32>) -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}

// The batch is reduced too: two reduction dims, K0 (batch) and K1.
// CHECK-LABEL: func.func @batch_reduce_matmul
// CHECK: problem = #union.problem<dims = [K0 = 3, M = 8, N = 16, K1 = 4], tensors = [A[K0, M, K1] : read bits = 32, B[K0, K1, N] : read bits = 32, C[M, N] : readwrite bits = 32]>
// MACS: batch_reduce_matmul_3 K0=3 M=8 N=16 K1=4 1536
func.func @batch_reduce_matmul(%a: tensor<3x8x4xf32>, %b: tensor<3x4x16xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.batch_reduce_matmul ins(%a, %b : tensor<3x8x4xf32>, tensor<3x4x16xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// CHECK-LABEL: func.func @contract
// CHECK: problem = #union.problem<dims = [M = 8, N = 16, K = 4], tensors = [A[K, M] : read bits = 32, B[N, K] : read bits = 32, C[M, N] : readwrite bits = 32]>
// MACS: contract_4 M=8 N=16 K=4 512
func.func @contract(%a: tensor<4x8xf32>, %b: tensor<16x4xf32>, %c: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %0 = linalg.contract indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%a, %b : tensor<4x8xf32>, tensor<16x4xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// 1-D conv: output width 8 = 10 - 3 + 1.
// CHECK-LABEL: func.func @conv_1d
// CHECK: problem = #union.problem<dims = [N = 1, P = 8, K = 4, R = 3, C = 2], tensors = [input[N, P + R, C] : read bits = 32, filter[R, C, K] : read bits = 32, output[N, P, K] : readwrite bits = 32]>
// MACS: conv_1d_nwc_wcf_5 N=1 P=8 K=4 R=3 C=2 192
func.func @conv_1d(%i: tensor<1x10x2xf32>, %w: tensor<3x2x4xf32>, %o: tensor<1x8x4xf32>) -> tensor<1x8x4xf32> {
  %0 = linalg.conv_1d_nwc_wcf {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>}
         ins(%i, %w : tensor<1x10x2xf32>, tensor<3x2x4xf32>) outs(%o : tensor<1x8x4xf32>) -> tensor<1x8x4xf32>
  return %0 : tensor<1x8x4xf32>
}

// Strided (2) and dilated (2) NCHW conv: rows 2 * (4 - 1) + 2 * (3 - 1) + 1
// = 11 <= 12. MACs 1*8*4*4*3*3*3 = 3456.
// CHECK-LABEL: func.func @conv_2d_strided_dilated
// CHECK: problem = #union.problem<dims = [N = 1, K = 8, P = 4, Q = 4, C = 3, R = 3, S = 3], tensors = [input[N, C, P * 2 + R * 2, Q * 2 + S * 2] : read bits = 32, filter[K, C, R, S] : read bits = 32, output[N, K, P, Q] : readwrite bits = 32]>
// MACS: conv_2d_nchw_fchw_6 N=1 K=8 P=4 Q=4 C=3 R=3 S=3 3456
func.func @conv_2d_strided_dilated(%i: tensor<1x3x12x12xf32>, %w: tensor<8x3x3x3xf32>, %o: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%i, %w : tensor<1x3x12x12xf32>, tensor<8x3x3x3xf32>) outs(%o : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// 3-D conv: MACs 1*2*2*2*4*3*3*3*2 = 1728.
// CHECK-LABEL: func.func @conv_3d
// CHECK: problem = #union.problem<dims = [N = 1, Z = 2, P = 2, Q = 2, K = 4, T = 3, R = 3, S = 3, C = 2], tensors = [input[N, Z + T, P + R, Q + S, C] : read bits = 32, filter[T, R, S, C, K] : read bits = 32, output[N, Z, P, Q, K] : readwrite bits = 32]>
// MACS: conv_3d_ndhwc_dhwcf_7 {{.*}} 1728
func.func @conv_3d(%i: tensor<1x4x4x4x2xf32>, %w: tensor<3x3x3x2x4xf32>, %o: tensor<1x2x2x2x4xf32>) -> tensor<1x2x2x2x4xf32> {
  %0 = linalg.conv_3d_ndhwc_dhwcf {dilations = dense<1> : tensor<3xi64>, strides = dense<1> : tensor<3xi64>}
         ins(%i, %w : tensor<1x4x4x4x2xf32>, tensor<3x3x3x2x4xf32>) outs(%o : tensor<1x2x2x2x4xf32>) -> tensor<1x2x2x2x4xf32>
  return %0 : tensor<1x2x2x2x4xf32>
}

// Depthwise: the channel indexes all three tensors. MACs 1*6*6*8*3*3 = 2592.
// CHECK-LABEL: func.func @depthwise
// CHECK: problem = #union.problem<dims = [N = 1, P = 6, Q = 6, C = 8, R = 3, S = 3], tensors = [input[N, P + R, Q + S, C] : read bits = 32, filter[R, S, C] : read bits = 32, output[N, P, Q, C] : readwrite bits = 32]>
// MACS: depthwise_conv_2d_nhwc_hwc_8 {{.*}} 2592
func.func @depthwise(%i: tensor<1x8x8x8xf32>, %w: tensor<3x3x8xf32>, %o: tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%i, %w : tensor<1x8x8x8xf32>, tensor<3x3x8xf32>) outs(%o : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  return %0 : tensor<1x6x6x8xf32>
}

// Depthwise with a channel multiplier of 2 (K). MACs 1*6*6*8*2*3*3 = 5184.
// CHECK-LABEL: func.func @depthwise_multiplier
// CHECK: problem = #union.problem<dims = [N = 1, P = 6, Q = 6, C = 8, K = 2, R = 3, S = 3], tensors = [input[N, P + R, Q + S, C] : read bits = 32, filter[R, S, C, K] : read bits = 32, output[N, P, Q, C, K] : readwrite bits = 32]>
// MACS: depthwise_conv_2d_nhwc_hwcm_9 {{.*}} 5184
func.func @depthwise_multiplier(%i: tensor<1x8x8x8xf32>, %w: tensor<3x3x8x2xf32>, %o: tensor<1x6x6x8x2xf32>) -> tensor<1x6x6x8x2xf32> {
  %0 = linalg.depthwise_conv_2d_nhwc_hwcm {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%i, %w : tensor<1x8x8x8xf32>, tensor<3x3x8x2xf32>) outs(%o : tensor<1x6x6x8x2xf32>) -> tensor<1x6x6x8x2xf32>
  return %0 : tensor<1x6x6x8x2xf32>
}

// Grouped: 2 groups of 4 -> 3 channels. MACs 1*2*3*6*6*4*3*3 = 7776.
// CHECK-LABEL: func.func @grouped
// CHECK: problem = #union.problem<dims = [N = 1, G = 2, K = 3, P = 6, Q = 6, C = 4, R = 3, S = 3], tensors = [input[N, G, C, P + R, Q + S] : read bits = 32, filter[K, G, C, R, S] : read bits = 32, output[N, G, K, P, Q] : readwrite bits = 32]>
// MACS: conv_2d_ngchw_fgchw_10 {{.*}} 7776
func.func @grouped(%i: tensor<1x2x4x8x8xf32>, %w: tensor<3x2x4x3x3xf32>, %o: tensor<1x2x3x6x6xf32>) -> tensor<1x2x3x6x6xf32> {
  %0 = linalg.conv_2d_ngchw_fgchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%i, %w : tensor<1x2x4x8x8xf32>, tensor<3x2x4x3x3xf32>) outs(%o : tensor<1x2x3x6x6xf32>) -> tensor<1x2x3x6x6xf32>
  return %0 : tensor<1x2x3x6x6xf32>
}

// Quantized: i8 operands, zero points passed to the body only.
// MACs 1*6*6*4*3*3*8 = 10368.
// CHECK-LABEL: func.func @quantized
// CHECK: union.compute "conv_2d_nhwc_hwcf_q_11"(%arg0, %arg1, %arg2, %arg3, %arg4)
// CHECK-SAME: problem = #union.problem<dims = [N = 1, P = 6, Q = 6, K = 4, R = 3, S = 3, C = 8], tensors = [input[N, P + R, Q + S, C] : read bits = 8, filter[R, S, C, K] : read bits = 8, output[N, P, Q, K] : readwrite bits = 32]>
// CHECK: linalg.conv_2d_nhwc_hwcf_q
// MACS: conv_2d_nhwc_hwcf_q_11 {{.*}} 10368
func.func @quantized(%i: tensor<1x8x8x8xi8>, %w: tensor<3x3x8x4xi8>, %o: tensor<1x6x6x4xi32>, %izp: i32, %wzp: i32) -> tensor<1x6x6x4xi32> {
  %0 = linalg.conv_2d_nhwc_hwcf_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%i, %w, %izp, %wzp : tensor<1x8x8x8xi8>, tensor<3x3x8x4xi8>, i32, i32) outs(%o : tensor<1x6x6x4xi32>) -> tensor<1x6x6x4xi32>
  return %0 : tensor<1x6x6x4xi32>
}

// A general contraction (TCCG abcd-aebf-fdec): C[a,b,c,d] += A[a,e,b,f] *
// B[f,d,e,c], dims named by their einsum letters. MACs 2*3*4*5*6*7 = 5040.
// CHECK-LABEL: func.func @tccg
// CHECK: problem = #union.problem<dims = [a = 2, b = 3, c = 4, d = 5, e = 6, f = 7], tensors = [A[a, e, b, f] : read bits = 64, B[f, d, e, c] : read bits = 64, C[a, b, c, d] : readwrite bits = 64]>
// MACS: generic_12 a=2 b=3 c=4 d=5 e=6 f=7 5040
#tccg = [affine_map<(a, b, c, d, e, f) -> (a, e, b, f)>, affine_map<(a, b, c, d, e, f) -> (f, d, e, c)>, affine_map<(a, b, c, d, e, f) -> (a, b, c, d)>]
func.func @tccg(%A: tensor<2x6x3x7xf64>, %B: tensor<7x5x6x4xf64>, %C: tensor<2x3x4x5xf64>) -> tensor<2x3x4x5xf64> {
  %0 = linalg.generic {indexing_maps = #tccg, iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
         ins(%A, %B : tensor<2x6x3x7xf64>, tensor<7x5x6x4xf64>) outs(%C : tensor<2x3x4x5xf64>) {
  ^bb0(%x: f64, %y: f64, %z: f64):
    %m = arith.mulf %x, %y : f64
    %s = arith.addf %z, %m : f64
    linalg.yield %s : f64
  } -> tensor<2x3x4x5xf64>
  return %0 : tensor<2x3x4x5xf64>
}

// A padded conv (what tosa-to-linalg makes of pad = 1): the problem is the
// layer's, 8x8 outputs from an 8x8 input. MACs 1*8*8*4*3*3*2 = 4608.
// CHECK-LABEL: func.func @padded
// CHECK: tensor.pad
// CHECK: problem = #union.problem<dims = [N = 1, P = 8, Q = 8, K = 4, R = 3, S = 3, C = 2], tensors = [input[N, P + R, Q + S, C] : read bits = 32, filter[K, R, S, C] : read bits = 32, output[N, P, Q, K] : readwrite bits = 32]>
// MACS: conv_2d_nhwc_fhwc_13 {{.*}} 4608
func.func @padded(%i: tensor<1x8x8x2xf32>, %w: tensor<4x3x3x2xf32>, %o: tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %i low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x8x8x2xf32> to tensor<1x10x10x2xf32>
  %0 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%p, %w : tensor<1x10x10x2xf32>, tensor<4x3x3x2xf32>) outs(%o : tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}


// Grouped, channels-last layout: 2 groups of 4 -> 3 channels.
// MACs 1*6*6*2*3*3*3*4 = 7776.
// CHECK-LABEL: func.func @grouped_nhwgc
// CHECK: problem = #union.problem<dims = [N = 1, P = 6, Q = 6, G = 2, K = 3, R = 3, S = 3, C = 4], tensors = [input[N, P + R, Q + S, G, C] : read bits = 32, filter[G, K, R, S, C] : read bits = 32, output[N, P, Q, G, K] : readwrite bits = 32]>
// MACS: conv_2d_nhwgc_gfhwc_14 {{.*}} 7776
func.func @grouped_nhwgc(%i: tensor<1x8x8x2x4xf32>, %w: tensor<2x3x3x3x4xf32>, %o: tensor<1x6x6x2x3xf32>) -> tensor<1x6x6x2x3xf32> {
  %0 = linalg.conv_2d_nhwgc_gfhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%i, %w : tensor<1x8x8x2x4xf32>, tensor<2x3x3x3x4xf32>) outs(%o : tensor<1x6x6x2x3xf32>) -> tensor<1x6x6x2x3xf32>
  return %0 : tensor<1x6x6x2x3xf32>
}

// Sum of the above: 512 + 512 + 1024 + 1536 + 512 + 192 + 3456 + 1728 + 2592
// + 5184 + 7776 + 10368 + 5040 + 4608 + 7776 = 52816.
// MACS: total: 52816 MACs
