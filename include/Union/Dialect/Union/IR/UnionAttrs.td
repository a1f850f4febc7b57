//===- UnionAttrs.td - Union dialect attributes ------------*- tablegen -*-===//
//
// Part of the Union project, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef UNION_DIALECT_UNION_IR_UNIONATTRS_TD
#define UNION_DIALECT_UNION_IR_UNIONATTRS_TD

include "Union/Dialect/Union/IR/UnionBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "Union/Dialect/Union/IR/UnionEnums.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"

//===----------------------------------------------------------------------===//
// Parameter helpers
//===----------------------------------------------------------------------===//

// A double printed in its shortest round-tripping decimal form.
class Union_F64Parameter<string desc, string default = "0.0">
    : DefaultValuedParameter<"::mlir::union_::F64", default, desc> {
  let parser = [{ ::mlir::union_::parseDouble($_parser) }];
  let printer = [{ ::mlir::union_::printDouble($_printer, $_self) }];
}

class Union_I64Parameter<string desc, string default>
    : DefaultValuedParameter<"int64_t", default, desc>;

// An exact count up to 2^128 - 1, held as a 128-bit APInt.
class Union_CountParameter<string desc>
    : AttrParameter<"::llvm::APInt", desc> {
  let parser = [{ ::mlir::union_::parseCount($_parser) }];
  let printer = [{ $_printer << ::mlir::union_::formatCount($_self) }];
  let comparator = [{ ::llvm::APInt::isSameValue($_lhs, $_rhs) }];
}

class Union_CountArrayParameter<string desc>
    : ArrayRefParameter<"::mlir::union_::Count", desc>;

class Union_BoolParameter<string desc, string default>
    : DefaultValuedParameter<"bool", default, desc> {
  let parser = [{ ::mlir::union_::parseBool($_parser) }];
  let printer = [{ $_printer << ($_self ? "true" : "false") }];
}

//===----------------------------------------------------------------------===//
// Problem
//===----------------------------------------------------------------------===//

def Union_ProblemAttr : Union_Attr<"Problem", "problem"> {
  let summary = "A tensor operation: iteration dims and affine tensor projections";
  let description = [{
    A problem is a perfectly nested loop over named iteration dims, each with
    a size, and the tensors it touches. Each tensor lists one affine index
    expression per tensor dimension over the iteration dims, a role (`read`,
    or `readwrite` for the output that is accumulated into) and an element
    width in bits. One form covers plain, strided, dilated, depthwise and
    grouped convolutions, GEMM, batched GEMM and any tensor contraction. An
    index may be named with `as <name>` (MAESTRO's data-centric directives
    can then refer to the input's row coordinate, for example).

    ```mlir
    // A 3x3 convolution with stride 2, 64 -> 128 channels.
    #union.problem<dims = [n = 1, k = 128, c = 64, p = 28, q = 28, r = 3, s = 3],
      tensors = [input[n, c, p * 2 + r as y, q * 2 + s as x] : read bits = 16,
                 weight[k, c, r, s] : read bits = 16,
                 output[n, k, p, q] : readwrite bits = 16]>
    ```

    MACs = the product of all dim sizes. The verifier rejects duplicate or
    invalid dim names, non-positive sizes, duplicate tensor names, index
    expressions that are not sums of non-negative multiples of dims, and
    problems without a `readwrite` tensor.
  }];
  let parameters = (ins
    ArrayRefParameter<"::mlir::union_::DimSpec", "iteration dims">:$dims,
    ArrayRefParameter<"::mlir::union_::TensorSpec", "tensors">:$tensors
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The position of the dim called `name`, if any.
    std::optional<unsigned> getDimIndex(::llvm::StringRef name) const;
    /// The size of the dim called `name`, or 0 when there is none.
    int64_t getDimSize(::llvm::StringRef name) const;
    /// The tensor called `name`, or nullptr.
    const ::mlir::union_::TensorSpec *getTensor(::llvm::StringRef name) const;
    /// Number of multiply-accumulates: the product of all dim sizes.
    uint64_t getMacs() const;
    /// Per tensor dimension, the number of distinct index values the
    /// problem touches (max index + 1).
    ::llvm::SmallVector<int64_t> getTensorExtents(unsigned tensor) const;
    /// True when `name` names a dim or a named tensor coordinate.
    bool isKnownIndexName(::llvm::StringRef name) const;
  }];
}

//===----------------------------------------------------------------------===//
// Architecture
//===----------------------------------------------------------------------===//

