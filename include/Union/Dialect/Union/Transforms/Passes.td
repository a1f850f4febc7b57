//===- Passes.td - Union dialect passes --------------------*- tablegen -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_TRANSFORMS_PASSES_TD
#define UNION_DIALECT_UNION_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def UnionAttachArch : Pass<"union-attach-arch"> {
  let summary = "Attach an architecture, read from a JSON file, to union ops";
  let description = [{
    Loads the architecture file named by `file` (the JSON format of
    docs/Architectures.md), checks it, and sets it as the `arch` attribute of
    every `union.compute` op (ops that already have one keep it unless
    `overwrite` is set). A missing or malformed file is an error naming the
    file and the JSON path of the problem.

    ```mlir
    // union-opt --union-attach-arch=file=examples/arch/maestro-256.json
    %0 = union.compute "fc" : () -> () attributes {problem = ...} {}
    // becomes
    %0 = union.compute "fc" : () -> ()
        attributes {arch = #union.arch<name = "maestro-256", ...>, ...} {}
    ```
  }];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"\"\"",
           "architecture JSON file">,
    Option<"overwrite", "overwrite", "bool", /*default=*/"false",
           "replace an architecture an op already carries">
  ];
  let dependentDialects = ["::mlir::union_::UnionDialect"];
}

def UnionSummary : Pass<"union-summary"> {
  let summary = "Print a per-op summary of union ops";
  let description = [{
    Prints, for each `union.compute` op in walk order, its label, its dims,
    its MAC count, the size of each tensor in elements, and what it carries
    (architecture, mapping, dataflow, cost), followed by totals. Output goes
    to stdout, or to `output` when given. The IR is not changed.

    ```
    $ union-opt model.mlir --union-summary -o /dev/null
    op      dims                                   MACs   input ...
    conv1   n=1 k=64 c=3 p=112 q=112 r=7 s=7  118013952   ...
    ```
  }];
  let options = [
    Option<"output", "output", "std::string", /*default=*/"\"-\"",
           "where to print the summary ('-' for stdout)">
  ];
}

def UnionEvaluate : Pass<"union-evaluate"> {
  let summary = "Cost the dataflow or mapping of each union op with a cost model";
  let description = [{
    For each `union.compute` op the selected cost model can evaluate (the
    `maestro` model needs a `dataflow` and an `arch`), computes the cost
    and sets the op's `cost` attribute. Ops the model cannot evaluate are
    left alone (with `remarks=true`, a remark says why); a failing
    evaluation is an error at the op.

    ```mlir
    // union-opt --union-attach-arch=file=hw.json --union-evaluate
    union.compute "conv1" : () -> () attributes {arch = ..., dataflow = ...,
        problem = ...} {}
    // gains
    //   cost = #union.cost<model = "maestro", cycles = 824498,
    //                      macs = 105415200, energy = ..., ...>
    ```
  }];
  let options = [
    Option<"costModel", "cost-model", "std::string", /*default=*/"\"maestro\"",
           "the registered cost model to use">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark for every op that is not evaluated">
  ];
}

#endif // UNION_DIALECT_UNION_TRANSFORMS_PASSES_TD
