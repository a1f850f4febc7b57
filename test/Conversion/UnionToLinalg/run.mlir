// Run original and round-tripped (linalg -> union -> linalg) IR and compare
// their outputs.
// RUN: mlir-opt %s %{lower} | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.original.txt
// RUN: union-opt %s --convert-linalg-to-union --convert-union-to-linalg | mlir-opt %{lower} | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_utils,%mlir_c_runner_utils > %t.roundtrip.txt
// The printed buffer addresses differ between runs; the values must not.
// RUN: grep -v base@ %t.original.txt > %t.original.values
// RUN: grep -v base@ %t.roundtrip.txt > %t.roundtrip.values
// RUN: diff %t.original.values %t.roundtrip.values
// RUN: FileCheck %s < %t.roundtrip.txt
// The union form has the same ops in its bodies:
// RUN: union-opt %s --convert-linalg-to-union | FileCheck %s --check-prefix=UNION
// UNION-COUNT-2: union.compute

// matmul of ones (4 x 3) by twos (3 x 2): every element 3 * 2 = 6.
// CHECK: [6,   6]
// 3x3 conv of ones with a 2x2 kernel of 0.5, stride 1: every element
// 2 * 2 * 0.5 = 2.
// CHECK: [2,   2]

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %half = arith.constant 0.5 : f32
  %zero = arith.constant 0.0 : f32
  %a0 = tensor.empty() : tensor<4x3xf32>
  %a = linalg.fill ins(%one : f32) outs(%a0 : tensor<4x3xf32>) -> tensor<4x3xf32>
  %b0 = tensor.empty() : tensor<3x2xf32>
  %b = linalg.fill ins(%two : f32) outs(%b0 : tensor<3x2xf32>) -> tensor<3x2xf32>
  %c0 = tensor.empty() : tensor<4x2xf32>
  %c = linalg.fill ins(%zero : f32) outs(%c0 : tensor<4x2xf32>) -> tensor<4x2xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<4x3xf32>, tensor<3x2xf32>) outs(%c : tensor<4x2xf32>) -> tensor<4x2xf32>
  %mmu = tensor.cast %mm : tensor<4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%mmu) : (tensor<*xf32>) -> ()

  %i0 = tensor.empty() : tensor<1x3x3x1xf32>
  %i = linalg.fill ins(%one : f32) outs(%i0 : tensor<1x3x3x1xf32>) -> tensor<1x3x3x1xf32>
  %w0 = tensor.empty() : tensor<1x2x2x1xf32>
  %w = linalg.fill ins(%half : f32) outs(%w0 : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %o0 = tensor.empty() : tensor<1x2x2x1xf32>
  %o = linalg.fill ins(%zero : f32) outs(%o0 : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %cv = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%i, %w : tensor<1x3x3x1xf32>, tensor<1x2x2x1xf32>) outs(%o : tensor<1x2x2x1xf32>) -> tensor<1x2x2x1xf32>
  %cvr = tensor.collapse_shape %cv [[0, 1], [2, 3]] : tensor<1x2x2x1xf32> into tensor<2x2xf32>
  %cvu = tensor.cast %cvr : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%cvu) : (tensor<*xf32>) -> ()
  return
}
