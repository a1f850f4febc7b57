// RUN: union-opt %s --convert-union-to-linalg -split-input-file -verify-diagnostics

// An op imported from a MAESTRO file has no computation to restore.
// expected-error @below {{'union.compute' op has no body to restore (it was not made from a computation, e.g. imported from a MAESTRO file)}}
union.compute "a" : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>} {}
