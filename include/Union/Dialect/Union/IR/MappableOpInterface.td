//===- MappableOpInterface.td - Ops Union can map -----------*- tablegen -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_MAPPABLEOPINTERFACE_TD
#define UNION_DIALECT_UNION_IR_MAPPABLEOPINTERFACE_TD

include "mlir/IR/OpBase.td"

def Union_MappableOpInterface : OpInterface<"MappableOpInterface"> {
  let cppNamespace = "::mlir::union_";
  let description = [{
    An op whose computation Union can map onto an accelerator: it gives its
    problem (iteration dims and tensor projections) and, optionally, the
    architecture, a loop-centric mapping or a MAESTRO dataflow, and the cost
    a model computed; passes set the mapping and cost they find. Every Union
    pass (pruning, evaluation, search, reports, `union-map`) works on this
    interface, so a compiler can map its own ops without wrapping them in
    `union.compute`: it attaches the interface (e.g. as an external model).

    `union.compute` implements it with its attributes:

    ```mlir
    %0 = union.compute "fc" (%a, %b, %c)
        : (tensor<4x8xf32>, tensor<8x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
        attributes {problem = #union.problem<dims = [m = 4, n = 2, k = 8],
          tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
                     C[m, n] : readwrite bits = 16]>} { ... }
    ```
  }];
  let methods = [
    InterfaceMethod<"The problem: iteration dims and tensor projections.",
      "::mlir::union_::ProblemAttr", "getProblemAttr">,
    InterfaceMethod<"The architecture, or null.",
      "::mlir::union_::ArchitectureAttr", "getArchAttr">,
    InterfaceMethod<"Sets (or, with null, removes) the architecture.",
      "void", "setArchAttr", (ins "::mlir::union_::ArchitectureAttr":$arch)>,
    InterfaceMethod<"The loop-centric mapping, or null.",
      "::mlir::union_::MappingAttr", "getMappingAttr">,
    InterfaceMethod<"Sets (or, with null, removes) the mapping.",
      "void", "setMappingAttr", (ins "::mlir::union_::MappingAttr":$mapping)>,
    InterfaceMethod<"The MAESTRO data-centric dataflow, or null.",
      "::mlir::union_::DataflowAttr", "getDataflowAttr">,
    InterfaceMethod<"The cost a model computed, or null.",
      "::mlir::union_::CostAttr", "getCostAttr">,
    InterfaceMethod<"Sets (or, with null, removes) the cost.",
      "void", "setCostAttr", (ins "::mlir::union_::CostAttr":$cost)>,
    InterfaceMethod<"The name messages and reports use for the op.",
      "std::optional<::llvm::StringRef>", "getLabel">,
  ];
}

#endif // UNION_DIALECT_UNION_IR_MAPPABLEOPINTERFACE_TD
