// RUN: union-opt %s -split-input-file -verify-diagnostics

// Each case is one malformed or inconsistent input and the precise message
// it must produce.

// expected-error @below {{duplicate dim 'k'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 4, k = 8], tensors = [o[k] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{dim 'k' must have a positive size, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 0], tensors = [o[k] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{dim 'c' must have a positive size, got -3}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2, c = -3], tensors = [o[k] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{use of undeclared identifier}}
// expected-error @below {{index of tensor 'o' must be an affine expression of the dims (k)}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [o[k, z] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{problem must have a 'readwrite' (output) tensor}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [a[k] : read bits = 16]>} {}

// -----

// expected-error @below {{duplicate tensor 'a'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [a[k] : read bits = 16, a[k] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{expected tensor role 'read' or 'readwrite', got 'write'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2], tensors = [a[k] : write bits = 16]>} {}

// -----

// expected-error @below {{tensor 'i' index #0 must be a sum of non-negative multiples of dims plus a non-negative constant}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4, r = 3], tensors = [i[p - r] : read bits = 16, o[p] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{tensor 'i' index #1 must be a sum of non-negative multiples of dims plus a non-negative constant}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [i[p, p mod 2] : read bits = 16, o[p] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{tensor 'o' must have a positive element width, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 0]>} {}

// -----

// expected-error @below {{tensor 'i' coordinate 'p' clashes with a dim name}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4, r = 3], tensors = [i[p + r as p] : read bits = 16, o[p] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{invalid architecture: levels[2].fanout: expected a positive integer, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L2">, #union.network<name = "N", fanout = 0>, #union.compute<name = "MAC">]>} {}

// -----

// expected-error @below {{invalid architecture: levels[1]: the innermost level must be a compute level, got a storage level}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L2">]>} {}

// -----

// expected-error @below {{invalid architecture: levels[0]: the outermost level must be a storage level, got a network level}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.network<name = "N", fanout = 2>, #union.compute<name = "MAC">]>} {}

// -----

// expected-error @below {{invalid architecture: levels[1].name: duplicate level name 'X' (also levels[0])}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X">, #union.storage<name = "X">, #union.compute<name = "MAC">]>} {}

// -----

// expected-error @below {{invalid architecture: levels[1]: expected #union.storage, #union.network or #union.compute}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X">, 42 : i64, #union.compute<name = "MAC">]>} {}

// -----

// expected-error @below {{invalid architecture: levels[1].mesh_x: mesh width 5 does not divide fanout 12}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X">, #union.network<name = "N", fanout = 12, mesh_x = 5>, #union.compute<name = "MAC">]>} {}

// -----

// expected-error @below {{invalid architecture: levels[0].read_energy: expected a non-negative number, got -2}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X", read_energy = -2.0>, #union.compute<name = "MAC">]>} {}

// -----

// expected-error @below {{invalid architecture: levels[1].vector_width: expected a positive integer, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [m = 8], tensors = [A[m] : readwrite bits = 16]>, arch = #union.arch<name = "a", levels = [#union.storage<name = "X">, #union.compute<name = "MAC", vector_width = 0>]>} {}

// -----

// expected-error @below {{mapping level 'L2': loop over 'k' must have a positive factor, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [k=0]]>} {}

// -----

// expected-error @below {{mapping level 'L2' has two temporal loops over 'k'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [k=2, k=2]]>} {}

// -----

// expected-error @below {{mapping lists level 'L2' twice}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [k=2], L2 [k=2]]>} {}

// -----

// expected-error @below {{expected '=' after loop dim 'spatiall'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [spatiall k=2]]>} {}

// -----

// expected-error @below {{'union.compute' op mapping level 'L2' loops over unknown dim 'z'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L2 [z=2]]>} {}

// -----

// expected-error @below {{'union.compute' op mapping: the factors of dim 'k' multiply to more than its size 8}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[DRAM [k=4], L2 [spatial k=4]]>} {}

// -----

// expected-error @below {{'union.compute' op mapping level 'L2' spreads 8 spatial iterations over a fan-out of 4}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
  arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L2">, #union.network<name = "N", fanout = 4>, #union.storage<name = "L1">, #union.compute<name = "MAC">]>,
  mapping = #union.mapping<[L2 [spatial k=8]]>} {}

