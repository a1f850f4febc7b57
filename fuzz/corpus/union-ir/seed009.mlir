// expected-error @below {{tensor 'o' must have a positive element width, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [p = 4], tensors = [o[p] : readwrite bits = 0]>} {}
