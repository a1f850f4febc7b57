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
           "replace an architecture an op already carries (default: false)">
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
           "where to print the summary ('-' for stdout) (default: -)">
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
           "the registered cost model to use (default: maestro)">,
    Option<"costModelOptions", "cost-model-options", "std::string",
           /*default=*/"\"\"",
           "the model's own options, key=value separated by spaces (e.g. "
           "timeloop: timeloop-model=PATH timeout=SECONDS)">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark for every op that is not evaluated (default: false)">
  ];
}

//===----------------------------------------------------------------------===//
// Map-space pruning
//===----------------------------------------------------------------------===//

def UnionPruneHardware : Pass<"union-prune-hw"> {
  let summary = "Prune each union op's map space with the hardware's constraints";
  let description = [{
    Adds the architecture's constraints to every `union.compute` op with an
    `arch`: `fanout` (spatial factors fit the fan-out below each level),
    `mesh` (they fit the axes of a 2-D array), `placement` (levels bypass
    the tensors they cannot hold) and `capacity` (held tiles fit), then the
    constraints of a fixed dataflow if `dataflow` names one (`nvdla`,
    `eyeriss`, `shidiannao`, `tpu`; `flexible`, the default, adds none).
    The op gains `union.constraints` and `union.map_space` (exact sizes and
    the points each rule removed). When a rule empties an op's space, a
    warning names the rule and the tightest resource, the op keeps its
    empty space and gets `union.unmapped` with that reason (union-search
    and union-report pass it on), and the other ops go on; with
    `strict=true` it is an error.

    ```mlir
    // union-opt --union-attach-arch=file=maestro-256.json \
    //           --union-prune-hw=dataflow=nvdla
    union.compute "conv1" ... attributes {arch = ..., problem = ...,
      union.constraints = [#union.constraint<hardware fanout>, ...,
        #union.constraint<hardware spatial_dims level = "L2" dims = ["K", "C"]>],
      union.map_space = #union.map_space<unpruned = ..., size = ..., removed = [...]>}
    ```
  }];
  let options = [
    Option<"dataflow", "dataflow", "std::string", /*default=*/"\"flexible\"",
           "fixed-dataflow preset: flexible, nvdla, eyeriss, shidiannao, tpu (default: flexible)">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark per op with its sizes and per-rule removals (default: false)">,
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "write the pruning report as JSON to this file ('-': stdout)">,
    Option<"strict", "strict", "bool", /*default=*/"false",
           "an emptied map space is an error (default: false, a warning; the op is left without a mapping)">
  ];
}

def UnionPruneWorkload : Pass<"union-prune-workload"> {
  let summary = "Merge loop orders the workload makes equivalent";
  let description = [{
    Adds the workload's constraints to every union op with an `arch`:
    `unit_dims` (loops over size-1 dims sit at a canonical place) and
    `unit_loops` (so do loops a mapping gives one iteration at a level), so
    orders that differ only in such loops count once. Tile factors are
    divisors of the dims' sizes by construction; for tiles that do not
    divide a dim, `pad=DIM=N` pads it to the next multiple of N first
    (the extra iterations are wasted work, which the report and the cost
    models count). Reports, and treats emptied spaces, as `union-prune-hw`
    does.

    ```mlir
    // union-opt --union-prune-hw --union-prune-workload=remarks=true
    // remark: union-prune-workload: map space of 'conv1': 1.2e19 -> 3.4e11 ...
    ```
  }];
  let options = [
    ListOption<"pad", "pad", "std::string",
               "DIM=N: pad DIM to the next multiple of N (imperfect factorization)">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark per op with its sizes and per-rule removals (default: false)">,
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "write the pruning report as JSON to this file ('-': stdout)">,
    Option<"strict", "strict", "bool", /*default=*/"false",
           "an emptied map space is an error (default: false, a warning; the op is left without a mapping)">
  ];
}

