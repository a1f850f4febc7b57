// expected-error @below {{dataflow directive #0 (spatial_map) must have a positive offset, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 0) k]>} {}