// -----

// A vector MAC's lanes are the innermost storage level's fan-out: 4 lanes
// take spatial k=4 at L1 (valid) but not k=8.
// expected-error @below {{'union.compute' op mapping level 'L1' spreads 8 spatial iterations over a fan-out of 4}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
  arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L1">, #union.compute<name = "MAC", vector_width = 4>]>,
  mapping = #union.mapping<[L1 [spatial k=8]]>} {}

// -----

// expected-error @below {{'union.compute' op mapping level 'N' is not a storage level of architecture 'a'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
  arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.network<name = "N", fanout = 4>, #union.compute<name = "MAC">]>,
  mapping = #union.mapping<[N [k=8]]>} {}

// -----

// expected-error @below {{'union.compute' op mapping levels must follow the architecture's order: 'DRAM' is listed after 'L1'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>,
  arch = #union.arch<name = "a", levels = [#union.storage<name = "DRAM">, #union.storage<name = "L1">, #union.compute<name = "MAC">]>,
  mapping = #union.mapping<[L1 [k=2], DRAM [k=4]]>} {}

// -----

// expected-error @below {{'union.compute' op mapping level 'L1' bypasses unknown tensor 'w'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, mapping = #union.mapping<[L1 [k=2] bypass [w]]>} {}

// -----

// expected-error @below {{dataflow level 1 has no spatial_map}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8, c = 4], tensors = [o[k, c] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, cluster(2), temporal_map(1, 1) c]>} {}

// -----

// expected-error @below {{dataflow level 0 has 3 spatial_maps; at most 2 allowed}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8, c = 4, p = 2], tensors = [o[k, c, p] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, spatial_map(1, 1) c, spatial_map(1, 1) p]>} {}

// -----

// expected-error @below {{dataflow directive #1 (temporal_map) must have a positive size, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8, c = 4], tensors = [o[k, c] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, temporal_map(0, 1) c]>} {}

// -----

// expected-error @below {{dataflow directive #0 (spatial_map) must have a positive offset, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 0) k]>} {}

// -----

// expected-error @below {{dataflow level 0 maps 'k' twice}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, temporal_map(2, 2) k]>} {}

// -----

// expected-error @below {{expected 'temporal_map', 'spatial_map' or 'cluster', got 'TemporalMap'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[TemporalMap(1, 1) k]>} {}

// -----

// expected-error @below {{'union.compute' op dataflow maps 'X', which is neither a dim nor a named coordinate of the problem}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) X]>} {}

// -----

// expected-error @below {{cost: utilization must be between 0 and 1, got 1.5}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, cost = #union.cost<cycles = 10, utilization = 1.5>} {}

// -----

// expected-error @below {{cost: cycles must be non-negative, got -1}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, cost = #union.cost<cycles = -1>} {}

// -----

// expected-error @below {{cost: breakdown entry 'x' must be a number}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, cost = #union.cost<breakdown = {x = "a"}>} {}

// -----

func.func @operand_count(%a: tensor<8xf32>) {
  // expected-error @below {{'union.compute' op has 1 operands but the problem has 2 tensors}}
  union.compute (%a) : (tensor<8xf32>) -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [i[k] : read bits = 16, o[k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<8xf32>):
    union.yield
  }
  return
}

// -----

func.func @operand_rank(%a: tensor<8x2xf32>) {
  // expected-error @below {{'union.compute' op operand #0 ('o') has rank 2 but the problem indexes it with 1 expressions}}
  union.compute (%a) : (tensor<8x2xf32>) -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<8x2xf32>):
    union.yield
  }
  return
}

// -----

func.func @operand_too_small(%i: tensor<5xf32>, %o: tensor<4xf32>) {
  // expected-error @below {{'union.compute' op operand #0 ('i') dimension 0 has size 5 but the problem indexes up to 5}}
  union.compute (%i, %o) : (tensor<5xf32>, tensor<4xf32>) -> () attributes {problem = #union.problem<dims = [p = 4, r = 3], tensors = [i[p + r] : read bits = 16, o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<5xf32>, %y: tensor<4xf32>):
    union.yield
  }
  return
}

// -----

