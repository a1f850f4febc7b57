//===- Passes.td - Conversions into and out of the union dialect -*- tablegen -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_CONVERSION_PASSES_TD
#define UNION_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertLinalgToUnion : Pass<"convert-linalg-to-union"> {
  let summary = "Wrap multiply-accumulate linalg ops in union.compute ops";
  let description = [{
    Every linalg structured op whose body is a multiply-accumulate
    (`out += a * b`, through any casts; the zero-point subtractions of the
    quantized `*_q` ops are allowed and ignored for cost) and whose shapes
    are static becomes a `union.compute` op. The problem comes from the
    op's loop ranges and indexing maps, never from its name: strides and
    dilations are coefficients of the index expressions. The original op
    moves into the union op's body, so `convert-union-to-linalg` restores
    it.

    Dims are named by role: convolutions `N` (batch), `G` (groups), `K`
    (output channels or channel multiplier), `C` (input channels, or the
    channel of a depthwise conv), `Z`/`P`/`Q` (output depth/rows/columns),
    `T`/`R`/`S` (filter depth/rows/columns); contractions `B`, `M`, `N`,
    `K`; `linalg.generic` ops and anything else take the letters `a`, `b`,
    `c`, ... in loop order (the index names of einsum notation). Tensors
    are `input`, `filter`, `output` for convolutions and `A`, `B`, `C`
    otherwise; element widths come from the element types.

    Ops that are not multiply-accumulates (pooling, elementwise,
    reductions without a multiply) are left unchanged; with `remarks=true`
    each gets a one-line remark saying why. A multiply-accumulate that
    cannot become a union op (dynamic shapes, indexing a union problem
    cannot express) is left unchanged with a warning, always, and a
    `union.dropped` attribute holding the reason, which union-report lists.

    ```mlir
    %0 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x16xf32>)
                       outs(%c : tensor<8x16xf32>) -> tensor<8x16xf32>
    // becomes
    %0 = union.compute "matmul_0" (%a, %b, %c) : (...) -> tensor<8x16xf32>
        attributes {problem = #union.problem<dims = [M = 8, N = 16, K = 4],
          tensors = [A[M, K] : read bits = 32, B[K, N] : read bits = 32,
                     C[M, N] : readwrite bits = 32]>} {
    ^bb0(%x: tensor<8x4xf32>, %y: tensor<4x16xf32>, %z: tensor<8x16xf32>):
      %r = linalg.matmul ins(%x, %y : ...) outs(%z : ...) -> tensor<8x16xf32>
      union.yield %r : tensor<8x16xf32>
    }
    ```
  }];
  let options = [
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark for every linalg op that is not converted">
  ];
  let dependentDialects = ["::mlir::union_::UnionDialect"];
}

def ConvertUnionToLinalg : Pass<"convert-union-to-linalg"> {
  let summary = "Replace union.compute ops by the computation in their body";
  let description = [{
    Inlines the body of every `union.compute` op: its block arguments
    become the op's operands and its results the yielded values. This
    undoes `convert-linalg-to-union` exactly. An op without a body (as
    imported from a MAESTRO file) is an error.

    ```mlir
    %0 = union.compute "mm" (%a, %b, %c) : (...) -> tensor<8x16xf32> ... {
    ^bb0(%x: ..., %y: ..., %z: ...):
      %r = linalg.matmul ins(%x, %y : ...) outs(%z : ...) -> tensor<8x16xf32>
      union.yield %r : tensor<8x16xf32>
    }
    // becomes
    %0 = linalg.matmul ins(%a, %b : ...) outs(%c : ...) -> tensor<8x16xf32>
    ```
  }];
}

#endif // UNION_CONVERSION_PASSES_TD
