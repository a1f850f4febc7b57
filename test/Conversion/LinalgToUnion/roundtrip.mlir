// RUN: union-opt %s > %t.original.mlir
// RUN: union-opt %s --convert-linalg-to-union --convert-union-to-linalg > %t.back.mlir
// RUN: diff %t.original.mlir %t.back.mlir
// RUN: union-opt %s --convert-linalg-to-union | FileCheck %s

// linalg -> union -> linalg gives back exactly the same IR (diff), for a
// matmul, a strided conv and a quantized conv with zero points.

// CHECK-COUNT-3: union.compute
func.func @ops(%a: tensor<8x4xf32>, %b: tensor<4x16xf32>, %c: tensor<8x16xf32>,
               %i: tensor<1x9x9x2xf32>, %w: tensor<4x3x3x2xf32>, %o: tensor<1x4x4x4xf32>,
               %qi: tensor<1x8x8x8xi8>, %qw: tensor<3x3x8x4xi8>, %qo: tensor<1x6x6x4xi32>, %izp: i32, %wzp: i32)
    -> (tensor<8x16xf32>, tensor<1x4x4x4xf32>, tensor<1x6x6x4xi32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x16xf32>) outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
  %1 = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%i, %w : tensor<1x9x9x2xf32>, tensor<4x3x3x2xf32>) outs(%o : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %2 = linalg.conv_2d_nhwc_hwcf_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%qi, %qw, %izp, %wzp : tensor<1x8x8x8xi8>, tensor<3x3x8x4xi8>, i32, i32) outs(%qo : tensor<1x6x6x4xi32>) -> tensor<1x6x6x4xi32>
  return %0, %1, %2 : tensor<8x16xf32>, tensor<1x4x4x4xf32>, tensor<1x6x6x4xi32>
}
