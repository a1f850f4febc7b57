// RUN: union-opt %s -split-input-file -verify-diagnostics
// The union.* records passes and importers leave on ops are held to their
// schemas: a missing or unknown key, or a value of the wrong kind, is an
// error naming the key.

#problem = #union.problem<dims = [m = 4, n = 2, k = 8],
  tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16,
             C[m, n] : readwrite bits = 16]>

// expected-error @below {{record 'union.search': union.search lacks the key 'cost_model'}}
union.compute "a" : () -> () attributes {problem = #problem,
  union.search = {mapper = "annealing"}} {}

// -----

#problem = #union.problem<dims = [m = 4], tensors = [A[m] : readwrite bits = 16]>
// expected-error @below {{record 'union.search': union.search.evaluated must be an integer, got "many"}}
union.compute "b" : () -> () attributes {problem = #problem,
  union.search = {mapper = "annealing", cost_model = "maestro",
    objective = "edp", space = "12", evaluated = "many", rejected = 0,
    bounded = 0, exhausted = false, timed_out = false, seconds = 0.5,
    seed = 1, threads = 1, rejections = [], best_over_time = [], top = []}} {}

// -----

#problem = #union.problem<dims = [m = 4], tensors = [A[m] : readwrite bits = 16]>
// expected-error @below {{record 'union.search': union.search.best_over_time[0] must have 2 elements, got 1}}
union.compute "c" : () -> () attributes {problem = #problem,
  union.search = {mapper = "annealing", cost_model = "maestro",
    objective = "edp", space = "12", evaluated = 3, rejected = 0,
    bounded = 0, exhausted = false, timed_out = false, seconds = 0.5,
    seed = 1, threads = 1, rejections = [], best_over_time = [[0.1]],
    top = []}} {}

// -----

#problem = #union.problem<dims = [m = 4], tensors = [A[m] : readwrite bits = 16]>
// expected-error @below {{record 'union.maestro_layer': union.maestro_layer has an unknown key 'kind'}}
union.compute "d" : () -> () attributes {problem = #problem,
  union.maestro_layer = {type = "CONV", dimensions = {K = 4}, kind = "x"}} {}

// -----

#problem = #union.problem<dims = [m = 4], tensors = [A[m] : readwrite bits = 16]>
// expected-error @below {{record 'union.maestro_layer': union.maestro_layer.dimensions.K must be an integer, got 4.000000e+00 : f64}}
union.compute "e" : () -> () attributes {problem = #problem,
  union.maestro_layer = {type = "CONV", dimensions = {K = 4.0}}} {}

// -----

#problem = #union.problem<dims = [m = 4], tensors = [A[m] : readwrite bits = 16]>
// expected-error @below {{record 'union.timeloop': union.timeloop.levels.L1 lacks the key 'class'}}
union.compute "f" : () -> () attributes {problem = #problem,
  union.timeloop = {shape = "S", coefficients = [], projections = {},
    containers = [], ert = false,
    levels = {L1 = {written = "L1", path = [], attributes = [],
                    block_size = 1, word_bits = 16, energy = "builtin"}}}} {}

// -----

#problem = #union.problem<dims = [m = 4], tensors = [A[m] : readwrite bits = 16]>
// expected-error @below {{record 'union.timeloop': union.timeloop.coefficients[0][1] must be an integer, got "one"}}
union.compute "g" : () -> () attributes {problem = #problem,
  union.timeloop = {shape = "S", coefficients = [["Wstride", "one", 1]],
    projections = {}, containers = [], ert = false, levels = {}}} {}

// -----

#problem = #union.problem<dims = [m = 4], tensors = [A[m] : readwrite bits = 16]>
// expected-error @below {{'union.constraints' must be an array of #union.constraint attributes, got "all"}}
union.compute "h" : () -> () attributes {problem = #problem,
  union.constraints = "all"} {}

// -----

// expected-error @below {{record 'union.map_space' must be a #union.map_space, got 3 : i64}}
module attributes {union.map_space = 3} {}

// -----

// expected-error @below {{record 'union.maestro_network': union.maestro_network must be a string, got 7 : i64}}
module attributes {union.maestro_network = 7} {}
