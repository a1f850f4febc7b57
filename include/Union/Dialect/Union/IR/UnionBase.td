//===- UnionBase.td - Union dialect definition -------------*- tablegen -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_UNIONBASE_TD
#define UNION_DIALECT_UNION_IR_UNIONBASE_TD

include "mlir/IR/OpBase.td"

def Union_Dialect : Dialect {
  let name = "union";
  let cppNamespace = "::mlir::union_";
  let summary = "The Union mapping abstraction for spatial accelerators";
  let description = [{
    The `union` dialect describes how a tensor operation (a problem) runs on
    a spatial accelerator (an architecture) under a mapping. Its attributes
    are the abstraction: `#union.problem` (iteration dims and affine tensor
    projections), `#union.arch` (a hierarchy of storage, network and compute
    levels), `#union.mapping` (loop-centric, per level), `#union.dataflow`
    (MAESTRO's data-centric directives) and `#union.cost`. The single op,
    `union.compute`, wraps one tensor computation and carries them.

    ```mlir
    %0 = union.compute "gemm" (%a, %b, %c)
        : (tensor<8x4xf32>, tensor<4x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
        attributes {problem = #union.problem<dims = [m = 8, n = 8, k = 4],
          tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
                     C[m, n] : readwrite bits = 16]>} {
    ^bb0(%x: tensor<8x4xf32>, %y: tensor<4x8xf32>, %z: tensor<8x8xf32>):
      %r = linalg.matmul ins(%x, %y : tensor<8x4xf32>, tensor<4x8xf32>)
                         outs(%z : tensor<8x8xf32>) -> tensor<8x8xf32>
      union.yield %r : tensor<8x8xf32>
    }
    ```
  }];
  let useDefaultAttributePrinterParser = 1;
  // The `union.*` records on ops (union.search, union.timeloop,
  // union.maestro_layer, ...) are checked against their schemas.
  let hasOperationAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

class Union_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Union_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

class Union_Op<string mnemonic, list<Trait> traits = []>
    : Op<Union_Dialect, mnemonic, traits>;

#endif // UNION_DIALECT_UNION_IR_UNIONBASE_TD
