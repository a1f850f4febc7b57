// expected-error @below {{dataflow level 0 maps 'k' twice}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8], tensors = [o[k] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, temporal_map(2, 2) k]>} {}
