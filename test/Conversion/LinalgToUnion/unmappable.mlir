// RUN: union-opt %s --convert-linalg-to-union=remarks=true -verify-diagnostics | FileCheck %s
// RUN: union-opt %s --convert-linalg-to-union 2>&1 | FileCheck %s --check-prefix=QUIET
// RUN: union-opt %s --convert-linalg-to-union | FileCheck %s

// Ops that are not multiply-accumulates stay as they are; with remarks=true
// each says why. Multiply-accumulates that cannot become union ops stay as
// they are too, with a warning (always) and a `union.dropped` reason for
// union-report. None of this is an error.

// QUIET-NOT: remark: not converted
// QUIET: warning: multiply-accumulate not converted to union (it will not be mapped or costed): its indexing cannot be a union problem
// QUIET: warning: multiply-accumulate not converted to union (it will not be mapped or costed): its loop ranges are not static
// QUIET-NOT: remark: not converted

// CHECK-LABEL: func.func @unmappable
// CHECK-NOT: union.compute
// CHECK: linalg.pooling_nhwc_max
// CHECK: linalg.add
// CHECK: linalg.reduce
// CHECK: linalg.generic
// CHECK-SAME: union.dropped = "its indexing cannot be a union problem
// CHECK: linalg.matmul
// CHECK-SAME: union.dropped = "its loop ranges are not static"
func.func @unmappable(%i: tensor<1x8x8x4xf32>, %k: tensor<2x2xf32>, %o: tensor<1x4x4x4xf32>,
                      %a: tensor<8x8xf32>, %r: tensor<8xf32>, %d: tensor<?x4xf32>, %b: tensor<4x4xf32>, %c: tensor<?x4xf32>)
    -> (tensor<1x4x4x4xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<?x4xf32>) {
  // expected-remark @below {{not converted to union: its body is not an accumulation (no add at its result)}}
  %0 = linalg.pooling_nhwc_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%i, %k : tensor<1x8x8x4xf32>, tensor<2x2xf32>) outs(%o : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  // expected-remark @below {{not converted to union: its body does not add to the output's value}}
  %1 = linalg.add ins(%a, %a : tensor<8x8xf32>, tensor<8x8xf32>) outs(%a : tensor<8x8xf32>) -> tensor<8x8xf32>
  // expected-remark @below {{not converted to union: it does not have two inputs and one output}}
  %2 = linalg.reduce ins(%a : tensor<8x8xf32>) outs(%r : tensor<8xf32>) dimensions = [1]
    (%x: f32, %y: f32) {
      %s = arith.addf %x, %y : f32
      linalg.yield %s : f32
    }
  // A multiply-accumulate whose index is not affine-linear (floordiv).
  // expected-warning @below {{multiply-accumulate not converted to union (it will not be mapped or costed): its indexing cannot be a union problem: tensor 'A' index #0 must be a sum of non-negative multiples of dims plus a non-negative constant}}
  %3 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0 floordiv 2, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>],
                       iterator_types = ["parallel", "reduction"]}
         ins(%a, %r : tensor<8x8xf32>, tensor<8xf32>) outs(%r : tensor<8xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %z, %m : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  // expected-warning @below {{multiply-accumulate not converted to union (it will not be mapped or costed): its loop ranges are not static}}
  %4 = linalg.matmul ins(%d, %b : tensor<?x4xf32>, tensor<4x4xf32>) outs(%c : tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x4x4x4xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<?x4xf32>
}
