// expected-error @below {{dim 'c' must have a positive size, got -3}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 2, c = -3], tensors = [o[k] : readwrite bits = 16]>} {}