def UnionPruneMapper : Pass<"union-prune-mapper"> {
  let summary = "Prune each union op's map space with the user's mapper limits";
  let description = [{
    Adds mapper constraints to every union op with an `arch`: those written
    in a `union.mapper_constraints` array on the op or an enclosing op, then
    those given as options. Level-scoped options take `LEVEL:` first (omit
    it for every level); dims are joined with `+`. Emptied spaces are
    treated as in `union-prune-hw`.

    ```mlir
    // union-opt --union-prune-mapper="max-tile=L1:K=8 pow2-tiles=true
    //            min-utilization=0.5 order=DRAM:K+C spatial=L2:K+C"
    union.compute "conv1" ... attributes {..., union.mapper_constraints = [
      #union.constraint<mapper min_tile level = "L2" dims = ["P"] value = 7>]}
    ```
  }];
  let options = [
    ListOption<"maxTile", "max-tile", "std::string",
               "[LEVEL:]DIM=N: tiles of DIM at most N">,
    ListOption<"minTile", "min-tile", "std::string",
               "[LEVEL:]DIM=N: tiles of DIM at least N">,
    Option<"powerOfTwo", "pow2-tiles", "bool", /*default=*/"false",
           "tiles below the outermost level are powers of two (default: false)">,
    Option<"minUtilization", "min-utilization", "double", /*default=*/"0.0",
           "spatial factors use at least this fraction of each fan-out (default: 0)">,
    ListOption<"order", "order", "std::string",
               "LEVEL:D1+D2+...: those loops keep this relative order">,
    ListOption<"spatial", "spatial", "std::string",
               "LEVEL:D1+D2+...: only these dims may be spatial there">,
    Option<"remarks", "remarks", "bool", /*default=*/"false",
           "emit a remark per op with its sizes and per-rule removals (default: false)">,
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "write the pruning report as JSON to this file ('-': stdout)">,
    Option<"strict", "strict", "bool", /*default=*/"false",
           "an emptied map space is an error (default: false, a warning; the op is left without a mapping)">
  ];
}

def UnionSampleMappings : Pass<"union-sample-mappings"> {
  let summary = "Show mappings drawn uniformly from each op's pruned map space";
  let description = [{
    For every union op with an `arch`, builds the map space its
    `union.constraints` leave and emits one remark per drawn mapping with
    its index in the space, so a user can see what a set of constraints
    allows. The draw is uniform and fixed by `seed`.

    ```mlir
    // union-opt --union-prune-hw=dataflow=nvdla --union-sample-mappings=count=1
    // remark: mapping 1 of 2 drawn from 51968: index 30210:
    //   #union.mapping<[DRAM [c=2, k=8], L2 [spatial k=8, spatial c=32], ...]>
    ```
  }];
  let options = [
    Option<"count", "count", "unsigned", /*default=*/"3",
           "how many mappings to draw per op (default: 3)">,
    Option<"seed", "seed", "uint64_t", /*default=*/"1",
           "seed of the random draw (default: 1)">
  ];
}

//===----------------------------------------------------------------------===//
// Search and reports
//===----------------------------------------------------------------------===//