def Union_StorageLevelAttr : Union_Attr<"StorageLevel", "storage"> {
  let summary = "A storage level (DRAM, global buffer, PE scratchpad)";
  let description = [{
    One buffer per instance (the instance count is the product of the
    fan-outs of the networks above it). `capacity` is in words of `word_bits`
    bits (0: unbounded, e.g. DRAM); bandwidths in words per cycle per
    instance (0: unlimited); energies in pJ per word access (`update_energy`,
    a partial sum's read-modify-write, 0: the write energy); `block_size`
    words move per access (Timeloop's block size; the capacity is a
    multiple of it); `tensors` names the problem tensors this level may
    hold (absent: all).

    ```mlir
    #union.storage<name = "L2", capacity = 65536, word_bits = 16,
                   read_bandwidth = 32.0, write_bandwidth = 32.0,
                   read_energy = 18.61, write_energy = 18.61>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"level name">:$name,
    Union_I64Parameter<"capacity in words (0: unbounded)", "0">:$capacity,
    Union_I64Parameter<"bits per word", "16">:$word_bits,
    Union_F64Parameter<"read bandwidth, words/cycle (0: unlimited)">:$read_bandwidth,
    Union_F64Parameter<"write bandwidth, words/cycle (0: unlimited)">:$write_bandwidth,
    Union_F64Parameter<"energy per word read, pJ">:$read_energy,
    Union_F64Parameter<"energy per word written, pJ">:$write_energy,
    Union_I64Parameter<"words one access moves", "1">:$block_size,
    Union_F64Parameter<"energy per word updated, pJ (0: the write energy)">:$update_energy,
    OptionalParameter<"::mlir::ArrayAttr", "tensors this level may hold">:$tensors
  );
  let assemblyFormat = "`<` struct(params) `>`";
}

def Union_NetworkLevelAttr : Union_Attr<"NetworkLevel", "network"> {
  let summary = "A network fanning out from the storage level above";
  let description = [{
    Connects one instance of the level above to `fanout` instances of the
    level below, arranged as a `mesh_x` x (fanout / mesh_x) mesh (`mesh_x` 0:
    a 1-D array of `fanout`). `bandwidth` is in words per cycle (0:
    unlimited), `latency` in cycles per transfer; `multicast` and
    `reduction` say whether one transfer can feed several destinations and
    whether partial sums are reduced in the network; `hop_energy` is pJ per
    word per hop.

    ```mlir
    #union.network<name = "NoC", fanout = 256, mesh_x = 16, bandwidth = 64.0,
                   latency = 1>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"network name">:$name,
    Union_I64Parameter<"destinations per source instance", "1">:$fanout,
    Union_I64Parameter<"mesh width (0: a 1-D array)", "0">:$mesh_x,
    Union_F64Parameter<"bandwidth, words/cycle (0: unlimited)">:$bandwidth,
    Union_I64Parameter<"latency per transfer, cycles", "0">:$latency,
    Union_BoolParameter<"multicast support", "true">:$multicast,
    Union_BoolParameter<"spatial reduction support", "true">:$reduction,
    Union_F64Parameter<"energy per word per hop, pJ">:$hop_energy
  );
  let assemblyFormat = "`<` struct(params) `>`";
}

def Union_ComputeLevelAttr : Union_Attr<"ComputeLevel", "compute"> {
  let summary = "The MAC units at the leaves of the hierarchy";
  let description = [{
    Each instance performs `vector_width` MACs per cycle at `mac_energy` pJ
    per MAC.

    ```mlir
    #union.compute<name = "MAC", vector_width = 1, mac_energy = 1.0>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"compute level name">:$name,
    Union_I64Parameter<"MACs per cycle per instance", "1">:$vector_width,
    Union_F64Parameter<"energy per MAC, pJ", "1.0">:$mac_energy
  );
  let assemblyFormat = "`<` struct(params) `>`";
}

def Union_ArchitectureAttr : Union_Attr<"Architecture", "arch"> {
  let summary = "A spatial accelerator: a hierarchy of levels, outermost first";
  let description = [{
    `levels` lists `#union.storage`, `#union.network` and `#union.compute`
    attributes from the outermost (usually DRAM) to the MAC units. It must
    start with a storage level and end with exactly one compute level; a
    network multiplies the number of instances of every level below it. The
    same structure is read from JSON architecture files (see
    docs/Architectures.md), and both are checked by one validator.

    ```mlir
    #union.arch<name = "tiny", levels = [
      #union.storage<name = "DRAM", read_energy = 200.0, write_energy = 200.0>,
      #union.storage<name = "L2", capacity = 4096>,
      #union.network<name = "NoC", fanout = 4, bandwidth = 4.0>,
      #union.storage<name = "L1", capacity = 64>,
      #union.compute<name = "MAC">]>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"architecture name">:$name,
    "::mlir::ArrayAttr":$levels
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Position of the level called `name`, if any.
    std::optional<unsigned> getLevelIndex(::llvm::StringRef name) const;
    /// Number of instances of level `index` (product of the fan-outs of the
    /// networks above it).
    int64_t getInstances(unsigned index) const;
    /// Product of the fan-outs of the networks between storage level
    /// `index` and the next storage or compute level below it, times the
    /// compute level's vector width when that level is the compute level.
    int64_t getFanoutBelow(unsigned index) const;
    /// Name of any level attribute.
    static ::llvm::StringRef getLevelName(::mlir::Attribute level);
  }];
}

//===----------------------------------------------------------------------===//
// Mapping
//===----------------------------------------------------------------------===//

def Union_LevelMappingAttr : Union_Attr<"LevelMapping", "level_mapping"> {
  let summary = "The loops one storage level runs, outermost first";
  let description = [{
    Each loop is a dim and a factor (its trip count); `spatial` loops are
    spread over the network below the level, the others run in time. The
    tile a level holds is the product of the factors of the levels inside
    it. `bypass` lists tensors this level does not store.

    ```mlir
    #union.level_mapping<"L2" [k=4, spatial c=16, p=7] bypass [output]>
    ```
  }];
  let parameters = (ins
    "::mlir::StringAttr":$level,
    ArrayRefParameter<"::mlir::union_::LoopSpec", "loops, outermost first">:$loops,
    ArrayRefParameter<"::mlir::StringAttr", "bypassed tensors">:$bypass
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def Union_MappingAttr : Union_Attr<"Mapping", "mapping"> {
  let summary = "A loop-centric mapping: per storage level, its loop nest";
  let description = [{
    Levels are listed outermost first and name storage levels of the
    architecture in the same order. For each dim, the product of its factors
    over all levels must not exceed the dim's size; whatever is left runs as
    an implicit temporal loop at the outermost level. The product of the
    spatial factors at a level must not exceed the fan-out below it.

    ```mlir
    #union.mapping<[
      "DRAM" [k=2],
      "L2" [spatial k=4, p=7, q=7],
      "L1" [c=64, r=3, s=3] bypass [output]]>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"::mlir::union_::LevelMappingAttr", "levels">:$levels
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// MAESTRO dataflow
//===----------------------------------------------------------------------===//

def Union_DataflowAttr : Union_Attr<"Dataflow", "dataflow"> {
  let summary = "MAESTRO's data-centric dataflow directives";
  let description = [{
    The directive list of a MAESTRO `Dataflow` block, outermost first:
    `temporal_map(size, offset) dim`, `spatial_map(size, offset) dim` and
    `cluster(size)`. Clusters cut the list into levels; each level needs one
    or two spatial maps (MAESTRO's rule). A dim is an identifier or a quoted
    string (for MAESTRO's `"Y'"`); a union op checks it against its problem.

    ```mlir
    #union.dataflow<[spatial_map(1, 1) k, temporal_map(2, 2) c,
                     temporal_map(3, 1) y, cluster(2),
                     spatial_map(1, 1) c, temporal_map(3, 3) r]>
    ```
  }];
  let parameters = (ins
    ArrayRefParameter<"::mlir::union_::Directive", "directives">:$directives
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of cluster levels (1 + number of cluster directives).
    unsigned getNumLevels() const;
  }];
}

//===----------------------------------------------------------------------===//
// Map space
//===----------------------------------------------------------------------===//

def Union_ConstraintAttr : Union_Attr<"Constraint", "constraint"> {
  let summary = "A map-space constraint, tagged with its source";
  let description = [{
    One rule that removes mappings from the map space of a union op. The
    source says who imposes it (`hardware`, `workload` or `mapper`), the kind
    what it restricts; `level` names a storage level of the op's
    architecture (absent: every level the rule can apply to), `dims` and
    `y` name problem dims, `tensor` a problem tensor or a role (`input`,
    `weight`, `output`). Kinds and their parameters:

    | kind | meaning |
    |------|---------|
    | `fanout` | spatial factors at a level multiply to at most its fan-out |
    | `mesh` | they can be split over the X and Y axes of a 2-D array |
    | `placement` | a level bypasses the tensors it cannot hold |
    | `capacity` | the tiles a level holds fit its capacity (`value` copies of them when given, e.g. 2 for a cost model that double-buffers) |
    | `mesh_axes` | at `level`, `dims` go along X and `y` along Y |
    | `spatial_dims` | at `level`, only `dims` may be spatial |
    | `stationary` | at `level`, loops over dims `tensor` ignores are innermost |
    | `order` | at `level`, the loops over `dims` keep that relative order |
    | `unit_dims` | loops over size-1 dims sit in a canonical place |
    | `unit_loops` | loops with one iteration sit in a canonical place |
    | `max_tile`, `min_tile` | the tile of each of `dims` at `level` is at most / at least `value` |
    | `pow2_tiles` | tiles below the outermost level are powers of two (or the whole dim) |
    | `min_utilization` | at `level`, spatial factors use at least `fraction` of the fan-out |
    | `pad` | the dim in `dims` is padded to `value` iterations (imperfect factorization; the extra iterations are wasted work) |
    | `minimal_bypass` | levels bypass exactly the tensors they cannot hold |
    | `one_outer_loop` | down to `level`, each dim has temporal loops at one level at most |
    | `keep`, `bypass` | at `level`, `tensor` is kept / bypassed |
    | `temporal_dims` | at `level`, only `dims` may have temporal loops |
    | `spatial_factor` | at `level`, the spatial factor of each of `dims` is `value` |
    | `max_spatial_dims` | at `level`, at most `value` dims have spatial factors above 1 (e.g. 2 for MAESTRO's two cluster levels) |

    ```mlir
    // As the prune passes record them in `union.constraints`:
    [#union.constraint<hardware spatial_dims level = "L2" dims = ["K", "C"]>,
     #union.constraint<mapper max_tile level = "L1" dims = ["P"] value = 7>,
     #union.constraint<mapper min_utilization fraction = 0.5>]
    ```
  }];
  let parameters = (ins
    EnumParameter<Union_ConstraintSource>:$source,
    EnumParameter<Union_ConstraintKind>:$kind,
    OptionalParameter<"::mlir::StringAttr", "storage level">:$level,
    OptionalParameter<"::mlir::ArrayAttr", "problem dims">:$dims,
    OptionalParameter<"::mlir::ArrayAttr", "problem dims along Y">:$y,
    OptionalParameter<"::mlir::StringAttr", "tensor or role">:$tensor,
    Union_I64Parameter<"tile bound", "0">:$value,
    Union_F64Parameter<"fraction of the fan-out">:$fraction
  );
  let assemblyFormat = [{
    `<` $source $kind (`level` `=` $level^)? (`dims` `=` $dims^)? (`y` `=` $y^)?
    (`tensor` `=` $tensor^)? (`value` `=` $value^)? (`fraction` `=` $fraction^)? `>`
  }];
  let genVerifyDecl = 1;
}

def Union_MapSpaceAttr : Union_Attr<"MapSpace", "map_space"> {
  let summary = "The size of an op's map space before and after pruning";
  let description = [{
    Written by the pruning passes next to `union.constraints`: `unpruned` is
    the number of mappings of the op's problem on its architecture with no
    constraint, `size` the number left by all of `union.constraints`, and
    `removed[i]` how many points constraint i removed from what the ones
    before it left. Counts are exact up to 2^128 - 2; 2^128 - 1 stands for
    a count too large to hold (a deep hierarchy's unpruned space, say), and
    a removal next to such a count is written as 2^128 - 1 too (unknown).

    ```mlir
    #union.map_space<unpruned = 884736, size = 390,
                     removed = [96768, 124416, 497664, 67176, 0, 97880, 0, 442]>
    ```
  }];
  let parameters = (ins
    Union_CountParameter<"points with no constraint">:$unpruned,
    Union_CountParameter<"points left">:$size,
    Union_CountArrayParameter<"points removed per constraint">:$removed
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Cost
//===----------------------------------------------------------------------===//

def Union_CostAttr : Union_Attr<"Cost", "cost"> {
  let summary = "The cost of a mapping as computed by a cost model";
  let description = [{
    `cycles` and `macs` are counts, `energy` is in pJ, `utilization` the
    average fraction of MAC units busy (0 to 1). `breakdown` holds named
    figures (per level, per tensor, per action) as float attributes.
    `bottleneck` says what sets the cycles (`compute`, or a level's name
    and `bandwidth`) and `energies` splits `energy` by architecture level
    (pJ), when the model knows them.

    ```mlir
    #union.cost<model = "maestro", cycles = 604, macs = 2304,
                energy = 35484.96, utilization = 0.4768,
                breakdown = {l2_read = 432.0 : f64}>
    ```

    ```mlir
    #union.cost<model = "loopnest", cycles = 4096, macs = 16384,
                energy = 61440.0, utilization = 1.0, breakdown = {},
                bottleneck = "compute",
                energies = {DRAM = 40960.0 : f64, MAC = 16384.0 : f64,
                            RF = 4096.0 : f64}>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"cost model name", [{""}]>:$model,
    Union_I64Parameter<"runtime in cycles", "0">:$cycles,
    Union_I64Parameter<"multiply-accumulates", "0">:$macs,
    Union_F64Parameter<"energy, pJ">:$energy,
    Union_F64Parameter<"average fraction of MAC units busy">:$utilization,
    OptionalParameter<"::mlir::DictionaryAttr", "named figures">:$breakdown,
    OptionalParameter<"::mlir::StringAttr", "what sets the cycles">:$bottleneck,
    OptionalParameter<"::mlir::DictionaryAttr", "energy per level, pJ">:$energies
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

#endif // UNION_DIALECT_UNION_IR_UNIONATTRS_TD