func.func @operand_unranked(%o: tensor<*xf32>) {
  // expected-error @below {{'union.compute' op operand #0 ('o') must be a ranked tensor or memref}}
  union.compute (%o) : (tensor<*xf32>) -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<*xf32>):
    union.yield
  }
  return
}

// -----

// expected-error @below {{'union.compute' op has results but no body computing them}}
%0 = union.compute : () -> tensor<4xf32> attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {}

// -----

func.func @body_args(%o: tensor<4xf32>) {
  // expected-error @below {{'union.compute' op body argument #0 has type 'tensor<4xf16>' but operand #0 has type 'tensor<4xf32>'}}
  union.compute (%o) : (tensor<4xf32>) -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<4xf16>):
    union.yield
  }
  return
}

// -----

func.func @body_yield(%o: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{'union.compute' op body yields 0 value(s) whose types do not match the op's 1 result(s)}}
  %0 = union.compute (%o) : (tensor<4xf32>) -> tensor<4xf32> attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 16]>} {
  ^bb0(%x: tensor<4xf32>):
    union.yield
  }
  return %0 : tensor<4xf32>
}

// -----

// expected-error @below {{'union.compute' op requires attribute 'problem'}}
union.compute : () -> () {}

// -----

// expected-error @below {{'union.yield' op expects parent op 'union.compute'}}
union.yield

// -----

// 2^40 * 2^40 iterations do not fit in 64 bits.
// expected-error @below {{problem has more than 2^63 iterations (the product of its dim sizes)}}
union.compute : () -> () attributes {problem = #union.problem<dims = [a = 1099511627776, b = 1099511627776], tensors = [o[a, b] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{tensor 'o' index #0 reaches values beyond 2^63}}
union.compute : () -> () attributes {problem = #union.problem<dims = [a = 1000], tensors = [o[a * 9223372036854775807] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{constraint 'spatial_dims' needs a level}}
func.func private @c1() attributes {c = #union.constraint<hardware spatial_dims dims = ["k"]>}

// -----

// expected-error @below {{constraint 'capacity': the number of copies must not be negative, got -2}}
func.func private @capacity_copies() attributes {c = #union.constraint<mapper capacity level = "L1" value = -2>}

// -----

// expected-error @below {{constraint 'max_spatial_dims' needs a value of at least 1, got 0}}
func.func private @max_spatial_dims_zero() attributes {c = #union.constraint<mapper max_spatial_dims level = "L2">}

// -----

// expected-error @below {{constraint 'max_tile' needs a value of at least 1, got 0}}
func.func private @c2() attributes {c = #union.constraint<mapper max_tile level = "L1" dims = ["k"]>}

// -----

// expected-error @below {{constraint 'min_utilization' needs a fraction in (0, 1], got 2}}
func.func private @c3() attributes {c = #union.constraint<mapper min_utilization fraction = 2.0>}

// -----

// expected-error @below {{constraint 'fanout' takes no dims}}
func.func private @c4() attributes {c = #union.constraint<hardware fanout dims = ["k"]>}

// -----

// expected-error @below {{constraint 'order' repeats dim "k"}}
func.func private @c5() attributes {c = #union.constraint<mapper order level = "L1" dims = ["k", "c", "k"]>}

// -----

// expected-error @below {{constraint 'stationary' needs a tensor}}
func.func private @c6() attributes {c = #union.constraint<hardware stationary level = "L1">}

// -----

// expected-error @below {{only 'mesh_axes' takes y dims}}
func.func private @c7() attributes {c = #union.constraint<hardware spatial_dims level = "L2" dims = ["k"] y = ["c"]>}

// -----

// expected-error @below {{to be one of: hardware, workload, mapper}}
// expected-error @below {{failed to parse Union_ConstraintAttr parameter 'source'}}
func.func private @c8() attributes {c = #union.constraint<user max_tile level = "L1" dims = ["k"] value = 2>}

// -----

// expected-error @below {{map space: size 5 plus the removed points must equal unpruned 10}}
func.func private @m1() attributes {m = #union.map_space<unpruned = 10, size = 5, removed = [4]>}

// -----

// expected-error @below {{a count must be between 0 and 2^128 - 1}}
func.func private @m2() attributes {m = #union.map_space<unpruned = 340282366920938463463374607431768211456, size = 0, removed = []>}
