// RUN: union-opt %s --union-from-tosa -split-input-file -verify-diagnostics

// Malformed TOSA is reported at the op (by TOSA's own verifier), not
// converted and never a crash.
func.func @bad_fit(%input: tensor<1x16x16x8xf32>) -> tensor<1x8x8x4xf32> {
  %w = "tosa.const"() <{values = dense<0.5> : tensor<4x3x3x8xf32>}> : () -> tensor<4x3x3x8xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-error @below {{'tosa.conv2d' op expected input_height - 1 + pad_top + pad_bottom - (kernel_height - 1) * dilation_y to be wholly divisible by stride_y}}
  %0 = tosa.conv2d %input, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>, dilation = array<i64: 1, 1>}
       : (tensor<1x16x16x8xf32>, tensor<4x3x3x8xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

func.func @bad_matmul(%a: tensor<2x8x4xf32>, %b: tensor<2x5x16xf32>) -> tensor<2x8x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // TOSA's verifier lets the K mismatch through; the lowered linalg op's
  // verifier reports it, at this op's location.
  // expected-error @below {{'linalg.batch_matmul' op inferred input/output operand #1 has shape's dimension #1 to be 4, but found 5}}
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<2x8x4xf32>, tensor<2x5x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}
