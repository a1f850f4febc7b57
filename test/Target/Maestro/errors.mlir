// RUN: not union-translate --import-maestro %S/Inputs/missing-brace.m 2>&1 | FileCheck %s --check-prefix=IMPORT
// RUN: not union-translate --import-maestro %S/Inputs/does-not-exist.m 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: union-translate --export-maestro %s -split-input-file -verify-diagnostics

// IMPORT: missing-brace.m:6:21: error: expected a directive or '}' (end of file)
// MISSING: does-not-exist.m{{.*}}No such file or directory

// expected-error @below {{'union.compute' op has no dataflow to evaluate or write as a MAESTRO Dataflow block}}
union.compute "a" : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>} {}

// -----

// expected-error @below {{'union.compute' op cannot be written as a MAESTRO layer: it has no union.maestro_layer record and its problem is neither a GEMM (C[m, n] += A[m, k] * B[k, n]) nor an undilated convolution}}
union.compute "b" : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k]>} {}

// -----

// expected-error @below {{'union.compute' op union.maestro_layer dimension 'K' must be a positive integer}}
union.compute "c" : () -> () attributes {problem = #union.problem<dims = [K = 8], tensors = [o[K] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) K]>, union.maestro_layer = {type = "CONV", dimensions = {K = 0}}} {}

// -----

// expected-error @below {{'union.compute' op cannot be written as a MAESTRO layer: MAESTRO has no dilated convolutions}}
union.compute "dilated" : () -> () attributes {problem = #union.problem<dims = [K = 4, C = 2, P = 4, Q = 4, R = 3, S = 3], tensors = [input[C, P + R * 2, Q + S * 2] : read bits = 16, filter[K, C, R, S] : read bits = 16, output[K, P, Q] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) K]>} {}

// -----

// expected-error @below {{'union.compute' op dataflow maps 'Z', which has no MAESTRO dimension}}
union.compute "gemm" : () -> () attributes {problem = #union.problem<dims = [m = 4, n = 4, k = 4, Z = 2], tensors = [A[m, k] : read bits = 16, B[k, n] : read bits = 16, C[m, n] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) Z]>, union.maestro_layer = {type = "GEMM", dimensions = {M = 4, N = 4, K = 4}}} {}
