// A rule that empties one op's map space does not stop the others: the op
// gets a warning naming the rule and the tightest resource, keeps its empty
// space and says why it has no mapping in `union.unmapped`; union-search
// passes the reason on and union-report lists it.
// RUN: union-opt %s --union-prune-hw --union-prune-mapper 2>&1 >/dev/null | FileCheck %s --check-prefix=WARN
// RUN: union-opt %s --union-prune-hw --union-prune-mapper 2>/dev/null | FileCheck %s
// RUN: union-opt %s --union-prune-hw --union-prune-mapper "--union-search=cost-model=loopnest budget=20" "--union-report=table=-" -o /dev/null 2>&1 | FileCheck %s --check-prefix=MAP
// RUN: not union-opt %s --union-prune-hw --union-prune-mapper=strict=true -o /dev/null 2>&1 | FileCheck %s --check-prefix=STRICT

#arch = #union.arch<name = "tiny", levels = [
  #union.storage<name = "DRAM">,
  #union.storage<name = "Buf", capacity = 4096>,
  #union.network<name = "Array", fanout = 16, mesh_x = 4>,
  #union.storage<name = "RF", capacity = 64>,
  #union.compute<name = "MAC">]>

// WARN: warning: the map space of 'gemm' is empty: mapper constraint 'min_tile(RF: k >= 16)' (from user) removed the last {{[0-9]+}} mappings; tightest resource: the tile of dim 'k' (size 8) must be at least 16 and at most 8; it is left without a mapping
// WARN-NOT: error
// CHECK: union.compute "gemm"
// CHECK-SAME: union.map_space = #union.map_space<unpruned = {{[0-9]+}}, size = 0,
// CHECK-SAME: union.unmapped = "its map space is empty: mapper constraint 'min_tile(RF: k >= 16)'
// Its own constraint asks for a k tile larger than k.
union.compute "gemm" : () -> () attributes {arch = #arch, problem = #union.problem<
    dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>,
    union.mapper_constraints = [
      #union.constraint<mapper min_tile level = "RF" dims = ["k"] value = 16>]} {}

// The other op is pruned and mapped as usual.
// CHECK: union.compute "conv"
// CHECK-SAME: union.map_space = #union.map_space<unpruned = {{[0-9]+}}, size = {{[1-9][0-9]*}},
// CHECK-NOT: union.unmapped
union.compute "conv" : () -> () attributes {arch = #arch, problem = #union.problem<
    dims = [k = 4, c = 4, r = 3, p = 16],
    tensors = [i[c, p + r] : read bits = 16, w[k, c, r] : read bits = 16,
               o[k, p] : readwrite bits = 16]>} {}

// MAP: warning: union-search: 'gemm' left without a mapping: its map space is empty: mapper constraint 'min_tile(RF: k >= 16)'
// MAP-NOT: left without a mapping
// MAP: gemm{{ +}}m8 n8 k8{{ +}}512.00 not mapped its map space is empty: mapper constraint 'min_tile(RF: k >= 16)'
// MAP-NEXT: conv{{ +}}k4 c4 r3 p16
// MAP-NEXT: rebuilt{{ +}}m8 n8 k8
// MAP-NEXT: total: 3 ops (2 costed; 1 not mapped: gemm)

// STRICT: error: the map space of 'gemm' is empty: mapper constraint 'min_tile(RF: k >= 16)'

// An op whose space an earlier pruning emptied, rebuilt since with a
// non-empty space, loses the stale reason.
// CHECK: union.compute "rebuilt"
// CHECK-NOT: union.unmapped
// CHECK: }
union.compute "rebuilt" : () -> () attributes {arch = #arch, problem = #union.problem<
    dims = [m = 8, n = 8, k = 8],
    tensors = [a[m, k] : read bits = 16, b[k, n] : read bits = 16,
               c[m, n] : readwrite bits = 16]>,
    union.unmapped = "its map space is empty: an earlier constraint"} {}
