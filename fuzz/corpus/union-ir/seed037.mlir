// expected-error @below {{cost: cycles must be non-negative, got -1}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, cost = #union.cost<cycles = -1>} {}
