// expected-error @below {{cost: utilization must be between 0 and 1, got 1.5}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, cost = #union.cost<cycles = 10, utilization = 1.5>} {}
