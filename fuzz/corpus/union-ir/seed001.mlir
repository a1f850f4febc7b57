// expected-error @below {{dim 'k' must have a positive size, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 0], tensors = [o[k] : readwrite bits = 16]>} {}
