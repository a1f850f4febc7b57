// Each case is one malformed or inconsistent input and the precise message
// it must produce.

// expected-error @below {{duplicate dim 'k'}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 4, k = 8], tensors = [o[k] : readwrite bits = 16]>} {}
