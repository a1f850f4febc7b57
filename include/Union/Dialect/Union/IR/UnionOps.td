//===- UnionOps.td - Union dialect ops ---------------------*- tablegen -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_UNIONOPS_TD
#define UNION_DIALECT_UNION_IR_UNIONOPS_TD

include "Union/Dialect/Union/IR/MappableOpInterface.td"
include "Union/Dialect/Union/IR/UnionAttrs.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Union_ComputeOp : Union_Op<"compute", [IsolatedFromAbove,
                                           RecursiveMemoryEffects,
                                           Union_MappableOpInterface]> {
  let summary = "One tensor computation with its mapping abstraction";
  let description = [{
    Wraps one tensor computation. The operands are the problem's tensors in
    the order of the problem's tensor list, optionally followed by values
    only the body uses (such as quantization zero points); the body (one block whose
    arguments mirror the operands, ended by `union.yield`) holds the original
    computation, so the program stays valid and can be lowered back. An op
    imported from a MAESTRO or Timeloop file has no operands, results or body.

    It carries the `problem` and, optionally, the `arch`, a loop-centric
    `mapping` or a MAESTRO `dataflow`, and the `cost` a model computed.

    ```mlir
    %0 = union.compute "fc" (%a, %b, %c)
        : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
        attributes {problem = #union.problem<dims = [m = 4, n = 2, k = 8],
          tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
                     C[m, n] : readwrite bits = 16]>} {
    ^bb0(%x: tensor<4x8xf32>, %y: tensor<8x2xf32>, %z: tensor<4x2xf32>):
      %r = linalg.matmul ins(%x, %y : tensor<4x8xf32>, tensor<8x2xf32>)
                         outs(%z : tensor<4x2xf32>) -> tensor<4x2xf32>
      union.yield %r : tensor<4x2xf32>
    }
    ```

    The verifier checks the operands against the problem (count, rank,
    shapes large enough for every index), the mapping against the problem
    and the architecture (known dims and levels, factor products within
    the dim sizes, spatial fan-out within the network below each level) and
    the dataflow against the problem (known dims).
  }];
  let arguments = (ins
    OptionalAttr<StrAttr>:$label,
    Variadic<AnyType>:$args,
    Union_ProblemAttr:$problem,
    OptionalAttr<Union_ArchitectureAttr>:$arch,
    OptionalAttr<Union_MappingAttr>:$mapping,
    OptionalAttr<Union_DataflowAttr>:$dataflow,
    OptionalAttr<Union_CostAttr>:$cost
  );
  let results = (outs Variadic<AnyType>:$results);
  let regions = (region AnyRegion:$body);
  let assemblyFormat = [{
    ($label^)? (`(` $args^ `)`)? `:` functional-type($args, $results)
    attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
}

def Union_YieldOp : Union_Op<"yield", [Pure, Terminator, ReturnLike,
                                       HasParent<"ComputeOp">]> {
  let summary = "Returns the results of a union.compute body";
  let description = [{
    ```mlir
    union.yield %r : tensor<4x2xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyType>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

#endif // UNION_DIALECT_UNION_IR_UNIONOPS_TD
