// Constraints that name what the problem or architecture lacks, presets
// that do not fit, and bad pass options.
// RUN: union-opt %s -split-input-file -verify-diagnostics --union-prune-mapper=strict=true
// RUN: not union-opt %s -split-input-file "--union-prune-hw=dataflow=systolic" 2>&1 | FileCheck %s --check-prefix=PRESET
// RUN: not union-opt %s -split-input-file "--union-prune-mapper=max-tile=L1:k" 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not union-opt %s -split-input-file "--union-prune-mapper=order=k+c" 2>&1 | FileCheck %s --check-prefix=NOLEVEL
// RUN: not union-opt %s -split-input-file "--union-prune-mapper=min-utilization=1.5" 2>&1 | FileCheck %s --check-prefix=FRACTION

// PRESET: error: union-prune-hw: unknown dataflow preset 'systolic' (available: eyeriss, flexible, nvdla, shidiannao, tpu)
// SYNTAX: error: union-prune-mapper: max-tile 'L1:k': expected [LEVEL:]DIM[+DIM...]=N
// NOLEVEL: error: union-prune-mapper: order 'k+c': expected LEVEL:DIM[+DIM...]
// FRACTION: error: union-prune-mapper: min-utilization must be in (0, 1], got 1.5

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>
#problem = #union.problem<dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>

func.func @unknown_level() {
  // expected-error @below {{union-prune-mapper: constraint #union.constraint<mapper max_tile level = "L1" dims = ["k"] value = 4>: unknown storage level 'L1' (levels: DRAM, Buf, RF)}}
  union.compute "g" : () -> () attributes {arch = #arch, problem = #problem,
    union.mapper_constraints = [#union.constraint<mapper max_tile level = "L1" dims = ["k"] value = 4>]} {}
  return
}

// -----

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>
#problem = #union.problem<dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>

func.func @unknown_dim() {
  // expected-error @below {{unknown dim 'K' (dims: m, n, k)}}
  union.compute "g" : () -> () attributes {arch = #arch, problem = #problem,
    union.mapper_constraints = [#union.constraint<mapper order level = "RF" dims = ["K", "m"]>]} {}
  return
}

// -----

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>
#problem = #union.problem<dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>

func.func @unknown_tensor() {
  // expected-error @below {{unknown tensor 'psums' (tensors: a, b, c)}}
  union.compute "g" : () -> () attributes {arch = #arch, problem = #problem,
    union.mapper_constraints = [#union.constraint<mapper stationary level = "RF" tensor = "psums">]} {}
  return
}

// -----

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>
#problem = #union.problem<dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>

// The constraints are read from the enclosing module when the op has none.
module attributes {union.mapper_constraints = [
    #union.constraint<mapper min_tile level = "RF" dims = ["k"] value = 16>]} {
  func.func @tile_above_size() {
    // expected-error-re @below {{the map space of 'g' is empty: mapper constraint 'min_tile(RF: k >= 16)' (from user) removed the last {{[0-9]+}} mappings; tightest resource: the tile of dim 'k' (size 8) must be at least 16 and at most 8}}
    union.compute "g" : () -> () attributes {arch = #arch, problem = #problem} {}
    return
  }
}

// -----

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>
#problem = #union.problem<dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>

func.func @not_a_constraint() {
  // expected-error @below {{'union.mapper_constraints' must hold #union.constraint attributes, got 4 : i64}}
  union.compute "g" : () -> () attributes {arch = #arch, problem = #problem,
    union.mapper_constraints = [4]} {}
  return
}

// -----

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>
#problem = #union.problem<dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>

func.func @shrinking_pad() {
  // expected-error @below {{cannot pad dim 'k' of size 8 to 4}}
  union.compute "g" : () -> () attributes {arch = #arch, problem = #problem,
    union.constraints = [#union.constraint<workload pad dims = ["k"] value = 4>]} {}
  return
}
