// expected-error @below {{cost: breakdown entry 'x' must be a number}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, cost = #union.cost<breakdown = {x = "a"}>} {}