def UnionSearch : Pass<"union-search"> {
  let summary = "Search each union op's pruned map space for its best mapping";
  let description = [{
    For every `union.compute` op with an `arch`, builds the map space its
    `union.constraints` leave (plus the cost model's own search constraints,
    which keep one mapping of each class the model cannot tell apart), runs
    the chosen mapper with the chosen cost model, and attaches the best
    mapping (`mapping`), its cost (`cost`) and the search statistics
    (`union.search`). Results are deterministic for a given seed and thread
    count unless `time-limit` ends a search. With a terminal on stderr, a
    progress line is shown.

    An op the search cannot map (the cost model cannot express it, no
    mapping satisfies the constraints, every mapping tried was rejected)
    does not stop the others: it gets a warning and `union.unmapped` with
    the reason, which union-report lists. With `strict=true` it is an error
    and the pass fails after searching every op.

    ```mlir
    // union-opt --union-prune-hw --union-prune-workload \
    //   "--union-search=mapper=annealing objective=edp budget=3000 threads=2"
    union.compute "conv1" ... attributes {
      mapping = #union.mapping<[L2 [k=4, p=14, spatial k=16, spatial c=3], ...]>,
      cost = #union.cost<model = "maestro", cycles = ..., ...>,
      union.search = {mapper = "annealing", evaluated = 3000 : i64, ...}}
    ```
  }];
  let options = [
    Option<"mapper", "mapper", "std::string", /*default=*/"\"decoupled\"",
           "a registered mapper (built in: exhaustive, random, annealing, "
           "decoupled, timeloop) (default: decoupled)">,
    Option<"mapperOptions", "mapper-options", "std::string",
           /*default=*/"\"\"",
           "the mapper's own options, key=value separated by spaces">,
    Option<"costModel", "cost-model", "std::string", /*default=*/"\"maestro\"",
           "the registered cost model to use (default: maestro)">,
    Option<"costModelOptions", "cost-model-options", "std::string",
           /*default=*/"\"\"",
           "the model's own options, key=value separated by spaces (e.g. "
           "timeloop: timeloop-model=PATH timeloop-mapper=PATH "
           "timeout=SECONDS)">,
    Option<"objective", "objective", "std::string", /*default=*/"\"edp\"",
           "latency, energy or edp (energy-delay product) (default: edp)">,
    Option<"budget", "budget", "uint64_t", /*default=*/"3000",
           "evaluations per op (0: no limit; exhaustive only) (default: 3000)">,
    Option<"timeLimit", "time-limit", "double", /*default=*/"0.0",
           "wall-clock seconds per op (0: no limit) (default: 0)">,
    Option<"seed", "seed", "uint64_t", /*default=*/"1",
           "seed of the random choices (default: 1)">,
    Option<"threads", "threads", "unsigned", /*default=*/"1",
           "search threads per op (default: 1)">,
    Option<"streams", "streams", "unsigned", /*default=*/"4",
           "independent parts of each op's search, run on the threads; the "
           "result depends on the seed and the streams, not on the threads "
           "(default: 4)">,
    Option<"topK", "top-k", "unsigned", /*default=*/"1",
           "how many of the best mappings to keep (in union.search) (default: 1)">,
    Option<"strict", "strict", "bool", /*default=*/"false",
           "fail when an op cannot be mapped (default: warn, record the "
           "reason in union.unmapped and go on)">
  ];
}

def UnionReport : Pass<"union-report"> {
  let summary = "Report the costs and mappings of all union ops";
  let description = [{
    Prints a table with one row per union op (shape, MACs, cycles,
    utilization, energy and its mapping in words) and the network's totals,
    and writes the same as JSON and CSV on request. Ops without a `cost`
    are listed as not costed, with the reason union-search recorded
    (`union.unmapped`), and the totals count them. With `strict=true` the
    pass fails (after writing) when an op is not costed.

    ```mlir
    // union-opt ... --union-search "--union-report=json=report.json csv=report.csv"
    ```
  }];
  let options = [
    Option<"json", "json", "std::string", /*default=*/"\"\"",
           "write the report as JSON to this file ('-': stdout)">,
    Option<"csv", "csv", "std::string", /*default=*/"\"\"",
           "write one CSV row per op to this file ('-': stdout)">,
    Option<"table", "table", "std::string", /*default=*/"\"-\"",
           "print the table to this file ('-': stdout, '': no table) (default: -)">,
    Option<"svg", "svg", "std::string", /*default=*/"\"\"",
           "write SVG charts to this file: energy per level per op, cycles "
           "per op by bottleneck, and a roofline">,
    Option<"strict", "strict", "bool", /*default=*/"false",
           "fail when an op is not costed (after writing the report) (default: false)">
  ];
}

#endif // UNION_DIALECT_UNION_TRANSFORMS_PASSES_TD
