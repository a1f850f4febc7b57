// expected-error @below {{dataflow directive #1 (temporal_map) must have a positive size, got 0}}
union.compute : () -> () attributes {problem = #union.problem<dims = [k = 8, c = 4], tensors = [o[k, c] : readwrite bits = 16]>, dataflow = #union.dataflow<[spatial_map(1, 1) k, temporal_map(0, 1) c]>} {}
